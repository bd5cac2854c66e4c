package authing

import (
	"time"

	"github.com/authing-go/authing/internal/jsontime"
)

// Node is a node (department) of an organization tree. OrgID, the
// descriptions, Code and the dates may be missing.
type Node struct {
	// ID is the node's ID.
	ID string `json:"id"`
	// OrgID is the organization the node belongs to.
	OrgID string `json:"orgId"`
	// Name is the node's name.
	Name string `json:"name"`
	// NameI18n is the name in other languages, as JSON text.
	NameI18n string `json:"nameI18n"`
	// Description says what the node is.
	Description string `json:"description"`
	// DescriptionI18n is the description in other languages, as JSON text.
	DescriptionI18n string `json:"descriptionI18n"`
	// Order places the node among its siblings.
	Order int `json:"order"`
	// Code is the node's code, unique in its organization.
	Code string `json:"code"`
	// Root is true for the organization's root node.
	Root bool `json:"root"`
	// Depth is the node's depth in the tree, 0 for the root.
	Depth int `json:"depth"`
	// Path lists the IDs of the nodes from the root to this one.
	Path []string `json:"path"`
	// CodePath lists their codes.
	CodePath []string `json:"codePath"`
	// NamePath lists their names.
	NamePath []string `json:"namePath"`
	// CreatedAt is when the node was created.
	CreatedAt time.Time `json:"createdAt,omitzero"`
	// UpdatedAt is when the node was last changed.
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
	// Children lists the IDs of the node's child nodes.
	Children []string `json:"children"`
}

// UnmarshalJSON decodes a node; dates that are "" or null are left unset.
func (n *Node) UnmarshalJSON(b []byte) error {
	type plain Node
	return jsontime.Unmarshal(b, (*plain)(n))
}

// Org is an organization: its root node and all its nodes.
type Org struct {
	// ID is the organization's ID.
	ID string `json:"id"`
	// TenantID is the tenant the organization belongs to, if any.
	TenantID string `json:"tenantId"`
	// RootNode is the organization's root node.
	RootNode *Node `json:"rootNode"`
	// Nodes are all the organization's nodes, the root included.
	Nodes []*Node `json:"nodes"`
}

// OrgList is one page of organizations.
type OrgList struct {
	// TotalCount is the number of organizations in all pages.
	TotalCount int `json:"totalCount"`
	// List is this page's organizations.
	List []*Org `json:"list"`
}

// UserDepartment is a department a user belongs to.
type UserDepartment struct {
	// Department is the department's node.
	Department *Node `json:"department"`
	// IsMainDepartment is true for the user's main department.
	IsMainDepartment bool `json:"isMainDepartment"`
	// JoinedAt is when the user joined it; nil when unknown.
	JoinedAt *time.Time `json:"joinedAt"`
}

// UnmarshalJSON decodes a membership; a joinedAt of "" or null is nil.
func (d *UserDepartment) UnmarshalJSON(b []byte) error {
	type plain UserDepartment
	return jsontime.Unmarshal(b, (*plain)(d))
}

// UserDepartmentList is the departments of a user.
type UserDepartmentList struct {
	// TotalCount is the number of departments.
	TotalCount int `json:"totalCount"`
	// List is the departments.
	List []*UserDepartment `json:"list"`
}
