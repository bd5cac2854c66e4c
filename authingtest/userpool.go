package authingtest

import (
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"slices"
)

// The user pool: its settings, its management token, its environment
// variables. GraphQL accessToken, userpool and updateUserpool; REST
// userpools/detail, env and ad/sync.

// userpoolAPI is the user pool area's table.
func (s *Server) userpoolAPI() api {
	return api{
		query:    map[string]rootResolver{"accessToken": s.accessToken, "userpool": adminOnly(s.queryUserpool)},
		mutation: map[string]rootResolver{"updateUserpool": adminOnly(s.updateUserpool)},
		routes: []route{
			{"GET /api/v2/userpools/detail", s.admin(s.userpoolDetail)},
			{"GET /api/v2/env", s.admin(s.listEnv)},
			{"POST /api/v2/env", s.admin(s.setEnv)},
			{"DELETE /api/v2/env/{key}", s.admin(s.deleteEnv)},
			{"POST /api/v2/ad/sync", s.admin(s.adSync)},
			{"POST /connections/enterprise/dingtalk/start-sync", s.admin(s.adSync)},
			{"POST /connections/enterprise/wechatwork/start-sync", s.admin(s.adSync)},
			{"POST /connections/enterprise/{provider}/start-sync", s.admin(s.adSync)},
		},
	}
}

// poolState holds user pool settings and the other pool-wide data; st.mu
// guards it.
type poolState struct {
	settings   map[string]any              // UserPool fields that updateUserpool changes
	whitelists map[string][]map[string]any // type -> entries
	env        []map[string]any            // {key, value}
	mfa        map[string]map[string]any   // user id -> Mfa
	apps       []*appRec                   // applications
	agreements map[string][]*agreementRec  // app id -> agreements
	principals map[string]map[string]any   // user id -> verification
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
		whitelists: map[string][]map[string]any{}, mfa: map[string]map[string]any{},
		agreements: map[string][]*agreementRec{}, principals: map[string]map[string]any{},
	}
}

// accessToken is the management token of the pool's id and secret.
func (s *Server) accessToken(_ *request, args map[string]any) (any, error) {
	if argString(args, "userPoolId") != s.UserPoolID {
		return nil, errPoolNotFound
	}
	if subtle.ConstantTimeCompare([]byte(argString(args, "secret")), []byte(s.Secret)) != 1 {
		return nil, errWrongSecret
	}
	token, iat, exp, err := s.issue("")
	if err != nil {
		return nil, err
	}
	return obj{"accessToken": token, "iat": iat.Unix(), "exp": exp.Unix()}, nil
}

func (s *Server) queryUserpool(*request, map[string]any) (any, error) { return s.poolObj(), nil }

func (s *Server) updateUserpool(_ *request, args map[string]any) (any, error) {
	in := deepCopy(argObject(args, "input"))
	if codes, ok := in["userpoolTypes"].([]any); ok {
		// The input names the types by code; UserPool answers UserPoolType objects.
		types := make([]any, 0, len(codes))
		for _, c := range codes {
			types = append(types, map[string]any{"code": c, "name": c, "description": nil, "image": nil, "sdks": []any{}})
		}
		in["userpoolTypes"] = types
	}
	s.st.updatePool(in, timestamp(s.now()))
	return s.poolObj(), nil
}

func (s *Server) userpoolDetail(*request, *http.Request) (any, error) { return s.poolObj(), nil }

func (s *Server) listEnv(*request, *http.Request) (any, error) { return s.st.envList(), nil }

func (s *Server) setEnv(_ *request, r *http.Request) (any, error) {
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
	s.st.setEnv(body.Key, body.Value)
	return s.st.envList(), nil
}

func (s *Server) deleteEnv(_ *request, r *http.Request) (any, error) {
	s.st.deleteEnv(r.PathValue("key"))
	return s.st.envList(), nil
}

func (s *Server) adSync(*request, *http.Request) (any, error) { return nil, errNoADConnector }

// poolObj is the UserPool as both GraphQL and REST answer it.
func (s *Server) poolObj() obj {
	o := obj(s.st.poolSettings())
	o["id"], o["secret"], o["jwtSecret"], o["ownerId"] = s.UserPoolID, s.Secret, "hidden", nil
	if _, ok := o["createdAt"]; !ok {
		o["createdAt"] = nil
	}
	if _, ok := o["updatedAt"]; !ok {
		o["updatedAt"] = nil
	}
	return o
}

// poolSettings is a deep copy of the pool's settings.
func (st *state) poolSettings() map[string]any {
	st.mu.Lock()
	defer st.mu.Unlock()
	return deepCopy(st.pool.settings)
}

// updatePool merges a partial update into the settings.
func (st *state) updatePool(change map[string]any, now string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	merge(st.pool.settings, change)
	st.pool.settings["updatedAt"] = now
}

func (st *state) envList() []map[string]any {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := make([]map[string]any, len(st.pool.env))
	for i, e := range st.pool.env {
		out[i] = copyMap(e)
	}
	return out
}

// setEnv sets a variable, moving it to the end of the list.
func (st *state) setEnv(key string, value any) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.pool.env = slices.DeleteFunc(st.pool.env, func(e map[string]any) bool { return e["key"] == key })
	st.pool.env = append(st.pool.env, map[string]any{"key": key, "value": value})
}

func (st *state) deleteEnv(key string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.pool.env = slices.DeleteFunc(st.pool.env, func(e map[string]any) bool { return e["key"] == key })
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
