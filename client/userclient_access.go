package client

import (
	"context"
	"iter"
	"net/http"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// ListRoles returns the token's user's roles (in namespace, or the
// default namespace when "") with the user.roles query.
func (uc *UserClient) ListRoles(ctx context.Context, namespace string) (*authing.RoleList, error) {
	const op = "ListRoles"
	ctx = withOp(ctx, op)
	id, err := uc.userID(op)
	if err != nil {
		return nil, err
	}
	resp, err := generated.MyRoles(ctx, uc.gql, id, optString(namespace))
	if err != nil {
		return nil, err
	}
	if resp.User == nil || resp.User.Roles == nil {
		return nil, noResult(op)
	}
	return resp.User.Roles, nil
}

// HasRole reports whether the token's user has the role (role.Code in
// role.Namespace, or in the default namespace when ""), using ListRoles.
func (uc *UserClient) HasRole(ctx context.Context, role RoleRef) (bool, error) {
	const op = "HasRole"
	ctx = withOp(ctx, op)
	if role.Code == "" {
		return false, argError(op, "code is required")
	}
	roles, err := uc.ListRoles(ctx, role.Namespace)
	if err != nil {
		return false, err
	}
	for _, r := range roles.List {
		if r != nil && r.Code == role.Code {
			return true, nil
		}
	}
	return false, nil
}

// ListAuthorizedResources returns the resources of namespace the current
// user may act on (optionally of one resourceType) with the
// user.authorizedResources query.
func (uc *UserClient) ListAuthorizedResources(ctx context.Context, namespace string, resourceType authing.ResourceType) (*authing.AuthorizedResourceList, error) {
	const op = "ListAuthorizedResources"
	ctx = withOp(ctx, op)
	if namespace == "" {
		return nil, argError(op, "namespace is required")
	}
	id, err := uc.userID(op)
	if err != nil {
		return nil, err
	}
	resp, err := generated.MyAuthorizedResources(ctx, uc.gql, id, &namespace, optString(string(resourceType)))
	if err != nil {
		return nil, err
	}
	if resp.User == nil || resp.User.AuthorizedResources == nil {
		return nil, noResult(op)
	}
	return resp.User.AuthorizedResources, nil
}

// ListDepartments returns the departments of the token's user with the
// user.departments query.
func (uc *UserClient) ListDepartments(ctx context.Context) (*authing.UserDepartmentList, error) {
	const op = "ListDepartments"
	ctx = withOp(ctx, op)
	id, err := uc.userID(op)
	if err != nil {
		return nil, err
	}
	resp, err := generated.MyDepartments(ctx, uc.gql, id)
	if err != nil {
		return nil, err
	}
	if resp.User == nil || resp.User.Departments == nil {
		return nil, noResult(op)
	}
	return resp.User.Departments, nil
}

// ListOrgs returns the organizations of the token's user with REST
// GET /api/v2/users/me/orgs: for each organization, the path of nodes from
// its root to the user's department.
func (uc *UserClient) ListOrgs(ctx context.Context) ([][]*authing.Node, error) {
	const op = "ListOrgs"
	ctx = withOp(ctx, op)
	var out [][]*authing.Node
	if err := uc.gql.rest(ctx, restCall{method: http.MethodGet, path: "/api/v2/users/me/orgs"}, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// SecurityLevel rates how well the token's user's account is protected.
type SecurityLevel struct {
	// Score is the overall score, 0 to 100.
	Score int `json:"score"`
	// Email, Phone, Password and MFA say whether each is set up.
	Email    bool `json:"email"`
	Phone    bool `json:"phone"`
	Password bool `json:"password"`
	MFA      bool `json:"mfa"`
	// PasswordSecurityLevel is 1 (weak), 2 (medium) or 3 (strong).
	PasswordSecurityLevel int `json:"passwordSecurityLevel"`
}

// GetSecurityLevel returns the token's user's account security rating
// with REST GET /api/v2/users/me/security-level.
func (uc *UserClient) GetSecurityLevel(ctx context.Context) (*SecurityLevel, error) {
	const op = "GetSecurityLevel"
	ctx = withOp(ctx, op)
	var out *SecurityLevel // stays nil when data is null
	err := uc.gql.rest(ctx, restCall{method: http.MethodGet, path: "/api/v2/users/me/security-level"}, &out)
	return result(op, out, err)
}

// ListApplications returns the applications the token's user may access
// with REST GET /api/v2/users/me/applications/allowed, one page (page and
// limit are sent when set; the server defaults to page 1 of 10).
func (uc *UserClient) ListApplications(ctx context.Context, opts *ListOptions) (*authing.ApplicationList, error) {
	const op = "ListApplications"
	ctx = withOp(ctx, op)
	var out *authing.ApplicationList // stays nil when data is null
	call := restCall{method: http.MethodGet, path: "/api/v2/users/me/applications/allowed", query: listQuery(opts)}
	err := uc.gql.rest(ctx, call, &out)
	return result(op, out, err)
}

// ListApplicationsIter walks every page of ListApplications, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (uc *UserClient) ListApplicationsIter(ctx context.Context, opts *ListOptions) iter.Seq2[*authing.Application, error] {
	return listIter(ctx, opts, uc.ListApplications, applicationPage)
}
