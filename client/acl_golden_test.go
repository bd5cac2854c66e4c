package client

import (
	"context"
	"errors"
	"testing"

	"github.com/authing-go/authing"
)

// TestGoldenACL covers option paths of ACL beyond the cases of
// TestGoldenACLAndUDF.
func TestGoldenACL(t *testing.T) {
	runGolden(t, []goldenTest{
		mgmtCase("ACL.Allow_roles", "acl.allow.json", "allow", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.Allow(ctx, Permission{Resource: "books:*", Action: "books:edit", Namespace: "books"}, AllowOptions{RoleCodes: []string{"editor", "admin"}, UserIDs: []string{bobID}})
		}),
		mgmtCase("ACL.RevokeResource_many_targets", "rest.ok.json", "-", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return nil, mc.ACL.RevokeResource(ctx, "books", "books:1", []RevokeTarget{
				{TargetType: authing.TargetUser, TargetIdentifiers: []string{bobID, "5f7ddfe62ba819802422362f"}},
				{TargetType: authing.TargetOrg, TargetIdentifiers: []string{"60b4a9b2a3d9f8e1c2b3a4e0"}},
			})
		}),
		mgmtCase("ACL.ListAuthorizedResources_type", "acl.authorizedResources.json", "authorizedResources", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.ListAuthorizedResources(ctx, "books", authing.TargetRole, "editor", authing.ResourceAPI)
		}),
		mgmtCase("ACL.CreateResource_no_actions", "acl.resource.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.CreateResource(ctx, "books", "books", ResourceInput{Type: authing.ResourceData})
		}),
		mgmtCase("ACL.UpdateResource_all_fields", "acl.resource.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.UpdateResource(ctx, "books", "books", ResourceInput{Type: authing.ResourceAPI, Description: String("Books API"),
				Actions: []ResourceAction{{Name: "books:read", Description: "Read"}}, APIIdentifier: String("https://api.example.com/books")})
		}),
		mgmtCase("ACL.ListResources_paged", "acl.resources.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.ListResources(ctx, "books", &ResourceListOptions{ListOptions: ListOptions{Page: 2, Limit: 5}})
		}),
		mgmtCase("ACL.CreateNamespace_no_description", "acl.namespace.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.CreateNamespace(ctx, "books", "Books", nil)
		}),
		mgmtCase("ACL.RefreshProgrammaticAccessAccountSecret_given", "acl.account.json", "", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.RefreshProgrammaticAccessAccountSecret(ctx, "60c8d4b8a3d9f8e1c2b3a600", "a-new-secret-of-the-caller")
		}),
		mgmtCase("ACL.AllowAccessApplication_org_children", "rest.ok.json", "-", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return nil, mc.ACL.AllowAccessApplication(ctx, testAppID, AccessPolicyTargets{TargetType: authing.TargetOrg,
				TargetIdentifiers: []string{"60b4a9b2a3d9f8e1c2b3a4e0"}, InheritByChildren: Bool(true)})
		}),
	})
}

// TestACLListResourcesIter walks two pages: acl.resources.paged.json holds two
// resources of a totalCount of 3.
func TestACLListResourcesIter(t *testing.T) {
	r := newReplay(t, "acl.resources.paged.json")
	var codes []string
	for res, err := range r.mgmtClient().ACL.ListResourcesIter(context.Background(), "books", &ResourceListOptions{ListOptions: ListOptions{Limit: 2}, Type: authing.ResourceData}) {
		if err != nil {
			t.Fatal(err)
		}
		codes = append(codes, res.Code)
	}
	if len(codes) != 4 {
		t.Errorf("ACL.ListResourcesIter() yielded %v, want 4 resources (2 pages)", codes)
	}
	r.checkGolden("ACL.ListResourcesIter")
}

func TestACLNamespacesAll(t *testing.T) {
	r := newReplay(t, "acl.namespaces.json")
	var n int
	for ns, err := range r.mgmtClient().ACL.ListNamespacesIter(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		if ns.ID != 12 {
			t.Errorf("ACL.ListNamespacesIter() yielded id %d, want 12", ns.ID)
		}
		n++
	}
	if n != 1 {
		t.Errorf("ACL.ListNamespacesIter() yielded %d namespaces, want 1", n)
	}
}

// TestACLNoData checks that REST calls answered without data fail instead
// of returning an empty value, and that resource lookups report
// ErrNotFound.
func TestACLNoData(t *testing.T) {
	ctx := context.Background()
	r := newReplay(t, "acl.nodata.json")
	mc := r.mgmtClient()
	for name, call := range map[string]func() (any, error){
		"CreateNamespace": func() (any, error) { return mc.ACL.CreateNamespace(ctx, "books", "Books", nil) },
		"ListNamespaces":  func() (any, error) { return mc.ACL.ListNamespaces(ctx, nil) },
		"ListResources":   func() (any, error) { return mc.ACL.ListResources(ctx, "books", nil) },
		"CreateResource": func() (any, error) {
			return mc.ACL.CreateResource(ctx, "books", "books", ResourceInput{Type: authing.ResourceData})
		},
		"EnableProgrammaticAccessAccount": func() (any, error) {
			return mc.ACL.EnableProgrammaticAccessAccount(ctx, "60c8d4b8a3d9f8e1c2b3a600")
		},
	} {
		got, err := call()
		var e *Error
		if !errors.As(err, &e) || !isNilResult(got) {
			t.Errorf("ACL.%s() = %v, %v; want nil and an *Error", name, got, err)
		}
	}
	for name, call := range map[string]func() (*Resource, error){
		"GetResourceByID":   func() (*Resource, error) { return mc.ACL.GetResourceByID(ctx, "60c8d4b8a3d9f8e1c2b3a500") },
		"GetResourceByCode": func() (*Resource, error) { return mc.ACL.GetResourceByCode(ctx, "books", "nothing") },
	} {
		if got, err := call(); !errors.Is(err, ErrNotFound) || got != nil {
			t.Errorf("ACL.%s() = %v, %v; want nil, ErrNotFound", name, got, err)
		}
	}
}

func TestACLInvalidArguments(t *testing.T) {
	targets := AccessPolicyTargets{TargetType: authing.TargetUser, TargetIdentifiers: []string{bobID}}
	for _, tt := range []struct {
		name string
		call func(ctx context.Context, mc *ManagementClient) (any, error)
	}{
		{"Allow nobody", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.Allow(ctx, Permission{Resource: "books:1", Action: "books:read", Namespace: "books"}, AllowOptions{})
		}},
		{"Allow no action", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.Allow(ctx, Permission{Resource: "books:1", Namespace: "books"}, AllowOptions{UserID: String(bobID)})
		}},
		{"IsAllowed", func(ctx context.Context, mc *ManagementClient) (any, error) {
			_, err := mc.ACL.IsAllowed(ctx, "", Permission{Resource: "books:1", Action: "books:read", Namespace: "books"})
			return nil, err
		}},
		{"IsDenied", func(ctx context.Context, mc *ManagementClient) (any, error) {
			_, err := mc.ACL.IsDenied(ctx, bobID, Permission{Resource: "books:1", Namespace: "books"})
			return nil, err
		}},
		{"AuthorizeResource", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.AuthorizeResource(ctx, "books", "books:1", "", nil)
		}},
		{"RevokeResource empty target", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return nil, mc.ACL.RevokeResource(ctx, "books", "books:1", []RevokeTarget{{TargetType: authing.TargetUser, TargetIdentifiers: []string{""}}})
		}},
		{"ListAuthorizedResources", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.ListAuthorizedResources(ctx, "books", "", bobID, "")
		}},
		{"GetAuthorizedTargets", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.GetAuthorizedTargets(ctx, "books", "", "books:1", nil)
		}},
		{"CreateNamespace", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.CreateNamespace(ctx, "books", "", nil)
		}},
		{"UpdateNamespace no id", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.UpdateNamespace(ctx, 0, NamespaceUpdate{Name: String("Books")})
		}},
		{"UpdateNamespace nothing", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.UpdateNamespace(ctx, 12, NamespaceUpdate{})
		}},
		{"DeleteNamespace", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return nil, mc.ACL.DeleteNamespace(ctx, -1)
		}},
		{"CreateResource no type", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.CreateResource(ctx, "books", "books", ResourceInput{})
		}},
		{"UpdateResource", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.UpdateResource(ctx, "", "books", ResourceInput{})
		}},
		{"ListResources", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.ListResources(ctx, "", nil)
		}},
		{"DeleteResource", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return nil, mc.ACL.DeleteResource(ctx, "books", "")
		}},
		{"GetResourceByID", func(ctx context.Context, mc *ManagementClient) (any, error) { return mc.ACL.GetResourceByID(ctx, "") }},
		{"GetResourceByCode", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.GetResourceByCode(ctx, "", "books")
		}},
		{"ListProgrammaticAccessAccounts", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.ListProgrammaticAccessAccounts(ctx, "", nil)
		}},
		{"CreateProgrammaticAccessAccount", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.CreateProgrammaticAccessAccount(ctx, "", nil)
		}},
		{"EnableProgrammaticAccessAccount", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.EnableProgrammaticAccessAccount(ctx, "")
		}},
		{"RefreshProgrammaticAccessAccountSecret", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.RefreshProgrammaticAccessAccountSecret(ctx, "", "s")
		}},
		{"DeleteProgrammaticAccessAccount", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return nil, mc.ACL.DeleteProgrammaticAccessAccount(ctx, "")
		}},
		{"AllowAccessApplication no app", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return nil, mc.ACL.AllowAccessApplication(ctx, "", targets)
		}},
		{"DenyAccessApplication no targets", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return nil, mc.ACL.DenyAccessApplication(ctx, testAppID, AccessPolicyTargets{TargetType: authing.TargetUser})
		}},
		{"UpdateDefaultApplicationAccessPolicy", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.ACL.UpdateDefaultApplicationAccessPolicy(ctx, testAppID, "MAYBE")
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			expectInvalidArgument(t, "ACL."+tt.name, tt.call)
		})
	}
}
