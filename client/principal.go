package client

import (
	"context"
	"net/http"
	"time"

	"github.com/authing-go/authing/internal/jsontime"
)

// PrincipalAuthentication is a user's real-name verification, as Authing
// answers it.
type PrincipalAuthentication struct {
	ID         string `json:"id"`
	UserID     string `json:"userId"`
	UserPoolID string `json:"userPoolId"`
	// PrincipalType is PrincipalPerson or PrincipalEnterprise.
	PrincipalType string `json:"principalType"`
	// PrincipalName is the verified name of the person or enterprise.
	PrincipalName string `json:"principalName"`
	// PrincipalCode is the ID card or enterprise registration number.
	PrincipalCode string `json:"principalCode"`
	// AuthenticationTime is when the verification passed.
	AuthenticationTime time.Time `json:"authenticationTime,omitzero"`
	CreatedAt          time.Time `json:"createdAt,omitzero"`
	UpdatedAt          time.Time `json:"updatedAt,omitzero"`
}

// UnmarshalJSON decodes a PrincipalAuthentication; dates that are "" or null are left unset.
func (p *PrincipalAuthentication) UnmarshalJSON(b []byte) error {
	type plain PrincipalAuthentication
	return jsontime.Unmarshal(b, (*plain)(p))
}

// Principal verification types.
const (
	PrincipalPerson     = "P" // a person: name and ID card
	PrincipalEnterprise = "E" // an enterprise
)

// Detail returns the user's verification with REST
// GET /api/v2/users/{id}/management/principal_authentication. Authing
// answers null for a user never verified: that is an *Error matching
// ErrNotFound.
func (s *PrincipalAuthenticationService) Detail(ctx context.Context, userID string) (*PrincipalAuthentication, error) {
	const op = "PrincipalAuthentication.Detail"
	ctx = withOp(ctx, op)
	if userID == "" {
		return nil, argError(op, "user id is required")
	}
	var out *PrincipalAuthentication
	if err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet,
		path: pathf("/api/v2/users/%s/management/principal_authentication", userID)}, &out); err != nil {
		return nil, err
	}
	if out == nil {
		return nil, notFound(op, "verification of user "+userID)
	}
	return out, nil
}

// PrincipalIdentity is the identity a user proves with Authenticate.
// Type (PrincipalPerson or PrincipalEnterprise), Name and IDCard are
// required; Ext is an extra value such as a bank card, sent when not "".
type PrincipalIdentity struct {
	Type   string
	Name   string
	IDCard string
	Ext    string
}

// Authenticate verifies the identity id of a user with REST
// POST /api/v2/users/{id}/management/principal_authentication.
func (s *PrincipalAuthenticationService) Authenticate(ctx context.Context, userID string, id PrincipalIdentity) (*PrincipalAuthentication, error) {
	const op = "PrincipalAuthentication.Authenticate"
	ctx = withOp(ctx, op)
	if userID == "" || id.Type == "" || id.Name == "" || id.IDCard == "" {
		return nil, argError(op, "user id, type, name and id card are required")
	}
	body := map[string]string{"type": id.Type, "name": id.Name, "idCard": id.IDCard}
	if id.Ext != "" {
		body["ext"] = id.Ext
	}
	return restObject[PrincipalAuthentication](ctx, s.mc.gql, op, restCall{method: http.MethodPost,
		path: pathf("/api/v2/users/%s/management/principal_authentication", userID), body: body})
}
