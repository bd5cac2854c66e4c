package client

import (
	"context"
	"iter"
	"net/http"
	"net/url"

	"github.com/authing-go/authing"
)

// The protected resources of a namespace (or of an application, whose
// resources live in the namespace of its id).

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
