package client

import (
	"cmp"
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"strings"
)

// redacted replaces a secret in a message.
const redacted = "[redacted]"

// minSecretLen is the shortest value redacted: shorter ones would mangle
// messages and protect nothing.
const minSecretLen = 4

// secretsKey is the context key of withSecrets.
type secretsKey struct{}

// withSecrets returns a context whose calls have values (such as a plain
// password, which the transport only ever sees encrypted) redacted from
// their error messages and logs, like the secrets of the request itself.
func withSecrets(ctx context.Context, values ...string) context.Context {
	prev, _ := ctx.Value(secretsKey{}).([]string)
	return context.WithValue(ctx, secretsKey{}, append(slices.Clip(prev), values...))
}

// redact replaces in msg every secret the client knows of request r: the
// client's own secrets (pool and application secrets), those of ctx (see
// withSecrets), the request's bearer token, and the values under a
// secret-looking name (password, secret, token, verifier, ticket) in its
// query and body. A server that echoes the request can then not carry a
// secret into an error or a log. It runs only for failures.
func (c *conn) redact(ctx context.Context, r *request, msg string) string {
	if msg == "" {
		return msg
	}
	var secrets []string
	add := func(v string) {
		if len(v) >= minSecretLen {
			secrets = append(secrets, v)
		}
	}
	for _, s := range c.opts.secrets {
		add(s)
	}
	if v, ok := ctx.Value(secretsKey{}).([]string); ok {
		for _, s := range v {
			add(s)
		}
	}
	add(r.token)
	requestSecrets(r, add)
	// Longest first, so that a secret containing another goes whole.
	slices.SortFunc(secrets, func(a, b string) int { return cmp.Compare(len(b), len(a)) })
	for _, s := range secrets {
		msg = redactValue(msg, s)
	}
	return msg
}

// redactValue replaces s in msg as sent and in its JSON-escaped and
// URL-encoded forms, which an echo may use.
func redactValue(msg, s string) string {
	msg = strings.ReplaceAll(msg, s, redacted)
	if q := url.QueryEscape(s); q != s {
		msg = strings.ReplaceAll(msg, q, redacted)
	}
	if b, err := json.Marshal(s); err == nil {
		if j := string(b[1 : len(b)-1]); j != s {
			msg = strings.ReplaceAll(msg, j, redacted)
		}
	}
	return msg
}

// requestSecrets calls add with the values under secret-looking names in
// r's URL query and in its body (JSON or form).
func requestSecrets(r *request, add func(string)) {
	if i := strings.IndexByte(r.url, '?'); i >= 0 {
		formSecrets(r.url[i+1:], add)
	}
	switch {
	case len(r.body) == 0:
	case r.form:
		formSecrets(string(r.body), add)
	default:
		var v any
		if json.Unmarshal(r.body, &v) == nil {
			jsonSecrets(v, false, add)
		}
	}
}

func formSecrets(query string, add func(string)) {
	values, _ := url.ParseQuery(query)
	for k, vs := range values {
		if secretName(k) {
			for _, v := range vs {
				add(v)
			}
		}
	}
}

// jsonSecrets walks a decoded JSON value, adding every string under a
// secret-looking member name (secret is true below one).
func jsonSecrets(v any, secret bool, add func(string)) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			jsonSecrets(e, secret || secretName(k), add)
		}
	case []any:
		for _, e := range x {
			jsonSecrets(e, secret, add)
		}
	case string:
		if secret {
			add(x)
		}
	}
}

// secretName reports whether a variable, member or parameter name holds a
// secret: passwords (plain or encrypted), secrets, tokens of every kind
// (access, refresh, ID, MFA, id_token_hint), PKCE verifiers, CAS tickets.
func secretName(name string) bool {
	n := strings.ToLower(name)
	for _, part := range []string{"password", "secret", "token", "verifier", "ticket"} {
		if strings.Contains(n, part) {
			return true
		}
	}
	return false
}
