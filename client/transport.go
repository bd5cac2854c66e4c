package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/Khan/genqlient/graphql"
)

// conn is the transport every call goes through: one per client (shared by
// the copies WithAccessToken makes), holding only immutable settings and
// the public-key cache. It is safe for concurrent use.
type conn struct {
	opts       *connOptions
	graphqlURL string
	header     http.Header // headers every request carries
	keys       *keySource

	// backoff is the first retry delay; it doubles each retry. Tests
	// shorten it.
	backoff    time.Duration
	maxBackoff time.Duration
}

func newConn(o *connOptions) *conn {
	c := &conn{
		opts:       o,
		graphqlURL: o.host + "/graphql/v2",
		header:     http.Header{},
		backoff:    500 * time.Millisecond,
		maxBackoff: 8 * time.Second,
	}
	set := func(k, v string) {
		if v != "" {
			c.header.Set(k, v)
		}
	}
	set("Content-Type", "application/json")
	set("Accept", "application/json")
	set("x-authing-request-from", "sdk")
	set("x-authing-sdk-version", "go:"+Version)
	set("x-authing-userpool-id", o.userPoolID)
	set("x-authing-app-id", o.appID)
	set("x-authing-app-tenant-id", o.tenantID)
	set("x-authing-lang", o.lang)
	c.keys = &keySource{conn: c}
	if o.publicKey != nil {
		c.keys.key.Store(o.publicKey)
	}
	return c
}

// request is one logical call; it may take several attempts.
type request struct {
	op         string // for errors and logs: "LoginByUsername", "GET /api/v2/users/me"
	method     string
	url        string
	body       []byte // encoded once, so retries resend the same bytes
	token      string
	idempotent bool // a query or GET: safe to retry after the server saw it
	noHeaders  bool // protocol endpoints on the app host take no Authing headers
	form       bool // body is application/x-www-form-urlencoded

	// stream, when set, decodes the body as it arrives instead of decode
	// reading it whole first: large GraphQL answers are copied once.
	stream streamDecoder
}

// streamDecoder decodes a response body as it is read; body keeps its
// first bytes for error messages.
type streamDecoder func(status int, header http.Header, body *capturingReader) error

// decoder turns one HTTP response into the call's result or error.
type decoder func(status int, header http.Header, body []byte) error

// do runs r, retrying as the retry policy allows, and hands the final
// response to decode.
func (c *conn) do(ctx context.Context, r *request, decode decoder) error {
	for attempt := 0; ; attempt++ {
		var start time.Time
		if c.opts.logger != nil {
			start = time.Now()
		}
		err := c.once(ctx, r, decode)
		if err != nil {
			err = c.failed(ctx, r, err)
		}
		wait, retry := c.retryDelay(ctx, r, err, attempt)
		if c.opts.logger != nil {
			c.log(ctx, r, attempt, time.Since(start), err, retry)
		}
		if !retry {
			return err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			e := contextError(r.op, ctx.Err())
			e.Message += " (while waiting to retry after: " + err.Error() + ")"
			return e
		case <-t.C:
		}
	}
}

func (c *conn) log(ctx context.Context, r *request, attempt int, took time.Duration, err error, retry bool) {
	// Only the operation, never variables, bodies or headers: those carry
	// passwords, secrets and tokens.
	attrs := []slog.Attr{
		slog.String("operation", r.op),
		slog.Int("attempt", attempt+1),
		slog.Duration("took", took),
	}
	level := slog.LevelDebug
	if err != nil {
		level = slog.LevelWarn
		attrs = append(attrs, slog.String("error", err.Error()), slog.Bool("retry", retry))
	}
	c.opts.logger.LogAttrs(ctx, level, "authing request", attrs...)
}

// once makes one HTTP attempt.
func (c *conn) once(ctx context.Context, r *request, decode decoder) error {
	if err := ctx.Err(); err != nil {
		return contextError(r.op, err)
	}
	parent := ctx
	if d, ok := ctx.Deadline(); !ok || time.Until(d) > c.opts.timeout {
		// Timeout bounds the attempt unless the caller's deadline comes
		// first, which spares a timer.
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.opts.timeout)
		defer cancel()
	}
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	req, err := http.NewRequestWithContext(ctx, r.method, r.url, body)
	if err != nil {
		return &Error{Kind: KindInvalidArgument, is: ErrInvalidArgument, cause: err, Message: err.Error()}
	}
	if r.noHeaders {
		req.Header.Set("Accept", "application/json")
	} else {
		req.Header = c.header.Clone()
	}
	if r.form {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if r.token != "" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	resp, err := c.opts.httpClient.Do(req)
	if err != nil {
		return transportError(parent, 0, unwrapURLError(err))
	}
	defer resp.Body.Close()
	if r.stream != nil {
		return c.streamBody(parent, r, resp)
	}
	raw, err := readLimited(resp.Body, resp.ContentLength, c.opts.maxResponseBytes)
	if err != nil {
		if errors.Is(err, errTooLarge) {
			return c.tooLarge(resp.StatusCode)
		}
		return readError(parent, resp.StatusCode, err)
	}
	return decode(resp.StatusCode, resp.Header, raw)
}

// transportError is the *Error of a failed exchange: KindContext when the
// caller's context ctx has ended, KindNetwork otherwise (an attempt that
// outlasted Timeout included). err stays its cause.
func transportError(ctx context.Context, status int, err error) *Error {
	if existing, ok := err.(*Error); ok {
		return existing // a refused redirect
	}
	if ctx.Err() != nil {
		return &Error{Kind: KindContext, StatusCode: status, cause: err, Message: err.Error()}
	}
	return &Error{Kind: KindNetwork, StatusCode: status, cause: err, Message: err.Error()}
}

// readError is the *Error of a body that could not be read: a body cut
// short against its Content-Length is KindMalformed, a broken connection
// KindNetwork, the caller's end KindContext.
func readError(ctx context.Context, status int, err error) *Error {
	if errors.Is(err, io.ErrUnexpectedEOF) && ctx.Err() == nil {
		return &Error{Kind: KindMalformed, StatusCode: status, cause: err,
			Message: "response body cut short: " + err.Error()}
	}
	e := transportError(ctx, status, err)
	e.Message = "reading response: " + e.Message
	return e
}

// tooLarge is the *Error of a body over MaxResponseBytes.
func (c *conn) tooLarge(status int) *Error {
	return &Error{Kind: KindMalformed, StatusCode: status, cause: errTooLarge,
		Message: fmt.Sprintf("response body exceeds %d bytes", c.opts.maxResponseBytes)}
}

// failed turns the error of one attempt into an *Error (the first one in
// err's chain, or a new one around err) that has a Kind, names the
// request, and carries none of the request's secrets in its message. A
// wrapper around the *Error is dropped: its text, made before redaction,
// could quote a secret.
func (c *conn) failed(ctx context.Context, r *request, err error) *Error {
	var e *Error
	if !errors.As(err, &e) {
		e = &Error{Kind: KindMalformed, cause: err, Message: err.Error()}
		if ctx.Err() != nil {
			e.Kind = KindContext
		} else if isNetworkError(err) {
			e.Kind = KindNetwork
		}
	}
	if e.Kind == "" {
		e.Kind = inferKind(e)
	}
	if e.Request == "" {
		e.Request = r.op
	}
	if e.Operation == "" {
		e.Operation = r.op
	}
	e.Message = c.redact(ctx, r, e.Message)
	return e
}

// inferKind classifies an *Error a decoder built without a Kind.
func inferKind(e *Error) ErrorKind {
	switch {
	case e.Code != 0 || e.GraphQLCode != "" || e.OAuthError != "":
		return KindServer
	case e.cause != nil:
		return KindMalformed
	case e.StatusCode != 0 && !success(e.StatusCode):
		return KindHTTP
	default:
		return KindMalformed
	}
}

// streamBody hands the body to r.stream, enforcing the size cap, and
// drains what is left so the connection can be reused.
func (c *conn) streamBody(ctx context.Context, r *request, resp *http.Response) error {
	max := c.opts.maxResponseBytes
	if resp.ContentLength > max {
		return c.tooLarge(resp.StatusCode)
	}
	body := &capturingReader{r: resp.Body, max: max}
	body.head = body.headBuf[:0]
	err := r.stream(resp.StatusCode, resp.Header, body)
	if body.readErr != nil && !errors.Is(body.readErr, io.EOF) {
		return readError(ctx, resp.StatusCode, body.readErr)
	}
	if body.n > max {
		return c.tooLarge(resp.StatusCode)
	}
	if body.readErr == nil { // the decoder stopped before the end
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	}
	return err
}

// capturingReader counts what it reads, keeps the first bytes for error
// messages, and remembers a read error.
type capturingReader struct {
	r       io.Reader
	max     int64
	n       int64
	head    []byte // the first bytes, in headBuf unless set otherwise
	headBuf [headSize]byte
	readErr error
}

const headSize = 512

// Read reads from the body, keeping its first headSize bytes and failing
// with errTooLarge past the cap.
func (c *capturingReader) Read(p []byte) (int, error) {
	if left := c.max + 1 - c.n; int64(len(p)) > left {
		p = p[:left] // one byte past the cap is enough to know
	}
	n, err := c.r.Read(p)
	if len(c.head) < headSize {
		c.head = append(c.head, p[:min(n, headSize-len(c.head))]...)
	}
	c.n += int64(n)
	if c.n > c.max {
		return n, errTooLarge
	}
	if err != nil && c.readErr == nil {
		c.readErr = err
	}
	return n, err
}

// text returns the start of the body, reading a little more if the
// decoder stopped early, for error messages.
func (c *capturingReader) text() []byte {
	if len(c.head) < headSize && c.readErr == nil {
		buf := make([]byte, headSize-len(c.head))
		n, _ := io.ReadFull(c, buf)
		_ = n
	}
	return c.head
}

// unwrapURLError drops *url.Error's "Post \"https://...\"" prefix; the
// operation name already says which call failed, and the cause stays
// inspectable with errors.Is and errors.As.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

var errTooLarge = errors.New("response too large")

// readLimited reads at most max bytes, failing if there are more. size is
// the announced length (-1 when unknown), used to allocate once.
func readLimited(r io.Reader, size, max int64) ([]byte, error) {
	if size > max {
		return nil, errTooLarge
	}
	var buf bytes.Buffer
	if size > 0 {
		buf.Grow(int(size) + bytes.MinRead)
	}
	n, err := buf.ReadFrom(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if n > max {
		return nil, errTooLarge
	}
	return buf.Bytes(), nil
}

// snippet shortens a body for an error message.
func snippet(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}

// statusError describes a response with a failure status and no Authing
// error in it: an HTML gateway page, an empty body.
func statusError(op string, status int, header http.Header, body []byte) *Error {
	msg := http.StatusText(status)
	if s := snippet(body); s != "" {
		msg += ": " + s
	} else {
		msg += " (empty body)"
	}
	kind := KindHTTP
	if success(status) {
		kind = KindMalformed // a success without a body to decode
	}
	return &Error{Kind: kind, StatusCode: status, Operation: op, Message: msg, retryAfter: header.Get("Retry-After")}
}

func success(status int) bool { return status >= 200 && status <= 299 }

// gqlClient implements genqlient's graphql.Client over conn. token, when
// set, supplies the Authorization token for each call; refresh, when set,
// is asked once for a new token after the server rejects the current one.
type gqlClient struct {
	conn    *conn
	token   func(ctx context.Context, op string) (string, error)
	refresh func(ctx context.Context, stale string) (string, error)
}

var _ graphql.Client = (*gqlClient)(nil)

// MakeRequest sends one GraphQL operation and decodes its response into
// resp.Data. Mutations are never retried once they may have reached the
// server.
func (g *gqlClient) MakeRequest(ctx context.Context, req *graphql.Request, resp *graphql.Response) error {
	body, err := json.Marshal(req)
	if err != nil {
		return argError(req.OpName, "encoding request: %v", err)
	}
	r := &request{op: req.OpName, method: http.MethodPost, url: g.conn.graphqlURL, body: body,
		idempotent: !isMutation(req.Query)}
	r.stream = func(status int, header http.Header, body *capturingReader) error {
		return decodeGraphQLStream(r.op, status, header, body, resp)
	}
	return g.withToken(ctx, r, nil)
}

// withToken runs r with the client's token, refreshing it once if the
// server says it has expired.
func (g *gqlClient) withToken(ctx context.Context, r *request, decode decoder) error {
	return named(ctx, g.tryWithToken(ctx, r, decode))
}

func (g *gqlClient) tryWithToken(ctx context.Context, r *request, decode decoder) error {
	if g.token != nil {
		tok, err := g.token(ctx, r.op)
		if err != nil {
			return err
		}
		r.token = tok
	}
	err := g.conn.do(ctx, r, decode)
	if g.refresh != nil && isTokenRejected(err) {
		tok, rerr := g.refresh(ctx, r.token)
		if rerr != nil {
			return rerr
		}
		r.token = tok
		err = g.conn.do(ctx, r, decode)
	}
	return err
}

// isTokenRejected reports whether err says the token was missing, expired
// or invalid, so that a fresh management token may succeed.
func isTokenRejected(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	switch ErrorCode(e.Code) {
	case ErrNotLoggedIn, ErrLoginExpired, ErrLoginInfoWrong:
		return true
	}
	return e.StatusCode == http.StatusUnauthorized
}

// isMutation reports whether a GraphQL document is a mutation. genqlient's
// documents start with the operation keyword.
func isMutation(query string) bool {
	return strings.HasPrefix(strings.TrimLeft(query, " \t\r\n"), "mutation")
}

// decodeGraphQL decodes a whole GraphQL response body; see
// decodeGraphQLStream.
func decodeGraphQL(op string, status int, header http.Header, body []byte, resp *graphql.Response) error {
	return decodeGraphQLStream(op, status, header, &capturingReader{r: bytes.NewReader(body), max: int64(len(body))}, resp)
}

// decodeGraphQLStream decodes a GraphQL response into resp.Data as it is
// read, or returns the *Error it carries. The data member is decoded in
// one pass straight into genqlient's response value; a response with
// neither data nor errors is an error, never an empty result.
func decodeGraphQLStream(op string, status int, header http.Header, body *capturingReader, resp *graphql.Response) error {
	env, err := readGraphQLEnvelope(body, resp)
	if errors.Is(err, errTooLarge) {
		return err // streamBody reports it with the limit
	}
	if err != nil {
		text := body.text()
		if len(bytes.TrimSpace(text)) == 0 || !success(status) {
			return statusError(op, status, header, text)
		}
		return &Error{Kind: KindMalformed, StatusCode: status, Operation: op, cause: err,
			Message: "malformed response: " + err.Error()}
	}
	if len(env.errors) > 0 && string(env.errors) != "null" && string(env.errors) != "[]" {
		e, err := parseGraphQLErrors(env.errors)
		if err != nil {
			return &Error{Kind: KindMalformed, StatusCode: status, Operation: op, cause: err,
				Message: "malformed errors in response: " + err.Error()}
		}
		e.StatusCode, e.Operation, e.retryAfter = status, op, header.Get("Retry-After")
		return e
	}
	if !success(status) {
		return statusError(op, status, header, body.text())
	}
	if !env.hasData {
		return &Error{Kind: KindMalformed, StatusCode: status, Operation: op, Message: "response has no data and no errors"}
	}
	return nil
}

type graphQLEnvelope struct {
	hasData bool
	errors  json.RawMessage
}

// readGraphQLEnvelope walks the top-level object of a response, decoding
// data into resp.Data, keeping errors raw and extensions in resp.
func readGraphQLEnvelope(body io.Reader, resp *graphql.Response) (graphQLEnvelope, error) {
	var env graphQLEnvelope
	dec := json.NewDecoder(body)
	if tok, err := dec.Token(); err != nil {
		return env, err
	} else if d, ok := tok.(json.Delim); !ok || d != '{' {
		return env, fmt.Errorf("response is not a JSON object")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return env, err
		}
		key, _ := tok.(string)
		switch key {
		case "data":
			// Decoding into an interface that holds a non-nil pointer
			// fills the pointed-to value; JSON null sets it to nil.
			var target any = resp.Data
			if err := dec.Decode(&target); err != nil {
				return env, err
			}
			env.hasData = target != nil
		case "errors":
			if err := dec.Decode(&env.errors); err != nil {
				return env, err
			}
		case "extensions":
			if err := dec.Decode(&resp.Extensions); err != nil {
				return env, err
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return env, err
			}
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return env, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return env, fmt.Errorf("unexpected data after the response object")
	}
	return env, nil
}

// authingMessage is the object Authing puts where GraphQL expects a string
// message, and also the REST envelope.
type authingMessage struct {
	Code       json.Number     `json:"code"`
	StatusCode json.Number     `json:"statusCode"`
	Message    string          `json:"message"`
	Data       json.RawMessage `json:"data"`
}

func (m *authingMessage) code() int {
	for _, n := range []json.Number{m.Code, m.StatusCode} {
		if v, err := n.Int64(); err == nil {
			return int(v)
		}
	}
	return 0
}

// parseGraphQLErrors reads the errors array. Authing sends message as an
// object {code, message, data}; gateways and the GraphQL layer send a
// string. With several errors the last one's code is reported, as the
// official SDKs do.
func parseGraphQLErrors(raw json.RawMessage) (*Error, error) {
	var list []struct {
		Message    json.RawMessage `json:"message"`
		Extensions struct {
			Code string `json:"code"`
		} `json:"extensions"`
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, errors.New("empty errors list")
	}
	last := list[len(list)-1]
	e := &Error{Kind: KindServer, GraphQLCode: last.Extensions.Code}
	msg := bytes.TrimSpace(last.Message)
	switch {
	case len(msg) > 0 && msg[0] == '{':
		var m authingMessage
		if err := json.Unmarshal(msg, &m); err != nil {
			return nil, err
		}
		e.Code, e.Message = m.code(), m.Message
		if len(m.Data) > 0 && string(m.Data) != "null" {
			e.Data = m.Data
		}
	case len(msg) > 0 && msg[0] == '"':
		if err := json.Unmarshal(msg, &e.Message); err != nil {
			return nil, err
		}
	default:
		e.Message = "error without a message"
	}
	if len(list) > 1 {
		e.Message += fmt.Sprintf(" (and %d more errors)", len(list)-1)
	}
	return e, nil
}
