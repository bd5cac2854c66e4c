package authingtest_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	authing "github.com/authing-go/authing"
	"github.com/authing-go/authing/authingtest"
	"github.com/authing-go/authing/client"
)

// env is one local server with a management client and a way to make end
// users' clients, all over real HTTP.
type env struct {
	t   *testing.T
	srv *authingtest.Server
	mc  *client.ManagementClient
	ctx context.Context
}

func newEnv(t *testing.T) *env {
	t.Helper()
	srv := authingtest.NewServer()
	t.Cleanup(srv.Close)
	mc, err := client.NewManagementClient(client.ManagementOptions{UserPoolID: srv.UserPoolID, Secret: srv.Secret, Host: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, srv: srv, mc: mc, ctx: context.Background()}
}

// auth returns a new authentication client of the app; the password key
// comes from the server's .well-known endpoint. It holds no user session.
func (e *env) auth() *client.AuthenticationClient {
	e.t.Helper()
	ac, err := client.NewAuthenticationClient(client.AuthenticationOptions{UserPoolID: e.srv.UserPoolID, Host: e.srv.URL,
		AppID: "app1"})
	if err != nil {
		e.t.Fatal(err)
	}
	return ac
}

// user returns a client acting as the user of token, built from a fresh
// authentication client, as a later request holding a saved token would.
func (e *env) user(token string) *client.UserClient {
	e.t.Helper()
	return e.auth().WithAccessToken(token)
}

// ok fails the test at once when err is set.
func ok[T any](t *testing.T, what string) func(v T, err error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return v
	}
}

func noErr(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func wantCode(t *testing.T, what string, err error, code client.ErrorCode) {
	t.Helper()
	if !errors.Is(err, code) {
		t.Fatalf("%s: err = %v, want code %d", what, err, int(code))
	}
}

func TestSeedFlow(t *testing.T) {
	e := newEnv(t)
	users := ok[*authing.UserList](t, "list users")(e.mc.Users.List(e.ctx, nil))
	if users.TotalCount != 0 {
		t.Fatalf("new pool has %d users", users.TotalCount)
	}
	ac := e.auth()
	registered := ok[*authing.User](t, "register")(ac.RegisterByUsername(e.ctx, "bob", "passw0rd", nil))
	u := ok[*authing.User](t, "login")(ac.LoginByUsername(e.ctx, "bob", "passw0rd", nil))
	if u.Token == "" || u.ID != registered.ID {
		t.Fatal("login returned no token")
	}
	saved := u.Token
	u = ok[*authing.User](t, "update profile")(ac.WithAccessToken(saved).UpdateProfile(e.ctx, &authing.UpdateUserInput{Nickname: client.String("Bobby")}))
	if u.Nickname != "Bobby" {
		t.Errorf("nickname = %q", u.Nickname)
	}
	later := e.user(saved)
	u = ok[*authing.User](t, "update with a saved token")(later.UpdateProfile(e.ctx, &authing.UpdateUserInput{Company: client.String("Example")}))
	if u.Company != "Example" || u.Nickname != "Bobby" {
		t.Errorf("profile after second update: company %v nickname %v", u.Company, u.Nickname)
	}
	_, err := ac.LoginByUsername(e.ctx, "nobody", "passw0rd", nil)
	var ae *client.Error
	if !errors.As(err, &ae) || ae.Code != 2004 {
		t.Fatalf("wrong login: %v, want *client.Error code 2004", err)
	}
	users = ok[*authing.UserList](t, "list users")(e.mc.Users.List(e.ctx, nil))
	if users.TotalCount != 1 || users.List[0].Nickname != "Bobby" {
		t.Errorf("management sees %d users", users.TotalCount)
	}
}

func TestAuthenticationEndToEnd(t *testing.T) {
	e := newEnv(t)
	ctx := e.ctx
	ac := e.auth()

	// Registration and the logins.
	ok[*authing.User](t, "RegisterByEmail")(ac.RegisterByEmail(ctx, "ann@example.com", "passw0rd", &client.RegisterOptions{
		Profile: &authing.RegisterProfile{Nickname: client.String("Ann")}}))
	noErr(t, "SendSMSCode", ac.SendSMSCode(ctx, "13800000001"))
	code, _ := e.srv.LastSMSCode("13800000001")
	phoneUser := ok[*authing.User](t, "RegisterByPhoneCode")(ac.RegisterByPhoneCode(ctx, "13800000001", code,
		&client.PhoneRegisterOptions{Password: client.String("passw0rd")}))
	if phoneUser.Phone != "13800000001" {
		t.Errorf("phone = %v", phoneUser.Phone)
	}
	ok[*authing.User](t, "LoginByPhonePassword")(ac.LoginByPhonePassword(ctx, "13800000001", "passw0rd", nil))
	noErr(t, "SendSMSCode", ac.SendSMSCode(ctx, "13800000001"))
	code, _ = e.srv.LastSMSCode("13800000001")
	ok[*authing.User](t, "LoginByPhoneCode")(ac.LoginByPhoneCode(ctx, "13800000001", code, nil))
	_, err := ac.LoginByPhoneCode(ctx, "13800000001", code, nil)
	wantCode(t, "reused code", err, client.ErrCaptchaWrong)
	ok[*authing.User](t, "RegisterByUsername")(ac.RegisterByUsername(ctx, "sub", "passw0rd", nil))
	ok[*authing.User](t, "LoginBySubAccount")(ac.LoginBySubAccount(ctx, "sub", "passw0rd", nil))
	u := ok[*authing.User](t, "LoginByEmail")(ac.LoginByEmail(ctx, "ann@example.com", "passw0rd", nil))
	_, err = ac.LoginByEmail(ctx, "ann@example.com", "wrong-password", nil)
	wantCode(t, "wrong password", err, client.ErrWrongPassword)
	_, err = ac.RegisterByEmail(ctx, "ann@example.com", "passw0rd", nil)
	wantCode(t, "duplicate", err, client.ErrUserExists)

	// Session: the token the login returned is the user's session.
	if u.Token == "" {
		t.Fatal("LoginByEmail returned no token")
	}
	if _, err := ac.CheckLoginStatus(ctx, ""); !errors.Is(err, client.ErrInvalidArgument) {
		t.Errorf("CheckLoginStatus without a token: %v, want ErrInvalidArgument", err)
	}
	status := ok[*authing.LoginStatus](t, "CheckLoginStatus")(ac.CheckLoginStatus(ctx, u.Token))
	if !status.Status || status.Data == nil || status.Data.ID != u.ID {
		t.Errorf("CheckLoginStatus = %+v", status)
	}
	uc := ac.WithAccessToken(u.Token)
	me := ok[*authing.User](t, "GetCurrentUser")(uc.GetCurrentUser(ctx))
	if me.ID != u.ID {
		t.Errorf("GetCurrentUser id = %s", me.ID)
	}
	rt := ok[*authing.RefreshedToken](t, "RefreshToken")(uc.RefreshToken(ctx))
	if rt.Token == "" || rt.Token == u.Token {
		t.Error("RefreshToken returned the old token")
	}
	if uc.Token() != u.Token {
		t.Error("RefreshToken changed the bound client's token")
	}
	uc = ac.WithAccessToken(rt.Token)
	strength := ok[*authing.PasswordStrength](t, "CheckPasswordStrength")(ac.CheckPasswordStrength(ctx, "abc"))
	if strength.Valid {
		t.Error("a 3-character password is strong")
	}
	if n := ok[bool](t, "IsUserExists")(ac.IsUserExists(ctx, client.UserQuery{Email: client.String("ann@example.com")})); !n {
		t.Error("IsUserExists = false")
	}
	level := ok[*client.SecurityLevel](t, "GetSecurityLevel")(uc.GetSecurityLevel(ctx))
	if !level.Email || !level.Password {
		t.Errorf("security level = %+v", level)
	}
	ok[[][]*authing.Node](t, "ListOrgs")(uc.ListOrgs(ctx))
	ok[*authing.ApplicationList](t, "ListApplications")(uc.ListApplications(ctx, nil))
	ok[*authing.UserDepartmentList](t, "ListDepartments")(uc.ListDepartments(ctx))

	// Profile, password, phone and email.
	ok[*authing.User](t, "UpdatePassword")(uc.UpdatePassword(ctx, client.PasswordChange{Old: "passw0rd", New: "n3w-passw0rd"}))
	_, err = uc.UpdatePassword(ctx, client.PasswordChange{Old: "wrong-old", New: "other-pass"})
	wantCode(t, "UpdatePassword with a wrong old password", err, client.ErrOriginalPasswordWrong)
	u = ok[*authing.User](t, "login with the new password")(ac.LoginByEmail(ctx, "ann@example.com", "n3w-passw0rd", nil))
	uc = ac.WithAccessToken(u.Token)
	noErr(t, "SendSMSCode", ac.SendSMSCode(ctx, "13900000002"))
	code, _ = e.srv.LastSMSCode("13900000002")
	u = ok[*authing.User](t, "BindPhone")(uc.BindPhone(ctx, "13900000002", code))
	if u.Phone != "13900000002" {
		t.Errorf("bound phone = %v", u.Phone)
	}
	noErr(t, "SendSMSCode", ac.SendSMSCode(ctx, "13900000003"))
	code, _ = e.srv.LastSMSCode("13900000003")
	if u = ok[*authing.User](t, "UpdatePhone")(uc.UpdatePhone(ctx, "13900000003", code, nil)); u.Phone != "13900000003" {
		t.Errorf("phone after update = %v", u.Phone)
	}
	u = ok[*authing.User](t, "UnbindPhone")(uc.UnbindPhone(ctx))
	if u.Phone != "" {
		t.Errorf("phone after unbind = %v", u.Phone)
	}
	ok[*authing.CommonMessage](t, "SendEmail")(ac.SendEmail(ctx, "ann2@example.com", authing.EmailSceneChangeEmail))
	code, _ = e.srv.LastEmailCode("ann2@example.com")
	u = ok[*authing.User](t, "UpdateEmail")(uc.UpdateEmail(ctx, "ann2@example.com", code, nil))
	if u.Email != "ann2@example.com" {
		t.Errorf("email = %v", u.Email)
	}
	_, err = uc.UnbindEmail(ctx)
	wantCode(t, "UnbindEmail of the only login", err, client.ErrOnlyLoginMethod)
	noErr(t, "SendSMSCode", ac.SendSMSCode(ctx, "13900000004"))
	code, _ = e.srv.LastSMSCode("13900000004")
	ok[*authing.User](t, "BindPhone")(uc.BindPhone(ctx, "13900000004", code))
	ok[*authing.User](t, "UnbindEmail")(uc.UnbindEmail(ctx))
	ok[*authing.CommonMessage](t, "SendEmail")(ac.SendEmail(ctx, "ann3@example.com", authing.EmailSceneEmailBindVerifyCode))
	code, _ = e.srv.LastEmailCode("ann3@example.com")
	ok[*authing.User](t, "BindEmail")(uc.BindEmail(ctx, "ann3@example.com", code))

	// Resets.
	ok[*authing.CommonMessage](t, "SendEmail")(ac.SendEmail(ctx, "ann3@example.com", authing.EmailSceneResetPasswordVerifyCode))
	code, _ = e.srv.LastEmailCode("ann3@example.com")
	ok[*authing.CommonMessage](t, "ResetPasswordByEmailCode")(ac.ResetPasswordByEmailCode(ctx, client.EmailCode{Email: "ann3@example.com", Code: code}, "reset-passw0rd"))
	noErr(t, "SendSMSCode", ac.SendSMSCode(ctx, "13900000004"))
	code, _ = e.srv.LastSMSCode("13900000004")
	ok[*authing.CommonMessage](t, "ResetPasswordByPhoneCode")(ac.ResetPasswordByPhoneCode(ctx, client.PhoneCode{Phone: "13900000004", Code: code}, "reset2-passw0rd"))
	u = ok[*authing.User](t, "login after reset")(ac.LoginByPhonePassword(ctx, "13900000004", "reset2-passw0rd", nil))
	ok[*authing.CommonMessage](t, "ResetPasswordByFirstLoginToken")(ac.ResetPasswordByFirstLoginToken(ctx, u.Token, "first-passw0rd"))
	ok[*authing.CommonMessage](t, "ResetPasswordWithForceReset")(ac.ResetPasswordWithForceReset(ctx, u.Token, client.PasswordChange{Old: "first-passw0rd", New: "forced-passw0rd"}))
	u = ok[*authing.User](t, "login after forced reset")(ac.LoginByPhonePassword(ctx, "13900000004", "forced-passw0rd", nil))
	uc = ac.WithAccessToken(u.Token)

	// The directory logins answer from the server's own users.
	ok[*authing.User](t, "LoginByLDAP")(e.auth().LoginByLDAP(ctx, "sub", "passw0rd"))
	_, err = e.auth().LoginByAD(ctx, "sub", "wrong-password")
	wantCode(t, "LoginByAD with a wrong password", err, client.ErrWrongPassword)

	// Linking needs two valid tokens.
	other := ok[*authing.User](t, "login sub")(e.auth().LoginByUsername(ctx, "sub", "passw0rd", nil))
	noErr(t, "LinkAccount", ac.LinkAccount(ctx, u.Token, other.Token))
	noErr(t, "UnlinkAccount", ac.UnlinkAccount(ctx, u.Token, "github"))

	// Roles and resources of the end user.
	ok[*authing.Role](t, "create role")(e.mc.Roles.Create(ctx, "reader", nil))
	ok[*authing.CommonMessage](t, "add role")(e.mc.Users.AddRoles(ctx, u.ID, []string{"reader"}, ""))
	if has := ok[bool](t, "HasRole")(uc.HasRole(ctx, client.RoleRef{Code: "reader"})); !has {
		t.Error("HasRole(reader) = false")
	}
	roles := ok[*authing.RoleList](t, "ListRoles")(uc.ListRoles(ctx, ""))
	if roles.TotalCount != 1 {
		t.Errorf("ListRoles total = %d", roles.TotalCount)
	}
	ok[*authing.CommonMessage](t, "allow")(e.mc.ACL.Allow(ctx, client.Permission{Resource: "books:1", Action: "books:read", Namespace: "default"}, client.AllowOptions{RoleCode: client.String("reader")}))
	res := ok[*authing.AuthorizedResourceList](t, "ListAuthorizedResources")(uc.ListAuthorizedResources(ctx, "default", ""))
	if res.TotalCount != 1 || res.List[0].Code != "books:1" {
		t.Errorf("authorized resources = %+v", res)
	}

	// Custom fields of the end user.
	ok[*authing.UDF](t, "define udf")(e.mc.UDF.Set(ctx, authing.UDFTargetUser, "age", authing.UDFNumber, "Age", nil))
	ok[*authing.UDF](t, "define udf")(e.mc.UDF.Set(ctx, authing.UDFTargetUser, "school", authing.UDFString, "School", nil))
	ok[[]*authing.UDV](t, "SetUdv")(uc.SetUdv(ctx, "age", 18))
	ok[[]*authing.UDV](t, "SetUdfValue")(uc.SetUdfValue(ctx, map[string]any{"school": "MIT"}))
	values := ok[map[string]any](t, "GetUdfValue")(uc.GetUdfValue(ctx))
	if values["age"] != float64(18) || values["school"] != "MIT" {
		t.Errorf("custom values = %v", values)
	}
	if list := ok[[]*authing.UDV](t, "ListUdv")(uc.ListUdv(ctx)); len(list) != 2 {
		t.Errorf("ListUdv = %d values", len(list))
	}
	ok[[]*authing.UDV](t, "RemoveUdv")(uc.RemoveUdv(ctx, "age"))
	if left := ok[[]*authing.UDV](t, "RemoveUdv")(uc.RemoveUdv(ctx, "school")); len(left) != 0 {
		t.Errorf("values left = %d", len(left))
	}

	// Logout ends the session on the server: the token no longer works,
	// neither on the client that logged out nor bound anew.
	noErr(t, "Logout", uc.Logout(ctx))
	_, err = uc.GetCurrentUser(ctx)
	wantCode(t, "the logged-out client", err, client.ErrNotLoggedIn)
	_, err = e.user(u.Token).GetCurrentUser(ctx)
	wantCode(t, "token after logout", err, client.ErrNotLoggedIn)
}

func TestManagementUsersEndToEnd(t *testing.T) {
	e := newEnv(t)
	ctx, mc := e.ctx, e.mc
	alice := ok[*authing.User](t, "Create")(mc.Users.Create(ctx, &authing.CreateUserInput{Username: client.String("alice"),
		Email: client.String("alice@example.com"), Password: client.String("passw0rd")}, nil))
	ok[*authing.User](t, "the created password works")(e.auth().LoginByUsername(ctx, "alice", "passw0rd", nil))
	carol := ok[*authing.User](t, "Create")(mc.Users.Create(ctx, &authing.CreateUserInput{Username: client.String("carol"), Phone: client.String("13700000000")}, nil))
	u := ok[*authing.User](t, "Update")(mc.Users.Update(ctx, alice.ID, &authing.UpdateUserInput{Nickname: client.String("Al"), Blocked: client.Bool(false)}))
	if u.Nickname != "Al" {
		t.Errorf("nickname %v", u.Nickname)
	}
	d := ok[*authing.UserWithCustomData](t, "Detail")(mc.Users.Detail(ctx, alice.ID, true))
	if d.ID != alice.ID {
		t.Errorf("Detail id %s", d.ID)
	}
	if f := ok[*authing.User](t, "Find")(mc.Users.Find(ctx, client.UserQuery{Email: client.String("alice@example.com")})); f.ID != alice.ID {
		t.Errorf("Find = %s", f.ID)
	}
	_, err := mc.Users.Find(ctx, client.UserQuery{Email: client.String("none@example.com")})
	wantCode(t, "Find missing", err, client.ErrUserNotFound)
	ok[*authing.UserWithCustomData](t, "FindWithCustomData")(mc.Users.FindWithCustomData(ctx, client.UserQuery{Username: client.String("carol")}))
	if s := ok[*authing.UserList](t, "Search")(mc.Users.Search(ctx, "car", nil)); s.TotalCount != 1 || s.List[0].ID != carol.ID {
		t.Errorf("Search = %+v", s)
	}
	n := 0
	for _, err := range mc.Users.SearchIter(ctx, "a", &client.SearchOptions{ListOptions: client.ListOptions{Limit: 1}}) {
		noErr(t, "SearchAll", err)
		n++
	}
	if n != 2 {
		t.Errorf("SearchAll found %d", n)
	}
	if b := ok[[]*authing.User](t, "BatchGet")(mc.Users.BatchGet(ctx, []string{"alice", "carol", "nobody"}, "username")); len(b) != 2 {
		t.Errorf("BatchGet = %d users", len(b))
	}
	ok[*authing.UserWithCustomDataList](t, "ListWithCustomData")(mc.Users.ListWithCustomData(ctx, nil))
	count := 0
	for _, err := range mc.Users.ListIter(ctx, &client.UserListOptions{ListOptions: client.ListOptions{Limit: 1}}) {
		noErr(t, "All", err)
		count++
	}
	if count != 2 {
		t.Errorf("All walked %d users", count)
	}
	if ok[bool](t, "Exists")(mc.Users.Exists(ctx, client.UserQuery{Username: client.String("carol")})) != true {
		t.Error("Exists(carol) = false")
	}
	ok[*authing.UserList](t, "ListArchivedUsers")(mc.Users.ListArchivedUsers(ctx, nil))
	for _, err := range mc.Users.ListArchivedUsersIter(ctx, nil) {
		noErr(t, "ArchivedAll", err)
	}

	// Roles, policies and permissions of a user.
	ok[*authing.Role](t, "role")(mc.Roles.Create(ctx, "admin", nil))
	ok[*authing.CommonMessage](t, "AddRoles")(mc.Users.AddRoles(ctx, alice.ID, []string{"admin"}, ""))
	if r := ok[*authing.RoleList](t, "ListRoles")(mc.Users.ListRoles(ctx, alice.ID, "")); r.TotalCount != 1 {
		t.Errorf("roles = %d", r.TotalCount)
	}
	if !ok[bool](t, "HasRole")(mc.Users.HasRole(ctx, alice.ID, client.RoleRef{Code: "admin"})) {
		t.Error("HasRole = false")
	}
	ok[*authing.CommonMessage](t, "RemoveRoles")(mc.Users.RemoveRoles(ctx, alice.ID, []string{"admin"}, ""))
	if ok[bool](t, "HasRole")(mc.Users.HasRole(ctx, alice.ID, client.RoleRef{Code: "admin"})) {
		t.Error("HasRole after removal = true")
	}
	ok[*authing.Policy](t, "policy")(mc.Policies.Create(ctx, "reader", []*authing.PolicyStatementInput{{Resource: "books:*", Actions: []string{"books:read"}}}, nil))
	ok[*authing.CommonMessage](t, "AddPolicies")(mc.Users.AddPolicies(ctx, alice.ID, []string{"reader"}))
	if p := ok[*authing.PolicyAssignmentList](t, "ListPolicies")(mc.Users.ListPolicies(ctx, alice.ID, nil)); p.TotalCount != 1 {
		t.Errorf("policies = %d", p.TotalCount)
	}
	checks := ok[[]*client.ResourceGrant](t, "CheckResourcePermissionBatch")(mc.Users.CheckResourcePermissionBatch(ctx, alice.ID, "default",
		[]string{"books:1:read", "books:1:delete"}))
	if len(checks) != 1 || checks[0].Code != "books:1" || !slices.Equal(checks[0].Actions, []string{"books:read"}) {
		t.Errorf("permission checks = %v, want only books:1 with books:read", checks)
	}
	ok[*authing.CommonMessage](t, "RemovePolicies")(mc.Users.RemovePolicies(ctx, alice.ID, []string{"reader"}))
	ok[*authing.CommonMessage](t, "Allow")(mc.ACL.Allow(ctx, client.Permission{Resource: "books:7", Action: "books:read", Namespace: "default"}, client.AllowOptions{UserIDs: []string{alice.ID}}))
	if r := ok[*authing.AuthorizedResourceList](t, "ListAuthorizedResources")(mc.Users.ListAuthorizedResources(ctx, alice.ID, "default", "")); r.TotalCount != 1 {
		t.Errorf("authorized = %d", r.TotalCount)
	}
	if kinds := ok[[]*client.ResourceGrant](t, "ListAuthorizedResourcesOfResourceKind")(mc.Users.ListAuthorizedResourcesOfResourceKind(ctx, alice.ID, client.ResourceKind{Resource: "books", Namespace: "default"})); len(kinds) != 1 || kinds[0].Code != "books:7" || !slices.Equal(kinds[0].Actions, []string{"books:read"}) {
		t.Errorf("of kind = %v", kinds)
	}
	ok[[][]*authing.Node](t, "ListOrgs")(mc.Users.ListOrgs(ctx, alice.ID))
	ok[*authing.UserDepartmentList](t, "ListDepartments")(mc.Users.ListDepartments(ctx, alice.ID))
	ok[*authing.GroupList](t, "ListGroups")(mc.Users.ListGroups(ctx, alice.ID))

	// Sessions.
	ac := e.auth()
	login := ok[*authing.User](t, "login")(ac.LoginByUsername(ctx, "alice", "passw0rd", nil))
	if s := ok[*client.SessionStatus](t, "CheckLoginStatus")(mc.Users.CheckLoginStatus(ctx, alice.ID, nil)); !s.IsLogin {
		t.Error("not logged in after login")
	}
	if st := ok[*authing.LoginStatus](t, "mc.CheckLoginStatus")(mc.CheckLoginStatus(ctx, login.Token)); !st.Status {
		t.Error("token not valid")
	}
	noErr(t, "Kick", mc.Users.Kick(ctx, []string{alice.ID}))
	_, err = ac.WithAccessToken(login.Token).GetCurrentUser(ctx)
	wantCode(t, "kicked token", err, client.ErrNotLoggedIn)
	ok[*authing.User](t, "login")(ac.LoginByUsername(ctx, "alice", "passw0rd", nil))
	noErr(t, "Logout", mc.Users.Logout(ctx, alice.ID, ""))
	if s := ok[*client.SessionStatus](t, "CheckLoginStatus")(mc.Users.CheckLoginStatus(ctx, alice.ID, nil)); s.IsLogin {
		t.Error("logged in after Logout")
	}
	rt := ok[*authing.RefreshedToken](t, "RefreshToken")(mc.Users.RefreshToken(ctx, alice.ID))
	ok[*authing.User](t, "refreshed token works")(e.user(rt.Token).GetCurrentUser(ctx))
	ok[*authing.CommonMessage](t, "SendFirstLoginVerifyEmail")(mc.Users.SendFirstLoginVerifyEmail(ctx, alice.ID, "app1"))
	if _, sent := e.srv.LastEmailCode("alice@example.com"); !sent {
		t.Error("no email sent")
	}
	actions := ok[*client.UserActionList](t, "ListUserActions")(mc.Users.ListUserActions(ctx, &client.UserActionOptions{OperationName: "loginByUsername"}))
	if actions.TotalCount < 3 || actions.List[0].User == nil || actions.List[0].User.ID != alice.ID || actions.List[0].OperationName != "loginByUsername" {
		t.Errorf("action log: %d entries, newest %+v", actions.TotalCount, actions.List[0])
	}
	ok[*authing.CommonMessage](t, "SendEmail")(mc.SendEmail(ctx, "alice@example.com", authing.EmailSceneVerifyEmail))
	if v := ok[*client.PasswordCheck](t, "IsPasswordValid")(mc.IsPasswordValid(ctx, "passw0rd")); !v.Valid {
		t.Errorf("IsPasswordValid(passw0rd) = %+v, want valid", v)
	}
	if v := ok[*client.PasswordCheck](t, "IsPasswordValid short")(mc.IsPasswordValid(ctx, "abc")); v.Valid || len(v.Rules) == 0 {
		t.Errorf("IsPasswordValid(abc) = %+v, want invalid with the rule it breaks", v)
	}

	// Custom fields.
	ok[*authing.UDF](t, "UDF.Set")(mc.UDF.Set(ctx, authing.UDFTargetUser, "age", authing.UDFNumber, "Age", nil))
	ok[*authing.UDF](t, "UDF.Set")(mc.UDF.Set(ctx, authing.UDFTargetUser, "joined", authing.UDFDatetime, "Joined", nil))
	ok[*authing.UDF](t, "UDF.Set")(mc.UDF.Set(ctx, authing.UDFTargetUser, "nick", authing.UDFString, "Nick", nil))
	joined := time.Date(2021, 6, 15, 2, 0, 0, 0, time.UTC)
	ok[[]*authing.UDV](t, "SetUdv")(mc.Users.SetUdv(ctx, alice.ID, "age", 30))
	ok[[]*authing.UDV](t, "SetUdv empty")(mc.Users.SetUdv(ctx, alice.ID, "nick", ""))
	ok[[]*authing.UDV](t, "SetUdfValue")(mc.Users.SetUdfValue(ctx, alice.ID, map[string]any{"joined": joined.UnixMilli()}))
	v := ok[map[string]any](t, "GetUdfValue")(mc.Users.GetUdfValue(ctx, alice.ID))
	if v["age"] != float64(30) || v["nick"] != "" || !v["joined"].(time.Time).Equal(joined) {
		t.Errorf("typed values = %v", v)
	}
	noErr(t, "SetUdfValueBatch", mc.Users.SetUdfValueBatch(ctx, []client.UdfValueInput{{TargetID: carol.ID, Key: "age", Value: 40}}))
	batch := ok[map[string]map[string]any](t, "GetUdfValueBatch")(mc.Users.GetUdfValueBatch(ctx, []string{alice.ID, carol.ID}))
	if batch[carol.ID]["age"] != float64(40) {
		t.Errorf("batch = %v", batch)
	}
	if l := ok[[]*authing.UDV](t, "ListUdv")(mc.Users.ListUdv(ctx, alice.ID)); len(l) != 3 {
		t.Errorf("ListUdv = %d", len(l))
	}
	ok[[]*authing.UDV](t, "RemoveUdv")(mc.Users.RemoveUdv(ctx, alice.ID, "age"))
	ok[[]*authing.UDV](t, "RemoveUdv")(mc.Users.RemoveUdv(ctx, alice.ID, "nick"))
	if l := ok[[]*authing.UDV](t, "UDF.ListValues")(mc.UDF.ListValues(ctx, authing.UDFTargetUser, alice.ID)); len(l) != 1 {
		t.Errorf("values left = %d", len(l))
	}
	ok[[]*authing.UDV](t, "UDF.SetValuesBatch")(mc.UDF.SetValuesBatch(ctx, authing.UDFTargetUser, carol.ID, map[string]any{"nick": "C"}))
	if defs := ok[[]*authing.UDF](t, "UDF.List")(mc.UDF.List(ctx, authing.UDFTargetUser)); len(defs) != 3 {
		t.Errorf("UDF.List = %d", len(defs))
	}
	ok[*authing.CommonMessage](t, "UDF.Remove")(mc.UDF.Remove(ctx, authing.UDFTargetUser, "nick"))

	// Deletion.
	ok[*authing.CommonMessage](t, "Delete")(mc.Users.Delete(ctx, carol.ID))
	ok[*authing.CommonMessage](t, "DeleteMany")(mc.Users.DeleteMany(ctx, []string{alice.ID}))
	if l := ok[*authing.UserList](t, "List")(mc.Users.List(ctx, nil)); l.TotalCount != 0 {
		t.Errorf("%d users left", l.TotalCount)
	}
	_, err = mc.Users.Detail(ctx, alice.ID, false)
	wantCode(t, "Detail of a deleted user", err, client.ErrUserNotFound)
}

func TestRolesPoliciesACLEndToEnd(t *testing.T) {
	e := newEnv(t)
	ctx, mc := e.ctx, e.mc
	bobID := ok[string](t, "seed")(e.srv.SeedUser(authingtest.SeedUser{Username: "bob", Password: "passw0rd"}))

	// Roles.
	ok[*authing.Role](t, "Create")(mc.Roles.Create(ctx, "admin", &client.RoleOptions{Description: client.String("Admins")}))
	child := ok[*authing.Role](t, "Create child")(mc.Roles.Create(ctx, "editor", &client.RoleOptions{ParentCode: client.String("admin")}))
	if child.Parent == nil || child.Parent.Code != "admin" {
		t.Errorf("parent = %+v", child.Parent)
	}
	ok[*authing.Role](t, "Update")(mc.Roles.Update(ctx, "editor", &client.RoleOptions{Description: client.String("Editors")}))
	if r := ok[*authing.Role](t, "Detail")(mc.Roles.Detail(ctx, "editor", "")); r.Description != "Editors" {
		t.Errorf("description = %v", r.Description)
	}
	ok[*authing.Role](t, "Detail")(mc.Roles.Detail(ctx, "admin", ""))
	_, err := mc.Roles.Detail(ctx, "nope", "")
	if !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Detail of a missing role: %v", err)
	}
	if l := ok[*authing.RoleList](t, "List")(mc.Roles.List(ctx, nil)); l.TotalCount != 2 {
		t.Errorf("roles = %d", l.TotalCount)
	}
	n := 0
	for _, err := range mc.Roles.ListIter(ctx, &client.RoleListOptions{ListOptions: client.ListOptions{Limit: 1}}) {
		noErr(t, "All", err)
		n++
	}
	if n != 2 {
		t.Errorf("Roles.ListIter = %d", n)
	}
	ok[*authing.CommonMessage](t, "AddUsers")(mc.Roles.AddUsers(ctx, "editor", []string{bobID}, ""))
	if u := ok[*authing.UserList](t, "ListUsers")(mc.Roles.ListUsers(ctx, "editor", "", nil)); u.TotalCount != 1 {
		t.Errorf("role users = %d", u.TotalCount)
	}
	for _, err := range mc.Roles.ListUsersIter(ctx, "editor", "", nil) {
		noErr(t, "UsersAll", err)
	}
	ok[*authing.UserWithCustomDataList](t, "ListUsersWithCustomData")(mc.Roles.ListUsersWithCustomData(ctx, "editor", "", nil))

	// Policies and their assignments.
	stmts := []*authing.PolicyStatementInput{{Resource: "books:*", Actions: []string{"books:read"}}}
	ok[*authing.Policy](t, "Policies.Create")(mc.Policies.Create(ctx, "reader", stmts, &client.PolicyOptions{Description: client.String("Read")}))
	ok[*authing.Policy](t, "Policies.Create")(mc.Policies.Create(ctx, "no-delete", []*authing.PolicyStatementInput{
		{Resource: "books:*", Actions: []string{"books:delete"}, Effect: ptr(authing.EffectDeny)}}, nil))
	ok[*authing.Policy](t, "Policies.Update")(mc.Policies.Update(ctx, "reader", nil, &client.PolicyOptions{Description: client.String("Read all")}))
	if p := ok[*authing.Policy](t, "Policies.Detail")(mc.Policies.Detail(ctx, "reader", "")); p.Description != "Read all" || len(p.Statements) != 1 {
		t.Errorf("policy = %+v", p)
	}
	ok[*authing.PolicyList](t, "Policies.List")(mc.Policies.List(ctx, nil))
	for _, err := range mc.Policies.ListIter(ctx, nil) {
		noErr(t, "Policies.ListIter", err)
	}
	ok[*authing.CommonMessage](t, "Roles.AddPolicies")(mc.Roles.AddPolicies(ctx, "editor", []string{"reader"}))
	if p := ok[*authing.PolicyAssignmentList](t, "Roles.ListPolicies")(mc.Roles.ListPolicies(ctx, "editor", nil)); p.TotalCount != 1 {
		t.Errorf("role policies = %d", p.TotalCount)
	}
	if !ok[bool](t, "IsAllowed via role policy")(mc.ACL.IsAllowed(ctx, bobID, client.Permission{Resource: "books:1", Action: "books:read"})) {
		t.Error("bob may not read through his role's policy")
	}
	ok[*authing.CommonMessage](t, "Policies.AddAssignments")(mc.Policies.AddAssignments(ctx, []string{"no-delete"}, authing.TargetUser, []string{bobID}, nil))
	ok[*authing.CommonMessage](t, "Allow delete")(mc.ACL.Allow(ctx, client.Permission{Resource: "books:1", Action: "books:delete"}, client.AllowOptions{UserID: client.String(bobID)}))
	if !ok[bool](t, "IsDenied")(mc.ACL.IsDenied(ctx, bobID, client.Permission{Resource: "books:1", Action: "books:delete"})) ||
		ok[bool](t, "IsAllowed denied")(mc.ACL.IsAllowed(ctx, bobID, client.Permission{Resource: "books:1", Action: "books:delete"})) {
		t.Error("a DENY statement did not win")
	}
	ok[*authing.CommonMessage](t, "DisableAssignment")(mc.Policies.DisableAssignment(ctx, "no-delete", authing.TargetUser, bobID, ""))
	if !ok[bool](t, "IsAllowed after disabling the deny")(mc.ACL.IsAllowed(ctx, bobID, client.Permission{Resource: "books:1", Action: "books:delete"})) {
		t.Error("a disabled DENY still applies")
	}
	ok[*authing.CommonMessage](t, "EnableAssignment")(mc.Policies.EnableAssignment(ctx, "no-delete", authing.TargetUser, bobID, ""))
	if a := ok[*authing.PolicyAssignmentList](t, "ListAssignments")(mc.Policies.ListAssignments(ctx, "no-delete", nil)); a.TotalCount != 1 {
		t.Errorf("assignments = %d", a.TotalCount)
	}
	for _, err := range mc.Policies.ListAssignmentsIter(ctx, "reader", nil) {
		noErr(t, "AssignmentsAll", err)
	}
	ok[*authing.CommonMessage](t, "RemoveAssignments")(mc.Policies.RemoveAssignments(ctx, []string{"no-delete"}, authing.TargetUser, []string{bobID}, nil))
	ok[*authing.CommonMessage](t, "Roles.RemovePolicies")(mc.Roles.RemovePolicies(ctx, "editor", []string{"reader"}))
	ok[*authing.CommonMessage](t, "Policies.Delete")(mc.Policies.Delete(ctx, "reader", ""))
	ok[*authing.CommonMessage](t, "Policies.DeleteMany")(mc.Policies.DeleteMany(ctx, []string{"no-delete"}, ""))
	_, err = mc.Policies.Detail(ctx, "reader", "")
	if !errors.Is(err, client.ErrNotFound) {
		t.Errorf("deleted policy: %v", err)
	}

	// ACL: namespaces, resources, grants.
	ns := ok[*client.Namespace](t, "CreateNamespace")(mc.ACL.CreateNamespace(ctx, "books", "Books", nil))
	ok[*client.Namespace](t, "UpdateNamespace")(mc.ACL.UpdateNamespace(ctx, ns.ID, client.NamespaceUpdate{Description: client.String("Store")}))
	if l := ok[*client.NamespaceList](t, "ListNamespaces")(mc.ACL.ListNamespaces(ctx, nil)); l.TotalCount != 1 || l.List[0].Description != "Store" {
		t.Errorf("namespaces = %+v", l)
	}
	res := ok[*client.Resource](t, "CreateResource")(mc.ACL.CreateResource(ctx, "books", "books", client.ResourceInput{Type: authing.ResourceData,
		Actions: []client.ResourceAction{{Name: "books:read"}, {Name: "books:edit"}}}))
	ok[*client.Resource](t, "UpdateResource")(mc.ACL.UpdateResource(ctx, "books", "books", client.ResourceInput{Description: client.String("All books")}))
	if r := ok[*client.Resource](t, "GetResourceByID")(mc.ACL.GetResourceByID(ctx, res.ID)); r.Description != "All books" {
		t.Errorf("resource = %+v", r)
	}
	ok[*client.Resource](t, "GetResourceByCode")(mc.ACL.GetResourceByCode(ctx, "books", "books"))
	if l := ok[*client.ResourceList](t, "ListResources")(mc.ACL.ListResources(ctx, "books", nil)); l.TotalCount != 1 {
		t.Errorf("resources = %d", l.TotalCount)
	}
	for _, err := range mc.ACL.ListResourcesIter(ctx, "books", nil) {
		noErr(t, "ResourcesAll", err)
	}
	ok[*authing.CommonMessage](t, "AuthorizeResource")(mc.ACL.AuthorizeResource(ctx, "books", "books:9", authing.ResourceData,
		[]*authing.AuthorizeResourceOpt{{TargetType: authing.TargetRole, TargetIdentifier: "editor", Actions: []string{"books:read", "books:edit"}},
			{TargetType: authing.TargetUser, TargetIdentifier: bobID, Actions: []string{"books:read"}}}))
	targets := ok[*authing.AuthorizedTargetList](t, "GetAuthorizedTargets")(mc.ACL.GetAuthorizedTargets(ctx, "books", authing.ResourceData, "books:9",
		&client.AuthorizedTargetsOptions{Actions: []string{"books:edit"}}))
	if targets.TotalCount != 1 || targets.List[0].TargetIdentifier != "editor" {
		t.Errorf("targets = %+v", targets)
	}
	if r := ok[*authing.AuthorizedResourceList](t, "ACL.ListAuthorizedResources")(mc.ACL.ListAuthorizedResources(ctx, "books", authing.TargetRole, "editor", "")); r.TotalCount != 1 {
		t.Errorf("role resources = %d", r.TotalCount)
	}
	if r := ok[*authing.AuthorizedResourceList](t, "Roles.ListAuthorizedResources")(mc.Roles.ListAuthorizedResources(ctx, "editor", "", "")); r.TotalCount != 0 {
		t.Errorf("role resources in the default namespace = %d", r.TotalCount)
	}
	noErr(t, "RevokeResource", mc.ACL.RevokeResource(ctx, "books", "books:9", []client.RevokeTarget{{TargetType: authing.TargetRole, TargetIdentifiers: []string{"editor"}}}))
	if ok[bool](t, "IsAllowed after revoke")(mc.ACL.IsAllowed(ctx, bobID, client.Permission{Resource: "books:9", Action: "books:edit", Namespace: "books"})) {
		t.Error("revoked grant still applies")
	}
	noErr(t, "DeleteResource", mc.ACL.DeleteResource(ctx, "books", "books"))
	noErr(t, "DeleteNamespace", mc.ACL.DeleteNamespace(ctx, ns.ID))

	// Applications' programmatic accounts and access policies.
	acct := ok[*client.ProgrammaticAccessAccount](t, "CreateProgrammaticAccessAccount")(mc.ACL.CreateProgrammaticAccessAccount(ctx, "app1", &client.ProgrammaticAccessAccountOptions{Remarks: client.String("ci")}))
	if a := ok[*client.ProgrammaticAccessAccount](t, "Disable")(mc.ACL.DisableProgrammaticAccessAccount(ctx, acct.ID)); a.Enabled {
		t.Error("account still enabled")
	}
	ok[*client.ProgrammaticAccessAccount](t, "Enable")(mc.ACL.EnableProgrammaticAccessAccount(ctx, acct.ID))
	if a := ok[*client.ProgrammaticAccessAccount](t, "Refresh")(mc.ACL.RefreshProgrammaticAccessAccountSecret(ctx, acct.ID, "")); a.Secret == acct.Secret {
		t.Error("secret unchanged")
	}
	if l := ok[*client.ProgrammaticAccessAccountList](t, "List accounts")(mc.ACL.ListProgrammaticAccessAccounts(ctx, "app1", nil)); l.TotalCount != 1 {
		t.Errorf("accounts = %d", l.TotalCount)
	}
	noErr(t, "DeleteProgrammaticAccessAccount", mc.ACL.DeleteProgrammaticAccessAccount(ctx, acct.ID))
	tg := client.AccessPolicyTargets{TargetType: authing.TargetUser, TargetIdentifiers: []string{bobID}}
	noErr(t, "AllowAccessApplication", mc.ACL.AllowAccessApplication(ctx, "app1", tg))
	noErr(t, "DenyAccessApplication", mc.ACL.DenyAccessApplication(ctx, "app1", tg))
	noErr(t, "DisableApplicationAccessPolicies", mc.ACL.DisableApplicationAccessPolicies(ctx, "app1", tg))
	noErr(t, "EnableApplicationAccessPolicies", mc.ACL.EnableApplicationAccessPolicies(ctx, "app1", tg))
	noErr(t, "DeleteApplicationAccessPolicies", mc.ACL.DeleteApplicationAccessPolicies(ctx, "app1", tg))
	shop := ok[*authing.Application](t, "create app")(mc.Applications.Create(ctx, "Shop", "shop", []string{"https://example.com/cb"}, ""))
	if app := ok[*authing.Application](t, "UpdateDefaultApplicationAccessPolicy")(mc.ACL.UpdateDefaultApplicationAccessPolicy(ctx, shop.ID, client.AccessDenyAll)); app.ID != shop.ID || app.Name != "Shop" {
		t.Errorf("UpdateDefaultApplicationAccessPolicy answered %+v, want the application", app)
	}

	// Role custom fields.
	ok[*authing.UDF](t, "UDF.Set")(mc.UDF.Set(ctx, authing.UDFTargetRole, "level", authing.UDFNumber, "Level", nil))
	ok[[]*authing.UDV](t, "Roles.SetUdfValue")(mc.Roles.SetUdfValue(ctx, child.ID, map[string]any{"level": 3}))
	if v := ok[any](t, "GetSpecificUdfValue")(mc.Roles.GetSpecificUdfValue(ctx, child.ID, "level")); v != float64(3) {
		t.Errorf("level = %v", v)
	}
	noErr(t, "Roles.SetUdfValueBatch", mc.Roles.SetUdfValueBatch(ctx, []client.UdfValueInput{{TargetID: child.ID, Key: "level", Value: 4}}))
	if b := ok[map[string]map[string]any](t, "Roles.GetUdfValueBatch")(mc.Roles.GetUdfValueBatch(ctx, []string{child.ID})); b[child.ID]["level"] != float64(4) {
		t.Errorf("batch = %v", b)
	}
	ok[map[string]any](t, "Roles.GetUdfValue")(mc.Roles.GetUdfValue(ctx, child.ID))
	ok[[]*authing.UDV](t, "Roles.RemoveUdv")(mc.Roles.RemoveUdv(ctx, child.ID, "level"))

	ok[*authing.CommonMessage](t, "RemoveUsers")(mc.Roles.RemoveUsers(ctx, "editor", []string{bobID}, ""))
	ok[*authing.CommonMessage](t, "Roles.Delete")(mc.Roles.Delete(ctx, "editor", ""))
	ok[*authing.CommonMessage](t, "Roles.DeleteMany")(mc.Roles.DeleteMany(ctx, []string{"admin"}, ""))
	if l := ok[*authing.RoleList](t, "List")(mc.Roles.List(ctx, nil)); l.TotalCount != 0 {
		t.Errorf("roles left = %d", l.TotalCount)
	}
}

func TestConcurrentRegistrationsEndToEnd(t *testing.T) {
	e := newEnv(t)
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			ac := e.auth()
			name := fmt.Sprintf("user%03d", i)
			if _, err := ac.RegisterByUsername(e.ctx, name, "passw0rd", nil); err != nil {
				errs <- err
				return
			}
			if _, err := ac.LoginByUsername(e.ctx, name, "passw0rd", nil); err != nil {
				errs <- err
				return
			}
			if _, err := e.mc.Users.List(e.ctx, nil); err != nil {
				errs <- err
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if l := ok[*authing.UserList](t, "List")(e.mc.Users.List(e.ctx, nil)); l.TotalCount != 200 {
		t.Errorf("%d users after 200 registrations", l.TotalCount)
	}

	results := make(chan error, 50)
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := e.auth().RegisterByUsername(e.ctx, "same-name", "passw0rd", nil)
			results <- err
		}()
	}
	wg.Wait()
	close(results)
	succeeded, duplicates := 0, 0
	for err := range results {
		switch {
		case err == nil:
			succeeded++
		case errors.Is(err, client.ErrUserExists):
			duplicates++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if succeeded != 1 || duplicates != 49 {
		t.Errorf("50 registrations of one name: %d succeeded, %d got 2026; want 1 and 49", succeeded, duplicates)
	}
}

func ptr[T any](v T) *T { return &v }
