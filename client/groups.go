package client

import (
	"context"
	"iter"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// GroupListOptions are the options of Groups.List.
type GroupListOptions struct {
	ListOptions
	// UserID limits the list to one user's groups.
	UserID string
	SortBy *authing.SortBy
}

// List returns one page of groups with the groups query.
func (s *GroupsService) List(ctx context.Context, opts *GroupListOptions) (*authing.GroupList, error) {
	const op = "Groups.List"
	ctx = withOp(ctx, op)
	if opts == nil {
		opts = &GroupListOptions{}
	}
	page, limit := opts.pageArgs()
	resp, err := generated.Groups(ctx, s.mc.gql, optString(opts.UserID), page, limit, opts.SortBy)
	return result(op, resp.Groups, err)
}

// ListIter walks every page of List, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (s *GroupsService) ListIter(ctx context.Context, opts *GroupListOptions) iter.Seq2[*authing.Group, error] {
	return listIter(ctx, opts, s.List, groupPage)
}

// Create creates a group with the createGroup mutation.
func (s *GroupsService) Create(ctx context.Context, code, name string, description *string) (*authing.Group, error) {
	const op = "Groups.Create"
	ctx = withOp(ctx, op)
	if code == "" || name == "" {
		return nil, argError(op, "code and name are required")
	}
	resp, err := generated.CreateGroup(ctx, s.mc.gql, code, name, description)
	return result(op, resp.CreateGroup, err)
}

// Detail returns a group with the group query, or an error wrapping
// ErrNotFound.
func (s *GroupsService) Detail(ctx context.Context, code string) (*authing.Group, error) {
	const op = "Groups.Detail"
	ctx = withOp(ctx, op)
	if code == "" {
		return nil, argError(op, "code is required")
	}
	resp, err := generated.Group(ctx, s.mc.gql, code)
	if err != nil {
		return nil, err
	}
	if resp.Group == nil {
		return nil, notFound(op, "group "+code)
	}
	return resp.Group, nil
}

// GroupUpdate holds the fields of a group to change.
type GroupUpdate struct {
	NewCode     *string
	Name        *string
	Description *string
}

// Update changes a group with the updateGroup mutation.
func (s *GroupsService) Update(ctx context.Context, code string, u GroupUpdate) (*authing.Group, error) {
	const op = "Groups.Update"
	ctx = withOp(ctx, op)
	if code == "" {
		return nil, argError(op, "code is required")
	}
	resp, err := generated.UpdateGroup(ctx, s.mc.gql, code, u.Name, u.Description, u.NewCode)
	return result(op, resp.UpdateGroup, err)
}

// Delete deletes one group with the deleteGroups mutation.
func (s *GroupsService) Delete(ctx context.Context, code string) (*authing.CommonMessage, error) {
	const op = "Groups.Delete"
	ctx = withOp(ctx, op)
	if code == "" {
		return nil, argError(op, "code is required")
	}
	return s.DeleteMany(ctx, []string{code})
}

// DeleteMany deletes groups with the deleteGroups mutation.
func (s *GroupsService) DeleteMany(ctx context.Context, codes []string) (*authing.CommonMessage, error) {
	const op = "Groups.DeleteMany"
	ctx = withOp(ctx, op)
	if len(codes) == 0 {
		return nil, argError(op, "at least one code is required")
	}
	resp, err := generated.DeleteGroups(ctx, s.mc.gql, codes)
	return commonMessage(op, resp.DeleteGroups, err)
}

// ListUsers returns one page of the group's users with the group.users
// query.
func (s *GroupsService) ListUsers(ctx context.Context, code string, opts *ListOptions) (*authing.UserList, error) {
	const op = "Groups.ListUsers"
	ctx = withOp(ctx, op)
	if code == "" {
		return nil, argError(op, "code is required")
	}
	page, limit := opts.pageArgs()
	resp, err := generated.GroupWithUsers(ctx, s.mc.gql, code, page, limit)
	if err != nil {
		return nil, err
	}
	if resp.Group == nil {
		return nil, notFound(op, "group "+code)
	}
	if resp.Group.Users == nil {
		return nil, noResult(op)
	}
	return resp.Group.Users, nil
}

// ListUsersIter walks every page of ListUsers, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (s *GroupsService) ListUsersIter(ctx context.Context, code string, opts *ListOptions) iter.Seq2[*authing.User, error] {
	return listIter(ctx, opts, func(ctx context.Context, o *ListOptions) (*authing.UserList, error) { return s.ListUsers(ctx, code, o) }, userPage)
}

// ListUsersWithCustomData is ListUsers with custom field values.
func (s *GroupsService) ListUsersWithCustomData(ctx context.Context, code string, opts *ListOptions) (*authing.UserWithCustomDataList, error) {
	const op = "Groups.ListUsersWithCustomData"
	ctx = withOp(ctx, op)
	if code == "" {
		return nil, argError(op, "code is required")
	}
	page, limit := opts.pageArgs()
	resp, err := generated.GroupWithUsersWithCustomData(ctx, s.mc.gql, code, page, limit)
	if err != nil {
		return nil, err
	}
	if resp.Group == nil {
		return nil, notFound(op, "group "+code)
	}
	if resp.Group.Users == nil {
		return nil, noResult(op)
	}
	return resp.Group.Users, nil
}

// AddUsers adds users to the group with the addUserToGroup mutation.
func (s *GroupsService) AddUsers(ctx context.Context, code string, userIDs []string) (*authing.CommonMessage, error) {
	const op = "Groups.AddUsers"
	ctx = withOp(ctx, op)
	return groupMembers(ctx, s.mc.gql, op, true, code, userIDs)
}

// RemoveUsers removes users from the group with the removeUserFromGroup
// mutation.
func (s *GroupsService) RemoveUsers(ctx context.Context, code string, userIDs []string) (*authing.CommonMessage, error) {
	const op = "Groups.RemoveUsers"
	ctx = withOp(ctx, op)
	return groupMembers(ctx, s.mc.gql, op, false, code, userIDs)
}

// ListAuthorizedResources returns the resources the group may act on with
// the group.authorizedResources query.
func (s *GroupsService) ListAuthorizedResources(ctx context.Context, code, namespace string, resourceType authing.ResourceType) (*authing.AuthorizedResourceList, error) {
	const op = "Groups.ListAuthorizedResources"
	ctx = withOp(ctx, op)
	if code == "" {
		return nil, argError(op, "code is required")
	}
	resp, err := generated.ListGroupAuthorizedResources(ctx, s.mc.gql, code, optString(namespace), optString(string(resourceType)))
	if err != nil {
		return nil, err
	}
	if resp.Group == nil {
		return nil, notFound(op, "group "+code)
	}
	if resp.Group.AuthorizedResources == nil {
		return nil, noResult(op)
	}
	return resp.Group.AuthorizedResources, nil
}
