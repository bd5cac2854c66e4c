package client

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/authing-go/authing"
)

// mgmtCase builds a golden case for a ManagementClient method.
func mgmtCase(name, response, resultPath string, call func(ctx context.Context, mc *ManagementClient) (any, error)) goldenTest {
	return goldenTest{name: name, response: response, resultPath: resultPath,
		call: func(ctx context.Context, _ *AuthenticationClient, mc *ManagementClient) (any, error) {
			return call(ctx, mc)
		}}
}

// mgmtWant is mgmtCase with an explicit expected result.
func mgmtWant(name, response string, want any, call func(ctx context.Context, mc *ManagementClient) (any, error)) goldenTest {
	t := mgmtCase(name, response, "", call)
	t.want = want
	return t
}

const bobID = "5f7ddfe62ba819802422362e"

func TestGoldenUsers(t *testing.T) {
	none := func(err error) (any, error) { return nil, err }
	runGolden(t, []goldenTest{
		mgmtCase("Users.Create", "mgmt.createUser.json", "createUser", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.Create(ctx, &authing.CreateUserInput{Username: String("alice"), Email: String("alice@example.com"), Password: String("p@ssw0rd")},
				&CreateUserOptions{CustomData: map[string]any{"school": "MIT", "age": 18}})
		}),
		mgmtCase("Users.Create keepPassword", "mgmt.createUser.json", "createUser", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.Create(ctx, &authing.CreateUserInput{Username: String("alice"), Password: String("$2b$10$importedhash")},
				&CreateUserOptions{KeepPassword: true})
		}),
		mgmtCase("Users.Update", "mgmt.updateUser.json", "updateUser", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.Update(ctx, bobID, &authing.UpdateUserInput{Nickname: String("Bobby"), Blocked: Bool(false)})
		}),
		mgmtCase("Users.Detail", "mgmt.userDetail.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.Detail(ctx, bobID, true)
		}),
		mgmtCase("Users.Find", "mgmt.findUser.json", "findUser", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.Find(ctx, UserQuery{Email: String("bob@example.com")})
		}),
		mgmtCase("Users.FindWithCustomData", "mgmt.findUserWithCustomData.json", "findUser", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.FindWithCustomData(ctx, UserQuery{Username: String("bob")})
		}),
		mgmtCase("Users.ListWithCustomData", "mgmt.usersWithCustomData.json", "users", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.ListWithCustomData(ctx, &UserListOptions{SortBy: ptr(authing.SortByUpdatedAtDesc)})
		}),
		mgmtCase("Users.Search", "mgmt.searchUser.json", "searchUser", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.Search(ctx, "bob", &SearchOptions{Fields: []string{"username"}, Roles: []*authing.SearchRoleOpt{{Code: "admin"}}})
		}),
		mgmtCase("Users.BatchGet", "mgmt.userBatch.json", "userBatch", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.BatchGet(ctx, []string{"bob", "carol"}, "username")
		}),
		mgmtCase("Users.Delete", "mgmt.deleteUser.json", "deleteUser", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.Delete(ctx, bobID)
		}),
		mgmtCase("Users.DeleteMany", "mgmt.deleteUsers.json", "deleteUsers", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.DeleteMany(ctx, []string{bobID, "5f7ddfe62ba819802422362f"})
		}),
		mgmtCase("Users.ListRoles", "auth.myRoles.json", "user.roles", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.ListRoles(ctx, bobID, "default")
		}),
		mgmtCase("Users.AddRoles", "mgmt.assignRole.json", "assignRole", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.AddRoles(ctx, bobID, []string{"admin", "editor"}, "")
		}),
		mgmtCase("Users.RemoveRoles", "mgmt.revokeRole.json", "revokeRole", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.RemoveRoles(ctx, bobID, []string{"editor"}, "books")
		}),
		mgmtCase("Users.RefreshToken", "auth.refreshToken.json", "refreshToken", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.RefreshToken(ctx, bobID)
		}),
		mgmtCase("Users.ListGroups", "mgmt.getUserGroups.json", "user.groups", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.ListGroups(ctx, bobID)
		}),
		mgmtCase("Users.AddGroup", "mgmt.addUserToGroup.json", "addUserToGroup", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.AddGroup(ctx, bobID, "engineers")
		}),
		mgmtCase("Users.RemoveGroup", "mgmt.removeUserFromGroup.json", "removeUserFromGroup", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.RemoveGroup(ctx, bobID, "engineers")
		}),
		mgmtCase("Users.ListPolicies", "mgmt.policyAssignments.json", "policyAssignments", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.ListPolicies(ctx, bobID, &ListOptions{Page: 1, Limit: 5})
		}),
		mgmtCase("Users.AddPolicies", "mgmt.addPolicyAssignments.json", "addPolicyAssignments", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.AddPolicies(ctx, bobID, []string{"books-reader"})
		}),
		mgmtCase("Users.RemovePolicies", "mgmt.removePolicyAssignments.json", "removePolicyAssignments", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.RemovePolicies(ctx, bobID, []string{"books-reader"})
		}),
		mgmtCase("Users.ListArchivedUsers", "mgmt.archivedUsers.json", "archivedUsers", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.ListArchivedUsers(ctx, nil)
		}),
		mgmtWant("Users.Exists", "auth.isUserExists.json", true, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.Exists(ctx, UserQuery{Phone: String("13800000000")})
		}),
		mgmtCase("Users.ListOrgs", "auth.orgs.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.ListOrgs(ctx, bobID)
		}),
		mgmtCase("Users.ListDepartments", "auth.myDepartments.json", "user.departments", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.ListDepartments(ctx, bobID)
		}),
		mgmtCase("Users.ListAuthorizedResources", "auth.myAuthorizedResources.json", "user.authorizedResources", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.ListAuthorizedResources(ctx, bobID, "books", authing.ResourceAPI)
		}),
		mgmtCase("Users.CheckResourcePermissionBatch", "mgmt.permissionBatch.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.CheckResourcePermissionBatch(ctx, bobID, "books", []string{"books:1:read", "books:2:delete"})
		}),
		mgmtCase("Users.ListAuthorizedResourcesOfResourceKind", "mgmt.resourcesOfKind.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.ListAuthorizedResourcesOfResourceKind(ctx, bobID, ResourceKind{Resource: "books", Namespace: "books"})
		}),
		mgmtWant("Users.HasRole", "mgmt.hasRole.json", true, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.HasRole(ctx, bobID, RoleRef{Code: "admin"})
		}),
		mgmtCase("Users.Kick", "rest.ok.json", "-", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return none(mc.Users.Kick(ctx, []string{bobID}))
		}),
		mgmtCase("Users.Logout", "rest.ok.json", "-", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return none(mc.Users.Logout(ctx, bobID, testAppID))
		}),
		mgmtCase("Users.CheckLoginStatus", "mgmt.loginStatus.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.CheckLoginStatus(ctx, bobID, &LoginStatusOptions{AppID: testAppID})
		}),
		mgmtCase("Users.SendFirstLoginVerifyEmail", "mgmt.sendFirstLoginVerifyEmail.json", "sendFirstLoginVerifyEmail", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.SendFirstLoginVerifyEmail(ctx, bobID, testAppID)
		}),
		mgmtCase("Users.ListUserActions", "mgmt.userActions.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Users.ListUserActions(ctx, &UserActionOptions{ListOptions: ListOptions{Page: 1, Limit: 10}, OperationName: "login"})
		}),
		mgmtCase("CheckLoginStatus (management)", "checkLoginStatus.json", "checkLoginStatus", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.CheckLoginStatus(ctx, "a-user-token")
		}),
		mgmtCase("SendEmail (management)", "auth.sendEmail.json", "sendEmail", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.SendEmail(ctx, "bob@example.com", authing.EmailSceneVerifyEmail)
		}),
		mgmtWant("IsPasswordValid", "users.passwordCheck.invalid.json", &PasswordCheck{Valid: false, Rules: []PasswordRule{
			{Valid: false, Message: "密码长度不少于 6 位"}, {Valid: true, Message: "密码包含字母和数字"}}},
			func(ctx context.Context, mc *ManagementClient) (any, error) {
				return mc.IsPasswordValid(ctx, "Str0ng-enough")
			}),
	})
}

func ptr[T any](v T) *T { return &v }

func TestGoldenRolesAndPolicies(t *testing.T) {
	statements := []*authing.PolicyStatementInput{{Resource: "books:*", Actions: []string{"books:read", "books:list"},
		Condition: []*authing.PolicyConditionInput{{Param: "AppId", Operator: "StringEquals", Value: json.RawMessage(`"5f7a9a1cb9b49dcd5c021e41"`)}}}}
	runGolden(t, []goldenTest{
		mgmtCase("Roles.List", "roles.list.json", "roles", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.List(ctx, &RoleListOptions{Namespace: "default"})
		}),
		mgmtCase("Roles.Create", "roles.create.json", "createRole", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.Create(ctx, "editor", &RoleOptions{Description: String("Editors"), ParentCode: String("admin")})
		}),
		mgmtCase("Roles.Detail", "roles.detail.json", "role", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.Detail(ctx, "admin", "")
		}),
		mgmtCase("Roles.Update", "roles.update.json", "updateRole", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.Update(ctx, "admin", &RoleOptions{Description: String("Admins")})
		}),
		mgmtCase("Roles.Delete", "roles.delete.json", "deleteRole", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.Delete(ctx, "editor", "")
		}),
		mgmtCase("Roles.DeleteMany", "roles.deleteMany.json", "deleteRoles", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.DeleteMany(ctx, []string{"admin", "editor"}, "books")
		}),
		mgmtCase("Roles.ListUsers", "roles.users.json", "role.users", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.ListUsers(ctx, "admin", "", &ListOptions{Page: 1, Limit: 20})
		}),
		mgmtCase("Roles.ListUsersWithCustomData", "roles.usersWithCustomData.json", "role.users", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.ListUsersWithCustomData(ctx, "admin", "", nil)
		}),
		mgmtCase("Roles.AddUsers", "mgmt.assignRole.json", "assignRole", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.AddUsers(ctx, "admin", []string{bobID}, "")
		}),
		mgmtCase("Roles.RemoveUsers", "mgmt.revokeRole.json", "revokeRole", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.RemoveUsers(ctx, "admin", []string{bobID}, "")
		}),
		mgmtCase("Roles.ListPolicies", "mgmt.policyAssignments.json", "policyAssignments", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.ListPolicies(ctx, "admin", nil)
		}),
		mgmtCase("Roles.AddPolicies", "mgmt.addPolicyAssignments.json", "addPolicyAssignments", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.AddPolicies(ctx, "admin", []string{"books-reader"})
		}),
		mgmtCase("Roles.RemovePolicies", "mgmt.removePolicyAssignments.json", "removePolicyAssignments", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.RemovePolicies(ctx, "admin", []string{"books-reader"})
		}),
		mgmtCase("Roles.ListAuthorizedResources", "roles.authorizedResources.json", "role.authorizedResources", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.ListAuthorizedResources(ctx, "admin", "books", authing.ResourceData)
		}),
		mgmtCase("Policies.List", "policies.list.json", "policies", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.List(ctx, &PolicyListOptions{ExcludeDefault: Bool(true)})
		}),
		mgmtCase("Policies.Create", "policies.create.json", "createPolicy", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.Create(ctx, "books-reader", statements, &PolicyOptions{Description: String("Read books")})
		}),
		mgmtCase("Policies.Detail", "policies.detail.json", "policy", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.Detail(ctx, "books-reader", "")
		}),
		mgmtCase("Policies.Update", "policies.update.json", "updatePolicy", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.Update(ctx, "books-reader", nil, &PolicyOptions{Description: String("Read all books")})
		}),
		mgmtCase("Policies.Delete", "policies.delete.json", "deletePolicy", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.Delete(ctx, "books-reader", "")
		}),
		mgmtCase("Policies.DeleteMany", "policies.deleteMany.json", "deletePolicies", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.DeleteMany(ctx, []string{"books-reader"}, "")
		}),
		mgmtCase("Policies.ListAssignments", "mgmt.policyAssignments.json", "policyAssignments", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.ListAssignments(ctx, "books-reader", &ListOptions{Limit: 50})
		}),
		mgmtCase("Policies.AddAssignments", "mgmt.addPolicyAssignments.json", "addPolicyAssignments", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.AddAssignments(ctx, []string{"books-reader"}, authing.TargetOrg, []string{"eng"}, &AssignmentOptions{InheritByChildren: Bool(true)})
		}),
		mgmtCase("Policies.RemoveAssignments", "mgmt.removePolicyAssignments.json", "removePolicyAssignments", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.RemoveAssignments(ctx, []string{"books-reader"}, authing.TargetRole, []string{"editor"}, nil)
		}),
		mgmtCase("Policies.EnableAssignment", "policies.enable.json", "enablePolicyAssignment", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.EnableAssignment(ctx, "books-reader", authing.TargetUser, bobID, "")
		}),
		mgmtCase("Policies.DisableAssignment", "policies.disable.json", "disbalePolicyAssignment", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.DisableAssignment(ctx, "books-reader", authing.TargetUser, bobID, "")
		}),
	})
}

func TestGoldenACLGrants(t *testing.T) {
	none := func(err error) (any, error) { return nil, err }
	targets := AccessPolicyTargets{TargetType: authing.TargetUser, TargetIdentifiers: []string{bobID}, Namespace: testAppID}
	runGolden(t, []goldenTest{
		mgmtCase("ACL.Allow", "acl.allow.json", "allow", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.Allow(ctx, Permission{Resource: "books:1", Action: "books:read", Namespace: "books"}, AllowOptions{UserID: String(bobID)})
		}),
		mgmtWant("ACL.IsAllowed", "acl.isAllowed.json", true, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.IsAllowed(ctx, bobID, Permission{Resource: "books:1", Action: "books:read", Namespace: "books"})
		}),
		mgmtWant("ACL.IsDenied", "acl.isDenied.json", false, func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.IsDenied(ctx, bobID, Permission{Resource: "books:1", Action: "books:delete", Namespace: "books"})
		}),
		mgmtCase("ACL.AuthorizeResource", "acl.authorizeResource.json", "authorizeResource", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.AuthorizeResource(ctx, "books", "books:1", authing.ResourceData, []*authing.AuthorizeResourceOpt{
				{TargetType: authing.TargetRole, TargetIdentifier: "editor", Actions: []string{"books:read", "books:edit"}}})
		}),
		mgmtCase("ACL.RevokeResource", "rest.ok.json", "-", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return none(mc.ACL.RevokeResource(ctx, "books", "books:1", []RevokeTarget{{TargetType: authing.TargetRole, TargetIdentifiers: []string{"editor"}}}))
		}),
		mgmtCase("ACL.ListAuthorizedResources", "acl.authorizedResources.json", "authorizedResources", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.ListAuthorizedResources(ctx, "books", authing.TargetUser, bobID, "")
		}),
		mgmtCase("ACL.GetAuthorizedTargets", "acl.authorizedTargets.json", "authorizedTargets", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.GetAuthorizedTargets(ctx, "books", authing.ResourceData, "books:1", &AuthorizedTargetsOptions{Actions: []string{"books:read"}, Operator: authing.OperatorAnd})
		}),
		mgmtCase("ACL.CreateNamespace", "acl.namespace.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.CreateNamespace(ctx, "books", "Books", &NamespaceOptions{Description: "The book store"})
		}),
		mgmtCase("ACL.UpdateNamespace", "acl.namespace.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.UpdateNamespace(ctx, 12, NamespaceUpdate{Description: String("The book store")})
		}),
		mgmtCase("ACL.ListNamespaces", "acl.namespaces.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.ListNamespaces(ctx, &ListOptions{Page: 1, Limit: 10})
		}),
		mgmtCase("ACL.DeleteNamespace", "rest.ok.json", "-", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return none(mc.ACL.DeleteNamespace(ctx, 12))
		}),
		mgmtCase("ACL.CreateResource", "acl.resource.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.CreateResource(ctx, "books", "books", ResourceInput{Type: authing.ResourceData, Description: String("Books"),
				Actions: []ResourceAction{{Name: "books:read", Description: "Read"}, {Name: "books:edit", Description: "Edit"}}})
		}),
		mgmtCase("ACL.UpdateResource", "acl.resource.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.UpdateResource(ctx, "books", "books", ResourceInput{Description: String("Books")})
		}),
		mgmtCase("ACL.ListResources", "acl.resources.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.ListResources(ctx, "books", &ResourceListOptions{Type: authing.ResourceData})
		}),
		mgmtCase("ACL.DeleteResource", "rest.ok.json", "-", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return none(mc.ACL.DeleteResource(ctx, "books", "books"))
		}),
		mgmtCase("ACL.GetResourceByID", "acl.resource.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.GetResourceByID(ctx, "60c8d4b8a3d9f8e1c2b3a500")
		}),
		mgmtCase("ACL.GetResourceByCode", "acl.resource.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.GetResourceByCode(ctx, "books", "books")
		}),
		mgmtCase("ACL.ListProgrammaticAccessAccounts", "acl.accounts.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.ListProgrammaticAccessAccounts(ctx, testAppID, nil)
		}),
		mgmtCase("ACL.CreateProgrammaticAccessAccount", "acl.account.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.CreateProgrammaticAccessAccount(ctx, testAppID, &ProgrammaticAccessAccountOptions{Remarks: String("CI robot"), TokenLifetime: Int(600)})
		}),
		mgmtCase("ACL.EnableProgrammaticAccessAccount", "acl.account.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.EnableProgrammaticAccessAccount(ctx, "60c8d4b8a3d9f8e1c2b3a600")
		}),
		mgmtCase("ACL.DisableProgrammaticAccessAccount", "acl.account.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.DisableProgrammaticAccessAccount(ctx, "60c8d4b8a3d9f8e1c2b3a600")
		}),
		mgmtCase("ACL.RefreshProgrammaticAccessAccountSecret", "acl.account.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.RefreshProgrammaticAccessAccountSecret(ctx, "60c8d4b8a3d9f8e1c2b3a600", "")
		}),
		mgmtCase("ACL.DeleteProgrammaticAccessAccount", "rest.ok.json", "-", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return none(mc.ACL.DeleteProgrammaticAccessAccount(ctx, "60c8d4b8a3d9f8e1c2b3a600"))
		}),
		mgmtCase("ACL.AllowAccessApplication", "rest.ok.json", "-", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return none(mc.ACL.AllowAccessApplication(ctx, testAppID, targets))
		}),
		mgmtCase("ACL.DenyAccessApplication", "rest.ok.json", "-", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return none(mc.ACL.DenyAccessApplication(ctx, testAppID, targets))
		}),
		mgmtCase("ACL.EnableApplicationAccessPolicies", "rest.ok.json", "-", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return none(mc.ACL.EnableApplicationAccessPolicies(ctx, testAppID, targets))
		}),
		mgmtCase("ACL.DisableApplicationAccessPolicies", "rest.ok.json", "-", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return none(mc.ACL.DisableApplicationAccessPolicies(ctx, testAppID, targets))
		}),
		mgmtCase("ACL.DeleteApplicationAccessPolicies", "rest.ok.json", "-", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return none(mc.ACL.DeleteApplicationAccessPolicies(ctx, testAppID, targets))
		}),
		mgmtCase("ACL.UpdateDefaultApplicationAccessPolicy", "apps.app.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.UpdateDefaultApplicationAccessPolicy(ctx, testAppID, AccessDenyAll)
		}),
	})
}

// TestPasswordVerdict reads each form of the password check's data: a list
// of rules (valid only when all are), one rule, none, and a malformed one.
func TestPasswordVerdict(t *testing.T) {
	tests := []struct {
		data      string
		wantValid bool
		wantErr   bool
	}{
		{`[{"valid":true,"message":"a"},{"valid":false,"message":"b"}]`, false, false},
		{`[{"valid":true,"message":"a"}]`, true, false},
		{`{"valid":false,"message":"too short"}`, false, false},
		{``, true, false},
		{`[]`, true, false},
		{`"valid"`, false, true},
	}
	for _, tt := range tests {
		got, err := passwordVerdict("IsPasswordValid", json.RawMessage(tt.data))
		if tt.wantErr {
			if !isKind(err, KindMalformed) {
				t.Errorf("%s: err = %v, want a malformed-data error", tt.data, err)
			}
			continue
		}
		if err != nil || got.Valid != tt.wantValid {
			t.Errorf("%s: = %+v, %v; want Valid %v", tt.data, got, err, tt.wantValid)
		}
	}
}

func isKind(err error, k ErrorKind) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == k
}
