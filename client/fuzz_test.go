package client

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/Khan/genqlient/graphql"

	"github.com/authing-go/authing/generated"
)

// seedResponses adds every recorded response as a fuzz seed.
func seedResponses(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "responses", "*"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b, 200)
		}
	}
	f.Add([]byte(`{"data":null}`), 200)
	f.Add([]byte(`{"errors":[{"message":"x"}]}`), 502)
	f.Add([]byte(``), 429)
}

// FuzzDecodeGraphQL feeds arbitrary bodies to the GraphQL decoder: it must
// never panic, and a nil error must mean data was really there.
func FuzzDecodeGraphQL(f *testing.F) {
	seedResponses(f)
	f.Fuzz(func(t *testing.T, body []byte, status int) {
		var data generated.UsersResponse
		err := decodeGraphQL("Users", status, http.Header{}, body, &graphql.Response{Data: &data})
		if err == nil && !success(status) {
			t.Fatalf("status %d decoded without error", status)
		}
		if err != nil {
			_ = err.Error()
		}
	})
}

// FuzzDecodeREST does the same for the REST envelope decoder.
func FuzzDecodeREST(f *testing.F) {
	seedResponses(f)
	f.Fuzz(func(t *testing.T, body []byte, status int) {
		var out map[string]any
		err := restDecoder("GET /api/v2/users/me", &out)(status, http.Header{}, body)
		if err != nil {
			_ = err.Error()
		}
	})
}
