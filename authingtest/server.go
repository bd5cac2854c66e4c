// Package authingtest runs an in-memory Authing v2 server for tests and
// demos, on loopback like httptest.NewServer.
//
// It validates every GraphQL request against the same schema.graphql the
// SDK is generated from, executes any valid selection as the spec says
// (introspection; a failing field is null with its error and path while
// the rest of the data stays; nulls propagate through non-null types;
// results are checked against their declared types), answers with
// Authing's error shapes and codes, signs real JWTs, decrypts passwords
// with its own RSA key, and keeps users, roles, policies, ACL grants, groups
// and custom fields in memory. Root fields it does not implement answer a
// GraphQL error naming the field. A document may hold at most 2000
// selections, nest 15 levels deep and expand to 10000 fields once its
// fragments are inlined; larger ones are refused with
// GRAPHQL_VALIDATION_FAILED before validation, so no request can stall it.
//
// It answers every request Authing's official JS and Python SDKs send
// (testdata/official-requests.json); features out of its scope answer
// HTTP 501. The codes and mail it "sends" are listed, for clients in any
// language, at GET /_emulator/messages?to=<phone or email> (LastSMSCode
// and LastEmailCode read them from Go). The README shows it used with curl.
//
//	srv := authingtest.NewServer()
//	defer srv.Close()
//	ac, _ := client.NewAuthenticationClient(client.AuthenticationOptions{
//		UserPoolID: srv.UserPoolID, Host: srv.URL,
//	})
package authingtest

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
)

// Server is a running in-memory Authing server. All its methods are safe
// for concurrent use.
type Server struct {
	// URL is the base URL, "http://127.0.0.1:port": the Host of a client.
	URL string
	// UserPoolID is the id of the server's one user pool.
	UserPoolID string
	// Secret is the user pool's secret, for the management accessToken query.
	Secret string
	// PublicKeyPEM is the PEM (PKIX) public key clients encrypt passwords with.
	PublicKeyPEM string

	httpServer *httptest.Server
	handler    http.Handler
	key        *rsa.PrivateKey
	jwtSecret  []byte
	tokenTTL   time.Duration
	clock      func() time.Time
	sig        signer // the RS256 ID token key, made on first use

	// query and mutation are the root fields of every area, collected once
	// from the areas' tables by build.
	query, mutation map[string]rootResolver

	docsMu sync.Mutex
	docs   map[string]*ast.QueryDocument // validated documents by query text

	mu     sync.Mutex
	offset time.Duration // added by Advance
	st     *state
}

// Option configures a Server.
type Option func(*config)

type config struct {
	userPoolID string
	secret     string
	key        *rsa.PrivateKey
	tokenTTL   time.Duration
	clock      func() time.Time
}

// WithUserPoolID sets the user pool id (default: random).
func WithUserPoolID(id string) Option { return func(c *config) { c.userPoolID = id } }

// WithSecret sets the user pool secret (default: random).
func WithSecret(secret string) Option { return func(c *config) { c.secret = secret } }

// WithRSAKey sets the key passwords are decrypted with (default: a new
// 1024-bit key, the size Authing's public cloud uses, quick to generate).
func WithRSAKey(key *rsa.PrivateKey) Option { return func(c *config) { c.key = key } }

// WithTokenLifetime sets how long issued tokens last (default 15 days, as
// Authing's default; management tokens likewise).
func WithTokenLifetime(d time.Duration) Option { return func(c *config) { c.tokenTTL = d } }

// WithClock sets the server's time source (default time.Now); Advance
// moves it forward further.
func WithClock(now func() time.Time) Option { return func(c *config) { c.clock = now } }

// NewServer starts a server on a loopback port. It panics only when the
// machine cannot generate randomness or listen on loopback, like
// httptest.NewServer; use NewUnstartedServer for no listener at all.
func NewServer(opts ...Option) *Server {
	s, err := newServer(opts...)
	if err != nil {
		panic("authingtest: " + err.Error())
	}
	s.httpServer = httptest.NewServer(s.handler)
	s.URL = s.httpServer.URL
	return s
}

// NewUnstartedServer returns a server that is not listening: serve its
// Handler yourself (in-process tests, a program with its own listener).
// Its URL is empty until you set it to where the handler is served.
func NewUnstartedServer(opts ...Option) (*Server, error) {
	return newServer(opts...)
}

func newServer(opts ...Option) (*Server, error) {
	c := config{tokenTTL: 15 * 24 * time.Hour, clock: time.Now}
	for _, o := range opts {
		o(&c)
	}
	if c.userPoolID == "" {
		c.userPoolID = randomHex(12)
	}
	if c.secret == "" {
		c.secret = randomHex(16)
	}
	if c.key == nil {
		k, err := rsa.GenerateKey(rand.Reader, 1024)
		if err != nil {
			return nil, err
		}
		c.key = k
	}
	der, err := x509.MarshalPKIXPublicKey(&c.key.PublicKey)
	if err != nil {
		return nil, err
	}
	s := &Server{
		UserPoolID:   c.userPoolID,
		Secret:       c.secret,
		PublicKeyPEM: string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})),
		key:          c.key,
		jwtSecret:    []byte(randomHex(32)),
		tokenTTL:     c.tokenTTL,
		clock:        c.clock,
		st:           newState(),
		docs:         map[string]*ast.QueryDocument{},
	}
	if s.handler, err = s.build(); err != nil {
		return nil, err
	}
	return s, nil
}

// Close shuts the server down.
func (s *Server) Close() {
	if s.httpServer != nil {
		s.httpServer.Close()
	}
}

// Handler returns the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Advance moves the server's clock forward by d: tokens and verification
// codes expire as if d had passed.
func (s *Server) Advance(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.offset += d
}

// now is the server's current time.
func (s *Server) now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.clock().Add(s.offset)
}

// LastEmailCode returns the last verification code sent to email.
func (s *Server) LastEmailCode(email string) (string, bool) {
	return s.st.lastCode("email:" + email)
}

// LastSMSCode returns the last verification code sent to phone.
func (s *Server) LastSMSCode(phone string) (string, bool) {
	return s.st.lastCode("phone:" + phone)
}

// SeedUser describes a user for Seed.
type SeedUser struct {
	Username string
	Email    string
	Phone    string
	Password string // plain text; stored hashed
	Nickname string
}

// SeedUser creates a user directly (no request, no encryption) and
// returns its id. It fails when the username, email or phone is taken.
func (s *Server) SeedUser(u SeedUser) (string, error) {
	profile := map[string]any{}
	for k, v := range map[string]string{"username": u.Username, "email": u.Email, "phone": u.Phone, "nickname": u.Nickname} {
		if v != "" {
			profile[k] = v
		}
	}
	rec, err := s.st.createUser(s, profile, u.Password, "import:manual")
	if err != nil {
		return "", err
	}
	return rec.id, nil
}

// rootResolver answers one GraphQL root field.
type rootResolver func(rq *request, args map[string]any) (any, error)

// restHandler answers one REST route with data for the envelope, or an
// error (answered in the envelope with its Authing code). A handler whose
// answer is not Authing's envelope (OAuth, OIDC, CAS) returns a rawAnswer.
type restHandler func(rq *request, r *http.Request) (any, error)

// api is one area's share of the server: its GraphQL root fields and REST
// routes.
type api struct {
	query, mutation map[string]rootResolver
	routes          []route
}

// route is one REST route: a net/http ServeMux pattern and its handler.
type route struct {
	pattern string // "GET /api/v2/users/{id}"
	handle  restHandler
}

// apis lists every area of the server, one per file.
func (s *Server) apis() []api {
	return []api{
		s.authenticationAPI(), s.usersAPI(), s.rolesAPI(), s.groupsAPI(), s.policiesAPI(), s.aclAPI(),
		s.udfAPI(), s.orgsAPI(), s.userpoolAPI(), s.whitelistAPI(), s.applicationsAPI(), s.auditlogsAPI(),
		s.principalAPI(), s.mfaAPI(), s.oidcAPI(), s.casAPI(), s.statisticsAPI(),
		s.unsupportedAPI(), s.emulatorAPI(),
	}
}

// build collects the areas' tables, once: the root fields into s.query
// and s.mutation, the routes into a mux. A root field or pattern that two
// areas register, or a pattern the mux refuses, is an error.
func (s *Server) build() (http.Handler, error) {
	s.query, s.mutation = map[string]rootResolver{}, map[string]rootResolver{}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /graphql/v2", s.serveGraphQL)
	mux.HandleFunc("/", s.notFound)
	for _, a := range s.apis() {
		if err := addFields(s.query, a.query, "query"); err != nil {
			return nil, err
		}
		if err := addFields(s.mutation, a.mutation, "mutation"); err != nil {
			return nil, err
		}
		for _, rt := range a.routes {
			if err := handle(mux, rt.pattern, s.serveREST(rt.handle)); err != nil {
				return nil, err
			}
		}
	}
	return recoverPanics(mux), nil
}

// addFields adds an area's root fields to all, refusing a duplicate.
func addFields(all, fields map[string]rootResolver, kind string) error {
	for name, f := range fields {
		if all[name] != nil {
			return fmt.Errorf("%s field %q is registered twice", kind, name)
		}
		all[name] = f
	}
	return nil
}

// handle registers a pattern, turning the mux's panic on a duplicate or
// conflicting pattern into an error.
func handle(mux *http.ServeMux, pattern string, h http.HandlerFunc) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("route %q: %v", pattern, v)
		}
	}()
	mux.HandleFunc(pattern, h)
	return nil
}

// unsupportedFeature is a feature authing-local does not have. Its rest
// and field methods are the handler and resolver of each of its routes
// and root fields: HTTP 501 with {"code": 501, "message": "<feature> is not
// supported by authing-local"}, or a GraphQL error with that code.
type unsupportedFeature string

// unsupported names a feature out of authing-local's scope.
func (s *Server) unsupported(feature string) unsupportedFeature { return unsupportedFeature(feature) }

// rest answers a REST route of the feature.
func (f unsupportedFeature) rest(*request, *http.Request) (any, error) {
	return nil, errUnsupported.with(string(f))
}

// field answers a root field of the feature.
func (f unsupportedFeature) field(*request, map[string]any) (any, error) {
	return nil, errUnsupported.with(string(f))
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("authingtest: no randomness: " + err.Error())
	}
	return hex.EncodeToString(b)
}
