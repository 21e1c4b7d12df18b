package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"jobmatch/matching"
	"jobmatch/views/pages"
)

// auditFieldNames are the readable names of audit detail keys that are not
// just the key with spaces.
var auditFieldNames = map[string]string{
	"anchor_a": "anchor A", "anchor_b": "anchor B", "min_score_a": "minimum score A", "min_score_b": "minimum score B",
	"similarity_a": "similarity A (before scores)", "similarity_b": "similarity B (before scores)",
}

// auditChanges turns each entry's detail (newest first, as the store lists
// them) into field-by-field changes. An entry stores the record's values
// after the change, so for an update the old value of a field is its value
// in the nearest older entry of the same record that recorded it; fields an
// update left as they were are omitted. Other actions (create, erase,
// shortlist_add, ...) show their values as recorded. Values are plain text:
// templ escapes them.
func auditChanges(entries []matching.AuditEntry) [][]pages.AuditChange {
	out := make([][]pages.AuditChange, len(entries))
	for i, e := range entries {
		keys := make([]string, 0, len(e.Detail))
		for k := range e.Detail {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		changes := []pages.AuditChange{}
		for _, k := range keys {
			ch := pages.AuditChange{Field: auditFieldName(k), New: auditValue(e.Detail[k])}
			if old, ok := olderValue(entries[i+1:], e, k); ok {
				ch.Old = auditValue(old)
				if ch.Old == ch.New {
					continue
				}
				ch.Changed = true
			}
			changes = append(changes, ch)
		}
		out[i] = changes
	}
	return out
}

// olderValue finds the value of key before the update e, in older (entries
// further down the list) of the same record.
func olderValue(older []matching.AuditEntry, e matching.AuditEntry, key string) (any, bool) {
	if e.Action != "update" || e.EntityID == 0 {
		return nil, false
	}
	for _, o := range older {
		if o.Entity == e.Entity && o.EntityID == e.EntityID {
			if v, ok := o.Detail[key]; ok {
				return v, true
			}
		}
	}
	return nil, false
}

func auditFieldName(key string) string {
	if n, ok := auditFieldNames[key]; ok {
		return n
	}
	return strings.ReplaceAll(key, "_", " ")
}

// auditValue writes one detail value (as decoded from JSON) for people.
func auditValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "none"
	case string:
		if v == "" {
			return "empty"
		}
		if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return t.UTC().Format("2006-01-02 15:04 UTC")
		}
		return v
	case bool:
		if v {
			return "yes"
		}
		return "no"
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	default:
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false) // templ escapes the text; JSON's \u003c would show literally
		if err := enc.Encode(v); err != nil {
			return fmt.Sprint(v)
		}
		return strings.TrimSpace(b.String())
	}
}
