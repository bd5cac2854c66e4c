package client

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/authing-go/authing/generated"
)

// AllowOptions name who an Allow grant is for: users, roles, or both.
type AllowOptions struct {
	UserID    *string
	UserIDs   []string
	RoleCode  *string
	RoleCodes []string
}

// Allow lets users or roles perform action on resource (such as
// "books:1" and "books:read") in namespace, with the allow mutation.
func (s *ACLService) Allow(ctx context.Context, resource, action, namespace string, opts AllowOptions) (*CommonMessage, error) {
	const op = "Allow"
	if resource == "" || action == "" {
		return nil, argError(op, "resource and action are required")
	}
	if opts.UserID == nil && len(opts.UserIDs) == 0 && opts.RoleCode == nil && len(opts.RoleCodes) == 0 {
		return nil, argError(op, "name at least one user or role")
	}
	resp, err := generated.Allow(ctx, s.mc.gql, resource, action, opts.UserID, opts.UserIDs, opts.RoleCode, opts.RoleCodes, optString(namespace))
	return commonMessage(op, resp.Allow, err)
}

// IsAllowed reports whether the user may perform action on resource in
// namespace (directly, through roles, groups or policies), with the
// isActionAllowed query.
func (s *ACLService) IsAllowed(ctx context.Context, userID, action, resource, namespace string) (bool, error) {
	const op = "IsActionAllowed"
	if userID == "" || action == "" || resource == "" {
		return false, argError(op, "user id, action and resource are required")
	}
	resp, err := generated.IsActionAllowed(ctx, s.mc.gql, resource, action, userID, optString(namespace))
	if err != nil {
		return false, err
	}
	return resp.IsActionAllowed, nil
}

// IsDenied reports whether a policy explicitly denies the user action on
// resource, with the isActionDenied query.
func (s *ACLService) IsDenied(ctx context.Context, userID, action, resource, namespace string) (bool, error) {
	const op = "IsActionDenied"
	if userID == "" || action == "" || resource == "" {
		return false, argError(op, "user id, action and resource are required")
	}
	resp, err := generated.IsActionDenied(ctx, s.mc.gql, resource, action, userID, optString(namespace))
	if err != nil {
		return false, err
	}
	return resp.IsActionDenied, nil
}

// AuthorizeResourceOpt grants actions on a resource to one target.
type AuthorizeResourceOpt = generated.AuthorizeResourceOpt

// AuthorizeResource grants targets actions on a resource of namespace with
// the authorizeResource mutation.
func (s *ACLService) AuthorizeResource(ctx context.Context, namespace, resource string, resourceType ResourceType, opts []*AuthorizeResourceOpt) (*CommonMessage, error) {
	const op = "AuthorizeResource"
	if namespace == "" || resource == "" || len(opts) == 0 {
		return nil, argError(op, "namespace, resource and at least one target are required")
	}
	var rt *ResourceType
	if resourceType != "" {
		rt = &resourceType
	}
	resp, err := generated.AuthorizeResource(ctx, s.mc.gql, &namespace, rt, &resource, opts)
	return commonMessage(op, resp.AuthorizeResource, err)
}

// RevokeTarget names targets of one type whose grants are revoked.
type RevokeTarget struct {
	TargetType        TargetType `json:"targetType"`
	TargetIdentifiers []string   `json:"targetIdentifiers"`
}

// RevokeResource takes back the grants of targets on a resource with REST
// POST /api/v2/acl/revoke-resource.
func (s *ACLService) RevokeResource(ctx context.Context, namespace, resource string, targets []RevokeTarget) error {
	if namespace == "" || resource == "" || len(targets) == 0 {
		return argError("ACL.RevokeResource", "namespace, resource and targets are required")
	}
	return s.mc.gql.rest(ctx, restCall{method: http.MethodPost, path: "/api/v2/acl/revoke-resource",
		body: map[string]any{"namespace": namespace, "resource": resource, "opts": targets}}, nil)
}

// ListAuthorizedResources returns the resources a target may act on, with
// the authorizedResources query.
func (s *ACLService) ListAuthorizedResources(ctx context.Context, namespace string, targetType TargetType, targetIdentifier string, resourceType ResourceType) (*AuthorizedResourceList, error) {
	const op = "AuthorizedResources"
	if namespace == "" || targetType == "" || targetIdentifier == "" {
		return nil, argError(op, "namespace, target type and target are required")
	}
	resp, err := generated.AuthorizedResources(ctx, s.mc.gql, &targetType, &targetIdentifier, &namespace, optString(string(resourceType)))
	return result(op, resp.AuthorizedResources, err)
}

// AuthorizedTargetsOptions filter GetAuthorizedTargets.
type AuthorizedTargetsOptions struct {
	TargetType *TargetType
	// Actions keeps targets granted these actions: all of them with
	// OperatorAnd, any with OperatorOr.
	Actions  []string
	Operator Operator
}

// Operators for AuthorizedTargetsOptions.
const (
	OperatorAnd = generated.OperatorAnd
	OperatorOr  = generated.OperatorOr
)

// GetAuthorizedTargets returns who was granted actions on a resource, with
// the authorizedTargets query.
func (s *ACLService) GetAuthorizedTargets(ctx context.Context, namespace string, resourceType ResourceType, resource string, opts *AuthorizedTargetsOptions) (*AuthorizedTargetList, error) {
	const op = "AuthorizedTargets"
	if namespace == "" || resourceType == "" || resource == "" {
		return nil, argError(op, "namespace, resource type and resource are required")
	}
	if opts == nil {
		opts = &AuthorizedTargetsOptions{}
	}
	var actions *generated.AuthorizedTargetsActionsInput
	if len(opts.Actions) > 0 {
		list := make([]*string, len(opts.Actions))
		for i := range opts.Actions {
			list[i] = &opts.Actions[i]
		}
		operator := opts.Operator
		if operator == "" {
			operator = OperatorOr
		}
		actions = &generated.AuthorizedTargetsActionsInput{Op: operator, List: list}
	}
	resp, err := generated.AuthorizedTargets(ctx, s.mc.gql, namespace, resourceType, resource, opts.TargetType, actions)
	return result(op, resp.AuthorizedTargets, err)
}

// Namespace is a permission namespace (a group of resources and roles).
type Namespace struct {
	ID          int    `json:"id"`
	Code        string `json:"code"`
	Name        string `json:"name"`
	Description string `json:"description"`
	UserPoolID  string `json:"userPoolId"`
}

// NamespaceList is one page of namespaces.
type NamespaceList struct {
	Total int          `json:"total"`
	List  []*Namespace `json:"list"`
}

// CreateNamespace creates a namespace with REST
// POST /api/v2/resource-namespace/{userPoolId}.
func (s *ACLService) CreateNamespace(ctx context.Context, code, name, description string) (*Namespace, error) {
	if code == "" || name == "" {
		return nil, argError("ACL.CreateNamespace", "code and name are required")
	}
	var out Namespace
	err := s.mc.gql.rest(ctx, restCall{method: http.MethodPost, path: pathf("/api/v2/resource-namespace/%s", s.mc.conn.opts.userPoolID),
		body: map[string]string{"code": code, "name": name, "description": description}}, &out)
	return &out, err
}

// NamespaceUpdate holds the fields of a namespace to change.
type NamespaceUpdate struct {
	Code        *string `json:"code,omitempty"`
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
}

// UpdateNamespace changes a namespace with REST
// PUT /api/v2/resource-namespace/{userPoolId}/{id}.
func (s *ACLService) UpdateNamespace(ctx context.Context, id int, update NamespaceUpdate) (*Namespace, error) {
	var out Namespace
	err := s.mc.gql.rest(ctx, restCall{method: http.MethodPut,
		path: pathf("/api/v2/resource-namespace/%s/%s", s.mc.conn.opts.userPoolID, strconv.Itoa(id)), body: update}, &out)
	return &out, err
}

// ListNamespaces returns one page of namespaces with REST
// GET /api/v2/resource-namespace/{userPoolId}.
func (s *ACLService) ListNamespaces(ctx context.Context, opts *ListOptions) (*NamespaceList, error) {
	var out NamespaceList
	err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: pathf("/api/v2/resource-namespace/%s", s.mc.conn.opts.userPoolID),
		query: listQuery(opts)}, &out)
	return &out, err
}

// DeleteNamespace deletes a namespace with REST
// DELETE /api/v2/resource-namespace/{userPoolId}/{id}.
func (s *ACLService) DeleteNamespace(ctx context.Context, id int) error {
	return s.mc.gql.rest(ctx, restCall{method: http.MethodDelete,
		path: pathf("/api/v2/resource-namespace/%s/%s", s.mc.conn.opts.userPoolID, strconv.Itoa(id))}, nil)
}

// ResourceAction is an action a resource supports.
type ResourceAction struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// Resource is a protected resource of a namespace.
type Resource struct {
	ID            string           `json:"id"`
	Namespace     string           `json:"namespace"`
	Code          string           `json:"code"`
	Type          ResourceType     `json:"type"`
	Description   string           `json:"description"`
	Actions       []ResourceAction `json:"actions"`
	APIIdentifier *string          `json:"apiIdentifier"`
	UserPoolID    string           `json:"userPoolId"`
	CreatedAt     string           `json:"createdAt"`
	UpdatedAt     string           `json:"updatedAt"`
}

// ResourceList is one page of resources.
type ResourceList struct {
	TotalCount int         `json:"totalCount"`
	List       []*Resource `json:"list"`
}

// ResourceInput holds a resource's fields for create and update; nil
// fields are not sent.
type ResourceInput struct {
	Type          ResourceType     `json:"type,omitempty"`
	Description   *string          `json:"description,omitempty"`
	Actions       []ResourceAction `json:"actions,omitempty"`
	APIIdentifier *string          `json:"apiIdentifier,omitempty"`
}

// CreateResource creates a resource in namespace with REST
// POST /api/v2/resources.
func (s *ACLService) CreateResource(ctx context.Context, namespace, code string, in ResourceInput) (*Resource, error) {
	if namespace == "" || code == "" || in.Type == "" {
		return nil, argError("ACL.CreateResource", "namespace, code and type are required")
	}
	body := map[string]any{"namespace": namespace, "code": code, "type": in.Type, "actions": in.Actions}
	if in.Description != nil {
		body["description"] = *in.Description
	}
	if in.APIIdentifier != nil {
		body["apiIdentifier"] = *in.APIIdentifier
	}
	var out Resource
	err := s.mc.gql.rest(ctx, restCall{method: http.MethodPost, path: "/api/v2/resources", body: body}, &out)
	return &out, err
}

// UpdateResource changes a resource with REST POST /api/v2/resources/{code}.
func (s *ACLService) UpdateResource(ctx context.Context, namespace, code string, in ResourceInput) (*Resource, error) {
	if namespace == "" || code == "" {
		return nil, argError("ACL.UpdateResource", "namespace and code are required")
	}
	body := struct {
		Namespace string `json:"namespace"`
		ResourceInput
	}{namespace, in}
	var out Resource
	err := s.mc.gql.rest(ctx, restCall{method: http.MethodPost, path: pathf("/api/v2/resources/%s", code), body: body}, &out)
	return &out, err
}

// ResourceListOptions filter ListResources.
type ResourceListOptions struct {
	ListOptions
	Type ResourceType
}

// ListResources returns one page of the resources of namespace with REST
// GET /api/v2/resources.
func (s *ACLService) ListResources(ctx context.Context, namespace string, opts *ResourceListOptions) (*ResourceList, error) {
	if namespace == "" {
		return nil, argError("ACL.ListResources", "namespace is required")
	}
	if opts == nil {
		opts = &ResourceListOptions{}
	}
	q := listQuery(&opts.ListOptions)
	q.Set("namespace", namespace)
	if opts.Type != "" {
		q.Set("type", string(opts.Type))
	}
	var out ResourceList
	err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: "/api/v2/resources", query: q}, &out)
	return &out, err
}

// ResourcesAll walks every page of ListResources.
func (s *ACLService) ResourcesAll(ctx context.Context, namespace string, opts *ResourceListOptions) iter.Seq2[*Resource, error] {
	o := ResourceListOptions{}
	if opts != nil {
		o = *opts
	}
	return pages(ctx, o.Limit, func(ctx context.Context, page, limit int) ([]*Resource, int, error) {
		o.Page, o.Limit = page, limit
		res, err := s.ListResources(ctx, namespace, &o)
		if err != nil {
			return nil, 0, err
		}
		return res.List, res.TotalCount, nil
	})
}

// DeleteResource deletes a resource with REST DELETE /api/v2/resources/{code}.
func (s *ACLService) DeleteResource(ctx context.Context, namespace, code string) error {
	if namespace == "" || code == "" {
		return argError("ACL.DeleteResource", "namespace and code are required")
	}
	return s.mc.gql.rest(ctx, restCall{method: http.MethodDelete, path: pathf("/api/v2/resources/%s", code),
		query: url.Values{"namespace": {namespace}}}, nil)
}

// GetResourceByID returns a resource with REST GET /api/v2/resources/detail?id=.
func (s *ACLService) GetResourceByID(ctx context.Context, id string) (*Resource, error) {
	if id == "" {
		return nil, argError("ACL.GetResourceByID", "id is required")
	}
	return s.resourceDetail(ctx, url.Values{"id": {id}})
}

// GetResourceByCode returns a resource with REST
// GET /api/v2/resources/detail?namespace=&code=.
func (s *ACLService) GetResourceByCode(ctx context.Context, namespace, code string) (*Resource, error) {
	if namespace == "" || code == "" {
		return nil, argError("ACL.GetResourceByCode", "namespace and code are required")
	}
	return s.resourceDetail(ctx, url.Values{"namespace": {namespace}, "code": {code}})
}

func (s *ACLService) resourceDetail(ctx context.Context, q url.Values) (*Resource, error) {
	var out Resource
	if err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: "/api/v2/resources/detail", query: q}, &out); err != nil {
		return nil, err
	}
	if out.ID == "" {
		return nil, notFound("ACL.GetResource", "resource")
	}
	return &out, nil
}
