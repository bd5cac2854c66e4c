package authingtest

import (
	"encoding/json"
	"os"
	"slices"
	"sync"
	"testing"

	"github.com/authing-go/authing/internal/restshape"
)

// officialRequest is one request Authing's official SDKs send, as listed in
// testdata/official-requests.json.
type officialRequest struct {
	Kind string `json:"kind"` // "graphql" or "rest"
	// GraphQL: the operation type, the operation's name in the SDKs, the
	// root field it selects and, when the operation reads one field of
	// the root's result, that field.
	Operation string `json:"operation"`
	Name      string `json:"name"`
	RootField string `json:"rootField"`
	Nested    string `json:"nested"`
	// REST: method and path, path parameters written "{}".
	Method string `json:"method"`
	Path   string `json:"path"`
	// The SDK methods that send the request.
	JS     []string `json:"js"`
	Python []string `json:"python"`
	// InScope says authing-local serves the request; out of scope it
	// answers 501 naming Feature.
	InScope bool   `json:"inScope"`
	Feature string `json:"feature"`
	// REST answers: "authing" ({code, message, data}), "statusCode" (the
	// same with statusCode for code) or "none" (a raw body); Data is the
	// JSON type of data (of the raw body when there is no envelope), and
	// Nullable says it may be null.
	Envelope string `json:"envelope"`
	Data     string `json:"data"`
	Nullable bool   `json:"nullable"`
	Note     string `json:"note"`
	// Shape is the shape of data as the official SDKs read it (see
	// internal/restshape), nil when unknown.
	Shape any `json:"shape"`
}

// officialRequestsFile is the project's record of what the official SDKs
// send and read, shared with package client's tests.
const officialRequestsFile = "testdata/official-requests.json"

// restShapes is the file's catalog of REST shapes, loaded once.
var restShapes = sync.OnceValues(func() (*restshape.Catalog, error) {
	return restshape.Load(officialRequestsFile)
})

// key names the request as official-requests.md does.
func (o officialRequest) key() string {
	if o.Kind == "graphql" {
		return o.Operation + " " + o.Name
	}
	return o.Method + " " + o.Path
}

func loadOfficialRequests(t *testing.T) []officialRequest {
	t.Helper()
	b, err := os.ReadFile(officialRequestsFile)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Requests []officialRequest `json:"requests"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("official-requests.json: %v", err)
	}
	return doc.Requests
}

// TestOfficialRequestsFile checks the list against official-requests.md's
// counts and the file's own rules.
func TestOfficialRequestsFile(t *testing.T) {
	reqs := loadOfficialRequests(t)
	counts := map[string]int{}
	seen := map[string]bool{}
	dataTypes := []string{"object", "array", "string", "number", "boolean", "null", "unknown", "text"}
	for _, o := range reqs {
		counts[o.Kind]++
		if !o.InScope {
			counts["outOfScope"]++
		}
		if seen[o.key()] {
			t.Errorf("%s: listed twice", o.key())
		}
		seen[o.key()] = true
		if len(o.JS)+len(o.Python) == 0 {
			t.Errorf("%s: no SDK method sends it", o.key())
		}
		if o.InScope == (o.Feature != "") {
			t.Errorf("%s: inScope %v with feature %q", o.key(), o.InScope, o.Feature)
		}
		switch o.Kind {
		case "graphql":
			if (o.Operation != "query" && o.Operation != "mutation") || o.RootField == "" {
				t.Errorf("%s: operation %q, root field %q", o.key(), o.Operation, o.RootField)
			}
		case "rest":
			if !slices.Contains([]string{"authing", "statusCode", "none"}, o.Envelope) || !slices.Contains(dataTypes, o.Data) {
				t.Errorf("%s: envelope %q, data %q", o.key(), o.Envelope, o.Data)
			}
		default:
			t.Errorf("%s: kind %q", o.key(), o.Kind)
		}
	}
	if counts["graphql"] != 118 || counts["rest"] != 171 {
		t.Errorf("got %d GraphQL operations and %d REST routes, want 118 and 171", counts["graphql"], counts["rest"])
	}
	// Scope: every GraphQL operation; the REST routes of tenants, external
	// identity providers, devices, events, QR-code login, resigning users
	// and identity links are out.
	if counts["outOfScope"] != 56 {
		t.Errorf("%d requests out of scope, want 56", counts["outOfScope"])
	}
}

// TestOfficialRequestsRootFields checks every GraphQL entry names a root
// field of the schema the server validates against.
func TestOfficialRequestsRootFields(t *testing.T) {
	sch, err := schema()
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range loadOfficialRequests(t) {
		if o.Kind != "graphql" {
			continue
		}
		root := sch.Query
		if o.Operation == "mutation" {
			root = sch.Mutation
		}
		f := root.Fields.ForName(o.RootField)
		if f == nil {
			t.Errorf("%s: the schema has no root field %s", o.key(), o.RootField)
			continue
		}
		if o.Nested != "" && sch.Types[f.Type.Name()].Fields.ForName(o.Nested) == nil {
			t.Errorf("%s: %s has no field %s", o.key(), f.Type.Name(), o.Nested)
		}
	}
}
