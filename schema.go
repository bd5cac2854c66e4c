// Package authing is the root of the Go SDK for the Authing v2 API.
//
// Programs import [github.com/authing-go/authing/client] to call the API and
// [github.com/authing-go/authing/authingtest] to run an in-memory Authing
// server in their tests. This package only carries the GraphQL schema that
// both are built from, so the SDK and the local server can never drift apart.
package authing

//go:generate go run ./cmd/regen

import _ "embed"

//go:embed schema.graphql
var schemaSDL string

// Schema returns the Authing v2 GraphQL schema (SDL) that the SDK's
// operations are generated from and that authingtest validates requests
// against.
func Schema() string { return schemaSDL }
