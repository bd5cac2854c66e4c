package authing

import (
	"time"

	"github.com/authing-go/authing/internal/jsontime"
)

// Role is a role of a namespace. Description, Parent and the dates may be
// missing: zero, nil and the zero time then.
type Role struct {
	// ID is the role's ID.
	ID string `json:"id"`
	// Namespace is the code of the role's namespace ("default" for the pool's own).
	Namespace string `json:"namespace"`
	// Code is the role's code, unique within its namespace.
	Code string `json:"code"`
	// ARN is the role's Authing resource name.
	ARN string `json:"arn"`
	// Description says what the role is for.
	Description string `json:"description"`
	// IsSystem is true for roles Authing defines, which cannot be deleted.
	IsSystem bool `json:"isSystem"`
	// CreatedAt is when the role was created.
	CreatedAt time.Time `json:"createdAt,omitzero"`
	// UpdatedAt is when the role was last changed.
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
	// Parent is the role this one inherits from; nil when none.
	Parent *ParentRole `json:"parent"`
}

// UnmarshalJSON decodes a role; dates that are "" or null are left unset.
func (r *Role) UnmarshalJSON(b []byte) error {
	type plain Role
	return jsontime.Unmarshal(b, (*plain)(r))
}

// ParentRole names the role a role inherits from.
type ParentRole struct {
	// Code is the parent role's code.
	Code string `json:"code"`
	// Namespace is the parent role's namespace.
	Namespace string `json:"namespace"`
	// ARN is the parent role's Authing resource name.
	ARN string `json:"arn"`
	// Description says what the parent role is for.
	Description string `json:"description"`
}

// RoleList is one page of roles and the total count.
type RoleList struct {
	// TotalCount is the number of roles in all pages.
	TotalCount int `json:"totalCount"`
	// List is this page's roles.
	List []*Role `json:"list"`
}
