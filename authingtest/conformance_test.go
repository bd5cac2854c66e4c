package authingtest

import (
	"sort"
	"strings"
	"sync"
	"testing"
)

// TestConformance sends every request of testdata/official-requests.json
// (what Authing's official JS and Python SDKs can send) to a fresh server
// holding the objects requests name, and fails each request that is not
// served as the cloud serves it: an HTTP 404 or 405, a route answered by
// another route's handler, an unimplemented root field, a validation
// error, a GraphQL answer that violates the schema, a REST answer outside
// Authing's envelope or with data of the wrong JSON type, a server error,
// or an out-of-scope request not answered with the 501 of its feature.
// An Authing error code (2004 for an unknown id, ...) is a served answer.
func TestConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("sends 289 requests, each to a fresh server")
	}
	sch, err := schema()
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu                                             sync.Mutex
		served, failing, outOfScope, outOfScopeFailing int
		withError                                      []string // in scope, served with an Authing error rather than data
	)
	// Each request gets a fresh server, so the requests run in parallel;
	// the summary is logged once they have all finished.
	t.Cleanup(func() {
		sort.Strings(withError)
		t.Logf("in scope: %d served (%d with data, %d with an Authing error), %d failing; out of scope: %d answered 501, %d failing",
			served, served-len(withError), len(withError), failing, outOfScope, outOfScopeFailing)
		t.Logf("served with an Authing error (for the input the test sends):\n\t%s", strings.Join(withError, "\n\t"))
	})
	for _, o := range loadOfficialRequests(t) {
		t.Run(o.key(), func(t *testing.T) {
			t.Parallel()
			c := newConformanceServer(t)
			token := c.fx["$mgmt"]
			if userSide(o) {
				token = c.fx["$userToken"]
			}
			var problems []string
			var answered501 bool
			if o.Kind == "graphql" {
				problems, answered501 = c.checkGraphQL(sch, o, token)
			} else {
				problems, answered501 = c.checkREST(o, token)
			}
			mu.Lock()
			defer mu.Unlock()
			switch {
			case len(problems) > 0 && o.InScope:
				failing++
			case len(problems) > 0:
				outOfScopeFailing++
			case answered501:
				outOfScope++
			default:
				served++
				if c.authingErr != "" {
					withError = append(withError, o.key()+": "+c.authingErr)
				}
			}
			if len(problems) > 0 {
				t.Errorf("in scope: %v:\n\t%s", o.InScope, strings.Join(problems, "\n\t"))
			}
		})
	}
}

// userSide says the request is sent with an end user's token: no
// management client of either SDK sends it.
func userSide(o officialRequest) bool {
	for _, caller := range append(append([]string{}, o.JS...), o.Python...) {
		class, _, _ := strings.Cut(caller, ".")
		if strings.Contains(class, "Management") {
			return false
		}
	}
	return true
}
