package client

import (
	"context"
	"net/http"
	"slices"

	"github.com/authing-go/authing"
)

// Application access policies: who may use an application.

// AccessPolicyTargets names who an application access policy applies to:
// users, roles, groups or org nodes (TargetType) by id or code.
type AccessPolicyTargets struct {
	TargetType        authing.TargetType `json:"targetType"`
	TargetIdentifiers []string           `json:"targetIdentifiers"`
	// Namespace is the namespace code of roles; "" is not sent.
	Namespace string `json:"namespace,omitempty"`
	// InheritByChildren extends a policy on an org node to its children.
	InheritByChildren *bool `json:"inheritByChildren,omitempty"`
}

func (s *ACLService) accessPolicy(ctx context.Context, op, appID, action string, t AccessPolicyTargets) error {
	if appID == "" || t.TargetType == "" || len(t.TargetIdentifiers) == 0 || slices.Contains(t.TargetIdentifiers, "") {
		return argError(op, "app id, target type and non-empty targets are required")
	}
	return s.mc.gql.rest(ctx, restCall{method: http.MethodPost,
		path: pathf("/api/v2/applications/%s/authorization/", appID) + action, body: t}, nil)
}

// AllowAccessApplication lets targets access the application with REST
// POST /api/v2/applications/{appId}/authorization/allow.
func (s *ACLService) AllowAccessApplication(ctx context.Context, appID string, t AccessPolicyTargets) error {
	const op = "ACL.AllowAccessApplication"
	ctx = withOp(ctx, op)
	return s.accessPolicy(ctx, op, appID, "allow", t)
}

// DenyAccessApplication forbids targets to access the application with
// REST POST /api/v2/applications/{appId}/authorization/deny.
func (s *ACLService) DenyAccessApplication(ctx context.Context, appID string, t AccessPolicyTargets) error {
	const op = "ACL.DenyAccessApplication"
	ctx = withOp(ctx, op)
	return s.accessPolicy(ctx, op, appID, "deny", t)
}

// EnableApplicationAccessPolicies switches the targets' policies on with
// REST POST /api/v2/applications/{appId}/authorization/enable-effect.
func (s *ACLService) EnableApplicationAccessPolicies(ctx context.Context, appID string, t AccessPolicyTargets) error {
	const op = "ACL.EnableApplicationAccessPolicies"
	ctx = withOp(ctx, op)
	return s.accessPolicy(ctx, op, appID, "enable-effect", t)
}

// DisableApplicationAccessPolicies switches the targets' policies off with
// REST POST /api/v2/applications/{appId}/authorization/disable-effect.
func (s *ACLService) DisableApplicationAccessPolicies(ctx context.Context, appID string, t AccessPolicyTargets) error {
	const op = "ACL.DisableApplicationAccessPolicies"
	ctx = withOp(ctx, op)
	return s.accessPolicy(ctx, op, appID, "disable-effect", t)
}

// DeleteApplicationAccessPolicies removes the targets' policies with REST
// POST /api/v2/applications/{appId}/authorization/revoke.
func (s *ACLService) DeleteApplicationAccessPolicies(ctx context.Context, appID string, t AccessPolicyTargets) error {
	const op = "ACL.DeleteApplicationAccessPolicies"
	ctx = withOp(ctx, op)
	return s.accessPolicy(ctx, op, appID, "revoke", t)
}

// Default strategies of UpdateDefaultApplicationAccessPolicy.
const (
	AccessAllowAll = "ALLOW_ALL"
	AccessDenyAll  = "DENY_ALL"
)

// UpdateDefaultApplicationAccessPolicy sets what happens to users no policy
// names (AccessAllowAll or AccessDenyAll) with REST
// POST /api/v2/applications/{appId} {permissionStrategy: {defaultStrategy}},
// and returns the application as Authing answers it.
func (s *ACLService) UpdateDefaultApplicationAccessPolicy(ctx context.Context, appID, defaultStrategy string) (*authing.Application, error) {
	const op = "ACL.UpdateDefaultApplicationAccessPolicy"
	ctx = withOp(ctx, op)
	if appID == "" || (defaultStrategy != AccessAllowAll && defaultStrategy != AccessDenyAll) {
		return nil, argError(op, "app id and a default strategy of ALLOW_ALL or DENY_ALL are required")
	}
	var app *authing.Application
	if err := s.mc.gql.rest(ctx, restCall{method: http.MethodPost, path: pathf("/api/v2/applications/%s", appID),
		body: map[string]any{"permissionStrategy": map[string]string{"defaultStrategy": defaultStrategy}}}, &app); err != nil {
		return nil, err
	}
	return result(op, app, nil)
}
