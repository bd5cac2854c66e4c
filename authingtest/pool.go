package authingtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
)

// poolState holds user pool settings and the other pool-wide data; st.mu
// guards it.
type poolState struct {
	settings   map[string]any              // UserPool fields that updateUserpool changes
	whitelists map[string][]map[string]any // type -> entries
	env        []map[string]any            // {key, value}
	apps       []*appRec                   // applications
	agreements map[string][]*agreementRec  // app id -> agreements
	principals map[string]map[string]any   // user id -> verification
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

func newPoolState() poolState {
	cfg := func() map[string]any { return map[string]any{"timeInterval": 300, "limit": 5, "enabled": false} }
	return poolState{
		settings: map[string]any{
			"name": "authingtest", "domain": "authingtest", "description": nil, "logo": "https://files.authing.co/authing-console/default-userpool-logo.png",
			"emailVerifiedDefault": false, "sendWelcomeEmail": false, "registerDisabled": false, "appSsoEnabled": false,
			"showWxQRCodeWhenRegisterDisabled": false, "allowedOrigins": "", "tokenExpiresAfter": 1296000, "isDeleted": false,
			"frequentRegisterCheck": cfg(), "loginFailCheck": cfg(), "loginPasswordFailCheck": cfg(),
			"passwordUpdatePolicy": map[string]any{"enabled": false, "forcedCycle": 3, "differenceCycle": 0},
			"loginFailStrategy":    "captcha", "changePhoneStrategy": map[string]any{"verifyOldPhone": false},
			"changeEmailStrategy":    map[string]any{"verifyOldEmail": false},
			"qrcodeLoginStrategy":    map[string]any{"qrcodeExpiresAfter": 120, "returnFullUserInfo": false, "allowExchangeUserInfoFromBrowser": true, "ticketExpiresAfter": 300},
			"app2WxappLoginStrategy": map[string]any{"ticketExpriresAfter": 300, "ticketExchangeUserInfoNeedSecret": false},
			"whitelist":              map[string]any{"phoneEnabled": false, "emailEnabled": false, "usernameEnabled": false},
			"customSMSProvider":      map[string]any{"enabled": false, "provider": nil, "config": nil},
			"packageType":            1, "useCustomUserStore": false, "loginRequireEmailVerified": false,
			"verifyCodeLength": 6, "verifyCodeMaxAttempts": 1, "userpoolTypes": []any{},
		},
		whitelists: map[string][]map[string]any{},
		agreements: map[string][]*agreementRec{}, principals: map[string]map[string]any{},
	}
}

// poolObj is the UserPool as both GraphQL and REST answer it.
func (s *Server) poolObj() obj {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	o := obj(deepCopy(s.st.pool.settings))
	o["id"], o["secret"], o["jwtSecret"], o["ownerId"] = s.UserPoolID, s.Secret, "hidden", nil
	o["createdAt"], o["updatedAt"] = s.st.pool.settings["createdAt"], s.st.pool.settings["updatedAt"]
	return o
}

// deepCopy copies JSON-like maps so callers never share nested maps.
func deepCopy(m map[string]any) map[string]any {
	b, _ := json.Marshal(m)
	var out map[string]any
	json.Unmarshal(b, &out)
	return out
}

// merge applies a partial update, recursing into nested settings.
func merge(dst, src map[string]any) {
	for k, v := range src {
		if sub, ok := v.(map[string]any); ok {
			if cur, ok := dst[k].(map[string]any); ok {
				merge(cur, sub)
				continue
			}
		}
		dst[k] = v
	}
}

func (s *Server) poolResolvers(q, m map[string]rootResolver) {
	q["userpool"] = adminOnly(func(*request, map[string]any) (any, error) { return s.poolObj(), nil })
	m["updateUserpool"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		s.st.mu.Lock()
		merge(s.st.pool.settings, deepCopy(argObject(args, "input")))
		s.st.pool.settings["updatedAt"] = timestamp(s.now())
		s.st.mu.Unlock()
		return s.poolObj(), nil
	})
	list := func(kind string) []obj {
		out := []obj{}
		for _, e := range s.st.pool.whitelists[kind] {
			out = append(out, obj(e))
		}
		return out
	}
	q["whitelist"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		return list(argString(args, "type")), nil
	})
	m["addWhitelist"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		kind, now := argString(args, "type"), timestamp(s.now())
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		for _, v := range argStrings(args, "list") {
			if !slices.ContainsFunc(s.st.pool.whitelists[kind], func(e map[string]any) bool { return e["value"] == v }) {
				s.st.pool.whitelists[kind] = append(s.st.pool.whitelists[kind], map[string]any{"value": v, "createdAt": now, "updatedAt": now})
			}
		}
		return list(kind), nil
	})
	m["removeWhitelist"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		kind, drop := argString(args, "type"), toSet(argStrings(args, "list"))
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		s.st.pool.whitelists[kind] = slices.DeleteFunc(s.st.pool.whitelists[kind], func(e map[string]any) bool { return drop[str(e["value"])] })
		return list(kind), nil
	})
}

// poolRoutes registers the REST routes of pool-wide settings, applications,
// logs, principal authentication and org import/export.
func (s *Server) poolRoutes(route func(string, restHandler)) {
	route("GET /api/v2/userpools/detail", s.admin(func(*request, *http.Request) (any, error) { return s.poolObj(), nil }))
	route("GET /api/v2/env", s.admin(func(*request, *http.Request) (any, error) { return s.envList(), nil }))
	route("POST /api/v2/env", s.admin(func(_ *request, r *http.Request) (any, error) {
		var body struct {
			Key   string `json:"key"`
			Value any    `json:"value"`
		}
		if err := decodeBody(r, &body); err != nil {
			return nil, err
		}
		if body.Key == "" {
			return nil, errIncomplete
		}
		s.st.mu.Lock()
		s.st.pool.env = slices.DeleteFunc(s.st.pool.env, func(e map[string]any) bool { return e["key"] == body.Key })
		s.st.pool.env = append(s.st.pool.env, map[string]any{"key": body.Key, "value": body.Value})
		s.st.mu.Unlock()
		return s.envList(), nil
	}))
	route("DELETE /api/v2/env/{key}", s.admin(func(_ *request, r *http.Request) (any, error) {
		s.st.mu.Lock()
		s.st.pool.env = slices.DeleteFunc(s.st.pool.env, func(e map[string]any) bool { return e["key"] == r.PathValue("key") })
		s.st.mu.Unlock()
		return s.envList(), nil
	}))
	route("GET /api/v2/analysis/audit", s.admin(func(_ *request, r *http.Request) (any, error) {
		return s.logPage(r, true), nil
	}))
	principal := "/api/v2/users/{id}/management/principal_authentication"
	route("GET "+principal, s.admin(func(_ *request, r *http.Request) (any, error) {
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		if s.st.users[r.PathValue("id")] == nil {
			return nil, errUserNotFound
		}
		if p := s.st.pool.principals[r.PathValue("id")]; p != nil {
			return copyMap(p), nil
		}
		return map[string]any{"userId": r.PathValue("id"), "authenticated": false}, nil
	}))
	route("POST "+principal, s.admin(func(_ *request, r *http.Request) (any, error) {
		var body struct {
			Type, Name, IDCard, Ext string
		}
		if err := decodeBody(r, &body); err != nil {
			return nil, err
		}
		if body.Type == "" || body.Name == "" || body.IDCard == "" {
			return nil, errIncomplete
		}
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		if s.st.users[r.PathValue("id")] == nil {
			return nil, errUserNotFound
		}
		p := map[string]any{"id": newID(), "userId": r.PathValue("id"), "type": body.Type, "name": body.Name,
			"idCard": body.IDCard, "authenticated": true, "authenticateAt": timestamp(s.now())}
		s.st.pool.principals[r.PathValue("id")] = p
		return copyMap(p), nil
	}))
	s.applicationRoutes(route)
}

func (s *Server) envList() []map[string]any {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	out := make([]map[string]any, len(s.st.pool.env))
	for i, e := range s.st.pool.env {
		out[i] = copyMap(e)
	}
	return out
}

func (s *Server) applicationRoutes(route func(string, restHandler)) {
	find := func(id string) (*appRec, error) {
		for _, a := range s.st.pool.apps {
			if a.ID == id {
				return a, nil
			}
		}
		return nil, errAppNotFound.with(id)
	}
	route("GET /api/v2/applications", s.admin(func(_ *request, r *http.Request) (any, error) {
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		all := make([]appRec, len(s.st.pool.apps))
		for i, a := range s.st.pool.apps {
			all[i] = *a
		}
		return map[string]any{"totalCount": len(all), "list": page(all, queryArgs(r))}, nil
	}))
	route("POST /api/v2/applications", s.admin(func(_ *request, r *http.Request) (any, error) {
		var a appRec
		if err := decodeBody(r, &a); err != nil {
			return nil, err
		}
		if a.Name == "" || a.Identifier == "" {
			return nil, errIncomplete
		}
		now := timestamp(s.now())
		a.ID, a.UserPoolID, a.Secret, a.CreatedAt, a.UpdatedAt = newID(), s.UserPoolID, randomHex(16), now, now
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		s.st.pool.apps = append(s.st.pool.apps, &a)
		return a, nil
	}))
	route("GET /api/v2/applications/{app}", s.admin(func(_ *request, r *http.Request) (any, error) {
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		a, err := find(r.PathValue("app"))
		if err != nil {
			return nil, err
		}
		return *a, nil
	}))
	route("DELETE /api/v2/applications/{app}", s.admin(func(_ *request, r *http.Request) (any, error) {
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		if _, err := find(r.PathValue("app")); err != nil {
			return nil, err
		}
		s.st.pool.apps = slices.DeleteFunc(s.st.pool.apps, func(a *appRec) bool { return a.ID == r.PathValue("app") })
		return nil, nil
	}))
	route("PATCH /api/v2/application/{app}/refresh-secret", s.admin(func(_ *request, r *http.Request) (any, error) {
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		a, err := find(r.PathValue("app"))
		if err != nil {
			return nil, err
		}
		a.Secret, a.UpdatedAt = randomHex(16), timestamp(s.now())
		return *a, nil
	}))
	route("GET /api/v2/applications/{app}/active-users", s.admin(func(_ *request, r *http.Request) (any, error) {
		return s.activeUsers(r), nil
	}))
	route("GET /api/v2/applications/{app}/authorization/records", s.admin(func(_ *request, r *http.Request) (any, error) {
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		list := []map[string]any{}
		for _, rule := range s.st.apps.rules {
			if rule.appID == r.PathValue("app") {
				list = append(list, map[string]any{"targetType": rule.targetType, "targetIdentifier": rule.targetID,
					"effect": rule.effect, "enabled": rule.enabled, "inheritByChildren": false, "namespace": rule.appID})
			}
		}
		return map[string]any{"totalCount": len(list), "list": page(list, queryArgs(r))}, nil
	}))
	agreementBody := func(r *http.Request) (agreementRec, error) {
		var a agreementRec
		if err := decodeBody(r, &a); err != nil {
			return a, err
		}
		if a.Title == "" {
			return a, errIncomplete
		}
		return a, nil
	}
	route("POST /api/v2/applications/{app}/agreements", s.admin(func(_ *request, r *http.Request) (any, error) {
		a, err := agreementBody(r)
		if err != nil {
			return nil, err
		}
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		list := s.st.pool.agreements[r.PathValue("app")]
		a.ID, a.AppID, a.Order = len(list)+1, r.PathValue("app"), len(list)
		for _, old := range list {
			a.ID = max(a.ID, old.ID+1)
		}
		s.st.pool.agreements[a.AppID] = append(list, &a)
		return a, nil
	}))
	route("GET /api/v2/applications/{app}/agreements", s.admin(func(_ *request, r *http.Request) (any, error) {
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		list := []agreementRec{}
		for _, a := range s.st.pool.agreements[r.PathValue("app")] {
			list = append(list, *a)
		}
		slices.SortFunc(list, func(a, b agreementRec) int { return a.Order - b.Order })
		return map[string]any{"totalCount": len(list), "list": list}, nil
	}))
	agreement := func(r *http.Request) (*agreementRec, error) {
		id, _ := strconv.Atoi(r.PathValue("id"))
		for _, a := range s.st.pool.agreements[r.PathValue("app")] {
			if a.ID == id {
				return a, nil
			}
		}
		return nil, errAgreementNotFound.with(r.PathValue("id"))
	}
	route("PUT /api/v2/applications/{app}/agreements/{id}", s.admin(func(_ *request, r *http.Request) (any, error) {
		in, err := agreementBody(r)
		if err != nil {
			return nil, err
		}
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		a, err := agreement(r)
		if err != nil {
			return nil, err
		}
		a.Title, a.Required, a.Lang = in.Title, in.Required, in.Lang
		return *a, nil
	}))
	route("DELETE /api/v2/applications/{app}/agreements/{id}", s.admin(func(_ *request, r *http.Request) (any, error) {
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		a, err := agreement(r)
		if err != nil {
			return nil, err
		}
		s.st.pool.agreements[a.AppID] = slices.DeleteFunc(s.st.pool.agreements[a.AppID], func(x *agreementRec) bool { return x == a })
		return nil, nil
	}))
	route("POST /api/v2/applications/{app}/agreements/sort", s.admin(func(_ *request, r *http.Request) (any, error) {
		var body struct {
			IDs []int `json:"ids"`
		}
		if err := decodeBody(r, &body); err != nil {
			return nil, err
		}
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		for order, id := range body.IDs {
			for _, a := range s.st.pool.agreements[r.PathValue("app")] {
				if a.ID == id {
					a.Order = order
				}
			}
		}
		return nil, nil
	}))
}
