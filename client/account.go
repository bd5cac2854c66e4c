package client

import (
	"context"
	"net/http"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// SendEmail sends an email for scene (a verification code, a reset link)
// with the sendEmail mutation.
func (ac *AuthenticationClient) SendEmail(ctx context.Context, email string, scene authing.EmailScene) (*authing.CommonMessage, error) {
	const op = "SendEmail"
	if email == "" || scene == "" {
		return nil, argError(op, "email and scene are required")
	}
	resp, err := generated.SendEmail(ctx, ac.gql, email, scene)
	return commonMessage(op, resp.SendEmail, err)
}

// SendSMSCode sends a verification code to phone with REST
// POST /api/v2/sms/send.
func (ac *AuthenticationClient) SendSMSCode(ctx context.Context, phone string) error {
	const op = "SendSMSCode"
	if phone == "" {
		return argError(op, "phone is required")
	}
	return ac.gql.rest(ctx, restCall{method: http.MethodPost, path: "/api/v2/sms/send",
		body: map[string]string{"phone": phone}}, nil)
}

// CheckPasswordStrength asks the server whether password meets the pool's
// password policy, with the checkPasswordStrength query. The password is
// sent as given (it is checked, not stored).
func (ac *AuthenticationClient) CheckPasswordStrength(ctx context.Context, password string) (*authing.PasswordStrength, error) {
	const op = "CheckPasswordStrength"
	if password == "" {
		return nil, argError(op, "password is required")
	}
	resp, err := generated.CheckPasswordStrength(ctx, ac.gql, password)
	return result(op, resp.CheckPasswordStrength, err)
}

// ResetPasswordByPhoneCode sets a new password (sent RSA-encrypted) for
// the account of phone, proven by the code SendSMSCode sent, with the
// resetPassword mutation.
func (ac *AuthenticationClient) ResetPasswordByPhoneCode(ctx context.Context, phone, code, newPassword string) (*authing.CommonMessage, error) {
	const op = "ResetPasswordByPhoneCode"
	if phone == "" || code == "" || newPassword == "" {
		return nil, argError(op, "phone, code and new password are required")
	}
	return ac.resetPassword(ctx, op, &phone, nil, code, newPassword)
}

// ResetPasswordByEmailCode sets a new password (sent RSA-encrypted) for
// the account of email, proven by the code SendEmail sent (scene
// EmailSceneResetPasswordVerifyCode), with the resetPassword mutation.
func (ac *AuthenticationClient) ResetPasswordByEmailCode(ctx context.Context, email, code, newPassword string) (*authing.CommonMessage, error) {
	const op = "ResetPasswordByEmailCode"
	if email == "" || code == "" || newPassword == "" {
		return nil, argError(op, "email, code and new password are required")
	}
	return ac.resetPassword(ctx, op, nil, &email, code, newPassword)
}

func (ac *AuthenticationClient) resetPassword(ctx context.Context, op string, phone, email *string, code, newPassword string) (*authing.CommonMessage, error) {
	enc, err := ac.conn.encryptPassword(ctx, op, newPassword)
	if err != nil {
		return nil, err
	}
	resp, err := generated.ResetPassword(ctx, ac.gql, code, enc, phone, email, nil)
	return commonMessage(op, resp.ResetPassword, err)
}

// ResetPasswordByFirstLoginToken sets the password (sent RSA-encrypted) of
// a user who must change it at first login, with the token that login
// returned, using the resetPasswordByFirstLoginToken mutation.
func (ac *AuthenticationClient) ResetPasswordByFirstLoginToken(ctx context.Context, token, password string) (*authing.CommonMessage, error) {
	const op = "ResetPasswordByFirstLoginToken"
	if token == "" || password == "" {
		return nil, argError(op, "token and password are required")
	}
	enc, err := ac.conn.encryptPassword(ctx, op, password)
	if err != nil {
		return nil, err
	}
	resp, err := generated.ResetPasswordByFirstLoginToken(ctx, ac.gql, token, enc)
	return commonMessage(op, resp.ResetPasswordByFirstLoginToken, err)
}

// ResetPasswordWithForceReset changes the password of a user whose
// password expired, with the token the refused login returned, using the
// resetPasswordByForceResetToken mutation. Both passwords are sent
// RSA-encrypted.
func (ac *AuthenticationClient) ResetPasswordWithForceReset(ctx context.Context, token, oldPassword, newPassword string) (*authing.CommonMessage, error) {
	const op = "ResetPasswordWithForceReset"
	if token == "" || oldPassword == "" || newPassword == "" {
		return nil, argError(op, "token, old and new password are required")
	}
	oldEnc, err := ac.conn.encryptPassword(ctx, op, oldPassword)
	if err != nil {
		return nil, err
	}
	newEnc, err := ac.conn.encryptPassword(ctx, op, newPassword)
	if err != nil {
		return nil, err
	}
	resp, err := generated.ResetPasswordByForceResetToken(ctx, ac.gql, token, oldEnc, newEnc)
	return commonMessage(op, resp.ResetPasswordByForceResetToken, err)
}

// UpdateProfile changes the current user's profile with the updateUser
// mutation (no id: the user of the token). Only the non-nil fields of
// updates are sent. The password cannot be changed here (use
// UpdatePassword). It returns the updated user and stores it.
func (ac *AuthenticationClient) UpdateProfile(ctx context.Context, updates *authing.UpdateUserInput) (*authing.User, error) {
	const op = "UpdateProfile"
	if updates == nil {
		return nil, argError(op, "updates are required")
	}
	if updates.Password != nil {
		return nil, argError(op, "use UpdatePassword to change the password")
	}
	resp, err := generated.UpdateUser(ctx, ac.authed(), nil, updates)
	if err != nil {
		return nil, err
	}
	return ac.updatedUser(op, resp.UpdateUser)
}

// updatedUser stores an updated user, keeping the client's token when the
// answer carries none.
func (ac *AuthenticationClient) updatedUser(op string, u *authing.User) (*authing.User, error) {
	if u == nil {
		return nil, noResult(op)
	}
	ac.mu.Lock()
	ac.user = u
	ac.mu.Unlock()
	return u, nil
}

// UpdatePassword changes the current user's password with the
// updatePassword mutation. oldPassword may be "" for a user who has none.
// Both are sent RSA-encrypted.
func (ac *AuthenticationClient) UpdatePassword(ctx context.Context, newPassword, oldPassword string) (*authing.User, error) {
	const op = "UpdatePassword"
	if newPassword == "" {
		return nil, argError(op, "the new password is required")
	}
	newEnc, err := ac.conn.encryptPassword(ctx, op, newPassword)
	if err != nil {
		return nil, err
	}
	var oldEnc *string
	if oldPassword != "" {
		if oldEnc, err = ac.conn.encryptOptional(ctx, op, &oldPassword); err != nil {
			return nil, err
		}
	}
	resp, err := generated.UpdatePassword(ctx, ac.authed(), newEnc, oldEnc)
	if err != nil {
		return nil, err
	}
	return ac.updatedUser(op, resp.UpdatePassword)
}

// UpdatePhoneOptions are the optional values of UpdatePhone: the old
// phone and its code, when the pool requires verifying the old phone.
type UpdatePhoneOptions struct {
	OldPhone            *string
	OldPhoneCode        *string
	PhoneCountryCode    *string
	OldPhoneCountryCode *string
}

// UpdatePhone changes the current user's phone to phone, proven by the
// code sent to it, with the updatePhone mutation.
func (ac *AuthenticationClient) UpdatePhone(ctx context.Context, phone, phoneCode string, opts *UpdatePhoneOptions) (*authing.User, error) {
	const op = "UpdatePhone"
	if phone == "" || phoneCode == "" {
		return nil, argError(op, "phone and code are required")
	}
	if opts == nil {
		opts = &UpdatePhoneOptions{}
	}
	resp, err := generated.UpdatePhone(ctx, ac.authed(), phone, phoneCode, opts.OldPhone, opts.OldPhoneCode,
		opts.PhoneCountryCode, opts.OldPhoneCountryCode)
	if err != nil {
		return nil, err
	}
	return ac.updatedUser(op, resp.UpdatePhone)
}

// UpdateEmailOptions are the optional values of UpdateEmail: the old
// email and its code, when the pool requires verifying the old email.
type UpdateEmailOptions struct {
	OldEmail     *string
	OldEmailCode *string
}

// UpdateEmail changes the current user's email to email, proven by the
// code sent to it, with the updateEmail mutation.
func (ac *AuthenticationClient) UpdateEmail(ctx context.Context, email, emailCode string, opts *UpdateEmailOptions) (*authing.User, error) {
	const op = "UpdateEmail"
	if email == "" || emailCode == "" {
		return nil, argError(op, "email and code are required")
	}
	if opts == nil {
		opts = &UpdateEmailOptions{}
	}
	resp, err := generated.UpdateEmail(ctx, ac.authed(), email, emailCode, opts.OldEmail, opts.OldEmailCode)
	if err != nil {
		return nil, err
	}
	return ac.updatedUser(op, resp.UpdateEmail)
}

// BindPhone binds phone, proven by the code sent to it, to the current
// user (who has none) with the bindPhone mutation.
func (ac *AuthenticationClient) BindPhone(ctx context.Context, phone, phoneCode string) (*authing.User, error) {
	const op = "BindPhone"
	if phone == "" || phoneCode == "" {
		return nil, argError(op, "phone and code are required")
	}
	resp, err := generated.BindPhone(ctx, ac.authed(), phone, phoneCode, nil)
	if err != nil {
		return nil, err
	}
	return ac.updatedUser(op, resp.BindPhone)
}

// UnbindPhone removes the current user's phone with the unbindPhone
// mutation; it fails when the phone is the only way to log in.
func (ac *AuthenticationClient) UnbindPhone(ctx context.Context) (*authing.User, error) {
	resp, err := generated.UnbindPhone(ctx, ac.authed())
	if err != nil {
		return nil, err
	}
	return ac.updatedUser("UnbindPhone", resp.UnbindPhone)
}

// BindEmail binds email, proven by the code sent to it, to the current
// user with the bindEmail mutation.
func (ac *AuthenticationClient) BindEmail(ctx context.Context, email, emailCode string) (*authing.User, error) {
	const op = "BindEmail"
	if email == "" || emailCode == "" {
		return nil, argError(op, "email and code are required")
	}
	resp, err := generated.BindEmail(ctx, ac.authed(), email, emailCode)
	if err != nil {
		return nil, err
	}
	return ac.updatedUser(op, resp.BindEmail)
}

// UnbindEmail removes the current user's email with the unbindEmail
// mutation; it fails when the email is the only way to log in.
func (ac *AuthenticationClient) UnbindEmail(ctx context.Context) (*authing.User, error) {
	resp, err := generated.UnbindEmail(ctx, ac.authed())
	if err != nil {
		return nil, err
	}
	return ac.updatedUser("UnbindEmail", resp.UnbindEmail)
}
