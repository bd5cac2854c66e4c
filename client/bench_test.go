package client

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/authing-go/authing/generated"
)

// benchServer answers every request with body, over loopback.
func benchServer(b *testing.B, body []byte) *httptest.Server {
	b.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}))
	b.Cleanup(srv.Close)
	return srv
}

// rawCall is the baseline: the same request body and headers, sent with
// net/http over a transport configured like the SDK's, and the same
// response decoded into the same type, with nothing else.
func rawCall(b *testing.B, hc *http.Client, url string, body []byte, header http.Header, out any) {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	req.Header = header
	resp, err := hc.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	var env struct {
		Data any `json:"data"`
	}
	env.Data = out
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		b.Fatal(err)
	}
	resp.Body.Close()
}

func benchHeader(token string) http.Header {
	return http.Header{
		"Content-Type":           {"application/json"},
		"Accept":                 {"application/json"},
		"X-Authing-Request-From": {"sdk"},
		"X-Authing-Sdk-Version":  {"go:" + Version},
		"X-Authing-Userpool-Id":  {testPoolID},
		"Authorization":          {"Bearer " + token},
	}
}

// BenchmarkQuery compares Users.List (one page of users) through the SDK
// with the same call made by hand.
func BenchmarkQuery(b *testing.B) {
	resp := readTestdataB(b, "users.json")
	srv := benchServer(b, resp)
	b.Run("sdk", func(b *testing.B) {
		mc, err := NewManagementClient(ManagementOptions{UserPoolID: testPoolID, Secret: "s", Host: srv.URL,
			PublicKey: testPublicKeyPEM(), HTTPClient: &http.Client{Transport: newTransport()}})
		if err != nil {
			b.Fatal(err)
		}
		mc.tokens.token, mc.tokens.exp = testMgmtToken, time.Now().Add(24*time.Hour)
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			if _, err := mc.Users.List(context.Background(), &UserListOptions{ListOptions: ListOptions{Page: 1, Limit: 10}}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("raw", func(b *testing.B) {
		hc := &http.Client{Transport: newTransport()}
		header := benchHeader(testMgmtToken)
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			body, _ := json.Marshal(map[string]any{"query": generated.Users_Operation, "operationName": "Users",
				"variables": map[string]any{"page": 1, "limit": 10}})
			var out generated.UsersResponse
			rawCall(b, hc, srv.URL+"/graphql/v2", body, header.Clone(), &out)
		}
	})
}

// BenchmarkLogin compares LoginByUsername (password encryption included)
// with the same call made by hand (encrypting the password too).
func BenchmarkLogin(b *testing.B) {
	resp := readTestdataB(b, "loginByUsername.json")
	srv := benchServer(b, resp)
	b.Run("sdk", func(b *testing.B) {
		ac, err := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID, Host: srv.URL,
			PublicKey: testPublicKeyPEM(), HTTPClient: &http.Client{Transport: newTransport()}})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			if _, err := ac.LoginByUsername(context.Background(), "bob", "p@ssw0rd", nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("raw", func(b *testing.B) {
		hc := &http.Client{Transport: newTransport()}
		key, err := parsePublicKey(testPublicKeyPEM())
		if err != nil {
			b.Fatal(err)
		}
		c := &conn{keys: &keySource{}}
		c.keys.key.Store(key)
		header := benchHeader("")
		header.Del("Authorization")
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			enc, err := c.encryptPassword(context.Background(), "raw", "p@ssw0rd")
			if err != nil {
				b.Fatal(err)
			}
			body, _ := json.Marshal(map[string]any{"query": generated.LoginByUsername_Operation, "operationName": "LoginByUsername",
				"variables": map[string]any{"input": map[string]any{"username": "bob", "password": enc}}})
			var out generated.LoginByUsernameResponse
			rawCall(b, hc, srv.URL+"/graphql/v2", body, header.Clone(), &out)
		}
	})
}

// BenchmarkNewAuthenticationClient measures creating a client per request.
func BenchmarkNewAuthenticationClient(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID}); err != nil {
			b.Fatal(err)
		}
	}
}

func readTestdataB(b *testing.B, name string) []byte {
	b.Helper()
	body, err := readFile("../testdata/responses/" + name)
	if err != nil {
		b.Fatal(err)
	}
	return body
}

// BenchmarkWithAccessToken measures the cheaper per-request form: a client
// that shares its parent's transport, settings and key cache.
func BenchmarkWithAccessToken(b *testing.B) {
	parent, err := NewAuthenticationClient(AuthenticationOptions{UserPoolID: testPoolID})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = parent.WithAccessToken("t")
	}
}
