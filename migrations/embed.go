// Package migrations holds the numbered golang-migrate SQL files that define
// the Postgres schema. They are embedded so the binary can migrate a database
// without the source tree.
package migrations

import (
	"embed"
	"fmt"
)

// FS holds every *.sql migration; golang-migrate reads it through its iofs source.
//
//go:embed *.sql
var FS embed.FS

// Latest returns the highest migration version embedded, the schema version
// a fully migrated database reports.
func Latest() uint {
	entries, _ := FS.ReadDir(".")
	var latest uint
	for _, e := range entries {
		var v uint
		if _, err := fmt.Sscanf(e.Name(), "%d_", &v); err == nil && v > latest {
			latest = v
		}
	}
	return latest
}
