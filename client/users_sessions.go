package client

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// RefreshToken issues a new token for the user with the refreshToken
// mutation.
func (s *UsersService) RefreshToken(ctx context.Context, userID string) (*authing.RefreshedToken, error) {
	const op = "Users.RefreshToken"
	ctx = withOp(ctx, op)
	if userID == "" {
		return nil, argError(op, "user id is required")
	}
	resp, err := generated.RefreshToken(ctx, s.mc.gql, &userID)
	return result(op, resp.RefreshToken, err)
}

// Kick ends every session of the users (their tokens stop working) with
// REST POST /api/v2/users/kick.
func (s *UsersService) Kick(ctx context.Context, userIDs []string) error {
	const op = "Users.Kick"
	ctx = withOp(ctx, op)
	if len(userIDs) == 0 {
		return argError(op, "at least one user id is required")
	}
	return s.mc.gql.rest(ctx, restCall{method: http.MethodPost, path: "/api/v2/users/kick",
		body: map[string]any{"userIds": userIDs}}, nil)
}

// Logout ends the user's sessions (in one application when appID is set)
// with GET {host}/logout?userId=&appId= and the management token. The
// Python SDK documents this method as local; the official JavaScript and
// Go SDKs send this request, outside /api/v2, answered with the REST
// envelope.
func (s *UsersService) Logout(ctx context.Context, userID, appID string) error {
	const op = "Users.Logout"
	ctx = withOp(ctx, op)
	if userID == "" {
		return argError(op, "user id is required")
	}
	q := url.Values{"userId": {userID}}
	if appID != "" {
		q.Set("appId", appID)
	}
	return s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: "/logout", query: q}, nil)
}

// SessionStatus says whether a user is logged in.
type SessionStatus struct {
	IsLogin bool   `json:"isLogin"`
	UserID  string `json:"userId,omitempty"`
	// User is the user's profile, when the server includes it.
	User *authing.User `json:"user,omitempty"`
	// Applications are the applications the user is logged in to, when the
	// server includes them, as sent.
	Applications json.RawMessage `json:"application,omitempty"`
}

// LoginStatusOptions narrow CheckLoginStatus to one application, one
// device, or both; "" fields are not sent.
type LoginStatusOptions struct {
	AppID    string
	DeviceID string
}

// CheckLoginStatus reports whether the user is logged in (to the
// application or device opts names, when set; opts may be nil) with REST
// GET /api/v2/users/login-status.
func (s *UsersService) CheckLoginStatus(ctx context.Context, userID string, opts *LoginStatusOptions) (*SessionStatus, error) {
	const op = "Users.CheckLoginStatus"
	ctx = withOp(ctx, op)
	if userID == "" {
		return nil, argError(op, "user id is required")
	}
	q := url.Values{"userId": {userID}}
	if opts != nil {
		for k, v := range map[string]string{"appId": opts.AppID, "deviceId": opts.DeviceID} {
			if v != "" {
				q.Set(k, v)
			}
		}
	}
	var out SessionStatus
	if err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: "/api/v2/users/login-status", query: q}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// SendFirstLoginVerifyEmail sends the user the email that verifies their
// address at first login, with the sendFirstLoginVerifyEmail mutation.
func (s *UsersService) SendFirstLoginVerifyEmail(ctx context.Context, userID, appID string) (*authing.CommonMessage, error) {
	const op = "Users.SendFirstLoginVerifyEmail"
	ctx = withOp(ctx, op)
	if userID == "" || appID == "" {
		return nil, argError(op, "user id and app id are required")
	}
	resp, err := generated.SendFirstLoginVerifyEmail(ctx, s.mc.gql, userID, appID)
	return commonMessage(op, resp.SendFirstLoginVerifyEmail, err)
}

// ListUserActions returns one page of the users' action log with REST
// GET /api/v2/analysis/user-action.
func (s *UsersService) ListUserActions(ctx context.Context, opts *UserActionOptions) (*UserActionList, error) {
	const op = "Users.ListUserActions"
	ctx = withOp(ctx, op)
	if opts == nil {
		opts = &UserActionOptions{}
	}
	q := listQuery(&opts.ListOptions)
	for k, v := range map[string]string{"clientip": opts.ClientIP, "operation_name": opts.OperationName, "operator_arn": opts.OperatorARN} {
		if v != "" {
			q.Set(k, v)
		}
	}
	var out UserActionList
	if err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: "/api/v2/analysis/user-action", query: q}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListUserActionsIter walks every page of ListUserActions, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (s *UsersService) ListUserActionsIter(ctx context.Context, opts *UserActionOptions) iter.Seq2[*UserAction, error] {
	return listIter(ctx, opts, s.ListUserActions, userActionPage)
}
