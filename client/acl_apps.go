package client

import (
	"context"
	"net/http"
	"net/url"
)

// ProgrammaticAccessAccount is an AK/SK pair that calls an application's
// APIs as itself.
type ProgrammaticAccessAccount struct {
	ID            string `json:"id"`
	AppID         string `json:"appId"`
	Secret        string `json:"secret"`
	TokenLifetime int    `json:"tokenLifetime"`
	Remarks       string `json:"remarks"`
	Enabled       bool   `json:"enabled"`
	CreatedAt     string `json:"createdAt"`
	UpdatedAt     string `json:"updatedAt"`
}

// ProgrammaticAccessAccountList is one page of accounts.
type ProgrammaticAccessAccountList struct {
	TotalCount int                          `json:"totalCount"`
	List       []*ProgrammaticAccessAccount `json:"list"`
}

const accountsPath = "/api/v2/applications/programmatic-access-accounts"

// ListProgrammaticAccessAccounts returns one page of an application's
// accounts with REST GET /api/v2/applications/{appId}/programmatic-access-accounts.
func (s *ACLService) ListProgrammaticAccessAccounts(ctx context.Context, appID string, opts *ListOptions) (*ProgrammaticAccessAccountList, error) {
	if appID == "" {
		return nil, argError("ACL.ListProgrammaticAccessAccounts", "app id is required")
	}
	var out ProgrammaticAccessAccountList
	err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet,
		path: pathf("/api/v2/applications/%s/programmatic-access-accounts", appID), query: listQuery(opts)}, &out)
	return &out, err
}

// ProgrammaticAccessAccountOptions are the optional values of
// CreateProgrammaticAccessAccount.
type ProgrammaticAccessAccountOptions struct {
	Remarks *string `json:"remarks,omitempty"`
	// TokenLifetime is the lifetime of issued tokens in seconds.
	TokenLifetime *int `json:"tokenLifetime,omitempty"`
}

// CreateProgrammaticAccessAccount creates an account for an application
// with REST POST /api/v2/applications/{appId}/programmatic-access-accounts.
func (s *ACLService) CreateProgrammaticAccessAccount(ctx context.Context, appID string, opts *ProgrammaticAccessAccountOptions) (*ProgrammaticAccessAccount, error) {
	if appID == "" {
		return nil, argError("ACL.CreateProgrammaticAccessAccount", "app id is required")
	}
	if opts == nil {
		opts = &ProgrammaticAccessAccountOptions{}
	}
	var out ProgrammaticAccessAccount
	err := s.mc.gql.rest(ctx, restCall{method: http.MethodPost,
		path: pathf("/api/v2/applications/%s/programmatic-access-accounts", appID), body: opts}, &out)
	return &out, err
}

// EnableProgrammaticAccessAccount switches an account on with REST PATCH
// /api/v2/applications/programmatic-access-accounts.
func (s *ACLService) EnableProgrammaticAccessAccount(ctx context.Context, id string) (*ProgrammaticAccessAccount, error) {
	return s.patchAccount(ctx, "ACL.EnableProgrammaticAccessAccount", map[string]any{"id": id, "enabled": true})
}

// DisableProgrammaticAccessAccount switches an account off with REST PATCH
// /api/v2/applications/programmatic-access-accounts.
func (s *ACLService) DisableProgrammaticAccessAccount(ctx context.Context, id string) (*ProgrammaticAccessAccount, error) {
	return s.patchAccount(ctx, "ACL.DisableProgrammaticAccessAccount", map[string]any{"id": id, "enabled": false})
}

// RefreshProgrammaticAccessAccountSecret sets a new secret (a generated
// one when secret is "") with REST PATCH
// /api/v2/applications/programmatic-access-accounts.
func (s *ACLService) RefreshProgrammaticAccessAccountSecret(ctx context.Context, id, secret string) (*ProgrammaticAccessAccount, error) {
	body := map[string]any{"id": id}
	if secret != "" {
		body["secret"] = secret
	}
	return s.patchAccount(ctx, "ACL.RefreshProgrammaticAccessAccountSecret", body)
}

func (s *ACLService) patchAccount(ctx context.Context, op string, body map[string]any) (*ProgrammaticAccessAccount, error) {
	if body["id"] == "" {
		return nil, argError(op, "account id is required")
	}
	var out ProgrammaticAccessAccount
	err := s.mc.gql.rest(ctx, restCall{method: http.MethodPatch, path: accountsPath, body: body}, &out)
	return &out, err
}

// DeleteProgrammaticAccessAccount deletes an account with REST DELETE
// /api/v2/applications/programmatic-access-accounts?id=.
func (s *ACLService) DeleteProgrammaticAccessAccount(ctx context.Context, id string) error {
	if id == "" {
		return argError("ACL.DeleteProgrammaticAccessAccount", "account id is required")
	}
	return s.mc.gql.rest(ctx, restCall{method: http.MethodDelete, path: accountsPath, query: url.Values{"id": {id}}}, nil)
}

// AccessPolicyTargets names who an application access policy applies to.
type AccessPolicyTargets struct {
	TargetType        TargetType `json:"targetType"`
	TargetIdentifiers []string   `json:"targetIdentifiers"`
	Namespace         string     `json:"namespace,omitempty"`
	InheritByChildren *bool      `json:"inheritByChildren,omitempty"`
}

func (s *ACLService) accessPolicy(ctx context.Context, op, appID, action string, t AccessPolicyTargets) error {
	if appID == "" || t.TargetType == "" || len(t.TargetIdentifiers) == 0 {
		return argError(op, "app id, target type and targets are required")
	}
	return s.mc.gql.rest(ctx, restCall{method: http.MethodPost,
		path: pathf("/api/v2/applications/%s/authorization/", appID) + action, body: t}, nil)
}

// AllowAccessApplication lets targets access the application with REST
// POST /api/v2/applications/{appId}/authorization/allow.
func (s *ACLService) AllowAccessApplication(ctx context.Context, appID string, t AccessPolicyTargets) error {
	return s.accessPolicy(ctx, "ACL.AllowAccessApplication", appID, "allow", t)
}

// DenyAccessApplication forbids targets to access the application with
// REST POST /api/v2/applications/{appId}/authorization/deny.
func (s *ACLService) DenyAccessApplication(ctx context.Context, appID string, t AccessPolicyTargets) error {
	return s.accessPolicy(ctx, "ACL.DenyAccessApplication", appID, "deny", t)
}

// EnableApplicationAccessPolicies switches the targets' policies on with
// REST POST /api/v2/applications/{appId}/authorization/enable-effect.
func (s *ACLService) EnableApplicationAccessPolicies(ctx context.Context, appID string, t AccessPolicyTargets) error {
	return s.accessPolicy(ctx, "ACL.EnableApplicationAccessPolicies", appID, "enable-effect", t)
}

// DisableApplicationAccessPolicies switches the targets' policies off with
// REST POST /api/v2/applications/{appId}/authorization/disable-effect.
func (s *ACLService) DisableApplicationAccessPolicies(ctx context.Context, appID string, t AccessPolicyTargets) error {
	return s.accessPolicy(ctx, "ACL.DisableApplicationAccessPolicies", appID, "disable-effect", t)
}

// DeleteApplicationAccessPolicies removes the targets' policies with REST
// POST /api/v2/applications/{appId}/authorization/revoke.
func (s *ACLService) DeleteApplicationAccessPolicies(ctx context.Context, appID string, t AccessPolicyTargets) error {
	return s.accessPolicy(ctx, "ACL.DeleteApplicationAccessPolicies", appID, "revoke", t)
}

// Default strategies of UpdateDefaultApplicationAccessPolicy.
const (
	AccessAllowAll = "ALLOW_ALL"
	AccessDenyAll  = "DENY_ALL"
)

// UpdateDefaultApplicationAccessPolicy sets what happens to users no policy
// names (AccessAllowAll or AccessDenyAll) with REST
// POST /api/v2/applications/{appId}.
func (s *ACLService) UpdateDefaultApplicationAccessPolicy(ctx context.Context, appID, defaultStrategy string) error {
	const op = "ACL.UpdateDefaultApplicationAccessPolicy"
	if appID == "" || (defaultStrategy != AccessAllowAll && defaultStrategy != AccessDenyAll) {
		return argError(op, "app id and a default strategy of ALLOW_ALL or DENY_ALL are required")
	}
	return s.mc.gql.rest(ctx, restCall{method: http.MethodPost, path: pathf("/api/v2/applications/%s", appID),
		body: map[string]any{"permissionStrategy": map[string]string{"defaultStrategy": defaultStrategy}}}, nil)
}
