// Package layouts holds the frame every page is drawn in.
package layouts

// Page is what the frame needs to know about the current page.
type Page struct {
	Title string // shown in the tab, after "jobmatch — "
	Nav   string // which navigation entry is current: "vacancies", "candidates"
	CSRF  string // token for forms and htmx requests on this page
}
