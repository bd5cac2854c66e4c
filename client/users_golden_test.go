package client

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/authing-go/authing"
	"github.com/google/go-cmp/cmp"
)

// TestGoldenUsersMore covers the Users methods and top-level management
// methods that TestGoldenUsers does not.
func TestGoldenUsersMore(t *testing.T) {
	runGolden(t, []goldenTest{
		mgmtCase("Users.SearchWithCustomData", "users.searchUserWithCustomData.json", "searchUser", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.SearchWithCustomData(ctx, "bob", &SearchOptions{ListOptions: ListOptions{Page: 2, Limit: 5},
				Departments: []*authing.SearchDepartmentOpt{{DepartmentID: String("dep-1"), IncludeChildrenDepartments: Bool(true)}}})
		}),
		mgmtCase("Users.BatchGetWithCustomData", "users.userBatchWithCustomData.json", "userBatch", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.BatchGetWithCustomData(ctx, []string{bobID}, "")
		}),
		mgmtCase("Users.Batch", "mgmt.userBatch.json", "userBatch", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.Batch(ctx, []string{bobID, "5f7ddfe62ba819802422362f"})
		}),
		mgmtCase("Users.CheckLoginStatus with user", "users.loginStatus.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.CheckLoginStatus(ctx, bobID, &LoginStatusOptions{AppID: testAppID, DeviceID: "device-1"})
		}),
		mgmtWant("Users.ListUserActions sparse records", "users.userActions.raw.json", &UserActionList{TotalCount: 2, List: []*UserAction{
			{UserPoolID: testPoolID, OperationName: "login", OperationDesc: "登录", AppID: testAppID,
				Timestamp: time.Date(2021, 6, 15, 2, 0, 0, 0, time.UTC), User: &ActionUser{ID: bobID, DisplayName: "bob"},
				GeoIP: &GeoIP{IP: "203.0.113.7", CityName: "Beijing", RegionName: "Beijing", CountryName: "China"}, App: &ActionApp{Name: "Example App"}},
			{UserPoolID: testPoolID, OperationName: "logout", OperationDesc: "登出", Timestamp: time.Date(2021, 6, 15, 2, 0, 0, 0, time.UTC)},
		}}, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.ListUserActions(ctx, &UserActionOptions{ClientIP: "203.0.113.7", OperatorARN: "arn:cn:authing:" + testPoolID + ":user:" + bobID})
		}),
		mgmtWant("IsPasswordValid (management)", "users.passwordCheck.json", &PasswordCheck{Valid: true, Rules: []PasswordRule{
			{Valid: true, Message: "密码长度不少于 6 位"}, {Valid: true, Message: "密码包含字母和数字"}}},
			func(ctx context.Context, mc *ManagementClient) (any, error) {
				return mc.IsPasswordValid(ctx, "p@ssw0rd")
			}),
	})
}

// TestUsersArgumentValidation checks that Users and the top-level
// management methods reject missing required values with
// ErrInvalidArgument before any request, not even the token's.
func TestUsersArgumentValidation(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Error(w, "no request expected", http.StatusTeapot)
	}))
	defer srv.Close()
	mc, err := NewManagementClient(ManagementOptions{UserPoolID: testPoolID, Secret: "s", Host: srv.URL, MaxRetries: Int(0)})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	u := mc.Users
	second := func(_ any, err error) error { return err }
	tests := map[string]func() error{
		"CheckLoginStatus":             func() error { return second(mc.CheckLoginStatus(ctx, "")) },
		"SendEmail no email":           func() error { return second(mc.SendEmail(ctx, "", authing.EmailSceneVerifyEmail)) },
		"SendEmail no scene":           func() error { return second(mc.SendEmail(ctx, "a@b.c", "")) },
		"IsPasswordValid":              func() error { return second(mc.IsPasswordValid(ctx, "")) },
		"Create":                       func() error { return second(u.Create(ctx, nil, nil)) },
		"Update no id":                 func() error { return second(u.Update(ctx, "", &authing.UpdateUserInput{})) },
		"Update no updates":            func() error { return second(u.Update(ctx, bobID, nil)) },
		"Detail":                       func() error { return second(u.Detail(ctx, "", false)) },
		"Find":                         func() error { return second(u.Find(ctx, UserQuery{})) },
		"FindWithCustomData":           func() error { return second(u.FindWithCustomData(ctx, UserQuery{})) },
		"Search":                       func() error { return second(u.Search(ctx, "", nil)) },
		"SearchWithCustomData":         func() error { return second(u.SearchWithCustomData(ctx, "", nil)) },
		"BatchGet none":                func() error { return second(u.BatchGet(ctx, nil, "")) },
		"BatchGet empty":               func() error { return second(u.BatchGet(ctx, []string{""}, "")) },
		"BatchGetWithCustomData":       func() error { return second(u.BatchGetWithCustomData(ctx, nil, "")) },
		"Batch":                        func() error { return second(u.Batch(ctx, nil)) },
		"Delete":                       func() error { return second(u.Delete(ctx, "")) },
		"DeleteMany":                   func() error { return second(u.DeleteMany(ctx, nil)) },
		"ListRoles":                    func() error { return second(u.ListRoles(ctx, "", "")) },
		"AddRoles no user":             func() error { return second(u.AddRoles(ctx, "", []string{"admin"}, "")) },
		"AddRoles no roles":            func() error { return second(u.AddRoles(ctx, bobID, nil, "")) },
		"RemoveRoles":                  func() error { return second(u.RemoveRoles(ctx, bobID, []string{""}, "")) },
		"RefreshToken":                 func() error { return second(u.RefreshToken(ctx, "")) },
		"ListGroups":                   func() error { return second(u.ListGroups(ctx, "")) },
		"AddGroup no group":            func() error { return second(u.AddGroup(ctx, bobID, "")) },
		"RemoveGroup no user":          func() error { return second(u.RemoveGroup(ctx, "", "engineers")) },
		"ListPolicies":                 func() error { return second(u.ListPolicies(ctx, "", nil)) },
		"AddPolicies":                  func() error { return second(u.AddPolicies(ctx, bobID, nil)) },
		"RemovePolicies":               func() error { return second(u.RemovePolicies(ctx, "", []string{"p"})) },
		"Exists":                       func() error { return second(u.Exists(ctx, UserQuery{})) },
		"ListOrgs":                     func() error { return second(u.ListOrgs(ctx, "")) },
		"ListDepartments":              func() error { return second(u.ListDepartments(ctx, "")) },
		"ListAuthorizedResources":      func() error { return second(u.ListAuthorizedResources(ctx, "", "", "")) },
		"CheckResourcePermissionBatch": func() error { return second(u.CheckResourcePermissionBatch(ctx, bobID, "books", nil)) },
		"ListAuthorizedResourcesOfKind": func() error {
			return second(u.ListAuthorizedResourcesOfResourceKind(ctx, bobID, ResourceKind{Resource: "books"}))
		},
		"HasRole":                           func() error { return second(u.HasRole(ctx, bobID, RoleRef{})) },
		"Kick":                              func() error { return u.Kick(ctx, nil) },
		"Logout":                            func() error { return u.Logout(ctx, "", testAppID) },
		"CheckLoginStatus (Users)":          func() error { return second(u.CheckLoginStatus(ctx, "", nil)) },
		"SendFirstLoginVerifyEmail no app":  func() error { return second(u.SendFirstLoginVerifyEmail(ctx, bobID, "")) },
		"SendFirstLoginVerifyEmail no user": func() error { return second(u.SendFirstLoginVerifyEmail(ctx, "", testAppID)) },
	}
	for name, call := range tests {
		if err := call(); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
	// An iterator reports the error of its first page once.
	for _, err := range u.ListPoliciesIter(ctx, "", nil) {
		if !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("ListPoliciesAll: err = %v, want ErrInvalidArgument", err)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("%d requests sent for invalid arguments, want none", n)
	}
}

// TestUsersIterators walks 5 items in pages of 2 with every Users
// iterator and checks that each page request keeps the caller's filters.
func TestUsersIterators(t *testing.T) {
	ctx := context.Background()
	at := wrapAt
	tests := []pageWalk{
		{"All", at("users"), func(mc *ManagementClient) int {
			return len(collect(t, mc.Users.ListIter(ctx, &UserListOptions{ListOptions: ListOptions{Limit: 2}, ExcludeUsersInOrg: Bool(true)})))
		}, func(r pagedRequest) string {
			if r.vars["excludeUsersInOrg"] != true {
				return "excludeUsersInOrg lost"
			}
			return ""
		}},
		{"ListWithCustomDataAll", at("users"), func(mc *ManagementClient) int {
			return len(collect(t, mc.Users.ListWithCustomDataIter(ctx, &UserListOptions{ListOptions: ListOptions{Limit: 2}, SortBy: ptr(authing.SortByUpdatedAtDesc)})))
		}, func(r pagedRequest) string {
			if r.vars["sortBy"] != string(authing.SortByUpdatedAtDesc) {
				return "sortBy lost"
			}
			return ""
		}},
		{"SearchAll", at("searchUser"), func(mc *ManagementClient) int {
			return len(collect(t, mc.Users.SearchIter(ctx, "bob", &SearchOptions{ListOptions: ListOptions{Limit: 2}, Fields: []string{"username"}})))
		}, func(r pagedRequest) string {
			if r.vars["query"] != "bob" || len(r.vars["fields"].([]any)) != 1 {
				return "query or fields lost"
			}
			return ""
		}},
		{"ArchivedAll", at("archivedUsers"), func(mc *ManagementClient) int {
			return len(collect(t, mc.Users.ListArchivedUsersIter(ctx, &ListOptions{Limit: 2})))
		}, func(pagedRequest) string { return "" }},
		{"ListPoliciesAll", at("policyAssignments"), func(mc *ManagementClient) int {
			return len(collect(t, mc.Users.ListPoliciesIter(ctx, bobID, &ListOptions{Limit: 2})))
		}, func(r pagedRequest) string {
			if r.vars["targetIdentifier"] != bobID || r.vars["targetType"] != string(authing.TargetUser) {
				return "target lost"
			}
			return ""
		}},
		{"ListUserActionsAll", nil, func(mc *ManagementClient) int {
			return len(collect(t, mc.Users.ListUserActionsIter(ctx, &UserActionOptions{ListOptions: ListOptions{Limit: 2}, OperationName: "login"})))
		}, func(r pagedRequest) string {
			if r.query.Get("operation_name") != "login" {
				return "operation_name lost"
			}
			return ""
		}},
	}
	runPageWalks(t, tests)
}

// TestUserActionDecoding decodes what the official SDKs read from an
// action record: a timestamp in Unix milliseconds as well as RFC 3339, the
// user agent parsed into an object, and a record without a user.
func TestUserActionDecoding(t *testing.T) {
	var a UserAction
	raw := `{"timestamp":1623722400000,"user":null,"ua":{"name":"Chrome","os":"Mac OS X","device":"Other"},"geoip":{"ip":"203.0.113.7","location":{"lat":1.5,"lon":2}}}`
	if err := json.Unmarshal([]byte(raw), &a); err != nil {
		t.Fatal(err)
	}
	want := UserAction{Timestamp: time.UnixMilli(1623722400000), UA: &UserAgentInfo{Name: "Chrome", OS: "Mac OS X", Device: "Other"},
		GeoIP: &GeoIP{IP: "203.0.113.7", Location: &GeoPoint{Lat: 1.5, Lon: 2}}}
	if diff := cmp.Diff(want, a); diff != "" {
		t.Errorf("UserAction (-want +got):\n%s", diff)
	}
	if err := json.Unmarshal([]byte(`{"ua":"Mozilla/5.0"}`), &a); err == nil {
		t.Error("a user agent as a string decoded without an error; Authing sends an object")
	}
}
