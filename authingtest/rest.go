package authingtest

import (
	"net/http"
	"slices"
	"strconv"
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
	route("POST /api/v2/acl/check-resource-permission-batch", s.admin(s.restCheckPermissionBatch))
	route("POST /api/v2/acl/get-authorized-resources-of-resource-kind", s.admin(s.restResourcesOfKind))
	route("POST /api/v2/acl/revoke-resource", s.admin(s.restRevokeResource))
	route("POST /api/v2/resource-namespace/{pool}", s.admin(s.restCreateNamespace))
	route("PUT /api/v2/resource-namespace/{pool}/{id}", s.admin(s.restUpdateNamespace))
	route("GET /api/v2/resource-namespace/{pool}", s.admin(s.restListNamespaces))
	route("DELETE /api/v2/resource-namespace/{pool}/{id}", s.admin(s.restDeleteNamespace))
	route("POST /api/v2/resources", s.admin(s.restCreateResource))
	route("GET /api/v2/resources", s.admin(s.restListResources))
	route("GET /api/v2/resources/detail", s.admin(s.restResourceDetail))
	route("POST /api/v2/resources/{code}", s.admin(s.restUpdateResource))
	route("DELETE /api/v2/resources/{code}", s.admin(s.restDeleteResource))
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
	var body struct{ Phone, Scene string }
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	if body.Phone == "" {
		return nil, errIncomplete
	}
	s.st.sendCodeFor(s, "phone:"+body.Phone, body.Scene)
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

func (s *Server) restCheckPermissionBatch(_ *request, r *http.Request) (any, error) {
	var body struct {
		UserID    string   `json:"userId"`
		Namespace string   `json:"namespace"`
		Resources []string `json:"resources"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	if s.st.users[body.UserID] == nil {
		return nil, errUserNotFound
	}
	out := []map[string]any{}
	for _, res := range body.Resources {
		// "books:1:read" asks for action "books:read" on resource "books:1".
		parts := strings.Split(res, ":")
		resource, action := res, ""
		if len(parts) >= 3 {
			resource = strings.Join(parts[:len(parts)-1], ":")
			action = parts[0] + ":" + parts[len(parts)-1]
		}
		allowed, _ := s.st.decide(body.UserID, body.Namespace, resource, action)
		out = append(out, map[string]any{"resource": res, "action": action, "allowed": allowed})
	}
	return out, nil
}

func (s *Server) restResourcesOfKind(_ *request, r *http.Request) (any, error) {
	var body struct {
		UserID    string `json:"userId"`
		Namespace string `json:"namespace"`
		Resource  string `json:"resource"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	all := s.authorizedResourcesOf("USER", body.UserID, body.Namespace, "")
	out := []string{}
	for _, o := range all["list"].([]obj) {
		if code := str(o["code"]); resourceCode(code) == body.Resource {
			out = append(out, code)
		}
	}
	return out, nil
}

func (s *Server) restRevokeResource(_ *request, r *http.Request) (any, error) {
	var body struct {
		Namespace string `json:"namespace"`
		Resource  string `json:"resource"`
		// Authing's SDKs send one {targetType, targetIdentifier} per
		// target; a list in targetIdentifiers is accepted too.
		Opts []struct {
			TargetType        string   `json:"targetType"`
			TargetIdentifier  string   `json:"targetIdentifier"`
			TargetIdentifiers []string `json:"targetIdentifiers"`
		} `json:"opts"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	for _, o := range body.Opts {
		ids := o.TargetIdentifiers
		if o.TargetIdentifier != "" {
			ids = append(ids, o.TargetIdentifier)
		}
		s.st.revokeGrants(nsOrDefault(body.Namespace), body.Resource, o.TargetType, ids)
	}
	return nil, nil
}

func (s *Server) checkPool(r *http.Request) error {
	if r.PathValue("pool") != s.UserPoolID {
		return errPoolNotFound
	}
	return nil
}

func (s *Server) restCreateNamespace(_ *request, r *http.Request) (any, error) {
	if err := s.checkPool(r); err != nil {
		return nil, err
	}
	var ns namespaceRec
	if err := decodeBody(r, &ns); err != nil {
		return nil, err
	}
	if ns.Code == "" || ns.Name == "" {
		return nil, errIncomplete
	}
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	for _, old := range s.st.namespaces {
		if old.Code == ns.Code {
			return nil, errNamespaceExists.with(ns.Code)
		}
	}
	ns.ID = len(s.st.namespaces) + 1
	for _, old := range s.st.namespaces {
		ns.ID = max(ns.ID, old.ID+1)
	}
	ns.UserPoolID, ns.Status = s.UserPoolID, 1
	s.st.namespaces = append(s.st.namespaces, &ns)
	return ns, nil
}

func (s *Server) namespaceIndex(r *http.Request) (int, error) {
	if err := s.checkPool(r); err != nil {
		return 0, err
	}
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil {
		return 0, errNamespaceNotFound.with(r.PathValue("id"))
	}
	for i, ns := range s.st.namespaces {
		if ns.ID == id {
			return i, nil
		}
	}
	return 0, errNamespaceNotFound.with(id)
}

func (s *Server) restUpdateNamespace(_ *request, r *http.Request) (any, error) {
	var body struct {
		Code, Name, Description *string
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	i, err := s.namespaceIndex(r)
	if err != nil {
		return nil, err
	}
	ns := s.st.namespaces[i]
	if body.Code != nil {
		ns.Code = *body.Code
	}
	if body.Name != nil {
		ns.Name = *body.Name
	}
	if body.Description != nil {
		ns.Description = *body.Description
	}
	return *ns, nil
}

func (s *Server) restListNamespaces(_ *request, r *http.Request) (any, error) {
	if err := s.checkPool(r); err != nil {
		return nil, err
	}
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	all := make([]namespaceRec, len(s.st.namespaces))
	for i, ns := range s.st.namespaces {
		all[i] = *ns
	}
	return restPage(all, r), nil
}

func (s *Server) restDeleteNamespace(_ *request, r *http.Request) (any, error) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	i, err := s.namespaceIndex(r)
	if err != nil {
		return nil, err
	}
	s.st.namespaces = slices.Delete(s.st.namespaces, i, i+1)
	return nil, nil
}

func (s *Server) restCreateResource(_ *request, r *http.Request) (any, error) {
	var res resourceRec
	if err := decodeBody(r, &res); err != nil {
		return nil, err
	}
	if res.Namespace == "" || res.Code == "" {
		return nil, errIncomplete
	}
	if res.Type == "" {
		res.Type = "DATA"
	}
	now := timestamp(s.now())
	res.ID, res.UserPoolID, res.CreatedAt, res.UpdatedAt = newID(), s.UserPoolID, now, now
	if res.Actions == nil {
		res.Actions = []resourceAction{}
	}
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	if s.st.findResource(res.Namespace, res.Code) != nil {
		return nil, errResourceExists.with(res.Code)
	}
	for _, ns := range s.st.namespaces {
		if ns.Code == res.Namespace {
			res.NamespaceID = ns.ID
		}
	}
	s.st.resources = append(s.st.resources, &res)
	return res, nil
}

func (s *Server) restUpdateResource(_ *request, r *http.Request) (any, error) {
	var body struct {
		Namespace     string            `json:"namespace"`
		Type          *string           `json:"type"`
		Description   *string           `json:"description"`
		Actions       *[]resourceAction `json:"actions"`
		APIIdentifier *string           `json:"apiIdentifier"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	res := s.st.findResource(body.Namespace, r.PathValue("code"))
	if res == nil {
		return nil, errResourceNotFound.with(r.PathValue("code"))
	}
	if body.Type != nil {
		res.Type = *body.Type
	}
	if body.Description != nil {
		res.Description = *body.Description
	}
	if body.Actions != nil {
		res.Actions = *body.Actions
	}
	if body.APIIdentifier != nil {
		res.APIIdentifier = body.APIIdentifier
	}
	res.UpdatedAt = timestamp(s.now())
	return *res, nil
}

func (s *Server) restListResources(_ *request, r *http.Request) (any, error) {
	q := r.URL.Query()
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	var all []resourceRec
	for _, res := range s.st.resources {
		if (q.Get("namespace") == "" || res.Namespace == q.Get("namespace")) && (q.Get("type") == "" || res.Type == q.Get("type")) {
			all = append(all, *res)
		}
	}
	if all == nil {
		all = []resourceRec{}
	}
	return restPage(all, r), nil
}

func (s *Server) restResourceDetail(_ *request, r *http.Request) (any, error) {
	q := r.URL.Query()
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	for _, res := range s.st.resources {
		if (q.Get("id") != "" && res.ID == q.Get("id")) ||
			(q.Get("id") == "" && res.Namespace == q.Get("namespace") && res.Code == q.Get("code")) {
			return *res, nil
		}
	}
	return nil, errResourceNotFound.with(q.Get("code"))
}

func (s *Server) restDeleteResource(_ *request, r *http.Request) (any, error) {
	ns, code := r.URL.Query().Get("namespace"), r.PathValue("code")
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	for i, res := range s.st.resources {
		if res.Namespace == ns && res.Code == code {
			s.st.resources = slices.Delete(s.st.resources, i, i+1)
			return nil, nil
		}
	}
	return nil, errResourceNotFound.with(code)
}

// queryArgs turns page and limit query parameters into paging arguments.
func queryArgs(r *http.Request) map[string]any {
	q := r.URL.Query()
	args := map[string]any{}
	for _, k := range []string{"page", "limit"} {
		if v := q.Get(k); v != "" {
			args[k] = v
		}
	}
	return args
}

// restPage is one page of a REST list. The count goes under both names
// seen on Authing's REST lists: "total" (namespaces, in the Python SDK)
// and "totalCount" (resources, and what this module's client reads), so a
// client written for either finds it.
func restPage[T any](all []T, r *http.Request) map[string]any {
	return map[string]any{"list": page(all, queryArgs(r)), "total": len(all), "totalCount": len(all)}
}
