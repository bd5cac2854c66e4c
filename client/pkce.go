package client

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
)

// PKCE (RFC 7636) for public clients of the authorization code flow: the
// program keeps a random verifier, sends its digest (the challenge) with
// BuildAuthorizeURL and the verifier itself with GetAccessTokenByCode.

// randomToken returns n random bytes from crypto/rand, base64url-encoded
// without padding: URL-safe and within PKCE's unreserved characters.
func randomToken(n int) string {
	b := make([]byte, n)
	rand.Read(b) // crypto/rand.Read never returns an error since Go 1.24
	return base64.RawURLEncoding.EncodeToString(b)
}

// GenerateCodeChallenge returns a new PKCE code verifier: 43 URL-safe
// characters encoding 32 bytes from crypto/rand. Keep it for
// GetAccessTokenByCode (CodeExchangeOptions.CodeVerifier) and send
// CodeChallengeDigest(verifier, "S256") with BuildAuthorizeURL. It makes
// no network call.
func GenerateCodeChallenge() string {
	return randomToken(32)
}

// CodeChallengeDigest returns the PKCE challenge of verifier: with method
// "S256" (or "") the unpadded base64url SHA-256 of the verifier, with
// "plain" the verifier itself. The verifier must have 43 to 128 of the
// characters A-Z a-z 0-9 - . _ ~; anything else, or another method, is an
// ErrInvalidArgument error (which never quotes the verifier).
func CodeChallengeDigest(verifier, method string) (string, error) {
	const op = "CodeChallengeDigest"
	if n := len(verifier); n < 43 || n > 128 {
		return "", argError(op, "a PKCE verifier has 43 to 128 characters, not %d", n)
	}
	for i := 0; i < len(verifier); i++ {
		if !pkceUnreserved(verifier[i]) {
			return "", argError(op, "a PKCE verifier has only the characters A-Z a-z 0-9 - . _ ~ (byte %d is not one)", i)
		}
	}
	switch method {
	case "", "S256":
		sum := sha256.Sum256([]byte(verifier))
		return base64.RawURLEncoding.EncodeToString(sum[:]), nil
	case "plain":
		return verifier, nil
	}
	return "", argError(op, "PKCE method %q: want S256 or plain", method)
}

// pkceUnreserved reports whether c may appear in a PKCE verifier.
func pkceUnreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}
