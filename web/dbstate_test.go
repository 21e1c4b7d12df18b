package web

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// writtenTables are the tables a request may write, with what of each row
// counts as written: everything, except that an API token's last use is
// recorded on every call.
var writtenTables = map[string]string{
	"users": "t::text", "candidates": "t::text", "candidate_languages": "t::text", "vacancies": "t::text",
	"vacancy_languages": "t::text", "exclusion_rules": "t::text", "audit_log": "t::text", "sessions": "t::text",
	"api_tokens": "(t.id, t.name, t.revoked_at)::text", "index_changes": "t::text", "shortlists": "t::text",
}

// dbState fingerprints every row of every table a request may write, so a
// test can tell that a refused request wrote nothing at all.
func (a *testApp) dbState() map[string]string {
	a.t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, testDB.URL)
	if err != nil {
		a.t.Fatal(err)
	}
	defer conn.Close(ctx)
	out := map[string]string{}
	for table, row := range writtenTables {
		var s string
		q := `SELECT count(*)::text || ' ' || md5(coalesce(string_agg(` + row + `, ',' ORDER BY ` + row + `), '')) FROM ` + table + ` t`
		if err := conn.QueryRow(ctx, q).Scan(&s); err != nil {
			a.t.Fatalf("%s: %v", table, err)
		}
		out[table] = s
	}
	return out
}

// changedTables lists the tables whose rows differ between two states.
func changedTables(before, after map[string]string) []string {
	var out []string
	for table, s := range before {
		if after[table] != s {
			out = append(out, table)
		}
	}
	return out
}

func (a *testApp) requireUnchanged(before map[string]string, what string) {
	a.t.Helper()
	if changed := changedTables(before, a.dbState()); len(changed) > 0 {
		a.t.Errorf("%s wrote to %v", what, changed)
	}
}
