package client

import (
	"context"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// AllowOptions name who an Allow grant is for: users, roles, or both.
type AllowOptions struct {
	UserID    *string
	UserIDs   []string
	RoleCode  *string
	RoleCodes []string
}

// Permission is an action on a resource in a namespace, such as
// {Resource: "books:1", Action: "books:read", Namespace: "library"}.
// Resource and Action are required; Namespace "" is the user pool's
// default namespace. Allow grants one; IsAllowed and IsDenied check one.
type Permission struct {
	Resource  string
	Action    string
	Namespace string
}

// Allow grants perm to the users or roles that to names, with the allow
// mutation.
func (s *ACLService) Allow(ctx context.Context, perm Permission, to AllowOptions) (*authing.CommonMessage, error) {
	const op = "ACL.Allow"
	ctx = withOp(ctx, op)
	if perm.Resource == "" || perm.Action == "" {
		return nil, argError(op, "resource and action are required")
	}
	if to.UserID == nil && len(to.UserIDs) == 0 && to.RoleCode == nil && len(to.RoleCodes) == 0 {
		return nil, argError(op, "name at least one user or role")
	}
	resp, err := generated.Allow(ctx, s.mc.gql, perm.Resource, perm.Action, to.UserID, to.UserIDs, to.RoleCode, to.RoleCodes, optString(perm.Namespace))
	return commonMessage(op, resp.Allow, err)
}

// IsAllowed reports whether the user has perm (directly, through roles,
// groups or policies), with the isActionAllowed query.
func (s *ACLService) IsAllowed(ctx context.Context, userID string, perm Permission) (bool, error) {
	const op = "ACL.IsAllowed"
	ctx = withOp(ctx, op)
	if userID == "" || perm.Action == "" || perm.Resource == "" {
		return false, argError(op, "user id, action and resource are required")
	}
	resp, err := generated.IsActionAllowed(ctx, s.mc.gql, perm.Resource, perm.Action, userID, optString(perm.Namespace))
	if err != nil {
		return false, err
	}
	return resp.IsActionAllowed, nil
}

// IsDenied reports whether a policy explicitly denies the user perm, with
// the isActionDenied query.
func (s *ACLService) IsDenied(ctx context.Context, userID string, perm Permission) (bool, error) {
	const op = "ACL.IsDenied"
	ctx = withOp(ctx, op)
	if userID == "" || perm.Action == "" || perm.Resource == "" {
		return false, argError(op, "user id, action and resource are required")
	}
	resp, err := generated.IsActionDenied(ctx, s.mc.gql, perm.Resource, perm.Action, userID, optString(perm.Namespace))
	if err != nil {
		return false, err
	}
	return resp.IsActionDenied, nil
}

// AuthorizeResource grants targets actions on a resource of namespace with
// the authorizeResource mutation.
func (s *ACLService) AuthorizeResource(ctx context.Context, namespace, resource string, resourceType authing.ResourceType, opts []*authing.AuthorizeResourceOpt) (*authing.CommonMessage, error) {
	const op = "ACL.AuthorizeResource"
	ctx = withOp(ctx, op)
	if namespace == "" || resource == "" || len(opts) == 0 {
		return nil, argError(op, "namespace, resource and at least one target are required")
	}
	var rt *authing.ResourceType
	if resourceType != "" {
		rt = &resourceType
	}
	resp, err := generated.AuthorizeResource(ctx, s.mc.gql, &namespace, rt, &resource, opts)
	return commonMessage(op, resp.AuthorizeResource, err)
}

// ListAuthorizedResources returns the resources a target may act on, with
// the authorizedResources query.
func (s *ACLService) ListAuthorizedResources(ctx context.Context, namespace string, targetType authing.TargetType, targetIdentifier string, resourceType authing.ResourceType) (*authing.AuthorizedResourceList, error) {
	const op = "ACL.ListAuthorizedResources"
	ctx = withOp(ctx, op)
	if namespace == "" || targetType == "" || targetIdentifier == "" {
		return nil, argError(op, "namespace, target type and target are required")
	}
	resp, err := generated.AuthorizedResources(ctx, s.mc.gql, &targetType, &targetIdentifier, &namespace, optString(string(resourceType)))
	return result(op, resp.AuthorizedResources, err)
}

// AuthorizedTargetsOptions filter GetAuthorizedTargets.
type AuthorizedTargetsOptions struct {
	TargetType *authing.TargetType
	// Actions keeps targets granted these actions: all of them with
	// OperatorAnd, any with OperatorOr.
	Actions  []string
	Operator authing.Operator
}

// GetAuthorizedTargets returns who was granted actions on a resource, with
// the authorizedTargets query.
func (s *ACLService) GetAuthorizedTargets(ctx context.Context, namespace string, resourceType authing.ResourceType, resource string, opts *AuthorizedTargetsOptions) (*authing.AuthorizedTargetList, error) {
	const op = "ACL.GetAuthorizedTargets"
	ctx = withOp(ctx, op)
	if namespace == "" || resourceType == "" || resource == "" {
		return nil, argError(op, "namespace, resource type and resource are required")
	}
	if opts == nil {
		opts = &AuthorizedTargetsOptions{}
	}
	var actions *generated.AuthorizedTargetsActionsInput
	if len(opts.Actions) > 0 {
		list := make([]*string, len(opts.Actions))
		for i := range opts.Actions {
			list[i] = &opts.Actions[i]
		}
		operator := opts.Operator
		if operator == "" {
			operator = authing.OperatorOr
		}
		actions = &generated.AuthorizedTargetsActionsInput{Op: operator, List: list}
	}
	resp, err := generated.AuthorizedTargets(ctx, s.mc.gql, namespace, resourceType, resource, opts.TargetType, actions)
	return result(op, resp.AuthorizedTargets, err)
}
