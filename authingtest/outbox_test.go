package authingtest

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"io"
	"net/http"
	"strings"
	"testing"
)

// httpOnly is a client that knows the server only as another language
// would: its URL, its user pool id and its printed public key.
type httpOnly struct {
	t      *testing.T
	url    string
	poolID string
	key    *rsa.PublicKey
}

func newHTTPOnly(t *testing.T, srv *Server) *httpOnly {
	block, _ := pem.Decode([]byte(srv.PublicKeyPEM))
	if block == nil {
		t.Fatal("the public key is not PEM")
	}
	pub, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return &httpOnly{t: t, url: srv.URL, poolID: srv.UserPoolID, key: pub.(*rsa.PublicKey)}
}

// send sends one request and decodes the JSON answer into out.
func (h *httpOnly) send(method, path, token string, body, out any) {
	h.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			h.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, h.url+path, rd)
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("x-authing-userpool-id", h.poolID)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	if out != nil && len(b) > 0 {
		if err := json.Unmarshal(b, out); err != nil {
			h.t.Fatalf("%s %s: %v: %s", method, path, err, b)
		}
	}
}

// gql runs a GraphQL operation and returns its root field's value; a
// GraphQL error fails the test unless wantCode names its Authing code.
func (h *httpOnly) gql(token, query string, vars map[string]any, wantCode float64) map[string]any {
	h.t.Helper()
	var out struct {
		Data   map[string]map[string]any
		Errors []struct{ Message map[string]any }
	}
	h.send("POST", "/graphql/v2", token, map[string]any{"query": query, "variables": vars}, &out)
	switch {
	case wantCode != 0 && (len(out.Errors) == 0 || out.Errors[0].Message["code"] != wantCode):
		h.t.Fatalf("%s: got errors %v, want code %v", query, out.Errors, wantCode)
	case wantCode == 0 && len(out.Errors) > 0:
		h.t.Fatalf("%s: %v", query, out.Errors)
	}
	for _, v := range out.Data {
		return v
	}
	return nil
}

func (h *httpOnly) encrypt(password string) string {
	enc, err := rsa.EncryptPKCS1v15(rand.Reader, h.key, []byte(password)) //lint:ignore SA1019 required by the Authing protocol
	if err != nil {
		h.t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(enc)
}

// lastCode reads the last message sent to an address from the emulator
// route and checks its channel and scene.
func (h *httpOnly) lastCode(to, channel, scene string) string {
	h.t.Helper()
	var msgs []sentMessage
	h.send("GET", "/_emulator/messages?to="+to, "", nil, &msgs)
	if len(msgs) == 0 {
		h.t.Fatalf("no message sent to %s", to)
	}
	m := msgs[len(msgs)-1]
	if m.Channel != channel || m.Scene != scene || len(m.Code) != 6 || m.SentAt.IsZero() {
		h.t.Fatalf("message to %s: %+v, want channel %s, scene %s and a 6-digit code", to, m, channel, scene)
	}
	return m.Code
}

// TestPhoneCodeRegistrationOverHTTP registers with an SMS code and logs
// in, reading the code from the emulator route: no Go helper.
func TestPhoneCodeRegistrationOverHTTP(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	h := newHTTPOnly(t, srv)
	const phone = "13700000001"
	var sent struct{ Code float64 }
	h.send("POST", "/api/v2/sms/send", "", map[string]any{"phone": phone, "scene": "VERIFY_CODE"}, &sent)
	if sent.Code != 200 {
		t.Fatalf("sms/send answered code %v", sent.Code)
	}
	code := h.lastCode(phone, "sms", "VERIFY_CODE")
	h.gql("", `mutation($i:RegisterByPhoneCodeInput!){registerByPhoneCode(input:$i){id}}`,
		map[string]any{"i": map[string]any{"phone": phone, "code": "000000", "password": h.encrypt("phone-pass-1")}}, 2001)
	user := h.gql("", `mutation($i:RegisterByPhoneCodeInput!){registerByPhoneCode(input:$i){id phone}}`,
		map[string]any{"i": map[string]any{"phone": phone, "code": code, "password": h.encrypt("phone-pass-1")}}, 0)
	login := h.gql("", `mutation($i:LoginByPhonePasswordInput!){loginByPhonePassword(input:$i){id token}}`,
		map[string]any{"i": map[string]any{"phone": phone, "password": h.encrypt("phone-pass-1")}}, 0)
	var me struct{ Data struct{ ID, Phone string } }
	h.send("GET", "/api/v2/users/me", str(login["token"]), nil, &me)
	if me.Data.ID != user["id"] || me.Data.Phone != phone {
		t.Errorf("users/me = %+v, want id %v and phone %s", me.Data, user["id"], phone)
	}
}

// TestEmailCodePasswordResetOverHTTP resets a password with an e-mailed
// code read from the emulator route, then logs in with the new password.
func TestEmailCodePasswordResetOverHTTP(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	h := newHTTPOnly(t, srv)
	const email = "reset@example.com"
	h.gql("", `mutation($i:RegisterByEmailInput!){registerByEmail(input:$i){id}}`,
		map[string]any{"i": map[string]any{"email": email, "password": h.encrypt("old-pass-1")}}, 0)
	h.gql("", `mutation($e:String!){sendEmail(email:$e,scene:RESET_PASSWORD){code}}`, map[string]any{"e": email}, 0)
	code := h.lastCode(email, "email", "RESET_PASSWORD")
	h.gql("", `mutation($e:String,$c:String!,$p:String!){resetPassword(email:$e,code:$c,newPassword:$p){code}}`,
		map[string]any{"e": email, "c": code, "p": h.encrypt("new-pass-2")}, 0)
	login := `mutation($i:LoginByEmailInput!){loginByEmail(input:$i){id token}}`
	h.gql("", login, map[string]any{"i": map[string]any{"email": email, "password": h.encrypt("old-pass-1")}}, 2006)
	if u := h.gql("", login, map[string]any{"i": map[string]any{"email": email, "password": h.encrypt("new-pass-2")}}, 0); str(u["token"]) == "" {
		t.Error("login with the new password gave no token")
	}
	h.send("DELETE", "/_emulator/messages", "", nil, nil)
	var msgs []sentMessage
	h.send("GET", "/_emulator/messages", "", nil, &msgs)
	if len(msgs) != 0 {
		t.Errorf("after DELETE, %d messages remain", len(msgs))
	}
}

// TestOutboxFollowsLanguage checks a code's message is written in the
// language of the request that sent it.
func TestOutboxFollowsLanguage(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	for _, tc := range []struct{ lang, phone, want string }{
		{"", "13700000011", "您的验证码是"},
		{"en-US", "13700000012", "Your verification code is"},
	} {
		req, err := http.NewRequest("POST", srv.URL+"/api/v2/sms/send", strings.NewReader(`{"phone":"`+tc.phone+`"}`))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		if tc.lang != "" {
			req.Header.Set("X-Authing-Lang", tc.lang)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		msgs := srv.st.outbox.sentTo(tc.phone)
		if len(msgs) != 1 || !strings.HasPrefix(msgs[0].Body, tc.want) {
			t.Errorf("X-Authing-Lang %q: messages %+v, want a body starting %q", tc.lang, msgs, tc.want)
		}
	}
}
