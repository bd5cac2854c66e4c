package authingtest

import (
	"crypto/rsa"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// claims are the claims of every token the server signs.
type claims struct {
	jwt.RegisteredClaims
	UserPoolID string     `json:"userPoolId"`
	Data       claimsData `json:"data"`
	Kind       string     `json:"kind"` // "user", "management", "mfa" or "oidc"
	// ClientID and Scope are an OIDC access token's client and scope.
	ClientID string `json:"client_id,omitempty"`
	Scope    string `json:"scope,omitempty"`
}

type claimsData struct {
	ID         string `json:"id,omitempty"`
	UserPoolID string `json:"userPoolId"`
}

// issue signs a token for userID ("" for a management token).
func (s *Server) issue(userID string) (token string, iat, exp time.Time, err error) {
	kind := "user"
	if userID == "" {
		kind = "management"
	}
	return s.issueKind(userID, kind, s.tokenTTL)
}

// issueKind signs a token of a kind: "user", "management" or "mfa" (a
// login waiting for its second factor). OIDC access tokens are signed by
// issueAccessToken, ID tokens by signIDToken.
func (s *Server) issueKind(userID, kind string, ttl time.Duration) (token string, iat, exp time.Time, err error) {
	iat = s.now()
	exp = iat.Add(ttl)
	c := claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Subject:   userID,
			IssuedAt:  jwt.NewNumericDate(iat),
			ExpiresAt: jwt.NewNumericDate(exp),
			ID:        randomHex(8),
		},
		UserPoolID: s.UserPoolID,
		Data:       claimsData{ID: userID, UserPoolID: s.UserPoolID},
		Kind:       kind,
	}
	token, err = jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(s.jwtSecret)
	if err == nil && kind == "user" {
		s.st.recordToken(userID, c.ID)
	}
	return token, iat, exp, err
}

var errTokenExpired = errors.New("token expired")

// verify checks a token's signature, expiry and revocation.
func (s *Server) verify(token string) (*claims, error) {
	var c claims
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return s.jwtSecret, nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithTimeFunc(s.now))
	if errors.Is(err, jwt.ErrTokenExpired) {
		return nil, errTokenExpired
	}
	if err != nil {
		return nil, err
	}
	if c.UserPoolID != s.UserPoolID {
		return nil, errors.New("token of another user pool")
	}
	if c.Kind != "management" && s.st.revoked(c.ID) {
		return nil, errors.New("token revoked")
	}
	return &c, nil
}

// decryptPassword reverses the SDKs' encryption: base64, then RSA PKCS#1
// v1.5 with the server's key.
func (s *Server) decryptPassword(enc string) (string, error) {
	raw, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		return "", errDecryptPassword
	}
	// The protocol's scheme (see client/password.go); deprecated in Go
	// 1.26 for new designs, required here.
	plain, err := rsa.DecryptPKCS1v15(nil, s.key, raw) //lint:ignore SA1019 required by the Authing protocol
	if err != nil {
		return "", errDecryptPassword
	}
	return string(plain), nil
}

// hashPassword salts and hashes a password; fast on purpose, for tests.
func hashPassword(salt, password string) string {
	sum := sha256.Sum256([]byte(salt + "\x00" + password))
	return hex.EncodeToString(sum[:])
}

func passwordMatches(salt, hash, password string) bool {
	return subtle.ConstantTimeCompare([]byte(hashPassword(salt, password)), []byte(hash)) == 1
}
