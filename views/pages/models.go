// Package pages holds one templ component per screen. Each is fed a view
// model shaped like the screen, never a database row.
package pages

import (
	"jobmatch/views/components"
	"jobmatch/views/layouts"
)

// VacancyRow is one line of the vacancy list.
type VacancyRow struct {
	URL, Title, Employer, Location string
	Remote, Closed                 bool
	Languages                      []components.Skill
	Posted                         string
}

// VacancyList is the vacancy list screen.
type VacancyList struct {
	Layout    layouts.Page
	Filters   components.Filters
	Rows      []VacancyRow
	Total     int
	Pager     components.Pager
	Problem   string // a filter error summary; rows are empty then
	CanCreate bool   // recruiters and admins see "New vacancy" and closed ones
}

// VacancyDetail is one vacancy's page.
type VacancyDetail struct {
	Layout                             layouts.Page
	Title, Employer, Location, Status  string
	Remote, Closed                     bool
	Description                        string
	Languages                          []components.Skill
	Created, Updated, EditURL, BackURL string
	CandidatesURL                      string
	Shortlist                          []MatchRow // shown to the vacancy's recruiter
}

// CandidateRow is one line of the candidate list.
type CandidateRow struct {
	URL, Name, DesiredTitle, Location string
	OpenToRemote                      bool
	Languages                         []components.Skill
}

// CandidateList is the candidate list screen.
type CandidateList struct {
	Layout  layouts.Page
	Filters components.Filters
	Rows    []CandidateRow
	Total   int
	Pager   components.Pager
	Problem string
	IsAdmin bool // admins may add profiles and see those not opted in
}

// CandidateDetail is one candidate's page.
type CandidateDetail struct {
	Layout                              layouts.Page
	Name, Email, DesiredTitle, Location string
	OpenToRemote, Searchable            bool
	Languages                           []components.Skill
	Created, Updated, BackURL           string
	EraseURL                            string // admins only
}

// ErrorPage explains what went wrong and what to do next, without internals.
type ErrorPage struct {
	Layout    layouts.Page
	Status    int
	Heading   string
	Message   string
	RequestID string
}

// TokenRow is one API token on the account page.
type TokenRow struct {
	ID                      int64
	Name, Created, LastUsed string
	Revoked                 bool
	RevokeURL               string
}

// Account is the account page: who you are and your API tokens.
type Account struct {
	Layout      layouts.Page
	Email, Role string
	Tokens      []TokenRow
	NewToken    string // a token just created, shown this once
	NameError   string
}

// MatchRow is one ranked result: a vacancy or a candidate.
type MatchRow struct {
	URL, Title, Subtitle string
	Band                 string // high, medium, low
	Similarity           string // "0.83"
	Verdict              string // the band in words with the score: "strong match · 92 %"
	Good                 bool   // scores at least the "good match" cut-off
	Reasons              string // "Munich, 12 km · German C1 ≥ B2"
	// Shortlisting (recruiter pages only): the form posts CandidateID to
	// ShortlistURL, adding or removing it.
	ShortlistURL string
	CandidateID  int64
	Shortlisted  bool
	// Decide sets the result aside ("not a fit", "not for me") or, on the
	// dismissed tab, puts it back; empty URL: no such form.
	Decide DecideForm
}

// DecideForm posts a decision about one result: ID as Field with Verdict
// (and an optional reason) to URL, or with Undo a withdrawal; the handler
// sends the browser back to Next.
type DecideForm struct {
	URL, Field     string
	ID             int64
	Verdict, Label string
	Undo           bool
	Next           string
}

// Link is a labelled address.
type Link struct{ Label, URL string }

// MatchForm is the search form above ranked results.
type MatchForm struct {
	Action                   string
	ShowTitle                bool // free-text title search
	Title, Country, City     string
	Radius, Remote           string
	ShowLanguageToggle       bool // the candidate can limit to their languages
	MyLanguages              bool
	Countries, RemoteOptions []components.Option
	Errors                   map[string]string
}

// MatchList is a page of ranked results with what shaped them.
type MatchList struct {
	Layout         layouts.Page
	Heading, Intro string
	Form           MatchForm
	Rows           []MatchRow
	Noun           string // "position" or "candidate"
	Total, Hidden  int
	Rules          []string // "Java Developer ↛ JavaScript Developer (different skills): 4 removed"
	// GoodTotal of Total score at least the cut-off; the others are listed
	// only with ShowAll, and the links switch between the two views with the
	// filters kept.
	GoodTotal               int
	ShowAll                 bool
	ShowAllURL, GoodOnlyURL string
	Query                   string // the title searched for, quoted when nothing good matches
	Suggestions             []Link // well-known titles near an unmatched query
	Unrecognised            bool   // the encoder did not recognise the query title
	Pager                   components.Pager
	Problem                 string
	Searched                bool
	ExportURL               string // CSV of the whole result set
	// The list's owner can set results aside; they are counted and listed
	// under their own tab (DismissedTab: this page is that tab).
	Dismissed             int
	DismissedTab          bool
	DismissedLabel        string // "Not a fit", "Not for me"
	ListURL, DismissedURL string
}

// RuleRow is one exclusion rule in the admin list.
type RuleRow struct {
	ID                 int64
	AnchorA, AnchorB   string
	Thresholds         string // "A ≥ 0.80, B ≥ 0.75"
	Reason, Author     string
	Created, Expires   string
	Enabled, Active    bool
	ToggleURL, EditURL string
	AuditURL           string
}

// RuleList is the admin page of exclusion rules with the create form.
type RuleList struct {
	Layout  layouts.Page
	Rows    []RuleRow
	Form    RuleForm
	Preview RulePreview // filled when the preview was asked for without JavaScript
}

// RuleForm creates or edits a rule; it previews before saving.
type RuleForm struct {
	ID                   int64 // 0 for a new rule
	Heading              string
	Action, Submit       string
	AnchorA, AnchorB     string
	MinScoreA, MinScoreB string // percentages
	Reason, ExpiresAt    string
	Enabled              bool
	Errors               map[string]string
	Summary              string
}

// RulePreview is the live answer to "which rules fire for this query, and
// what do they remove?".
type RulePreview struct {
	Query   string
	Problem string
	Rules   []RulePreviewRow
}

// RuleReach shows, while a rule is edited, how many records each of its
// thresholds reaches around its anchor.
type RuleReach struct {
	Problem string
	Sides   []ReachSide
}

// ReachSide is one anchor's reach: a sentence and a histogram of the scores
// of the records around it (ReachWidth × ReachHeight pixels).
type ReachSide struct {
	Heading    string
	Text       string
	Bars       []ReachBar
	ThresholdX int       // where the threshold line is drawn
	Axis       [3]string // labels of the left end, middle and right end
	Summary    string    // the histogram in words, for screen readers
}

// ReachBar is one histogram bin.
type ReachBar struct {
	X, Y, Width, Height int
	Label               string // the bin's range and counts, shown on hover
	Reached             bool   // at or above the threshold
}

// Histogram geometry of ReachSide, in SVG user units.
const (
	ReachWidth  = 300
	ReachHeight = 64
)

// RulePreviewRow is one fired rule in the preview.
type RulePreviewRow struct {
	Text     string
	Examples []string
}

// AuditRow is one audit log entry.
type AuditRow struct {
	At, Actor, Action string
	Changes           []AuditChange
}

// AuditChange is one field of an audit entry: its value, and the value it
// replaced when the previous entry of the same record is known and differs.
type AuditChange struct {
	Field, Old, New string
	Changed         bool // Old → New; otherwise New is the recorded value
}

// RuleAudit is the audit trail of one rule.
type RuleAudit struct {
	Layout layouts.Page
	Title  string
	Rows   []AuditRow
}

// EraseCandidate is the typed confirmation of a GDPR erasure.
type EraseCandidate struct {
	Layout      layouts.Page
	Name, Email string
	Action      string
	Typed       string
	Problem     string
}

// ImportPage is the CSV import: the upload form, then the validation report,
// then the progress of the import.
type ImportPage struct {
	Layout   layouts.Page
	Kind     string
	Columns  map[string]string // kind → its columns, for the help text
	Problem  string            // the file could not be used at all
	Report   *ImportReport
	Progress *ImportProgress
}

// ImportReport is the validation of an uploaded file.
type ImportReport struct {
	FileName         string
	Kind             string
	Rows, Valid, Bad int
	Problems         []ImportProblem
	StartURL         string // starts the import of the valid rows
}

// ImportProblem is one problem of one row.
type ImportProblem struct {
	Row            int
	Field, Message string
}

// ImportProgress is polled while an import runs.
type ImportProgress struct {
	URL              string
	Done, Total      int
	Created, Skipped int
	Finished         bool
	Error            string
	Percent          int
}

// MapDot is one title on the title-space map, in SVG coordinates.
type MapDot struct {
	CX, CY string
	Colour string
	Title  string
	Href   string // the vacancy list filtered to this title
}

// MapLabel names an island at its centre with its most common title.
type MapLabel struct {
	X, Y   string
	Text   string
	Narrow bool // placed for a phone's narrow map (bigger, fewer labels)
}

// MapCluster is one entry of the map's legend (an ISCO major group) or of
// its island table.
type MapCluster struct {
	Colour    string
	Name      string // the group's name, or the island's most common title
	Group     string // an island's main ISCO major group, when known
	Titles    int    // distinct titles
	Vacancies int    // sampled vacancies carrying them
	Examples  string
}

// TitleMap is the admin's picture of the title space.
type TitleMap struct {
	Layout   layouts.Page
	Dots     []MapDot
	Labels   []MapLabel
	Legend   []MapCluster // ISCO major groups shown, when ByGroup
	Clusters []MapCluster // islands, largest first
	ByGroup  bool         // dots are coloured by ISCO major group, else by island
	Width    int
	Height   int
	// Shown distinct titles, from Sampled of Open open vacancies, formatted.
	Shown, Sampled, Open string
	Sampling             bool // the map is full: more titles exist than it shows
}

// ModelList compares the title-encoder model versions side by side: one
// column per version, the current one first; one row per measure.
type ModelList struct {
	Layout   layouts.Page
	Columns  []ModelColumn
	Rows     []ModelRow
	Verdicts []ModelVerdict // the promotion guard on each version but the current one
	Problem  string         // why the last promotion was refused
	// Training from the page: CanTrain when a trainer is configured, the
	// newest runs of every server, newest first.
	CanTrain bool
	Training bool // a run is going on
	Runs     []TrainRun
}

// TrainRun is one training run in the background.
type TrainRun struct {
	ID      int
	URL     string // its status fragment
	Started string
	Percent int
	Stage   string
	Done    bool
	Err     string
	Version string
}

// ModelColumn is one model version. Dir is where its files are, shortened
// to the directory's name; Path is the whole path, shown on hover.
type ModelColumn struct {
	Version, Status, Created, Dir, Path string
}

// ModelRow is one measure across the versions ("—" where not measured).
type ModelRow struct {
	Measure string
	Values  []string
	Better  []bool // the value beats the current model's
}

// ModelVerdict says whether a version may be promoted, and why.
type ModelVerdict struct {
	Version     string
	OK          bool
	Reasons     []string
	CanRollBack bool // it was current before
}

// UserRow is one account in the admin list.
type UserRow struct {
	Email, Role, Created string
}

// UserList is the admin's list of accounts.
type UserList struct {
	Layout layouts.Page
	Rows   []UserRow
	Total  int
	Pager  components.Pager
}

// AuditList is the admin's view of the audit log.
type AuditList struct {
	Layout   layouts.Page
	Entity   string
	Entities []components.Option
	Rows     []AuditRow
}
