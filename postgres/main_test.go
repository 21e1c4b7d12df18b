package postgres_test

import (
	"testing"

	"jobmatch/postgres/pgtest"
)

var testDB *pgtest.Database

func TestMain(m *testing.M) {
	pgtest.Main(m, "postgres", func(db *pgtest.Database) int {
		testDB = db
		return m.Run()
	})
}
