package client

import (
	"context"
	"iter"
	"slices"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// PolicyListOptions are the options of Policies.List.
type PolicyListOptions struct {
	ListOptions
	Namespace      string
	ExcludeDefault *bool
}

// List returns one page of policies with the policies query.
func (s *PoliciesService) List(ctx context.Context, opts *PolicyListOptions) (*authing.PolicyList, error) {
	const op = "Policies.List"
	ctx = withOp(ctx, op)
	if opts == nil {
		opts = &PolicyListOptions{}
	}
	page, limit := opts.pageArgs()
	resp, err := generated.Policies(ctx, s.mc.gql, page, limit, optString(opts.Namespace), opts.ExcludeDefault)
	return result(op, resp.Policies, err)
}

// ListIter walks every page of List, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (s *PoliciesService) ListIter(ctx context.Context, opts *PolicyListOptions) iter.Seq2[*authing.Policy, error] {
	return listIter(ctx, opts, s.List, policyPage)
}

// PolicyOptions are the optional values of Policies.Create and Update.
type PolicyOptions struct {
	Description *string
	Namespace   string
	// NewCode renames the policy (Update only).
	NewCode *string
}

// Create creates a policy with the createPolicy mutation.
func (s *PoliciesService) Create(ctx context.Context, code string, statements []*authing.PolicyStatementInput, opts *PolicyOptions) (*authing.Policy, error) {
	const op = "Policies.Create"
	ctx = withOp(ctx, op)
	if code == "" || len(statements) == 0 {
		return nil, argError(op, "code and at least one statement are required")
	}
	if slices.Contains(statements, nil) {
		return nil, argError(op, "nil statement")
	}
	if opts == nil {
		opts = &PolicyOptions{}
	}
	resp, err := generated.CreatePolicy(ctx, s.mc.gql, code, statements, optString(opts.Namespace), opts.Description)
	return result(op, resp.CreatePolicy, err)
}

// Detail returns the policy with the policy query, or an error wrapping
// ErrNotFound when there is none.
func (s *PoliciesService) Detail(ctx context.Context, code, namespace string) (*authing.Policy, error) {
	const op = "Policies.Detail"
	ctx = withOp(ctx, op)
	if code == "" {
		return nil, argError(op, "code is required")
	}
	resp, err := generated.Policy(ctx, s.mc.gql, code, optString(namespace))
	if err != nil {
		return nil, err
	}
	if resp.Policy == nil {
		return nil, notFound(op, "policy "+code)
	}
	return resp.Policy, nil
}

// Update changes a policy's statements (when not nil), description or code
// with the updatePolicy mutation.
func (s *PoliciesService) Update(ctx context.Context, code string, statements []*authing.PolicyStatementInput, opts *PolicyOptions) (*authing.Policy, error) {
	const op = "Policies.Update"
	ctx = withOp(ctx, op)
	if code == "" {
		return nil, argError(op, "code is required")
	}
	if slices.Contains(statements, nil) {
		return nil, argError(op, "nil statement")
	}
	if opts == nil {
		opts = &PolicyOptions{}
	}
	resp, err := generated.UpdatePolicy(ctx, s.mc.gql, code, statements, optString(opts.Namespace), opts.Description, opts.NewCode)
	return result(op, resp.UpdatePolicy, err)
}

// Delete deletes a policy with the deletePolicy mutation.
func (s *PoliciesService) Delete(ctx context.Context, code, namespace string) (*authing.CommonMessage, error) {
	const op = "Policies.Delete"
	ctx = withOp(ctx, op)
	if code == "" {
		return nil, argError(op, "code is required")
	}
	resp, err := generated.DeletePolicy(ctx, s.mc.gql, code, optString(namespace))
	return commonMessage(op, resp.DeletePolicy, err)
}

// DeleteMany deletes policies with the deletePolicies mutation.
func (s *PoliciesService) DeleteMany(ctx context.Context, codes []string, namespace string) (*authing.CommonMessage, error) {
	const op = "Policies.DeleteMany"
	ctx = withOp(ctx, op)
	if len(codes) == 0 {
		return nil, argError(op, "at least one code is required")
	}
	resp, err := generated.DeletePolicies(ctx, s.mc.gql, codes, optString(namespace))
	return commonMessage(op, resp.DeletePolicies, err)
}

// ListAssignments returns one page of the policy's assignments with the
// policyAssignments query.
func (s *PoliciesService) ListAssignments(ctx context.Context, code string, opts *ListOptions) (*authing.PolicyAssignmentList, error) {
	const op = "Policies.ListAssignments"
	ctx = withOp(ctx, op)
	if code == "" {
		return nil, argError(op, "code is required")
	}
	return listAssignments(ctx, s.mc.gql, op, code, "", "", opts)
}

// ListAssignmentsIter walks every page of ListAssignments, yielding each item: opts.Page is
// ignored and opts.Limit is the page size (default 50). It stops at the
// first error, which it yields.
func (s *PoliciesService) ListAssignmentsIter(ctx context.Context, code string, opts *ListOptions) iter.Seq2[*authing.PolicyAssignment, error] {
	return listIter(ctx, opts, func(ctx context.Context, o *ListOptions) (*authing.PolicyAssignmentList, error) {
		return s.ListAssignments(ctx, code, o)
	}, assignmentPage)
}

// AssignmentOptions are the optional values of policy assignments.
type AssignmentOptions struct {
	// InheritByChildren extends an assignment to an org node's children.
	InheritByChildren *bool
	Namespace         string
}

// AddAssignments assigns policies to targets of one type with the
// addPolicyAssignments mutation.
func (s *PoliciesService) AddAssignments(ctx context.Context, policies []string, targetType authing.TargetType, targetIdentifiers []string, opts *AssignmentOptions) (*authing.CommonMessage, error) {
	const op = "Policies.AddAssignments"
	ctx = withOp(ctx, op)
	return changeAssignments(ctx, s.mc.gql, op, true, policies, targetType, targetIdentifiers, opts)
}

// RemoveAssignments takes policies back from targets with the
// removePolicyAssignments mutation.
func (s *PoliciesService) RemoveAssignments(ctx context.Context, policies []string, targetType authing.TargetType, targetIdentifiers []string, opts *AssignmentOptions) (*authing.CommonMessage, error) {
	const op = "Policies.RemoveAssignments"
	ctx = withOp(ctx, op)
	return changeAssignments(ctx, s.mc.gql, op, false, policies, targetType, targetIdentifiers, opts)
}

// EnableAssignment switches one assignment on with the
// enablePolicyAssignment mutation.
func (s *PoliciesService) EnableAssignment(ctx context.Context, policy string, targetType authing.TargetType, targetIdentifier, namespace string) (*authing.CommonMessage, error) {
	const op = "Policies.EnableAssignment"
	ctx = withOp(ctx, op)
	if policy == "" || targetType == "" || targetIdentifier == "" {
		return nil, argError(op, "policy, target type and target are required")
	}
	resp, err := generated.EnablePolicyAssignment(ctx, s.mc.gql, policy, targetType, targetIdentifier, optString(namespace))
	return commonMessage(op, resp.EnablePolicyAssignment, err)
}

// DisableAssignment switches one assignment off with the
// disbalePolicyAssignment mutation (the schema's spelling).
func (s *PoliciesService) DisableAssignment(ctx context.Context, policy string, targetType authing.TargetType, targetIdentifier, namespace string) (*authing.CommonMessage, error) {
	const op = "Policies.DisableAssignment"
	ctx = withOp(ctx, op)
	if policy == "" || targetType == "" || targetIdentifier == "" {
		return nil, argError(op, "policy, target type and target are required")
	}
	resp, err := generated.DisablePolicyAssignment(ctx, s.mc.gql, policy, targetType, targetIdentifier, optString(namespace))
	return commonMessage(op, resp.DisbalePolicyAssignment, err)
}
