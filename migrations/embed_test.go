package migrations

import (
	"fmt"
	"io/fs"
	"testing"
)

func TestEveryMigrationHasUpAndDown(t *testing.T) {
	for v := uint(1); v <= Latest(); v++ {
		for _, dir := range []string{"up", "down"} {
			matches, err := fsGlob(fmt.Sprintf("%06d_*.%s.sql", v, dir))
			if err != nil || len(matches) != 1 {
				t.Errorf("version %d: %d %s files (%v), want exactly 1", v, len(matches), dir, err)
			}
		}
	}
	if Latest() < 2 {
		t.Errorf("Latest() = %d", Latest())
	}
}

func fsGlob(pattern string) ([]string, error) { return fs.Glob(FS, pattern) }
