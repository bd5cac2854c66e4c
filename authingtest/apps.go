package authingtest

import (
	"net/http"
	"slices"
)

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

func (s *Server) appRoutes(route func(string, restHandler)) {
	route("GET /api/v2/applications/{app}/programmatic-access-accounts", s.admin(func(_ *request, r *http.Request) (any, error) {
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		list := []accountRec{}
		for _, a := range s.st.apps.accounts {
			if a.AppID == r.PathValue("app") {
				list = append(list, *a)
			}
		}
		return map[string]any{"totalCount": len(list), "list": page(list, queryArgs(r))}, nil
	}))
	route("POST /api/v2/applications/{app}/programmatic-access-accounts", s.admin(func(_ *request, r *http.Request) (any, error) {
		var body struct {
			Remarks       string `json:"remarks"`
			TokenLifetime int    `json:"tokenLifetime"`
		}
		if err := decodeBody(r, &body); err != nil {
			return nil, err
		}
		if body.TokenLifetime == 0 {
			body.TokenLifetime = 600
		}
		now := timestamp(s.now())
		a := &accountRec{ID: newID(), AppID: r.PathValue("app"), Secret: randomHex(16), TokenLifetime: body.TokenLifetime,
			Remarks: body.Remarks, Enabled: true, CreatedAt: now, UpdatedAt: now}
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		s.st.apps.accounts = append(s.st.apps.accounts, a)
		return *a, nil
	}))
	route("PATCH /api/v2/applications/programmatic-access-accounts", s.admin(func(_ *request, r *http.Request) (any, error) {
		var body struct {
			ID      string  `json:"id"`
			Enabled *bool   `json:"enabled"`
			Secret  *string `json:"secret"`
		}
		if err := decodeBody(r, &body); err != nil {
			return nil, err
		}
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		for _, a := range s.st.apps.accounts {
			if a.ID != body.ID {
				continue
			}
			if body.Enabled != nil {
				a.Enabled = *body.Enabled
			} else if body.Secret != nil {
				a.Secret = *body.Secret
			} else {
				a.Secret = randomHex(16)
			}
			a.UpdatedAt = timestamp(s.now())
			return *a, nil
		}
		return nil, errAccountNotFound
	}))
	route("DELETE /api/v2/applications/programmatic-access-accounts", s.admin(func(_ *request, r *http.Request) (any, error) {
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		for i, a := range s.st.apps.accounts {
			if a.ID == r.URL.Query().Get("id") {
				s.st.apps.accounts = slices.Delete(s.st.apps.accounts, i, i+1)
				return nil, nil
			}
		}
		return nil, errAccountNotFound
	}))
	for action, change := range map[string]func(*appState, string, string, string){
		"allow":          func(st *appState, app, tt, id string) { st.setRule(app, tt, id, "ALLOW") },
		"deny":           func(st *appState, app, tt, id string) { st.setRule(app, tt, id, "DENY") },
		"enable-effect":  func(st *appState, app, tt, id string) { st.enableRule(app, tt, id, true) },
		"disable-effect": func(st *appState, app, tt, id string) { st.enableRule(app, tt, id, false) },
		"revoke":         func(st *appState, app, tt, id string) { st.deleteRule(app, tt, id) },
	} {
		route("POST /api/v2/applications/{app}/authorization/"+action, s.admin(func(_ *request, r *http.Request) (any, error) {
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
			s.st.mu.Lock()
			defer s.st.mu.Unlock()
			for _, id := range body.TargetIdentifiers {
				change(&s.st.apps, r.PathValue("app"), body.TargetType, id)
			}
			return nil, nil
		}))
	}
	route("POST /api/v2/applications/{app}", s.admin(func(_ *request, r *http.Request) (any, error) {
		var body struct {
			PermissionStrategy struct {
				DefaultStrategy string `json:"defaultStrategy"`
			} `json:"permissionStrategy"`
		}
		if err := decodeBody(r, &body); err != nil {
			return nil, err
		}
		st := body.PermissionStrategy.DefaultStrategy
		if st != "ALLOW_ALL" && st != "DENY_ALL" {
			return nil, errIncomplete
		}
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		s.st.apps.defaultStrategy[r.PathValue("app")] = st
		return map[string]any{"id": r.PathValue("app"), "permissionStrategy": body.PermissionStrategy}, nil
	}))
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
