package client

import (
	"context"
	"iter"
	"net/http"
	"strconv"
)

// Permission namespaces: groups of resources and roles.

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
	// TotalCount is the number of namespaces in all pages (Authing's
	// "total" on this route, where its other lists say "totalCount").
	TotalCount int          `json:"total"`
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
	return aclResult[NamespaceList](ctx, s.mc.gql, op,
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
