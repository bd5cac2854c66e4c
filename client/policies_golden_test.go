package client

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/authing-go/authing"
)

// TestGoldenPolicies covers option paths of Policies beyond the cases of
// TestGoldenRolesAndPolicies.
func TestGoldenPolicies(t *testing.T) {
	deny := authing.EffectDeny
	statements := []*authing.PolicyStatementInput{
		{Resource: "books:*", Actions: []string{"books:read"}},
		{Resource: "books:secret", Actions: []string{"books:read"}, Effect: &deny,
			Condition: []*authing.PolicyConditionInput{{Param: "UserPoolId", Operator: "StringEquals", Value: json.RawMessage(`["5f7a993eb9b49dcd5c021e40"]`)}}},
	}
	runGolden(t, []goldenTest{
		mgmtCase("Policies.Create_deny_in_namespace", "policies.create.json", "createPolicy", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.Create(ctx, "books-reader", statements, &PolicyOptions{Namespace: "books"})
		}),
		mgmtCase("Policies.Update_statements_and_code", "policies.update.json", "updatePolicy", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.Update(ctx, "books-reader", statements[:1], &PolicyOptions{NewCode: String("books-readers"), Namespace: "books"})
		}),
		mgmtCase("Policies.AddAssignments_namespace", "mgmt.addPolicyAssignments.json", "addPolicyAssignments", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.AddAssignments(ctx, []string{"books-reader", "books-writer"}, authing.TargetGroup, []string{"staff"}, &AssignmentOptions{Namespace: "books"})
		}),
		mgmtCase("Policies.DisableAssignment_namespace", "policies.disable.json", "disbalePolicyAssignment", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.DisableAssignment(ctx, "books-reader", authing.TargetRole, "editor", "books")
		}),
	})
}

func TestPoliciesDetailNotFound(t *testing.T) {
	r := newReplay(t, "policies.detail.null.json")
	p, err := r.mgmtClient().Policies.Detail(context.Background(), "nothing", "")
	if !errors.Is(err, ErrNotFound) || p != nil {
		t.Fatalf("Policies.Detail() = %v, %v; want nil, ErrNotFound", p, err)
	}
}

func TestPoliciesInvalidArguments(t *testing.T) {
	ok := []*authing.PolicyStatementInput{{Resource: "books:*", Actions: []string{"books:read"}}}
	for _, tt := range []struct {
		name string
		call func(ctx context.Context, mc *ManagementClient) (any, error)
	}{
		{"Create no code", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.Create(ctx, "", ok, nil)
		}},
		{"Create no statements", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.Create(ctx, "p", nil, nil)
		}},
		{"Create nil statement", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.Create(ctx, "p", []*authing.PolicyStatementInput{nil}, nil)
		}},
		{"Detail", func(ctx context.Context, mc *ManagementClient) (any, error) { return mc.Policies.Detail(ctx, "", "") }},
		{"Update", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.Update(ctx, "", ok, nil)
		}},
		{"Delete", func(ctx context.Context, mc *ManagementClient) (any, error) { return mc.Policies.Delete(ctx, "", "") }},
		{"DeleteMany", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.DeleteMany(ctx, nil, "")
		}},
		{"ListAssignments", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.ListAssignments(ctx, "", nil)
		}},
		{"AddAssignments no type", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.AddAssignments(ctx, []string{"p"}, "", []string{bobID}, nil)
		}},
		{"AddAssignments empty target", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.AddAssignments(ctx, []string{"p"}, authing.TargetUser, []string{bobID, ""}, nil)
		}},
		{"RemoveAssignments empty policy", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.RemoveAssignments(ctx, []string{""}, authing.TargetUser, []string{bobID}, nil)
		}},
		{"EnableAssignment", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.EnableAssignment(ctx, "p", authing.TargetUser, "", "")
		}},
		{"DisableAssignment", func(ctx context.Context, mc *ManagementClient) (any, error) {
			return mc.Policies.DisableAssignment(ctx, "", authing.TargetUser, bobID, "")
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			expectInvalidArgument(t, "Policies."+tt.name, tt.call)
		})
	}
}

func TestPoliciesAssignmentsAll(t *testing.T) {
	r := newReplay(t, "mgmt.policyAssignments.json")
	var n int
	for a, err := range r.mgmtClient().Policies.ListAssignmentsIter(context.Background(), "books-reader", nil) {
		if err != nil {
			t.Fatal(err)
		}
		if a == nil {
			t.Fatal("Policies.ListAssignmentsIter() yielded nil")
		}
		n++
	}
	want := len(responseData(t, "mgmt.policyAssignments.json", "policyAssignments.list").([]any))
	if n != want {
		t.Errorf("Policies.ListAssignmentsIter() yielded %d, want %d", n, want)
	}
}
