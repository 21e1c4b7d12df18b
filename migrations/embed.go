// Package migrations holds the numbered golang-migrate SQL files that define
// the Postgres schema. They are embedded so the binary can migrate a database
// without the source tree.
package migrations

import "embed"

// FS holds every *.sql migration; golang-migrate reads it through its iofs source.
//
//go:embed *.sql
var FS embed.FS
