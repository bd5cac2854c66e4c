package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"runtime"
	"testing"
	"time"

	"github.com/Khan/genqlient/graphql"

	"github.com/authing-go/authing/generated"
)

// benchGoroutines is how many goroutines the parallel benchmarks run.
const benchGoroutines = 32

// setBenchParallelism makes RunParallel start benchGoroutines goroutines
// (GOMAXPROCS x p), or the nearest multiple of GOMAXPROCS above it.
func setBenchParallelism(b *testing.B) {
	procs := runtime.GOMAXPROCS(0)
	b.SetParallelism(max(1, (benchGoroutines+procs-1)/procs))
}

// tenUsers is a users page of 10, as the parallel benchmarks receive it.
func tenUsers(b *testing.B) []byte {
	var one map[string]any
	if err := json.Unmarshal(readTestdataB(b, "users.json"), &one); err != nil {
		b.Fatal(err)
	}
	u := one["data"].(map[string]any)["users"].(map[string]any)["list"].([]any)[0]
	list := make([]any, 10)
	for i := range list {
		list[i] = u
	}
	body, _ := json.Marshal(map[string]any{"data": map[string]any{"users": map[string]any{"totalCount": 10, "list": list}}})
	return body
}

// BenchmarkUsersListParallel has 32 goroutines share one ManagementClient
// listing users (10 per page) over loopback.
func BenchmarkUsersListParallel(b *testing.B) {
	srv := benchServer(b, tenUsers(b))
	mc, err := NewManagementClient(ManagementOptions{UserPoolID: testPoolID, Secret: "s", Host: srv.URL,
		PublicKey: testPublicKeyPEM(), HTTPClient: &http.Client{Transport: newTransport()}})
	if err != nil {
		b.Fatal(err)
	}
	mc.tokens.token, mc.tokens.exp = testMgmtToken, time.Now().Add(24*time.Hour)
	opts := &UserListOptions{ListOptions: ListOptions{Page: 1, Limit: 10}}
	setBenchParallelism(b)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			res, err := mc.Users.List(context.Background(), opts)
			if err != nil {
				b.Error(err)
				return
			}
			if len(res.List) != 10 {
				b.Errorf("%d users, want 10", len(res.List))
				return
			}
		}
	})
}

// BenchmarkUsersListParallelRaw is the same load with net/http alone: the
// same body bytes (genqlient's request, marshalled per call as the SDK
// does), the same headers, a transport from newTransport, and the answer
// decoded into the same generated type.
func BenchmarkUsersListParallelRaw(b *testing.B) {
	srv := benchServer(b, tenUsers(b))
	hc := &http.Client{Transport: newTransport()}
	url := srv.URL + "/graphql/v2"
	header := benchHeader(testMgmtToken)
	page, limit := 1, 10
	vars := struct {
		Page  *int `json:"page,omitempty"`
		Limit *int `json:"limit,omitempty"`
	}{&page, &limit}
	setBenchParallelism(b)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			body, err := json.Marshal(&graphql.Request{Query: generated.Users_Operation, Variables: &vars, OpName: "Users"})
			if err != nil {
				b.Error(err)
				return
			}
			var out generated.UsersResponse
			if err := rawPost(hc, url, body, header.Clone(), &out); err != nil {
				b.Error(err)
				return
			}
			if out.Users == nil || len(out.Users.List) != 10 {
				b.Error("wrong page decoded")
				return
			}
		}
	})
}

// rawPost is rawCall for goroutines other than the benchmark's own, where
// b.Fatal is not allowed.
func rawPost(hc *http.Client, url string, body []byte, header http.Header, out any) error {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header = header
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	var env struct {
		Data any `json:"data"`
	}
	env.Data = out
	return json.NewDecoder(resp.Body).Decode(&env)
}
