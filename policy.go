package authing

import (
	"encoding/json"
	"time"

	"github.com/authing-go/authing/internal/jsontime"
)

// Policy is an access policy: statements that allow or deny actions on
// resources. Description and the dates may be missing.
type Policy struct {
	// Namespace is the code of the policy's namespace.
	Namespace string `json:"namespace"`
	// Code is the policy's code, unique within its namespace.
	Code string `json:"code"`
	// IsDefault is true for policies Authing defines.
	IsDefault bool `json:"isDefault"`
	// Description says what the policy is for.
	Description string `json:"description"`
	// Statements are the policy's rules.
	Statements []*PolicyStatement `json:"statements"`
	// CreatedAt is when the policy was created.
	CreatedAt time.Time `json:"createdAt,omitzero"`
	// UpdatedAt is when the policy was last changed.
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
	// AssignmentsCount is how many targets the policy is assigned to.
	AssignmentsCount int `json:"assignmentsCount"`
}

// UnmarshalJSON decodes a policy; dates that are "" or null are left unset.
func (p *Policy) UnmarshalJSON(b []byte) error {
	type plain Policy
	return jsontime.Unmarshal(b, (*plain)(p))
}

// PolicyStatement is one rule of a policy: actions allowed (or denied) on
// the resources matching a pattern such as "books:*".
type PolicyStatement struct {
	// Resource is the resource pattern.
	Resource string `json:"resource"`
	// Actions are the actions the rule covers, such as "books:read".
	Actions []string `json:"actions"`
	// Effect is EffectAllow or EffectDeny; "" when the server sent none.
	Effect PolicyEffect `json:"effect"`
	// Condition limits when the rule applies; nil when it always does.
	Condition []*PolicyCondition `json:"condition"`
}

// PolicyCondition is one condition of a policy statement.
type PolicyCondition struct {
	// Param is the request parameter the condition tests.
	Param string `json:"param"`
	// Operator is the comparison, such as "StringEquals".
	Operator string `json:"operator"`
	// Value is the value compared with, as JSON.
	Value json.RawMessage `json:"value"`
}

// PolicyList is one page of policies and the total count.
type PolicyList struct {
	// TotalCount is the number of policies in all pages.
	TotalCount int `json:"totalCount"`
	// List is this page's policies.
	List []*Policy `json:"list"`
}

// PolicyAssignment links a policy to a user, role, group, org node or
// programmatic access account.
type PolicyAssignment struct {
	// Code is the policy's code.
	Code string `json:"code"`
	// TargetType is the kind of target.
	TargetType TargetType `json:"targetType"`
	// TargetIdentifier is the target's ID or code.
	TargetIdentifier string `json:"targetIdentifier"`
}

// PolicyAssignmentList is one page of policy assignments.
type PolicyAssignmentList struct {
	// TotalCount is the number of assignments in all pages.
	TotalCount int `json:"totalCount"`
	// List is this page's assignments.
	List []*PolicyAssignment `json:"list"`
}

// PolicyStatementInput is one rule of a policy to create or update.
type PolicyStatementInput struct {
	// Resource is the resource pattern, such as "books:*".
	Resource string `json:"resource"`
	// Actions are the actions the rule covers.
	Actions []string `json:"actions"`
	// Effect is EffectAllow or EffectDeny; the server's default (allow) when nil.
	Effect *PolicyEffect `json:"effect,omitempty"`
	// Condition limits when the rule applies; none when nil.
	Condition []*PolicyConditionInput `json:"condition,omitempty"`
}

// PolicyConditionInput is one condition of a policy statement to create.
type PolicyConditionInput struct {
	// Param is the request parameter the condition tests.
	Param string `json:"param"`
	// Operator is the comparison, such as "StringEquals".
	Operator string `json:"operator"`
	// Value is the value compared with, as JSON.
	Value json.RawMessage `json:"value"`
}

// PolicyEffect is whether a policy statement allows or denies.
type PolicyEffect string

// The policy effects.
const (
	EffectAllow PolicyEffect = "ALLOW"
	EffectDeny  PolicyEffect = "DENY"
)

// TargetType is the kind of target a policy or grant applies to.
type TargetType string

// The target types.
const (
	TargetUser  TargetType = "USER"
	TargetRole  TargetType = "ROLE"
	TargetGroup TargetType = "GROUP"
	TargetOrg   TargetType = "ORG"
	TargetAKSK  TargetType = "AK_SK"
)
