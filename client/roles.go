package client

import (
	"context"
	"iter"
	"slices"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// RoleListOptions are the options of Roles.List.
type RoleListOptions struct {
	ListOptions
	// Namespace limits the list to one namespace; all when "".
	Namespace string
	SortBy    *authing.SortBy
}

// List returns one page of roles with the roles query.
func (s *RolesService) List(ctx context.Context, opts *RoleListOptions) (*authing.RoleList, error) {
	const op = "Roles.List"
	ctx = withOp(ctx, op)
	if opts == nil {
		opts = &RoleListOptions{}
	}
	page, limit := opts.pageArgs()
	resp, err := generated.Roles(ctx, s.mc.gql, optString(opts.Namespace), page, limit, opts.SortBy)
	return result(op, resp.Roles, err)
}

// ListIter walks every page of List, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (s *RolesService) ListIter(ctx context.Context, opts *RoleListOptions) iter.Seq2[*authing.Role, error] {
	return listIter(ctx, opts, s.List, rolePage)
}

// RoleOptions are the optional values of Roles.Create and Update.
type RoleOptions struct {
	Description *string
	// ParentCode makes the new role inherit from another (Create only).
	ParentCode *string
	// NewCode renames the role (Update only).
	NewCode *string
	// Namespace of the role; the default namespace when "".
	Namespace string
}

// Create creates a role with the createRole mutation.
func (s *RolesService) Create(ctx context.Context, code string, opts *RoleOptions) (*authing.Role, error) {
	const op = "Roles.Create"
	ctx = withOp(ctx, op)
	if code == "" {
		return nil, argError(op, "code is required")
	}
	if opts == nil {
		opts = &RoleOptions{}
	}
	resp, err := generated.CreateRole(ctx, s.mc.gql, code, optString(opts.Namespace), opts.Description, opts.ParentCode)
	return result(op, resp.CreateRole, err)
}

// Detail returns the role with the role query, or an error wrapping
// ErrNotFound when there is none.
func (s *RolesService) Detail(ctx context.Context, code, namespace string) (*authing.Role, error) {
	const op = "Roles.Detail"
	ctx = withOp(ctx, op)
	if code == "" {
		return nil, argError(op, "code is required")
	}
	resp, err := generated.Role(ctx, s.mc.gql, code, optString(namespace))
	if err != nil {
		return nil, err
	}
	if resp.Role == nil {
		return nil, notFound(op, "role "+code)
	}
	return resp.Role, nil
}

// Update changes a role's description or code with the updateRole
// mutation.
func (s *RolesService) Update(ctx context.Context, code string, opts *RoleOptions) (*authing.Role, error) {
	const op = "Roles.Update"
	ctx = withOp(ctx, op)
	if code == "" {
		return nil, argError(op, "code is required")
	}
	if opts == nil {
		opts = &RoleOptions{}
	}
	resp, err := generated.UpdateRole(ctx, s.mc.gql, code, opts.Description, opts.NewCode, optString(opts.Namespace))
	return result(op, resp.UpdateRole, err)
}

// Delete deletes a role with the deleteRole mutation.
func (s *RolesService) Delete(ctx context.Context, code, namespace string) (*authing.CommonMessage, error) {
	const op = "Roles.Delete"
	ctx = withOp(ctx, op)
	if code == "" {
		return nil, argError(op, "code is required")
	}
	resp, err := generated.DeleteRole(ctx, s.mc.gql, code, optString(namespace))
	return commonMessage(op, resp.DeleteRole, err)
}

// DeleteMany deletes roles with the deleteRoles mutation.
func (s *RolesService) DeleteMany(ctx context.Context, codes []string, namespace string) (*authing.CommonMessage, error) {
	const op = "Roles.DeleteMany"
	ctx = withOp(ctx, op)
	if len(codes) == 0 {
		return nil, argError(op, "at least one code is required")
	}
	resp, err := generated.DeleteRoles(ctx, s.mc.gql, codes, optString(namespace))
	return commonMessage(op, resp.DeleteRoles, err)
}

// ListUsers returns one page of the role's users with the role.users
// query.
func (s *RolesService) ListUsers(ctx context.Context, code, namespace string, opts *ListOptions) (*authing.UserList, error) {
	const op = "Roles.ListUsers"
	ctx = withOp(ctx, op)
	if code == "" {
		return nil, argError(op, "code is required")
	}
	page, limit := opts.pageArgs()
	resp, err := generated.RoleWithUsers(ctx, s.mc.gql, code, optString(namespace), page, limit)
	if err != nil {
		return nil, err
	}
	if resp.Role == nil {
		return nil, notFound(op, "role "+code)
	}
	if resp.Role.Users == nil {
		return nil, noResult(op)
	}
	return resp.Role.Users, nil
}

// ListUsersIter walks every page of ListUsers, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (s *RolesService) ListUsersIter(ctx context.Context, code, namespace string, opts *ListOptions) iter.Seq2[*authing.User, error] {
	return listIter(ctx, opts, func(ctx context.Context, o *ListOptions) (*authing.UserList, error) {
		return s.ListUsers(ctx, code, namespace, o)
	}, userPage)
}

// ListUsersWithCustomData is ListUsers with each user's custom field
// values.
func (s *RolesService) ListUsersWithCustomData(ctx context.Context, code, namespace string, opts *ListOptions) (*authing.UserWithCustomDataList, error) {
	const op = "Roles.ListUsersWithCustomData"
	ctx = withOp(ctx, op)
	if code == "" {
		return nil, argError(op, "code is required")
	}
	page, limit := opts.pageArgs()
	resp, err := generated.RoleWithUsersWithCustomData(ctx, s.mc.gql, code, optString(namespace), page, limit)
	if err != nil {
		return nil, err
	}
	if resp.Role == nil {
		return nil, notFound(op, "role "+code)
	}
	if resp.Role.Users == nil {
		return nil, noResult(op)
	}
	return resp.Role.Users, nil
}

// AddUsers gives the role to users with the assignRole mutation (roleCode
// and userIds).
func (s *RolesService) AddUsers(ctx context.Context, code string, userIDs []string, namespace string) (*authing.CommonMessage, error) {
	const op = "Roles.AddUsers"
	ctx = withOp(ctx, op)
	return s.changeUsers(ctx, op, true, code, userIDs, namespace)
}

// RemoveUsers takes the role back from users with the revokeRole mutation
// (roleCode and userIds).
func (s *RolesService) RemoveUsers(ctx context.Context, code string, userIDs []string, namespace string) (*authing.CommonMessage, error) {
	const op = "Roles.RemoveUsers"
	ctx = withOp(ctx, op)
	return s.changeUsers(ctx, op, false, code, userIDs, namespace)
}

func (s *RolesService) changeUsers(ctx context.Context, op string, add bool, code string, userIDs []string, namespace string) (*authing.CommonMessage, error) {
	if code == "" {
		return nil, argError(op, "code is required")
	}
	if len(userIDs) == 0 || slices.Contains(userIDs, "") {
		return nil, argError(op, "at least one user id is required, and none may be empty")
	}
	if add {
		resp, err := generated.AssignRole(ctx, s.mc.gql, optString(namespace), &code, nil, userIDs, nil, nil)
		return commonMessage(op, resp.AssignRole, err)
	}
	resp, err := generated.RevokeRole(ctx, s.mc.gql, optString(namespace), &code, nil, userIDs, nil, nil)
	return commonMessage(op, resp.RevokeRole, err)
}

// ListPolicies returns one page of the policies assigned to the role with
// the policyAssignments query.
func (s *RolesService) ListPolicies(ctx context.Context, code string, opts *ListOptions) (*authing.PolicyAssignmentList, error) {
	const op = "Roles.ListPolicies"
	ctx = withOp(ctx, op)
	if code == "" {
		return nil, argError(op, "code is required")
	}
	return listAssignments(ctx, s.mc.gql, op, "", authing.TargetRole, code, opts)
}

// ListPoliciesIter walks every page of ListPolicies, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (s *RolesService) ListPoliciesIter(ctx context.Context, code string, opts *ListOptions) iter.Seq2[*authing.PolicyAssignment, error] {
	return listIter(ctx, opts, func(ctx context.Context, o *ListOptions) (*authing.PolicyAssignmentList, error) {
		return s.ListPolicies(ctx, code, o)
	}, assignmentPage)
}

// AddPolicies assigns policies to the role with the addPolicyAssignments
// mutation.
func (s *RolesService) AddPolicies(ctx context.Context, code string, policies []string) (*authing.CommonMessage, error) {
	const op = "Roles.AddPolicies"
	ctx = withOp(ctx, op)
	return changeAssignments(ctx, s.mc.gql, op, true, policies, authing.TargetRole, []string{code}, nil)
}

// RemovePolicies takes policies back from the role with the
// removePolicyAssignments mutation.
func (s *RolesService) RemovePolicies(ctx context.Context, code string, policies []string) (*authing.CommonMessage, error) {
	const op = "Roles.RemovePolicies"
	ctx = withOp(ctx, op)
	return changeAssignments(ctx, s.mc.gql, op, false, policies, authing.TargetRole, []string{code}, nil)
}

// ListAuthorizedResources returns the resources the role may act on
// (optionally of one type) with the role.authorizedResources query.
func (s *RolesService) ListAuthorizedResources(ctx context.Context, code, namespace string, resourceType authing.ResourceType) (*authing.AuthorizedResourceList, error) {
	const op = "Roles.ListAuthorizedResources"
	ctx = withOp(ctx, op)
	if code == "" {
		return nil, argError(op, "code is required")
	}
	resp, err := generated.ListRoleAuthorizedResources(ctx, s.mc.gql, code, optString(namespace), optString(string(resourceType)))
	if err != nil {
		return nil, err
	}
	if resp.Role == nil {
		return nil, notFound(op, "role "+code)
	}
	if resp.Role.AuthorizedResources == nil {
		return nil, noResult(op)
	}
	return resp.Role.AuthorizedResources, nil
}

func (s *RolesService) udv() udvOps { return udvOps{gql: s.mc.gql, targetType: authing.UDFTargetRole} }

// GetUdfValue returns the role's custom field values (the role is named by
// its id) converted by data type.
func (s *RolesService) GetUdfValue(ctx context.Context, roleID string) (map[string]any, error) {
	const op = "Roles.GetUdfValue"
	ctx = withOp(ctx, op)
	return s.udv().typed(ctx, op, roleID)
}

// GetSpecificUdfValue returns one typed custom field value of the role,
// or an error wrapping ErrNotFound when it is not set.
func (s *RolesService) GetSpecificUdfValue(ctx context.Context, roleID, key string) (any, error) {
	const op = "Roles.GetSpecificUdfValue"
	ctx = withOp(ctx, op)
	values, err := s.GetUdfValue(ctx, roleID)
	if err != nil {
		return nil, err
	}
	v, ok := values[key]
	if !ok {
		return nil, notFound(op, "custom field "+key)
	}
	return v, nil
}

// GetUdfValueBatch returns the typed custom field values of several roles,
// by role id, with the udfValueBatch query.
func (s *RolesService) GetUdfValueBatch(ctx context.Context, roleIDs []string) (map[string]map[string]any, error) {
	const op = "Roles.GetUdfValueBatch"
	ctx = withOp(ctx, op)
	return s.udv().batch(ctx, op, roleIDs)
}

// SetUdfValue sets custom field values of the role with the setUdvBatch
// mutation.
func (s *RolesService) SetUdfValue(ctx context.Context, roleID string, data map[string]any) ([]*authing.UDV, error) {
	const op = "Roles.SetUdfValue"
	ctx = withOp(ctx, op)
	return s.udv().setMany(ctx, op, roleID, data)
}

// SetUdfValueBatch sets values of several roles with the setUdfValueBatch
// mutation.
func (s *RolesService) SetUdfValueBatch(ctx context.Context, values []UdfValueInput) error {
	const op = "Roles.SetUdfValueBatch"
	ctx = withOp(ctx, op)
	return s.udv().setBatch(ctx, op, values)
}

// RemoveUdv removes one custom field value of the role with the
// removeUdv mutation.
func (s *RolesService) RemoveUdv(ctx context.Context, roleID, key string) ([]*authing.UDV, error) {
	const op = "Roles.RemoveUdv"
	ctx = withOp(ctx, op)
	return s.udv().remove(ctx, op, roleID, key)
}
