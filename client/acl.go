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

// Allow lets users or roles perform action on resource (such as
// "books:1" and "books:read") in namespace, with the allow mutation.
func (s *ACLService) Allow(ctx context.Context, resource, action, namespace string, opts AllowOptions) (*authing.CommonMessage, error) {
	const op = "ACL.Allow"
	ctx = withOp(ctx, op)
	if resource == "" || action == "" {
		return nil, argError(op, "resource and action are required")
	}
	if opts.UserID == nil && len(opts.UserIDs) == 0 && opts.RoleCode == nil && len(opts.RoleCodes) == 0 {
		return nil, argError(op, "name at least one user or role")
	}
	resp, err := generated.Allow(ctx, s.mc.gql, resource, action, opts.UserID, opts.UserIDs, opts.RoleCode, opts.RoleCodes, optString(namespace))
	return commonMessage(op, resp.Allow, err)
}

// IsAllowed reports whether the user may perform action on resource in
// namespace (directly, through roles, groups or policies), with the
// isActionAllowed query.
func (s *ACLService) IsAllowed(ctx context.Context, userID, action, resource, namespace string) (bool, error) {
	const op = "ACL.IsAllowed"
	ctx = withOp(ctx, op)
	if userID == "" || action == "" || resource == "" {
		return false, argError(op, "user id, action and resource are required")
	}
	resp, err := generated.IsActionAllowed(ctx, s.mc.gql, resource, action, userID, optString(namespace))
	if err != nil {
		return false, err
	}
	return resp.IsActionAllowed, nil
}

// IsDenied reports whether a policy explicitly denies the user action on
// resource, with the isActionDenied query.
func (s *ACLService) IsDenied(ctx context.Context, userID, action, resource, namespace string) (bool, error) {
	const op = "ACL.IsDenied"
	ctx = withOp(ctx, op)
	if userID == "" || action == "" || resource == "" {
		return false, argError(op, "user id, action and resource are required")
	}
	resp, err := generated.IsActionDenied(ctx, s.mc.gql, resource, action, userID, optString(namespace))
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
