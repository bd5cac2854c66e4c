package client

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/authing-go/authing/generated"
)

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
// listing users over loopback.
func BenchmarkUsersListParallel(b *testing.B) {
	srv := benchServer(b, tenUsers(b))
	mc, err := NewManagementClient(ManagementOptions{UserPoolID: testPoolID, Secret: "s", Host: srv.URL,
		PublicKey: testPublicKeyPEM(), HTTPClient: &http.Client{Transport: newTransport()}})
	if err != nil {
		b.Fatal(err)
	}
	mc.tokens.token, mc.tokens.exp = testMgmtToken, time.Now().Add(24*time.Hour)
	opts := &UserListOptions{ListOptions: ListOptions{Page: 1, Limit: 10}}
	b.SetParallelism(16) // 16 x GOMAXPROCS(2) = 32 goroutines here
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := mc.Users.List(context.Background(), opts); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkUsersListParallelRaw is the same load with net/http alone: the
// same body, headers and transport settings, the same decoded type.
func BenchmarkUsersListParallelRaw(b *testing.B) {
	srv := benchServer(b, tenUsers(b))
	hc := &http.Client{Transport: newTransport()}
	header := benchHeader(testMgmtToken)
	b.SetParallelism(16)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			body, _ := json.Marshal(map[string]any{"query": generated.Users_Operation, "operationName": "Users",
				"variables": map[string]any{"page": 1, "limit": 10}})
			var out generated.UsersResponse
			rawCall(b, hc, srv.URL+"/graphql/v2", body, header.Clone(), &out)
		}
	})
}
