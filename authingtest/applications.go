package authingtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// Applications: their records, secrets, agreements, programmatic access
// accounts and access control. REST applications/*.

// applicationsAPI is the applications area's table.
func (s *Server) applicationsAPI() api {
	const app = "/api/v2/applications/{app}"
	const accounts = "/api/v2/applications/programmatic-access-accounts"
	return api{routes: []route{
		{"GET /api/v2/applications", s.admin(s.listApplications)},
		{"POST /api/v2/applications", s.admin(s.createApplication)},
		{"GET " + app, s.admin(s.getApplication)},
		{"POST " + app, s.admin(s.updateApplication)},
		{"DELETE " + app, s.admin(s.deleteApplication)},
		{"PATCH /api/v2/application/{app}/refresh-secret", s.admin(s.refreshAppSecret)},
		{"GET " + app + "/public-config", s.publicConfig},
		{"GET " + app + "/active-users", s.admin(s.activeUsers)},
		{"GET " + app + "/authorization/records", s.admin(s.accessRecords)},
		{"POST " + app + "/authorization/allow", s.admin(s.allowAccess)},
		{"POST " + app + "/authorization/deny", s.admin(s.denyAccess)},
		{"POST " + app + "/authorization/enable-effect", s.admin(s.enableAccess)},
		{"POST " + app + "/authorization/disable-effect", s.admin(s.disableAccess)},
		{"POST " + app + "/authorization/revoke", s.admin(s.revokeAccess)},
		{"POST " + app + "/agreements", s.admin(s.createAgreement)},
		{"GET " + app + "/agreements", s.admin(s.listAgreements)},
		{"PUT " + app + "/agreements/{id}", s.admin(s.updateAgreement)},
		{"DELETE " + app + "/agreements/{id}", s.admin(s.deleteAgreement)},
		{"POST " + app + "/agreements/sort", s.admin(s.sortAgreements)},
		{"GET " + app + "/programmatic-access-accounts", s.admin(s.listAccounts)},
		{"POST " + app + "/programmatic-access-accounts", s.admin(s.createAccount)},
		{"PATCH " + accounts, s.admin(s.updateAccount)},
		{"DELETE " + accounts, s.admin(s.deleteAccount)},
	}}
}

// accountRec is a programmatic access account of an application.
type accountRec struct {
	ID            string `json:"id"`
	AppID         string `json:"appId"`
	Secret        string `json:"secret"`
	TokenLifetime int    `json:"tokenLifetime"`
	Remarks       string `json:"remarks"`
	UserID        string `json:"userId"` // the account's own user; none here
	Enabled       bool   `json:"enabled"`
	CreatedAt     string `json:"createdAt"`
	UpdatedAt     string `json:"updatedAt"`
}

// accessRule is an application access policy for one target.
type accessRule struct {
	appID, targetType, targetID, effect string
	enabled                             bool
	policyID, assignedAt                string
}

// appState holds application-level access control.
type appState struct {
	accounts        []*accountRec
	rules           []*accessRule
	defaultStrategy map[string]string // app id -> ALLOW_ALL | DENY_ALL
}

type appRec struct {
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	Identifier   string   `json:"identifier"`
	Description  string   `json:"description"`
	Logo         string   `json:"logo"`
	UserPoolID   string   `json:"userPoolId"`
	RedirectURIs []string `json:"redirectUris"`
	Secret       string   `json:"secret"`
	AppType      string   `json:"appType,omitempty"`
	// OIDCConfig is how the application's OIDC clients authenticate and
	// how their tokens are signed and last (see oidc.go).
	OIDCConfig oidcConfig `json:"oidcConfig"`
	CreatedAt  string     `json:"createdAt"`
	UpdatedAt  string     `json:"updatedAt"`
}

// agreementRec is an application's agreement, in the cloud's Agreement
// shape.
type agreementRec struct {
	ID         int    `json:"id"`
	AppID      string `json:"appId"`
	UserPoolID string `json:"userPoolId"`
	Title      string `json:"title"`
	Required   bool   `json:"required"`
	Lang       string `json:"lang"`
	Order      int    `json:"order"`
}

// agreementInput is what creating or updating an agreement sends; an
// absent required or lang keeps the old value on update and defaults to
// true and zh-CN on creation, as the official SDKs default them.
type agreementInput struct {
	Title    string  `json:"title"`
	Required *bool   `json:"required"`
	Lang     *string `json:"lang"`
}

func (s *Server) listApplications(_ *request, r *http.Request) (any, error) {
	all := s.st.appList()
	list := make([]map[string]any, len(all))
	for i, a := range all {
		list[i] = appObj(a, s.st.defaultStrategy(a.ID))
	}
	return map[string]any{"totalCount": len(list), "list": page(list, queryArgs(r))}, nil
}

func (s *Server) createApplication(_ *request, r *http.Request) (any, error) {
	var a appRec
	if err := decodeBody(r, &a); err != nil {
		return nil, err
	}
	if a.OIDCConfig = a.OIDCConfig.withDefaults(); a.Name == "" || a.Identifier == "" || !a.OIDCConfig.valid() {
		return nil, errIncomplete
	}
	now := timestamp(s.now())
	a.ID, a.UserPoolID, a.Secret, a.CreatedAt, a.UpdatedAt = newID(), s.UserPoolID, randomHex(16), now, now
	s.st.addApp(&a)
	return appObj(a, ""), nil
}

func (s *Server) getApplication(_ *request, r *http.Request) (any, error) {
	a, err := s.st.changeApp(r.PathValue("app"), func(*appRec) {})
	if err != nil {
		return nil, err
	}
	return appObj(a, s.st.defaultStrategy(a.ID)), nil
}

// publicConfig is GET /api/v2/applications/{app}/public-config: what a
// login page may know of an application (no token needed, no secret).
func (s *Server) publicConfig(_ *request, r *http.Request) (any, error) {
	a, err := s.st.changeApp(r.PathValue("app"), func(*appRec) {})
	if err != nil {
		return nil, err
	}
	return map[string]any{"id": a.ID, "userPoolId": a.UserPoolID, "name": a.Name, "identifier": a.Identifier,
		"description": a.Description, "logo": a.Logo, "redirectUris": a.RedirectURIs, "protocol": "oidc",
		"loginTabs": []any{"password"}, "registerTabs": []any{"password"}, "defaultLoginTab": "password",
		"defaultRegisterTab": "password", "createdAt": a.CreatedAt, "updatedAt": a.UpdatedAt}, nil
}

// updateApplication sets an application's default permission strategy
// ({permissionStrategy: {defaultStrategy}}), its type ({appType}) or its
// oidcConfig.
func (s *Server) updateApplication(_ *request, r *http.Request) (any, error) {
	var body struct {
		PermissionStrategy struct {
			DefaultStrategy string `json:"defaultStrategy"`
		} `json:"permissionStrategy"`
		AppType    string      `json:"appType"`
		OIDCConfig *oidcConfig `json:"oidcConfig"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	if body.OIDCConfig != nil {
		return s.updateOIDCConfig(r.PathValue("app"), *body.OIDCConfig)
	}
	strategy := body.PermissionStrategy.DefaultStrategy
	if strategy == "" && body.AppType != "" {
		now := timestamp(s.now())
		a, err := s.st.changeApp(r.PathValue("app"), func(a *appRec) { a.AppType, a.UpdatedAt = body.AppType, now })
		if err != nil {
			return nil, err
		}
		return appObj(a, s.st.defaultStrategy(a.ID)), nil
	}
	if strategy != "ALLOW_ALL" && strategy != "DENY_ALL" {
		return nil, errIncomplete
	}
	a, err := s.st.changeApp(r.PathValue("app"), func(*appRec) {})
	if err != nil {
		return nil, err
	}
	s.st.setDefaultStrategy(a.ID, strategy)
	return appObj(a, strategy), nil // the Application, as the cloud answers
}

func (s *Server) deleteApplication(_ *request, r *http.Request) (any, error) {
	return nil, s.st.removeApp(r.PathValue("app"))
}

func (s *Server) refreshAppSecret(_ *request, r *http.Request) (any, error) {
	now := timestamp(s.now())
	a, err := s.st.changeApp(r.PathValue("app"), func(a *appRec) { a.Secret, a.UpdatedAt = randomHex(16), now })
	if err != nil {
		return nil, err
	}
	return appObj(a, s.st.defaultStrategy(a.ID)), nil
}

// appObj is an application in Authing's Application shape (rest-shapes.md).
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
		"css": "", "domain": a.Identifier, "ssoPageCustomizationSettings": nil,
		"defaultLoginTab": "password", "defaultRegisterTab": "password", "appType": a.AppType,
		"loginTabs": []any{"password"}, "registerTabs": []any{"password"},
		"qrcodeScanning":     map[string]any{"redirect": false, "interval": 1500},
		"permissionStrategy": map[string]any{"enabled": true, "defaultStrategy": strategy},
		"createdAt":          a.CreatedAt, "updatedAt": a.UpdatedAt}
	for _, flag := range []string{"oauthProviderEnabled", "samlProviderEnabled", "casProviderEnabled",
		"registerDisabled", "skipMfa", "isOfficial", "isDeleted", "isDefault", "showAuthorizationPage",
		"enableSubAccount", "loginRequireEmailVerified", "agreementEnabled", "extendsFieldsEnabled"} {
		o[flag] = false
	}
	o["oidcProviderEnabled"] = true
	return o
}

func (s *Server) accessRecords(_ *request, r *http.Request) (any, error) {
	list := s.st.accessRecords(r.PathValue("app"), s.UserPoolID)
	return map[string]any{"totalCount": len(list), "list": page(list, queryArgs(r))}, nil
}

func (s *Server) allowAccess(_ *request, r *http.Request) (any, error) {
	return s.changeAccess(r, func(a *appState, app, tt, id string) { a.setRule(app, tt, id, "ALLOW", timestamp(s.now())) })
}

func (s *Server) denyAccess(_ *request, r *http.Request) (any, error) {
	return s.changeAccess(r, func(a *appState, app, tt, id string) { a.setRule(app, tt, id, "DENY", timestamp(s.now())) })
}

func (s *Server) enableAccess(_ *request, r *http.Request) (any, error) {
	return s.changeAccess(r, func(a *appState, app, tt, id string) { a.enableRule(app, tt, id, true) })
}

func (s *Server) disableAccess(_ *request, r *http.Request) (any, error) {
	return s.changeAccess(r, func(a *appState, app, tt, id string) { a.enableRule(app, tt, id, false) })
}

func (s *Server) revokeAccess(_ *request, r *http.Request) (any, error) {
	return s.changeAccess(r, (*appState).deleteRule)
}

// changeAccess applies change to the rule of each target of the body.
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
	s.st.changeRules(r.PathValue("app"), body.TargetType, body.TargetIdentifiers, change)
	return nil, nil
}

// agreementBody reads an agreement, which must have a title.
func agreementBody(r *http.Request) (agreementInput, error) {
	var in agreementInput
	if err := decodeBody(r, &in); err != nil {
		return in, err
	}
	if in.Title == "" {
		return in, errIncomplete
	}
	return in, nil
}

// apply sets a's fields from the input.
func (in agreementInput) apply(a *agreementRec) {
	a.Title = in.Title
	if in.Required != nil {
		a.Required = *in.Required
	}
	if in.Lang != nil {
		a.Lang = *in.Lang
	}
}

func (s *Server) createAgreement(_ *request, r *http.Request) (any, error) {
	in, err := agreementBody(r)
	if err != nil {
		return nil, err
	}
	a := agreementRec{UserPoolID: s.UserPoolID, Required: true, Lang: "zh-CN"}
	in.apply(&a)
	return s.st.addAgreement(r.PathValue("app"), a), nil
}

func (s *Server) listAgreements(_ *request, r *http.Request) (any, error) {
	list := s.st.agreementList(r.PathValue("app"))
	return map[string]any{"totalCount": len(list), "list": list}, nil
}

func (s *Server) updateAgreement(_ *request, r *http.Request) (any, error) {
	in, err := agreementBody(r)
	if err != nil {
		return nil, err
	}
	return s.st.changeAgreement(r.PathValue("app"), r.PathValue("id"), &in)
}

func (s *Server) deleteAgreement(_ *request, r *http.Request) (any, error) {
	_, err := s.st.changeAgreement(r.PathValue("app"), r.PathValue("id"), nil)
	return nil, err
}

// sortAgreements is POST .../agreements/sort {ids}: the JS SDK sends the
// ids as numbers, the Python SDK as strings.
func (s *Server) sortAgreements(_ *request, r *http.Request) (any, error) {
	var body struct {
		IDs []json.Number `json:"ids"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	ids := make([]int, 0, len(body.IDs))
	for _, id := range body.IDs {
		n, err := strconv.Atoi(id.String())
		if err != nil {
			return nil, errAgreementNotFound.with(id.String())
		}
		ids = append(ids, n)
	}
	s.st.sortAgreements(r.PathValue("app"), ids)
	return nil, nil
}

func (s *Server) listAccounts(_ *request, r *http.Request) (any, error) {
	list := s.st.accountList(r.PathValue("app"))
	return map[string]any{"totalCount": len(list), "list": page(list, queryArgs(r))}, nil
}

func (s *Server) createAccount(_ *request, r *http.Request) (any, error) {
	var body struct {
		Remarks       string `json:"remarks"`
		Remark        string `json:"remark"` // the Python SDK's name
		TokenLifetime int    `json:"tokenLifetime"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	if body.Remarks == "" {
		body.Remarks = body.Remark
	}
	if body.TokenLifetime == 0 {
		body.TokenLifetime = 600
	}
	now := timestamp(s.now())
	a := &accountRec{ID: newID(), AppID: r.PathValue("app"), Secret: randomHex(16), TokenLifetime: body.TokenLifetime,
		Remarks: body.Remarks, Enabled: true, CreatedAt: now, UpdatedAt: now}
	s.st.addAccount(a)
	return *a, nil
}

// updateAccount enables or disables an account, or sets or refreshes its
// secret.
func (s *Server) updateAccount(_ *request, r *http.Request) (any, error) {
	var body struct {
		ID      string  `json:"id"`
		Enabled *bool   `json:"enabled"`
		Secret  *string `json:"secret"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	now := timestamp(s.now())
	return s.st.changeAccount(body.ID, func(a *accountRec) {
		switch {
		case body.Enabled != nil:
			a.Enabled = *body.Enabled
		case body.Secret != nil:
			a.Secret = *body.Secret
		default:
			a.Secret = randomHex(16)
		}
		a.UpdatedAt = now
	})
}

func (s *Server) deleteAccount(_ *request, r *http.Request) (any, error) {
	return nil, s.st.removeAccount(r.URL.Query().Get("id"))
}

// findApp returns a copy of an application, or nil.
func (s *Server) findApp(id string) *appRec {
	a, err := s.st.changeApp(id, func(*appRec) {})
	if err != nil {
		return nil
	}
	return &a
}

func (st *state) appList() []appRec {
	st.mu.Lock()
	defer st.mu.Unlock()
	all := make([]appRec, len(st.pool.apps))
	for i, a := range st.pool.apps {
		all[i] = *a
	}
	return all
}

func (st *state) addApp(a *appRec) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.pool.apps = append(st.pool.apps, a)
}

// changeApp applies change to an application and returns a copy.
func (st *state) changeApp(id string, change func(*appRec)) (appRec, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, a := range st.pool.apps {
		if a.ID == id {
			change(a)
			return *a, nil
		}
	}
	return appRec{}, errAppNotFound.with(id)
}

func (st *state) removeApp(id string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	n := len(st.pool.apps)
	st.pool.apps = slices.DeleteFunc(st.pool.apps, func(a *appRec) bool { return a.ID == id })
	if len(st.pool.apps) == n {
		return errAppNotFound.with(id)
	}
	return nil
}

// defaultStrategy is the application's default access strategy, "" when
// never set.
func (st *state) defaultStrategy(app string) string {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.apps.defaultStrategy[app]
}

// allowedApps are the applications a user may use, as
// ApplicationPublicDetail records: an enabled DENY policy naming the user
// (or its role, group or org node) shuts it out, an ALLOW policy lets it
// in, and otherwise the application's default strategy (ALLOW_ALL unless
// set) decides.
func (st *state) allowedApps(userID string) []map[string]any {
	st.mu.Lock()
	defer st.mu.Unlock()
	who := st.principals(userID, "")
	list := []map[string]any{}
	for _, a := range st.pool.apps {
		allowed := st.apps.defaultStrategy[a.ID] != "DENY_ALL"
		for _, r := range st.apps.rules {
			if r.appID != a.ID || !r.enabled || !who[r.targetType+"/"+r.targetID] {
				continue
			}
			if r.effect == "DENY" {
				allowed = false
				break
			}
			allowed = true
		}
		if allowed {
			list = append(list, map[string]any{"id": a.ID, "name": a.Name, "logo": a.Logo, "domain": a.Identifier,
				"description": a.Description, "protocol": "oidc", "createdAt": a.CreatedAt, "updatedAt": a.UpdatedAt})
		}
	}
	return list
}

func (st *state) setDefaultStrategy(app, strategy string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.apps.defaultStrategy[app] = strategy
}

// accessRecord is an application access policy as the cloud answers it:
// the effect is in the policy's statement, not on the record.
func accessRecord(rule *accessRule, poolID string) map[string]any {
	code := "app-access-" + rule.appID + "-" + strings.ToLower(rule.effect) + "-" + rule.targetType + "-" + rule.targetID
	policy := map[string]any{"id": rule.policyID, "code": code, "description": "", "userPoolId": poolID,
		"isDefault": false, "isAuto": true, "hidden": true, "namespaceId": 0,
		"statements": []any{map[string]any{"resource": "app:" + rule.appID, "actions": []any{"app:access"},
			"effect": rule.effect, "condition": []any{}}}}
	return map[string]any{"assignedAt": rule.assignedAt, "policyId": rule.policyID, "code": code,
		"targetType": rule.targetType, "targetIdentifier": rule.targetID, "namespace": rule.appID,
		"enabled": rule.enabled, "inheritByChildren": nil, "policy": policy}
}

func (st *state) accessRecords(app, poolID string) []map[string]any {
	st.mu.Lock()
	defer st.mu.Unlock()
	list := []map[string]any{}
	for _, rule := range st.apps.rules {
		if rule.appID == app {
			list = append(list, accessRecord(rule, poolID))
		}
	}
	return list
}

func (st *state) changeRules(app, targetType string, ids []string, change func(a *appState, app, tt, id string)) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, id := range ids {
		change(&st.apps, app, targetType, id)
	}
}

// addAgreement adds an agreement at the end of the app's order.
func (st *state) addAgreement(app string, a agreementRec) agreementRec {
	st.mu.Lock()
	defer st.mu.Unlock()
	list := st.pool.agreements[app]
	a.ID, a.AppID, a.Order = len(list)+1, app, len(list)
	for _, old := range list {
		a.ID = max(a.ID, old.ID+1)
	}
	st.pool.agreements[app] = append(list, &a)
	return a
}

func (st *state) agreementList(app string) []agreementRec {
	st.mu.Lock()
	defer st.mu.Unlock()
	list := []agreementRec{}
	for _, a := range st.pool.agreements[app] {
		list = append(list, *a)
	}
	slices.SortFunc(list, func(a, b agreementRec) int { return a.Order - b.Order })
	return list
}

// changeAgreement sets an agreement's title, required and lang from in,
// or deletes it when in is nil.
func (st *state) changeAgreement(app, idText string, in *agreementInput) (agreementRec, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	id, _ := strconv.Atoi(idText)
	for _, a := range st.pool.agreements[app] {
		if a.ID != id {
			continue
		}
		if in == nil {
			st.pool.agreements[app] = slices.DeleteFunc(st.pool.agreements[app], func(x *agreementRec) bool { return x == a })
			return *a, nil
		}
		in.apply(a)
		return *a, nil
	}
	return agreementRec{}, errAgreementNotFound.with(idText)
}

func (st *state) sortAgreements(app string, ids []int) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for order, id := range ids {
		for _, a := range st.pool.agreements[app] {
			if a.ID == id {
				a.Order = order
			}
		}
	}
}

func (st *state) accountList(app string) []accountRec {
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

// changeAccount applies change to an account and returns a copy.
func (st *state) changeAccount(id string, change func(*accountRec)) (accountRec, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, a := range st.apps.accounts {
		if a.ID == id {
			change(a)
			return *a, nil
		}
	}
	return accountRec{}, errAccountNotFound
}

// account returns a copy of an account, or nil.
func (st *state) account(id string) *accountRec {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, a := range st.apps.accounts {
		if a.ID == id {
			cp := *a
			return &cp
		}
	}
	return nil
}

func (st *state) removeAccount(id string) error {
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

func (a *appState) setRule(app, tt, id, effect, now string) {
	if r := a.find(app, tt, id); r != nil {
		r.effect, r.enabled, r.assignedAt = effect, true, now
		return
	}
	a.rules = append(a.rules, &accessRule{appID: app, targetType: tt, targetID: id, effect: effect, enabled: true,
		policyID: newID(), assignedAt: now})
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
