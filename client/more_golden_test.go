package client

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/authing-go/authing"
)

func TestGoldenGroupsAndOrgs(t *testing.T) {
	const orgID, rootID, engID = "60c1e3b8a3d9f8e1c2b3a4df", "60c1e3b8a3d9f8e1c2b3a4e1", "60c1e3b8a3d9f8e1c2b3a4e0"
	runGolden(t, []goldenTest{
		mgmtCase("Groups.List", "groups.list.json", "groups", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Groups.List(ctx, &GroupListOptions{ListOptions: ListOptions{Page: 1, Limit: 10}})
		}),
		mgmtCase("Groups.Create", "groups.create.json", "createGroup", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Groups.Create(ctx, "engineers", "Engineers", String("All engineers"))
		}),
		mgmtCase("Groups.Detail", "groups.detail.json", "group", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Groups.Detail(ctx, "engineers")
		}),
		mgmtCase("Groups.Update", "groups.update.json", "updateGroup", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Groups.Update(ctx, "engineers", GroupUpdate{Name: String("Engineering")})
		}),
		mgmtCase("Groups.Delete", "groups.delete.json", "deleteGroups", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Groups.Delete(ctx, "engineers")
		}),
		mgmtCase("Groups.DeleteMany", "groups.delete.json", "deleteGroups", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Groups.DeleteMany(ctx, []string{"engineers", "sales"})
		}),
		mgmtCase("Groups.ListUsers", "groups.users.json", "group.users", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Groups.ListUsers(ctx, "engineers", nil)
		}),
		mgmtCase("Groups.ListUsersWithCustomData", "groups.usersWithCustomData.json", "group.users", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Groups.ListUsersWithCustomData(ctx, "engineers", nil)
		}),
		mgmtCase("Groups.AddUsers", "groups.addUsers.json", "addUserToGroup", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Groups.AddUsers(ctx, "engineers", []string{bobID})
		}),
		mgmtCase("Groups.RemoveUsers", "groups.removeUsers.json", "removeUserFromGroup", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Groups.RemoveUsers(ctx, "engineers", []string{bobID})
		}),
		mgmtCase("Groups.ListAuthorizedResources", "groups.authorizedResources.json", "group.authorizedResources", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Groups.ListAuthorizedResources(ctx, "engineers", "books", "")
		}),
		mgmtCase("Orgs.Create", "orgs.org.json", "createOrg", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.Create(ctx, "Example", &OrgOptions{Code: String("example")})
		}),
		mgmtCase("Orgs.DeleteByID", "orgs.delete.json", "deleteOrg", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.DeleteByID(ctx, orgID)
		}),
		mgmtCase("Orgs.List", "orgs.list.json", "orgs", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.List(ctx, nil)
		}),
		mgmtCase("Orgs.FindByID", "orgs.find.json", "org", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.FindByID(ctx, orgID)
		}),
		mgmtCase("Orgs.AddNode", "orgs.addNode.json", "addNode", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.AddNode(ctx, NodeRef{OrgID: orgID, NodeID: rootID}, "Engineering", &NodeOptions{Code: String("eng"), Order: Int(0)})
		}),
		mgmtCase("Orgs.CreateNode", "orgs.addNodeV2.json", "addNodeV2", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.CreateNode(ctx, NodeRef{OrgID: orgID, NodeID: rootID}, "Engineering", &NodeOptions{Code: String("eng")})
		}),
		mgmtCase("Orgs.GetNodeByID", "orgs.nodeById.json", "nodeById", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.GetNodeByID(ctx, engID)
		}),
		mgmtCase("Orgs.UpdateNode", "orgs.updateNode.json", "updateNode", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.UpdateNode(ctx, engID, NodeUpdate{Name: String("R&D")})
		}),
		mgmtCase("Orgs.DeleteNode", "orgs.deleteNode.json", "deleteNode", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.DeleteNode(ctx, NodeRef{OrgID: orgID, NodeID: engID})
		}),
		mgmtWant("Orgs.IsRootNode", "orgs.isRootNode.json", true, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.IsRootNode(ctx, NodeRef{OrgID: orgID, NodeID: rootID})
		}),
		mgmtCase("Orgs.MoveNode", "orgs.moveNode.json", "moveNode", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.MoveNode(ctx, NodeRef{OrgID: orgID, NodeID: engID}, rootID)
		}),
		mgmtCase("Orgs.ListChildren", "orgs.children.json", "childrenNodes", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.ListChildren(ctx, rootID)
		}),
		mgmtCase("Orgs.RootNode", "orgs.root.json", "rootNode", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.RootNode(ctx, orgID)
		}),
		mgmtCase("Orgs.SearchNodes", "orgs.search.json", "searchNodes", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.SearchNodes(ctx, "Eng")
		}),
		mgmtCase("Orgs.AddMembers", "orgs.addMember.json", "addMember", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.AddMembers(ctx, engID, []string{bobID})
		}),
		mgmtCase("Orgs.DeleteMembers", "orgs.removeMember.json", "removeMember", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.DeleteMembers(ctx, engID, []string{bobID})
		}),
		mgmtCase("Orgs.ListMembers", "orgs.members.json", "nodeById.users", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.ListMembers(ctx, engID, &MemberListOptions{IncludeChildrenNodes: Bool(false)})
		}),
		mgmtCase("Orgs.MoveMembers", "orgs.moveMembers.json", "moveMembers", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.MoveMembers(ctx, []string{bobID}, engID, rootID)
		}),
		mgmtCase("Orgs.SetMainDepartment", "orgs.setMainDepartment.json", "setMainDepartment", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.SetMainDepartment(ctx, bobID, engID)
		}),
		mgmtCase("Orgs.ListRoles", "orgs.roles.json", "nodeById.roles", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.ListRoles(ctx, engID, "")
		}),
		mgmtCase("Orgs.AddRoles", "orgs.assignRole.json", "assignRole", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.AddRoles(ctx, "eng", []string{"admin"}, "")
		}),
		mgmtCase("Orgs.RemoveRoles", "orgs.revokeRole.json", "revokeRole", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.RemoveRoles(ctx, "eng", []string{"admin"}, "")
		}),
		mgmtCase("Orgs.ListAuthorizedResources", "orgs.authorizedResources.json", "nodeById.authorizedResources", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.ListAuthorizedResources(ctx, engID, "books", "")
		}),
		mgmtCase("Orgs.ListAuthorizedResourcesByCode", "orgs.authorizedResourcesByCode.json", "nodeByCode.authorizedResources", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.ListAuthorizedResourcesByCode(ctx, NodeCodeRef{OrgID: orgID, Code: "eng"}, "books", authing.ResourceData)
		}),
		mgmtCase("Orgs.ImportByJSON", "orgs.import.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.ImportByJSON(ctx, json.RawMessage(`{"name":"Example","code":"example","children":[]}`))
		}),
		mgmtCase("Orgs.ExportAll", "orgs.export.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.ExportAll(ctx)
		}),
		mgmtCase("Orgs.ExportByOrgID", "orgs.export.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Orgs.ExportByOrgID(ctx, orgID)
		}),
		mgmtCase("Orgs.StartSync", "rest.ok.json", "-", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return nil, mc.Orgs.StartSync(ctx, SyncAD, "60c8d4b8a3d9f8e1c2b3aa00")
		}),
		mgmtCase("Orgs.StartSync DingTalk", "rest.ok.json", "-", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return nil, mc.Orgs.StartSync(ctx, SyncDingTalk, "")
		}),
		mgmtCase("Orgs.StartSync WeChat Work", "rest.ok.json", "-", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return nil, mc.Orgs.StartSync(ctx, SyncWeChatWork, "")
		}),
	})
}

func TestGoldenAppsPoolAndMore(t *testing.T) {
	none := func(err error) (any, error) { return nil, err }
	runGolden(t, []goldenTest{
		mgmtCase("Applications.List", "apps.list.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Applications.List(ctx, &ListOptions{Page: 1, Limit: 10})
		}),
		mgmtCase("Applications.Create", "apps.app.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Applications.Create(ctx, "Example App", "example-app", []string{"https://example.com/callback"}, "")
		}),
		mgmtCase("Applications.Delete", "rest.ok.json", "-", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return none(mc.Applications.Delete(ctx, testAppID))
		}),
		mgmtCase("Applications.FindByID", "apps.app.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Applications.FindByID(ctx, testAppID)
		}),
		mgmtCase("Applications.ListResources", "acl.resources.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Applications.ListResources(ctx, testAppID, nil)
		}),
		mgmtCase("Applications.CreateResource", "acl.resource.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Applications.CreateResource(ctx, testAppID, "books", ResourceInput{Type: authing.ResourceData, Actions: []ResourceAction{{Name: "books:read"}}})
		}),
		mgmtCase("Applications.UpdateResource", "acl.resource.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Applications.UpdateResource(ctx, testAppID, "books", ResourceInput{Description: String("Books")})
		}),
		mgmtCase("Applications.DeleteResource", "rest.ok.json", "-", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return none(mc.Applications.DeleteResource(ctx, testAppID, "books"))
		}),
		mgmtCase("Applications.GetAccessPolicies", "apps.records.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Applications.GetAccessPolicies(ctx, testAppID, nil)
		}),
		mgmtCase("Applications.CreateAgreement", "apps.agreement.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Applications.CreateAgreement(ctx, testAppID, `<a href="https://example.com/terms">Terms</a>`, nil)
		}),
		mgmtCase("Applications.ListAgreements", "apps.agreements.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Applications.ListAgreements(ctx, testAppID)
		}),
		mgmtCase("Applications.ModifyAgreement", "apps.agreement.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Applications.ModifyAgreement(ctx, testAppID, 3, `<a href="https://example.com/terms">Terms</a>`, &AgreementOptions{Required: Bool(false), Lang: "en-US"})
		}),
		mgmtCase("Applications.DeleteAgreement", "rest.ok.json", "-", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return none(mc.Applications.DeleteAgreement(ctx, testAppID, 3))
		}),
		mgmtCase("Applications.SortAgreements", "rest.ok.json", "-", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return none(mc.Applications.SortAgreements(ctx, testAppID, []int{3, 1, 2}))
		}),
		mgmtCase("Applications.RefreshApplicationSecret", "apps.app.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Applications.RefreshApplicationSecret(ctx, testAppID)
		}),
		mgmtCase("Applications.ActiveUsers", "apps.activeUsers.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Applications.ActiveUsers(ctx, testAppID, nil)
		}),
		mgmtCase("UserPool.Detail", "userpool.detail.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.UserPool.Detail(ctx)
		}),
		mgmtCase("UserPool.Update", "userpool.update.json", "updateUserpool", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.UserPool.Update(ctx, &authing.UpdateUserPoolInput{Description: String("The demo pool"), RegisterDisabled: Bool(false)})
		}),
		mgmtCase("UserPool.ListEnv", "userpool.env.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.UserPool.ListEnv(ctx)
		}),
		mgmtCase("UserPool.AddEnv", "userpool.env.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.UserPool.AddEnv(ctx, "region", "cn-north")
		}),
		mgmtCase("UserPool.RemoveEnv", "userpool.env.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.UserPool.RemoveEnv(ctx, "stage")
		}),
		mgmtCase("Whitelist.List", "whitelist.list.json", "whitelist", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Whitelist.List(ctx, authing.WhitelistUsername)
		}),
		mgmtCase("Whitelist.Add", "whitelist.add.json", "addWhitelist", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Whitelist.Add(ctx, authing.WhitelistUsername, []string{"bob"})
		}),
		mgmtCase("Whitelist.Remove", "whitelist.remove.json", "removeWhitelist", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Whitelist.Remove(ctx, authing.WhitelistUsername, []string{"bob"})
		}),
		mgmtCase("Whitelist.Enable", "userpool.update.json", "updateUserpool", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Whitelist.Enable(ctx, authing.WhitelistUsername)
		}),
		mgmtCase("Whitelist.Disable", "userpool.update.json", "updateUserpool", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Whitelist.Disable(ctx, authing.WhitelistEmail)
		}),
		mgmtCase("AuditLogs.List", "audit.list.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.AuditLogs.List(ctx, &AuditLogOptions{OperationNames: []string{"createUser", "deleteUser"}, UserIDs: []string{"5f7a98d5b9b49dcd5c021e3f"}})
		}),
		mgmtCase("Statistics.ListUserActions", "mgmt.userActions.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Statistics.ListUserActions(ctx, &UserActionOptions{ClientIP: "203.0.113.7"})
		}),
		mgmtCase("PrincipalAuthentication.Detail", "principal.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.PrincipalAuthentication.Detail(ctx, bobID)
		}),
		mgmtCase("PrincipalAuthentication.Authenticate", "principal.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.PrincipalAuthentication.Authenticate(ctx, bobID, PrincipalIdentity{Type: PrincipalPerson, Name: "Bob", IDCard: "11010519491231002X"})
		}),
		mgmtCase("MFA.Get", "mfaadmin.query.json", "queryMfa", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.MFA.Get(ctx, bobID)
		}),
		mgmtCase("MFA.Change", "mfaadmin.change.json", "changeMfa", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.MFA.Change(ctx, bobID, MFAChange{Enable: Bool(false)})
		}),
	})
}
