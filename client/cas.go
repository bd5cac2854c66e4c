package client

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// CASValidation is the answer of a CAS ticket validation.
type CASValidation struct {
	Valid    bool
	Username string
	// Raw is the server's answer (JSON for version 2, text for version 1).
	Raw []byte
}

// ValidateTicketV1 checks a CAS 1.0 ticket for service with
// GET {AppHost}/cas-idp/{AppID}/validate.
func (ac *AuthenticationClient) ValidateTicketV1(ctx context.Context, ticket, service string) (*CASValidation, error) {
	const op = "ValidateTicketV1"
	ctx = withOp(ctx, op)
	raw, err := ac.casCall(ctx, op, "/validate", url.Values{"ticket": {ticket}, "service": {service}})
	if err != nil {
		return nil, err
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	v := &CASValidation{Valid: strings.TrimSpace(lines[0]) == "yes", Raw: raw}
	if v.Valid && len(lines) > 1 {
		v.Username = strings.TrimSpace(lines[1])
	}
	return v, nil
}

// ValidateTicketV2 checks a CAS 2.0 ticket for service with
// GET {AppHost}/cas-idp/{AppID}/serviceValidate (format JSON).
func (ac *AuthenticationClient) ValidateTicketV2(ctx context.Context, ticket, service string) (*CASValidation, error) {
	const op = "ValidateTicketV2"
	ctx = withOp(ctx, op)
	raw, err := ac.casCall(ctx, op, "/serviceValidate", url.Values{"ticket": {ticket}, "service": {service}, "format": {"JSON"}})
	if err != nil {
		return nil, err
	}
	var body struct {
		ServiceResponse struct {
			Success *struct {
				User string `json:"user"`
			} `json:"authenticationSuccess"`
		} `json:"serviceResponse"`
	}
	if err := json.Unmarshal(raw, &body); err != nil {
		return nil, &Error{Kind: KindMalformed, Operation: op, StatusCode: 200, cause: err, Message: "malformed response: " + snippet(raw)}
	}
	v := &CASValidation{Raw: raw}
	if s := body.ServiceResponse.Success; s != nil {
		v.Valid, v.Username = true, s.User
	}
	return v, nil
}

func (ac *AuthenticationClient) casCall(ctx context.Context, op, path string, q url.Values) ([]byte, error) {
	if q.Get("ticket") == "" || q.Get("service") == "" {
		return nil, argError(op, "ticket and service are required")
	}
	if err := ac.needApp(op); err != nil {
		return nil, err
	}
	r := &request{op: op, method: http.MethodGet, idempotent: true, noHeaders: true,
		url: ac.opts.AppHost + "/cas-idp/" + url.PathEscape(ac.opts.AppID) + path + "?" + q.Encode()}
	var raw []byte
	err := ac.conn.do(ctx, r, func(status int, header http.Header, body []byte) error {
		if !success(status) {
			return statusError(op, status, header, body)
		}
		raw = bytes.Clone(body)
		return nil
	})
	return raw, err
}
