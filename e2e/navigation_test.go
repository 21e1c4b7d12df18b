package e2e

import (
	"time"

	"github.com/chromedp/chromedp"
)

// loads runs act, a click or submit that loads a new page, and waits until
// that page shows css. A plain WaitVisible after such a click can find the
// element on the page being left, and the next step then acts on a node
// that is gone ("could not find node"): so the old page is marked first,
// and the wait starts once a page without the mark has loaded. Asking the
// browser while it switches pages can fail; it is asked again.
func (b *tab) loads(act chromedp.Action[chromedp.Void], css string) {
	b.t.Helper()
	b.eval(`window.e2eLeaving = true; ""`)
	b.do(act)
	deadline := time.Now().Add(time.Minute) // a guard against hangs, not a speed check
	for {
		arrived, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`!window.e2eLeaving && document.readyState !== "loading"`))
		if err == nil && arrived {
			break
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("the next page did not load (last error: %v)", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.do(chromedp.WaitVisible(chromedp.CSS(css)))
}
