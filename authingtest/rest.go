package authingtest

import (
	"net/http"
	"strings"
)

// restRoutes registers the REST API: one line per route.
func (s *Server) restRoutes(route func(string, restHandler)) {
	route("GET /api/v2/.well-known", func(*request, *http.Request) (any, error) {
		return map[string]string{"publicKey": s.PublicKeyPEM}, nil
	})
	// The end user's own account.
	route("GET /api/v2/users/me", s.restMe)
	route("POST /api/v2/sms/send", s.restSendSMS)
	route("GET /api/v2/logout", s.restLogout)
	route("GET /api/v2/users/me/orgs", func(rq *request, _ *http.Request) (any, error) {
		_, err := rq.user()
		return [][]any{}, err
	})
	route("GET /api/v2/users/me/security-level", s.restSecurityLevel)
	route("GET /api/v2/users/me/applications/allowed", func(rq *request, _ *http.Request) (any, error) {
		_, err := rq.user()
		return map[string]any{"totalCount": 0, "list": []any{}}, err
	})
	route("POST /api/v2/users/link", s.restLink)
	route("POST /api/v2/users/unlink", s.restLink)
	route("POST /api/v2/password/check", func(rq *request, r *http.Request) (any, error) {
		var body struct{ Password string }
		if err := decodeBody(r, &body); err != nil {
			return nil, err
		}
		if len(body.Password) < 6 {
			return nil, errPasswordTooShort
		}
		return map[string]any{"valid": true}, nil
	})
	// Management.
	route("GET /api/v2/users/{id}", s.admin(s.restUserDetail))
	route("GET /api/v2/users/{id}/orgs", s.admin(func(rq *request, r *http.Request) (any, error) {
		if s.st.userProfile(r.PathValue("id")) == nil {
			return nil, errUserNotFound
		}
		return [][]any{}, nil
	}))
	route("GET /api/v2/users/{id}/has-role", s.admin(s.restHasRole))
	route("POST /api/v2/users/kick", s.admin(s.restKick))
	route("GET /api/v2/users/login-status", s.admin(s.restLoginStatus))
	// The administrator's logout of a user, at the path Authing's SDKs use.
	route("GET /logout", s.admin(func(_ *request, r *http.Request) (any, error) {
		id := r.URL.Query().Get("userId")
		if s.st.userProfile(id) == nil {
			return nil, errUserNotFound
		}
		s.st.revokeUserTokens(id)
		return nil, nil
	}))
	route("GET /api/v2/analysis/user-action", s.admin(func(_ *request, r *http.Request) (any, error) {
		return s.logPage(r, false), nil
	}))
	route("POST /api/v2/ldap/verify-user", s.directoryLogin)
	route("POST /api/v2/ad/verify-user", s.directoryLogin)
	s.appRoutes(route)
	s.poolRoutes(route)
	s.mfaRoutes(route)
}

// restUser is a user as REST answers it: the profile's fields.
func restUser(p map[string]any) map[string]any {
	if p == nil {
		return nil
	}
	out := copyMap(p)
	out["identities"] = []any{}
	return out
}

func (s *Server) restMe(rq *request, _ *http.Request) (any, error) {
	id, err := rq.user()
	if err != nil {
		return nil, err
	}
	p := s.st.userProfile(id)
	if p == nil {
		return nil, errUserNotFound
	}
	return restUser(p), nil
}

func (s *Server) restSendSMS(_ *request, r *http.Request) (any, error) {
	var body struct{ Phone string }
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	if body.Phone == "" {
		return nil, errIncomplete
	}
	s.st.sendCode(s, "phone:"+body.Phone)
	return nil, nil
}

func (s *Server) restLogout(rq *request, _ *http.Request) (any, error) {
	if _, err := rq.user(); err != nil {
		return nil, err
	}
	s.st.revokeToken(rq.caller.ID)
	return nil, nil
}

func (s *Server) restSecurityLevel(rq *request, _ *http.Request) (any, error) {
	id, err := rq.user()
	if err != nil {
		return nil, err
	}
	p := s.st.userProfile(id)
	s.st.mu.Lock()
	hasPassword := s.st.users[id] != nil && s.st.users[id].hash != ""
	s.st.mu.Unlock()
	score := 40
	email, phone := p["email"] != nil, p["phone"] != nil
	for _, ok := range []bool{email, phone, hasPassword} {
		if ok {
			score += 20
		}
	}
	return map[string]any{"score": score, "email": email, "phone": phone, "password": hasPassword, "mfa": false,
		"passwordSecurityLevel": 2}, nil
}

// restLink checks both tokens of a link or unlink; the server keeps no
// social identities, so there is nothing further to change.
func (s *Server) restLink(_ *request, r *http.Request) (any, error) {
	var body struct {
		PrimaryUserToken   string `json:"primaryUserToken"`
		SecondaryUserToken string `json:"secondaryUserToken"`
		Provider           string `json:"provider"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	if _, err := s.verify(body.PrimaryUserToken); err != nil {
		return nil, errLoginExpired
	}
	if strings.HasSuffix(r.URL.Path, "/link") {
		if _, err := s.verify(body.SecondaryUserToken); err != nil {
			return nil, errLoginExpired
		}
	} else if body.Provider == "" {
		return nil, errIncomplete
	}
	return nil, nil
}

func (s *Server) restUserDetail(_ *request, r *http.Request) (any, error) {
	id := r.PathValue("id")
	p := s.st.userProfile(id)
	if p == nil {
		return nil, errUserNotFound
	}
	u := restUser(p)
	if r.URL.Query().Get("with_custom_data") == "true" {
		u["customData"] = s.customData("USER", id)
	}
	return u, nil
}

func (s *Server) restHasRole(_ *request, r *http.Request) (any, error) {
	id := r.PathValue("id")
	if s.st.userProfile(id) == nil {
		return nil, errUserNotFound
	}
	q := r.URL.Query()
	// Authing's SDKs send roleCode; code is accepted as well.
	code := q.Get("roleCode")
	if code == "" {
		code = q.Get("code")
	}
	for _, role := range s.rolesOfUser(id, nsOrDefault(q.Get("namespace"))) {
		if role["code"] == code {
			return true, nil
		}
	}
	return false, nil
}

func (s *Server) restKick(_ *request, r *http.Request) (any, error) {
	var body struct {
		UserIDs []string `json:"userIds"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	for _, id := range body.UserIDs {
		s.st.revokeUserTokens(id)
	}
	return nil, nil
}

func (s *Server) restLoginStatus(_ *request, r *http.Request) (any, error) {
	id := r.URL.Query().Get("userId")
	if s.st.userProfile(id) == nil {
		return nil, errUserNotFound
	}
	return map[string]any{"isLogin": s.st.hasLiveToken(id), "userId": id}, nil
}
