package web_test

import (
	"context"
	"strings"
)

// writtenTables are the tables a request may write, each with a fingerprint
// that changes whenever a row is inserted, updated or deleted: the row
// versions' transaction ids (xmin) with their places. An API token's last
// use is recorded on every call, so api_tokens counts only which exist and
// which are revoked.
var writtenTables = map[string]string{
	"users": "", "candidates": "", "candidate_languages": "", "vacancies": "", "vacancy_languages": "",
	"exclusion_rules": "", "audit_log": "", "sessions": "", "index_changes": "", "shortlists": "",
	"api_tokens": "SELECT count(*)::text || '/' || count(revoked_at)::text || '/' || coalesce(max(id), 0)::text FROM api_tokens",
}

// dbState fingerprints every table a request may write, so a test can tell
// that a refused request wrote nothing at all.
func (a *testApp) dbState() map[string]string {
	a.t.Helper()
	ctx := context.Background()
	var names, parts []string
	for table, q := range writtenTables {
		if q == "" {
			q = "SELECT count(*)::text || '/' || md5(coalesce(string_agg(ctid::text || xmin::text, ',' ORDER BY ctid), '')) FROM " + table
		}
		names, parts = append(names, table), append(parts, "("+q+")")
	}
	vals := make([]string, len(parts))
	dst := make([]any, len(parts))
	for i := range vals {
		dst[i] = &vals[i]
	}
	if err := a.conn.QueryRow(ctx, "SELECT "+strings.Join(parts, ", ")).Scan(dst...); err != nil {
		a.t.Fatal(err)
	}
	out := map[string]string{}
	for i, n := range names {
		out[n] = vals[i]
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
