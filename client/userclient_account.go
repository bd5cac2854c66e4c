package client

import (
	"context"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// UpdateProfile changes the token's user's profile with the updateUser
// mutation (no id: the user of the token). Only the non-nil fields of
// updates are sent. The password cannot be changed here (use
// UpdatePassword). It returns the updated user and stores it.
func (uc *UserClient) UpdateProfile(ctx context.Context, updates *authing.UpdateUserInput) (*authing.User, error) {
	const op = "UpdateProfile"
	ctx = withOp(ctx, op)
	if updates == nil {
		return nil, argError(op, "updates are required")
	}
	if updates.Password != nil {
		return nil, argError(op, "use UpdatePassword to change the password")
	}
	resp, err := generated.UpdateUser(ctx, uc.gql, nil, updates)
	if err != nil {
		return nil, err
	}
	return result(op, resp.UpdateUser, nil)
}

// UpdatePassword changes the token's user's password from change.Old to
// change.New with the updatePassword mutation. change.New is required;
// change.Old may be "" for a user who has no password yet. Both are sent
// RSA-encrypted.
func (uc *UserClient) UpdatePassword(ctx context.Context, change PasswordChange) (*authing.User, error) {
	const op = "UpdatePassword"
	ctx = withOp(ctx, op)
	newPassword, oldPassword := change.New, change.Old
	if newPassword == "" {
		return nil, argError(op, "the new password is required")
	}
	ctx = withSecrets(ctx, newPassword, oldPassword)
	newEnc, err := uc.conn.encryptPassword(ctx, op, newPassword)
	if err != nil {
		return nil, err
	}
	var oldEnc *string
	if oldPassword != "" {
		if oldEnc, err = uc.conn.encryptOptional(ctx, op, &oldPassword); err != nil {
			return nil, err
		}
	}
	resp, err := generated.UpdatePassword(ctx, uc.gql, newEnc, oldEnc)
	if err != nil {
		return nil, err
	}
	return result(op, resp.UpdatePassword, nil)
}

// UpdatePhoneOptions are the optional values of UpdatePhone: the old
// phone and its code, when the pool requires verifying the old phone.
type UpdatePhoneOptions struct {
	OldPhone            *string
	OldPhoneCode        *string
	PhoneCountryCode    *string
	OldPhoneCountryCode *string
}

// UpdatePhone changes the token's user's phone to phone, proven by the
// code sent to it, with the updatePhone mutation.
func (uc *UserClient) UpdatePhone(ctx context.Context, phone, phoneCode string, opts *UpdatePhoneOptions) (*authing.User, error) {
	const op = "UpdatePhone"
	ctx = withOp(ctx, op)
	if phone == "" || phoneCode == "" {
		return nil, argError(op, "phone and code are required")
	}
	if opts == nil {
		opts = &UpdatePhoneOptions{}
	}
	resp, err := generated.UpdatePhone(ctx, uc.gql, phone, phoneCode, opts.OldPhone, opts.OldPhoneCode,
		opts.PhoneCountryCode, opts.OldPhoneCountryCode)
	if err != nil {
		return nil, err
	}
	return result(op, resp.UpdatePhone, nil)
}

// UpdateEmailOptions are the optional values of UpdateEmail: the old
// email and its code, when the pool requires verifying the old email.
type UpdateEmailOptions struct {
	OldEmail     *string
	OldEmailCode *string
}

// UpdateEmail changes the token's user's email to email, proven by the
// code sent to it, with the updateEmail mutation.
func (uc *UserClient) UpdateEmail(ctx context.Context, email, emailCode string, opts *UpdateEmailOptions) (*authing.User, error) {
	const op = "UpdateEmail"
	ctx = withOp(ctx, op)
	if email == "" || emailCode == "" {
		return nil, argError(op, "email and code are required")
	}
	if opts == nil {
		opts = &UpdateEmailOptions{}
	}
	resp, err := generated.UpdateEmail(ctx, uc.gql, email, emailCode, opts.OldEmail, opts.OldEmailCode)
	if err != nil {
		return nil, err
	}
	return result(op, resp.UpdateEmail, nil)
}

// BindPhone binds phone, proven by the code sent to it, to the current
// user (who has none) with the bindPhone mutation.
func (uc *UserClient) BindPhone(ctx context.Context, phone, phoneCode string) (*authing.User, error) {
	const op = "BindPhone"
	ctx = withOp(ctx, op)
	if phone == "" || phoneCode == "" {
		return nil, argError(op, "phone and code are required")
	}
	resp, err := generated.BindPhone(ctx, uc.gql, phone, phoneCode, nil)
	if err != nil {
		return nil, err
	}
	return result(op, resp.BindPhone, nil)
}

// UnbindPhone removes the token's user's phone with the unbindPhone
// mutation; it fails when the phone is the only way to log in.
func (uc *UserClient) UnbindPhone(ctx context.Context) (*authing.User, error) {
	const op = "UnbindPhone"
	ctx = withOp(ctx, op)
	resp, err := generated.UnbindPhone(ctx, uc.gql)
	if err != nil {
		return nil, err
	}
	return result(op, resp.UnbindPhone, nil)
}

// BindEmail binds email, proven by the code sent to it, to the current
// user with the bindEmail mutation.
func (uc *UserClient) BindEmail(ctx context.Context, email, emailCode string) (*authing.User, error) {
	const op = "BindEmail"
	ctx = withOp(ctx, op)
	if email == "" || emailCode == "" {
		return nil, argError(op, "email and code are required")
	}
	resp, err := generated.BindEmail(ctx, uc.gql, email, emailCode)
	if err != nil {
		return nil, err
	}
	return result(op, resp.BindEmail, nil)
}

// UnbindEmail removes the token's user's email with the unbindEmail
// mutation; it fails when the email is the only way to log in.
func (uc *UserClient) UnbindEmail(ctx context.Context) (*authing.User, error) {
	const op = "UnbindEmail"
	ctx = withOp(ctx, op)
	resp, err := generated.UnbindEmail(ctx, uc.gql)
	if err != nil {
		return nil, err
	}
	return result(op, resp.UnbindEmail, nil)
}
