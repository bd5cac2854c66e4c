package client

import (
	"crypto/rand"
	"encoding/base64"

	"golang.org/x/oauth2"
)

// PKCE (RFC 7636) for the authorization code flow: the program keeps a
// random verifier, BuildAuthorizeURL sends its challenge, and
// GetAccessTokenByCode sends the verifier itself. x/oauth2 makes the
// challenge (oauth2.S256ChallengeFromVerifier).

// randomToken returns n random bytes from crypto/rand, base64url-encoded
// without padding: URL-safe and within PKCE's unreserved characters.
func randomToken(n int) string {
	b := make([]byte, n)
	rand.Read(b) // crypto/rand.Read never returns an error since Go 1.24
	return base64.RawURLEncoding.EncodeToString(b)
}

// GenerateCodeVerifier returns a new PKCE code verifier: 43 URL-safe
// characters encoding 32 bytes from crypto/rand (oauth2.GenerateVerifier).
// BuildAuthorizeURL makes one when AuthorizeURLOptions.CodeVerifier is
// empty. It makes no network call.
func GenerateCodeVerifier() string {
	return oauth2.GenerateVerifier()
}

// checkVerifier checks a PKCE verifier's syntax: 43 to 128 of the
// characters A-Z a-z 0-9 - . _ ~. The error never quotes the verifier.
func checkVerifier(op, verifier string) error {
	if n := len(verifier); n < 43 || n > 128 {
		return argError(op, "a PKCE verifier has 43 to 128 characters, not %d", n)
	}
	for i := 0; i < len(verifier); i++ {
		if !pkceUnreserved(verifier[i]) {
			return argError(op, "a PKCE verifier has only the characters A-Z a-z 0-9 - . _ ~ (byte %d is not one)", i)
		}
	}
	return nil
}

// pkceUnreserved reports whether c may appear in a PKCE verifier.
func pkceUnreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}
