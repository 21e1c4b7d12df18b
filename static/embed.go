// Package static holds the CSS, JavaScript and vendored front-end libraries
// (Pico CSS, htmx; see vendor/VERSIONS and their licences) served under /static.
package static

import "embed"

// FS is served at /static/ with long cache lifetimes; file names of vendored
// libraries change with their version directory, our own files are small.
//
//go:embed css js vendor
var FS embed.FS
