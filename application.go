package authing

import (
	"time"

	"github.com/authing-go/authing/internal/jsontime"
)

// Application is an application of the user pool. Lists and lookups may
// leave Description, Logo, RedirectURIs and Secret out; they are zero then,
// and so are the dates when the server sent none.
type Application struct {
	// ID is the application's ID (its app ID, sent as x-authing-app-id).
	ID string `json:"id"`
	// Name is the application's display name.
	Name string `json:"name"`
	// Identifier is the application's subdomain at Authing.
	Identifier string `json:"identifier"`
	// Description says what the application is.
	Description string `json:"description,omitempty"`
	// Logo is the URL of the application's logo.
	Logo string `json:"logo,omitempty"`
	// UserPoolID is the pool the application belongs to.
	UserPoolID string `json:"userPoolId,omitempty"`
	// RedirectURIs are the callback URLs the application may use.
	RedirectURIs []string `json:"redirectUris,omitempty"`
	// Secret is the application's secret; only administrators see it.
	Secret string `json:"secret,omitempty"`
	// CreatedAt is when the application was created.
	CreatedAt time.Time `json:"createdAt,omitzero"`
	// UpdatedAt is when it was last changed.
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
}

// UnmarshalJSON decodes an application; dates that are "" or null are
// left unset.
func (a *Application) UnmarshalJSON(b []byte) error {
	type plain Application
	return jsontime.Unmarshal(b, (*plain)(a))
}

// ApplicationList is one page of applications.
type ApplicationList struct {
	// TotalCount is the number of applications in all pages.
	TotalCount int `json:"totalCount"`
	// List is this page's applications.
	List []*Application `json:"list"`
}
