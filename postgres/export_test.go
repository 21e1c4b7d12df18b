package postgres

import "time"

// SetClock makes db read the time from now, for tests of time-based limits.
func SetClock(db *DB, now func() time.Time) { db.now = now }
