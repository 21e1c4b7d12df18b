// jobmatch: progressive enhancement only; every flow works without JavaScript.
// After htmx swaps in new results, move keyboard focus to them so keyboard and
// screen-reader users land on what changed.
document.addEventListener("htmx:afterSwap", function (evt) {
  var target = evt.detail.target;
  if (target && target.id === "results") {
    var heading = target.querySelector("[data-focus]") || target;
    if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
    heading.focus();
  }
});
