package client

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/internal/jsontime"
)

// The ACL methods that Authing serves over REST: namespaces, resources,
// revoking grants, programmatic access accounts and application access
// policies. Every call carries the management token.

// aclResult runs a REST call whose envelope data is the result: a null
// data without an error is noResult, never a nil result with a nil error.
func aclResult[T any](ctx context.Context, gql *gqlClient, op string, call restCall) (*T, error) {
	var out *T
	if err := gql.rest(ctx, call, &out); err != nil {
		return nil, err
	}
	if out == nil {
		return nil, noResult(op)
	}
	return out, nil
}

// RevokeTarget names targets of one type whose grants on a resource are
// revoked.
type RevokeTarget struct {
	TargetType        authing.TargetType
	TargetIdentifiers []string
}

// revokeOpt is one element of the opts of /api/v2/acl/revoke-resource,
// which names a single target.
type revokeOpt struct {
	TargetType       authing.TargetType `json:"targetType"`
	TargetIdentifier string             `json:"targetIdentifier"`
}

// RevokeResource takes back the grants of targets on a resource with REST
// POST /api/v2/acl/revoke-resource {namespace, resource, opts}, one opt
// {targetType, targetIdentifier} per target.
func (s *ACLService) RevokeResource(ctx context.Context, namespace, resource string, targets []RevokeTarget) error {
	const op = "ACL.RevokeResource"
	ctx = withOp(ctx, op)
	if namespace == "" || resource == "" || len(targets) == 0 {
		return argError(op, "namespace, resource and targets are required")
	}
	var opts []revokeOpt
	for _, t := range targets {
		if t.TargetType == "" || len(t.TargetIdentifiers) == 0 || slices.Contains(t.TargetIdentifiers, "") {
			return argError(op, "every target needs a type and non-empty identifiers")
		}
		for _, id := range t.TargetIdentifiers {
			opts = append(opts, revokeOpt{TargetType: t.TargetType, TargetIdentifier: id})
		}
	}
	return s.mc.gql.rest(ctx, restCall{method: http.MethodPost, path: "/api/v2/acl/revoke-resource",
		body: map[string]any{"namespace": namespace, "resource": resource, "opts": opts}}, nil)
}

// Namespace is a permission namespace (a group of resources and roles,
// named by its code in other calls).
type Namespace struct {
	ID          int     `json:"id"`
	Code        string  `json:"code"`
	Name        string  `json:"name"`
	Description string  `json:"description"`
	Status      int     `json:"status"`
	AppID       *string `json:"appId"`
	AppName     *string `json:"appName"`
}

// NamespaceList is one page of namespaces.
type NamespaceList struct {
	TotalCount int          `json:"totalCount"`
	List       []*Namespace `json:"list"`
}

func (s *ACLService) namespacePath(id int) string {
	if id == 0 {
		return pathf("/api/v2/resource-namespace/%s", s.mc.conn.opts.userPoolID)
	}
	return pathf("/api/v2/resource-namespace/%s/%s", s.mc.conn.opts.userPoolID, strconv.Itoa(id))
}

// NamespaceOptions are the optional values of CreateNamespace.
type NamespaceOptions struct {
	// Description is sent when not "".
	Description string
}

// CreateNamespace creates a namespace with REST
// POST /api/v2/resource-namespace/{userPoolId} {code, name, description}
// and returns it. opts may be nil.
func (s *ACLService) CreateNamespace(ctx context.Context, code, name string, opts *NamespaceOptions) (*Namespace, error) {
	const op = "ACL.CreateNamespace"
	ctx = withOp(ctx, op)
	if code == "" || name == "" {
		return nil, argError(op, "code and name are required")
	}
	body := map[string]string{"code": code, "name": name}
	if opts != nil && opts.Description != "" {
		body["description"] = opts.Description
	}
	return aclResult[Namespace](ctx, s.mc.gql, op, restCall{method: http.MethodPost, path: s.namespacePath(0), body: body})
}

// NamespaceUpdate holds the fields of a namespace to change; nil fields
// are not sent.
type NamespaceUpdate struct {
	Code        *string `json:"code,omitempty"`
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
}

// UpdateNamespace changes the namespace with id with REST
// PUT /api/v2/resource-namespace/{userPoolId}/{id} and returns it.
func (s *ACLService) UpdateNamespace(ctx context.Context, id int, update NamespaceUpdate) (*Namespace, error) {
	const op = "ACL.UpdateNamespace"
	ctx = withOp(ctx, op)
	if id <= 0 {
		return nil, argError(op, "a namespace id is required")
	}
	if update == (NamespaceUpdate{}) {
		return nil, argError(op, "nothing to update")
	}
	return aclResult[Namespace](ctx, s.mc.gql, op, restCall{method: http.MethodPut, path: s.namespacePath(id), body: update})
}

// ListNamespaces returns one page of the user pool's namespaces with REST
// GET /api/v2/resource-namespace/{userPoolId}?page&limit.
func (s *ACLService) ListNamespaces(ctx context.Context, opts *ListOptions) (*NamespaceList, error) {
	const op = "ACL.ListNamespaces"
	ctx = withOp(ctx, op)
	return aclResult[NamespaceList](ctx, s.mc.gql, "ACL.ListNamespaces",
		restCall{method: http.MethodGet, path: s.namespacePath(0), query: listQuery(opts)})
}

// ListNamespacesIter walks every page of ListNamespaces, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (s *ACLService) ListNamespacesIter(ctx context.Context, opts *ListOptions) iter.Seq2[*Namespace, error] {
	return listIter(ctx, opts, s.ListNamespaces, namespacePage)
}

// DeleteNamespace deletes the namespace with id with REST
// DELETE /api/v2/resource-namespace/{userPoolId}/{id}.
func (s *ACLService) DeleteNamespace(ctx context.Context, id int) error {
	const op = "ACL.DeleteNamespace"
	ctx = withOp(ctx, op)
	if id <= 0 {
		return argError(op, "a namespace id is required")
	}
	return s.mc.gql.rest(ctx, restCall{method: http.MethodDelete, path: s.namespacePath(id)}, nil)
}

// resourceUpdate is what UpdateResource sends.
type resourceUpdate struct {
	Namespace string `json:"namespace"`
	ResourceInput
}

// CreateResource creates a resource in namespace with REST
// POST /api/v2/resources {namespace, code, type, actions, description,
// apiIdentifier} and returns it. in.Type is required.
func (s *ACLService) CreateResource(ctx context.Context, namespace, code string, in ResourceInput) (*Resource, error) {
	const op = "ACL.CreateResource"
	ctx = withOp(ctx, op)
	if namespace == "" || code == "" || in.Type == "" {
		return nil, argError(op, "namespace, code and type are required")
	}
	body := struct {
		Namespace     string               `json:"namespace"`
		Code          string               `json:"code"`
		Type          authing.ResourceType `json:"type"`
		Actions       []ResourceAction     `json:"actions"`
		Description   *string              `json:"description,omitempty"`
		APIIdentifier *string              `json:"apiIdentifier,omitempty"`
	}{namespace, code, in.Type, in.Actions, in.Description, in.APIIdentifier}
	if body.Actions == nil {
		body.Actions = []ResourceAction{} // the service expects a list
	}
	return aclResult[Resource](ctx, s.mc.gql, op, restCall{method: http.MethodPost, path: "/api/v2/resources", body: body})
}

// UpdateResource changes the resource code of namespace with REST
// POST /api/v2/resources/{code} {namespace, ...the set fields of in} and
// returns it.
func (s *ACLService) UpdateResource(ctx context.Context, namespace, code string, in ResourceInput) (*Resource, error) {
	const op = "ACL.UpdateResource"
	ctx = withOp(ctx, op)
	if namespace == "" || code == "" {
		return nil, argError(op, "namespace and code are required")
	}
	return aclResult[Resource](ctx, s.mc.gql, op, restCall{method: http.MethodPost, path: pathf("/api/v2/resources/%s", code),
		body: resourceUpdate{namespace, in}})
}

// ListResources returns one page of the resources of namespace with REST
// GET /api/v2/resources?namespace&type&page&limit.
func (s *ACLService) ListResources(ctx context.Context, namespace string, opts *ResourceListOptions) (*ResourceList, error) {
	const op = "ACL.ListResources"
	ctx = withOp(ctx, op)
	if namespace == "" {
		return nil, argError(op, "namespace is required")
	}
	if opts == nil {
		opts = &ResourceListOptions{}
	}
	q := listQuery(&opts.ListOptions)
	q.Set("namespace", namespace)
	if opts.Type != "" {
		q.Set("type", string(opts.Type))
	}
	return aclResult[ResourceList](ctx, s.mc.gql, op, restCall{method: http.MethodGet, path: "/api/v2/resources", query: q})
}

// ListResourcesIter walks every page of ListResources, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (s *ACLService) ListResourcesIter(ctx context.Context, namespace string, opts *ResourceListOptions) iter.Seq2[*Resource, error] {
	return listIter(ctx, opts, func(ctx context.Context, o *ResourceListOptions) (*ResourceList, error) {
		return s.ListResources(ctx, namespace, o)
	}, resourcePage)
}

// DeleteResource deletes the resource code of namespace with REST
// DELETE /api/v2/resources/{code}?namespace.
func (s *ACLService) DeleteResource(ctx context.Context, namespace, code string) error {
	const op = "ACL.DeleteResource"
	ctx = withOp(ctx, op)
	if namespace == "" || code == "" {
		return argError(op, "namespace and code are required")
	}
	return s.mc.gql.rest(ctx, restCall{method: http.MethodDelete, path: pathf("/api/v2/resources/%s", code),
		query: url.Values{"namespace": {namespace}}}, nil)
}

// GetResourceByID returns a resource with REST
// GET /api/v2/resources/detail?id, or an error wrapping ErrNotFound.
func (s *ACLService) GetResourceByID(ctx context.Context, id string) (*Resource, error) {
	const op = "ACL.GetResourceByID"
	ctx = withOp(ctx, op)
	if id == "" {
		return nil, argError(op, "id is required")
	}
	return s.resourceDetail(ctx, op, url.Values{"id": {id}}, "resource "+id)
}

// GetResourceByCode returns a resource with REST
// GET /api/v2/resources/detail?namespace&code, or an error wrapping
// ErrNotFound.
func (s *ACLService) GetResourceByCode(ctx context.Context, namespace, code string) (*Resource, error) {
	const op = "ACL.GetResourceByCode"
	ctx = withOp(ctx, op)
	if namespace == "" || code == "" {
		return nil, argError(op, "namespace and code are required")
	}
	return s.resourceDetail(ctx, op, url.Values{"namespace": {namespace}, "code": {code}}, "resource "+code)
}

// resourceDetail answers a lookup; the service sends null data for an
// unknown resource.
func (s *ACLService) resourceDetail(ctx context.Context, op string, q url.Values, what string) (*Resource, error) {
	var out *Resource
	if err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: "/api/v2/resources/detail", query: q}, &out); err != nil {
		return nil, err
	}
	if out == nil || out.ID == "" {
		return nil, notFound(op, what)
	}
	return out, nil
}

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
	return s.patchAccount(ctx, "ACL.EnableProgrammaticAccessAccount", id, map[string]any{"id": id, "enabled": true})
}

// DisableProgrammaticAccessAccount switches an account off with REST PATCH
// /api/v2/applications/programmatic-access-accounts {id, enabled: false}
// and returns it.
func (s *ACLService) DisableProgrammaticAccessAccount(ctx context.Context, id string) (*ProgrammaticAccessAccount, error) {
	const op = "ACL.DisableProgrammaticAccessAccount"
	ctx = withOp(ctx, op)
	return s.patchAccount(ctx, "ACL.DisableProgrammaticAccessAccount", id, map[string]any{"id": id, "enabled": false})
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
	return s.patchAccount(ctx, "ACL.RefreshProgrammaticAccessAccountSecret", id, body)
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

// AccessPolicyTargets names who an application access policy applies to:
// users, roles, groups or org nodes (TargetType) by id or code.
type AccessPolicyTargets struct {
	TargetType        authing.TargetType `json:"targetType"`
	TargetIdentifiers []string           `json:"targetIdentifiers"`
	// Namespace is the namespace code of roles; "" is not sent.
	Namespace string `json:"namespace,omitempty"`
	// InheritByChildren extends a policy on an org node to its children.
	InheritByChildren *bool `json:"inheritByChildren,omitempty"`
}

func (s *ACLService) accessPolicy(ctx context.Context, op, appID, action string, t AccessPolicyTargets) error {
	if appID == "" || t.TargetType == "" || len(t.TargetIdentifiers) == 0 || slices.Contains(t.TargetIdentifiers, "") {
		return argError(op, "app id, target type and non-empty targets are required")
	}
	return s.mc.gql.rest(ctx, restCall{method: http.MethodPost,
		path: pathf("/api/v2/applications/%s/authorization/", appID) + action, body: t}, nil)
}

// AllowAccessApplication lets targets access the application with REST
// POST /api/v2/applications/{appId}/authorization/allow.
func (s *ACLService) AllowAccessApplication(ctx context.Context, appID string, t AccessPolicyTargets) error {
	const op = "ACL.AllowAccessApplication"
	ctx = withOp(ctx, op)
	return s.accessPolicy(ctx, "ACL.AllowAccessApplication", appID, "allow", t)
}

// DenyAccessApplication forbids targets to access the application with
// REST POST /api/v2/applications/{appId}/authorization/deny.
func (s *ACLService) DenyAccessApplication(ctx context.Context, appID string, t AccessPolicyTargets) error {
	const op = "ACL.DenyAccessApplication"
	ctx = withOp(ctx, op)
	return s.accessPolicy(ctx, "ACL.DenyAccessApplication", appID, "deny", t)
}

// EnableApplicationAccessPolicies switches the targets' policies on with
// REST POST /api/v2/applications/{appId}/authorization/enable-effect.
func (s *ACLService) EnableApplicationAccessPolicies(ctx context.Context, appID string, t AccessPolicyTargets) error {
	const op = "ACL.EnableApplicationAccessPolicies"
	ctx = withOp(ctx, op)
	return s.accessPolicy(ctx, "ACL.EnableApplicationAccessPolicies", appID, "enable-effect", t)
}

// DisableApplicationAccessPolicies switches the targets' policies off with
// REST POST /api/v2/applications/{appId}/authorization/disable-effect.
func (s *ACLService) DisableApplicationAccessPolicies(ctx context.Context, appID string, t AccessPolicyTargets) error {
	const op = "ACL.DisableApplicationAccessPolicies"
	ctx = withOp(ctx, op)
	return s.accessPolicy(ctx, "ACL.DisableApplicationAccessPolicies", appID, "disable-effect", t)
}

// DeleteApplicationAccessPolicies removes the targets' policies with REST
// POST /api/v2/applications/{appId}/authorization/revoke.
func (s *ACLService) DeleteApplicationAccessPolicies(ctx context.Context, appID string, t AccessPolicyTargets) error {
	const op = "ACL.DeleteApplicationAccessPolicies"
	ctx = withOp(ctx, op)
	return s.accessPolicy(ctx, "ACL.DeleteApplicationAccessPolicies", appID, "revoke", t)
}

// Default strategies of UpdateDefaultApplicationAccessPolicy.
const (
	AccessAllowAll = "ALLOW_ALL"
	AccessDenyAll  = "DENY_ALL"
)

// UpdateDefaultApplicationAccessPolicy sets what happens to users no policy
// names (AccessAllowAll or AccessDenyAll) with REST
// POST /api/v2/applications/{appId} {permissionStrategy: {defaultStrategy}}.
func (s *ACLService) UpdateDefaultApplicationAccessPolicy(ctx context.Context, appID, defaultStrategy string) error {
	const op = "ACL.UpdateDefaultApplicationAccessPolicy"
	ctx = withOp(ctx, op)
	if appID == "" || (defaultStrategy != AccessAllowAll && defaultStrategy != AccessDenyAll) {
		return argError(op, "app id and a default strategy of ALLOW_ALL or DENY_ALL are required")
	}
	return s.mc.gql.rest(ctx, restCall{method: http.MethodPost, path: pathf("/api/v2/applications/%s", appID),
		body: map[string]any{"permissionStrategy": map[string]string{"defaultStrategy": defaultStrategy}}}, nil)
}
