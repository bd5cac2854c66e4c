package authingtest

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"net/http"
	"strconv"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
)

// TestMessageTableHasBothLanguages reads messages.go and checks that each
// entry of the table has a code, a Chinese text and an English text with
// no Chinese in it.
func TestMessageTableHasBothLanguages(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "messages.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	entries := 0
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.CompositeLit)
		if id, isIdent := typeIdent(lit); !ok || !isIdent || id != "message" || len(lit.Elts) == 0 {
			return true
		}
		entries++
		if len(lit.Elts) != 3 {
			t.Errorf("message literal with %d elements, want code, zh, en", len(lit.Elts))
			return true
		}
		zh, en := stringLit(lit.Elts[1]), stringLit(lit.Elts[2])
		if zh == "" || en == "" {
			t.Errorf("message %q / %q lacks a language", zh, en)
		}
		for _, r := range en {
			if unicode.Is(unicode.Han, r) {
				t.Errorf("English text %q has Chinese in it", en)
				break
			}
		}
		return true
	})
	if entries < 50 {
		t.Errorf("found only %d messages in the table", entries)
	}
}

func typeIdent(lit *ast.CompositeLit) (string, bool) {
	if lit == nil {
		return "", false
	}
	id, ok := lit.Type.(*ast.Ident)
	if !ok {
		return "", false
	}
	return id.Name, true
}

func stringLit(e ast.Expr) string {
	b, ok := e.(*ast.BasicLit)
	if !ok || b.Kind != token.STRING {
		return ""
	}
	s, _ := strconv.Unquote(b.Value)
	return s
}

// send posts (or gets) a raw request with an optional language header
// and decodes the JSON answer.
func send(t *testing.T, srv *Server, method, path, token, lang string, body any) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, srv.URL+path, rd)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if lang != "" {
		req.Header.Set("X-Authing-Lang", lang)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%s %s: not JSON (HTTP %d): %s", method, path, resp.StatusCode, raw)
	}
	return resp.StatusCode, out
}

// TestMessagesFollowXAuthingLang checks that errors and success messages
// of GraphQL and REST are Chinese by default and for zh-CN, English for
// en-US, chosen per request.
func TestMessagesFollowXAuthingLang(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	admin := adminToken(t, srv)
	gqlBody := map[string]any{"query": `{ role(code: "x") { code } u: user(id: "nope") { id } }`}
	deleteBody := map[string]any{"query": `mutation { deleteRoles(codeList: ["none"]) { code message } }`}
	tests := []struct {
		lang, userErr, deleted, restErr string
	}{
		{"", "用户不存在", "删除成功", "用户不存在"},
		{"zh-CN", "用户不存在", "删除成功", "用户不存在"},
		{"en-US", "The user does not exist", "Deleted successfully", "The user does not exist"},
	}
	for _, tt := range tests {
		_, out := send(t, srv, "POST", "/graphql/v2", admin, tt.lang, gqlBody)
		_, del := send(t, srv, "POST", "/graphql/v2", admin, tt.lang, deleteBody)
		_, rest := send(t, srv, "GET", "/api/v2/users/nope", admin, tt.lang, nil)
		got := []any{dig(out, "errors", "0", "message", "message"), dig(del, "data", "deleteRoles", "message"), rest["message"]}
		want := []any{tt.userErr, tt.deleted, tt.restErr}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("X-Authing-Lang %q (-want +got):\n%s", tt.lang, diff)
		}
	}
}
