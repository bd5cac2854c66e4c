package client

import (
	"errors"
	"net/url"
	"strings"
	"testing"
)

func TestPKCEVerifiers(t *testing.T) {
	r := newReplay(t, "rest.ok.json")
	ac := r.authClient("")
	// RFC 7636, appendix B.
	const rfcVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	tests := []struct {
		name, verifier, method, want string
		wantErr                      bool
	}{
		{"RFC 7636 S256", rfcVerifier, "S256", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", false},
		{"default is S256", rfcVerifier, "", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", false},
		{"plain", rfcVerifier, "plain", rfcVerifier, false},
		{"longest", strings.Repeat("~", 128), "plain", strings.Repeat("~", 128), false},
		{"too short", strings.Repeat("a", 42), "S256", "", true},
		{"too long", strings.Repeat("a", 129), "S256", "", true},
		{"reserved character", strings.Repeat("a", 42) + "+", "S256", "", true},
		{"unknown method", rfcVerifier, "MD5", "", true},
		{"method is case-sensitive", rfcVerifier, "s256", "", true},
	}
	for _, tt := range tests {
		req, err := ac.BuildAuthorizeURL(&AuthorizeURLOptions{CodeVerifier: tt.verifier, CodeChallengeMethod: tt.method})
		if tt.wantErr {
			if !errors.Is(err, ErrInvalidArgument) {
				t.Errorf("%s: err = %v, want ErrInvalidArgument", tt.name, err)
			} else if len(tt.verifier) >= 43 && strings.Contains(err.Error(), tt.verifier[:43]) {
				t.Errorf("%s: the error quotes the verifier: %v", tt.name, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		u, _ := url.Parse(req.URL)
		if got := u.Query().Get("code_challenge"); got != tt.want || req.CodeVerifier != tt.verifier {
			t.Errorf("%s: challenge %q, verifier %q; want %q", tt.name, got, req.CodeVerifier, tt.want)
		}
	}
}

func TestGenerateCodeVerifier(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		v := GenerateCodeVerifier()
		if len(v) != 43 {
			t.Fatalf("verifier %q has %d characters, want 43", v, len(v))
		}
		if err := checkVerifier("Op", v); err != nil {
			t.Fatalf("generated verifier rejected: %v", err)
		}
		if seen[v] {
			t.Fatalf("verifier %q generated twice", v)
		}
		seen[v] = true
	}
}

func TestComputePasswordSecurityLevel(t *testing.T) {
	tests := []struct {
		password string
		want     int
	}{
		{"", PasswordWeak},
		{"abc", PasswordWeak},
		{"Ab1!", PasswordWeak},             // every class, too short
		{"abcdefghijklmnop", PasswordWeak}, // long, one class
		{"12345678", PasswordWeak},
		{"abcd1234", PasswordMedium},
		{"abcd!@#$", PasswordMedium},
		{"Abcdefgh", PasswordMedium},
		{"Abcd1234!", PasswordMedium},      // 3 classes, 9 characters
		{"abcdefgh1234", PasswordMedium},   // 12 characters, 2 classes
		{"Abcdefgh1234", PasswordStrong},   // 12 characters, 3 classes
		{"abcd1234!xyz", PasswordStrong},   // lower, digit, other
		{"Abcd 1234 !xyz", PasswordStrong}, // spaces count as other
		{"密码密码密码密码12", PasswordMedium},     // 10 characters (not bytes), 2 classes
		{"密码密码密码密码密码12!", PasswordMedium},  // CJK and ! are both "other"
		{"密码密码密码密码密码a12", PasswordStrong},
	}
	for _, tt := range tests {
		if got := ComputePasswordSecurityLevel(tt.password); got != tt.want {
			t.Errorf("ComputePasswordSecurityLevel(%q) = %d, want %d", tt.password, got, tt.want)
		}
	}
}
