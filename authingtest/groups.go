package authingtest

import "slices"

// The groups of the user pool: GraphQL groups, group, createGroup,
// updateGroup, deleteGroups, addUserToGroup and removeUserFromGroup.

type groupRec struct {
	code, name, description string
	createdAt, updatedAt    string
	users                   map[string]bool
}

// groupsAPI is the groups area's table.
func (s *Server) groupsAPI() api {
	return api{
		query: map[string]rootResolver{"groups": adminOnly(s.queryGroups), "group": adminOnly(s.queryGroup)},
		mutation: map[string]rootResolver{
			"createGroup": adminOnly(s.createGroup), "updateGroup": adminOnly(s.updateGroup),
			"deleteGroups": adminOnly(s.deleteGroups), "addUserToGroup": adminOnly(s.addUserToGroup),
			"removeUserFromGroup": adminOnly(s.removeUserFromGroup),
		},
	}
}

func (s *Server) queryGroups(_ *request, args map[string]any) (any, error) {
	userID := argString(args, "userId")
	recs := s.st.groupList(func(g *groupRec) bool { return userID == "" || g.users[userID] })
	return paginated(s.groupObjs(recs), args), nil
}

func (s *Server) queryGroup(_ *request, args map[string]any) (any, error) {
	g, ok := s.st.group(argString(args, "code"))
	if !ok {
		return nil, nil
	}
	return s.groupObj(g), nil
}

func (s *Server) createGroup(_ *request, args map[string]any) (any, error) {
	now := timestamp(s.now())
	g := &groupRec{code: argString(args, "code"), name: argString(args, "name"), description: argString(args, "description"),
		createdAt: now, updatedAt: now, users: map[string]bool{}}
	if err := s.st.addGroup(g); err != nil {
		return nil, err
	}
	return s.groupObj(*g), nil
}

func (s *Server) updateGroup(_ *request, args map[string]any) (any, error) {
	g, err := s.st.changeGroup(argString(args, "code"), groupChange{name: argStringPtr(args, "name"),
		description: argStringPtr(args, "description"), newCode: argString(args, "newCode"), now: timestamp(s.now())})
	if err != nil {
		return nil, err
	}
	return s.groupObj(g), nil
}

func (s *Server) deleteGroups(_ *request, args map[string]any) (any, error) {
	s.st.removeGroups(argStrings(args, "codeList"))
	return commonMessage(msgDeleted), nil
}

func (s *Server) addUserToGroup(_ *request, args map[string]any) (any, error) {
	if err := s.st.setGroupMembers(argString(args, "code"), argStrings(args, "userIds"), true); err != nil {
		return nil, err
	}
	return commonMessage(msgDone), nil
}

func (s *Server) removeUserFromGroup(_ *request, args map[string]any) (any, error) {
	if err := s.st.setGroupMembers(argString(args, "code"), argStrings(args, "userIds"), false); err != nil {
		return nil, err
	}
	return commonMessage(msgDone), nil
}

// groupObj is the GraphQL Group, with its users and resources resolved
// when selected.
func (s *Server) groupObj(g groupRec) obj {
	code := g.code
	return obj{"code": g.code, "name": g.name, "description": g.description, "createdAt": g.createdAt, "updatedAt": g.updatedAt,
		"users": resolver(func(args map[string]any) (any, error) {
			return paginated(s.userObjs(s.st.groupUserIDs(code)), args), nil
		}),
		"authorizedResources": resolver(func(args map[string]any) (any, error) {
			return s.authorizedResourcesOf("GROUP", code, argString(args, "namespace"), argString(args, "resourceType")), nil
		}),
	}
}

func (s *Server) groupObjs(recs []groupRec) []obj {
	out := make([]obj, len(recs))
	for i, g := range recs {
		out[i] = s.groupObj(g)
	}
	return out
}

// groupsOfUser is the groups a user belongs to.
func (s *Server) groupsOfUser(userID string) []obj {
	return s.groupObjs(s.st.groupList(func(g *groupRec) bool { return g.users[userID] }))
}

// groupList returns copies of the groups keep accepts, in creation order.
func (st *state) groupList(keep func(*groupRec) bool) []groupRec {
	st.mu.Lock()
	defer st.mu.Unlock()
	var out []groupRec
	for _, code := range st.groupOrder {
		if g := st.groups[code]; keep(g) {
			out = append(out, *g)
		}
	}
	return out
}

func (st *state) group(code string) (groupRec, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	g := st.groups[code]
	if g == nil {
		return groupRec{}, false
	}
	return *g, true
}

func (st *state) addGroup(g *groupRec) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.groups[g.code] != nil {
		return errGroupExists.with(g.code)
	}
	st.groups[g.code] = g
	st.groupOrder = append(st.groupOrder, g.code)
	return nil
}

// groupChange is what updateGroup changes; nil and "" leave a field.
type groupChange struct {
	name, description *string
	newCode, now      string
}

func (st *state) changeGroup(code string, c groupChange) (groupRec, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	g := st.groups[code]
	if g == nil {
		return groupRec{}, errGroupNotFound.with(code)
	}
	if c.name != nil {
		g.name = *c.name
	}
	if c.description != nil {
		g.description = *c.description
	}
	if c.newCode != "" && c.newCode != code {
		delete(st.groups, code)
		g.code = c.newCode
		st.groups[c.newCode] = g
		st.groupOrder = replaceAll(st.groupOrder, code, c.newCode)
	}
	g.updatedAt = c.now
	return *g, nil
}

func (st *state) removeGroups(codes []string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, code := range codes {
		delete(st.groups, code)
		st.groupOrder = slices.DeleteFunc(st.groupOrder, func(k string) bool { return k == code })
	}
}

func (st *state) setGroupMembers(code string, userIDs []string, add bool) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	g := st.groups[code]
	if g == nil {
		return errGroupNotFound.with(code)
	}
	for _, uid := range userIDs {
		if st.users[uid] == nil {
			return errUserNotFound
		}
		setMember(g.users, uid, add)
	}
	return nil
}

// groupUserIDs is the group's users in creation order.
func (st *state) groupUserIDs(code string) []string {
	st.mu.Lock()
	defer st.mu.Unlock()
	if g := st.groups[code]; g != nil {
		return st.inUserOrder(g.users)
	}
	return nil
}
