package client

import (
	"time"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/internal/jsontime"
)

// UserQuery names the account to look for; set at least one field.
type UserQuery struct {
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

// UserAction is one entry of the users' action log, as Authing's log
// service writes it (snake-case keys, the user, location and application
// nested).
type UserAction struct {
	// Timestamp is when the action happened (RFC 3339 or Unix
	// milliseconds on the wire); zero when not sent.
	Timestamp     time.Time `json:"timestamp,omitzero"`
	UserPoolID    string    `json:"userpool_id"`
	OperatorARN   string    `json:"operator_arn"`
	OperationName string    `json:"operation_name"`
	OperationDesc string    `json:"operation_desc"`
	AppID         string    `json:"app_id"`
	ClientIP      string    `json:"clientip"`
	// UserAgent is the raw User-Agent header; UA is it parsed.
	UserAgent string         `json:"user_agent"`
	UA        *UserAgentInfo `json:"ua"`
	GeoIP     *GeoIP         `json:"geoip"`
	// User is who acted; nil when the record names no user.
	User *ActionUser `json:"user"`
	// App is the application the action went through; nil when none.
	App       *ActionApp `json:"app"`
	RequestID string     `json:"request_id,omitempty"`
}

// UnmarshalJSON decodes a UserAction; a date that is "" or null is left
// unset.
func (a *UserAction) UnmarshalJSON(b []byte) error {
	type plain UserAction
	return jsontime.Unmarshal(b, (*plain)(a))
}

// ActionUser is the user of a UserAction.
type ActionUser struct {
	ID          string `json:"id"`
	DisplayName string `json:"displayName"`
	Photo       string `json:"photo"`
	UserPoolID  string `json:"userPoolId"`
}

// ActionApp is the application of a UserAction.
type ActionApp struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Identifier string `json:"identifier"`
	Logo       string `json:"logo"`
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
