package authingtest

// The features out of authing-local's scope: those the Go SDK does not
// have yet. Every request Authing's official SDKs send for them is
// answered with HTTP 501 and {"code": 501, "message": "<feature> is not
// supported by authing-local"}, never a 404 or another route's answer.

// unsupportedAPI registers the routes of the features out of scope.
func (s *Server) unsupportedAPI() api {
	var routes []route
	for _, f := range []struct {
		feature  string
		patterns []string
	}{
		{"tenants", tenantPatterns},
		{"external identity providers", extIdpPatterns},
		{"devices", devicePatterns},
		{"events", []string{"POST /api/v3/pub-event", "POST /api/v3/pub-userEvent"}},
		{"QR-code login", []string{"GET /api/v2/qrcode/check", "POST /api/v2/qrcode/gene", "POST /api/v2/qrcode/userinfo"}},
		{"resigning users", []string{"POST /api/v3/resign-user", "POST /api/v3/resign-user-batch"}},
		{"identity links", identityLinkPatterns},
	} {
		for _, p := range f.patterns {
			routes = append(routes, route{p, s.unsupported(f.feature).rest})
		}
	}
	return api{routes: routes}
}

// tenantPatterns are the routes of tenants, a user's or an application's
// tenants and orgs by tenant.
var tenantPatterns = []string{
	"GET /api/v2/tenants", "POST /api/v2/tenant", "GET /api/v2/tenant/{id}", "POST /api/v2/tenant/{id}",
	"DELETE /api/v2/tenant/{id}", "GET /api/v2/tenant/{id}/users", "POST /api/v2/tenant/{id}/user",
	"DELETE /api/v2/tenant/{id}/user", "PUT /api/v2/tenant/{id}/admin", "DELETE /api/v2/tenant/{id}/admin/{userId}",
	"PUT /api/v2/tenant/{id}/{userId}", "GET /api/v2/users/{id}/tenants", "GET /api/v2/application/{id}/tenants",
	"GET /api/v2/orgs/by-tenant",
}

// extIdpPatterns are the routes of external identity providers and their
// connections: social and enterprise login.
var extIdpPatterns = []string{
	"GET /api/v2/extIdp", "POST /api/v2/extIdp", "GET /api/v2/extIdp/{id}", "PUT /api/v2/extIdp/{id}",
	"DELETE /api/v2/extIdp/{id}", "PUT /api/v2/extIdp/{id}/connState", "POST /api/v2/extIdpConn",
	"PUT /api/v2/extIdpConn/{id}", "DELETE /api/v2/extIdpConn/{id}", "PUT /api/v2/extIdpConn/{id}/state",
	"POST /api/v2/check/extIdpConn/identifier", "POST /api/v2/connections/oidc/start-interaction",
	"GET /connection/social/wechat:mobile/{pool}/callback",
}

// devicePatterns are the routes of devices and their metadata rows.
var devicePatterns = []string{
	"POST /api/v3/metadata/filter", "GET /api/v3/metadata/get-row", "POST /api/v3/get-user-devices",
	"POST /api/v3/device-status", "POST /api/v3/create-device", "GET /api/v3/mydevices/list",
	"POST /api/v3/mydevices/unbind", "POST /api/v3/mydevices/revoke-session",
	"POST /api/v3/delete-device", "POST /api/v3/disable-device", "POST /api/v3/enable-device", "POST /api/v3/suspend-device",
	"POST /api/v3/delete-device-by-user", "POST /api/v3/disable-device-by-user", "POST /api/v3/enable-device-by-user",
	"POST /api/v3/suspend-device-by-user",
}

// identityLinkPatterns are the routes of the v3 social and enterprise
// identity links.
var identityLinkPatterns = []string{
	"GET /api/v3/get-identities", "GET /api/v3/generate-link-extidp-url", "POST /api/v3/unlink-extidp",
	"POST /api/v2/users/identity/link", "POST /api/v2/users/identity/unlink",
}
