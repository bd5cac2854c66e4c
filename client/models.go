package client

import (
	"encoding/json"
	"time"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/internal/jsontime"
)

// Application is an application of the user pool.
type Application struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Identifier   string   `json:"identifier"`
	Description  string   `json:"description,omitempty"`
	Logo         string   `json:"logo,omitempty"`
	UserPoolID   string   `json:"userPoolId,omitempty"`
	RedirectURIs []string `json:"redirectUris,omitempty"`
	Secret       string   `json:"secret,omitempty"`
	// CreatedAt and UpdatedAt are zero when the server sent no date.
	CreatedAt time.Time `json:"createdAt,omitzero"`
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
}

// UnmarshalJSON decodes a Application; dates that are "" or null are left unset.
func (a *Application) UnmarshalJSON(b []byte) error {
	type plain Application
	return jsontime.Unmarshal(b, (*plain)(a))
}

// ApplicationList is one page of applications.
type ApplicationList struct {
	TotalCount int            `json:"totalCount"`
	List       []*Application `json:"list"`
}

// UserExistsQuery names the account to look for; set at least one field.
type UserExistsQuery struct {
	Username   *string
	Email      *string
	Phone      *string
	ExternalID *string
}

// ResourceAction is an action a resource supports, such as "books:read".
type ResourceAction struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// Resource is a protected resource of a namespace.
type Resource struct {
	ID          string               `json:"id"`
	Code        string               `json:"code"`
	Type        authing.ResourceType `json:"type"`
	Description string               `json:"description"`
	Actions     []ResourceAction     `json:"actions"`
	// APIIdentifier is the URL of an API resource.
	APIIdentifier *string `json:"apiIdentifier"`
	NamespaceID   int     `json:"namespaceId"`
	// Namespace is the namespace's code; lists include it, single
	// resources do not.
	Namespace  string `json:"namespace,omitempty"`
	UserPoolID string `json:"userPoolId"`
	// CreatedAt and UpdatedAt are zero when the server sent no date.
	CreatedAt time.Time `json:"createdAt,omitzero"`
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
}

// UnmarshalJSON decodes a Resource; dates that are "" or null are left unset.
func (r *Resource) UnmarshalJSON(b []byte) error {
	type plain Resource
	return jsontime.Unmarshal(b, (*plain)(r))
}

// ResourceList is one page of resources.
type ResourceList struct {
	TotalCount int         `json:"totalCount"`
	List       []*Resource `json:"list"`
}

// ResourceInput holds a resource's fields for create and update; empty
// and nil fields are not sent.
type ResourceInput struct {
	Type          authing.ResourceType `json:"type,omitempty"`
	Description   *string              `json:"description,omitempty"`
	Actions       []ResourceAction     `json:"actions,omitempty"`
	APIIdentifier *string              `json:"apiIdentifier,omitempty"`
}

// ResourceListOptions filter ListResources.
type ResourceListOptions struct {
	ListOptions
	// Type keeps resources of one type; all types when "".
	Type authing.ResourceType
}

// UserAction is one entry of the users' action log.
type UserAction struct {
	UserPoolID    string `json:"userpoolId"`
	UserID        string `json:"userId"`
	Username      string `json:"username"`
	IP            string `json:"ip"`
	UserAgent     string `json:"ua"`
	Device        string `json:"device"`
	Browser       string `json:"browser"`
	OS            string `json:"os"`
	CityName      string `json:"cityName"`
	RegionName    string `json:"regionName,omitempty"`
	ProvinceName  string `json:"provinceName"`
	CountryName   string `json:"countryName"`
	OperationName string `json:"operationName"`
	OperationDesc string `json:"operationDesc"`
	AppID         string `json:"appId"`
	AppName       string `json:"appName"`
	Success       bool   `json:"success"`
	// CreatedAt is when the record was written; zero when not sent.
	CreatedAt time.Time `json:"createdAt,omitzero"`
	// Timestamp is when the action happened (the server sends RFC 3339 or
	// Unix milliseconds); zero when not sent.
	Timestamp time.Time `json:"timestamp,omitzero"`
}

// rawUserAction is an action as Authing's log service writes it: snake
// case, with the user, location and application nested. The official
// SDKs flatten it the same way UnmarshalJSON does.
type rawUserAction struct {
	UserPoolID    string `json:"userpool_id"`
	OperationName string `json:"operation_name"`
	OperationDesc string `json:"operation_desc"`
	AppID         string `json:"app_id"`
	User          *struct {
		ID          string `json:"id"`
		DisplayName string `json:"displayName"`
		Username    string `json:"username"`
	} `json:"user"`
	GeoIP *struct {
		IP          string `json:"ip"`
		CityName    string `json:"city_name"`
		RegionName  string `json:"region_name"`
		CountryName string `json:"country_name"`
	} `json:"geoip"`
	App *struct {
		Name string `json:"name"`
	} `json:"app"`
}

// UnmarshalJSON reads an action in either shape the endpoint is known to
// answer: Authing's raw log record (userpool_id, user.id, geoip.ip, ...) or
// the flat camelCase one; a field present in both keeps the flat value.
func (a *UserAction) UnmarshalJSON(b []byte) error {
	type flat UserAction
	var f flat
	if err := jsontime.Unmarshal(b, &f); err != nil {
		return err
	}
	var r rawUserAction
	if err := json.Unmarshal(b, &r); err != nil {
		return err
	}
	fill := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	fill(&f.UserPoolID, r.UserPoolID)
	fill(&f.OperationName, r.OperationName)
	fill(&f.OperationDesc, r.OperationDesc)
	fill(&f.AppID, r.AppID)
	if u := r.User; u != nil {
		fill(&f.UserID, u.ID)
		fill(&f.Username, u.DisplayName)
		fill(&f.Username, u.Username)
	}
	if g := r.GeoIP; g != nil {
		fill(&f.IP, g.IP)
		fill(&f.CityName, g.CityName)
		fill(&f.RegionName, g.RegionName)
		fill(&f.CountryName, g.CountryName)
	}
	if r.App != nil {
		fill(&f.AppName, r.App.Name)
	}
	*a = UserAction(f)
	return nil
}

// UserActionList is one page of the action log.
type UserActionList struct {
	TotalCount int           `json:"totalCount"`
	List       []*UserAction `json:"list"`
}

// UserActionOptions filter ListUserActions.
type UserActionOptions struct {
	ListOptions
	ClientIP      string
	OperationName string
	OperatorARN   string
}

// PhoneCode is a phone number with the verification code SendSMSCode sent
// to it. It proves the caller holds the phone in ResetPasswordByPhoneCode
// and VerifyAppSMSMFA; both fields are required.
type PhoneCode struct {
	Phone string
	Code  string
}

// EmailCode is an email address with the verification code SendEmail sent
// to it. It proves the caller holds the mailbox in ResetPasswordByEmailCode
// and VerifyAppEmailMFA; both fields are required.
type EmailCode struct {
	Email string
	Code  string
}

// PasswordChange is a change from the Old password to the New one, for
// UserClient.UpdatePassword and ResetPasswordWithForceReset. New is
// always required; whether Old may be "" depends on the method. Both are
// sent RSA-encrypted and kept out of logs.
type PasswordChange struct {
	Old string
	New string
}

// RoleRef names a role: its Code (required) in Namespace ("" for the
// user pool's default namespace). Users.HasRole and UserClient.HasRole
// take it.
type RoleRef struct {
	Code      string
	Namespace string
}
