package authingtest

import (
	"net/http"
	"slices"
	"strings"
)

// The roles of the user pool: GraphQL roles, role, createRole, updateRole,
// deleteRole(s), assignRole and revokeRole.

type roleRec struct {
	id, namespace, code, description, parent string
	createdAt, updatedAt                     string
	users                                    map[string]bool
	nodes                                    map[string]bool
}

// rolesAPI is the roles area's table.
func (s *Server) rolesAPI() api {
	return api{
		query: map[string]rootResolver{"roles": adminOnly(s.queryRoles), "role": adminOnly(s.queryRole)},
		mutation: map[string]rootResolver{
			"createRole": adminOnly(s.createRole), "updateRole": adminOnly(s.updateRole),
			"deleteRole": adminOnly(s.deleteRole), "deleteRoles": adminOnly(s.deleteRoles),
			"assignRole": adminOnly(s.assignRole), "revokeRole": adminOnly(s.revokeRole),
		},
		routes: []route{{"POST /api/v2/roles/roleUsers", s.admin(s.roleUsersREST)}},
	}
}

func nsOrDefault(ns string) string {
	if ns == "" {
		return "default"
	}
	return ns
}

func (s *Server) queryRoles(_ *request, args map[string]any) (any, error) {
	recs := s.st.roleList(func(r *roleRec) bool {
		ns := argString(args, "namespace")
		return ns == "" || r.namespace == ns
	})
	return paginated(s.roleObjs(recs), args), nil
}

func (s *Server) queryRole(_ *request, args map[string]any) (any, error) {
	r, ok := s.st.role(nsOrDefault(argString(args, "namespace")), argString(args, "code"))
	if !ok {
		return nil, nil
	}
	return s.roleObj(r), nil
}

func (s *Server) createRole(_ *request, args map[string]any) (any, error) {
	ns, code := nsOrDefault(argString(args, "namespace")), argString(args, "code")
	if code == "" {
		return nil, errIncomplete
	}
	now := timestamp(s.now())
	r := &roleRec{id: newID(), namespace: ns, code: code, description: argString(args, "description"),
		parent: argString(args, "parent"), createdAt: now, updatedAt: now, users: map[string]bool{}, nodes: map[string]bool{}}
	if err := s.st.addRole(r); err != nil {
		return nil, err
	}
	return s.roleObj(*r), nil
}

func (s *Server) updateRole(_ *request, args map[string]any) (any, error) {
	r, err := s.st.changeRole(nsOrDefault(argString(args, "namespace")), argString(args, "code"),
		argStringPtr(args, "description"), argString(args, "newCode"), timestamp(s.now()))
	if err != nil {
		return nil, err
	}
	return s.roleObj(r), nil
}

func (s *Server) deleteRole(_ *request, args map[string]any) (any, error) {
	ns, code := nsOrDefault(argString(args, "namespace")), argString(args, "code")
	if _, ok := s.st.role(ns, code); !ok {
		return nil, errRoleNotFound.with(code)
	}
	s.st.removeRoles(ns, []string{code})
	return commonMessage(msgDeleted), nil
}

func (s *Server) deleteRoles(_ *request, args map[string]any) (any, error) {
	s.st.removeRoles(nsOrDefault(argString(args, "namespace")), argStrings(args, "codeList"))
	return commonMessage(msgDeleted), nil
}

func (s *Server) assignRole(_ *request, args map[string]any) (any, error) {
	return s.setRoleMembers(args, true)
}

func (s *Server) revokeRole(_ *request, args map[string]any) (any, error) {
	return s.setRoleMembers(args, false)
}

// roleUsersREST is POST /api/v2/roles/roleUsers: a page of a role's
// users whose username, email, phone, nickname or name holds search.
func (s *Server) roleUsersREST(_ *request, r *http.Request) (any, error) {
	var body struct {
		Code, Namespace, Search string
		Page, Limit             int
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	ns := nsOrDefault(body.Namespace)
	if _, ok := s.st.role(ns, body.Code); !ok {
		return nil, errRoleNotFound.with(body.Code)
	}
	search := strings.ToLower(body.Search)
	users := []map[string]any{}
	for _, id := range s.st.roleUserIDs(ns, body.Code) {
		p := s.st.userProfile(id)
		if p != nil && profileHolds(p, search) {
			users = append(users, restUser(p))
		}
	}
	return map[string]any{"totalCount": len(users), "list": page(users, map[string]any{"page": body.Page, "limit": body.Limit})}, nil
}

// profileHolds reports whether a user's username, email, phone, nickname
// or name holds the lower-case text.
func profileHolds(p map[string]any, text string) bool {
	for _, f := range []string{"username", "email", "phone", "nickname", "name"} {
		if strings.Contains(strings.ToLower(str(p[f])), text) {
			return true
		}
	}
	return false
}

// setRoleMembers adds (or removes) users, groups' users and org nodes to
// the roles of assignRole and revokeRole.
func (s *Server) setRoleMembers(args map[string]any, add bool) (any, error) {
	codes := argStrings(args, "roleCodes")
	if c := argString(args, "roleCode"); c != "" {
		codes = append(codes, c)
	}
	m := roleMembers{userIDs: argStrings(args, "userIds"), groupCodes: argStrings(args, "groupCodes"),
		nodeCodes: argStrings(args, "nodeCodes")}
	if err := s.st.setRoleMembers(nsOrDefault(argString(args, "namespace")), codes, m, add); err != nil {
		return nil, err
	}
	return commonMessage(msgDone), nil
}

// roleObj is the GraphQL Role, with its users and resources resolved when
// selected.
func (s *Server) roleObj(r roleRec) obj {
	o := obj{"id": r.id, "namespace": r.namespace, "code": r.code, "description": r.description, "isSystem": false,
		"arn": "arn:cn:authing:" + s.UserPoolID + ":role:" + r.id, "createdAt": r.createdAt, "updatedAt": r.updatedAt,
		"parent": nil}
	ns, code := r.namespace, r.code
	if r.parent != "" {
		if p, ok := s.st.role(ns, r.parent); ok {
			o["parent"] = s.roleObj(p)
		}
	}
	o["users"] = resolver(func(args map[string]any) (any, error) {
		return paginated(s.userObjs(s.st.roleUserIDs(ns, code)), args), nil
	})
	o["authorizedResources"] = resolver(func(args map[string]any) (any, error) {
		return s.authorizedResourcesOf("ROLE", code, ns, argString(args, "resourceType")), nil
	})
	return o
}

func (s *Server) roleObjs(recs []roleRec) []obj {
	out := make([]obj, len(recs))
	for i, r := range recs {
		out[i] = s.roleObj(r)
	}
	return out
}

// rolesOfUser is the roles a user holds, in a namespace ("" for all).
func (s *Server) rolesOfUser(userID, namespace string) []obj {
	return s.roleObjs(s.st.roleList(func(r *roleRec) bool {
		return r.users[userID] && (namespace == "" || r.namespace == namespace)
	}))
}

// roleList returns copies of the roles keep accepts, in creation order.
func (st *state) roleList(keep func(*roleRec) bool) []roleRec {
	st.mu.Lock()
	defer st.mu.Unlock()
	var out []roleRec
	for _, k := range st.roleOrder {
		if r := st.roles[k]; keep(r) {
			out = append(out, *r)
		}
	}
	return out
}

// role returns a copy of a role.
func (st *state) role(ns, code string) (roleRec, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	r := st.roles[ns+"/"+code]
	if r == nil {
		return roleRec{}, false
	}
	return *r, true
}

func (st *state) addRole(r *roleRec) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	key := r.namespace + "/" + r.code
	if st.roles[key] != nil {
		return errRoleExists.with(r.code)
	}
	st.roles[key] = r
	st.roleOrder = append(st.roleOrder, key)
	return nil
}

// changeRole updates a role's description and code.
func (st *state) changeRole(ns, code string, description *string, newCode, now string) (roleRec, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	r := st.roles[ns+"/"+code]
	if r == nil {
		return roleRec{}, errRoleNotFound.with(code)
	}
	if newCode != "" && newCode != code && st.roles[ns+"/"+newCode] != nil {
		return roleRec{}, errRoleExists.with(newCode)
	}
	if description != nil {
		r.description = *description
	}
	if newCode != "" && newCode != code {
		delete(st.roles, ns+"/"+code)
		r.code = newCode
		st.roles[ns+"/"+newCode] = r
		st.roleOrder = replaceAll(st.roleOrder, ns+"/"+code, ns+"/"+newCode)
	}
	r.updatedAt = now
	return *r, nil
}

func (st *state) removeRoles(ns string, codes []string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, code := range codes {
		key := ns + "/" + code
		delete(st.roles, key)
		st.roleOrder = slices.DeleteFunc(st.roleOrder, func(k string) bool { return k == key })
	}
}

// roleMembers are the targets assignRole gives roles to.
type roleMembers struct {
	userIDs, groupCodes, nodeCodes []string
}

// setRoleMembers adds or removes members of roles; an unknown role or
// user stops it with an error.
func (st *state) setRoleMembers(ns string, codes []string, m roleMembers, add bool) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, code := range codes {
		r := st.roles[ns+"/"+code]
		if r == nil {
			return errRoleNotFound.with(code)
		}
		for _, uid := range m.userIDs {
			if st.users[uid] == nil {
				return errUserNotFound
			}
			setMember(r.users, uid, add)
		}
		for _, g := range m.groupCodes {
			if gg := st.groups[g]; gg != nil {
				for uid := range gg.users {
					setMember(r.users, uid, add)
				}
			}
		}
		for _, n := range m.nodeCodes {
			setMember(r.nodes, n, add)
		}
	}
	return nil
}

// roleUserIDs is the role's users in creation order.
func (st *state) roleUserIDs(ns, code string) []string {
	st.mu.Lock()
	defer st.mu.Unlock()
	if r := st.roles[ns+"/"+code]; r != nil {
		return st.inUserOrder(r.users)
	}
	return nil
}

func setMember(m map[string]bool, id string, add bool) {
	if add {
		m[id] = true
	} else {
		delete(m, id)
	}
}

func toSet(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, v := range list {
		m[v] = true
	}
	return m
}

// replaceAll replaces every old in list with new.
func replaceAll(list []string, old, new string) []string {
	for i, v := range list {
		if v == old {
			list[i] = new
		}
	}
	return list
}
