package authing

import "time"

// UpdateUserInput holds the profile fields to change: each field sets the
// User field of the same name. Nil fields are not sent and stay as they
// are; a pointer to a zero value (false, "") is sent and sets that value.
type UpdateUserInput struct {
	// Login identifiers and their verification state. Only an
	// administrator may set EmailVerified and PhoneVerified.
	Email         *string `json:"email,omitempty"`
	UnionID       *string `json:"unionid,omitempty"`
	OpenID        *string `json:"openid,omitempty"`
	EmailVerified *bool   `json:"emailVerified,omitempty"`
	Phone         *string `json:"phone,omitempty"`
	PhoneVerified *bool   `json:"phoneVerified,omitempty"`
	Username      *string `json:"username,omitempty"`
	Nickname      *string `json:"nickname,omitempty"`
	// Password is the new password in plain text; the SDK encrypts it.
	Password *string `json:"password,omitempty"`
	Photo    *string `json:"photo,omitempty"`
	Company  *string `json:"company,omitempty"`
	Browser  *string `json:"browser,omitempty"`
	Device   *string `json:"device,omitempty"`
	OAuth    *string `json:"oauth,omitempty"`
	// Login bookkeeping, for an administrator importing users.
	TokenExpiredAt *time.Time `json:"tokenExpiredAt,omitempty"`
	LoginsCount    *int       `json:"loginsCount,omitempty"`
	LastLogin      *time.Time `json:"lastLogin,omitempty"`
	LastIP         *string    `json:"lastIP,omitempty"`
	// Blocked locks (true) or unlocks (false) the account.
	Blocked *bool `json:"blocked,omitempty"`
	// The OpenID Connect standard claims.
	Name              *string `json:"name,omitempty"`
	GivenName         *string `json:"givenName,omitempty"`
	FamilyName        *string `json:"familyName,omitempty"`
	MiddleName        *string `json:"middleName,omitempty"`
	Profile           *string `json:"profile,omitempty"`
	PreferredUsername *string `json:"preferredUsername,omitempty"`
	Website           *string `json:"website,omitempty"`
	Gender            *string `json:"gender,omitempty"`
	Birthdate         *string `json:"birthdate,omitempty"`
	Zoneinfo          *string `json:"zoneinfo,omitempty"`
	Locale            *string `json:"locale,omitempty"`
	Address           *string `json:"address,omitempty"`
	Formatted         *string `json:"formatted,omitempty"`
	StreetAddress     *string `json:"streetAddress,omitempty"`
	Locality          *string `json:"locality,omitempty"`
	Region            *string `json:"region,omitempty"`
	PostalCode        *string `json:"postalCode,omitempty"`
	City              *string `json:"city,omitempty"`
	Province          *string `json:"province,omitempty"`
	Country           *string `json:"country,omitempty"`
	// Administrative fields.
	ExternalID         *string `json:"externalId,omitempty"`
	PhoneCountryCode   *string `json:"phoneCountryCode,omitempty"`
	MainDepartmentID   *string `json:"mainDepartmentId,omitempty"`
	MainDepartmentCode *string `json:"mainDepartmentCode,omitempty"`
	// ExpiredAt is when the account expires.
	ExpiredAt *time.Time `json:"expiredAt,omitempty"`
	// DirectManagement is the ID of the user's direct manager.
	DirectManagement *string `json:"directManagement,omitempty"`
}

// CreateUserInput is a new user's profile: each field sets the User field
// of the same name. Nil fields are not sent.
type CreateUserInput struct {
	// Login identifiers and their verification state.
	Username      *string `json:"username,omitempty"`
	Email         *string `json:"email,omitempty"`
	EmailVerified *bool   `json:"emailVerified,omitempty"`
	Phone         *string `json:"phone,omitempty"`
	PhoneVerified *bool   `json:"phoneVerified,omitempty"`
	UnionID       *string `json:"unionid,omitempty"`
	OpenID        *string `json:"openid,omitempty"`
	Nickname      *string `json:"nickname,omitempty"`
	Photo         *string `json:"photo,omitempty"`
	// Password is the password in plain text; the SDK encrypts it.
	Password *string `json:"password,omitempty"`
	// RegisterSource says how the user signed up; nil sends none.
	RegisterSource []string `json:"registerSource,omitempty"`
	Browser        *string  `json:"browser,omitempty"`
	OAuth          *string  `json:"oauth,omitempty"`
	// Login bookkeeping, for importing users from another system.
	LoginsCount *int       `json:"loginsCount,omitempty"`
	LastLogin   *time.Time `json:"lastLogin,omitempty"`
	Company     *string    `json:"company,omitempty"`
	LastIP      *string    `json:"lastIP,omitempty"`
	SignedUp    *time.Time `json:"signedUp,omitempty"`
	Blocked     *bool      `json:"blocked,omitempty"`
	IsDeleted   *bool      `json:"isDeleted,omitempty"`
	Device      *string    `json:"device,omitempty"`
	// The OpenID Connect standard claims.
	Name              *string `json:"name,omitempty"`
	GivenName         *string `json:"givenName,omitempty"`
	FamilyName        *string `json:"familyName,omitempty"`
	MiddleName        *string `json:"middleName,omitempty"`
	Profile           *string `json:"profile,omitempty"`
	PreferredUsername *string `json:"preferredUsername,omitempty"`
	Website           *string `json:"website,omitempty"`
	Gender            *string `json:"gender,omitempty"`
	Birthdate         *string `json:"birthdate,omitempty"`
	Zoneinfo          *string `json:"zoneinfo,omitempty"`
	Locale            *string `json:"locale,omitempty"`
	Address           *string `json:"address,omitempty"`
	Formatted         *string `json:"formatted,omitempty"`
	StreetAddress     *string `json:"streetAddress,omitempty"`
	Locality          *string `json:"locality,omitempty"`
	Region            *string `json:"region,omitempty"`
	PostalCode        *string `json:"postalCode,omitempty"`
	Country           *string `json:"country,omitempty"`
	// Administrative fields.
	ExternalID       *string `json:"externalId,omitempty"`
	PhoneCountryCode *string `json:"phoneCountryCode,omitempty"`
}

// RegisterProfile is the profile a registration sets: each field sets the
// User field of the same name. Nil fields are not sent.
type RegisterProfile struct {
	// IP is the end user's IP address.
	IP       *string `json:"ip,omitempty"`
	Phone    *string `json:"phone,omitempty"`
	Email    *string `json:"email,omitempty"`
	OAuth    *string `json:"oauth,omitempty"`
	Username *string `json:"username,omitempty"`
	Nickname *string `json:"nickname,omitempty"`
	Company  *string `json:"company,omitempty"`
	Photo    *string `json:"photo,omitempty"`
	Device   *string `json:"device,omitempty"`
	Browser  *string `json:"browser,omitempty"`
	// The OpenID Connect standard claims.
	Name              *string `json:"name,omitempty"`
	GivenName         *string `json:"givenName,omitempty"`
	FamilyName        *string `json:"familyName,omitempty"`
	MiddleName        *string `json:"middleName,omitempty"`
	Profile           *string `json:"profile,omitempty"`
	PreferredUsername *string `json:"preferredUsername,omitempty"`
	Website           *string `json:"website,omitempty"`
	Gender            *string `json:"gender,omitempty"`
	Birthdate         *string `json:"birthdate,omitempty"`
	Zoneinfo          *string `json:"zoneinfo,omitempty"`
	Locale            *string `json:"locale,omitempty"`
	Address           *string `json:"address,omitempty"`
	Formatted         *string `json:"formatted,omitempty"`
	StreetAddress     *string `json:"streetAddress,omitempty"`
	Locality          *string `json:"locality,omitempty"`
	Region            *string `json:"region,omitempty"`
	PostalCode        *string `json:"postalCode,omitempty"`
	Country           *string `json:"country,omitempty"`
	// CustomData sets custom field values of the new user.
	CustomData []*CustomValueInput `json:"udf,omitempty"`
}

// CustomValueInput is one custom field value sent with a registration: the
// field's key and the value as a string.
type CustomValueInput struct {
	// Key is the custom field's key.
	Key string `json:"key"`
	// Value is the value as a string.
	Value string `json:"value"`
}

// SearchDepartmentOpt limits a user search to a department.
type SearchDepartmentOpt struct {
	// DepartmentID is the org node to search in.
	DepartmentID *string `json:"departmentId,omitempty"`
	// IncludeChildrenDepartments also searches the node's descendants.
	IncludeChildrenDepartments *bool `json:"includeChildrenDepartments,omitempty"`
}

// SearchGroupOpt limits a user search to a group.
type SearchGroupOpt struct {
	// Code is the group's code.
	Code *string `json:"code,omitempty"`
}

// SearchRoleOpt limits a user search to a role.
type SearchRoleOpt struct {
	// Namespace is the role's namespace; the default one when nil.
	Namespace *string `json:"namespace,omitempty"`
	// Code is the role's code.
	Code string `json:"code"`
}
