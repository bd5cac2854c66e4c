package client

import (
	"context"

	"github.com/authing-go/authing/generated"
)

// LoginOptions are the optional values of the password logins.
type LoginOptions struct {
	// AutoRegister registers the user when no account matches.
	AutoRegister *bool
	// CaptchaCode answers a captcha after ErrCaptchaRequired.
	CaptchaCode *string
	// ClientIP is the end user's IP, when the call is made on their behalf.
	ClientIP *string
	// Params is extra JSON passed to the pool's pipeline functions.
	Params *string
	// Context is JSON context passed to the pool's pipeline functions.
	Context *string
}

// LoginByUsername logs in with a username and password (sent RSA-encrypted)
// with the loginByUsername mutation. On success the returned user's token
// becomes this client's token.
func (ac *AuthenticationClient) LoginByUsername(ctx context.Context, username, password string, opts *LoginOptions) (*User, error) {
	const op = "LoginByUsername"
	if username == "" || password == "" {
		return nil, argError(op, "username and password are required")
	}
	enc, err := ac.conn.encryptPassword(ctx, op, password)
	if err != nil {
		return nil, err
	}
	if opts == nil {
		opts = &LoginOptions{}
	}
	resp, err := generated.LoginByUsername(ctx, ac.gql, &generated.LoginByUsernameInput{
		Username: username, Password: enc, AutoRegister: opts.AutoRegister, CaptchaCode: opts.CaptchaCode,
		ClientIp: opts.ClientIP, Params: opts.Params, Context: opts.Context,
	})
	if err != nil {
		return nil, err
	}
	return ac.loggedIn(op, resp.LoginByUsername)
}

// loggedIn checks a login or registration result and stores the user.
func (ac *AuthenticationClient) loggedIn(op string, u *User) (*User, error) {
	if u == nil {
		return nil, noResult(op)
	}
	ac.setUser(u)
	return u, nil
}

// noResult is the error for a null result without an error: the call must
// not return a nil value with a nil error.
func noResult(op string) error {
	return &Error{Operation: op, StatusCode: 200, Message: "the server returned no result"}
}
