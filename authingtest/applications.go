package authingtest

import (
	"net/http"
	"slices"
	"strconv"
)

// The applications area: applications, their agreements, who may access
// them, and their programmatic access accounts.

type appRec struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Identifier   string   `json:"identifier"`
	Description  string   `json:"description"`
	Logo         string   `json:"logo"`
	UserPoolID   string   `json:"userPoolId"`
	RedirectURIs []string `json:"redirectUris"`
	Secret       string   `json:"secret"`
	AppType      string   `json:"appType"`
	CreatedAt    string   `json:"createdAt"`
	UpdatedAt    string   `json:"updatedAt"`
}

type agreementRec struct {
	ID       int    `json:"id"`
	AppID    string `json:"appId"`
	Title    string `json:"title"`
	Required bool   `json:"required"`
	Lang     string `json:"lang"`
	Order    int    `json:"order"`
}

// accountRec is a programmatic access account of an application.
type accountRec struct {
	ID            string `json:"id"`
	AppID         string `json:"appId"`
	Secret        string `json:"secret"`
	TokenLifetime int    `json:"tokenLifetime"`
	Remarks       string `json:"remarks"`
	Enabled       bool   `json:"enabled"`
	CreatedAt     string `json:"createdAt"`
	UpdatedAt     string `json:"updatedAt"`
}

// accessRule is an application access policy for one target.
type accessRule struct {
	appID, targetType, targetID, effect string
	enabled                             bool
}

// appState holds application-level access control.
type appState struct {
	accounts        []*accountRec
	rules           []*accessRule
	defaultStrategy map[string]string // app id -> ALLOW_ALL | DENY_ALL
}

// applicationsAPI registers the area's routes. Access policies and
// programmatic access accounts are kept for any application id, as
// authing-local always has (its own tests use ids of no application).
func (s *Server) applicationsAPI() api {
	app := "/api/v2/applications/{app}"
	return api{routes: []route{
		{"GET /api/v2/applications", s.admin(s.listApplications)},
		{"POST /api/v2/applications", s.admin(s.createApplication)},
		{"GET " + app, s.admin(s.getApplication)},
		{"POST " + app, s.admin(s.updateApplication)},
		{"DELETE " + app, s.admin(s.deleteApplication)},
		{"PATCH /api/v2/application/{app}/refresh-secret", s.admin(s.refreshApplicationSecret)},
		{"GET " + app + "/public-config", s.publicConfig},
		{"GET " + app + "/active-users", s.admin(s.activeUsersREST)},
		{"GET " + app + "/authorization/records", s.admin(s.accessRecords)},
		{"POST " + app + "/authorization/allow", s.admin(s.allowAccess)},
		{"POST " + app + "/authorization/deny", s.admin(s.denyAccess)},
		{"POST " + app + "/authorization/enable-effect", s.admin(s.enableAccessEffect)},
		{"POST " + app + "/authorization/disable-effect", s.admin(s.disableAccessEffect)},
		{"POST " + app + "/authorization/revoke", s.admin(s.revokeAccess)},
		{"GET " + app + "/agreements", s.admin(s.listAgreements)},
		{"POST " + app + "/agreements", s.admin(s.createAgreement)},
		{"PUT " + app + "/agreements/{id}", s.admin(s.modifyAgreement)},
		{"DELETE " + app + "/agreements/{id}", s.admin(s.deleteAgreement)},
		{"POST " + app + "/agreements/sort", s.admin(s.sortAgreements)},
		{"GET " + app + "/programmatic-access-accounts", s.admin(s.listAccounts)},
		{"POST " + app + "/programmatic-access-accounts", s.admin(s.createAccount)},
		{"PATCH /api/v2/applications/programmatic-access-accounts", s.admin(s.updateAccount)},
		{"DELETE /api/v2/applications/programmatic-access-accounts", s.admin(s.deleteAccount)},
	}}
}

// appObj is an application in Authing's Application shape.
func appObj(a appRec, strategy string) map[string]any {
	if strategy == "" {
		strategy = "ALLOW_ALL"
	}
	if a.AppType == "" {
		a.AppType = "INDIVIDUAL"
	}
	o := map[string]any{"id": a.ID, "userPoolId": a.UserPoolID, "protocol": "oidc", "name": a.Name,
		"identifier": a.Identifier, "secret": a.Secret, "logo": a.Logo, "description": a.Description,
		"redirectUris": a.RedirectURIs, "logoutRedirectUris": []any{}, "jwks": map[string]any{"keys": []any{}},
		"oidcConfig": map[string]any{}, "oauthConfig": map[string]any{}, "samlConfig": nil, "casConfig": nil,
		"css": "", "defaultLoginTab": "password", "defaultRegisterTab": "password",
		"loginTabs": []any{"password"}, "registerTabs": []any{"password"}, "appType": a.AppType,
		"qrcodeScanning":     map[string]any{"redirect": false, "interval": 1500},
		"permissionStrategy": map[string]any{"enabled": true, "defaultStrategy": strategy},
		"createdAt":          a.CreatedAt, "updatedAt": a.UpdatedAt}
	for _, flag := range []string{"oidcProviderEnabled", "oauthProviderEnabled", "samlProviderEnabled",
		"casProviderEnabled", "registerDisabled", "skipMfa", "isOfficial", "isDeleted", "isDefault",
		"showAuthorizationPage", "enableSubAccount", "loginRequireEmailVerified", "agreementEnabled",
		"extendsFieldsEnabled"} {
		o[flag] = false
	}
	o["oidcProviderEnabled"] = true
	return o
}

// listApplications is GET /api/v2/applications.
func (s *Server) listApplications(_ *request, r *http.Request) (any, error) {
	all := s.st.applications()
	return map[string]any{"totalCount": len(all), "list": page(all, queryArgs(r))}, nil
}

// createApplication is POST /api/v2/applications.
func (s *Server) createApplication(_ *request, r *http.Request) (any, error) {
	var a appRec
	if err := decodeBody(r, &a); err != nil {
		return nil, err
	}
	if a.Name == "" || a.Identifier == "" {
		return nil, errIncomplete
	}
	now := timestamp(s.now())
	a.ID, a.UserPoolID, a.Secret, a.CreatedAt, a.UpdatedAt = newID(), s.UserPoolID, randomHex(16), now, now
	s.st.addApplication(&a)
	return appObj(a, ""), nil
}

// getApplication is GET /api/v2/applications/{app}.
func (s *Server) getApplication(_ *request, r *http.Request) (any, error) {
	return s.st.application(r.PathValue("app"))
}

// publicConfig is GET /api/v2/applications/{app}/public-config: what a
// login page may know of the application, without its secret.
func (s *Server) publicConfig(_ *request, r *http.Request) (any, error) {
	o, err := s.st.application(r.PathValue("app"))
	if err != nil {
		return nil, err
	}
	delete(o, "secret")
	delete(o, "jwks")
	return o, nil
}

// updateApplication is POST /api/v2/applications/{app}: the default access
// strategy ({permissionStrategy: {defaultStrategy}}) or the type ({appType}).
func (s *Server) updateApplication(_ *request, r *http.Request) (any, error) {
	var body struct {
		PermissionStrategy struct {
			DefaultStrategy string `json:"defaultStrategy"`
		} `json:"permissionStrategy"`
		AppType string `json:"appType"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	strategy := body.PermissionStrategy.DefaultStrategy
	if (strategy != "" && strategy != "ALLOW_ALL" && strategy != "DENY_ALL") || (strategy == "" && body.AppType == "") {
		return nil, errIncomplete
	}
	return s.st.updateApplication(r.PathValue("app"), strategy, body.AppType, timestamp(s.now()))
}

// deleteApplication is DELETE /api/v2/applications/{app}.
func (s *Server) deleteApplication(_ *request, r *http.Request) (any, error) {
	return nil, s.st.deleteApplication(r.PathValue("app"))
}

// refreshApplicationSecret is PATCH /api/v2/application/{app}/refresh-secret.
func (s *Server) refreshApplicationSecret(_ *request, r *http.Request) (any, error) {
	return s.st.refreshAppSecret(r.PathValue("app"), timestamp(s.now()))
}

// activeUsersREST is GET /api/v2/applications/{app}/active-users.
func (s *Server) activeUsersREST(_ *request, r *http.Request) (any, error) {
	if _, err := s.st.application(r.PathValue("app")); err != nil {
		return nil, err
	}
	return s.activeUsers(r), nil
}

// accessRecords is GET /api/v2/applications/{app}/authorization/records:
// who is allowed or denied access, in Authing's AccessPolicyRecord shape
// (with the effect also at the top, as authing-local has always answered).
func (s *Server) accessRecords(_ *request, r *http.Request) (any, error) {
	app := r.PathValue("app")
	list := []map[string]any{}
	for _, rule := range s.st.accessRules(app) {
		rec := map[string]any{"targetType": rule.targetType, "targetIdentifier": rule.targetID, "effect": rule.effect,
			"enabled": rule.enabled, "inheritByChildren": false, "namespace": rule.appID, "assignedAt": "",
			"policyId": rule.appID + "-" + rule.targetID, "code": rule.effect,
			"policy": map[string]any{"id": rule.appID + "-" + rule.targetID, "code": rule.effect, "description": "",
				"userPoolId": s.UserPoolID, "isDefault": false, "isAuto": true, "hidden": true, "namespaceId": 0,
				"statements": []any{map[string]any{"resource": "*", "actions": []any{"*"}, "effect": rule.effect, "condition": []any{}}}},
			"target": map[string]any{"id": rule.targetID}}
		if p := s.st.userProfile(rule.targetID); rule.targetType == "USER" && p != nil {
			rec["target"] = restUser(p)
		}
		list = append(list, rec)
	}
	return map[string]any{"totalCount": len(list), "list": page(list, queryArgs(r))}, nil
}

// allowAccess is POST /api/v2/applications/{app}/authorization/allow.
func (s *Server) allowAccess(rq *request, r *http.Request) (any, error) {
	return s.changeAccess(r, func(a *appState, app, tt, id string) { a.setRule(app, tt, id, "ALLOW") })
}

// denyAccess is POST /api/v2/applications/{app}/authorization/deny.
func (s *Server) denyAccess(rq *request, r *http.Request) (any, error) {
	return s.changeAccess(r, func(a *appState, app, tt, id string) { a.setRule(app, tt, id, "DENY") })
}

// enableAccessEffect is POST .../authorization/enable-effect.
func (s *Server) enableAccessEffect(rq *request, r *http.Request) (any, error) {
	return s.changeAccess(r, func(a *appState, app, tt, id string) { a.enableRule(app, tt, id, true) })
}

// disableAccessEffect is POST .../authorization/disable-effect.
func (s *Server) disableAccessEffect(rq *request, r *http.Request) (any, error) {
	return s.changeAccess(r, func(a *appState, app, tt, id string) { a.enableRule(app, tt, id, false) })
}

// revokeAccess is POST .../authorization/revoke.
func (s *Server) revokeAccess(rq *request, r *http.Request) (any, error) {
	return s.changeAccess(r, (*appState).deleteRule)
}

// changeAccess applies change to each target of the body.
func (s *Server) changeAccess(r *http.Request, change func(a *appState, app, tt, id string)) (any, error) {
	var body struct {
		TargetType        string   `json:"targetType"`
		TargetIdentifiers []string `json:"targetIdentifiers"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	if body.TargetType == "" || len(body.TargetIdentifiers) == 0 {
		return nil, errIncomplete
	}
	app := r.PathValue("app")
	s.st.changeAccess(app, body.TargetType, body.TargetIdentifiers, change)
	return nil, nil
}

// agreementBody reads an agreement; required defaults to true and lang to
// zh-CN, as the SDKs send them.
func agreementBody(r *http.Request) (agreementRec, error) {
	a := agreementRec{Required: true, Lang: "zh-CN"}
	if err := decodeBody(r, &a); err != nil {
		return a, err
	}
	if a.Title == "" {
		return a, errIncomplete
	}
	return a, nil
}

// listAgreements is GET /api/v2/applications/{app}/agreements.
func (s *Server) listAgreements(_ *request, r *http.Request) (any, error) {
	list := s.st.agreements(r.PathValue("app"))
	return map[string]any{"totalCount": len(list), "list": list}, nil
}

// createAgreement is POST /api/v2/applications/{app}/agreements.
func (s *Server) createAgreement(_ *request, r *http.Request) (any, error) {
	a, err := agreementBody(r)
	if err != nil {
		return nil, err
	}
	a.AppID = r.PathValue("app")
	if _, err := s.st.application(a.AppID); err != nil {
		return nil, err
	}
	return s.st.addAgreement(a), nil
}

// modifyAgreement is PUT /api/v2/applications/{app}/agreements/{id}.
func (s *Server) modifyAgreement(_ *request, r *http.Request) (any, error) {
	in, err := agreementBody(r)
	if err != nil {
		return nil, err
	}
	return s.st.updateAgreement(r.PathValue("app"), r.PathValue("id"), in)
}

// deleteAgreement is DELETE /api/v2/applications/{app}/agreements/{id}.
func (s *Server) deleteAgreement(_ *request, r *http.Request) (any, error) {
	return nil, s.st.deleteAgreement(r.PathValue("app"), r.PathValue("id"))
}

// sortAgreements is POST /api/v2/applications/{app}/agreements/sort: the
// ids in their new order (numbers from JS, strings from Python).
func (s *Server) sortAgreements(_ *request, r *http.Request) (any, error) {
	var body struct {
		IDs []any `json:"ids"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	ids := make([]string, len(body.IDs))
	for i, id := range body.IDs {
		ids[i] = str(id)
		if n, ok := id.(float64); ok {
			ids[i] = strconv.Itoa(int(n))
		}
	}
	s.st.sortAgreements(r.PathValue("app"), ids)
	return nil, nil
}

// listAccounts is GET .../programmatic-access-accounts.
func (s *Server) listAccounts(_ *request, r *http.Request) (any, error) {
	list := s.st.accounts(r.PathValue("app"))
	return map[string]any{"totalCount": len(list), "list": page(list, queryArgs(r))}, nil
}

// createAccount is POST .../programmatic-access-accounts (remarks from JS,
// remark from Python).
func (s *Server) createAccount(_ *request, r *http.Request) (any, error) {
	var body struct {
		Remarks       string `json:"remarks"`
		Remark        string `json:"remark"`
		TokenLifetime int    `json:"tokenLifetime"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	app := r.PathValue("app")
	if body.TokenLifetime == 0 {
		body.TokenLifetime = 600
	}
	now := timestamp(s.now())
	a := &accountRec{ID: newID(), AppID: app, Secret: randomHex(16), TokenLifetime: body.TokenLifetime,
		Remarks: body.Remarks + body.Remark, Enabled: true, CreatedAt: now, UpdatedAt: now}
	s.st.addAccount(a)
	return *a, nil
}

// updateAccount is PATCH .../programmatic-access-accounts: {id, enabled}
// turns it on or off, {id, secret} sets the secret, {id} alone refreshes it.
func (s *Server) updateAccount(_ *request, r *http.Request) (any, error) {
	var body struct {
		ID      string  `json:"id"`
		Enabled *bool   `json:"enabled"`
		Secret  *string `json:"secret"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	return s.st.updateAccount(body.ID, body.Enabled, body.Secret, timestamp(s.now()))
}

// deleteAccount is DELETE .../programmatic-access-accounts?id=.
func (s *Server) deleteAccount(_ *request, r *http.Request) (any, error) {
	return nil, s.st.deleteAccount(r.URL.Query().Get("id"))
}

// The area's state: each method locks the state and defers the unlock.

// appLocked finds an application; st.mu is held.
func (st *state) appLocked(id string) (*appRec, error) {
	for _, a := range st.pool.apps {
		if a.ID == id {
			return a, nil
		}
	}
	return nil, errAppNotFound.with(id)
}

func (st *state) applications() []map[string]any {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := make([]map[string]any, len(st.pool.apps))
	for i, a := range st.pool.apps {
		out[i] = appObj(*a, st.apps.defaultStrategy[a.ID])
	}
	return out
}

func (st *state) application(id string) (map[string]any, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	a, err := st.appLocked(id)
	if err != nil {
		return nil, err
	}
	return appObj(*a, st.apps.defaultStrategy[id]), nil
}

func (st *state) addApplication(a *appRec) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.pool.apps = append(st.pool.apps, a)
}

func (st *state) updateApplication(id, strategy, appType, now string) (map[string]any, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	a, err := st.appLocked(id)
	if err != nil && appType == "" {
		// The access strategy is kept for any id, as the access policies.
		st.apps.defaultStrategy[id] = strategy
		return map[string]any{"id": id, "permissionStrategy": map[string]any{"enabled": true, "defaultStrategy": strategy}}, nil
	}
	if err != nil {
		return nil, err
	}
	if strategy != "" {
		st.apps.defaultStrategy[id] = strategy
	}
	if appType != "" {
		a.AppType = appType
	}
	a.UpdatedAt = now
	return appObj(*a, st.apps.defaultStrategy[id]), nil
}

func (st *state) deleteApplication(id string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if _, err := st.appLocked(id); err != nil {
		return err
	}
	st.pool.apps = slices.DeleteFunc(st.pool.apps, func(a *appRec) bool { return a.ID == id })
	delete(st.pool.agreements, id)
	return nil
}

func (st *state) refreshAppSecret(id, now string) (map[string]any, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	a, err := st.appLocked(id)
	if err != nil {
		return nil, err
	}
	a.Secret, a.UpdatedAt = randomHex(16), now
	return appObj(*a, st.apps.defaultStrategy[id]), nil
}

func (st *state) accessRules(app string) []accessRule {
	st.mu.Lock()
	defer st.mu.Unlock()
	var out []accessRule
	for _, r := range st.apps.rules {
		if r.appID == app {
			out = append(out, *r)
		}
	}
	return out
}

func (st *state) changeAccess(app, targetType string, ids []string, change func(a *appState, app, tt, id string)) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, id := range ids {
		change(&st.apps, app, targetType, id)
	}
}

func (st *state) agreements(app string) []agreementRec {
	st.mu.Lock()
	defer st.mu.Unlock()
	list := []agreementRec{}
	for _, a := range st.pool.agreements[app] {
		list = append(list, *a)
	}
	slices.SortFunc(list, func(a, b agreementRec) int { return a.Order - b.Order })
	return list
}

func (st *state) addAgreement(a agreementRec) agreementRec {
	st.mu.Lock()
	defer st.mu.Unlock()
	list := st.pool.agreements[a.AppID]
	a.ID, a.Order = 1, len(list)
	for _, old := range list {
		a.ID = max(a.ID, old.ID+1)
	}
	st.pool.agreements[a.AppID] = append(list, &a)
	return a
}

// agreementLocked finds an agreement; st.mu is held.
func (st *state) agreementLocked(app, id string) (*agreementRec, error) {
	n, _ := strconv.Atoi(id)
	for _, a := range st.pool.agreements[app] {
		if a.ID == n {
			return a, nil
		}
	}
	return nil, errAgreementNotFound.with(id)
}

func (st *state) updateAgreement(app, id string, in agreementRec) (agreementRec, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	a, err := st.agreementLocked(app, id)
	if err != nil {
		return agreementRec{}, err
	}
	a.Title, a.Required, a.Lang = in.Title, in.Required, in.Lang
	return *a, nil
}

func (st *state) deleteAgreement(app, id string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	a, err := st.agreementLocked(app, id)
	if err != nil {
		return err
	}
	st.pool.agreements[app] = slices.DeleteFunc(st.pool.agreements[app], func(x *agreementRec) bool { return x == a })
	return nil
}

func (st *state) sortAgreements(app string, ids []string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for order, id := range ids {
		if a, err := st.agreementLocked(app, id); err == nil {
			a.Order = order
		}
	}
}

func (st *state) accounts(app string) []accountRec {
	st.mu.Lock()
	defer st.mu.Unlock()
	list := []accountRec{}
	for _, a := range st.apps.accounts {
		if a.AppID == app {
			list = append(list, *a)
		}
	}
	return list
}

func (st *state) addAccount(a *accountRec) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.apps.accounts = append(st.apps.accounts, a)
}

func (st *state) updateAccount(id string, enabled *bool, secret *string, now string) (accountRec, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, a := range st.apps.accounts {
		if a.ID != id {
			continue
		}
		switch {
		case enabled != nil:
			a.Enabled = *enabled
		case secret != nil:
			a.Secret = *secret
		default:
			a.Secret = randomHex(16)
		}
		a.UpdatedAt = now
		return *a, nil
	}
	return accountRec{}, errAccountNotFound
}

func (st *state) deleteAccount(id string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	n := len(st.apps.accounts)
	st.apps.accounts = slices.DeleteFunc(st.apps.accounts, func(a *accountRec) bool { return a.ID == id })
	if len(st.apps.accounts) == n {
		return errAccountNotFound
	}
	return nil
}

func (a *appState) find(app, tt, id string) *accessRule {
	for _, r := range a.rules {
		if r.appID == app && r.targetType == tt && r.targetID == id {
			return r
		}
	}
	return nil
}

func (a *appState) setRule(app, tt, id, effect string) {
	if r := a.find(app, tt, id); r != nil {
		r.effect, r.enabled = effect, true
		return
	}
	a.rules = append(a.rules, &accessRule{appID: app, targetType: tt, targetID: id, effect: effect, enabled: true})
}

func (a *appState) enableRule(app, tt, id string, on bool) {
	if r := a.find(app, tt, id); r != nil {
		r.enabled = on
	}
}

func (a *appState) deleteRule(app, tt, id string) {
	a.rules = slices.DeleteFunc(a.rules, func(r *accessRule) bool {
		return r.appID == app && r.targetType == tt && r.targetID == id
	})
}
