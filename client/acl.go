package client

import (
	"context"
	"net/http"
	"slices"

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

// aclResult runs a REST call whose envelope data is the result: a null
// data without an error is noResult, never a nil result with a nil error.
func aclResult[T any](ctx context.Context, gql *gqlClient, op string, call restCall) (*T, error) {
	var out *T
	if err := gql.rest(ctx, call, &out); err != nil {
		return nil, err
	}
	if out == nil {
		return nil, noResult(op)
	}
	return out, nil
}

// RevokeTarget names targets of one type whose grants on a resource are
// revoked.
type RevokeTarget struct {
	TargetType        authing.TargetType
	TargetIdentifiers []string
}

// revokeOpt is one element of the opts of /api/v2/acl/revoke-resource,
// which names a single target.
type revokeOpt struct {
	TargetType       authing.TargetType `json:"targetType"`
	TargetIdentifier string             `json:"targetIdentifier"`
}

// RevokeResource takes back the grants of targets on a resource with REST
// POST /api/v2/acl/revoke-resource {namespace, resource, opts}, one opt
// {targetType, targetIdentifier} per target.
func (s *ACLService) RevokeResource(ctx context.Context, namespace, resource string, targets []RevokeTarget) error {
	const op = "ACL.RevokeResource"
	ctx = withOp(ctx, op)
	if namespace == "" || resource == "" || len(targets) == 0 {
		return argError(op, "namespace, resource and targets are required")
	}
	var opts []revokeOpt
	for _, t := range targets {
		if t.TargetType == "" || len(t.TargetIdentifiers) == 0 || slices.Contains(t.TargetIdentifiers, "") {
			return argError(op, "every target needs a type and non-empty identifiers")
		}
		for _, id := range t.TargetIdentifiers {
			opts = append(opts, revokeOpt{TargetType: t.TargetType, TargetIdentifier: id})
		}
	}
	return s.mc.gql.rest(ctx, restCall{method: http.MethodPost, path: "/api/v2/acl/revoke-resource",
		body: map[string]any{"namespace": namespace, "resource": resource, "opts": opts}}, nil)
}
