package client

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/authing-go/authing/generated"
)

// ManagementOptions configures a ManagementClient. UserPoolID and Secret
// are required; the zero value of every other field means a default.
type ManagementOptions struct {
	// UserPoolID is the user pool's id.
	UserPoolID string
	// Secret is the user pool's secret. It is sent only to obtain the
	// management token and never appears in logs or errors.
	Secret string
	// Host is the API host; default DefaultHost.
	Host string
	// AppID is sent as x-authing-app-id when set.
	AppID string
	// TenantID is sent as x-authing-app-tenant-id when set.
	TenantID string
	// Lang is the language of server messages: "zh-CN" or "en-US".
	Lang string
	// Timeout bounds each HTTP attempt; default 10s.
	Timeout time.Duration
	// HTTPClient sends the requests; by default all clients share one
	// client with a tuned connection pool.
	HTTPClient *http.Client
	// Logger receives one debug record per request and a warning per
	// failure; nil logs nothing. Secrets and tokens are never logged.
	Logger *slog.Logger
	// MaxRetries is how many times a failed query is retried; nil means 2,
	// Int(0) turns retries off.
	MaxRetries *int
	// MaxResponseBytes caps the size of a response body; default 16 MiB.
	MaxResponseBytes int64
	// PublicKey is the PEM RSA key passwords are encrypted with (see
	// AuthenticationOptions.PublicKey).
	PublicKey string
	// TokenRefreshMargin is how long before its expiry the management
	// token is replaced; default one hour.
	TokenRefreshMargin time.Duration
}

// ManagementClient acts as the user pool's administrator, with a
// management token obtained from the pool's secret. The token is fetched
// on first use, cached by this client only, refreshed before it expires,
// and fetched again once if the server rejects it.
//
// A ManagementClient is safe for concurrent use; share one per user pool.
type ManagementClient struct {
	conn   *conn
	gql    *gqlClient
	tokens *tokenSource

	// Users manages the pool's users.
	Users *UsersService
	// Roles manages roles and their members.
	Roles *RolesService
	// Policies manages policies and their assignments.
	Policies *PoliciesService
	// ACL manages resources, namespaces and permissions.
	ACL *ACLService
	// UDF manages custom field definitions and values.
	UDF *UDFService
	// Groups manages user groups.
	Groups *GroupsService
	// Orgs manages organizations, their nodes and members.
	Orgs *OrgsService
	// Applications manages the pool's applications.
	Applications *ApplicationsService
	// UserPool reads and changes the pool's settings and environment.
	UserPool *UserPoolService
	// Whitelist manages the registration whitelists.
	Whitelist *WhitelistService
	// AuditLogs reads the administrators' audit log.
	AuditLogs *AuditLogsService
	// Statistics reads the users' action log.
	Statistics *StatisticsService
	// PrincipalAuthentication manages real-name verification of users.
	PrincipalAuthentication *PrincipalAuthenticationService
	// MFA reads and changes users' MFA settings.
	MFA *MFAService
}

// The services of a ManagementClient. Each is reached through its field
// (mc.Users, mc.Roles, ...) and shares the client's token and transport.
type (
	// UsersService is ManagementClient.Users.
	UsersService struct{ mc *ManagementClient }
	// RolesService is ManagementClient.Roles.
	RolesService struct{ mc *ManagementClient }
	// PoliciesService is ManagementClient.Policies.
	PoliciesService struct{ mc *ManagementClient }
	// ACLService is ManagementClient.ACL.
	ACLService struct{ mc *ManagementClient }
	// UDFService is ManagementClient.UDF.
	UDFService struct{ mc *ManagementClient }
	// GroupsService is ManagementClient.Groups.
	GroupsService struct{ mc *ManagementClient }
	// OrgsService is ManagementClient.Orgs.
	OrgsService struct{ mc *ManagementClient }
	// ApplicationsService is ManagementClient.Applications.
	ApplicationsService struct{ mc *ManagementClient }
	// UserPoolService is ManagementClient.UserPool.
	UserPoolService struct{ mc *ManagementClient }
	// WhitelistService is ManagementClient.Whitelist.
	WhitelistService struct{ mc *ManagementClient }
	// AuditLogsService is ManagementClient.AuditLogs.
	AuditLogsService struct{ mc *ManagementClient }
	// StatisticsService is ManagementClient.Statistics.
	StatisticsService struct{ mc *ManagementClient }
	// PrincipalAuthenticationService is ManagementClient.PrincipalAuthentication.
	PrincipalAuthenticationService struct{ mc *ManagementClient }
	// MFAService is ManagementClient.MFA.
	MFAService struct{ mc *ManagementClient }
)

// NewManagementClient validates opts and returns a client. It makes no
// network call; use Token to check the credentials.
func NewManagementClient(opts ManagementOptions) (*ManagementClient, error) {
	if strings.TrimSpace(opts.UserPoolID) == "" {
		return nil, argError("NewManagementClient", "UserPoolID is required")
	}
	if opts.Secret == "" {
		return nil, argError("NewManagementClient", "Secret is required")
	}
	co, err := buildConn(sharedOptions{host: opts.Host, appID: opts.AppID, userPoolID: opts.UserPoolID,
		tenantID: opts.TenantID, lang: opts.Lang, publicKey: opts.PublicKey, timeout: opts.Timeout,
		httpClient: opts.HTTPClient, logger: opts.Logger, maxRetries: opts.MaxRetries, maxResponseBytes: opts.MaxResponseBytes,
		secrets: []string{opts.Secret}})
	if err != nil {
		return nil, err
	}
	margin := opts.TokenRefreshMargin
	if margin <= 0 {
		margin = time.Hour
	}
	mc := &ManagementClient{conn: newConn(co)}
	anonymous := &gqlClient{conn: mc.conn}
	userPoolID, secret := opts.UserPoolID, opts.Secret
	mc.tokens = &tokenSource{margin: margin, now: time.Now,
		fetch: func(ctx context.Context) (tokenGrant, error) {
			return fetchManagementToken(ctx, anonymous, userPoolID, secret)
		}}
	mc.gql = &gqlClient{conn: mc.conn,
		token: func(ctx context.Context, op string) (string, error) {
			tok, err := mc.tokens.get(ctx)
			if err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()) {
				return "", fmt.Errorf("authing: %s: waiting for the management token: %w", op, err)
			}
			return tok, err
		},
		refresh: mc.tokens.refresh,
	}
	mc.Users = &UsersService{mc}
	mc.Roles = &RolesService{mc}
	mc.Policies = &PoliciesService{mc}
	mc.ACL = &ACLService{mc}
	mc.UDF = &UDFService{mc}
	mc.Groups = &GroupsService{mc}
	mc.Orgs = &OrgsService{mc}
	mc.Applications = &ApplicationsService{mc}
	mc.UserPool = &UserPoolService{mc}
	mc.Whitelist = &WhitelistService{mc}
	mc.AuditLogs = &AuditLogsService{mc}
	mc.Statistics = &StatisticsService{mc}
	mc.PrincipalAuthentication = &PrincipalAuthenticationService{mc}
	mc.MFA = &MFAService{mc}
	return mc, nil
}

// Token returns the current management token, fetching it with the
// accessToken query when there is none or it is about to expire. Use it
// to check the credentials at start-up.
func (mc *ManagementClient) Token(ctx context.Context) (string, error) {
	const op = "Token"
	ctx = withOp(ctx, op)
	return mc.tokens.get(ctx)
}

// fetchManagementToken runs the accessToken query. Its expiry comes from
// the answer's exp and iat, or from the token's own claims.
func fetchManagementToken(ctx context.Context, gql *gqlClient, userPoolID, secret string) (tokenGrant, error) {
	resp, err := generated.AccessToken(ctx, gql, userPoolID, secret)
	if err != nil {
		return tokenGrant{}, err
	}
	res := resp.AccessToken
	if res == nil || res.AccessToken == nil || *res.AccessToken == "" {
		return tokenGrant{}, &Error{Kind: KindMalformed, Operation: "AccessToken", Message: "the server returned no management token"}
	}
	g := tokenGrant{token: *res.AccessToken}
	if res.Exp != nil && *res.Exp > 0 {
		g.exp = time.Unix(int64(*res.Exp), 0)
		if res.Iat != nil && *res.Iat > 0 {
			g.iat = time.Unix(int64(*res.Iat), 0)
		}
		return g, nil
	}
	if g.exp, g.iat, err = tokenExpiry(g.token); err != nil {
		return tokenGrant{}, &Error{Kind: KindMalformed, Operation: "AccessToken", cause: err,
			Message: "reading the token's expiry: " + err.Error()}
	}
	return g, nil
}
