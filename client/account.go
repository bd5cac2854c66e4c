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
	ctx = withOp(ctx, op)
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
	ctx = withOp(ctx, op)
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
	ctx = withOp(ctx, op)
	if password == "" {
		return nil, argError(op, "password is required")
	}
	resp, err := generated.CheckPasswordStrength(ctx, ac.gql, password)
	return result(op, resp.CheckPasswordStrength, err)
}

// ResetPasswordByPhoneCode sets newPassword (sent RSA-encrypted) for the
// account of proof.Phone, proven by the code SendSMSCode sent, with the
// resetPassword mutation.
func (ac *AuthenticationClient) ResetPasswordByPhoneCode(ctx context.Context, proof PhoneCode, newPassword string) (*authing.CommonMessage, error) {
	const op = "ResetPasswordByPhoneCode"
	ctx = withOp(ctx, op)
	if proof.Phone == "" || proof.Code == "" || newPassword == "" {
		return nil, argError(op, "phone, code and new password are required")
	}
	return ac.resetPassword(ctx, op, &proof.Phone, nil, proof.Code, newPassword)
}

// ResetPasswordByEmailCode sets newPassword (sent RSA-encrypted) for the
// account of proof.Email, proven by the code SendEmail sent (scene
// EmailSceneResetPasswordVerifyCode), with the resetPassword mutation.
func (ac *AuthenticationClient) ResetPasswordByEmailCode(ctx context.Context, proof EmailCode, newPassword string) (*authing.CommonMessage, error) {
	const op = "ResetPasswordByEmailCode"
	ctx = withOp(ctx, op)
	if proof.Email == "" || proof.Code == "" || newPassword == "" {
		return nil, argError(op, "email, code and new password are required")
	}
	return ac.resetPassword(ctx, op, nil, &proof.Email, proof.Code, newPassword)
}

func (ac *AuthenticationClient) resetPassword(ctx context.Context, op string, phone, email *string, code, newPassword string) (*authing.CommonMessage, error) {
	ctx = withSecrets(ctx, newPassword)
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
	ctx = withOp(ctx, op)
	if token == "" || password == "" {
		return nil, argError(op, "token and password are required")
	}
	ctx = withSecrets(ctx, password)
	enc, err := ac.conn.encryptPassword(ctx, op, password)
	if err != nil {
		return nil, err
	}
	resp, err := generated.ResetPasswordByFirstLoginToken(ctx, ac.gql, token, enc)
	return commonMessage(op, resp.ResetPasswordByFirstLoginToken, err)
}

// ResetPasswordWithForceReset changes the password of a user whose
// password expired, from change.Old to change.New (both required), with
// the token the refused login returned, using the
// resetPasswordByForceResetToken mutation. Both passwords are sent
// RSA-encrypted.
func (ac *AuthenticationClient) ResetPasswordWithForceReset(ctx context.Context, token string, change PasswordChange) (*authing.CommonMessage, error) {
	const op = "ResetPasswordWithForceReset"
	ctx = withOp(ctx, op)
	if token == "" || change.Old == "" || change.New == "" {
		return nil, argError(op, "token, old and new password are required")
	}
	ctx = withSecrets(ctx, change.Old)
	oldEnc, err := ac.conn.encryptPassword(ctx, op, change.Old)
	if err != nil {
		return nil, err
	}
	ctx = withSecrets(ctx, change.New)
	newEnc, err := ac.conn.encryptPassword(ctx, op, change.New)
	if err != nil {
		return nil, err
	}
	resp, err := generated.ResetPasswordByForceResetToken(ctx, ac.gql, token, oldEnc, newEnc)
	return commonMessage(op, resp.ResetPasswordByForceResetToken, err)
}
