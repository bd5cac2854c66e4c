package client

import "github.com/authing-go/authing/generated"

// The result types of the API. They are the Go types genqlient generates
// from the shared fragments in queries/fragments.graphql, re-exported here
// so that user code never imports package generated. Nullable fields are
// pointers: nil means the server sent null.
type (
	// User is an Authing user, as every operation returning one selects it.
	User = generated.UserFields
	// UserWithCustomData is a User with the values of its custom fields.
	UserWithCustomData = generated.UserWithCustomDataFields
	// CustomData is one custom field value of a user, as a string with its
	// data type; see the typed helpers for converted values.
	CustomData = generated.CustomDataFields
	// UserList is one page of users and the total count.
	UserList = generated.PaginatedUsersFields
	// UserWithCustomDataList is one page of users with custom data.
	UserWithCustomDataList = generated.PaginatedUsersWithCustomDataFields
	// CommonMessage is the {code, message} answer of many mutations.
	CommonMessage = generated.CommonMessageFields
	// Role is a role of a namespace.
	Role = generated.RoleFields
	// RoleList is one page of roles and the total count.
	RoleList = generated.PaginatedRolesFields
	// Policy is an access policy and its statements.
	Policy = generated.PolicyFields
	// PolicyStatement is one statement of a policy.
	PolicyStatement = generated.PolicyStatementFields
	// PolicyList is one page of policies and the total count.
	PolicyList = generated.PaginatedPoliciesFields
	// PolicyAssignment links a policy to a user, role, group, org node or
	// programmatic access account.
	PolicyAssignment = generated.PolicyAssignmentFields
	// PolicyAssignmentList is one page of policy assignments.
	PolicyAssignmentList = generated.PaginatedPolicyAssignmentsFields
	// AuthorizedResource is a resource a target may act on, and the actions.
	AuthorizedResource = generated.AuthorizedResourceFields
	// AuthorizedResourceList is one page of authorized resources.
	AuthorizedResourceList = generated.PaginatedAuthorizedResourcesFields
	// AuthorizedTarget is a user, role, group or node granted actions on a
	// resource.
	AuthorizedTarget = generated.ResourcePermissionAssignmentFields
	// AuthorizedTargetList is one page of authorized targets.
	AuthorizedTargetList = generated.PaginatedAuthorizedTargetsFields
	// Group is a user group.
	Group = generated.GroupFields
	// GroupList is one page of groups.
	GroupList = generated.PaginatedGroupsFields
	// Node is a node (department) of an organization tree.
	Node = generated.NodeFields
	// Org is an organization: its root node and all its nodes.
	Org = generated.OrgFields
	// OrgList is one page of organizations.
	OrgList = generated.PaginatedOrgsFields
	// UserDepartment is a department a user belongs to.
	UserDepartment = generated.UserDepartmentFields
	// UserDepartmentList is the departments of a user.
	UserDepartmentList = generated.PaginatedDepartmentsFields
	// UDV is one custom field value of a target, as sent on the wire (a
	// string and its data type).
	UDV = generated.UserDefinedDataFields
	// UDF is the definition of a custom field.
	UDF = generated.UserDefinedFieldFields
	// LoginStatus is the answer of CheckLoginStatus.
	LoginStatus = generated.JWTTokenStatusFields
	// RefreshedToken is a newly issued end-user token.
	RefreshedToken = generated.RefreshTokenFields
	// MFA is a user's MFA settings.
	MFA = generated.MfaFields
	// WhitelistEntry is one value of a registration whitelist.
	WhitelistEntry = generated.WhiteListFields
	// UserPool is the user pool's settings.
	UserPool = generated.UserPoolFields
)

// Enumerations and input types of the schema.
type (
	// UpdateUserInput holds the profile fields to change; nil fields are
	// not sent and stay as they are.
	UpdateUserInput = generated.UpdateUserInput
	// SortBy orders list results.
	SortBy = generated.SortByEnum
	// UDFTargetType is the kind of object a custom field belongs to.
	UDFTargetType = generated.UDFTargetType
	// UDFDataType is the data type of a custom field.
	UDFDataType = generated.UDFDataType
	// TargetType is the kind of target a policy or grant applies to.
	TargetType = generated.PolicyAssignmentTargetType
	// ResourceType is the kind of an ACL resource.
	ResourceType = generated.ResourceType
	// PolicyEffect is ALLOW or DENY.
	PolicyEffect = generated.PolicyEffect
	// UserStatus is the status of a user account.
	UserStatus = generated.UserStatus
	// WhitelistType is the kind of a registration whitelist.
	WhitelistType = generated.WhitelistType
	// Operator combines action filters (AND, OR).
	Operator = generated.Operator
)

// Values of the enumerations.
const (
	SortByCreatedAtDesc = generated.SortByEnumCreatedatDesc
	SortByCreatedAtAsc  = generated.SortByEnumCreatedatAsc
	SortByUpdatedAtDesc = generated.SortByEnumUpdatedatDesc
	SortByUpdatedAtAsc  = generated.SortByEnumUpdatedatAsc

	TargetUser  = generated.PolicyAssignmentTargetTypeUser
	TargetRole  = generated.PolicyAssignmentTargetTypeRole
	TargetGroup = generated.PolicyAssignmentTargetTypeGroup
	TargetOrg   = generated.PolicyAssignmentTargetTypeOrg
	TargetAKSK  = generated.PolicyAssignmentTargetTypeAkSk

	UDFTargetNode        = generated.UDFTargetTypeNode
	UDFTargetOrg         = generated.UDFTargetTypeOrg
	UDFTargetUser        = generated.UDFTargetTypeUser
	UDFTargetUserPool    = generated.UDFTargetTypeUserpool
	UDFTargetRole        = generated.UDFTargetTypeRole
	UDFTargetPermission  = generated.UDFTargetTypePermission
	UDFTargetApplication = generated.UDFTargetTypeApplication

	UDFString   = generated.UDFDataTypeString
	UDFNumber   = generated.UDFDataTypeNumber
	UDFDatetime = generated.UDFDataTypeDatetime
	UDFBoolean  = generated.UDFDataTypeBoolean
	UDFObject   = generated.UDFDataTypeObject
	UDFSelect   = generated.UDFDataTypeSelect

	ResourceData   = generated.ResourceTypeData
	ResourceAPI    = generated.ResourceTypeApi
	ResourceMenu   = generated.ResourceTypeMenu
	ResourceUI     = generated.ResourceTypeUi
	ResourceButton = generated.ResourceTypeButton

	EffectAllow = generated.PolicyEffectAllow
	EffectDeny  = generated.PolicyEffectDeny

	WhitelistUsername = generated.WhitelistTypeUsername
	WhitelistEmail    = generated.WhitelistTypeEmail
	WhitelistPhone    = generated.WhitelistTypePhone
)
