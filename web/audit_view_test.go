package web

import (
	"testing"

	"jobmatch/matching"
	"jobmatch/views/pages"
)

func TestAuditChangesShowOldAndNewValuesFieldByField(t *testing.T) {
	rule := func(action string, detail map[string]any) matching.AuditEntry {
		return matching.AuditEntry{Action: action, Entity: "exclusion_rule", EntityID: 7, Detail: detail}
	}
	entries := []matching.AuditEntry{ // newest first, as the store lists them
		rule("update", map[string]any{"reason": "a < b", "enabled": false, "min_score_a": 0.86, "expires_at": nil}),
		{Action: "update", Entity: "candidate", EntityID: 7, Detail: map[string]any{"desired_title": "Nurse"}},
		rule("update", map[string]any{"reason": "old", "enabled": true, "min_score_a": 0.86, "expires_at": "2027-01-31T23:59:59Z"}),
		rule("create", map[string]any{"anchor_a": "Nurse", "reason": "old"}),
		rule("create", map[string]any{"anchor_a": "Nurse", "reason": "older"}), // a create is never compared
	}
	got := auditChanges(entries)
	want := [][]pages.AuditChange{
		{{Field: "enabled", Old: "yes", New: "no", Changed: true}, {Field: "expires at", Old: "2027-01-31 23:59 UTC", New: "none", Changed: true},
			{Field: "reason", Old: "old", New: "a < b", Changed: true}},
		{{Field: "desired title", New: "Nurse"}},
		{{Field: "enabled", New: "yes"}, {Field: "expires at", New: "2027-01-31 23:59 UTC"}, {Field: "minimum score A", New: "0.86"}},
		{{Field: "anchor A", New: "Nurse"}, {Field: "reason", New: "old"}},
		{{Field: "anchor A", New: "Nurse"}, {Field: "reason", New: "older"}},
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d", len(got), len(want))
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Errorf("entry %d: %+v, want %+v", i, got[i], want[i])
			continue
		}
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Errorf("entry %d field %d: %+v, want %+v", i, j, got[i][j], want[i][j])
			}
		}
	}
}
