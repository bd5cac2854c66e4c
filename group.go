package authing

import (
	"time"

	"github.com/authing-go/authing/internal/jsontime"
)

// Group is a user group. Description and the dates may be missing.
type Group struct {
	// Code is the group's code, unique in the pool.
	Code string `json:"code"`
	// Name is the group's display name.
	Name string `json:"name"`
	// Description says what the group is for.
	Description string `json:"description"`
	// CreatedAt is when the group was created.
	CreatedAt time.Time `json:"createdAt,omitzero"`
	// UpdatedAt is when the group was last changed.
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
}

// UnmarshalJSON decodes a group; dates that are "" or null are left unset.
func (g *Group) UnmarshalJSON(b []byte) error {
	type plain Group
	return jsontime.Unmarshal(b, (*plain)(g))
}

// GroupList is one page of groups and the total count.
type GroupList struct {
	// TotalCount is the number of groups in all pages.
	TotalCount int `json:"totalCount"`
	// List is this page's groups.
	List []*Group `json:"list"`
}
