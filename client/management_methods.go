package client

import (
	"context"
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

// IsPasswordValid checks a password against the pool's password policy
// with REST POST /api/v2/password/check. The password is sent as given,
// not encrypted, as the official SDKs send it: the endpoint rates it. A
// password that fails the policy is an *Error with the server's code and
// message.
func (mc *ManagementClient) IsPasswordValid(ctx context.Context, password string) error {
	const op = "IsPasswordValid"
	ctx = withOp(ctx, op)
	if password == "" {
		return argError(op, "password is required")
	}
	return mc.gql.rest(ctx, restCall{method: http.MethodPost, path: "/api/v2/password/check",
		body: map[string]string{"password": password}}, nil)
}
