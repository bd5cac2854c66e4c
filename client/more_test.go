package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"sync"
	"testing"

	"github.com/authing-go/authing"
)

// TestMoreArgumentValidation checks that the groups, orgs, applications,
// user pool, whitelist, principal and MFA methods reject missing required
// values with ErrInvalidArgument before any request (not even the one for
// the management token).
func TestMoreArgumentValidation(t *testing.T) {
	var hits int
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits++
		mu.Unlock()
		http.Error(w, "no request expected", http.StatusTeapot)
	}))
	defer srv.Close()
	mc, err := NewManagementClient(ManagementOptions{UserPoolID: testPoolID, Secret: "s", Host: srv.URL, MaxRetries: Int(0)})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ids := []string{bobID}
	second := func(_ any, err error) error { return err }
	tests := map[string]func() error{
		"Groups.Create no code":          func() error { return second(mc.Groups.Create(ctx, "", "n", nil)) },
		"Groups.Create no name":          func() error { return second(mc.Groups.Create(ctx, "c", "", nil)) },
		"Groups.Detail":                  func() error { return second(mc.Groups.Detail(ctx, "")) },
		"Groups.Update":                  func() error { return second(mc.Groups.Update(ctx, "", GroupUpdate{Name: String("n")})) },
		"Groups.Delete":                  func() error { return second(mc.Groups.Delete(ctx, "")) },
		"Groups.DeleteMany":              func() error { return second(mc.Groups.DeleteMany(ctx, nil)) },
		"Groups.ListUsers":               func() error { return second(mc.Groups.ListUsers(ctx, "", nil)) },
		"Groups.ListUsersWithCustomData": func() error { return second(mc.Groups.ListUsersWithCustomData(ctx, "", nil)) },
		"Groups.AddUsers no code":        func() error { return second(mc.Groups.AddUsers(ctx, "", ids)) },
		"Groups.AddUsers no users":       func() error { return second(mc.Groups.AddUsers(ctx, "c", nil)) },
		"Groups.AddUsers empty user":     func() error { return second(mc.Groups.AddUsers(ctx, "c", []string{bobID, ""})) },
		"Groups.RemoveUsers no users":    func() error { return second(mc.Groups.RemoveUsers(ctx, "c", []string{})) },
		"Groups.ListAuthorizedResources": func() error { return second(mc.Groups.ListAuthorizedResources(ctx, "", "ns", "")) },
		"Orgs.Create":                    func() error { return second(mc.Orgs.Create(ctx, "", nil)) },
		"Orgs.DeleteByID":                func() error { return second(mc.Orgs.DeleteByID(ctx, "")) },
		"Orgs.FindByID":                  func() error { return second(mc.Orgs.FindByID(ctx, "")) },
		"Orgs.AddNode no org":            func() error { return second(mc.Orgs.AddNode(ctx, NodeRef{NodeID: "p"}, "n", nil)) },
		"Orgs.AddNode no parent":         func() error { return second(mc.Orgs.AddNode(ctx, NodeRef{OrgID: "o"}, "n", nil)) },
		"Orgs.CreateNode no name":        func() error { return second(mc.Orgs.CreateNode(ctx, NodeRef{OrgID: "o", NodeID: "p"}, "", nil)) },
		"Orgs.GetNodeByID":               func() error { return second(mc.Orgs.GetNodeByID(ctx, "")) },
		"Orgs.UpdateNode":                func() error { return second(mc.Orgs.UpdateNode(ctx, "", NodeUpdate{Name: String("n")})) },
		"Orgs.DeleteNode":                func() error { return second(mc.Orgs.DeleteNode(ctx, NodeRef{OrgID: "o"})) },
		"Orgs.IsRootNode":                func() error { return second(mc.Orgs.IsRootNode(ctx, NodeRef{NodeID: "n"})) },
		"Orgs.MoveNode":                  func() error { return second(mc.Orgs.MoveNode(ctx, NodeRef{OrgID: "o", NodeID: "n"}, "")) },
		"Orgs.ListChildren":              func() error { return second(mc.Orgs.ListChildren(ctx, "")) },
		"Orgs.RootNode":                  func() error { return second(mc.Orgs.RootNode(ctx, "")) },
		"Orgs.SearchNodes":               func() error { return second(mc.Orgs.SearchNodes(ctx, "")) },
		"Orgs.AddMembers no node":        func() error { return second(mc.Orgs.AddMembers(ctx, "", ids)) },
		"Orgs.AddMembers no users":       func() error { return second(mc.Orgs.AddMembers(ctx, "n", nil)) },
		"Orgs.DeleteMembers empty user":  func() error { return second(mc.Orgs.DeleteMembers(ctx, "n", []string{""})) },
		"Orgs.ListMembers":               func() error { return second(mc.Orgs.ListMembers(ctx, "", nil)) },
		"Orgs.MoveMembers no users":      func() error { return second(mc.Orgs.MoveMembers(ctx, nil, "s", "t")) },
		"Orgs.MoveMembers no source":     func() error { return second(mc.Orgs.MoveMembers(ctx, ids, "", "t")) },
		"Orgs.SetMainDepartment":         func() error { return second(mc.Orgs.SetMainDepartment(ctx, "", "d")) },
		"Orgs.ListRoles":                 func() error { return second(mc.Orgs.ListRoles(ctx, "", "")) },
		"Orgs.AddRoles no node":          func() error { return second(mc.Orgs.AddRoles(ctx, "", []string{"admin"}, "")) },
		"Orgs.AddRoles no roles":         func() error { return second(mc.Orgs.AddRoles(ctx, "eng", nil, "")) },
		"Orgs.RemoveRoles empty role":    func() error { return second(mc.Orgs.RemoveRoles(ctx, "eng", []string{""}, "")) },
		"Orgs.ListAuthorizedResources":   func() error { return second(mc.Orgs.ListAuthorizedResources(ctx, "", "", "")) },
		"Orgs.ListAuthorizedResourcesByCode": func() error {
			return second(mc.Orgs.ListAuthorizedResourcesByCode(ctx, NodeCodeRef{OrgID: "o"}, "", ""))
		},
		"Orgs.ImportByJSON":           func() error { return second(mc.Orgs.ImportByJSON(ctx, json.RawMessage(`{"name":`))) },
		"Orgs.ExportByOrgID":          func() error { return second(mc.Orgs.ExportByOrgID(ctx, "")) },
		"Orgs.StartSync":              func() error { return mc.Orgs.StartSync(ctx, "", "") },
		"Orgs.StartSync AD":           func() error { return mc.Orgs.StartSync(ctx, SyncAD, "") },
		"Applications.Create no name": func() error { return second(mc.Applications.Create(ctx, "", "id", []string{"https://a"}, "")) },
		"Applications.Create no URIs": func() error { return second(mc.Applications.Create(ctx, "n", "id", nil, "")) },
		"Applications.Delete":         func() error { return mc.Applications.Delete(ctx, "") },
		"Applications.FindByID":       func() error { return second(mc.Applications.FindByID(ctx, "")) },
		"Applications.ListResources":  func() error { return second(mc.Applications.ListResources(ctx, "", nil)) },
		"Applications.CreateResource": func() error {
			return second(mc.Applications.CreateResource(ctx, "", "c", ResourceInput{Type: authing.ResourceData}))
		},
		"Applications.UpdateResource":    func() error { return second(mc.Applications.UpdateResource(ctx, testAppID, "", ResourceInput{})) },
		"Applications.DeleteResource":    func() error { return mc.Applications.DeleteResource(ctx, testAppID, "") },
		"Applications.GetAccessPolicies": func() error { return second(mc.Applications.GetAccessPolicies(ctx, "", nil)) },
		"Applications.CreateAgreement":   func() error { return second(mc.Applications.CreateAgreement(ctx, testAppID, "", nil)) },
		"Applications.ListAgreements":    func() error { return second(mc.Applications.ListAgreements(ctx, "")) },
		"Applications.ModifyAgreement":   func() error { return second(mc.Applications.ModifyAgreement(ctx, "", 1, "t", nil)) },
		"Applications.DeleteAgreement":   func() error { return mc.Applications.DeleteAgreement(ctx, "", 1) },
		"Applications.SortAgreements":    func() error { return mc.Applications.SortAgreements(ctx, testAppID, nil) },
		"Applications.RefreshSecret":     func() error { return second(mc.Applications.RefreshApplicationSecret(ctx, "")) },
		"Applications.ActiveUsers":       func() error { return second(mc.Applications.ActiveUsers(ctx, "", nil)) },
		"UserPool.Update":                func() error { return second(mc.UserPool.Update(ctx, nil)) },
		"UserPool.AddEnv":                func() error { return second(mc.UserPool.AddEnv(ctx, "", 1)) },
		"UserPool.RemoveEnv":             func() error { return second(mc.UserPool.RemoveEnv(ctx, "")) },
		"Whitelist.List":                 func() error { return second(mc.Whitelist.List(ctx, "")) },
		"Whitelist.Add no values":        func() error { return second(mc.Whitelist.Add(ctx, authing.WhitelistEmail, nil)) },
		"Whitelist.Add empty value":      func() error { return second(mc.Whitelist.Add(ctx, authing.WhitelistEmail, []string{""})) },
		"Whitelist.Remove no type":       func() error { return second(mc.Whitelist.Remove(ctx, "", []string{"bob"})) },
		"Whitelist.Enable unknown type":  func() error { return second(mc.Whitelist.Enable(ctx, "NICKNAME")) },
		"Whitelist.Disable no type":      func() error { return second(mc.Whitelist.Disable(ctx, "")) },
		"PrincipalAuthentication.Detail": func() error { return second(mc.PrincipalAuthentication.Detail(ctx, "")) },
		"PrincipalAuthentication.Authenticate": func() error {
			return second(mc.PrincipalAuthentication.Authenticate(ctx, bobID, PrincipalIdentity{Type: PrincipalPerson, Name: "Bob"}))
		},
		"MFA.Get":              func() error { return second(mc.MFA.Get(ctx, "")) },
		"MFA.Change no user":   func() error { return second(mc.MFA.Change(ctx, "", MFAChange{Enable: Bool(true)})) },
		"MFA.Change no change": func() error { return second(mc.MFA.Change(ctx, bobID, MFAChange{})) },
	}
	for name, call := range tests {
		if err := call(); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("%s: err = %v, want ErrInvalidArgument", name, err)
		}
	}
	if hits != 0 {
		t.Errorf("%d requests sent for invalid arguments, want none", hits)
	}
}

// pagedRequest is what one page request of an iterator carried.
type pagedRequest struct {
	page, limit int
	vars        map[string]any // GraphQL variables
	query       url.Values     // REST query
}

// pagedServer answers every list request with the asked page of total
// items ({"id", "code", "event"} all "item-<n>"); wrap puts the page
// object where a GraphQL operation expects it.
func pagedServer(t *testing.T, total int, wrap func(page any) any) (*ManagementClient, func() []pagedRequest) {
	t.Helper()
	var mu sync.Mutex
	var reqs []pagedRequest
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		var req pagedRequest
		if r.URL.Path == "/graphql/v2" {
			var body struct {
				OperationName string         `json:"operationName"`
				Variables     map[string]any `json:"variables"`
			}
			b, _ := io.ReadAll(r.Body)
			if err := json.Unmarshal(b, &body); err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			if body.OperationName == "AccessToken" {
				io.WriteString(w, `{"data":{"accessToken":{"accessToken":"`+testMgmtToken+`","exp":4102444800,"iat":1602139412}}}`)
				return
			}
			req.vars = body.Variables
			if p, ok := body.Variables["page"].(float64); ok {
				req.page = int(p)
			}
			if l, ok := body.Variables["limit"].(float64); ok {
				req.limit = int(l)
			}
		} else {
			req.query = r.URL.Query()
			req.page, _ = strconv.Atoi(req.query.Get("page"))
			req.limit, _ = strconv.Atoi(req.query.Get("limit"))
		}
		mu.Lock()
		reqs = append(reqs, req)
		mu.Unlock()
		list := []map[string]any{}
		for i := (req.page - 1) * req.limit; i < total && i < req.page*req.limit; i++ {
			v := fmt.Sprintf("item-%d", i)
			list = append(list, map[string]any{"id": v, "code": v, "event": v})
		}
		page := map[string]any{"totalCount": total, "list": list}
		var out any = map[string]any{"code": 200, "message": "", "data": page}
		if req.vars != nil {
			out = map[string]any{"data": wrap(page)}
		}
		json.NewEncoder(w).Encode(out)
	}))
	t.Cleanup(srv.Close)
	mc, err := NewManagementClient(ManagementOptions{UserPoolID: testPoolID, Secret: "s", Host: srv.URL, MaxRetries: Int(0)})
	if err != nil {
		t.Fatal(err)
	}
	return mc, func() []pagedRequest {
		mu.Lock()
		defer mu.Unlock()
		return append([]pagedRequest(nil), reqs...)
	}
}

// collect drains an iterator, failing the test on an error.
func collect[T any](t *testing.T, seq func(yield func(T, error) bool)) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// TestMoreIterators walks 5 items in pages of 2 with every iterator of
// these services, and checks that each page request keeps the caller's
// filters.
// pageWalk walks one iterator over a server holding 5 items in pages of 2.
type pageWalk struct {
	name  string
	wrap  func(any) any                  // puts a page where the method reads it
	walk  func(mc *ManagementClient) int // returns how many items it saw
	check func(r pagedRequest) string    // "" when the request is right
}

// wrapAt puts a page under key in the response data.
func wrapAt(key string) func(any) any {
	return func(page any) any { return map[string]any{key: page} }
}

// runPageWalks checks that every walk sees all 5 items in 3 page requests
// of limit 2, each passing check.
func runPageWalks(t *testing.T, walks []pageWalk) {
	t.Helper()
	for _, tt := range walks {
		t.Run(tt.name, func(t *testing.T) {
			mc, requests := pagedServer(t, 5, tt.wrap)
			if n := tt.walk(mc); n != 5 {
				t.Errorf("walked %d items, want 5", n)
			}
			reqs := requests()
			if len(reqs) != 3 {
				t.Fatalf("%d page requests, want 3", len(reqs))
			}
			for i, r := range reqs {
				if r.page != i+1 || r.limit != 2 {
					t.Errorf("request %d asked page %d limit %d, want page %d limit 2", i, r.page, r.limit, i+1)
				}
				if msg := tt.check(r); msg != "" {
					t.Errorf("request %d: %s", i, msg)
				}
			}
		})
	}
}

func TestMoreIterators(t *testing.T) {
	ctx := context.Background()
	at := wrapAt
	nested := func(outer, inner string) func(any) any {
		return func(page any) any { return map[string]any{outer: map[string]any{inner: page}} }
	}
	tests := []pageWalk{
		{"Groups.ListIter", at("groups"), func(mc *ManagementClient) int {
			return len(collect(t, mc.Groups.ListIter(ctx, &GroupListOptions{ListOptions: ListOptions{Limit: 2}, UserID: bobID})))
		}, func(r pagedRequest) string {
			if r.vars["userId"] != bobID {
				return "userId lost"
			}
			return ""
		}},
		{"Groups.ListUsersIter", nested("group", "users"), func(mc *ManagementClient) int {
			return len(collect(t, mc.Groups.ListUsersIter(ctx, "engineers", &ListOptions{Limit: 2})))
		}, func(r pagedRequest) string {
			if r.vars["code"] != "engineers" {
				return "code lost"
			}
			return ""
		}},
		{"Orgs.ListIter", at("orgs"), func(mc *ManagementClient) int {
			return len(collect(t, mc.Orgs.ListIter(ctx, &ListOptions{Limit: 2})))
		}, func(pagedRequest) string { return "" }},
		{"Orgs.ListMembersIter", nested("nodeById", "users"), func(mc *ManagementClient) int {
			return len(collect(t, mc.Orgs.ListMembersIter(ctx, "node-1", &MemberListOptions{ListOptions: ListOptions{Limit: 2}, IncludeChildrenNodes: Bool(true)})))
		}, func(r pagedRequest) string {
			if r.vars["id"] != "node-1" || r.vars["includeChildrenNodes"] != true {
				return "node id or includeChildrenNodes lost"
			}
			return ""
		}},
		{"Applications.ListIter", nil, func(mc *ManagementClient) int {
			return len(collect(t, mc.Applications.ListIter(ctx, &ListOptions{Limit: 2})))
		}, func(pagedRequest) string { return "" }},
		{"AuditLogs.ListIter", nil, func(mc *ManagementClient) int {
			return len(collect(t, mc.AuditLogs.ListIter(ctx, &AuditLogOptions{ListOptions: ListOptions{Limit: 2}, ClientIP: "203.0.113.7",
				UserIDs: []string{"u1", "u2"}})))
		}, func(r pagedRequest) string {
			arns := r.query["operator_arn"]
			if r.query.Get("clientip") != "203.0.113.7" || len(arns) != 2 || arns[1] != "arn:cn:authing:"+testPoolID+":user:u2" {
				return "filters lost: " + r.query.Encode()
			}
			return ""
		}},
		{"Statistics.ListUserActionsIter", nil, func(mc *ManagementClient) int {
			return len(collect(t, mc.Statistics.ListUserActionsIter(ctx, &UserActionOptions{ListOptions: ListOptions{Limit: 2}, ClientIP: "203.0.113.7"})))
		}, func(r pagedRequest) string {
			if r.query.Get("clientip") != "203.0.113.7" {
				return "clientip lost"
			}
			return ""
		}},
	}
	runPageWalks(t, tests)
}

// TestMoreNullREST checks that REST methods returning one object turn an
// envelope without data into an error, never a zero value.
func TestMoreNullREST(t *testing.T) {
	r := newReplay(t, "rest.ok.json")
	mc := r.mgmtClient()
	ctx := context.Background()
	calls := map[string]func() (any, error){
		"Applications.Create": func() (any, error) {
			return mc.Applications.Create(ctx, "n", "id", []string{"https://example.com/cb"}, "")
		},
		"Applications.FindByID":                 func() (any, error) { return mc.Applications.FindByID(ctx, testAppID) },
		"Applications.CreateAgreement":          func() (any, error) { return mc.Applications.CreateAgreement(ctx, testAppID, "t", nil) },
		"Applications.ModifyAgreement":          func() (any, error) { return mc.Applications.ModifyAgreement(ctx, testAppID, 1, "t", nil) },
		"Applications.RefreshApplicationSecret": func() (any, error) { return mc.Applications.RefreshApplicationSecret(ctx, testAppID) },
		"PrincipalAuthentication.Detail":        func() (any, error) { return mc.PrincipalAuthentication.Detail(ctx, bobID) },
		"PrincipalAuthentication.Authenticate": func() (any, error) {
			return mc.PrincipalAuthentication.Authenticate(ctx, bobID, PrincipalIdentity{Type: PrincipalPerson, Name: "Bob", IDCard: "11010519491231002X"})
		},
		"UserPool.Detail": func() (any, error) { return mc.UserPool.Detail(ctx) },
	}
	for name, call := range calls {
		got, err := call()
		if err == nil {
			t.Errorf("%s: no error for a null result", name)
		}
		if v := reflect.ValueOf(got); v.IsValid() && !v.IsNil() {
			t.Errorf("%s: result %v with the error, want nil", name, got)
		}
	}
	if _, err := mc.PrincipalAuthentication.Detail(ctx, bobID); !errors.Is(err, ErrNotFound) {
		t.Errorf("PrincipalAuthentication.Detail: err = %v, want ErrNotFound", err)
	}
}
