package client

import (
	"context"
	"iter"
	"net/http"
	"net/url"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// ListRoles returns the user's roles (in namespace, or all when "") with
// the user.roles query.
func (s *UsersService) ListRoles(ctx context.Context, userID, namespace string) (*authing.RoleList, error) {
	const op = "Users.ListRoles"
	ctx = withOp(ctx, op)
	if userID == "" {
		return nil, argError(op, "user id is required")
	}
	resp, err := generated.GetUserRoles(ctx, s.mc.gql, userID, optString(namespace))
	if err != nil {
		return nil, err
	}
	if resp.User == nil {
		return nil, userNotFound(op)
	}
	if resp.User.Roles == nil {
		return nil, noResult(op)
	}
	return resp.User.Roles, nil
}

// AddRoles gives the user roles (codes, in namespace or the default one)
// with the assignRole mutation.
func (s *UsersService) AddRoles(ctx context.Context, userID string, roleCodes []string, namespace string) (*authing.CommonMessage, error) {
	const op = "Users.AddRoles"
	ctx = withOp(ctx, op)
	return assignRoles(ctx, s.mc.gql, op, true, roleCodes, []string{userID}, nil, namespace)
}

// RemoveRoles takes roles back from the user with the revokeRole mutation.
func (s *UsersService) RemoveRoles(ctx context.Context, userID string, roleCodes []string, namespace string) (*authing.CommonMessage, error) {
	const op = "Users.RemoveRoles"
	ctx = withOp(ctx, op)
	return assignRoles(ctx, s.mc.gql, op, false, roleCodes, []string{userID}, nil, namespace)
}

// ListGroups returns the user's groups with the user.groups query.
func (s *UsersService) ListGroups(ctx context.Context, userID string) (*authing.GroupList, error) {
	const op = "Users.ListGroups"
	ctx = withOp(ctx, op)
	if userID == "" {
		return nil, argError(op, "user id is required")
	}
	resp, err := generated.GetUserGroups(ctx, s.mc.gql, userID)
	if err != nil {
		return nil, err
	}
	if resp.User == nil {
		return nil, userNotFound(op)
	}
	if resp.User.Groups == nil {
		return nil, noResult(op)
	}
	return resp.User.Groups, nil
}

// AddGroup adds the user to the group with the addUserToGroup mutation.
func (s *UsersService) AddGroup(ctx context.Context, userID, groupCode string) (*authing.CommonMessage, error) {
	const op = "Users.AddGroup"
	ctx = withOp(ctx, op)
	return groupMembers(ctx, s.mc.gql, op, true, groupCode, []string{userID})
}

// RemoveGroup removes the user from the group with the
// removeUserFromGroup mutation.
func (s *UsersService) RemoveGroup(ctx context.Context, userID, groupCode string) (*authing.CommonMessage, error) {
	const op = "Users.RemoveGroup"
	ctx = withOp(ctx, op)
	return groupMembers(ctx, s.mc.gql, op, false, groupCode, []string{userID})
}

// ListPolicies returns one page of the policies assigned to the user with
// the policyAssignments query.
func (s *UsersService) ListPolicies(ctx context.Context, userID string, opts *ListOptions) (*authing.PolicyAssignmentList, error) {
	const op = "Users.ListPolicies"
	ctx = withOp(ctx, op)
	if userID == "" {
		return nil, argError(op, "user id is required")
	}
	return listAssignments(ctx, s.mc.gql, op, "", authing.TargetUser, userID, opts)
}

// ListPoliciesIter walks every page of ListPolicies, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (s *UsersService) ListPoliciesIter(ctx context.Context, userID string, opts *ListOptions) iter.Seq2[*authing.PolicyAssignment, error] {
	return listIter(ctx, opts, func(ctx context.Context, o *ListOptions) (*authing.PolicyAssignmentList, error) {
		return s.ListPolicies(ctx, userID, o)
	}, assignmentPage)
}

// AddPolicies assigns policies to the user with the addPolicyAssignments
// mutation.
func (s *UsersService) AddPolicies(ctx context.Context, userID string, policies []string) (*authing.CommonMessage, error) {
	const op = "Users.AddPolicies"
	ctx = withOp(ctx, op)
	return changeAssignments(ctx, s.mc.gql, op, true, policies, authing.TargetUser, []string{userID}, nil)
}

// RemovePolicies takes policies back from the user with the
// removePolicyAssignments mutation.
func (s *UsersService) RemovePolicies(ctx context.Context, userID string, policies []string) (*authing.CommonMessage, error) {
	const op = "Users.RemovePolicies"
	ctx = withOp(ctx, op)
	return changeAssignments(ctx, s.mc.gql, op, false, policies, authing.TargetUser, []string{userID}, nil)
}

// ListOrgs returns the user's organizations with REST
// GET /api/v2/users/{id}/orgs: for each, the path of nodes from the root
// to the user's department.
func (s *UsersService) ListOrgs(ctx context.Context, userID string) ([][]*authing.Node, error) {
	const op = "Users.ListOrgs"
	ctx = withOp(ctx, op)
	if userID == "" {
		return nil, argError(op, "user id is required")
	}
	var out [][]*authing.Node
	if err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: pathf("/api/v2/users/%s/orgs", userID)}, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// ListDepartments returns the user's departments with the
// user.departments query.
func (s *UsersService) ListDepartments(ctx context.Context, userID string) (*authing.UserDepartmentList, error) {
	const op = "Users.ListDepartments"
	ctx = withOp(ctx, op)
	if userID == "" {
		return nil, argError(op, "user id is required")
	}
	resp, err := generated.GetUserDepartments(ctx, s.mc.gql, userID, nil)
	if err != nil {
		return nil, err
	}
	if resp.User == nil {
		return nil, userNotFound(op)
	}
	if resp.User.Departments == nil {
		return nil, noResult(op)
	}
	return resp.User.Departments, nil
}

// ListAuthorizedResources returns the resources of namespace the user may
// act on (directly or through roles and groups), optionally of one
// resourceType, with the user.authorizedResources query.
func (s *UsersService) ListAuthorizedResources(ctx context.Context, userID, namespace string, resourceType authing.ResourceType) (*authing.AuthorizedResourceList, error) {
	const op = "Users.ListAuthorizedResources"
	ctx = withOp(ctx, op)
	if userID == "" {
		return nil, argError(op, "user id is required")
	}
	resp, err := generated.ListUserAuthorizedResources(ctx, s.mc.gql, userID, optString(namespace), optString(string(resourceType)))
	if err != nil {
		return nil, err
	}
	if resp.User == nil {
		return nil, userNotFound(op)
	}
	if resp.User.AuthorizedResources == nil {
		return nil, noResult(op)
	}
	return resp.User.AuthorizedResources, nil
}

// ResourceGrant is one resource a user may act on and the actions granted
// on it, as Authing answers a batch permission check or a listing by kind.
type ResourceGrant struct {
	// Code is the resource's code, such as "books:1", or "books:*" for a
	// grant on every resource of the kind.
	Code string `json:"code"`
	// Actions are the granted actions, such as "books:read".
	Actions []string `json:"actions"`
}

// CheckResourcePermissionBatch checks several permissions of the user at
// once, each written "resource:action" (such as "books:1:read"), with REST
// POST /api/v2/acl/check-resource-permission-batch. Like Authing, it
// answers only the resources the user may act on, each with the actions
// granted among those asked; a permission that is not granted is absent
// from the result, which is empty (not nil) when none is.
func (s *UsersService) CheckResourcePermissionBatch(ctx context.Context, userID, namespace string, resources []string) ([]*ResourceGrant, error) {
	const op = "Users.CheckResourcePermissionBatch"
	ctx = withOp(ctx, op)
	if userID == "" || namespace == "" || len(resources) == 0 {
		return nil, argError(op, "user id, namespace and resources are required")
	}
	out := []*ResourceGrant{}
	err := s.mc.gql.rest(ctx, restCall{method: http.MethodPost, path: "/api/v2/acl/check-resource-permission-batch",
		body: map[string]any{"userId": userID, "namespace": namespace, "resources": resources}}, &out)
	return out, err
}

// ResourceKind is a kind of resource (Resource, such as "books") in a
// namespace; both are required.
type ResourceKind struct {
	Resource  string
	Namespace string
}

// ListAuthorizedResourcesOfResourceKind returns the resources of kind the
// user may act on (codes such as "books:1") and the actions granted on
// each, with REST POST /api/v2/acl/get-authorized-resources-of-resource-kind.
func (s *UsersService) ListAuthorizedResourcesOfResourceKind(ctx context.Context, userID string, kind ResourceKind) ([]*ResourceGrant, error) {
	const op = "Users.ListAuthorizedResourcesOfResourceKind"
	ctx = withOp(ctx, op)
	if userID == "" || kind.Namespace == "" || kind.Resource == "" {
		return nil, argError(op, "user id, namespace and resource are required")
	}
	out := []*ResourceGrant{}
	err := s.mc.gql.rest(ctx, restCall{method: http.MethodPost, path: "/api/v2/acl/get-authorized-resources-of-resource-kind",
		body: map[string]any{"userId": userID, "namespace": kind.Namespace, "resource": kind.Resource}}, &out)
	return out, err
}

// HasRole reports whether the user has the role (role.Code in
// role.Namespace, or in the default namespace when "") with REST
// GET /api/v2/users/{id}/has-role.
func (s *UsersService) HasRole(ctx context.Context, userID string, role RoleRef) (bool, error) {
	const op = "Users.HasRole"
	ctx = withOp(ctx, op)
	if userID == "" || role.Code == "" {
		return false, argError(op, "user id and role code are required")
	}
	q := url.Values{"code": {role.Code}}
	if role.Namespace != "" {
		q.Set("namespace", role.Namespace)
	}
	var out bool
	err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: pathf("/api/v2/users/%s/has-role", userID), query: q}, &out)
	return out, err
}
