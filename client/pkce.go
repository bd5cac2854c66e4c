package client

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"unicode"
)

// randomToken returns n random bytes, base64url-encoded.
func randomToken(n int) string {
	b := make([]byte, n)
	rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}

// GenerateCodeChallenge returns a new PKCE code verifier: 43 characters
// from crypto/rand, URL-safe. Keep it for GetAccessTokenByCode and send
// CodeChallengeDigest(verifier, "S256") with BuildAuthorizeURL.
func GenerateCodeChallenge() string {
	return randomToken(32)
}

// CodeChallengeDigest returns the challenge for a PKCE verifier: with
// method "S256" (or "") the base64url SHA-256 of the verifier, with
// "plain" the verifier itself.
func CodeChallengeDigest(verifier, method string) (string, error) {
	if len(verifier) < 43 || len(verifier) > 128 {
		return "", fmt.Errorf("authing: a PKCE verifier has 43 to 128 characters, not %d: %w", len(verifier), ErrInvalidArgument)
	}
	switch method {
	case "", "S256":
		sum := sha256.Sum256([]byte(verifier))
		return base64.RawURLEncoding.EncodeToString(sum[:]), nil
	case "plain":
		return verifier, nil
	}
	return "", fmt.Errorf("authing: PKCE method %q: want S256 or plain: %w", method, ErrInvalidArgument)
}

// ComputePasswordSecurityLevel rates a password locally, without a network
// call: 3 (strong) for 12 or more characters mixing letters, digits and
// other characters; 2 (medium) for 8 or more characters mixing at least
// two of those classes; 1 (weak) otherwise.
func ComputePasswordSecurityLevel(password string) int {
	var letter, digit, other bool
	n := 0
	for _, r := range password {
		n++
		switch {
		case unicode.IsLetter(r):
			letter = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
	}
	classes := 0
	for _, b := range []bool{letter, digit, other} {
		if b {
			classes++
		}
	}
	switch {
	case n >= 12 && classes == 3:
		return 3
	case n >= 8 && classes >= 2:
		return 2
	}
	return 1
}
