package client

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"

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

// CreateUserOptions are the optional values of Users.Create.
type CreateUserOptions struct {
	// KeepPassword stores userInfo.Password as given (an imported hash)
	// instead of encrypting it as a plain password.
	KeepPassword bool
	// ResetPasswordOnFirstLogin makes the user change the password at
	// first login.
	ResetPasswordOnFirstLogin *bool
	// CustomData sets custom field values of the new user.
	CustomData map[string]any
}

// Create creates a user with the createUser mutation. The password, if
// any, is sent RSA-encrypted unless opts.KeepPassword; userInfo itself is
// not modified.
func (s *UsersService) Create(ctx context.Context, userInfo *authing.CreateUserInput, opts *CreateUserOptions) (*authing.User, error) {
	const op = "Users.Create"
	ctx = withOp(ctx, op)
	if userInfo == nil {
		return nil, argError(op, "userInfo is required")
	}
	if opts == nil {
		opts = &CreateUserOptions{}
	}
	info := *userInfo
	if info.Password != nil && !opts.KeepPassword {
		ctx = withSecrets(ctx, *info.Password)
		enc, err := s.mc.conn.encryptOptional(ctx, op, info.Password)
		if err != nil {
			return nil, err
		}
		info.Password = enc
	}
	var params *string
	if len(opts.CustomData) > 0 {
		kv := make([]map[string]string, 0, len(opts.CustomData))
		for _, k := range sortedKeys(opts.CustomData) {
			v, err := EncodeCustomValue(opts.CustomData[k])
			if err != nil {
				return nil, err
			}
			kv = append(kv, map[string]string{"key": k, "value": v})
		}
		b, _ := json.Marshal(kv)
		params = String(string(b))
	}
	var keep *bool
	if opts.KeepPassword {
		keep = Bool(true)
	}
	resp, err := generated.CreateUser(ctx, s.mc.gql, &info, keep, opts.ResetPasswordOnFirstLogin, params)
	return result(op, resp.CreateUser, err)
}

// Update changes the user's fields that are set in updates, with the
// updateUser mutation. A password in updates is sent RSA-encrypted.
func (s *UsersService) Update(ctx context.Context, userID string, updates *authing.UpdateUserInput) (*authing.User, error) {
	const op = "Users.Update"
	ctx = withOp(ctx, op)
	if userID == "" || updates == nil {
		return nil, argError(op, "user id and updates are required")
	}
	in := *updates
	if in.Password != nil {
		ctx = withSecrets(ctx, *in.Password)
		enc, err := s.mc.conn.encryptOptional(ctx, op, in.Password)
		if err != nil {
			return nil, err
		}
		in.Password = enc
	}
	resp, err := generated.UpdateUser(ctx, s.mc.gql, &userID, &in)
	return result(op, resp.UpdateUser, err)
}

// Detail returns one user with REST GET /api/v2/users/{id}; withCustomData
// adds the custom field values.
func (s *UsersService) Detail(ctx context.Context, userID string, withCustomData bool) (*authing.UserWithCustomData, error) {
	const op = "Users.Detail"
	ctx = withOp(ctx, op)
	if userID == "" {
		return nil, argError(op, "user id is required")
	}
	var q url.Values
	if withCustomData {
		q = url.Values{"with_custom_data": {"true"}}
	}
	var out authing.UserWithCustomData
	if err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: pathf("/api/v2/users/%s", userID), query: q}, &out); err != nil {
		return nil, err
	}
	if out.ID == "" {
		return nil, noResult(op)
	}
	return &out, nil
}

// Find returns the user with the given email, username, phone or external
// id with the findUser query, or an *Error with code 2004 when there is
// none.
func (s *UsersService) Find(ctx context.Context, q UserQuery) (*authing.User, error) {
	const op = "Users.Find"
	ctx = withOp(ctx, op)
	if q.Username == nil && q.Email == nil && q.Phone == nil && q.ExternalID == nil {
		return nil, argError(op, "set a username, email, phone or external id")
	}
	resp, err := generated.FindUser(ctx, s.mc.gql, q.Email, q.Phone, q.Username, q.ExternalID)
	if err != nil {
		return nil, err
	}
	if resp.FindUser == nil {
		return nil, &Error{Kind: KindServer, Code: int(ErrUserNotFound), Operation: op, StatusCode: 200, Message: "no user matches"}
	}
	return resp.FindUser, nil
}

// FindWithCustomData is Find with the user's custom field values.
func (s *UsersService) FindWithCustomData(ctx context.Context, q UserQuery) (*authing.UserWithCustomData, error) {
	const op = "Users.FindWithCustomData"
	ctx = withOp(ctx, op)
	if q.Username == nil && q.Email == nil && q.Phone == nil && q.ExternalID == nil {
		return nil, argError(op, "set a username, email, phone or external id")
	}
	resp, err := generated.FindUserWithCustomData(ctx, s.mc.gql, q.Email, q.Phone, q.Username, q.ExternalID)
	if err != nil {
		return nil, err
	}
	if resp.FindUser == nil {
		return nil, &Error{Kind: KindServer, Code: int(ErrUserNotFound), Operation: op, StatusCode: 200, Message: "no user matches"}
	}
	return resp.FindUser, nil
}

// ListWithCustomData is List with each user's custom field values.
func (s *UsersService) ListWithCustomData(ctx context.Context, opts *UserListOptions) (*authing.UserWithCustomDataList, error) {
	const op = "Users.ListWithCustomData"
	ctx = withOp(ctx, op)
	if opts == nil {
		opts = &UserListOptions{}
	}
	page, limit := opts.pageArgs()
	resp, err := generated.UsersWithCustomData(ctx, s.mc.gql, page, limit, opts.SortBy, opts.ExcludeUsersInOrg)
	return result(op, resp.Users, err)
}

// ListWithCustomDataIter walks every page of ListWithCustomData, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (s *UsersService) ListWithCustomDataIter(ctx context.Context, opts *UserListOptions) iter.Seq2[*authing.UserWithCustomData, error] {
	return listIter(ctx, opts, s.ListWithCustomData, userCustomPage)
}

// SearchOptions are the optional values of Users.Search.
type SearchOptions struct {
	ListOptions
	// Fields are the fields to search in; default: the server's.
	Fields      []string
	Departments []*authing.SearchDepartmentOpt
	Groups      []*authing.SearchGroupOpt
	Roles       []*authing.SearchRoleOpt
}

// Search returns one page of the users matching query with the
// searchUser query.
func (s *UsersService) Search(ctx context.Context, query string, opts *SearchOptions) (*authing.UserList, error) {
	const op = "Users.Search"
	ctx = withOp(ctx, op)
	if query == "" {
		return nil, argError(op, "query is required")
	}
	opts, page, limit, fields := opts.args()
	resp, err := generated.SearchUser(ctx, s.mc.gql, query, fields, page, limit, opts.Departments, opts.Groups, opts.Roles)
	return result(op, resp.SearchUser, err)
}

// args returns the options (never nil) and the values to send.
func (o *SearchOptions) args() (opts *SearchOptions, page, limit *int, fields []*string) {
	if o == nil {
		o = &SearchOptions{}
	}
	page, limit = o.pageArgs()
	if len(o.Fields) > 0 {
		fields = make([]*string, len(o.Fields))
		for i := range o.Fields {
			fields[i] = &o.Fields[i]
		}
	}
	return o, page, limit, fields
}

// SearchWithCustomData is Search with each user's custom field values
// (the searchUser query selecting customData).
func (s *UsersService) SearchWithCustomData(ctx context.Context, query string, opts *SearchOptions) (*authing.UserWithCustomDataList, error) {
	const op = "Users.SearchWithCustomData"
	ctx = withOp(ctx, op)
	if query == "" {
		return nil, argError(op, "query is required")
	}
	opts, page, limit, fields := opts.args()
	resp, err := generated.SearchUserWithCustomData(ctx, s.mc.gql, query, fields, page, limit, opts.Departments, opts.Groups, opts.Roles)
	return result(op, resp.SearchUser, err)
}

// SearchIter walks every page of Search, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (s *UsersService) SearchIter(ctx context.Context, query string, opts *SearchOptions) iter.Seq2[*authing.User, error] {
	return listIter(ctx, opts, func(ctx context.Context, o *SearchOptions) (*authing.UserList, error) { return s.Search(ctx, query, o) }, userPage)
}

// BatchGet returns the users whose queryField ("id" when "", or
// "username", "email", "phone", "externalId") is one of identifiers, with
// the userBatch query. At most 80 at a time.
func (s *UsersService) BatchGet(ctx context.Context, identifiers []string, queryField string) ([]*authing.User, error) {
	const op = "Users.BatchGet"
	ctx = withOp(ctx, op)
	if err := checkValues(op, "identifier", identifiers); err != nil {
		return nil, err
	}
	resp, err := generated.UserBatch(ctx, s.mc.gql, identifiers, optString(queryField))
	if err != nil {
		return nil, err
	}
	return resp.UserBatch, nil
}

// BatchGetWithCustomData is BatchGet with each user's custom field values
// (the userBatch query selecting customData).
func (s *UsersService) BatchGetWithCustomData(ctx context.Context, identifiers []string, queryField string) ([]*authing.UserWithCustomData, error) {
	const op = "Users.BatchGetWithCustomData"
	ctx = withOp(ctx, op)
	if err := checkValues(op, "identifier", identifiers); err != nil {
		return nil, err
	}
	resp, err := generated.UserBatchWithCustomData(ctx, s.mc.gql, identifiers, optString(queryField))
	if err != nil {
		return nil, err
	}
	return resp.UserBatch, nil
}

// Batch returns the users with the given ids: BatchGet by id, under the
// name older SDKs use.
func (s *UsersService) Batch(ctx context.Context, userIDs []string) ([]*authing.User, error) {
	const op = "Users.Batch"
	ctx = withOp(ctx, op)
	return s.BatchGet(ctx, userIDs, "")
}

// DeleteMany deletes users with the deleteUsers mutation.
func (s *UsersService) DeleteMany(ctx context.Context, userIDs []string) (*authing.CommonMessage, error) {
	const op = "Users.DeleteMany"
	ctx = withOp(ctx, op)
	if len(userIDs) == 0 {
		return nil, argError(op, "at least one user id is required")
	}
	resp, err := generated.DeleteUsers(ctx, s.mc.gql, userIDs)
	return commonMessage(op, resp.DeleteUsers, err)
}

// ListArchivedUsers returns one page of archived users with the
// archivedUsers query.
func (s *UsersService) ListArchivedUsers(ctx context.Context, opts *ListOptions) (*authing.UserList, error) {
	const op = "Users.ListArchivedUsers"
	ctx = withOp(ctx, op)
	page, limit := opts.pageArgs()
	resp, err := generated.ArchivedUsers(ctx, s.mc.gql, page, limit)
	return result(op, resp.ArchivedUsers, err)
}

// ListArchivedUsersIter walks every page of ListArchivedUsers, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (s *UsersService) ListArchivedUsersIter(ctx context.Context, opts *ListOptions) iter.Seq2[*authing.User, error] {
	return listIter(ctx, opts, s.ListArchivedUsers, userPage)
}

// Exists reports whether a user with the given username, email, phone or
// external id exists, with the isUserExists query.
func (s *UsersService) Exists(ctx context.Context, q UserQuery) (bool, error) {
	const op = "Users.Exists"
	ctx = withOp(ctx, op)
	return isUserExists(ctx, s.mc.gql, op, q)
}
