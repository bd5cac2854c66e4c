package authingtest

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"math/big"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// signer holds the key of the RS256 ID tokens, made on first use: most
// servers of a test run never sign one, and a 2048-bit key takes time.
type signer struct {
	once sync.Once
	key  *rsa.PrivateKey
	kid  string
	err  error
}

// signingKey returns the server's ID token key.
func (s *Server) signingKey() (*signer, error) {
	s.sig.once.Do(func() {
		s.sig.key, s.sig.err = rsa.GenerateKey(rand.Reader, 2048)
		if s.sig.err == nil {
			sum := sha256.Sum256(s.sig.key.N.Bytes())
			s.sig.kid = hex.EncodeToString(sum[:8])
		}
	})
	return &s.sig, s.sig.err
}

// jwk is the public key as a JSON Web Key (RFC 7517).
func (k *signer) jwk() map[string]any {
	b64 := base64.RawURLEncoding.EncodeToString
	return map[string]any{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": k.kid,
		"n": b64(k.key.N.Bytes()), "e": b64(big.NewInt(int64(k.key.E)).Bytes())}
}

// issueAccessToken signs an OIDC access token of clientID for userID
// (an account's own id for client credentials) and returns it with its
// id.
func (s *Server) issueAccessToken(clientID, userID, scope string, ttl time.Duration) (token, jti string, err error) {
	iat := s.now()
	c := claims{
		RegisteredClaims: jwt.RegisteredClaims{Subject: userID, IssuedAt: jwt.NewNumericDate(iat),
			ExpiresAt: jwt.NewNumericDate(iat.Add(ttl)), ID: randomHex(8)},
		UserPoolID: s.UserPoolID,
		Data:       claimsData{ID: userID, UserPoolID: s.UserPoolID},
		Kind:       "oidc",
		ClientID:   clientID,
		Scope:      scope,
	}
	token, err = jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(s.jwtSecret)
	return token, c.ID, err
}

// signIDToken signs the ID token of a grant: RS256 with the server's key
// (its kid in the header), or HS256 with the application's secret when
// the application asks for it. The user's claims follow the scope.
func (s *Server) signIDToken(iss string, app *appRec, userID, scope, nonce, accessToken string, authTime time.Time) (string, error) {
	cfg := app.OIDCConfig.withDefaults()
	iat := s.now()
	claims := jwt.MapClaims{"iss": iss, "sub": userID, "aud": app.ID, "iat": iat.Unix(),
		"exp": iat.Add(seconds(cfg.IDTokenExpire)).Unix(), "at_hash": atHash(accessToken)}
	if nonce != "" {
		claims["nonce"] = nonce
	}
	if !authTime.IsZero() {
		claims["auth_time"] = authTime.Unix()
	}
	if p := s.st.userProfile(userID); p != nil {
		for k, v := range scopedClaims(userID, scope, p) {
			claims[k] = v
		}
	}
	if cfg.IDTokenSignedResponseAlg == "HS256" {
		return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(app.Secret))
	}
	k, err := s.signingKey()
	if err != nil {
		return "", err
	}
	t := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	t.Header["kid"] = k.kid
	return t.SignedString(k.key)
}

// atHash is the at_hash of an access token: the left half of its SHA-256,
// base64url (OpenID Connect Core 3.1.3.6).
func atHash(accessToken string) string {
	sum := sha256.Sum256([]byte(accessToken))
	return base64.RawURLEncoding.EncodeToString(sum[:len(sum)/2])
}

// verifyIDToken checks an ID token's signature (the server's key for
// RS256, its audience's secret for HS256) and expiry, and returns its
// claims.
func (s *Server) verifyIDToken(token string) (map[string]any, error) {
	c := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(token, c, func(t *jwt.Token) (any, error) {
		if t.Method.Alg() == "RS256" {
			k, err := s.signingKey()
			if err != nil {
				return nil, err
			}
			return &k.key.PublicKey, nil
		}
		aud, _ := c.GetAudience()
		if len(aud) != 1 {
			return nil, errors.New("an HS256 ID token needs one audience")
		}
		app := s.findApp(aud[0])
		if app == nil {
			return nil, errors.New("unknown audience")
		}
		return []byte(app.Secret), nil
	}, jwt.WithValidMethods([]string{"RS256", "HS256"}), jwt.WithTimeFunc(s.now), jwt.WithExpirationRequired())
	if err != nil {
		return nil, err
	}
	return c, nil
}
