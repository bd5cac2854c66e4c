package authingtest

import (
	"net/http"
	"sort"
	"strings"
)

// The users of the pool: the GraphQL User, the management user fields and
// the users REST routes.

// usersAPI is the users area's table.
func (s *Server) usersAPI() api {
	return api{
		query: map[string]rootResolver{
			"user": s.queryUser, "users": adminOnly(s.queryUsers), "archivedUsers": adminOnly(s.archivedUsers),
			"userBatch": adminOnly(s.userBatch), "findUser": adminOnly(s.findUser), "searchUser": adminOnly(s.searchUser),
			"isUserExists": s.isUserExists,
		},
		mutation: map[string]rootResolver{
			"createUser": adminOnly(s.createUser), "updateUser": s.updateUser, "deleteUser": adminOnly(s.deleteUser),
			"deleteUsers": adminOnly(s.deleteUsers), "sendFirstLoginVerifyEmail": adminOnly(s.sendFirstLoginVerifyEmail),
		},
		routes: []route{
			{"GET /api/v2/users/{id}", s.admin(s.getUserREST)},
			{"GET /api/v2/users/{id}/orgs", s.admin(s.userOrgs)},
			{"GET /api/v2/users/{id}/has-role", s.admin(s.hasRole)},
			{"POST /api/v2/users/kick", s.admin(s.kick)},
			{"POST /api/v2/users/batch", s.admin(s.usersBatchREST)},
			{"POST /api/v2/users/filter", s.admin(s.filterUsers)},
			{"GET /api/v2/users/login-status", s.admin(s.loginStatus)},
			// The administrator's logout of a user, at the path Authing's SDKs use.
			{"GET /logout", s.admin(s.logoutUser)},
		},
	}
}

// userObj is the GraphQL User for a profile, with the fields that take
// arguments or need other data resolved when selected. The profile must
// be a copy the caller owns, as the state's methods return: the object
// is built on it, without copying it again.
func (s *Server) userObj(profile map[string]any) obj {
	if profile == nil {
		return nil
	}
	o := obj(profile)
	id := str(profile["id"])
	o["roles"] = resolver(func(args map[string]any) (any, error) {
		return paginated(s.rolesOfUser(id, argString(args, "namespace")), args), nil
	})
	o["groups"] = resolver(func(args map[string]any) (any, error) {
		return paginated(s.groupsOfUser(id), map[string]any{"limit": 1000}), nil
	})
	o["departments"] = resolver(func(args map[string]any) (any, error) {
		return s.departmentsOf(id, argString(args, "orgId")), nil
	})
	o["authorizedResources"] = resolver(func(args map[string]any) (any, error) {
		return s.authorizedResourcesOf("USER", id, argString(args, "namespace"), argString(args, "resourceType")), nil
	})
	o["customData"] = resolver(func(map[string]any) (any, error) {
		return s.customData("USER", id), nil
	})
	o["identities"] = []obj{}
	return o
}

// userObjs returns the user objects of ids, in order, leaving out users
// deleted meanwhile.
func (s *Server) userObjs(ids []string) []obj {
	out := make([]obj, 0, len(ids))
	for _, id := range ids {
		if p := s.st.userProfile(id); p != nil {
			out = append(out, s.userObj(p))
		}
	}
	return out
}

// usersMatching returns user objects in creation order that keep returns
// true for.
func (s *Server) usersMatching(keep func(p map[string]any) bool) []obj {
	profiles := s.st.profiles(keep)
	out := make([]obj, len(profiles))
	for i, p := range profiles {
		out[i] = s.userObj(p)
	}
	return out
}

// selfOrAdmin resolves the user a call acts on: the id given (management
// token, or the caller's own id) or the caller.
func (rq *request) selfOrAdmin(id string) (string, error) {
	if id != "" {
		if rq.admin() == nil {
			return id, nil
		}
		self, err := rq.user()
		if err != nil {
			return "", err
		}
		if self != id {
			return "", errOtherUser
		}
		return id, nil
	}
	return rq.user()
}

func (s *Server) queryUser(rq *request, args map[string]any) (any, error) {
	id, err := rq.selfOrAdmin(argString(args, "id"))
	if err != nil {
		return nil, err
	}
	// Authing answers an unknown id with 2004, not with null.
	p := s.st.userProfile(id)
	if p == nil {
		return nil, errUserNotFound
	}
	return s.userObj(s.withCallerToken(rq, p)), nil
}

func (s *Server) queryUsers(_ *request, args map[string]any) (any, error) {
	users := s.usersMatching(func(p map[string]any) bool { return p["status"] != "Archived" })
	if sortBy := argString(args, "sortBy"); sortBy == "" || strings.HasSuffix(sortBy, "_DESC") {
		field := "createdAt"
		if strings.HasPrefix(sortBy, "UPDATEDAT") {
			field = "updatedAt"
		}
		sort.SliceStable(users, func(i, j int) bool { return str(users[i][field]) > str(users[j][field]) })
		// Equal timestamps keep creation order reversed, newest first.
		reverseStable(users, field)
	}
	return paginated(users, args), nil
}

// reverseStable puts users with equal field values newest first: they
// are in creation order after a stable sort.
func reverseStable(users []obj, field string) {
	for i := 0; i < len(users); {
		j := i + 1
		for j < len(users) && str(users[j][field]) == str(users[i][field]) {
			j++
		}
		for a, b := i, j-1; a < b; a, b = a+1, b-1 {
			users[a], users[b] = users[b], users[a]
		}
		i = j
	}
}

func (s *Server) archivedUsers(_ *request, args map[string]any) (any, error) {
	return paginated(s.usersMatching(func(p map[string]any) bool { return p["status"] == "Archived" }), args), nil
}

func (s *Server) userBatch(_ *request, args map[string]any) (any, error) {
	field := argString(args, "type")
	if field == "" {
		field = "id"
	}
	ids := argStrings(args, "ids")
	if len(ids) > 80 {
		return nil, errTooManyUsers
	}
	out := []obj{}
	for _, v := range ids {
		if p := s.st.profileBy([]string{field}, map[string]any{field: v}); p != nil {
			out = append(out, s.userObj(p))
		}
	}
	return out, nil
}

func (s *Server) findUser(_ *request, args map[string]any) (any, error) {
	p := s.st.profileBy([]string{"username", "email", "phone", "externalId"}, args)
	if p == nil {
		return nil, nil
	}
	return s.userObj(p), nil
}

func (s *Server) isUserExists(_ *request, args map[string]any) (any, error) {
	return s.st.profileBy([]string{"username", "email", "phone", "externalId"}, args) != nil, nil
}

func (s *Server) searchUser(_ *request, args map[string]any) (any, error) {
	query := strings.ToLower(argString(args, "query"))
	fields := argStrings(args, "fields")
	if len(fields) == 0 {
		fields = []string{"username", "email", "phone", "nickname", "name"}
	}
	return paginated(s.usersMatching(func(p map[string]any) bool {
		for _, f := range fields {
			if strings.Contains(strings.ToLower(str(p[f])), query) {
				return true
			}
		}
		return false
	}), args), nil
}

func (s *Server) createUser(_ *request, args map[string]any) (any, error) {
	info := argObject(args, "userInfo")
	profile := copyMap(info)
	delete(profile, "password")
	password := ""
	if enc := argString(info, "password"); enc != "" {
		if keep, _ := argBool(args, "keepPassword"); keep {
			password = enc // an imported hash: stored as given
		} else {
			p, err := s.decryptPassword(enc)
			if err != nil {
				return nil, err
			}
			password = p
		}
	}
	if str(profile["username"]) == "" && str(profile["email"]) == "" && str(profile["phone"]) == "" {
		return nil, errNoIdentifier
	}
	params, err := s.checkedParams(argString(args, "params"))
	if err != nil {
		return nil, err
	}
	rec, err := s.st.createUser(s, profile, password, "import:manual")
	if err != nil {
		return nil, err
	}
	if err := s.storeParams(rec.id, params); err != nil {
		return nil, err
	}
	return s.userObj(s.st.userProfile(rec.id)), nil
}

// updateUser changes a user: any user with the management token, only
// the caller itself with an end user's token.
func (s *Server) updateUser(rq *request, args map[string]any) (any, error) {
	asAdmin := argString(args, "id") != "" && rq.admin() == nil
	id, err := rq.selfOrAdmin(argString(args, "id"))
	if err != nil {
		return nil, err
	}
	input := argObject(args, "input")
	if !asAdmin {
		if err := checkSelfUpdate(input); err != nil {
			return nil, err
		}
	}
	if enc := argString(input, "password"); enc != "" {
		if err := s.setPassword(id, enc); err != nil {
			return nil, err
		}
	}
	p, err := s.st.updateUser(s, id, func(rec *userRec) error {
		for k, v := range input {
			if _, known := rec.profile[k]; known && k != "password" && k != "id" {
				rec.profile[k] = v
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.userObj(s.withCallerToken(rq, p)), nil
}

// adminOnlyFields are the User fields only an administrator may set: an
// end user never raises itself.
var adminOnlyFields = []string{"emailVerified", "phoneVerified", "blocked", "status", "loginsCount", "lastLogin",
	"lastIP", "signedUp", "registerSource"}

// checkSelfUpdate refuses what an end user may not change of itself: its
// email and phone (they need a code) and the administrator's fields.
func checkSelfUpdate(input map[string]any) error {
	if _, ok := input["email"]; ok {
		return errEmailViaUpdate
	}
	if _, ok := input["phone"]; ok {
		return errPhoneViaUpdate
	}
	for _, f := range adminOnlyFields {
		if _, ok := input[f]; ok {
			return errAdminOnlyField.with(f)
		}
	}
	return nil
}

func (s *Server) deleteUser(_ *request, args map[string]any) (any, error) {
	if !s.st.deleteUser(argString(args, "id")) {
		return nil, errDeleteNoUser
	}
	return commonMessage(msgDeleted), nil
}

func (s *Server) deleteUsers(_ *request, args map[string]any) (any, error) {
	for _, id := range argStrings(args, "ids") {
		s.st.deleteUser(id)
	}
	return commonMessage(msgDeleted), nil
}

func (s *Server) sendFirstLoginVerifyEmail(_ *request, args map[string]any) (any, error) {
	p := s.st.userProfile(argString(args, "userId"))
	if p == nil {
		return nil, errUserNotFound
	}
	if email := str(p["email"]); email != "" {
		s.st.sendCode(s, "email:"+email)
	}
	return commonMessage(msgSent), nil
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

// getUserREST is GET /api/v2/users/{id}.
func (s *Server) getUserREST(_ *request, r *http.Request) (any, error) {
	id := r.PathValue("id")
	p := s.st.userProfile(id)
	if p == nil {
		return nil, errUserNotFound
	}
	u := restUser(p)
	// The JS SDK sends with_custom_data=true, the Python SDK 1.
	if v := r.URL.Query().Get("with_custom_data"); v == "true" || v == "1" {
		u["customData"] = s.customData("USER", id)
	}
	return u, nil
}

// usersBatchREST is POST /api/v2/users/batch: up to 80 users by id or by
// another identifier named in type, with their custom data when asked.
func (s *Server) usersBatchREST(_ *request, r *http.Request) (any, error) {
	var body struct {
		IDs            []string `json:"ids"`
		Type           string   `json:"type"`
		WithCustomData bool     `json:"withCustomData"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	if len(body.IDs) > 80 {
		return nil, errTooManyUsers
	}
	field := body.Type
	if field == "" {
		field = "id"
	}
	out := []map[string]any{}
	for _, v := range body.IDs {
		if p := s.st.profileBy([]string{field}, map[string]any{field: v}); p != nil {
			u := restUser(p)
			if body.WithCustomData {
				u["customData"] = s.customData("USER", str(p["id"]))
			}
			out = append(out, u)
		}
	}
	return out, nil
}

// filterUsers is POST /api/v2/users/filter: a page of the users that
// match every {key, value} of filter (the reference does not pin the
// filter's shape down; equality on a User field is what is served).
func (s *Server) filterUsers(_ *request, r *http.Request) (any, error) {
	var body struct {
		Page   int              `json:"page"`
		Limit  int              `json:"limit"`
		Filter []map[string]any `json:"filter"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	list := s.st.profiles(func(p map[string]any) bool {
		for _, f := range body.Filter {
			if key := str(f["key"]); key != "" && p[key] != f["value"] {
				return false
			}
		}
		return true
	})
	users := make([]map[string]any, len(list))
	for i, p := range list {
		users[i] = restUser(p)
	}
	return map[string]any{"totalCount": len(users), "list": page(users, map[string]any{"page": body.Page, "limit": body.Limit})}, nil
}

func (s *Server) userOrgs(_ *request, r *http.Request) (any, error) {
	if s.st.userProfile(r.PathValue("id")) == nil {
		return nil, errUserNotFound
	}
	return [][]any{}, nil
}

func (s *Server) hasRole(_ *request, r *http.Request) (any, error) {
	id := r.PathValue("id")
	if s.st.userProfile(id) == nil {
		return nil, errUserNotFound
	}
	q := r.URL.Query()
	// The Python SDK sends code (as this module's client does); roleCode
	// is accepted as well.
	code := q.Get("code")
	if code == "" {
		code = q.Get("roleCode")
	}
	for _, role := range s.rolesOfUser(id, nsOrDefault(q.Get("namespace"))) {
		if role["code"] == code {
			return true, nil
		}
	}
	return false, nil
}

func (s *Server) kick(_ *request, r *http.Request) (any, error) {
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

// loginStatus is GET /api/v2/users/login-status: whether the user holds
// a live token, the user, and the applications it logged in to.
func (s *Server) loginStatus(_ *request, r *http.Request) (any, error) {
	id := r.URL.Query().Get("userId")
	p := s.st.userProfile(id)
	if p == nil {
		return nil, errUserNotFound
	}
	return map[string]any{"isLogin": s.st.hasLiveToken(id), "userId": id, "user": restUser(p),
		"application": s.appsLoggedInto(id)}, nil
}

// appsLoggedInto is the applications of the user's successful logins,
// most recent first, each once.
func (s *Server) appsLoggedInto(userID string) []appRec {
	apps := []appRec{}
	seen := map[string]bool{}
	for _, a := range s.st.logNewestFirst(false) {
		if a.userID != userID || !a.success || !strings.HasPrefix(a.operation, "login") || a.appID == "" || seen[a.appID] {
			continue
		}
		seen[a.appID] = true
		if app := s.findApp(a.appID); app != nil {
			apps = append(apps, *app)
		}
	}
	return apps
}

// logoutUser is the administrator's GET /logout?userId=.
func (s *Server) logoutUser(_ *request, r *http.Request) (any, error) {
	id := r.URL.Query().Get("userId")
	if s.st.userProfile(id) == nil {
		return nil, errUserNotFound
	}
	s.st.revokeUserTokens(id)
	return nil, nil
}

// profiles returns copies of the profiles keep accepts (nil: all), in
// creation order.
func (st *state) profiles(keep func(p map[string]any) bool) []map[string]any {
	st.mu.Lock()
	defer st.mu.Unlock()
	var out []map[string]any
	for _, id := range st.userOrder {
		p := st.users[id].profile
		if keep == nil || keep(p) {
			out = append(out, copyMap(p))
		}
	}
	return out
}

// profileBy is a copy of the profile of the first user whose field (of
// fields, in order) equals the value args gives it, or nil.
func (st *state) profileBy(fields []string, args map[string]any) map[string]any {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, f := range fields {
		if rec := st.findBy(f, argString(args, f)); rec != nil {
			return copyMap(rec.profile)
		}
	}
	return nil
}

// inUserOrder returns the ids in set in the order users were created;
// st.mu must be held.
func (st *state) inUserOrder(set map[string]bool) []string {
	var ids []string
	for _, id := range st.userOrder {
		if set[id] {
			ids = append(ids, id)
		}
	}
	return ids
}
