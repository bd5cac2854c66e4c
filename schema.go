// Package authing holds the model types of the Go SDK for the Authing v2
// API: the users, roles, policies, groups, org nodes, custom fields and user
// pool settings that calls return, and the input types they take, with Go
// names and time.Time dates. It also carries the GraphQL schema the SDK and
// its local server are built from.
//
// Programs call the API with [github.com/authing-go/authing/client] and run
// an in-memory Authing server in their tests with
// [github.com/authing-go/authing/authingtest]. The code genqlient generates
// (package generated) decodes straight into these types; programs never
// import it.
//
// Each model type's doc says which of its fields may be missing. A missing
// field holds its zero value; a date that may be missing is a *time.Time
// (nil when missing) or a time.Time whose zero value means "no date".
// Dates that the server sends as "" or null decode to that zero value, never
// to an error.
package authing

//go:generate go run ./cmd/regen

import _ "embed"

//go:embed schema.graphql
var schemaSDL string

// Schema returns the Authing v2 GraphQL schema (SDL) that the SDK's
// operations are generated from and that authingtest validates requests
// against.
func Schema() string { return schemaSDL }
