// Package layouts holds the frame every page is drawn in.
package layouts

// Page is what the frame needs to know about the current page and visitor.
type Page struct {
	Title string // shown in the tab, before " · jobmatch"
	Nav   string // which navigation entry is current: "vacancies", "candidates", ...
	CSRF  string // token for forms and htmx requests on this page
	Email string // the signed-in user's email; "" for visitors
	Role  string // "candidate", "recruiter", "admin" or ""
}
