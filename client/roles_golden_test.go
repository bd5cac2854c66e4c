package client

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

// TestGoldenRoles covers option paths of Roles beyond the cases of
// TestGoldenRolesAndPolicies.
func TestGoldenRoles(t *testing.T) {
	runGolden(t, []goldenTest{
		mgmtCase("Roles.Create_all_options", "roles.create.json", "createRole", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.Create(ctx, "editor", &RoleOptions{Description: String("Editors"), ParentCode: String("admin"), Namespace: "books"})
		}),
		mgmtCase("Roles.Update_rename", "roles.update.json", "updateRole", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.Update(ctx, "admin", &RoleOptions{NewCode: String("administrator"), Namespace: "books"})
		}),
		mgmtCase("Roles.AddUsers_namespace", "mgmt.assignRole.json", "assignRole", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.AddUsers(ctx, "admin", []string{bobID, "5f7ddfe62ba819802422362f"}, "books")
		}),
		mgmtCase("Roles.ListAuthorizedResources_all_types", "roles.authorizedResources.json", "role.authorizedResources", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.ListAuthorizedResources(ctx, "admin", "", "")
		}),
	})
}

func TestRolesNotFound(t *testing.T) {
	for _, tt := range []struct {
		name string
		call func(ctx context.Context, mc *ManagementClient) (any, error)
	}{
		{"Detail", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.Detail(ctx, "nobody", "")
		}},
		{"ListUsers", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.ListUsers(ctx, "nobody", "", nil)
		}},
		{"ListUsersWithCustomData", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.ListUsersWithCustomData(ctx, "nobody", "", nil)
		}},
		{"ListAuthorizedResources", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.ListAuthorizedResources(ctx, "nobody", "", "")
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := newReplay(t, "roles.detail.null.json")
			got, err := tt.call(context.Background(), r.mgmtClient())
			if !errors.Is(err, ErrNotFound) {
				t.Fatalf("Roles.%s() error = %v, want ErrNotFound", tt.name, err)
			}
			if !isNilResult(got) {
				t.Errorf("Roles.%s() = %v with an error, want nil", tt.name, got)
			}
		})
	}
}

func TestRolesInvalidArguments(t *testing.T) {
	for _, tt := range []struct {
		name string
		call func(ctx context.Context, mc *ManagementClient) (any, error)
	}{
		{"Create", func(ctx context.Context, mc *ManagementClient) (any, error) { return mc.Roles.Create(ctx, "", nil) }},
		{"Detail", func(ctx context.Context, mc *ManagementClient) (any, error) { return mc.Roles.Detail(ctx, "", "") }},
		{"Update", func(ctx context.Context, mc *ManagementClient) (any, error) { return mc.Roles.Update(ctx, "", nil) }},
		{"Delete", func(ctx context.Context, mc *ManagementClient) (any, error) { return mc.Roles.Delete(ctx, "", "") }},
		{"DeleteMany", func(ctx context.Context, mc *ManagementClient) (any, error) { return mc.Roles.DeleteMany(ctx, nil, "") }},
		{"ListUsers", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.ListUsers(ctx, "", "", nil)
		}},
		{"AddUsers no code", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.AddUsers(ctx, "", []string{bobID}, "")
		}},
		{"AddUsers no users", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.AddUsers(ctx, "admin", nil, "")
		}},
		{"RemoveUsers empty user", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.RemoveUsers(ctx, "admin", []string{bobID, ""}, "")
		}},
		{"ListPolicies", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.ListPolicies(ctx, "", nil)
		}},
		{"AddPolicies no code", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.AddPolicies(ctx, "", []string{"books-reader"})
		}},
		{"RemovePolicies no policies", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.RemovePolicies(ctx, "admin", nil)
		}},
		{"ListAuthorizedResources", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Roles.ListAuthorizedResources(ctx, "", "", "")
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			expectInvalidArgument(t, "Roles."+tt.name, tt.call)
		})
	}
}

func TestRolesUsersAll(t *testing.T) {
	r := newReplay(t, "roles.users.json") // one user, totalCount 1
	var n int
	for u, err := range r.mgmtClient().Roles.ListUsersIter(context.Background(), "admin", "books", &ListOptions{Limit: 10}) {
		if err != nil {
			t.Fatal(err)
		}
		if u.ID != bobID {
			t.Errorf("Roles.ListUsersIter() yielded %q, want %q", u.ID, bobID)
		}
		n++
	}
	if n != 1 || len(r.requests) != 1 {
		t.Errorf("Roles.ListUsersIter() yielded %d users in %d requests, want 1 in 1", n, len(r.requests))
	}
}

// expectInvalidArgument checks that call fails with ErrInvalidArgument and
// a nil result, without sending anything.
func expectInvalidArgument(t *testing.T, name string, call func(ctx context.Context, mc *ManagementClient) (any, error)) {
	t.Helper()
	r := newReplay(t, "rest.ok.json")
	got, err := call(context.Background(), r.mgmtClient())
	if !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("%s() error = %v, want ErrInvalidArgument", name, err)
	}
	if !isNilResult(got) {
		t.Errorf("%s() = %v with an error, want nil", name, got)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.requests) != 0 {
		t.Errorf("%s() sent %d requests for an invalid argument", name, len(r.requests))
	}
}

// isNilResult reports whether v is nil or a nil pointer (an error-only
// method's nil counts too).
func isNilResult(v any) bool {
	rv := reflect.ValueOf(v)
	return v == nil || (rv.Kind() == reflect.Pointer && rv.IsNil())
}
