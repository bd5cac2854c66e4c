package client

import (
	"context"

	"github.com/authing-go/authing"
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
	// Params is the user's custom data as a JSON list of key/value pairs,
	// such as `[{"key":"school","value":"MIT"}]`, also passed to the
	// pool's pipeline functions.
	Params *string
	// Context is a JSON object passed to the pool's pipeline functions.
	Context *string
}

// LoginByUsername logs in with a username and password (sent RSA-encrypted)
// with the loginByUsername mutation. It returns the user with its Token
// and TokenExpiredAt set, and changes nothing in ac: make the user's calls
// through ac.WithAccessToken(user.Token).
func (ac *AuthenticationClient) LoginByUsername(ctx context.Context, username, password string, opts *LoginOptions) (*authing.User, error) {
	const op = "LoginByUsername"
	ctx = withOp(ctx, op)
	if username == "" || password == "" {
		return nil, argError(op, "username and password are required")
	}
	ctx = withSecrets(ctx, password)
	enc, err := ac.conn.encryptPassword(ctx, op, password)
	if err != nil {
		return nil, err
	}
	o := loginOpts(opts)
	resp, err := generated.LoginByUsername(ctx, ac.gql, &generated.LoginByUsernameInput{
		Username: username, Password: enc, AutoRegister: o.AutoRegister, CaptchaCode: o.CaptchaCode,
		ClientIp: o.ClientIP, Params: o.Params, Context: o.Context,
	})
	if err != nil {
		return nil, err
	}
	return loggedIn(op, resp.LoginByUsername)
}

// LoginByEmail logs in with an email and password (sent RSA-encrypted) with
// the loginByEmail mutation, and returns the user with its token.
func (ac *AuthenticationClient) LoginByEmail(ctx context.Context, email, password string, opts *LoginOptions) (*authing.User, error) {
	const op = "LoginByEmail"
	ctx = withOp(ctx, op)
	if email == "" || password == "" {
		return nil, argError(op, "email and password are required")
	}
	ctx = withSecrets(ctx, password)
	enc, err := ac.conn.encryptPassword(ctx, op, password)
	if err != nil {
		return nil, err
	}
	o := loginOpts(opts)
	resp, err := generated.LoginByEmail(ctx, ac.gql, &generated.LoginByEmailInput{
		Email: email, Password: enc, AutoRegister: o.AutoRegister, CaptchaCode: o.CaptchaCode,
		ClientIp: o.ClientIP, Params: o.Params, Context: o.Context,
	})
	if err != nil {
		return nil, err
	}
	return loggedIn(op, resp.LoginByEmail)
}

// LoginByPhonePassword logs in with a phone number and password (sent
// RSA-encrypted) with the loginByPhonePassword mutation, and returns the
// user with its token.
func (ac *AuthenticationClient) LoginByPhonePassword(ctx context.Context, phone, password string, opts *LoginOptions) (*authing.User, error) {
	const op = "LoginByPhonePassword"
	ctx = withOp(ctx, op)
	if phone == "" || password == "" {
		return nil, argError(op, "phone and password are required")
	}
	ctx = withSecrets(ctx, password)
	enc, err := ac.conn.encryptPassword(ctx, op, password)
	if err != nil {
		return nil, err
	}
	o := loginOpts(opts)
	resp, err := generated.LoginByPhonePassword(ctx, ac.gql, &generated.LoginByPhonePasswordInput{
		Phone: phone, Password: enc, AutoRegister: o.AutoRegister, CaptchaCode: o.CaptchaCode,
		ClientIp: o.ClientIP, Params: o.Params, Context: o.Context,
	})
	if err != nil {
		return nil, err
	}
	return loggedIn(op, resp.LoginByPhonePassword)
}

// PhoneCodeLoginOptions are the optional values of LoginByPhoneCode.
type PhoneCodeLoginOptions struct {
	// PhoneCountryCode is the phone's country code, such as "+86".
	PhoneCountryCode *string
	// AutoRegister registers the user when no account matches.
	AutoRegister *bool
	// ClientIP is the end user's IP, when the call is made on their behalf.
	ClientIP *string
	// Params is custom data as a JSON list of key/value pairs, as in
	// LoginOptions.
	Params *string
	// Context is a JSON object passed to the pool's pipeline functions.
	Context *string
}

// LoginByPhoneCode logs in with a phone number and the code SendSMSCode
// sent to it, with the loginByPhoneCode mutation, and returns the user
// with its token.
func (ac *AuthenticationClient) LoginByPhoneCode(ctx context.Context, phone, code string, opts *PhoneCodeLoginOptions) (*authing.User, error) {
	const op = "LoginByPhoneCode"
	ctx = withOp(ctx, op)
	if phone == "" || code == "" {
		return nil, argError(op, "phone and code are required")
	}
	if opts == nil {
		opts = &PhoneCodeLoginOptions{}
	}
	resp, err := generated.LoginByPhoneCode(ctx, ac.gql, &generated.LoginByPhoneCodeInput{
		Phone: phone, Code: code, PhoneCountryCode: opts.PhoneCountryCode, AutoRegister: opts.AutoRegister,
		ClientIp: opts.ClientIP, Params: opts.Params, Context: opts.Context,
	})
	if err != nil {
		return nil, err
	}
	return loggedIn(op, resp.LoginByPhoneCode)
}

// LoginBySubAccount logs in to a sub-account with its account name and
// password (sent RSA-encrypted) with the loginBySubAccount mutation, and
// returns the user with its token. Only CaptchaCode and ClientIP of opts
// apply.
func (ac *AuthenticationClient) LoginBySubAccount(ctx context.Context, account, password string, opts *LoginOptions) (*authing.User, error) {
	const op = "LoginBySubAccount"
	ctx = withOp(ctx, op)
	if account == "" || password == "" {
		return nil, argError(op, "account and password are required")
	}
	ctx = withSecrets(ctx, password)
	enc, err := ac.conn.encryptPassword(ctx, op, password)
	if err != nil {
		return nil, err
	}
	o := loginOpts(opts)
	resp, err := generated.LoginBySubAccount(ctx, ac.gql, account, enc, o.CaptchaCode, o.ClientIP)
	if err != nil {
		return nil, err
	}
	return loggedIn(op, resp.LoginBySubAccount)
}

func loginOpts(opts *LoginOptions) *LoginOptions {
	if opts == nil {
		return &LoginOptions{}
	}
	return opts
}
