// Package views holds jobmatch's templ components, organised as layouts/
// (page frame), components/ (small reusable pieces), forms/ (forms that carry
// their own validation state) and pages/ (one per screen, each fed a view model
// shaped like the screen). Generated *_templ.go files are committed.
package views
