package authingtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	authing "github.com/authing-go/authing"
)

// maxBody caps a request body; larger requests are refused unread.
const maxBody = 1 << 20

// schema is parsed once per process from the SDK's own schema.graphql.
var schema = sync.OnceValues(func() (*ast.Schema, error) {
	return gqlparser.LoadSchema(&ast.Source{Name: "schema.graphql", Input: authing.Schema()})
})

// request is what resolvers know about the call being served.
type request struct {
	s      *Server
	caller *claims // nil when no valid token was sent
	// tokenErr says why the token sent, if any, was refused.
	tokenErr error
	token    string
	appID    string // x-authing-app-id, for the action log
	lang     lang   // the language of the answer's messages
	// userAgent is the User-Agent header, for the logs.
	userAgent string
}

// recoverPanics answers a request whose handler panicked (a bug in the
// server) with a JSON error, instead of crashing a test that serves the
// Handler in process.
func recoverPanics(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				writeJSON(w, http.StatusInternalServerError, graphQLResponse{Errors: []any{
					authingError(errInternal.with(v), nil, langOf(r))}})
			}
		}()
		h.ServeHTTP(w, r)
	})
}

// newRequest reads the caller from the Authorization header.
func (s *Server) newRequest(r *http.Request) (*request, error) {
	if id := r.Header.Get("x-authing-userpool-id"); id != "" && id != s.UserPoolID {
		return nil, errPoolNotFound
	}
	rq := &request{s: s, appID: r.Header.Get("x-authing-app-id"), lang: langOf(r), userAgent: r.UserAgent()}
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || token == "" {
		return rq, nil
	}
	rq.token = token
	rq.caller, rq.tokenErr = s.verify(token)
	return rq, nil
}

// admin requires the management token.
func (rq *request) admin() error {
	if rq.caller != nil && rq.caller.Kind == "management" {
		return nil
	}
	if errors.Is(rq.tokenErr, errTokenExpired) {
		return errLoginExpired
	}
	return errNotLoggedIn
}

// user requires an end user's token and returns the user's id.
func (rq *request) user() (string, error) {
	if rq.caller != nil && rq.caller.Kind == "user" {
		return rq.caller.Subject, nil
	}
	if errors.Is(rq.tokenErr, errTokenExpired) {
		return "", errLoginExpired
	}
	return "", errNotLoggedIn
}

type graphQLRequest struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName"`
	Variables     map[string]any `json:"variables"`
}

type graphQLResponse struct {
	Data   any   `json:"data"`
	Errors []any `json:"errors,omitempty"`
}

func (s *Server) serveGraphQL(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		writeJSON(w, http.StatusRequestEntityTooLarge, graphQLResponse{Errors: []any{stringError(
			fmt.Sprintf("request body over %d bytes", maxBody), "BAD_USER_INPUT", nil)}})
		return
	}
	var req graphQLRequest
	if err := json.Unmarshal(body, &req); err != nil {
		writeJSON(w, http.StatusBadRequest, graphQLResponse{Errors: []any{stringError(
			"malformed JSON body: "+err.Error(), "BAD_USER_INPUT", nil)}})
		return
	}
	rq, err := s.newRequest(r)
	if err != nil {
		writeJSON(w, http.StatusOK, graphQLResponse{Errors: []any{authingError(err, nil, langOf(r))}})
		return
	}
	writeJSON(w, http.StatusOK, s.execute(rq, req))
}

// execute parses, validates and runs one operation.
func (s *Server) execute(rq *request, req graphQLRequest) graphQLResponse {
	sch, err := schema()
	if err != nil {
		return graphQLResponse{Errors: []any{stringError("schema: "+err.Error(), "INTERNAL_SERVER_ERROR", nil)}}
	}
	doc, errResp := s.document(sch, req.Query)
	if errResp != nil {
		return *errResp
	}
	op := doc.Operations.ForName(req.OperationName)
	if op == nil {
		return graphQLResponse{Errors: []any{stringError("no operation named "+req.OperationName, "GRAPHQL_VALIDATION_FAILED", nil)}}
	}
	vars, verr := validator.VariableValues(sch, op, req.Variables)
	if verr != nil {
		return graphQLResponse{Errors: gqlErrors(verr, "BAD_USER_INPUT")}
	}
	return s.run(rq, sch, op, vars)
}

// maxCachedDocuments bounds the cache of validated documents.
const maxCachedDocuments = 512

// document parses and validates a query, reusing the result for a query
// seen before: clients send the same few documents over and over. A
// validated document is only read afterwards, so sharing it is safe.
func (s *Server) document(sch *ast.Schema, query string) (*ast.QueryDocument, *graphQLResponse) {
	if doc := s.cachedDocument(query); doc != nil {
		return doc, nil
	}
	doc, perr := parser.ParseQuery(&ast.Source{Name: "request", Input: query})
	if perr != nil {
		return nil, &graphQLResponse{Errors: gqlErrors(perr, "GRAPHQL_PARSE_FAILED")}
	}
	if err := checkLimits(doc); err != nil {
		return nil, &graphQLResponse{Errors: []any{stringError(err.Error(), "GRAPHQL_VALIDATION_FAILED", nil)}}
	}
	if errs := validator.ValidateWithRules(sch, doc, nil); len(errs) > 0 {
		return nil, &graphQLResponse{Errors: gqlErrors(errs, "GRAPHQL_VALIDATION_FAILED")}
	}
	s.cacheDocument(query, doc)
	return doc, nil
}

// cachedDocument is the validated document of a query seen before, or nil.
func (s *Server) cachedDocument(query string) *ast.QueryDocument {
	s.docsMu.Lock()
	defer s.docsMu.Unlock()
	return s.docs[query]
}

// cacheDocument keeps a validated document, forgetting all of them when
// the cache is full.
func (s *Server) cacheDocument(query string, doc *ast.QueryDocument) {
	s.docsMu.Lock()
	defer s.docsMu.Unlock()
	if len(s.docs) >= maxCachedDocuments {
		clear(s.docs)
	}
	s.docs[query] = doc
}

// authingError is an error in Authing's shape, in language l: the message
// is an object.
func authingError(err error, pos *ast.Position, l lang) map[string]any {
	code, text, data := answer(err, l)
	e := map[string]any{
		"message":    map[string]any{"code": code, "message": text, "data": data},
		"extensions": map[string]any{"code": "INTERNAL_SERVER_ERROR"},
	}
	if pos != nil {
		e["locations"] = []any{map[string]int{"line": pos.Line, "column": pos.Column}}
	}
	return e
}

// stringError is an error of the GraphQL layer: a plain string message.
func stringError(msg, code string, locs []gqlerror.Location) map[string]any {
	e := map[string]any{"message": msg, "extensions": map[string]any{"code": code}}
	if len(locs) > 0 {
		e["locations"] = locs
	}
	return e
}

func gqlErrors(err error, code string) []any {
	var list gqlerror.List
	switch e := err.(type) {
	case gqlerror.List:
		list = e
	case *gqlerror.Error:
		list = gqlerror.List{e}
	default:
		return []any{stringError(err.Error(), code, nil)}
	}
	out := make([]any, len(list))
	for i, e := range list {
		msg := e.Message
		if len(e.Path) > 0 {
			// Variable errors say only "must be defined": name the variable.
			msg = e.Path.String() + ": " + msg
		}
		out[i] = stringError(msg, code, e.Locations)
	}
	return out
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b, _ = json.Marshal(graphQLResponse{Errors: []any{stringError("encoding the response: "+err.Error(), "INTERNAL_SERVER_ERROR", nil)}})
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
}

// rawAnswer is a REST handler's answer outside Authing's envelope (OAuth,
// OIDC, CAS): serveREST lets it write the response itself.
type rawAnswer func(w http.ResponseWriter, r *http.Request)

// raw adapts a plain HTTP handler to a route of an area's table.
func raw(h http.HandlerFunc) restHandler {
	return func(*request, *http.Request) (any, error) { return rawAnswer(h), nil }
}

// serveREST wraps a handler with the caller and the envelope, whose
// message is written in the request's language. An unsupported feature
// answers HTTP 501.
func (s *Server) serveREST(h restHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		// Name the route that answered, so a test can tell one pattern
		// shadowing another from the route it meant.
		w.Header().Set("X-Authing-Local-Route", r.Pattern)
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		rq, err := s.newRequest(r)
		var data any
		if err == nil {
			data, err = h(rq, r)
		}
		if raw, ok := data.(rawAnswer); ok && err == nil {
			raw(w, r)
			return
		}
		l := langOf(r)
		if err != nil {
			code, text, data := answer(err, l)
			status := http.StatusOK
			if code == http.StatusNotImplemented {
				status = http.StatusNotImplemented
			}
			writeJSON(w, status, map[string]any{"code": code, "message": text, "data": data})
			return
		}
		msg := successMessage(r.Method)
		if sd, ok := data.(said); ok {
			data, msg = sd.data, sd.msg
		}
		writeJSON(w, http.StatusOK, map[string]any{"code": 200, "message": msg.text(l), "data": data})
	}
}

// said is a handler's data with the success message the cloud answers that
// route with, which names what succeeded.
type said struct {
	data any
	msg  *message
}

// saying answers h's data with the success message msg.
func saying(msg *message, h restHandler) restHandler {
	return func(rq *request, r *http.Request) (any, error) {
		data, err := h(rq, r)
		if err != nil {
			return nil, err
		}
		return said{data, msg}, nil
	}
}

// successMessage is the message of a success without one of its own: the
// cloud names at least what kind of thing succeeded.
func successMessage(method string) *message {
	switch method {
	case http.MethodGet:
		return msgFetched
	case http.MethodDelete:
		return msgDeleted
	case http.MethodPost, http.MethodPut, http.MethodPatch:
		return msgDone
	}
	return msgOK
}

// notFound answers a path no area serves, in Authing's envelope.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	_, text, _ := answer(errRouteNotFound.with(r.Method, r.URL.Path), langOf(r))
	writeJSON(w, http.StatusNotFound, map[string]any{"code": 404, "message": text, "data": nil})
}

// admin wraps a REST handler that needs the management token.
func (s *Server) admin(h restHandler) restHandler {
	return func(rq *request, r *http.Request) (any, error) {
		if err := rq.admin(); err != nil {
			return nil, err
		}
		return h(rq, r)
	}
}

// adminOnly wraps a resolver that needs the management token.
func adminOnly(f rootResolver) rootResolver {
	return func(rq *request, args map[string]any) (any, error) {
		if err := rq.admin(); err != nil {
			return nil, err
		}
		return f(rq, args)
	}
}

func decodeBody(r *http.Request, v any) error {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return errBodyRead.with(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return errBadBody.with(err)
	}
	return nil
}
