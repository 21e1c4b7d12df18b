package demo

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"time"

	"jobmatch/auth"
	"jobmatch/matching"
)

// Store is what seeding needs from the database.
type Store interface {
	Counts(ctx context.Context) (vacancies, candidates int, err error)
	CreateUser(ctx context.Context, actor matching.Actor, u *matching.User) error
	CreateVacancies(ctx context.Context, actor matching.Actor, vs []*matching.Vacancy) error
	CreateCandidates(ctx context.Context, actor matching.Actor, cs []*matching.Candidate) error
	ImportDecisions(ctx context.Context, actor matching.Actor, ds []matching.Decision) error
}

// Encoder turns titles into vectors; unreadable titles get a zero vector
// (*encoder.Encoder).
type Encoder interface {
	EncodeTitles(ctx context.Context, titles []string) ([]matching.TitleVector, error)
}

// Account is a demo sign-in created by Seed. Password is only known at
// creation time (the database keeps a hash), so Seed returns it to be shown once.
type Account struct {
	Email    string
	Role     matching.Role
	Password string
}

// AccountDomain ends the email of every demo account.
const AccountDomain = "@demo.jobmatch.example"

// AccountStore is what ResetPasswords needs.
type AccountStore interface {
	UsersByEmailSuffix(ctx context.Context, suffix string) ([]matching.User, error)
	SetPassword(ctx context.Context, actor matching.Actor, userID int64, hash string) error
}

// ResetPasswords gives every demo account a fresh random password and
// returns them, so `make run` can print working credentials every time
// without any password living in the repository.
func ResetPasswords(ctx context.Context, store AccountStore) ([]Account, error) {
	users, err := store.UsersByEmailSuffix(ctx, AccountDomain)
	if err != nil {
		return nil, err
	}
	var out []Account
	for _, u := range users {
		a, nu, err := newAccount(u.Email, u.Role)
		if err != nil {
			return nil, err
		}
		if err := store.SetPassword(ctx, matching.System, u.ID, nu.PasswordHash); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// ErrNotEmpty is returned by Seed when the database already holds data and
// force is false: seeding twice would duplicate the demo.
var ErrNotEmpty = fmt.Errorf("demo: the database already has vacancies or candidates")

// Seed generates demo data with opt and stores it with one account per role
// (admin, three recruiters owning the vacancies, one candidate owning the first
// profile), and the recruiters' past decisions on the candidates they
// reviewed, made by this market's hidden preferences (decisions.go). It refuses a non-empty database unless force is set. Titles are
// encoded with enc before they are stored, and records whose title the
// encoder cannot read are left out, as every other way in refuses them: a
// search from such a record could only answer "cannot read this title".
func Seed(ctx context.Context, store Store, enc Encoder, opt Options, force bool) ([]Account, error) {
	nv, nc, err := store.Counts(ctx)
	if err != nil {
		return nil, err
	}
	if (nv > 0 || nc > 0) && !force {
		return nil, ErrNotEmpty
	}
	data, err := Generate(opt)
	if err != nil {
		return nil, err
	}
	suffix := ""
	if force && (nv > 0 || nc > 0) {
		suffix = fmt.Sprintf("+%d", opt.Seed) // keep emails unique when adding a second demo set
	}
	roles := []struct {
		local string
		role  matching.Role
	}{
		{"admin", matching.RoleAdmin}, {"recruiter", matching.RoleRecruiter}, {"recruiter2", matching.RoleRecruiter},
		{"recruiter3", matching.RoleRecruiter}, {"candidate", matching.RoleCandidate},
	}
	var accounts []Account
	var recruiters []int64
	var candidateUser int64
	for _, r := range roles {
		a, u, err := newAccount(r.local+suffix+AccountDomain, r.role)
		if err != nil {
			return nil, err
		}
		if err := store.CreateUser(ctx, matching.System, u); err != nil {
			return nil, fmt.Errorf("demo: create %s: %w", a.Email, err)
		}
		accounts = append(accounts, a)
		switch r.role {
		case matching.RoleRecruiter:
			recruiters = append(recruiters, u.ID)
		case matching.RoleCandidate:
			candidateUser = u.ID
		}
	}
	vs := make([]*matching.Vacancy, len(data.Vacancies))
	vOcc := map[*matching.Vacancy]string{}
	for i := range data.Vacancies {
		vs[i] = &data.Vacancies[i]
		vs[i].RecruiterID = recruiters[i%len(recruiters)]
		vOcc[vs[i]] = data.VacancyOccupations[i]
	}
	cs := make([]*matching.Candidate, len(data.Candidates))
	cOcc := map[*matching.Candidate]string{}
	for i := range data.Candidates {
		cs[i] = &data.Candidates[i]
		cOcc[cs[i]] = data.CandidateOccupations[i]
	}
	if vs, err = readable(ctx, enc, vs, func(v *matching.Vacancy) *string { return &v.Title },
		func(v *matching.Vacancy) *matching.TitleVector { return &v.TitleVector }); err != nil {
		return nil, err
	}
	if cs, err = readable(ctx, enc, cs, func(c *matching.Candidate) *string { return &c.DesiredTitle },
		func(c *matching.Candidate) *matching.TitleVector { return &c.TitleVector }); err != nil {
		return nil, err
	}
	if len(cs) > 0 {
		cs[0].UserID = candidateUser
	}
	if err := store.CreateVacancies(ctx, matching.System, vs); err != nil {
		return nil, err
	}
	if err := store.CreateCandidates(ctx, matching.System, cs); err != nil {
		return nil, err
	}
	var open []*matching.Vacancy
	for _, v := range vs {
		if v.Status == matching.StatusOpen {
			open = append(open, v)
		}
	}
	if err := store.ImportDecisions(ctx, matching.System, simulateDecisions(open, vOcc, cs, cOcc, opt.Seed, time.Now())); err != nil {
		return nil, err
	}
	return accounts, nil
}

func newAccount(email string, role matching.Role) (Account, *matching.User, error) {
	buf := make([]byte, 12)
	if _, err := rand.Read(buf); err != nil {
		return Account{}, nil, err
	}
	pw := base64.RawURLEncoding.EncodeToString(buf)
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return Account{}, nil, err
	}
	return Account{Email: email, Role: role, Password: pw}, &matching.User{Email: email, Role: role, PasswordHash: hash}, nil
}

// readable encodes the title of each record and keeps the records the
// encoder can read, with their vectors set.
func readable[T any](ctx context.Context, enc Encoder, recs []T, title func(T) *string, vector func(T) *matching.TitleVector) ([]T, error) {
	const batch = 4096
	kept := recs[:0]
	for start := 0; start < len(recs); start += batch {
		part := recs[start:min(len(recs), start+batch)]
		titles := make([]string, len(part))
		for i, r := range part {
			titles[i] = *title(r)
		}
		vecs, err := enc.EncodeTitles(ctx, titles)
		if err != nil {
			return nil, fmt.Errorf("demo: encode titles: %w", err)
		}
		for i, r := range part {
			if !vecs[i].IsZero() {
				*vector(r) = vecs[i]
				kept = append(kept, r)
			}
		}
	}
	return kept, nil
}
