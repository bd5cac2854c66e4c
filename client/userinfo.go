package client

import (
	"context"
	"iter"
	"net/http"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// ListRoles returns the current user's roles (in namespace, or the
// default namespace when "") with the user.roles query.
func (ac *AuthenticationClient) ListRoles(ctx context.Context, namespace string) (*authing.RoleList, error) {
	const op = "ListRoles"
	id, err := ac.currentUserID(op)
	if err != nil {
		return nil, err
	}
	resp, err := generated.MyRoles(ctx, ac.authed(), id, optString(namespace))
	if err != nil {
		return nil, err
	}
	if resp.User == nil || resp.User.Roles == nil {
		return nil, noResult(op)
	}
	return resp.User.Roles, nil
}

// HasRole reports whether the current user has the role code (in
// namespace, or the default one when ""), using ListRoles.
func (ac *AuthenticationClient) HasRole(ctx context.Context, code, namespace string) (bool, error) {
	if code == "" {
		return false, argError("HasRole", "code is required")
	}
	roles, err := ac.ListRoles(ctx, namespace)
	if err != nil {
		return false, err
	}
	for _, r := range roles.List {
		if r != nil && r.Code == code {
			return true, nil
		}
	}
	return false, nil
}

// ListAuthorizedResources returns the resources of namespace the current
// user may act on (optionally of one resourceType) with the
// user.authorizedResources query.
func (ac *AuthenticationClient) ListAuthorizedResources(ctx context.Context, namespace string, resourceType authing.ResourceType) (*authing.AuthorizedResourceList, error) {
	const op = "ListAuthorizedResources"
	if namespace == "" {
		return nil, argError(op, "namespace is required")
	}
	id, err := ac.currentUserID(op)
	if err != nil {
		return nil, err
	}
	resp, err := generated.MyAuthorizedResources(ctx, ac.authed(), id, &namespace, optString(string(resourceType)))
	if err != nil {
		return nil, err
	}
	if resp.User == nil || resp.User.AuthorizedResources == nil {
		return nil, noResult(op)
	}
	return resp.User.AuthorizedResources, nil
}

// ListDepartments returns the departments of the current user with the
// user.departments query.
func (ac *AuthenticationClient) ListDepartments(ctx context.Context) (*authing.UserDepartmentList, error) {
	const op = "ListDepartments"
	id, err := ac.currentUserID(op)
	if err != nil {
		return nil, err
	}
	resp, err := generated.MyDepartments(ctx, ac.authed(), id)
	if err != nil {
		return nil, err
	}
	if resp.User == nil || resp.User.Departments == nil {
		return nil, noResult(op)
	}
	return resp.User.Departments, nil
}

// IsUserExists reports whether an account with the given username, email,
// phone or external id exists, with the isUserExists query.
func (ac *AuthenticationClient) IsUserExists(ctx context.Context, q UserExistsQuery) (bool, error) {
	return isUserExists(ctx, ac.gql, "IsUserExists", q)
}

// ListOrgs returns the organizations of the current user with REST
// GET /api/v2/users/me/orgs: for each organization, the path of nodes from
// its root to the user's department.
func (ac *AuthenticationClient) ListOrgs(ctx context.Context) ([][]*authing.Node, error) {
	var out [][]*authing.Node
	if err := ac.authed().rest(ctx, restCall{method: http.MethodGet, path: "/api/v2/users/me/orgs"}, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// SecurityLevel rates how well the current user's account is protected.
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

// GetSecurityLevel returns the current user's account security rating
// with REST GET /api/v2/users/me/security-level.
func (ac *AuthenticationClient) GetSecurityLevel(ctx context.Context) (*SecurityLevel, error) {
	var out *SecurityLevel // stays nil when data is null
	err := ac.authed().rest(ctx, restCall{method: http.MethodGet, path: "/api/v2/users/me/security-level"}, &out)
	return result("GetSecurityLevel", out, err)
}

// ListApplications returns the applications the current user may access
// with REST GET /api/v2/users/me/applications/allowed, one page (page and
// limit are sent when set; the server defaults to page 1 of 10).
func (ac *AuthenticationClient) ListApplications(ctx context.Context, opts *ListOptions) (*ApplicationList, error) {
	var out *ApplicationList // stays nil when data is null
	call := restCall{method: http.MethodGet, path: "/api/v2/users/me/applications/allowed", query: listQuery(opts)}
	err := ac.authed().rest(ctx, call, &out)
	return result("ListApplications", out, err)
}

// ListApplicationsIter walks every page of ListApplications, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (ac *AuthenticationClient) ListApplicationsIter(ctx context.Context, opts *ListOptions) iter.Seq2[*Application, error] {
	return listIter(ctx, opts, ac.ListApplications, applicationPage)
}
