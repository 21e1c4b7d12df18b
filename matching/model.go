package matching

import (
	"encoding/json"
	"time"
)

// ModelVersion is a title-encoder model the admins may promote: its
// version string (the one stored next to every vector), its manifest as
// the model wrote it, where its files are ("" for the model built into the
// binary), and who trained and promoted it.
type ModelVersion struct {
	Version    string          `json:"version"`
	Manifest   json.RawMessage `json:"manifest"`
	Dir        string          `json:"dir"`
	TrainedBy  int64           `json:"trained_by"`
	CreatedAt  time.Time       `json:"created_at"`
	PromotedBy int64           `json:"promoted_by"`
	PromotedAt *time.Time      `json:"promoted_at,omitempty"`
	Current    bool            `json:"current"`
}
