package client

import (
	"context"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// RegisterOptions are the optional values of the registrations.
type RegisterOptions struct {
	// Profile sets profile fields of the new user.
	Profile *authing.RegisterProfile
	// ForceLogin logs the new user in, so the result carries a token.
	ForceLogin *bool
	// GenerateToken issues a token for the new user without a login.
	GenerateToken *bool
	// ClientIP is the end user's IP, when the call is made on their behalf.
	ClientIP *string
	// Params is the new user's custom data as a JSON list of key/value
	// pairs, such as `[{"key":"school","value":"MIT"}]`, also passed to the
	// pool's pipeline functions.
	Params *string
	// Context is a JSON object passed to the pool's pipeline functions.
	Context *string
}

func registerOpts(opts *RegisterOptions) *RegisterOptions {
	if opts == nil {
		return &RegisterOptions{}
	}
	return opts
}

// RegisterByEmail creates a user with an email and password (sent
// RSA-encrypted) with the registerByEmail mutation, and returns the new
// user. Its Token is set only when ForceLogin or GenerateToken asked the
// server for one. It changes nothing in ac.
func (ac *AuthenticationClient) RegisterByEmail(ctx context.Context, email, password string, opts *RegisterOptions) (*authing.User, error) {
	const op = "RegisterByEmail"
	ctx = withOp(ctx, op)
	if email == "" || password == "" {
		return nil, argError(op, "email and password are required")
	}
	ctx = withSecrets(ctx, password)
	enc, err := ac.conn.encryptPassword(ctx, op, password)
	if err != nil {
		return nil, err
	}
	o := registerOpts(opts)
	resp, err := generated.RegisterByEmail(ctx, ac.gql, &generated.RegisterByEmailInput{
		Email: email, Password: enc, Profile: o.Profile, ForceLogin: o.ForceLogin, GenerateToken: o.GenerateToken,
		ClientIp: o.ClientIP, Params: o.Params, Context: o.Context,
	})
	if err != nil {
		return nil, err
	}
	return loggedIn(op, resp.RegisterByEmail)
}

// RegisterByUsername creates a user with a username and password (sent
// RSA-encrypted) with the registerByUsername mutation, and returns the
// new user, with a Token as RegisterByEmail says.
func (ac *AuthenticationClient) RegisterByUsername(ctx context.Context, username, password string, opts *RegisterOptions) (*authing.User, error) {
	const op = "RegisterByUsername"
	ctx = withOp(ctx, op)
	if username == "" || password == "" {
		return nil, argError(op, "username and password are required")
	}
	ctx = withSecrets(ctx, password)
	enc, err := ac.conn.encryptPassword(ctx, op, password)
	if err != nil {
		return nil, err
	}
	o := registerOpts(opts)
	resp, err := generated.RegisterByUsername(ctx, ac.gql, &generated.RegisterByUsernameInput{
		Username: username, Password: enc, Profile: o.Profile, ForceLogin: o.ForceLogin, GenerateToken: o.GenerateToken,
		ClientIp: o.ClientIP, Params: o.Params, Context: o.Context,
	})
	if err != nil {
		return nil, err
	}
	return loggedIn(op, resp.RegisterByUsername)
}

// PhoneRegisterOptions are the optional values of RegisterByPhoneCode.
type PhoneRegisterOptions struct {
	RegisterOptions
	// Password sets a password too (sent RSA-encrypted).
	Password *string
	// PhoneCountryCode is the phone's country code, such as "+86".
	PhoneCountryCode *string
}

// RegisterByPhoneCode creates a user with a phone number and the code
// SendSMSCode sent to it, with the registerByPhoneCode mutation, and
// returns the new user, with a Token as RegisterByEmail says.
func (ac *AuthenticationClient) RegisterByPhoneCode(ctx context.Context, phone, code string, opts *PhoneRegisterOptions) (*authing.User, error) {
	const op = "RegisterByPhoneCode"
	ctx = withOp(ctx, op)
	if phone == "" || code == "" {
		return nil, argError(op, "phone and code are required")
	}
	if opts == nil {
		opts = &PhoneRegisterOptions{}
	}
	if opts.Password != nil {
		ctx = withSecrets(ctx, *opts.Password)
	}
	enc, err := ac.conn.encryptOptional(ctx, op, opts.Password)
	if err != nil {
		return nil, err
	}
	o := &opts.RegisterOptions
	resp, err := generated.RegisterByPhoneCode(ctx, ac.gql, &generated.RegisterByPhoneCodeInput{
		Phone: phone, Code: code, Password: enc, PhoneCountryCode: opts.PhoneCountryCode, Profile: o.Profile,
		ForceLogin: o.ForceLogin, GenerateToken: o.GenerateToken, ClientIp: o.ClientIP, Params: o.Params, Context: o.Context,
	})
	if err != nil {
		return nil, err
	}
	return loggedIn(op, resp.RegisterByPhoneCode)
}
