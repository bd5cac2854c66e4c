package client

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"sync"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/golang-jwt/jwt/v5"
)

// IDTokenOptions are the checks VerifyIDToken makes besides the
// signature, issuer, audience and expiry.
type IDTokenOptions struct {
	// Nonce is the nonce of the authorization request
	// (AuthorizeRequest.Nonce); the token must carry the same. Empty: the
	// token must carry none.
	Nonce string
	// AccessToken, when set, is the access token issued with the ID
	// token; the token's at_hash must match it.
	AccessToken string
}

// VerifyIDToken verifies an ID token locally, with no round trip to
// Authing but the JWKS fetch that go-oidc caches: an RS256 token against
// the keys at {AppHost}/oidc/.well-known/jwks.json (through go-oidc), an
// HS256 token with AppSecret (the application's choice in the console).
// It checks the issuer ({AppHost}/oidc), that AppID is an audience, the
// expiry, the nonce, and the at_hash when opts.AccessToken is set, and
// returns the token's claims. A token that fails a check is an *Error of
// KindInvalidArgument (matching ErrInvalidArgument); a failure to fetch
// the keys is KindNetwork. AppHost and AppID are required.
func (ac *AuthenticationClient) VerifyIDToken(ctx context.Context, rawIDToken string, opts *IDTokenOptions) (*TokenValidation, error) {
	const op = "VerifyIDToken"
	ctx = withOp(ctx, op)
	if rawIDToken == "" {
		return nil, argError(op, "ID token is required")
	}
	if err := ac.needApp(op); err != nil {
		return nil, err
	}
	if opts == nil {
		opts = &IDTokenOptions{}
	}
	var header struct {
		Alg string `json:"alg"`
	}
	if err := decodeSegment(rawIDToken, 0, &header); err != nil {
		return nil, ac.idTokenError(ctx, op, err)
	}
	var err error
	if header.Alg == "HS256" {
		err = ac.verifyHS256(rawIDToken)
	} else {
		err = ac.verifyWithJWKS(ctx, rawIDToken)
	}
	if err != nil {
		return nil, ac.idTokenError(ctx, op, err)
	}
	var claims TokenValidation
	if err := decodeSegment(rawIDToken, 1, &claims); err != nil {
		return nil, ac.idTokenError(ctx, op, err)
	}
	if subtle.ConstantTimeCompare([]byte(claims.Nonce), []byte(opts.Nonce)) != 1 {
		return nil, ac.idTokenError(ctx, op, errors.New("the nonce differs from the authorization request's"))
	}
	if opts.AccessToken != "" {
		sum := sha256.Sum256([]byte(opts.AccessToken))
		if claims.AtHash != base64.RawURLEncoding.EncodeToString(sum[:len(sum)/2]) {
			return nil, ac.idTokenError(ctx, op, errors.New("at_hash does not match the access token"))
		}
	}
	return &claims, nil
}

// decodeSegment decodes the i-th base64url JSON segment of a JWT.
func decodeSegment(token string, i int, v any) error {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return errors.New("not a JWT")
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[i])
	if err != nil {
		return errors.New("malformed JWT segment")
	}
	if u, ok := v.(interface{ UnmarshalJSON([]byte) error }); ok {
		return u.UnmarshalJSON(raw)
	}
	return json.Unmarshal(raw, v)
}

// verifyHS256 checks an HS256 ID token with the application's secret.
func (ac *AuthenticationClient) verifyHS256(raw string) error {
	if ac.opts.AppSecret == "" {
		return errors.New("an HS256 ID token needs AuthenticationOptions.AppSecret")
	}
	_, err := jwt.Parse(raw, func(*jwt.Token) (any, error) { return []byte(ac.opts.AppSecret), nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithIssuer(ac.opts.AppHost+"/oidc"),
		jwt.WithAudience(ac.opts.AppID), jwt.WithExpirationRequired(), jwt.WithIssuedAt())
	return err
}

// idVerifier is the go-oidc verifier of an AuthenticationClient, made on
// first use; its key set caches the provider's keys.
type idVerifier struct {
	once     sync.Once
	verifier *oidc.IDTokenVerifier
}

// fetchErrKey is the context key under which verifyWithJWKS learns why
// the keys could not be fetched (go-oidc reports it as text only).
type fetchErrKey struct{}

// keySet records the transport failure of a key fetch.
type keySet struct{ *oidc.RemoteKeySet }

// VerifySignature verifies with the remote keys, noting a failed fetch.
func (k keySet) VerifySignature(ctx context.Context, jwt string) ([]byte, error) {
	payload, err := k.RemoteKeySet.VerifySignature(ctx, jwt)
	var ue *url.Error
	if p, ok := ctx.Value(fetchErrKey{}).(*error); ok && errors.As(err, &ue) {
		*p = ue
	}
	return payload, err
}

// verifyWithJWKS checks a token with go-oidc against the provider's JWKS.
func (ac *AuthenticationClient) verifyWithJWKS(ctx context.Context, raw string) error {
	v := ac.idv
	v.once.Do(func() {
		// The key set fetches with this context for as long as the client
		// lives, so it is not the caller's.
		keysCtx := oidc.ClientContext(context.Background(), ac.oauth2HTTPClient())
		keys := keySet{oidc.NewRemoteKeySet(keysCtx, ac.opts.AppHost+"/oidc/.well-known/jwks.json")}
		v.verifier = oidc.NewVerifier(ac.opts.AppHost+"/oidc", keys, &oidc.Config{ClientID: ac.opts.AppID})
	})
	var fetchErr error
	_, err := v.verifier.Verify(context.WithValue(ctx, fetchErrKey{}, &fetchErr), raw)
	if fetchErr != nil {
		return fetchErr
	}
	return err
}

// idTokenError is the *Error of a failed verification: a key fetch that
// failed in transport is KindNetwork (or KindContext), any other failure
// KindInvalidArgument.
func (ac *AuthenticationClient) idTokenError(ctx context.Context, op string, err error) error {
	var e *Error
	var ue *url.Error
	switch {
	case errors.As(err, &e):
		cp := *e
		e = &cp
	case errors.As(err, &ue):
		e = transportError(ctx, 0, ue.Err)
	default:
		e = &Error{Kind: KindInvalidArgument, is: ErrInvalidArgument, cause: err, Message: "ID token: " + err.Error()}
	}
	e.Operation = op
	e.Message = ac.conn.redact(ctx, &request{op: op}, e.Message)
	return e
}
