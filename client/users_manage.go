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

// FindUserQuery names the user to find; set at least one field.
type FindUserQuery = UserExistsQuery

// Find returns the user with the given email, username, phone or external
// id with the findUser query, or an *Error with code 2004 when there is
// none.
func (s *UsersService) Find(ctx context.Context, q FindUserQuery) (*authing.User, error) {
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
		return nil, &Error{Code: int(ErrUserNotFound), Operation: op, StatusCode: 200, Message: "no user matches"}
	}
	return resp.FindUser, nil
}

// FindWithCustomData is Find with the user's custom field values.
func (s *UsersService) FindWithCustomData(ctx context.Context, q FindUserQuery) (*authing.UserWithCustomData, error) {
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
		return nil, &Error{Code: int(ErrUserNotFound), Operation: op, StatusCode: 200, Message: "no user matches"}
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
	return assignRoles(ctx, s.mc.gql, "Users.AddRoles", true, roleCodes, []string{userID}, nil, namespace)
}

// RemoveRoles takes roles back from the user with the revokeRole mutation.
func (s *UsersService) RemoveRoles(ctx context.Context, userID string, roleCodes []string, namespace string) (*authing.CommonMessage, error) {
	const op = "Users.RemoveRoles"
	ctx = withOp(ctx, op)
	return assignRoles(ctx, s.mc.gql, "Users.RemoveRoles", false, roleCodes, []string{userID}, nil, namespace)
}

// RefreshToken issues a new token for the user with the refreshToken
// mutation.
func (s *UsersService) RefreshToken(ctx context.Context, userID string) (*authing.RefreshedToken, error) {
	const op = "Users.RefreshToken"
	ctx = withOp(ctx, op)
	if userID == "" {
		return nil, argError(op, "user id is required")
	}
	resp, err := generated.RefreshToken(ctx, s.mc.gql, &userID)
	return result(op, resp.RefreshToken, err)
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
	return groupMembers(ctx, s.mc.gql, "Users.AddGroup", true, groupCode, []string{userID})
}

// RemoveGroup removes the user from the group with the
// removeUserFromGroup mutation.
func (s *UsersService) RemoveGroup(ctx context.Context, userID, groupCode string) (*authing.CommonMessage, error) {
	const op = "Users.RemoveGroup"
	ctx = withOp(ctx, op)
	return groupMembers(ctx, s.mc.gql, "Users.RemoveGroup", false, groupCode, []string{userID})
}

// ListPolicies returns one page of the policies assigned to the user with
// the policyAssignments query.
func (s *UsersService) ListPolicies(ctx context.Context, userID string, opts *ListOptions) (*authing.PolicyAssignmentList, error) {
	const op = "Users.ListPolicies"
	ctx = withOp(ctx, op)
	if userID == "" {
		return nil, argError(op, "user id is required")
	}
	return listAssignments(ctx, s.mc.gql, "Users.ListPolicies", "", authing.TargetUser, userID, opts)
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
	return changeAssignments(ctx, s.mc.gql, "Users.AddPolicies", true, policies, authing.TargetUser, []string{userID}, nil)
}

// RemovePolicies takes policies back from the user with the
// removePolicyAssignments mutation.
func (s *UsersService) RemovePolicies(ctx context.Context, userID string, policies []string) (*authing.CommonMessage, error) {
	const op = "Users.RemovePolicies"
	ctx = withOp(ctx, op)
	return changeAssignments(ctx, s.mc.gql, "Users.RemovePolicies", false, policies, authing.TargetUser, []string{userID}, nil)
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
func (s *UsersService) Exists(ctx context.Context, q UserExistsQuery) (bool, error) {
	const op = "Users.Exists"
	ctx = withOp(ctx, op)
	return isUserExists(ctx, s.mc.gql, "Users.Exists", q)
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

// PermissionCheck is the answer for one resource of
// CheckResourcePermissionBatch.
type PermissionCheck struct {
	Resource string `json:"resource"`
	Action   string `json:"action"`
	Allowed  bool   `json:"allowed"`
}

// CheckResourcePermissionBatch checks several permissions of the user at
// once, each written "resource:id:action" (such as "books:1:read"), with
// REST POST /api/v2/acl/check-resource-permission-batch.
func (s *UsersService) CheckResourcePermissionBatch(ctx context.Context, userID, namespace string, resources []string) ([]*PermissionCheck, error) {
	const op = "Users.CheckResourcePermissionBatch"
	ctx = withOp(ctx, op)
	if userID == "" || namespace == "" || len(resources) == 0 {
		return nil, argError(op, "user id, namespace and resources are required")
	}
	var out []*PermissionCheck
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

// ListAuthorizedResourcesOfResourceKind returns the resources of kind
// the user may act on, as "books:1" style codes, with REST
// POST /api/v2/acl/get-authorized-resources-of-resource-kind.
func (s *UsersService) ListAuthorizedResourcesOfResourceKind(ctx context.Context, userID string, kind ResourceKind) ([]string, error) {
	const op = "Users.ListAuthorizedResourcesOfResourceKind"
	ctx = withOp(ctx, op)
	if userID == "" || kind.Namespace == "" || kind.Resource == "" {
		return nil, argError(op, "user id, namespace and resource are required")
	}
	var out []string
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
	q := url.Values{"roleCode": {role.Code}}
	if role.Namespace != "" {
		q.Set("namespace", role.Namespace)
	}
	var out bool
	err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: pathf("/api/v2/users/%s/has-role", userID), query: q}, &out)
	return out, err
}

// Kick ends every session of the users (their tokens stop working) with
// REST POST /api/v2/users/kick.
func (s *UsersService) Kick(ctx context.Context, userIDs []string) error {
	const op = "Users.Kick"
	ctx = withOp(ctx, op)
	if len(userIDs) == 0 {
		return argError(op, "at least one user id is required")
	}
	return s.mc.gql.rest(ctx, restCall{method: http.MethodPost, path: "/api/v2/users/kick",
		body: map[string]any{"userIds": userIDs}}, nil)
}

// Logout ends the user's sessions (in one application when appID is set)
// with GET {host}/logout?userId=&appId= and the management token. The
// Python SDK documents this method as local; the official JavaScript and
// Go SDKs send this request, outside /api/v2, answered with the REST
// envelope.
func (s *UsersService) Logout(ctx context.Context, userID, appID string) error {
	const op = "Users.Logout"
	ctx = withOp(ctx, op)
	if userID == "" {
		return argError(op, "user id is required")
	}
	q := url.Values{"userId": {userID}}
	if appID != "" {
		q.Set("appId", appID)
	}
	return s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: "/logout", query: q}, nil)
}

// SessionStatus says whether a user is logged in.
type SessionStatus struct {
	IsLogin bool   `json:"isLogin"`
	UserID  string `json:"userId,omitempty"`
	// User is the user's profile, when the server includes it.
	User *authing.User `json:"user,omitempty"`
	// Applications are the applications the user is logged in to, when the
	// server includes them, as sent.
	Applications json.RawMessage `json:"application,omitempty"`
}

// LoginStatusOptions narrow CheckLoginStatus to one application, one
// device, or both; "" fields are not sent.
type LoginStatusOptions struct {
	AppID    string
	DeviceID string
}

// CheckLoginStatus reports whether the user is logged in (to the
// application or device opts names, when set; opts may be nil) with REST
// GET /api/v2/users/login-status.
func (s *UsersService) CheckLoginStatus(ctx context.Context, userID string, opts *LoginStatusOptions) (*SessionStatus, error) {
	const op = "Users.CheckLoginStatus"
	ctx = withOp(ctx, op)
	if userID == "" {
		return nil, argError(op, "user id is required")
	}
	q := url.Values{"userId": {userID}}
	if opts != nil {
		for k, v := range map[string]string{"appId": opts.AppID, "deviceId": opts.DeviceID} {
			if v != "" {
				q.Set(k, v)
			}
		}
	}
	var out SessionStatus
	if err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: "/api/v2/users/login-status", query: q}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// SendFirstLoginVerifyEmail sends the user the email that verifies their
// address at first login, with the sendFirstLoginVerifyEmail mutation.
func (s *UsersService) SendFirstLoginVerifyEmail(ctx context.Context, userID, appID string) (*authing.CommonMessage, error) {
	const op = "Users.SendFirstLoginVerifyEmail"
	ctx = withOp(ctx, op)
	if userID == "" || appID == "" {
		return nil, argError(op, "user id and app id are required")
	}
	resp, err := generated.SendFirstLoginVerifyEmail(ctx, s.mc.gql, userID, appID)
	return commonMessage(op, resp.SendFirstLoginVerifyEmail, err)
}

// ListUserActions returns one page of the users' action log with REST
// GET /api/v2/analysis/user-action.
func (s *UsersService) ListUserActions(ctx context.Context, opts *UserActionOptions) (*UserActionList, error) {
	const op = "Users.ListUserActions"
	ctx = withOp(ctx, op)
	if opts == nil {
		opts = &UserActionOptions{}
	}
	q := listQuery(&opts.ListOptions)
	for k, v := range map[string]string{"clientip": opts.ClientIP, "operation_name": opts.OperationName, "operator_arn": opts.OperatorARN} {
		if v != "" {
			q.Set(k, v)
		}
	}
	var out UserActionList
	if err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: "/api/v2/analysis/user-action", query: q}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListUserActionsIter walks every page of ListUserActions, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (s *UsersService) ListUserActionsIter(ctx context.Context, opts *UserActionOptions) iter.Seq2[*UserAction, error] {
	return listIter(ctx, opts, s.ListUserActions, userActionPage)
}

// ListUdv returns the user's custom field values as sent, with the udv
// query.
func (s *UsersService) ListUdv(ctx context.Context, userID string) ([]*authing.UDV, error) {
	const op = "Users.ListUdv"
	ctx = withOp(ctx, op)
	return s.udv().list(ctx, "Users.ListUdv", userID)
}

// GetUdfValue returns the user's custom field values converted by data
// type (see DecodeCustomValue).
func (s *UsersService) GetUdfValue(ctx context.Context, userID string) (map[string]any, error) {
	const op = "Users.GetUdfValue"
	ctx = withOp(ctx, op)
	return s.udv().typed(ctx, "Users.GetUdfValue", userID)
}

// GetUdfValueBatch returns the typed custom field values of several users,
// by user id, with the udfValueBatch query.
func (s *UsersService) GetUdfValueBatch(ctx context.Context, userIDs []string) (map[string]map[string]any, error) {
	const op = "Users.GetUdfValueBatch"
	ctx = withOp(ctx, op)
	return s.udv().batch(ctx, "Users.GetUdfValueBatch", userIDs)
}

// SetUdv sets one custom field value of the user with the setUdv mutation.
func (s *UsersService) SetUdv(ctx context.Context, userID, key string, value any) ([]*authing.UDV, error) {
	const op = "Users.SetUdv"
	ctx = withOp(ctx, op)
	return s.udv().set(ctx, "Users.SetUdv", userID, key, value)
}

// SetUdfValue sets several custom field values of the user with the
// setUdvBatch mutation.
func (s *UsersService) SetUdfValue(ctx context.Context, userID string, data map[string]any) ([]*authing.UDV, error) {
	const op = "Users.SetUdfValue"
	ctx = withOp(ctx, op)
	return s.udv().setMany(ctx, "Users.SetUdfValue", userID, data)
}

// SetUdfValueBatch sets values of several users with the setUdfValueBatch
// mutation.
func (s *UsersService) SetUdfValueBatch(ctx context.Context, values []UdfValueInput) error {
	const op = "Users.SetUdfValueBatch"
	ctx = withOp(ctx, op)
	return s.udv().setBatch(ctx, "Users.SetUdfValueBatch", values)
}

// RemoveUdv removes one custom field value of the user with the removeUdv
// mutation.
func (s *UsersService) RemoveUdv(ctx context.Context, userID, key string) ([]*authing.UDV, error) {
	const op = "Users.RemoveUdv"
	ctx = withOp(ctx, op)
	return s.udv().remove(ctx, "Users.RemoveUdv", userID, key)
}

func (s *UsersService) udv() udvOps { return udvOps{gql: s.mc.gql, targetType: authing.UDFTargetUser} }
