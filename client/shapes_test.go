package client

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/authing-go/authing/internal/restshape"
)

// restShapes is the project's record of the cloud's REST answers, as
// Authing's official SDKs read them (internal/restshape).
var restShapes = sync.OnceValues(func() (*restshape.Catalog, error) {
	return restshape.Load(filepath.Join("..", "authingtest", "testdata", "official-requests.json"))
})

// checkRESTShape fails the test when a recorded response the replay server
// answers a REST request with does not have the cloud's shape for its
// route. The golden cases then compare the decoded result with that
// response's data, so together they prove the client decodes the cloud's
// shape, not only one our server made up.
func checkRESTShape(t *testing.T, req *http.Request, status int, body []byte) {
	t.Helper()
	cat, err := restShapes()
	if err != nil {
		t.Fatal(err)
	}
	route, ok := cat.Match(req.Method, req.URL.Path)
	if !ok || route.Shape == nil || status != http.StatusOK {
		return // TestGoldenRESTRoutesHaveShapes reports routes not in the file
	}
	var v map[string]any
	if err := json.Unmarshal(body, &v); err != nil {
		if route.Envelope != "none" {
			t.Errorf("%s: recorded response is not JSON: %v", route.Key(), err)
		}
		return
	}
	data := any(v)
	if route.Envelope != "none" {
		if v["code"] != float64(200) && v["statusCode"] != float64(200) {
			return // an error answer
		}
		data = v["data"]
	}
	for _, p := range cat.Check(route.Shape, data) {
		t.Errorf("%s: the recorded response is not the cloud's shape: %s", route.Key(), p)
	}
}

// TestGoldenRESTRoutesHaveShapes checks that every REST route the client
// calls (every one some golden file records) is one the official SDKs send,
// so its shape, where known, is checked by checkRESTShape.
func TestGoldenRESTRoutesHaveShapes(t *testing.T) {
	cat, err := restShapes()
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join("..", "testdata", "golden", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	routes := map[string]bool{} // route -> its shape is known
	var unlisted []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var reqs []recordedRequest
		if err := json.Unmarshal(b, &reqs); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, r := range reqs {
			if r.Path == "/graphql/v2" {
				continue
			}
			route, ok := cat.Match(r.Method, r.Path)
			if !ok {
				unlisted = append(unlisted, filepath.Base(f)+": "+r.Method+" "+r.Path)
				continue
			}
			routes[route.Key()] = route.Shape != nil
		}
	}
	sort.Strings(unlisted)
	for _, u := range unlisted {
		t.Errorf("%s: not a route of the official SDKs; add it with its shape to authingtest/testdata/official-requests.json", u)
	}
	var known, unknown []string
	for k, shaped := range routes {
		if shaped {
			known = append(known, k)
		} else {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	t.Logf("the client calls %d REST routes: %d with a known shape, checked on every recorded response; %d unknown:\n\t%s",
		len(routes), len(known), len(unknown), strings.Join(unknown, "\n\t"))
}
