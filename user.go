package authing

import (
	"encoding/json"
	"time"

	"github.com/authing-go/authing/internal/jsontime"
)

// User is an Authing user, as every call that returns one selects it.
//
// Only ID, ARN and UserPoolID are always set. Every other field may be
// missing, in which case it holds its zero value; the dates that a user may
// never have had (TokenExpiredAt, LastLogin, SignedUp) are nil then.
type User struct {
	// ID is the user's ID in the pool.
	ID string `json:"id"`
	// ARN is the user's Authing resource name.
	ARN string `json:"arn"`
	// UserPoolID is the pool the user belongs to.
	UserPoolID string `json:"userPoolId"`
	// Status is the account's status ("" when the server did not say).
	Status UserStatus `json:"status"`

	// Username, Email and Phone are the user's login identifiers.
	Username string `json:"username"`
	// Email is the user's e-mail address.
	Email string `json:"email"`
	// EmailVerified says whether the e-mail address has been verified.
	EmailVerified bool `json:"emailVerified"`
	// Phone is the user's phone number.
	Phone string `json:"phone"`
	// PhoneVerified says whether the phone number has been verified.
	PhoneVerified bool `json:"phoneVerified"`
	// PhoneCountryCode is the country calling code of Phone, such as "+86".
	PhoneCountryCode string `json:"phoneCountryCode"`
	// UnionID is the user's WeChat union ID, for social logins.
	UnionID string `json:"unionid"`
	// OpenID is the user's WeChat open ID, for social logins.
	OpenID string `json:"openid"`
	// Nickname is the name the user chose to be shown.
	Nickname string `json:"nickname"`
	// RegisterSource says how the user signed up, such as "basic:username-password".
	RegisterSource []string `json:"registerSource"`
	// Photo is the URL of the user's avatar.
	Photo string `json:"photo"`
	// Password is the stored password hash, when the server sends it.
	Password string `json:"password"`
	// OAuth is the raw profile of the user's social login, as JSON text.
	OAuth string `json:"oauth"`

	// Token is the user's access token, set by logins and registrations
	// that issue one (and by the calls made with that token).
	Token string `json:"token"`
	// TokenExpiredAt is when Token expires; nil when there is no token.
	TokenExpiredAt *time.Time `json:"tokenExpiredAt"`
	// LoginsCount is how many times the user has logged in.
	LoginsCount int `json:"loginsCount"`
	// LastLogin is when the user last logged in; nil if never.
	LastLogin *time.Time `json:"lastLogin"`
	// LastIP is the IP address of the last login.
	LastIP string `json:"lastIP"`
	// SignedUp is when the user registered; nil when unknown.
	SignedUp *time.Time `json:"signedUp"`
	// Blocked says whether an administrator has locked the account.
	Blocked bool `json:"blocked"`
	// IsDeleted says whether the user has been deleted (archived users).
	IsDeleted bool `json:"isDeleted"`
	// Device and Browser describe the client of the last login.
	Device string `json:"device"`
	// Browser is the browser of the last login.
	Browser string `json:"browser"`
	// Company is the user's company.
	Company string `json:"company"`

	// Name and the fields after it are the OpenID Connect standard claims
	// of the user's profile.
	Name string `json:"name"`
	// GivenName is the user's given (first) name.
	GivenName string `json:"givenName"`
	// FamilyName is the user's family (last) name.
	FamilyName string `json:"familyName"`
	// MiddleName is the user's middle name.
	MiddleName string `json:"middleName"`
	// Profile is the URL of the user's profile page.
	Profile string `json:"profile"`
	// PreferredUsername is the name the user prefers to be called by.
	PreferredUsername string `json:"preferredUsername"`
	// Website is the URL of the user's web site.
	Website string `json:"website"`
	// Gender is "M", "F" or "U" (unknown).
	Gender string `json:"gender"`
	// Birthdate is the user's birthday as the user gave it, such as "1990-01-31".
	Birthdate string `json:"birthdate"`
	// Zoneinfo is the user's time zone, such as "Asia/Shanghai".
	Zoneinfo string `json:"zoneinfo"`
	// Locale is the user's locale, such as "zh-CN".
	Locale string `json:"locale"`
	// Address is the user's postal address on one line.
	Address string `json:"address"`
	// Formatted is the full postal address, formatted for display.
	Formatted string `json:"formatted"`
	// StreetAddress is the street part of the address.
	StreetAddress string `json:"streetAddress"`
	// Locality is the city or locality of the address.
	Locality string `json:"locality"`
	// Region is the state, province or region of the address.
	Region string `json:"region"`
	// PostalCode is the postal code of the address.
	PostalCode string `json:"postalCode"`
	// City is the user's city.
	City string `json:"city"`
	// Province is the user's province.
	Province string `json:"province"`
	// Country is the user's country.
	Country string `json:"country"`

	// CreatedAt is when the user was created.
	CreatedAt time.Time `json:"createdAt,omitzero"`
	// UpdatedAt is when the user was last changed.
	UpdatedAt time.Time `json:"updatedAt,omitzero"`
	// ExternalID is the user's ID in an external system, set by the administrator.
	ExternalID string `json:"externalId"`
	// MainDepartmentID is the org node of the user's main department.
	MainDepartmentID string `json:"mainDepartmentId"`
	// MainDepartmentCode is the code of the user's main department.
	MainDepartmentCode string `json:"mainDepartmentCode"`
}

// UnmarshalJSON decodes a user; dates that are "" or null are left unset.
func (u *User) UnmarshalJSON(b []byte) error {
	type plain User
	aux := struct {
		*plain
		TokenExpiredAt jsontime.Time `json:"tokenExpiredAt"`
		LastLogin      jsontime.Time `json:"lastLogin"`
		SignedUp       jsontime.Time `json:"signedUp"`
		CreatedAt      jsontime.Time `json:"createdAt"`
		UpdatedAt      jsontime.Time `json:"updatedAt"`
		// REST user records (active users) may carry formatted as a flag.
		Formatted looseString `json:"formatted"`
	}{plain: (*plain)(u)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	u.Formatted = string(aux.Formatted)
	u.TokenExpiredAt, u.LastLogin, u.SignedUp = aux.TokenExpiredAt.Ptr(), aux.LastLogin.Ptr(), aux.SignedUp.Ptr()
	u.CreatedAt, u.UpdatedAt = aux.CreatedAt.Value(), aux.UpdatedAt.Value()
	return nil
}

// UserWithCustomData is a User with the values of its custom fields.
type UserWithCustomData struct {
	User
	// CustomData holds one entry per custom field of the user.
	CustomData []*CustomData `json:"customData"`
}

// UnmarshalJSON decodes the user and its custom data. It is needed because
// the embedded User's own UnmarshalJSON would otherwise take the whole object.
func (u *UserWithCustomData) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &u.User); err != nil {
		return err
	}
	var aux struct {
		CustomData []*CustomData `json:"customData"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	u.CustomData = aux.CustomData
	return nil
}

// CustomData is the value of one custom field of a user, as the server
// sends it: the value as a string, and the field's data type to read it by.
// The client package converts values to Go types.
type CustomData struct {
	// Key is the custom field's key.
	Key string `json:"key"`
	// Value is the value as a string; "" when the field has no value.
	Value string `json:"value"`
	// Label is the field's display name.
	Label string `json:"label"`
	// DataType is how Value is to be read.
	DataType UDFDataType `json:"dataType"`
}

// UnmarshalJSON decodes custom data; a value sent as a JSON number or
// boolean (Authing sends a DATETIME value as a number on some routes) is
// kept as its JSON text.
func (c *CustomData) UnmarshalJSON(b []byte) error {
	type plain CustomData
	aux := struct {
		*plain
		Value looseString `json:"value"`
	}{plain: (*plain)(c)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	c.Value = string(aux.Value)
	return nil
}

// UserList is one page of users and the total count.
type UserList struct {
	// TotalCount is the number of users in all pages.
	TotalCount int `json:"totalCount"`
	// List is this page's users.
	List []*User `json:"list"`
}

// UserWithCustomDataList is one page of users with their custom data.
type UserWithCustomDataList struct {
	// TotalCount is the number of users in all pages.
	TotalCount int `json:"totalCount"`
	// List is this page's users.
	List []*UserWithCustomData `json:"list"`
}

// UserStatus is the status of a user account.
type UserStatus string

// The user statuses.
const (
	UserStatusSuspended UserStatus = "Suspended"
	UserStatusResigned  UserStatus = "Resigned"
	UserStatusActivated UserStatus = "Activated"
	UserStatusArchived  UserStatus = "Archived"
)

// LoginStatus is the answer of a token check: whether the token is valid,
// and for whom.
type LoginStatus struct {
	// Code is Authing's status code for the check (200 when valid).
	Code int `json:"code"`
	// Message says why the token is not valid, or that it is.
	Message string `json:"message"`
	// Status is true when the token is valid.
	Status bool `json:"status"`
	// ExpiresAt is the token's expiry; zero when it is not valid.
	ExpiresAt time.Time `json:"exp"`
	// IssuedAt is when the token was issued; zero when it is not valid.
	IssuedAt time.Time `json:"iat"`
	// Data names the token's user; nil when the token is not valid.
	Data *LoginStatusDetail `json:"data"`
}

// LoginStatusDetail names the user a valid token belongs to.
type LoginStatusDetail struct {
	// ID is the user's ID.
	ID string `json:"id"`
	// UserPoolID is the user's pool.
	UserPoolID string `json:"userPoolId"`
	// ARN is the user's Authing resource name.
	ARN string `json:"arn"`
}

// UnmarshalJSON decodes a status whose exp and iat are Unix seconds.
func (s *LoginStatus) UnmarshalJSON(b []byte) error {
	type plain LoginStatus
	aux := struct {
		*plain
		ExpiresAt jsontime.Time `json:"exp"`
		IssuedAt  jsontime.Time `json:"iat"`
	}{plain: (*plain)(s)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	s.ExpiresAt, s.IssuedAt = aux.ExpiresAt.Value(), aux.IssuedAt.Value()
	return nil
}

// MarshalJSON encodes exp and iat as Unix seconds, as the server sends them.
func (s LoginStatus) MarshalJSON() ([]byte, error) {
	type plain LoginStatus
	return json.Marshal(struct {
		plain
		ExpiresAt jsontime.Unix `json:"exp"`
		IssuedAt  jsontime.Unix `json:"iat"`
	}{plain(s), jsontime.Unix(s.ExpiresAt), jsontime.Unix(s.IssuedAt)})
}

// RefreshedToken is a newly issued end-user token.
type RefreshedToken struct {
	// Token is the new access token.
	Token string `json:"token"`
	// IssuedAt is when it was issued.
	IssuedAt time.Time `json:"iat"`
	// ExpiresAt is when it expires.
	ExpiresAt time.Time `json:"exp"`
}

// UnmarshalJSON decodes a token whose iat and exp are Unix seconds.
func (t *RefreshedToken) UnmarshalJSON(b []byte) error {
	type plain RefreshedToken
	aux := struct {
		*plain
		IssuedAt  jsontime.Time `json:"iat"`
		ExpiresAt jsontime.Time `json:"exp"`
	}{plain: (*plain)(t)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	t.IssuedAt, t.ExpiresAt = aux.IssuedAt.Value(), aux.ExpiresAt.Value()
	return nil
}

// MarshalJSON encodes iat and exp as Unix seconds, as the server sends them.
func (t RefreshedToken) MarshalJSON() ([]byte, error) {
	type plain RefreshedToken
	return json.Marshal(struct {
		plain
		IssuedAt  jsontime.Unix `json:"iat"`
		ExpiresAt jsontime.Unix `json:"exp"`
	}{plain(t), jsontime.Unix(t.IssuedAt), jsontime.Unix(t.ExpiresAt)})
}

// MFA is a user's multi-factor authentication settings.
type MFA struct {
	// ID is the settings record's ID.
	ID string `json:"id"`
	// UserID is the user the settings belong to.
	UserID string `json:"userId"`
	// UserPoolID is the user's pool.
	UserPoolID string `json:"userPoolId"`
	// Enable says whether MFA is switched on for the user.
	Enable bool `json:"enable"`
	// Secret is the TOTP secret, when one is bound.
	Secret string `json:"secret"`
}
