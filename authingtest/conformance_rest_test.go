package authingtest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// confCall is what the conformance test sends to one REST route: the
// values of its path parameters, its query, and its body (JSON, or a form
// when form is set). Strings are templates, as in argOverrides.
type confCall struct {
	params []string
	query  map[string]string
	body   any
	form   bool
	bearer string // the token sent, when not the caller's default; "-" for none
}

type jm = map[string]any

var (
	confPaging      = map[string]string{"page": "1", "limit": "10"}
	confUserTarget  = jm{"targetType": "USER", "targetIdentifiers": []any{"$userId"}, "namespace": "default", "inheritByChildren": false}
	confResourceOps = jm{"namespace": "$namespace", "opts": []any{jm{"targetType": "USER", "targetIdentifiers": []any{"$userId"},
		"resources": []any{jm{"code": "$resourceCode:1", "actions": []any{"read"}, "resourceType": "DATA"}}}}}
	confPrincipal = jm{"type": "P", "name": "Zhang San", "idCard": "110101199003070000", "ext": ""}
	confOIDCForm  = jm{"client_id": "$appId", "client_secret": "$appSecret"}
)

// confCalls are the requests the conformance test sends, by route; the
// bodies carry the fields the official SDKs send (rest-shapes.md). Routes
// not listed are sent with no body, query or path parameters but "x".
var confCalls = map[string]confCall{
	"GET /api/v2/users/{}":                           {params: []string{"$userId"}, query: map[string]string{"with_custom_data": "true"}},
	"POST /api/v2/users/batch":                       {body: jm{"ids": []any{"$userId"}, "type": "id", "withCustomData": true}},
	"POST /api/v2/users/filter":                      {body: jm{"page": 1, "limit": 10, "filter": []any{}}},
	"GET /api/v2/users/{}/orgs":                      {params: []string{"$userId"}},
	"GET /api/v2/users/{}/has-role":                  {params: []string{"$userId"}, query: map[string]string{"code": "$roleCode", "namespace": "default"}},
	"POST /api/v2/users/kick":                        {body: jm{"userIds": []any{"$userId"}}},
	"GET /logout":                                    {query: map[string]string{"userId": "$userId", "appId": "$appId"}},
	"GET /api/v2/users/login-status":                 {query: map[string]string{"userId": "$userId", "appId": "$appId"}},
	"GET /api/v2/analysis/user-action":               {query: confPaging},
	"GET /api/v2/analysis/total-login-count":         {query: map[string]string{"appId": "$appId"}},
	"GET /api/v2/analysis/exist-defined-field-count": {query: map[string]string{"definedFieldKey": "$udfKey", "appId": "$appId"}},
	"GET /api/v2/users/{}/mfa-bound":                 {params: []string{"$userId"}},
	"DELETE /api/v2/users/{}/mfa-bound":              {params: []string{"$userId"}, query: map[string]string{"type": "OTP"}},
	"POST /api/v2/mfa/totp/import":                   {body: jm{"userId": "$userId", "secret": "JBSWY3DPEHPK3PXP", "recoveryCode": "conf-recovery"}},
	"POST /api/v2/acl/is-allowed":                    {body: jm{"userId": "$userId", "resource": "$resourceCode:1", "action": "read", "namespace": "$namespace"}},
	"POST /api/v2/acl/authorize-resources":           {body: confResourceOps},
	"POST /api/v2/acl/revoke-resources":              {body: confResourceOps},
	"POST /api/v2/acl/revoke-resource": {body: jm{"namespace": "$namespace", "resource": "$resourceCode:1",
		"opts": []any{jm{"targetType": "USER", "targetIdentifier": "$userId"}}}},
	"POST /api/v2/acl/list-authorized-resources-batch": {body: jm{"namespace": "$namespace", "resourceType": "DATA",
		"targets": []any{jm{"targetType": "USER", "targetIdentifier": "$userId"}}}},
	"POST /api/v2/acl/check-resource-permission-batch":           {body: jm{"userId": "$userId", "namespace": "$namespace", "resources": []any{"$resourceCode:1:read"}}},
	"POST /api/v2/acl/get-authorized-resources-of-resource-kind": {body: jm{"userId": "$userId", "namespace": "$namespace", "resource": "$resourceCode"}},
	"GET /api/v2/policies/assignments/by-target":                 {query: map[string]string{"namespace": "default", "policy_code": "$policyCode", "target_type": "USER"}},
	"POST /api/v2/password/check":                                {body: jm{"password": "conf-pass-1"}},
	"POST /api/v2/resource-namespace/{}":                         {params: []string{"$pool"}, body: jm{"code": "conf-ns-2", "name": "Conf 2", "description": "conf"}},
	"PUT /api/v2/resource-namespace/{}/code/{}":                  {params: []string{"$pool", "$namespace"}, body: jm{"name": "Renamed", "description": "conf"}},
	"PUT /api/v2/resource-namespace/{}/{}":                       {params: []string{"$pool", "$namespaceId"}, body: jm{"name": "Renamed"}},
	"GET /api/v2/resource-namespace/{}":                          {params: []string{"$pool"}, query: confPaging},
	"DELETE /api/v2/resource-namespace/{}/code/{}":               {params: []string{"$pool", "$namespace"}},
	"DELETE /api/v2/resource-namespace/{}/{}":                    {params: []string{"$pool", "$namespaceId"}},
	"POST /api/v2/resources": {body: jm{"namespace": "$namespace", "code": "conf-res-2", "type": "DATA", "description": "conf",
		"actions": []any{jm{"name": "read", "description": "read"}}}},
	"POST /api/v2/resources/{}": {params: []string{"$resourceCode"}, body: jm{"namespace": "$namespace", "description": "updated",
		"actions": []any{jm{"name": "write", "description": "write"}}}},
	"GET /api/v2/resources":        {query: map[string]string{"namespace": "$namespace", "type": "DATA", "page": "1", "limit": "10"}},
	"DELETE /api/v2/resources/{}":  {params: []string{"$resourceCode"}, query: map[string]string{"namespace": "$namespace"}},
	"GET /api/v2/resources/detail": {query: map[string]string{"namespace": "$namespace", "code": "$resourceCode"}},
	"POST /api/v2/resources/bulk": {body: jm{"bulk": []any{jm{"code": "conf-bulk", "type": "DATA", "namespace": "$namespace",
		"actions": []any{jm{"name": "read", "description": "read"}}}}}},
	"GET /api/v2/applications/{}/programmatic-access-accounts":  {params: []string{"$appId"}, query: confPaging},
	"POST /api/v2/applications/{}/programmatic-access-accounts": {params: []string{"$appId"}, body: jm{"tokenLifetime": 600, "remarks": "conf"}},
	"PATCH /api/v2/applications/programmatic-access-accounts":   {body: jm{"id": "$paaId", "enabled": false}},
	"DELETE /api/v2/applications/programmatic-access-accounts":  {query: map[string]string{"id": "$paaId"}},
	"POST /api/v2/roles/roleUsers":                              {body: jm{"code": "$roleCode", "namespace": "default", "search": "", "page": 1, "limit": 10}},
	"GET /api/v2/orgs":                                          {query: confPaging},
	"GET /api/v2/orgs/export":                                   {query: map[string]string{"org_id": "$orgId"}},
	"POST /api/v2/orgs/import": {body: jm{"filetype": "json",
		"file": `{"name":"Imported","code":"imported","children":[{"name":"Child","code":"imported-child","children":[]}]}`}},
	"GET /api/v2/applications": {query: confPaging},
	"POST /api/v2/applications": {body: jm{"name": "Conf app 2", "identifier": "conf-app-2",
		"redirectUris": []any{"http://127.0.0.1:9/cb"}}},
	"GET /api/v2/applications/{}":                               {params: []string{"$appId"}},
	"DELETE /api/v2/applications/{}":                            {params: []string{"$appId"}},
	"POST /api/v2/applications/{}":                              {params: []string{"$appId"}, body: jm{"permissionStrategy": jm{"defaultStrategy": "DENY_ALL"}}},
	"PATCH /api/v2/application/{}/refresh-secret":               {params: []string{"$appId"}},
	"GET /api/v2/applications/{}/active-users":                  {params: []string{"$appId"}, query: confPaging},
	"GET /api/v2/applications/{}/authorization/records":         {params: []string{"$appId"}, query: confPaging},
	"POST /api/v2/applications/{}/authorization/allow":          {params: []string{"$appId"}, body: confUserTarget},
	"POST /api/v2/applications/{}/authorization/deny":           {params: []string{"$appId"}, body: confUserTarget},
	"POST /api/v2/applications/{}/authorization/enable-effect":  {params: []string{"$appId"}, body: confUserTarget},
	"POST /api/v2/applications/{}/authorization/disable-effect": {params: []string{"$appId"}, body: confUserTarget},
	"POST /api/v2/applications/{}/authorization/revoke":         {params: []string{"$appId"}, body: confUserTarget},
	"GET /api/v2/applications/{}/agreements":                    {params: []string{"$appId"}},
	"POST /api/v2/applications/{}/agreements":                   {params: []string{"$appId"}, body: jm{"title": "Privacy", "required": true, "lang": "zh-CN"}},
	"PUT /api/v2/applications/{}/agreements/{}":                 {params: []string{"$appId", "$agreementId"}, body: jm{"title": "Terms 2", "required": false, "lang": "en-US"}},
	"DELETE /api/v2/applications/{}/agreements/{}":              {params: []string{"$appId", "$agreementId"}},
	"POST /api/v2/applications/{}/agreements/sort":              {params: []string{"$appId"}, body: jm{"ids": []any{"$agreementId"}}},
	"GET /api/v2/applications/{}/public-config":                 {params: []string{"$appId"}},
	"GET /api/v2/mfa/authenticator":                             {query: map[string]string{"type": "totp", "source": "SELF"}},
	"POST /api/v2/mfa/totp/associate":                           {body: jm{"authenticator_type": "totp", "source": "SELF"}},
	"POST /api/v2/mfa/totp/associate/confirm":                   {body: jm{"authenticator_type": "totp", "totp": "000000", "source": "SELF"}},
	"POST /api/v2/mfa/totp/verify":                              {body: jm{"totp": "$totp"}, bearer: "$mfaToken"},
	"POST /api/v2/mfa/totp/recovery":                            {body: jm{"recoveryCode": "conf-recovery"}, bearer: "$mfaToken"},
	"POST /api/v2/applications/mfa/sms/verify":                  {body: jm{"phone": "$phone", "code": "$code_phone", "phoneCountryCode": "+86"}, bearer: "$mfaToken"},
	"POST /api/v2/applications/mfa/email/verify":                {body: jm{"email": "$email", "code": "$code_email"}, bearer: "$mfaToken"},
	"POST /api/v2/applications/mfa/check":                       {body: jm{"phone": "13900000001"}, bearer: "$mfaToken"},
	"POST /api/v2/mfa/face/associate":                           {body: jm{"photoA": "http://127.0.0.1:9/a.png", "photoB": "http://127.0.0.1:9/a.png"}},
	"POST /api/v2/mfa/face/verify":                              {body: jm{"photo": "http://127.0.0.1:9/face.png"}, bearer: "$mfaToken"},
	"POST /api/v2/env":                                          {body: jm{"key": "conf-env-2", "value": "v"}},
	"DELETE /api/v2/env/{}":                                     {params: []string{"$envKey"}},
	"GET /api/v2/analysis/audit":                                {query: confPaging},
	"GET /api/v2/users/{}/management/principal_authentication":  {params: []string{"$userId"}},
	"POST /api/v2/users/{}/management/principal_authentication": {params: []string{"$userId"}, body: confPrincipal},
	"POST /api/v2/users/principal_authentication":               {body: confPrincipal},
	"POST /api/v2/sms/send":                                     {body: jm{"phone": "$phone", "phoneCountryCode": "+86"}},
	"POST /api/v2/login/email-code":                             {body: jm{"email": "$email", "code": "$code_email"}},
	"POST /api/v2/register/email-code":                          {body: jm{"email": "conf-new@example.com", "code": "$code_newEmail", "profile": jm{}, "forceLogin": false, "generateToken": true}},
	"POST /api/v2/ldap/verify-user":                             {body: jm{"username": "$username", "password": "$password"}},
	"POST /api/v2/ad/verify-user":                               {body: jm{"username": "$username", "password": "$password"}},
	"POST /api/v2/users/link":                                   {body: jm{"primaryUserToken": "$userToken", "secondaryUserToken": "$userToken2"}},
	"POST /api/v2/users/unlink":                                 {body: jm{"primaryUserToken": "$userToken", "provider": "github"}},
	"GET /api/v2/logout":                                        {query: map[string]string{"app_id": "$appId"}},
	"GET /api/v2/users/me/applications/allowed":                 {query: confPaging},
	"POST /api/v3/signin": {body: jm{"connection": "PASSWORD", "passwordPayload": jm{"username": "$username", "password": "$password"},
		"client_id": "$appId", "client_secret": "$appSecret"}},
	"POST /oidc/token":                                 {form: true, body: jm{"grant_type": "refresh_token", "refresh_token": "$refreshToken", "client_id": "$appId", "client_secret": "$appSecret"}},
	"POST /oauth/token":                                {form: true, body: jm{"grant_type": "refresh_token", "refresh_token": "$refreshToken", "client_id": "$appId", "client_secret": "$appSecret"}},
	"GET /oidc/me":                                     {query: map[string]string{"access_token": "$accessToken"}, bearer: "-"},
	"GET /oauth/me":                                    {query: map[string]string{"access_token": "$accessToken"}, bearer: "-"},
	"POST /oidc/me":                                    {form: true, body: jm{"access_token": "$accessToken"}, bearer: "-"},
	"POST /oauth/me":                                   {form: true, body: jm{"access_token": "$accessToken"}, bearer: "-"},
	"POST /oidc/token/revocation":                      {form: true, body: confWithToken(confOIDCForm)},
	"POST /oauth/token/revocation":                     {form: true, body: confWithToken(confOIDCForm)},
	"POST /oidc/token/introspection":                   {form: true, body: confWithToken(confOIDCForm)},
	"POST /oauth/token/introspection":                  {form: true, body: confWithToken(confOIDCForm)},
	"GET /api/v2/oidc/validate_token":                  {query: map[string]string{"id_token": "$idToken"}},
	"GET /cas-idp/{}/validate":                         {params: []string{"$appId"}, query: map[string]string{"service": "$service", "ticket": "$ticket"}},
	"GET /cas-idp/{}/serviceValidate":                  {params: []string{"$appId"}, query: map[string]string{"service": "$service", "ticket": "$ticket", "format": "JSON"}},
	"GET /connection/social/wechat:mobile/{}/callback": {params: []string{"$pool"}, query: map[string]string{"code": "x"}},
}

// confPythonCalls are the requests the Python SDK sends differently from
// the JS SDK (rest-shapes.md lists where they disagree); the test sends
// both.
var confPythonCalls = map[string]confCall{
	"GET /api/v2/users/{}":                                      {params: []string{"$userId"}, query: map[string]string{"with_custom_data": "1"}},
	"POST /api/v2/mfa/totp/associate":                           {body: jm{"authenticatorType": "totp", "source": "SELF"}},
	"POST /api/v2/mfa/totp/associate/confirm":                   {body: jm{"authenticatorType": "totp", "totp": "000000", "source": "SELF"}},
	"POST /api/v2/applications/{}/programmatic-access-accounts": {params: []string{"$appId"}, body: jm{"tokenLifetime": 600, "remark": "conf"}},
	"POST /api/v2/users/{}/management/principal_authentication": {params: []string{"$userId"},
		query: map[string]string{"type": "P", "name": "Zhang San", "idCard": "110101199003070000", "ext": ""}},
	"POST /api/v2/applications/{}/agreements/sort": {params: []string{"$appId"}, body: jm{"ids": []any{"$agreementId"}}},
	"POST /api/v2/mfa/face/associate":              {body: jm{"photo": "http://127.0.0.1:9/face.png"}, bearer: "$mfaToken"},
}

func confWithToken(form jm) jm {
	out := jm{"token": "$accessToken"}
	for k, v := range form {
		out[k] = v
	}
	return out
}

var confPathParam = regexp.MustCompile(`\{\}`)

// restRequest fills in the route's path, query and body.
func (c *confClient) restRequest(o officialRequest, call confCall) (path string, query url.Values, body any) {
	p := o.Path
	if p == "{}" { // a URL the SDK builds at run time: the wechat callback
		route := "GET /connection/social/wechat:mobile/{}/callback"
		return c.restRequest(officialRequest{Method: "GET", Path: route[4:]}, confCalls[route])
	}
	i := 0
	path = confPathParam.ReplaceAllStringFunc(p, func(string) string {
		v := "x"
		if i < len(call.params) {
			v = c.fill(call.params[i]).(string)
		}
		i++
		return url.PathEscape(v)
	})
	query = url.Values{}
	for k, v := range call.query {
		query.Set(k, c.fill(v).(string))
	}
	if call.body == nil {
		return path, query, nil
	}
	body = c.fill(call.body)
	if call.form {
		form := url.Values{}
		for k, v := range body.(map[string]any) {
			form.Set(k, fmt.Sprint(v))
		}
		return path, query, form
	}
	return path, query, body
}

// routeOf turns a ServeMux pattern into the file's notation:
// "GET /api/v2/users/{id}" -> "GET /api/v2/users/{}".
var confPatternParam = regexp.MustCompile(`\{[^}]*\}`)

func routeOf(pattern string) string { return confPatternParam.ReplaceAllString(pattern, "{}") }

// checkREST sends o, as the JS SDK and, where it differs, as the Python
// SDK, and lists what is wrong with the answers; outOfScope reports a 501
// answer.
func (c *confClient) checkREST(o officialRequest, token string) (problems []string, outOfScope bool) {
	key := o.Method + " " + o.Path
	problems, outOfScope = c.checkRESTCall(o, confCalls[key], token)
	if py, ok := confPythonCalls[key]; ok {
		jsErr := c.authingErr
		more, _ := c.checkRESTCall(o, py, token)
		if (jsErr == "") != (c.authingErr == "") {
			more = append(more, fmt.Sprintf("answered %q where the JS SDK's request got %q", c.authingErr, jsErr))
		}
		for _, p := range more {
			problems = append(problems, "as the Python SDK sends it: "+p)
		}
		c.authingErr = jsErr
	}
	return problems, outOfScope
}

// checkRESTCall sends one request of route o and lists what is wrong with
// the answer.
func (c *confClient) checkRESTCall(o officialRequest, call confCall, token string) (problems []string, outOfScope bool) {
	path, query, body := c.restRequest(o, call)
	switch bearer := call.bearer; bearer {
	case "":
	case "-":
		token = ""
	default:
		token = c.fill(bearer).(string)
	}
	res := c.do(o.Method, path, query, token, body)
	if res.status == 404 || res.status == 405 {
		return []string{fmt.Sprintf("HTTP %d: %.200s", res.status, res.body)}, false
	}
	want := o.Method + " " + o.Path
	if o.Path == "{}" {
		want = "GET /connection/social/wechat:mobile/{}/callback"
	}
	if got := routeOf(res.header.Get("X-Authing-Local-Route")); got != want && got != strings.SplitN(want, " ", 2)[1] {
		problems = append(problems, fmt.Sprintf("answered by route %q", res.header.Get("X-Authing-Local-Route")))
	}
	var env map[string]any
	jsonErr := json.Unmarshal(res.body, &env)
	if res.status == 501 || (jsonErr == nil && env["code"] == float64(501)) {
		return append(problems, c.check501(o, res, env)...), true
	}
	if !o.InScope {
		return append(problems, fmt.Sprintf("out of scope (%s) but answered HTTP %d: %.200s", o.Feature, res.status, res.body)), false
	}
	if res.status >= 500 {
		return append(problems, fmt.Sprintf("HTTP %d: %.200s", res.status, res.body)), false
	}
	c.authingErr = authingErrorOf(o, res, env)
	return append(problems, checkRESTBody(o, res, env, jsonErr)...), false
}

// authingErrorOf is the error a REST answer carries: an envelope's code
// other than 200, or an OAuth error body; "" for data.
func authingErrorOf(o officialRequest, res confResponse, env map[string]any) string {
	key := "code"
	if o.Envelope == "statusCode" {
		key = "statusCode"
	}
	switch {
	case o.Envelope == "none" && res.status >= 400:
		return fmt.Sprintf("HTTP %d %.120s", res.status, res.body)
	case o.Envelope != "none" && env[key] != float64(200):
		return fmt.Sprintf("%v %v", env[key], env["message"])
	}
	return ""
}

func (c *confClient) check501(o officialRequest, res confResponse, env map[string]any) []string {
	want := o.Feature + " is not supported by authing-local"
	if o.InScope {
		return []string{fmt.Sprintf("in scope but answered 501: %.200s", res.body)}
	}
	if res.status != 501 || env["code"] != float64(501) || env["message"] != want {
		return []string{fmt.Sprintf("HTTP %d %.200s, want HTTP 501 {code: 501, message: %q}", res.status, res.body, want)}
	}
	return nil
}

// checkRESTBody checks the envelope and the JSON type of data.
func checkRESTBody(o officialRequest, res confResponse, env map[string]any, jsonErr error) []string {
	if o.Envelope == "none" {
		if o.Data == "object" && jsonErr != nil && !(o.Nullable && strings.TrimSpace(string(res.body)) == "null") {
			return []string{fmt.Sprintf("body is not a JSON object: %.200s", res.body)}
		}
		if jsonErr != nil || res.status != 200 || env["code"] != nil {
			return nil // text, an OAuth error or an error object
		}
		return checkShape(o, env)
	}
	if jsonErr != nil {
		return []string{fmt.Sprintf("body is not a JSON object: %.200s", res.body)}
	}
	codeKey := "code"
	if o.Envelope == "statusCode" {
		codeKey = "statusCode"
	}
	code, okCode := env[codeKey].(float64)
	_, okMsg := env["message"].(string)
	data, okData := env["data"]
	if !okCode || !okMsg || !okData {
		return []string{fmt.Sprintf("not Authing's envelope {%s, message, data}: %.200s", codeKey, res.body)}
	}
	if code == 500 {
		return []string{fmt.Sprintf("server error: %.200s", res.body)}
	}
	if code != 200 || o.Data == "unknown" || (data == nil && o.Nullable) {
		return nil
	}
	if got := jsonType(data); got != o.Data {
		return []string{fmt.Sprintf("data is %s, want %s: %.200s", got, o.Data, res.body)}
	}
	return checkShape(o, data)
}

// checkShape compares data with the shape the official SDKs read.
func checkShape(o officialRequest, data any) []string {
	if o.Shape == nil {
		return nil
	}
	cat, err := restShapes()
	if err != nil {
		return []string{err.Error()}
	}
	problems := cat.Check(o.Shape, data)
	for i, p := range problems {
		problems[i] = "not the cloud's shape: " + p
	}
	return problems
}

func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "boolean"
	}
	return fmt.Sprintf("%T", v)
}
