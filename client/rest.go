package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// restDecoder decodes Authing's REST envelope {code, message, data}: code
// 200 is success and data is decoded into out (when out is not nil); any
// other code is an *Error. Some gateways send statusCode instead of code.
func restDecoder(op string, out any) decoder {
	return func(status int, header http.Header, body []byte) error {
		if len(bytes.TrimSpace(body)) == 0 {
			return statusError(op, status, header, body)
		}
		var env authingMessage
		if err := json.Unmarshal(body, &env); err != nil {
			if !success(status) {
				return statusError(op, status, header, body)
			}
			return &Error{StatusCode: status, Operation: op, cause: err, Message: "malformed response: " + err.Error()}
		}
		code := env.code()
		if code == 0 {
			if !success(status) {
				return statusError(op, status, header, body)
			}
			return &Error{StatusCode: status, Operation: op, Message: "response has no code: " + snippet(body)}
		}
		if code != 200 {
			e := &Error{Code: code, Message: env.Message, StatusCode: status, Operation: op, retryAfter: header.Get("Retry-After")}
			if len(env.Data) > 0 && string(env.Data) != "null" {
				e.Data = env.Data
			}
			return e
		}
		if out == nil || len(env.Data) == 0 || string(env.Data) == "null" {
			return nil
		}
		if err := json.Unmarshal(env.Data, out); err != nil {
			return &Error{StatusCode: status, Operation: op, cause: err, Message: "malformed data in response: " + err.Error()}
		}
		return nil
	}
}

// restCall describes one REST call under {host}/api/v2.
type restCall struct {
	method string
	path   string     // "/api/v2/users/me", with path values already escaped
	query  url.Values // may be nil
	body   any        // JSON-encoded when not nil
}

// rest performs a REST call with the given token ("" for none) and decodes
// the envelope's data into out. GETs are retried like queries; other
// methods only when they provably never left this machine.
func (c *conn) rest(ctx context.Context, call restCall, token string, out any) error {
	r, err := c.restRequest(call, token)
	if err != nil {
		return err
	}
	return named(ctx, c.do(ctx, r, restDecoder(r.op, out)))
}

func (c *conn) restRequest(call restCall, token string) (*request, error) {
	op := call.method + " " + call.path
	u := c.opts.host + call.path
	if len(call.query) > 0 {
		u += "?" + call.query.Encode()
	}
	r := &request{op: op, method: call.method, url: u, token: token, idempotent: call.method == http.MethodGet}
	if call.body != nil {
		b, err := json.Marshal(call.body)
		if err != nil {
			return nil, argError(op, "encoding request: %v", err)
		}
		r.body = b
	}
	return r, nil
}

// pathf formats a REST path, escaping each value as one path segment.
func pathf(format string, values ...string) string {
	args := make([]any, len(values))
	for i, v := range values {
		args[i] = url.PathEscape(v)
	}
	return fmt.Sprintf(format, args...)
}

// restWithToken is rest with the token (and refresh-on-expiry) of a
// GraphQL client, so REST and GraphQL calls of one client authenticate the
// same way.
func (g *gqlClient) rest(ctx context.Context, call restCall, out any) error {
	r, err := g.conn.restRequest(call, "")
	if err != nil {
		return err
	}
	return g.withToken(ctx, r, restDecoder(r.op, out))
}
