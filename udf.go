package authing

// UDV is one custom field value of a target as sent on the wire: the value
// as a string and the data type to read it by. The client package converts
// values to Go types.
type UDV struct {
	// Key is the custom field's key.
	Key string `json:"key"`
	// DataType is how Value is to be read.
	DataType UDFDataType `json:"dataType"`
	// Value is the value as a string.
	Value string `json:"value"`
	// Label is the field's display name.
	Label string `json:"label"`
}

// UDF is the definition of a custom field.
type UDF struct {
	// TargetType is the kind of object the field belongs to.
	TargetType UDFTargetType `json:"targetType"`
	// DataType is the field's data type.
	DataType UDFDataType `json:"dataType"`
	// Key is the field's key, unique per target type.
	Key string `json:"key"`
	// Label is the field's display name.
	Label string `json:"label"`
	// Options lists the choices of a SELECT field, as JSON text.
	Options string `json:"options"`
}

// UDFTargetType is the kind of object a custom field belongs to.
type UDFTargetType string

// The custom field target types.
const (
	UDFTargetNode        UDFTargetType = "NODE"
	UDFTargetOrg         UDFTargetType = "ORG"
	UDFTargetUser        UDFTargetType = "USER"
	UDFTargetUserPool    UDFTargetType = "USERPOOL"
	UDFTargetRole        UDFTargetType = "ROLE"
	UDFTargetPermission  UDFTargetType = "PERMISSION"
	UDFTargetApplication UDFTargetType = "APPLICATION"
)

// UDFDataType is the data type of a custom field.
type UDFDataType string

// The custom field data types.
const (
	UDFString   UDFDataType = "STRING"
	UDFNumber   UDFDataType = "NUMBER"
	UDFDatetime UDFDataType = "DATETIME"
	UDFBoolean  UDFDataType = "BOOLEAN"
	UDFObject   UDFDataType = "OBJECT"
	UDFSelect   UDFDataType = "SELECT"
)
