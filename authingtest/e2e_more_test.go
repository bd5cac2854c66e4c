package authingtest_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	authing "github.com/authing-go/authing"
	"github.com/authing-go/authing/authingtest"
	"github.com/authing-go/authing/client"
)

func TestGroupsAndOrgsEndToEnd(t *testing.T) {
	e := newEnv(t)
	ctx, mc := e.ctx, e.mc
	bob := ok[string](t, "seed")(e.srv.SeedUser(authingtest.SeedUser{Username: "bob", Password: "passw0rd"}))
	ann := ok[string](t, "seed")(e.srv.SeedUser(authingtest.SeedUser{Username: "ann", Password: "passw0rd"}))

	// Groups.
	ok[*authing.Group](t, "Groups.Create")(mc.Groups.Create(ctx, "eng", "Engineers", nil))
	ok[*authing.Group](t, "Groups.Create")(mc.Groups.Create(ctx, "ops", "Operations", client.String("On call")))
	ok[*authing.Group](t, "Groups.Update")(mc.Groups.Update(ctx, "eng", client.GroupUpdate{Name: client.String("Engineering")}))
	if g := ok[*authing.Group](t, "Groups.Detail")(mc.Groups.Detail(ctx, "eng")); g.Name != "Engineering" {
		t.Errorf("group name = %q", g.Name)
	}
	ok[*authing.CommonMessage](t, "Groups.AddUsers")(mc.Groups.AddUsers(ctx, "eng", []string{bob, ann}))
	ok[*authing.CommonMessage](t, "Users.AddGroup")(mc.Users.AddGroup(ctx, bob, "ops"))
	if l := ok[*authing.GroupList](t, "Users.ListGroups")(mc.Users.ListGroups(ctx, bob)); l.TotalCount != 2 {
		t.Errorf("bob's groups = %d", l.TotalCount)
	}
	ok[*authing.CommonMessage](t, "Users.RemoveGroup")(mc.Users.RemoveGroup(ctx, bob, "ops"))
	if u := ok[*authing.UserList](t, "Groups.ListUsers")(mc.Groups.ListUsers(ctx, "eng", nil)); u.TotalCount != 2 {
		t.Errorf("eng members = %d", u.TotalCount)
	}
	n := 0
	for _, err := range mc.Groups.ListUsersIter(ctx, "eng", &client.ListOptions{Limit: 1}) {
		noErr(t, "UsersAll", err)
		n++
	}
	if n != 2 {
		t.Errorf("UsersAll = %d", n)
	}
	ok[*authing.UserWithCustomDataList](t, "ListUsersWithCustomData")(mc.Groups.ListUsersWithCustomData(ctx, "eng", nil))
	ok[*authing.CommonMessage](t, "Groups.RemoveUsers")(mc.Groups.RemoveUsers(ctx, "eng", []string{ann}))
	ok[*authing.CommonMessage](t, "grant to group")(mc.ACL.AuthorizeResource(ctx, "default", "docs:1", authing.ResourceData,
		[]*authing.AuthorizeResourceOpt{{TargetType: authing.TargetGroup, TargetIdentifier: "eng", Actions: []string{"docs:read"}}}))
	if r := ok[*authing.AuthorizedResourceList](t, "Groups.ListAuthorizedResources")(mc.Groups.ListAuthorizedResources(ctx, "eng", "", "")); r.TotalCount != 1 {
		t.Errorf("group resources = %d", r.TotalCount)
	}
	if !ok[bool](t, "IsAllowed via group")(mc.ACL.IsAllowed(ctx, bob, client.Permission{Resource: "docs:1", Action: "docs:read"})) {
		t.Error("a group grant does not reach its member")
	}
	if l := ok[*authing.GroupList](t, "Groups.List")(mc.Groups.List(ctx, nil)); l.TotalCount != 2 {
		t.Errorf("groups = %d", l.TotalCount)
	}
	for _, err := range mc.Groups.ListIter(ctx, nil) {
		noErr(t, "Groups.ListIter", err)
	}
	ok[*authing.CommonMessage](t, "Groups.Delete")(mc.Groups.Delete(ctx, "ops"))
	ok[*authing.CommonMessage](t, "Groups.DeleteMany")(mc.Groups.DeleteMany(ctx, []string{"eng"}))
	if _, err := mc.Groups.Detail(ctx, "eng"); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("deleted group: %v", err)
	}

	// Organizations.
	org := ok[*authing.Org](t, "Orgs.Create")(mc.Orgs.Create(ctx, "Example", &client.OrgOptions{Code: client.String("example")}))
	root := org.RootNode
	withEng := ok[*authing.Org](t, "Orgs.AddNode")(mc.Orgs.AddNode(ctx, client.NodeRef{OrgID: org.ID, NodeID: root.ID}, "Engineering", &client.NodeOptions{Code: client.String("eng")}))
	if len(withEng.Nodes) != 2 {
		t.Fatalf("nodes after AddNode = %d", len(withEng.Nodes))
	}
	eng := withEng.Nodes[1]
	sales := ok[*authing.Node](t, "Orgs.CreateNode")(mc.Orgs.CreateNode(ctx, client.NodeRef{OrgID: org.ID, NodeID: root.ID}, "Sales", &client.NodeOptions{Code: client.String("sales")}))
	backend := ok[*authing.Node](t, "Orgs.CreateNode")(mc.Orgs.CreateNode(ctx, client.NodeRef{OrgID: org.ID, NodeID: eng.ID}, "Backend", nil))
	if backend.Depth != 2 || len(backend.Path) != 3 {
		t.Errorf("backend depth %v path %v", backend.Depth, backend.Path)
	}
	ok[*authing.Node](t, "Orgs.UpdateNode")(mc.Orgs.UpdateNode(ctx, sales.ID, client.NodeUpdate{Name: client.String("Sales & Marketing")}))
	if nd := ok[*authing.Node](t, "Orgs.GetNodeByID")(mc.Orgs.GetNodeByID(ctx, sales.ID)); nd.Name != "Sales & Marketing" {
		t.Errorf("node name = %q", nd.Name)
	}
	if !ok[bool](t, "IsRootNode")(mc.Orgs.IsRootNode(ctx, client.NodeRef{OrgID: org.ID, NodeID: root.ID})) || ok[bool](t, "IsRootNode")(mc.Orgs.IsRootNode(ctx, client.NodeRef{OrgID: org.ID, NodeID: eng.ID})) {
		t.Error("IsRootNode is wrong")
	}
	if kids := ok[[]*authing.Node](t, "ListChildren")(mc.Orgs.ListChildren(ctx, root.ID)); len(kids) != 2 {
		t.Errorf("root children = %d", len(kids))
	}
	if r := ok[*authing.Node](t, "RootNode")(mc.Orgs.RootNode(ctx, org.ID)); r.ID != root.ID {
		t.Error("RootNode differs")
	}
	if found := ok[[]*authing.Node](t, "SearchNodes")(mc.Orgs.SearchNodes(ctx, "back")); len(found) != 1 {
		t.Errorf("SearchNodes = %d", len(found))
	}
	moved := ok[*authing.Org](t, "MoveNode")(mc.Orgs.MoveNode(ctx, client.NodeRef{OrgID: org.ID, NodeID: backend.ID}, sales.ID))
	for _, nd := range moved.Nodes {
		if nd.ID == backend.ID && nd.Path[1] != sales.ID {
			t.Errorf("backend path after move = %v", nd.Path)
		}
	}
	ok[*authing.Node](t, "AddMembers")(mc.Orgs.AddMembers(ctx, eng.ID, []string{bob}))
	ok[*authing.Node](t, "AddMembers")(mc.Orgs.AddMembers(ctx, backend.ID, []string{ann}))
	if m := ok[*authing.UserList](t, "ListMembers")(mc.Orgs.ListMembers(ctx, sales.ID, nil)); m.TotalCount != 1 {
		t.Errorf("sales members with children = %d", m.TotalCount)
	}
	if m := ok[*authing.UserList](t, "ListMembers")(mc.Orgs.ListMembers(ctx, sales.ID, &client.MemberListOptions{IncludeChildrenNodes: client.Bool(false)})); m.TotalCount != 0 {
		t.Errorf("sales own members = %d", m.TotalCount)
	}
	for _, err := range mc.Orgs.ListMembersIter(ctx, root.ID, nil) {
		noErr(t, "MembersAll", err)
	}
	ok[*authing.CommonMessage](t, "SetMainDepartment")(mc.Orgs.SetMainDepartment(ctx, bob, eng.ID))
	deps := ok[*authing.UserDepartmentList](t, "Users.ListDepartments")(mc.Users.ListDepartments(ctx, bob))
	if deps.TotalCount != 1 || !deps.List[0].IsMainDepartment || deps.List[0].Department.ID != eng.ID {
		t.Errorf("bob's departments = %+v", deps)
	}
	ok[*authing.CommonMessage](t, "MoveMembers")(mc.Orgs.MoveMembers(ctx, []string{ann}, backend.ID, eng.ID))
	if m := ok[*authing.UserList](t, "ListMembers")(mc.Orgs.ListMembers(ctx, eng.ID, nil)); m.TotalCount != 2 {
		t.Errorf("eng members after move = %d", m.TotalCount)
	}
	ok[*authing.Node](t, "DeleteMembers")(mc.Orgs.DeleteMembers(ctx, eng.ID, []string{ann}))
	ok[*authing.Role](t, "role")(mc.Roles.Create(ctx, "engineer", nil))
	ok[*authing.CommonMessage](t, "Orgs.AddRoles")(mc.Orgs.AddRoles(ctx, "eng", []string{"engineer"}, ""))
	if r := ok[*authing.RoleList](t, "Orgs.ListRoles")(mc.Orgs.ListRoles(ctx, eng.ID, "")); r.TotalCount != 1 {
		t.Errorf("node roles = %d", r.TotalCount)
	}
	ok[*authing.CommonMessage](t, "allow engineers")(mc.ACL.Allow(ctx, client.Permission{Resource: "repo:1", Action: "repo:push"}, client.AllowOptions{RoleCode: client.String("engineer")}))
	if !ok[bool](t, "IsAllowed via node role")(mc.ACL.IsAllowed(ctx, bob, client.Permission{Resource: "repo:1", Action: "repo:push"})) {
		t.Error("a role given to a node does not reach its members")
	}
	ok[*authing.CommonMessage](t, "Orgs.RemoveRoles")(mc.Orgs.RemoveRoles(ctx, "eng", []string{"engineer"}, ""))
	ok[*authing.CommonMessage](t, "grant to node")(mc.ACL.AuthorizeResource(ctx, "default", "wiki:1", authing.ResourceData,
		[]*authing.AuthorizeResourceOpt{{TargetType: authing.TargetOrg, TargetIdentifier: "eng", Actions: []string{"wiki:edit"}}}))
	if r := ok[*authing.AuthorizedResourceList](t, "Orgs.ListAuthorizedResources")(mc.Orgs.ListAuthorizedResources(ctx, eng.ID, "", "")); r.TotalCount != 1 {
		t.Errorf("node resources = %d", r.TotalCount)
	}
	if r := ok[*authing.AuthorizedResourceList](t, "ByCode")(mc.Orgs.ListAuthorizedResourcesByCode(ctx, client.NodeCodeRef{OrgID: org.ID, Code: "eng"}, "", "")); r.TotalCount != 1 {
		t.Errorf("node resources by code = %d", r.TotalCount)
	}
	export := ok[json.RawMessage](t, "ExportByOrgID")(mc.Orgs.ExportByOrgID(ctx, org.ID))
	if !strings.Contains(string(export), `"Engineering"`) || !strings.Contains(string(export), `"bob"`) {
		t.Errorf("export = %s", export)
	}
	ok[json.RawMessage](t, "ImportByJSON")(mc.Orgs.ImportByJSON(ctx, json.RawMessage(`{"name":"Imported","code":"imp","children":[{"name":"Child","code":"c"}]}`)))
	if l := ok[*authing.OrgList](t, "Orgs.List")(mc.Orgs.List(ctx, nil)); l.TotalCount != 2 {
		t.Errorf("orgs = %d", l.TotalCount)
	}
	all := ok[json.RawMessage](t, "ExportAll")(mc.Orgs.ExportAll(ctx))
	if !strings.Contains(string(all), `"Imported"`) {
		t.Errorf("export all = %s", all)
	}
	for _, err := range mc.Orgs.ListIter(ctx, nil) {
		noErr(t, "Orgs.ListIter", err)
	}
	ok[*authing.Org](t, "FindByID")(mc.Orgs.FindByID(ctx, org.ID))
	var ae *client.Error
	if err := mc.Orgs.StartSync(ctx, "ad", ""); !errors.As(err, &ae) {
		t.Errorf("StartSync without a connector: %v", err)
	}
	ok[*authing.CommonMessage](t, "DeleteNode")(mc.Orgs.DeleteNode(ctx, client.NodeRef{OrgID: org.ID, NodeID: sales.ID}))
	if kids := ok[[]*authing.Node](t, "ListChildren")(mc.Orgs.ListChildren(ctx, root.ID)); len(kids) != 1 {
		t.Errorf("children after delete = %d", len(kids))
	}
	ok[*authing.CommonMessage](t, "DeleteByID")(mc.Orgs.DeleteByID(ctx, org.ID))
}

func TestApplicationsPoolAndMoreEndToEnd(t *testing.T) {
	e := newEnv(t)
	ctx, mc := e.ctx, e.mc
	bob := ok[string](t, "seed")(e.srv.SeedUser(authingtest.SeedUser{Username: "bob", Password: "passw0rd"}))

	app := ok[*authing.Application](t, "Applications.Create")(mc.Applications.Create(ctx, "Demo", "demo", []string{"https://example.com/cb"}, ""))
	if f := ok[*authing.Application](t, "FindByID")(mc.Applications.FindByID(ctx, app.ID)); f.Name != "Demo" {
		t.Errorf("app = %+v", f)
	}
	if l := ok[*authing.ApplicationList](t, "List")(mc.Applications.List(ctx, nil)); l.TotalCount != 1 {
		t.Errorf("apps = %d", l.TotalCount)
	}
	for _, err := range mc.Applications.ListIter(ctx, nil) {
		noErr(t, "Applications.ListIter", err)
	}
	if a := ok[*authing.Application](t, "RefreshApplicationSecret")(mc.Applications.RefreshApplicationSecret(ctx, app.ID)); a.Secret == app.Secret {
		t.Error("secret unchanged")
	}
	ok[*client.Resource](t, "CreateResource")(mc.Applications.CreateResource(ctx, app.ID, "orders", client.ResourceInput{Type: authing.ResourceAPI}))
	ok[*client.Resource](t, "UpdateResource")(mc.Applications.UpdateResource(ctx, app.ID, "orders", client.ResourceInput{Description: client.String("Orders")}))
	if r := ok[*client.ResourceList](t, "ListResources")(mc.Applications.ListResources(ctx, app.ID, nil)); r.TotalCount != 1 {
		t.Errorf("app resources = %d", r.TotalCount)
	}
	noErr(t, "DeleteResource", mc.Applications.DeleteResource(ctx, app.ID, "orders"))
	noErr(t, "AllowAccessApplication", mc.ACL.AllowAccessApplication(ctx, app.ID, client.AccessPolicyTargets{TargetType: authing.TargetUser, TargetIdentifiers: []string{bob}}))
	if p := ok[*client.AccessPolicyRecordList](t, "GetAccessPolicies")(mc.Applications.GetAccessPolicies(ctx, app.ID, nil)); p.TotalCount != 1 || p.List[0].Effect() != "ALLOW" {
		t.Errorf("access policies = %+v", p)
	}
	a1 := ok[*client.Agreement](t, "CreateAgreement")(mc.Applications.CreateAgreement(ctx, app.ID, "Terms", nil))
	a2 := ok[*client.Agreement](t, "CreateAgreement")(mc.Applications.CreateAgreement(ctx, app.ID, "Privacy", &client.AgreementOptions{Required: client.Bool(false)}))
	ok[*client.Agreement](t, "ModifyAgreement")(mc.Applications.ModifyAgreement(ctx, app.ID, a1.ID, "Terms of use", nil))
	noErr(t, "SortAgreements", mc.Applications.SortAgreements(ctx, app.ID, []int{a2.ID, a1.ID}))
	l := ok[*client.AgreementList](t, "ListAgreements")(mc.Applications.ListAgreements(ctx, app.ID))
	if l.TotalCount != 2 || l.List[0].ID != a2.ID || l.List[1].Title != "Terms of use" {
		t.Errorf("agreements = %+v %+v", l.List[0], l.List[1])
	}
	noErr(t, "DeleteAgreement", mc.Applications.DeleteAgreement(ctx, app.ID, a2.ID))
	appUser, err := client.NewAuthenticationClient(client.AuthenticationOptions{UserPoolID: e.srv.UserPoolID, Host: e.srv.URL, AppID: app.ID})
	noErr(t, "client", err)
	ok[*authing.User](t, "login to the app")(appUser.LoginByUsername(ctx, "bob", "passw0rd", nil))
	if a := ok[*authing.UserList](t, "ActiveUsers")(mc.Applications.ActiveUsers(ctx, app.ID, nil)); a.TotalCount != 1 || a.List[0].ID != bob {
		t.Errorf("active users = %+v", a)
	}
	noErr(t, "Applications.Delete", mc.Applications.Delete(ctx, app.ID))
	if _, err := mc.Applications.FindByID(ctx, app.ID); err == nil {
		t.Error("a deleted application was found")
	}

	// User pool, environment, whitelist.
	pool := ok[*authing.UserPool](t, "UserPool.Detail")(mc.UserPool.Detail(ctx))
	if pool.ID != e.srv.UserPoolID {
		t.Errorf("pool id = %s", pool.ID)
	}
	updated := ok[*authing.UserPool](t, "UserPool.Update")(mc.UserPool.Update(ctx, &authing.UpdateUserPoolInput{Description: client.String("Demo"),
		TokenExpiresAfter: client.Int(3600)}))
	if updated.Description != "Demo" || updated.TokenExpiresAfter != 3600 || updated.RegisterDisabled {
		t.Errorf("updated pool: %v %v %v", updated.Description, updated.TokenExpiresAfter, updated.RegisterDisabled)
	}
	ok[[]*client.EnvVar](t, "AddEnv")(mc.UserPool.AddEnv(ctx, "region", "cn-north"))
	ok[[]*client.EnvVar](t, "AddEnv")(mc.UserPool.AddEnv(ctx, "stage", 2))
	if env := ok[[]*client.EnvVar](t, "RemoveEnv")(mc.UserPool.RemoveEnv(ctx, "stage")); len(env) != 1 || env[0].Key != "region" {
		t.Errorf("env = %+v", env)
	}
	ok[[]*client.EnvVar](t, "ListEnv")(mc.UserPool.ListEnv(ctx))
	ok[[]*authing.WhitelistEntry](t, "Whitelist.Add")(mc.Whitelist.Add(ctx, authing.WhitelistUsername, []string{"bob", "ann"}))
	ok[[]*authing.WhitelistEntry](t, "Whitelist.Remove")(mc.Whitelist.Remove(ctx, authing.WhitelistUsername, []string{"ann"}))
	if wl := ok[[]*authing.WhitelistEntry](t, "Whitelist.List")(mc.Whitelist.List(ctx, authing.WhitelistUsername)); len(wl) != 1 || wl[0].Value != "bob" {
		t.Errorf("whitelist = %+v", wl)
	}
	if p := ok[*authing.UserPool](t, "Whitelist.Enable")(mc.Whitelist.Enable(ctx, authing.WhitelistUsername)); !p.Whitelist.UsernameEnabled {
		t.Error("username whitelist not enabled")
	}
	if p := ok[*authing.UserPool](t, "Whitelist.Disable")(mc.Whitelist.Disable(ctx, authing.WhitelistUsername)); p.Whitelist.UsernameEnabled {
		t.Error("username whitelist still enabled")
	}

	// Logs, real-name verification, MFA.
	audit := ok[*client.AuditLogList](t, "AuditLogs.List")(mc.AuditLogs.List(ctx, &client.AuditLogOptions{OperationNames: []string{"updateUserpool"}}))
	if audit.TotalCount != 3 || audit.List[0].EventType != "updateUserpool" || audit.List[0].EventResultCode != "200" || audit.List[0].UA == nil {
		t.Errorf("audit log = %d entries: %+v", audit.TotalCount, audit.List)
	}
	for _, err := range mc.AuditLogs.ListIter(ctx, nil) {
		noErr(t, "AuditLogs.ListIter", err)
	}
	ok[*client.UserActionList](t, "Statistics.ListUserActions")(mc.Statistics.ListUserActions(ctx, nil))
	for _, err := range mc.Statistics.ListUserActionsIter(ctx, nil) {
		noErr(t, "UserActionsAll", err)
	}
	if _, err := mc.PrincipalAuthentication.Detail(ctx, bob); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("verification before any: err = %v, want ErrNotFound (Authing answers null)", err)
	}
	ok[*client.PrincipalAuthentication](t, "Authenticate")(mc.PrincipalAuthentication.Authenticate(ctx, bob, client.PrincipalIdentity{Type: client.PrincipalPerson, Name: "Bob", IDCard: "11010519491231002X"}))
	if p := ok[*client.PrincipalAuthentication](t, "Detail")(mc.PrincipalAuthentication.Detail(ctx, bob)); p.PrincipalType != client.PrincipalPerson || p.PrincipalName != "Bob" || p.PrincipalCode != "11010519491231002X" || p.AuthenticationTime.IsZero() {
		t.Errorf("verification = %+v", p)
	}
	m := ok[*authing.MFA](t, "MFA.Get")(mc.MFA.Get(ctx, bob))
	if m.Enable {
		t.Error("MFA on by default")
	}
	on := ok[*authing.MFA](t, "MFA.Change")(mc.MFA.Change(ctx, bob, client.MFAChange{Enable: client.Bool(true), Refresh: client.Bool(true)}))
	if !on.Enable || on.Secret == m.Secret {
		t.Errorf("MFA after change: enable %v, secret refreshed %v", on.Enable, on.Secret != m.Secret)
	}
}
