package matching

import (
	"fmt"
	"strings"
	"time"
)

// Role decides what a user may see and do; it is checked on the server for
// every request.
type Role string

// Roles.
const (
	RoleCandidate Role = "candidate" // own profile and position search
	RoleRecruiter Role = "recruiter" // own vacancies and candidate search for them
	RoleAdmin     Role = "admin"     // exclusion rules, users, audit log, imports, erasure
)

// ParseRole reads a role name.
func ParseRole(s string) (Role, error) {
	switch r := Role(strings.ToLower(strings.TrimSpace(s))); r {
	case RoleCandidate, RoleRecruiter, RoleAdmin:
		return r, nil
	}
	return "", fmt.Errorf("%q is not a role; use candidate, recruiter or admin", s)
}

// User is an account. PasswordHash is a self-describing hash string, never the
// password, and is never serialised.
type User struct {
	ID           int64     `json:"id"`
	Email        string    `json:"email"`
	Role         Role      `json:"role"`
	PasswordHash string    `json:"-"`
	CreatedAt    time.Time `json:"created_at"`
}

// Actor is who performs a change, for the audit log. The zero Actor is the
// system itself (seeding, migrations).
type Actor struct {
	UserID int64  // 0 for the system or an anonymous caller
	Label  string // readable name kept in the log, e.g. an email or "system"
}

// System is the actor for changes made by jobmatch itself.
var System = Actor{Label: "system"}

// AuditEntry records who did what to which record, when.
type AuditEntry struct {
	ID       int64
	At       time.Time
	Actor    Actor
	Action   string // e.g. "create", "update", "delete"
	Entity   string // e.g. "candidate", "vacancy", "exclusion_rule"
	EntityID int64
	Detail   map[string]any
}

// APIToken is a named credential for the JSON API. Only a hash of its secret
// is stored; the secret is shown once, when it is created.
type APIToken struct {
	ID         int64
	UserID     int64
	Name       string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// CanManageVacancy reports whether u may change vacancy v: its recruiter, or an admin.
func (u User) CanManageVacancy(v Vacancy) bool {
	return u.Role == RoleAdmin || (u.Role == RoleRecruiter && v.RecruiterID == u.ID)
}

// CanSeeCandidate reports whether u may see candidate c: the candidate's own
// account always; recruiters and admins only profiles that opted in.
func (u User) CanSeeCandidate(c Candidate) bool {
	switch u.Role {
	case RoleCandidate:
		return c.UserID == u.ID
	case RoleRecruiter, RoleAdmin:
		return c.Searchable || u.Role == RoleAdmin
	}
	return false
}

// Actor returns u as the author of a change, for the audit log.
func (u User) Actor() Actor { return Actor{UserID: u.ID, Label: u.Email} }

// CanSeeVacancy reports whether u (the zero User for visitors) may see v:
// open vacancies are public job ads; closed ones are history that only
// recruiters and admins look at.
func (u User) CanSeeVacancy(v Vacancy) bool {
	return v.Status == StatusOpen || u.Role == RoleRecruiter || u.Role == RoleAdmin
}
