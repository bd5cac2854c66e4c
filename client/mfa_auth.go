package client

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/internal/jsontime"
)

// MFA calls of the end user. A login that needs a second factor fails
// with ErrMFARequired; MFATokenFromError reads the MFA token from that
// error, and the Verify* methods complete the login with it.

// MFATokenFromError returns the MFA token carried by an ErrMFARequired
// error (code 1635, whose Data is {"mfaToken": "...", ...}), and whether
// there was one. Pass the token to the Verify* methods.
func MFATokenFromError(err error) (string, bool) {
	var e *Error
	if !errors.As(err, &e) || e.Code != int(ErrMFARequired) || len(e.Data) == 0 {
		return "", false
	}
	var data struct {
		MFAToken string `json:"mfaToken"`
	}
	if json.Unmarshal(e.Data, &data) != nil || data.MFAToken == "" {
		return "", false
	}
	return data.MFAToken, true
}

// MFAAuthenticator is an MFA authenticator bound to the user.
type MFAAuthenticator struct {
	ID                string `json:"id"`
	UserID            string `json:"userId"`
	Enable            bool   `json:"enable"`
	AuthenticatorType string `json:"authenticatorType"`
	Source            string `json:"source"`
	RecoveryCode      string `json:"recoveryCode,omitempty"`
	// CreatedAt and UpdatedAt are zero when the server sent no date.
	CreatedAt time.Time `json:"createdAt,omitzero"`
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
}

// UnmarshalJSON decodes a MFAAuthenticator; dates that are "" or null are left unset.
func (a *MFAAuthenticator) UnmarshalJSON(b []byte) error {
	type plain MFAAuthenticator
	return jsontime.Unmarshal(b, (*plain)(a))
}

// MFAAssociation is what associating a TOTP authenticator returns: the
// secret, a QR code to scan and the recovery code.
type MFAAssociation struct {
	AuthenticatorType string `json:"authenticator_type"`
	Secret            string `json:"secret"`
	QRCodeURI         string `json:"qrcode_uri"`
	QRCodeDataURL     string `json:"qrcode_data_url"`
	RecoveryCode      string `json:"recovery_code"`
}

// MFAOptions are the optional values of the authenticator calls.
type MFAOptions struct {
	// MFAToken authenticates the call: the MFA token of a login that
	// answered ErrMFARequired, or the user's access token. It is required.
	MFAToken string
	// AuthenticatorType defaults to "totp".
	AuthenticatorType string
	// Source is "SELF" (default) or "APPLICATION".
	Source string
}

func (o *MFAOptions) values() (token, kind, source string) {
	if o == nil {
		o = &MFAOptions{}
	}
	kind, source = o.AuthenticatorType, o.Source
	if kind == "" {
		kind = "totp"
	}
	if source == "" {
		source = "SELF"
	}
	return o.MFAToken, kind, source
}

// mfaToken returns the token given (an MFA token, or a user's access
// token), or ErrNotLoggedIn when there is none.
func mfaToken(op, given string) (string, error) {
	if given == "" {
		return "", notLoggedIn(op)
	}
	return given, nil
}

// mfaCall runs an MFA REST call with an explicit token.
func (ac *AuthenticationClient) mfaCall(ctx context.Context, op, token string, call restCall, out any) error {
	tok, err := mfaToken(op, token)
	if err != nil {
		return err
	}
	return ac.conn.rest(ctx, call, tok, out)
}

// GetMFAAuthenticators lists the user's MFA authenticators with REST
// GET /api/v2/mfa/authenticator?type=&source= (defaults totp and SELF),
// sending opts.MFAToken.
func (ac *AuthenticationClient) GetMFAAuthenticators(ctx context.Context, opts *MFAOptions) ([]*MFAAuthenticator, error) {
	const op = "GetMFAAuthenticators"
	ctx = withOp(ctx, op)
	token, kind, source := opts.values()
	var out *[]*MFAAuthenticator
	err := ac.mfaCall(ctx, op, token, restCall{method: http.MethodGet, path: "/api/v2/mfa/authenticator",
		query: url.Values{"type": {kind}, "source": {source}}}, &out)
	if err != nil {
		return nil, err
	}
	if out == nil {
		return nil, noResult(op)
	}
	return *out, nil
}

// AssociateMFAAuthenticator starts binding a TOTP authenticator with REST
// POST /api/v2/mfa/totp/associate {authenticator_type, source}, as the
// JavaScript SDK sends it (the Python SDK says authenticatorType), sending
// opts.MFAToken, and returns the secret, QR code
// and recovery code; confirm it with ConfirmAssociateMFAAuthenticator.
func (ac *AuthenticationClient) AssociateMFAAuthenticator(ctx context.Context, opts *MFAOptions) (*MFAAssociation, error) {
	const op = "AssociateMFAAuthenticator"
	ctx = withOp(ctx, op)
	token, kind, source := opts.values()
	var out *MFAAssociation
	err := ac.mfaCall(ctx, op, token, restCall{method: http.MethodPost, path: "/api/v2/mfa/totp/associate",
		body: map[string]string{"authenticator_type": kind, "source": source}}, &out)
	if err != nil {
		return nil, err
	}
	if out == nil || out.Secret == "" {
		return nil, noResult(op)
	}
	return out, nil
}

// DeleteMFAAuthenticator unbinds the user's TOTP authenticator with REST
// DELETE /api/v2/mfa/totp/associate.
func (uc *UserClient) DeleteMFAAuthenticator(ctx context.Context) error {
	const op = "DeleteMFAAuthenticator"
	ctx = withOp(ctx, op)
	return uc.gql.rest(ctx, restCall{method: http.MethodDelete, path: "/api/v2/mfa/totp/associate"}, nil)
}

// ConfirmAssociateMFAAuthenticator finishes binding a TOTP authenticator
// with a code it generated, with REST POST /api/v2/mfa/totp/associate/confirm
// {totp, authenticator_type, source}, sending opts.MFAToken or else the
// user's token.
func (ac *AuthenticationClient) ConfirmAssociateMFAAuthenticator(ctx context.Context, totp string, opts *MFAOptions) error {
	const op = "ConfirmAssociateMFAAuthenticator"
	ctx = withOp(ctx, op)
	if totp == "" {
		return argError(op, "the TOTP code is required")
	}
	token, kind, source := opts.values()
	return ac.mfaCall(ctx, op, token, restCall{method: http.MethodPost, path: "/api/v2/mfa/totp/associate/confirm",
		body: map[string]string{"totp": totp, "authenticator_type": kind, "source": source}}, nil)
}

// mfaLogin completes a login with a second factor and returns the user with its token.
func (ac *AuthenticationClient) mfaLogin(ctx context.Context, op, mfaToken, path string, body any) (*authing.User, error) {
	if mfaToken == "" {
		return nil, argError(op, "the MFA token is required")
	}
	var u authing.User
	if err := ac.conn.rest(ctx, restCall{method: http.MethodPost, path: path, body: body}, mfaToken, &u); err != nil {
		return nil, err
	}
	if u.ID == "" {
		return nil, noResult(op)
	}
	return loggedIn(op, &u)
}

// VerifyTOTPMFA completes an MFA login with a TOTP code, with REST
// POST /api/v2/mfa/totp/verify {totp} and the MFA token as Bearer, and
// returns the user with its token; it stores nothing on the client.
func (ac *AuthenticationClient) VerifyTOTPMFA(ctx context.Context, totp, mfaToken string) (*authing.User, error) {
	const op = "VerifyTOTPMFA"
	ctx = withOp(ctx, op)
	if totp == "" {
		return nil, argError(op, "the TOTP code is required")
	}
	return ac.mfaLogin(ctx, op, mfaToken, "/api/v2/mfa/totp/verify", map[string]string{"totp": totp})
}

// VerifyTOTPRecoveryCode completes an MFA login with a recovery code, with
// REST POST /api/v2/mfa/totp/recovery {recoveryCode} and the MFA token as
// Bearer, and returns the user with its token; it stores nothing on the client.
func (ac *AuthenticationClient) VerifyTOTPRecoveryCode(ctx context.Context, recoveryCode, mfaToken string) (*authing.User, error) {
	const op = "VerifyTOTPRecoveryCode"
	ctx = withOp(ctx, op)
	if recoveryCode == "" {
		return nil, argError(op, "the recovery code is required")
	}
	return ac.mfaLogin(ctx, op, mfaToken, "/api/v2/mfa/totp/recovery", map[string]string{"recoveryCode": recoveryCode})
}

// VerifyAppSMSMFA completes an MFA login with a code sent by SMS, with REST
// POST /api/v2/applications/mfa/sms/verify {phone, code} and the MFA token
// as Bearer, and returns the user with its token; it stores nothing on the client.
func (ac *AuthenticationClient) VerifyAppSMSMFA(ctx context.Context, proof PhoneCode, mfaToken string) (*authing.User, error) {
	const op = "VerifyAppSMSMFA"
	ctx = withOp(ctx, op)
	if proof.Phone == "" || proof.Code == "" {
		return nil, argError(op, "phone and code are required")
	}
	return ac.mfaLogin(ctx, op, mfaToken, "/api/v2/applications/mfa/sms/verify", map[string]string{"phone": proof.Phone, "code": proof.Code})
}

// VerifyAppEmailMFA completes an MFA login with a code sent by email, with
// REST POST /api/v2/applications/mfa/email/verify {email, code} and the MFA
// token as Bearer, and returns the user with its token; it stores nothing on the client.
func (ac *AuthenticationClient) VerifyAppEmailMFA(ctx context.Context, proof EmailCode, mfaToken string) (*authing.User, error) {
	const op = "VerifyAppEmailMFA"
	ctx = withOp(ctx, op)
	if proof.Email == "" || proof.Code == "" {
		return nil, argError(op, "email and code are required")
	}
	return ac.mfaLogin(ctx, op, mfaToken, "/api/v2/applications/mfa/email/verify", map[string]string{"email": proof.Email, "code": proof.Code})
}

// PhoneOrEmailBindableOptions name what PhoneOrEmailBindable checks: set
// Phone, Email or both.
type PhoneOrEmailBindableOptions struct {
	Phone string
	Email string
}

// PhoneOrEmailBindable reports whether a phone or email can be bound as a
// second factor during a login that needs MFA, with REST
// POST /api/v2/applications/mfa/check {phone, email} and the MFA token as
// Bearer.
func (ac *AuthenticationClient) PhoneOrEmailBindable(ctx context.Context, mfaToken string, opts *PhoneOrEmailBindableOptions) (bool, error) {
	const op = "PhoneOrEmailBindable"
	ctx = withOp(ctx, op)
	if mfaToken == "" {
		return false, argError(op, "the MFA token is required")
	}
	if opts == nil || (opts.Phone == "" && opts.Email == "") {
		return false, argError(op, "a phone or an email is required")
	}
	body := map[string]string{}
	if opts.Phone != "" {
		body["phone"] = opts.Phone
	}
	if opts.Email != "" {
		body["email"] = opts.Email
	}
	var out *bool
	if err := ac.conn.rest(ctx, restCall{method: http.MethodPost, path: "/api/v2/applications/mfa/check", body: body}, mfaToken, &out); err != nil {
		return false, err
	}
	if out == nil {
		return false, noResult(op)
	}
	return *out, nil
}

// FacePhotos are the URLs of two photos of the same face, both required:
// Base is the reference photo and Compare the one checked against it.
type FacePhotos struct {
	Base    string
	Compare string
}

// AssociateFaceByURL binds face recognition from two photos (URLs) with
// REST POST /api/v2/mfa/face/associate {photoA, photoB, isExternal}, sending
// mfaToken (required), and returns the user as Authing answers it.
func (ac *AuthenticationClient) AssociateFaceByURL(ctx context.Context, photos FacePhotos, mfaToken string) (*authing.User, error) {
	const op = "AssociateFaceByURL"
	ctx = withOp(ctx, op)
	if photos.Base == "" || photos.Compare == "" {
		return nil, argError(op, "both photos are required")
	}
	var u *authing.User
	if err := ac.mfaCall(ctx, op, mfaToken, restCall{method: http.MethodPost, path: "/api/v2/mfa/face/associate",
		body: map[string]any{"photoA": photos.Base, "photoB": photos.Compare, "isExternal": true}}, &u); err != nil {
		return nil, err
	}
	return result(op, u, nil)
}

// VerifyFaceMFA completes an MFA login with a photo (URL), with REST
// POST /api/v2/mfa/face/verify {photo}, as the JavaScript SDK sends it (the
// Python SDK posts to /api/v2/mfa/face/associate), and the MFA token as
// Bearer, and returns the user with its token; it stores nothing.
func (ac *AuthenticationClient) VerifyFaceMFA(ctx context.Context, photo, mfaToken string) (*authing.User, error) {
	const op = "VerifyFaceMFA"
	ctx = withOp(ctx, op)
	if photo == "" {
		return nil, argError(op, "the photo is required")
	}
	return ac.mfaLogin(ctx, op, mfaToken, "/api/v2/mfa/face/verify", map[string]any{"photo": photo})
}
