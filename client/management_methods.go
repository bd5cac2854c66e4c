package client

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// CheckLoginStatus asks whether an end user's token is valid, with the
// checkLoginStatus query.
func (mc *ManagementClient) CheckLoginStatus(ctx context.Context, token string) (*authing.LoginStatus, error) {
	const op = "CheckLoginStatus"
	ctx = withOp(ctx, op)
	if token == "" {
		return nil, argError(op, "token is required")
	}
	resp, err := generated.CheckLoginStatus(ctx, mc.gql, &token)
	return result(op, resp.CheckLoginStatus, err)
}

// SendEmail sends an email for scene with the sendEmail mutation.
func (mc *ManagementClient) SendEmail(ctx context.Context, email string, scene authing.EmailScene) (*authing.CommonMessage, error) {
	const op = "SendEmail"
	ctx = withOp(ctx, op)
	if email == "" || scene == "" {
		return nil, argError(op, "email and scene are required")
	}
	resp, err := generated.SendEmail(ctx, mc.gql, email, scene)
	return commonMessage(op, resp.SendEmail, err)
}

// PasswordCheck is Authing's verdict on a password.
type PasswordCheck struct {
	// Valid is true when the password passes every rule of the pool's
	// password policy.
	Valid bool
	// Rules are the rules the server checked, each with its verdict and
	// message; empty when it sent none.
	Rules []PasswordRule
}

// PasswordRule is one rule of a PasswordCheck.
type PasswordRule struct {
	Valid   bool   `json:"valid"`
	Message string `json:"message"`
}

// IsPasswordValid checks a password against the pool's password policy
// with REST POST /api/v2/password/check. The password is sent as given,
// not encrypted, as the official SDKs send it: the endpoint rates it.
// Authing answers success with the verdict in data, a list of rules each
// {valid, message}: the password is valid only when every rule is. A
// policy violation answered with an error code is an *Error.
func (mc *ManagementClient) IsPasswordValid(ctx context.Context, password string) (*PasswordCheck, error) {
	const op = "IsPasswordValid"
	ctx = withOp(ctx, op)
	if password == "" {
		return nil, argError(op, "password is required")
	}
	var data json.RawMessage
	if err := mc.gql.rest(ctx, restCall{method: http.MethodPost, path: "/api/v2/password/check",
		body: map[string]string{"password": password}}, &data); err != nil {
		return nil, err
	}
	return passwordVerdict(op, data)
}

// passwordVerdict reads the data of /api/v2/password/check: a list of
// rules, or one rule; without data the envelope's success is the verdict.
func passwordVerdict(op string, data json.RawMessage) (*PasswordCheck, error) {
	out := &PasswordCheck{Valid: true}
	trimmed := bytes.TrimSpace(data)
	switch {
	case len(trimmed) == 0:
		return out, nil
	case trimmed[0] == '{':
		var r PasswordRule
		if err := json.Unmarshal(trimmed, &r); err != nil {
			return nil, malformedData(op, err)
		}
		out.Rules = []PasswordRule{r}
	default:
		if err := json.Unmarshal(trimmed, &out.Rules); err != nil {
			return nil, malformedData(op, err)
		}
	}
	for _, r := range out.Rules {
		out.Valid = out.Valid && r.Valid
	}
	return out, nil
}
