package client

import (
	"context"
	"slices"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// assignRoles runs assignRole or revokeRole for users or nodes.
func assignRoles(ctx context.Context, gql *gqlClient, op string, add bool, roleCodes, userIDs, nodeCodes []string, namespace string) (*authing.CommonMessage, error) {
	if err := checkValues(op, "role code", roleCodes); err != nil {
		return nil, err
	}
	if err := checkValues(op, "target", append(append([]string{}, userIDs...), nodeCodes...)); err != nil {
		return nil, err
	}
	codes := make([]*string, len(roleCodes))
	for i := range roleCodes {
		codes[i] = &roleCodes[i]
	}
	if add {
		resp, err := generated.AssignRole(ctx, gql, optString(namespace), nil, codes, userIDs, nil, nodeCodes)
		return commonMessage(op, resp.AssignRole, err)
	}
	resp, err := generated.RevokeRole(ctx, gql, optString(namespace), nil, codes, userIDs, nil, nodeCodes)
	return commonMessage(op, resp.RevokeRole, err)
}

func groupMembers(ctx context.Context, gql *gqlClient, op string, add bool, code string, userIDs []string) (*authing.CommonMessage, error) {
	if code == "" {
		return nil, argError(op, "group code is required")
	}
	if err := checkValues(op, "user id", userIDs); err != nil {
		return nil, err
	}
	if add {
		resp, err := generated.AddUserToGroup(ctx, gql, userIDs, &code)
		return commonMessage(op, resp.AddUserToGroup, err)
	}
	resp, err := generated.RemoveUserFromGroup(ctx, gql, userIDs, &code)
	return commonMessage(op, resp.RemoveUserFromGroup, err)
}

// changeAssignments runs addPolicyAssignments or removePolicyAssignments.
func changeAssignments(ctx context.Context, gql *gqlClient, op string, add bool, policies []string, targetType authing.TargetType, targets []string, opts *AssignmentOptions) (*authing.CommonMessage, error) {
	if len(policies) == 0 || targetType == "" || len(targets) == 0 {
		return nil, argError(op, "policies, target type and targets are required")
	}
	if slices.Contains(policies, "") || slices.Contains(targets, "") {
		return nil, argError(op, "empty policy code or target")
	}
	if opts == nil {
		opts = &AssignmentOptions{}
	}
	if add {
		resp, err := generated.AddPolicyAssignments(ctx, gql, policies, targetType, targets, opts.InheritByChildren, optString(opts.Namespace))
		return commonMessage(op, resp.AddPolicyAssignments, err)
	}
	resp, err := generated.RemovePolicyAssignments(ctx, gql, policies, targetType, targets, optString(opts.Namespace))
	return commonMessage(op, resp.RemovePolicyAssignments, err)
}

// listAssignments runs the policyAssignments query for a policy code or a
// target.
func listAssignments(ctx context.Context, gql *gqlClient, op, code string, targetType authing.TargetType, targetID string, opts *ListOptions) (*authing.PolicyAssignmentList, error) {
	page, limit := opts.pageArgs()
	var tt *authing.TargetType
	if targetType != "" {
		tt = &targetType
	}
	resp, err := generated.PolicyAssignments(ctx, gql, nil, optString(code), tt, optString(targetID), page, limit)
	return result(op, resp.PolicyAssignments, err)
}
