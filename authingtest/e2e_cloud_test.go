package authingtest_test

import (
	"slices"
	"testing"

	authing "github.com/authing-go/authing"
	"github.com/authing-go/authing/authingtest"
	"github.com/authing-go/authing/client"
)

// End-to-end checks, through the SDK, of behaviours where the local server
// once agreed only with our client; the cloud's behaviour is what
// Authing's official SDKs and their tests show (issue 12).

func codes(list *authing.AuthorizedResourceList) []string {
	var out []string
	for _, r := range list.List {
		out = append(out, r.Code)
	}
	slices.Sort(out)
	return out
}

func TestE2ERevokeByKindRemovesInstanceGrants(t *testing.T) {
	e := newEnv(t)
	ctx := e.ctx
	bob := ok[string](t, "seed")(e.srv.SeedUser(authingtest.SeedUser{Username: "bob", Password: "passw0rd"}))
	for _, res := range []string{"books:1", "books:2", "films:1"} {
		ok[*authing.CommonMessage](t, "allow "+res)(e.mc.ACL.Allow(ctx, client.Permission{Resource: res, Action: "read", Namespace: "default"},
			client.AllowOptions{UserID: &bob}))
	}
	noErr(t, "revoke books", e.mc.ACL.RevokeResource(ctx, "default", "books",
		[]client.RevokeTarget{{TargetType: authing.TargetUser, TargetIdentifiers: []string{bob}}}))
	for res, want := range map[string]bool{"books:1": false, "books:2": false, "films:1": true} {
		got := ok[bool](t, "IsAllowed "+res)(e.mc.ACL.IsAllowed(ctx, bob, client.Permission{Resource: res, Action: "read", Namespace: "default"}))
		if got != want {
			t.Errorf("after revoking books: IsAllowed(%s) = %v, want %v", res, got, want)
		}
	}
}

func TestE2EAuthorizedResourcesThroughOrgAndEveryNamespace(t *testing.T) {
	e := newEnv(t)
	ctx := e.ctx
	bob := ok[string](t, "seed")(e.srv.SeedUser(authingtest.SeedUser{Username: "bob", Password: "passw0rd"}))
	org := ok[*authing.Org](t, "create org")(e.mc.Orgs.Create(ctx, "Acme", &client.OrgOptions{Code: client.String("acme")}))
	ok[*authing.Node](t, "add member")(e.mc.Orgs.AddMembers(ctx, org.RootNode.ID, []string{bob}))
	ok[*client.Namespace](t, "namespace")(e.mc.ACL.CreateNamespace(ctx, "shop", "Shop", nil))
	ok[*authing.CommonMessage](t, "authorize node")(e.mc.ACL.AuthorizeResource(ctx, "default", "reports:q1", authing.ResourceData,
		[]*authing.AuthorizeResourceOpt{{TargetType: authing.TargetOrg, TargetIdentifier: org.RootNode.ID, Actions: []string{"read"}}}))
	ok[*authing.CommonMessage](t, "authorize user")(e.mc.ACL.AuthorizeResource(ctx, "shop", "orders:1", authing.ResourceData,
		[]*authing.AuthorizeResourceOpt{{TargetType: authing.TargetUser, TargetIdentifier: bob, Actions: []string{"read"}}}))

	all := ok[*authing.AuthorizedResourceList](t, "every namespace")(e.mc.Users.ListAuthorizedResources(ctx, bob, "", ""))
	if got, want := codes(all), []string{"orders:1", "reports:q1"}; !slices.Equal(got, want) {
		t.Errorf("without a namespace: %v, want %v (the org node's grant and every namespace)", got, want)
	}
	def := ok[*authing.AuthorizedResourceList](t, "default namespace")(e.mc.Users.ListAuthorizedResources(ctx, bob, "default", ""))
	if got, want := codes(def), []string{"reports:q1"}; !slices.Equal(got, want) {
		t.Errorf("namespace default: %v, want %v", got, want)
	}
}

func TestE2EOrgNodeRolesAreListedAndInherited(t *testing.T) {
	e := newEnv(t)
	ctx := e.ctx
	ok[*authing.Role](t, "role")(e.mc.Roles.Create(ctx, "staff", nil))
	org := ok[*authing.Org](t, "create org")(e.mc.Orgs.Create(ctx, "Acme", &client.OrgOptions{Code: client.String("acme")}))
	withChild := ok[*authing.Org](t, "add node")(e.mc.Orgs.AddNode(ctx, client.NodeRef{OrgID: org.ID, NodeID: org.RootNode.ID}, "Sales",
		&client.NodeOptions{Code: client.String("sales")}))
	var child string
	for _, n := range withChild.Nodes {
		if n.Code == "sales" {
			child = n.ID
		}
	}
	if child == "" {
		t.Fatalf("AddNode: no node with code sales in %+v", withChild.Nodes)
	}
	ok[*authing.CommonMessage](t, "add roles")(e.mc.Orgs.AddRoles(ctx, "acme", []string{"staff"}, ""))
	for name, node := range map[string]string{"the node": org.RootNode.ID, "its child": child} {
		roles := ok[*authing.RoleList](t, "list roles of "+name)(e.mc.Orgs.ListRoles(ctx, node, ""))
		if len(roles.List) != 1 || roles.List[0].Code != "staff" {
			t.Errorf("roles of %s: %+v, want staff", name, roles.List)
		}
	}
}

func TestE2EUnknownNamespaceCodes(t *testing.T) {
	e := newEnv(t)
	_, err := e.mc.ACL.UpdateNamespace(e.ctx, 987654, client.NamespaceUpdate{Name: client.String("x")})
	wantCode(t, "update an unknown namespace", err, 3003)
	wantCode(t, "delete an unknown namespace", e.mc.ACL.DeleteNamespace(e.ctx, 987654), 3005)
}

func TestE2ECustomDataAsTheCloudKeepsIt(t *testing.T) {
	e := newEnv(t)
	ctx := e.ctx
	for _, f := range []struct {
		key string
		typ authing.UDFDataType
	}{{"school", authing.UDFString}, {"age", authing.UDFNumber}, {"birthday", authing.UDFDatetime}} {
		ok[*authing.UDF](t, "define "+f.key)(e.mc.UDF.Set(ctx, authing.UDFTargetUser, f.key, f.typ, f.key, nil))
	}
	// Values given at creation are stored; customData lists only fields
	// that have a value.
	u := ok[*authing.User](t, "create")(e.mc.Users.Create(ctx, &authing.CreateUserInput{Username: client.String("carol"), Password: client.String("passw0rd")},
		&client.CreateUserOptions{CustomData: map[string]any{"school": "MIT"}}))
	detail := ok[*authing.UserWithCustomData](t, "detail")(e.mc.Users.Detail(ctx, u.ID, true))
	if len(detail.CustomData) != 1 || detail.CustomData[0].Key != "school" || detail.CustomData[0].Value != "MIT" {
		t.Errorf("customData after create = %+v, want only school=MIT", detail.CustomData)
	}
	// Registration params are stored too.
	reg := ok[*authing.User](t, "register")(e.auth().RegisterByUsername(ctx, "dave", "passw0rd",
		&client.RegisterOptions{Params: client.String(`[{"key":"school","value":"PKU"}]`)}))
	vals := ok[map[string]any](t, "udf of dave")(e.mc.Users.GetUdfValue(ctx, reg.ID))
	if vals["school"] != "PKU" {
		t.Errorf("custom data after registration = %v, want school PKU", vals)
	}
	// A login's params too.
	ok[*authing.User](t, "login with params")(e.auth().LoginByUsername(ctx, "dave", "passw0rd",
		&client.LoginOptions{Params: client.String(`[{"key":"school","value":"THU"}]`)}))
	vals = ok[map[string]any](t, "udf of dave after login")(e.mc.Users.GetUdfValue(ctx, reg.ID))
	if vals["school"] != "THU" {
		t.Errorf("custom data after a login with params = %v, want school THU", vals)
	}
	// A DATETIME value reads back as it was set; a value of the wrong type
	// is refused.
	const when = "2021-03-04T05:06:07.000Z"
	ok[[]*authing.UDV](t, "set birthday")(e.mc.Users.SetUdfValue(ctx, u.ID, map[string]any{"birthday": when}))
	for _, v := range ok[[]*authing.UDV](t, "list udv")(e.mc.Users.ListUdv(ctx, u.ID)) {
		if v.Key == "birthday" && v.Value != when {
			t.Errorf("birthday reads back %q, want %q", v.Value, when)
		}
	}
	if _, err := e.mc.Users.SetUdfValue(ctx, u.ID, map[string]any{"age": "not a number"}); err == nil {
		t.Error("a string for a NUMBER field was accepted")
	}
}

func TestE2EAllowedApplications(t *testing.T) {
	e := newEnv(t)
	ctx := e.ctx
	app := ok[*authing.Application](t, "create app")(e.mc.Applications.Create(ctx, "Shop", "shop", []string{"https://example.com/cb"}, ""))
	ok[string](t, "seed")(e.srv.SeedUser(authingtest.SeedUser{Username: "bob", Password: "passw0rd"}))
	user := ok[*authing.User](t, "login")(e.auth().LoginByUsername(ctx, "bob", "passw0rd", nil))
	apps := ok[*authing.ApplicationList](t, "allowed")(e.user(user.Token).ListApplications(ctx, nil))
	if !slices.ContainsFunc(apps.List, func(a *authing.Application) bool { return a.ID == app.ID }) {
		t.Errorf("allowed applications %+v lack %s", apps.List, app.ID)
	}
}
