package client

import (
	"context"
	"iter"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// UserListOptions are the options of Users.List.
type UserListOptions struct {
	ListOptions
	// SortBy orders the users; default SortByCreatedAtDesc.
	SortBy *authing.SortBy
	// ExcludeUsersInOrg leaves out users that belong to an organization.
	ExcludeUsersInOrg *bool
}

// List returns one page of the pool's users with the users query.
func (s *UsersService) List(ctx context.Context, opts *UserListOptions) (*authing.UserList, error) {
	const op = "Users.List"
	ctx = withOp(ctx, op)
	if opts == nil {
		opts = &UserListOptions{}
	}
	page, limit := opts.pageArgs()
	resp, err := generated.Users(ctx, s.mc.gql, page, limit, opts.SortBy, opts.ExcludeUsersInOrg)
	return result(op, resp.Users, err)
}

// ListIter walks every page of List, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (s *UsersService) ListIter(ctx context.Context, opts *UserListOptions) iter.Seq2[*authing.User, error] {
	return listIter(ctx, opts, s.List, userPage)
}

// Delete deletes the user with the deleteUser mutation.
func (s *UsersService) Delete(ctx context.Context, userID string) (*authing.CommonMessage, error) {
	const op = "Users.Delete"
	ctx = withOp(ctx, op)
	if userID == "" {
		return nil, argError(op, "user id is required")
	}
	resp, err := generated.DeleteUser(ctx, s.mc.gql, userID)
	return commonMessage(op, resp.DeleteUser, err)
}
