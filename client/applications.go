package client

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/internal/jsontime"
)

// List returns one page of the pool's applications with REST
// GET /api/v2/applications.
func (s *ApplicationsService) List(ctx context.Context, opts *ListOptions) (*authing.ApplicationList, error) {
	const op = "Applications.List"
	ctx = withOp(ctx, op)
	var out authing.ApplicationList
	if err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: "/api/v2/applications", query: listQuery(opts)}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListIter walks every page of List, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (s *ApplicationsService) ListIter(ctx context.Context, opts *ListOptions) iter.Seq2[*authing.Application, error] {
	return listIter(ctx, opts, s.List, applicationPage)
}

// Create creates an application with REST POST /api/v2/applications;
// logo may be "".
func (s *ApplicationsService) Create(ctx context.Context, name, identifier string, redirectURIs []string, logo string) (*authing.Application, error) {
	const op = "Applications.Create"
	ctx = withOp(ctx, op)
	if name == "" || identifier == "" || len(redirectURIs) == 0 {
		return nil, argError(op, "name, identifier and redirect URIs are required")
	}
	body := map[string]any{"name": name, "identifier": identifier, "redirectUris": redirectURIs}
	if logo != "" {
		body["logo"] = logo
	}
	return restObject[authing.Application](ctx, s.mc.gql, op,
		restCall{method: http.MethodPost, path: "/api/v2/applications", body: body})
}

// Delete deletes an application with REST DELETE /api/v2/applications/{id}.
func (s *ApplicationsService) Delete(ctx context.Context, appID string) error {
	const op = "Applications.Delete"
	ctx = withOp(ctx, op)
	if appID == "" {
		return argError(op, "app id is required")
	}
	return s.mc.gql.rest(ctx, restCall{method: http.MethodDelete, path: pathf("/api/v2/applications/%s", appID)}, nil)
}

// FindByID returns an application with REST GET /api/v2/applications/{id}.
func (s *ApplicationsService) FindByID(ctx context.Context, appID string) (*authing.Application, error) {
	const op = "Applications.FindByID"
	ctx = withOp(ctx, op)
	if appID == "" {
		return nil, argError(op, "app id is required")
	}
	var out authing.Application
	if err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: pathf("/api/v2/applications/%s", appID)}, &out); err != nil {
		return nil, err
	}
	if out.ID == "" {
		return nil, notFound(op, "application "+appID)
	}
	return &out, nil
}

// An application's resources are ACL resources in the namespace named by
// the application's id.

// ListResources returns one page of the application's resources.
func (s *ApplicationsService) ListResources(ctx context.Context, appID string, opts *ResourceListOptions) (*ResourceList, error) {
	const op = "Applications.ListResources"
	ctx = withOp(ctx, op)
	return s.mc.ACL.ListResources(ctx, appID, opts)
}

// CreateResource creates a resource of the application.
func (s *ApplicationsService) CreateResource(ctx context.Context, appID, code string, in ResourceInput) (*Resource, error) {
	const op = "Applications.CreateResource"
	ctx = withOp(ctx, op)
	return s.mc.ACL.CreateResource(ctx, appID, code, in)
}

// UpdateResource changes a resource of the application.
func (s *ApplicationsService) UpdateResource(ctx context.Context, appID, code string, in ResourceInput) (*Resource, error) {
	const op = "Applications.UpdateResource"
	ctx = withOp(ctx, op)
	return s.mc.ACL.UpdateResource(ctx, appID, code, in)
}

// DeleteResource deletes a resource of the application.
func (s *ApplicationsService) DeleteResource(ctx context.Context, appID, code string) error {
	const op = "Applications.DeleteResource"
	ctx = withOp(ctx, op)
	return s.mc.ACL.DeleteResource(ctx, appID, code)
}

// AccessPolicyRecord is one application access policy: which target it
// applies to and the policy, whose statements say the effect.
type AccessPolicyRecord struct {
	PolicyID          string             `json:"policyId"`
	Code              string             `json:"code"`
	TargetType        authing.TargetType `json:"targetType"`
	TargetIdentifier  string             `json:"targetIdentifier"`
	Namespace         string             `json:"namespace"`
	Enabled           bool               `json:"enabled"`
	InheritByChildren bool               `json:"inheritByChildren"`
	// AssignedAt is when the policy was given to the target.
	AssignedAt time.Time     `json:"assignedAt,omitzero"`
	Policy     *AccessPolicy `json:"policy"`
}

// UnmarshalJSON decodes an AccessPolicyRecord; a date that is "" or null
// is left unset, and inheritByChildren may be null.
func (r *AccessPolicyRecord) UnmarshalJSON(b []byte) error {
	type plain AccessPolicyRecord
	return jsontime.Unmarshal(b, (*plain)(r))
}

// Effect is the record's effect, "ALLOW" or "DENY": that of its policy's
// first statement, "" when it has none.
func (r *AccessPolicyRecord) Effect() string {
	if r.Policy == nil || len(r.Policy.Statements) == 0 {
		return ""
	}
	return r.Policy.Statements[0].Effect
}

// AccessPolicy is the policy of an AccessPolicyRecord.
type AccessPolicy struct {
	ID          string                   `json:"id"`
	Code        string                   `json:"code"`
	Description string                   `json:"description"`
	UserPoolID  string                   `json:"userPoolId"`
	IsDefault   bool                     `json:"isDefault"`
	IsAuto      bool                     `json:"isAuto"`
	Hidden      bool                     `json:"hidden"`
	NamespaceID int                      `json:"namespaceId"`
	Statements  []*AccessPolicyStatement `json:"statements"`
}

// AccessPolicyStatement is one statement of an AccessPolicy.
type AccessPolicyStatement struct {
	Resource     string   `json:"resource"`
	ResourceType string   `json:"resourceType,omitempty"`
	Actions      []string `json:"actions"`
	// Effect is "ALLOW" or "DENY".
	Effect string `json:"effect"`
}

// AccessPolicyRecordList is one page of access policies.
type AccessPolicyRecordList struct {
	TotalCount int                   `json:"totalCount"`
	List       []*AccessPolicyRecord `json:"list"`
}

// GetAccessPolicies returns one page of the application's access policies
// with REST GET /api/v2/applications/{id}/authorization/records.
func (s *ApplicationsService) GetAccessPolicies(ctx context.Context, appID string, opts *ListOptions) (*AccessPolicyRecordList, error) {
	const op = "Applications.GetAccessPolicies"
	ctx = withOp(ctx, op)
	if appID == "" {
		return nil, argError(op, "app id is required")
	}
	var out AccessPolicyRecordList
	if err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: pathf("/api/v2/applications/%s/authorization/records", appID),
		query: listQuery(opts)}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Agreement is a user agreement shown at registration or login.
type Agreement struct {
	ID       int    `json:"id"`
	AppID    string `json:"appId"`
	Title    string `json:"title"`
	Required bool   `json:"required"`
	Lang     string `json:"lang"`
	Order    int    `json:"order"`
	// CreatedAt and UpdatedAt are zero when the server sent no date.
	CreatedAt time.Time `json:"createdAt,omitzero"`
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
}

// UnmarshalJSON decodes a Agreement; dates that are "" or null are left unset.
func (a *Agreement) UnmarshalJSON(b []byte) error {
	type plain Agreement
	return jsontime.Unmarshal(b, (*plain)(a))
}

// AgreementList is the application's agreements.
type AgreementList struct {
	TotalCount int          `json:"totalCount"`
	List       []*Agreement `json:"list"`
}

// AgreementOptions are the optional values of agreements.
type AgreementOptions struct {
	// Required makes users accept the agreement; default true.
	Required *bool
	// Lang is "zh-CN" (default), "en-US", ...
	Lang string
}

func (o *AgreementOptions) body(title string) map[string]any {
	b := map[string]any{"title": title, "required": true, "lang": "zh-CN"}
	if o != nil && o.Required != nil {
		b["required"] = *o.Required
	}
	if o != nil && o.Lang != "" {
		b["lang"] = o.Lang
	}
	return b
}

// CreateAgreement adds an agreement (its title may hold HTML) with REST
// POST /api/v2/applications/{id}/agreements.
func (s *ApplicationsService) CreateAgreement(ctx context.Context, appID, title string, opts *AgreementOptions) (*Agreement, error) {
	const op = "Applications.CreateAgreement"
	ctx = withOp(ctx, op)
	if appID == "" || title == "" {
		return nil, argError(op, "app id and title are required")
	}
	return restObject[Agreement](ctx, s.mc.gql, op,
		restCall{method: http.MethodPost, path: pathf("/api/v2/applications/%s/agreements", appID), body: opts.body(title)})
}

// ListAgreements returns the application's agreements with REST
// GET /api/v2/applications/{id}/agreements.
func (s *ApplicationsService) ListAgreements(ctx context.Context, appID string) (*AgreementList, error) {
	const op = "Applications.ListAgreements"
	ctx = withOp(ctx, op)
	if appID == "" {
		return nil, argError(op, "app id is required")
	}
	var out AgreementList
	if err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: pathf("/api/v2/applications/%s/agreements", appID)}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ModifyAgreement changes an agreement with REST
// PUT /api/v2/applications/{id}/agreements/{agreementId}.
func (s *ApplicationsService) ModifyAgreement(ctx context.Context, appID string, agreementID int, title string, opts *AgreementOptions) (*Agreement, error) {
	const op = "Applications.ModifyAgreement"
	ctx = withOp(ctx, op)
	if appID == "" || title == "" {
		return nil, argError(op, "app id and title are required")
	}
	return restObject[Agreement](ctx, s.mc.gql, op,
		restCall{method: http.MethodPut, path: pathf("/api/v2/applications/%s/agreements/%s", appID, itoa(agreementID)), body: opts.body(title)})
}

// DeleteAgreement deletes an agreement with REST
// DELETE /api/v2/applications/{id}/agreements/{agreementId}.
func (s *ApplicationsService) DeleteAgreement(ctx context.Context, appID string, agreementID int) error {
	const op = "Applications.DeleteAgreement"
	ctx = withOp(ctx, op)
	if appID == "" {
		return argError(op, "app id is required")
	}
	return s.mc.gql.rest(ctx, restCall{method: http.MethodDelete,
		path: pathf("/api/v2/applications/%s/agreements/%s", appID, itoa(agreementID))}, nil)
}

// SortAgreements puts the agreements in the given order with REST
// POST /api/v2/applications/{id}/agreements/sort.
func (s *ApplicationsService) SortAgreements(ctx context.Context, appID string, order []int) error {
	const op = "Applications.SortAgreements"
	ctx = withOp(ctx, op)
	if appID == "" || len(order) == 0 {
		return argError(op, "app id and order are required")
	}
	return s.mc.gql.rest(ctx, restCall{method: http.MethodPost, path: pathf("/api/v2/applications/%s/agreements/sort", appID),
		body: map[string]any{"ids": order}}, nil)
}

// RefreshApplicationSecret issues a new secret for the application with
// REST PATCH /api/v2/application/{id}/refresh-secret.
func (s *ApplicationsService) RefreshApplicationSecret(ctx context.Context, appID string) (*authing.Application, error) {
	const op = "Applications.RefreshApplicationSecret"
	ctx = withOp(ctx, op)
	if appID == "" {
		return nil, argError(op, "app id is required")
	}
	return restObject[authing.Application](ctx, s.mc.gql, op,
		restCall{method: http.MethodPatch, path: pathf("/api/v2/application/%s/refresh-secret", appID)})
}

// ActiveUsers returns one page of the users active in the application
// with REST GET /api/v2/applications/{id}/active-users.
func (s *ApplicationsService) ActiveUsers(ctx context.Context, appID string, opts *ListOptions) (*authing.UserList, error) {
	const op = "Applications.ActiveUsers"
	ctx = withOp(ctx, op)
	if appID == "" {
		return nil, argError(op, "app id is required")
	}
	var out authing.UserList
	if err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: pathf("/api/v2/applications/%s/active-users", appID),
		query: listQuery(opts)}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
