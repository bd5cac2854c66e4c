package authing

// AuthorizedResource is a resource a target may act on, and the actions.
type AuthorizedResource struct {
	// Code is the resource's code, such as "books:1".
	Code string `json:"code"`
	// Type is the kind of resource; "" when the server sent none.
	Type ResourceType `json:"type"`
	// Actions are the actions the target may perform on it.
	Actions []string `json:"actions"`
	// APIIdentifier is the URL of an API resource.
	APIIdentifier string `json:"apiIdentifier"`
}

// AuthorizedResourceList is one page of authorized resources.
type AuthorizedResourceList struct {
	// TotalCount is the number of resources in all pages.
	TotalCount int `json:"totalCount"`
	// List is this page's resources.
	List []*AuthorizedResource `json:"list"`
}

// AuthorizedTarget is a user, role, group or org node granted actions on a
// resource.
type AuthorizedTarget struct {
	// TargetType is the kind of target.
	TargetType TargetType `json:"targetType"`
	// TargetIdentifier is the target's ID or code.
	TargetIdentifier string `json:"targetIdentifier"`
	// Actions are the actions granted.
	Actions []string `json:"actions"`
}

// AuthorizedTargetList is one page of authorized targets.
type AuthorizedTargetList struct {
	// TotalCount is the number of targets in all pages.
	TotalCount int `json:"totalCount"`
	// List is this page's targets.
	List []*AuthorizedTarget `json:"list"`
}

// AuthorizeResourceOpt grants actions on a resource to one target.
type AuthorizeResourceOpt struct {
	// TargetType is the kind of target.
	TargetType TargetType `json:"targetType"`
	// TargetIdentifier is the target's ID or code.
	TargetIdentifier string `json:"targetIdentifier"`
	// Actions are the actions granted; the resource's own when nil.
	Actions []string `json:"actions,omitempty"`
}

// ResourceType is the kind of an ACL resource.
type ResourceType string

// The resource types.
const (
	ResourceData   ResourceType = "DATA"
	ResourceAPI    ResourceType = "API"
	ResourceMenu   ResourceType = "MENU"
	ResourceUI     ResourceType = "UI"
	ResourceButton ResourceType = "BUTTON"
)

// Operator combines action filters.
type Operator string

// The operators.
const (
	OperatorAnd Operator = "AND"
	OperatorOr  Operator = "OR"
)
