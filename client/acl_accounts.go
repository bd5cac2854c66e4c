package client

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"time"

	"github.com/authing-go/authing/internal/jsontime"
)

// Programmatic access accounts: AK/SK pairs with which a program acts for
// an application.

// ProgrammaticAccessAccount is an AK/SK pair (ID and Secret) with which a
// program calls an application's APIs as itself.
type ProgrammaticAccessAccount struct {
	ID     string `json:"id"`
	AppID  string `json:"appId"`
	Secret string `json:"secret"`
	// TokenLifetime is the lifetime of issued tokens in seconds.
	TokenLifetime int     `json:"tokenLifetime"`
	Remarks       *string `json:"remarks"`
	Enabled       bool    `json:"enabled"`
	// UserID is the user the account acts for, if any.
	UserID *string `json:"userId"`
	// CreatedAt and UpdatedAt are zero when the server sent no date.
	CreatedAt time.Time `json:"createdAt,omitzero"`
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
}

// UnmarshalJSON decodes a ProgrammaticAccessAccount; dates that are "" or null are left unset.
func (a *ProgrammaticAccessAccount) UnmarshalJSON(b []byte) error {
	type plain ProgrammaticAccessAccount
	return jsontime.Unmarshal(b, (*plain)(a))
}

// ProgrammaticAccessAccountList is one page of accounts.
type ProgrammaticAccessAccountList struct {
	TotalCount int                          `json:"totalCount"`
	List       []*ProgrammaticAccessAccount `json:"list"`
}

const accountsPath = "/api/v2/applications/programmatic-access-accounts"

// ListProgrammaticAccessAccounts returns one page of an application's
// accounts with REST
// GET /api/v2/applications/{appId}/programmatic-access-accounts?page&limit.
func (s *ACLService) ListProgrammaticAccessAccounts(ctx context.Context, appID string, opts *ListOptions) (*ProgrammaticAccessAccountList, error) {
	const op = "ACL.ListProgrammaticAccessAccounts"
	ctx = withOp(ctx, op)
	if appID == "" {
		return nil, argError(op, "app id is required")
	}
	return aclResult[ProgrammaticAccessAccountList](ctx, s.mc.gql, op, restCall{method: http.MethodGet,
		path: pathf("/api/v2/applications/%s/programmatic-access-accounts", appID), query: listQuery(opts)})
}

// ListProgrammaticAccessAccountsIter walks every page of ListProgrammaticAccessAccounts, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (s *ACLService) ListProgrammaticAccessAccountsIter(ctx context.Context, appID string, opts *ListOptions) iter.Seq2[*ProgrammaticAccessAccount, error] {
	return listIter(ctx, opts, func(ctx context.Context, o *ListOptions) (*ProgrammaticAccessAccountList, error) {
		return s.ListProgrammaticAccessAccounts(ctx, appID, o)
	}, accountPage)
}

// ProgrammaticAccessAccountOptions are the optional values of
// CreateProgrammaticAccessAccount.
type ProgrammaticAccessAccountOptions struct {
	Remarks *string `json:"remarks,omitempty"`
	// TokenLifetime is the lifetime of issued tokens in seconds (the
	// service's default is 600).
	TokenLifetime *int `json:"tokenLifetime,omitempty"`
}

// CreateProgrammaticAccessAccount creates an account for an application
// with REST POST /api/v2/applications/{appId}/programmatic-access-accounts
// {remarks, tokenLifetime} and returns it with its secret.
func (s *ACLService) CreateProgrammaticAccessAccount(ctx context.Context, appID string, opts *ProgrammaticAccessAccountOptions) (*ProgrammaticAccessAccount, error) {
	const op = "ACL.CreateProgrammaticAccessAccount"
	ctx = withOp(ctx, op)
	if appID == "" {
		return nil, argError(op, "app id is required")
	}
	if opts == nil {
		opts = &ProgrammaticAccessAccountOptions{}
	}
	return aclResult[ProgrammaticAccessAccount](ctx, s.mc.gql, op, restCall{method: http.MethodPost,
		path: pathf("/api/v2/applications/%s/programmatic-access-accounts", appID), body: opts})
}

// EnableProgrammaticAccessAccount switches an account on with REST PATCH
// /api/v2/applications/programmatic-access-accounts {id, enabled: true}
// and returns it.
func (s *ACLService) EnableProgrammaticAccessAccount(ctx context.Context, id string) (*ProgrammaticAccessAccount, error) {
	const op = "ACL.EnableProgrammaticAccessAccount"
	ctx = withOp(ctx, op)
	return s.patchAccount(ctx, op, id, map[string]any{"id": id, "enabled": true})
}

// DisableProgrammaticAccessAccount switches an account off with REST PATCH
// /api/v2/applications/programmatic-access-accounts {id, enabled: false}
// and returns it.
func (s *ACLService) DisableProgrammaticAccessAccount(ctx context.Context, id string) (*ProgrammaticAccessAccount, error) {
	const op = "ACL.DisableProgrammaticAccessAccount"
	ctx = withOp(ctx, op)
	return s.patchAccount(ctx, op, id, map[string]any{"id": id, "enabled": false})
}

// RefreshProgrammaticAccessAccountSecret sets the account's secret with
// REST PATCH /api/v2/applications/programmatic-access-accounts
// {id, secret} and returns the account. When secret is "" only the id is
// sent.
func (s *ACLService) RefreshProgrammaticAccessAccountSecret(ctx context.Context, id, secret string) (*ProgrammaticAccessAccount, error) {
	const op = "ACL.RefreshProgrammaticAccessAccountSecret"
	ctx = withOp(ctx, op)
	body := map[string]any{"id": id}
	if secret != "" {
		body["secret"] = secret
	}
	return s.patchAccount(ctx, op, id, body)
}

func (s *ACLService) patchAccount(ctx context.Context, op, id string, body map[string]any) (*ProgrammaticAccessAccount, error) {
	if id == "" {
		return nil, argError(op, "account id is required")
	}
	return aclResult[ProgrammaticAccessAccount](ctx, s.mc.gql, op, restCall{method: http.MethodPatch, path: accountsPath, body: body})
}

// DeleteProgrammaticAccessAccount deletes an account with REST DELETE
// /api/v2/applications/programmatic-access-accounts?id.
func (s *ACLService) DeleteProgrammaticAccessAccount(ctx context.Context, id string) error {
	const op = "ACL.DeleteProgrammaticAccessAccount"
	ctx = withOp(ctx, op)
	if id == "" {
		return argError(op, "account id is required")
	}
	return s.mc.gql.rest(ctx, restCall{method: http.MethodDelete, path: accountsPath, query: url.Values{"id": {id}}}, nil)
}
