// Package web serves jobmatch's pages and JSON API with echo. Handlers are
// thin: parse, validate through the domain, call the store (reads) or the
// engine (searches and writes of records), render. They return errors to one
// central handler (errors.go) that picks the status code and a safe message.
package web

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"jobmatch/auth"
	"jobmatch/encoder/training/runner"
	"jobmatch/matching"
	"jobmatch/matching/engine"
)

// Store is what the web layer reads from the database and the writes that
// touch no title (accounts, sessions, tokens, shortlists); *postgres.DB has
// it. Writes of records go through the engine, which keeps the index in step.
// It is an interface because the server puts its token cache in front of it
// (cachingStore), and tests put counting stores there.
type Store interface {
	Ping(ctx context.Context) error
	ModelVersions(ctx context.Context) ([]matching.ModelVersion, error)
	Vacancy(ctx context.Context, id int64) (matching.Vacancy, error)
	ListVacancies(ctx context.Context, f matching.VacancyFilter) ([]matching.Vacancy, int, error)
	Candidate(ctx context.Context, id int64) (matching.Candidate, error)
	ListCandidates(ctx context.Context, f matching.CandidateFilter) ([]matching.Candidate, int, error)
	CandidateByUser(ctx context.Context, userID int64) (matching.Candidate, error)

	SessionUser(ctx context.Context, tokenHash []byte) (matching.User, error)
	APITokenUser(ctx context.Context, tokenHash []byte) (matching.User, error)
	UserByEmail(ctx context.Context, email string) (matching.User, error)
	CreateUser(ctx context.Context, actor matching.Actor, u *matching.User) error
	CreateSession(ctx context.Context, userID int64, tokenHash []byte, expires time.Time) error
	DeleteSession(ctx context.Context, tokenHash []byte) error
	CreateAPIToken(ctx context.Context, actor matching.Actor, t *matching.APIToken, tokenHash []byte) error
	APITokens(ctx context.Context, userID int64) ([]matching.APIToken, error)
	RevokeAPIToken(ctx context.Context, actor matching.Actor, userID, id int64) error

	Rules(ctx context.Context) ([]matching.ExclusionRule, error)
	Rule(ctx context.Context, id int64) (matching.ExclusionRule, error)
	AuditLog(ctx context.Context, entity string, id int64, limit int) ([]matching.AuditEntry, error)
	User(ctx context.Context, id int64) (matching.User, error)
	Shortlist(ctx context.Context, actor matching.Actor, vacancyID, candidateID int64, on bool) error
	ShortlistedCandidates(ctx context.Context, vacancyID int64) ([]matching.Candidate, error)
	Users(ctx context.Context, limit, offset int) ([]matching.User, int, error)
	RecentAudit(ctx context.Context, entity string, limit int) ([]matching.AuditEntry, error)
	RecordAudit(ctx context.Context, actor matching.Actor, action, entity string, id int64, detail map[string]any) error

	auth.Attempts
	SharedKey(ctx context.Context, name string) ([]byte, error)
}

// Config is the server's validated configuration.
type Config struct {
	Addr            string        // listen address, e.g. "localhost:8080"
	ShutdownTimeout time.Duration // how long in-flight requests get on SIGINT/SIGTERM
	SecureCookies   bool          // set Secure on cookies (behind HTTPS)
	// MaxInFlight is how many reads (GET, HEAD) run at once; more wait their turn
	// (inflight.go). Zero means 2 per core.
	MaxInFlight int
	// TrustedProxies are the address ranges of reverse proxies whose
	// X-Forwarded-For header names the client. Requests from anywhere else
	// are attributed to the connection's address, whatever they claim.
	TrustedProxies []netip.Prefix
	// Trainer trains model versions from users' decisions for the model
	// page; nil: the page says how to train one from the command line.
	Trainer *runner.Runner
}

func (c Config) maxInFlight() int { return cmp.Or(c.MaxInFlight, 2*runtime.GOMAXPROCS(0)) }

// Validate reports the first configuration problem, naming the setting.
func (c Config) Validate() error {
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("listen address %q: use host:port, e.g. localhost:8080 or :8080", c.Addr)
	}
	if c.MaxInFlight < 0 {
		return fmt.Errorf("max in-flight requests must be 0 (2 per core) or more, got %d", c.MaxInFlight)
	}
	if c.ShutdownTimeout <= 0 {
		return fmt.Errorf("shutdown timeout must be positive, got %v", c.ShutdownTimeout)
	}
	return nil
}

// clientAddress returns how the server finds a request's client address
// (for sign-in limits and logs): the connection's peer, or, when the peer
// is a trusted proxy, the nearest address in X-Forwarded-For that is not
// one. Echo would otherwise believe any client's X-Forwarded-For or
// X-Real-IP, and trust loopback and private networks by default.
func clientAddress(trusted []netip.Prefix) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, p := range trusted {
		p = p.Masked()
		opts = append(opts, echo.TrustIPRange(&net.IPNet{IP: p.Addr().AsSlice(), Mask: net.CIDRMask(p.Bits(), p.Addr().BitLen())}))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// ParseTrustedProxies reads a comma-separated list of CIDR ranges (a bare
// address is a range of one), as the -trusted-proxies flag takes them.
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		p, err := netip.ParsePrefix(part)
		if err != nil {
			a, aerr := netip.ParseAddr(part)
			if aerr != nil {
				return nil, fmt.Errorf("trusted proxies: %q is not a CIDR range such as 10.0.0.0/8 or an address", part)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		out = append(out, p)
	}
	return out, nil
}

// Server is the HTTP server with its routes.
type Server struct {
	cfg     Config
	log     *slog.Logger
	store   Store
	matcher *engine.Engine // searches, and the writes of records (encode, commit, index)
	echo    *echo.Echo

	// Sign-in attempts are limited per client address and per account, so
	// neither one address nor a botnet can guess one password quickly
	// (signin.go); made at the first sign-in.
	signinMu sync.Mutex
	signins  *auth.SignInLimiter

	tokens *tokenCache // the API token cache that store consults (cachingStore)
	// vacancyJSON keeps the JSON of shown vacancies (json_matches.go).
	vacancyJSON *vacancyJSON
}

// New wires routes and middleware; it does not listen yet.
func New(cfg Config, log *slog.Logger, store Store, matcher *engine.Engine) *Server {
	tokens := newTokenCache()
	s := &Server{cfg: cfg, log: log, store: cachingStore{Store: store, tokens: tokens}, matcher: matcher, echo: echo.New(),
		tokens:      tokens,
		vacancyJSON: newVacancyJSON(vacancyJSONMax),
	}
	s.echo.IPExtractor = clientAddress(cfg.TrustedProxies)
	s.echo.HideBanner = true
	s.echo.HidePort = true
	s.echo.HTTPErrorHandler = s.handleError
	s.echo.JSONSerializer = jsonSerializer{}
	s.routes()
	return s
}

// ForgetTokens drops every API token this server trusts without asking
// Postgres: called when another server revoked tokens or erased an account.
func (s *Server) ForgetTokens() { s.tokens.clear() }

// Handler returns the server as an http.Handler, for tests.
func (s *Server) Handler() http.Handler { return headAsGet(s.echo) }

// headAsGet answers HEAD like GET on every route (RFC 9110): the handler
// runs on a GET copy of the request, and net/http, which still sees the
// HEAD, sends the headers without the body.
func headAsGet(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			r = r.Clone(r.Context())
			r.Method = http.MethodGet
		}
		h.ServeHTTP(w, r)
	})
}

// Serve accepts connections on ln until ctx is cancelled, then shuts down
// gracefully: no new connections, in-flight requests get ShutdownTimeout.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.log.Info("listening", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return fmt.Errorf("web: serve: %w", err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "timeout", s.cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("web: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("web: serve: %w", err)
	}
	return nil
}
