package authingtest

import "slices"

type roleRec struct {
	id, namespace, code, description, parent string
	createdAt, updatedAt                     string
	users                                    map[string]bool
	nodes                                    map[string]bool
}

type groupRec struct {
	code, name, description string
	createdAt, updatedAt    string
	users                   map[string]bool
}

type policyRec struct {
	namespace, code, description string
	statements                   []any // as sent: [{resource, actions, effect, condition}]
	createdAt, updatedAt         string
}

type assignmentRec struct {
	policy, namespace, targetType, targetID string
	enabled, inherit                        bool
}

func nsOrDefault(ns string) string {
	if ns == "" {
		return "default"
	}
	return ns
}

// roleObj is the GraphQL Role; st.mu must NOT be held when its resolvers run.
func (s *Server) roleObj(r *roleRec) obj {
	if r == nil {
		return nil
	}
	o := obj{"id": r.id, "namespace": r.namespace, "code": r.code, "description": r.description, "isSystem": false,
		"arn": "arn:cn:authing:" + s.UserPoolID + ":role:" + r.id, "createdAt": r.createdAt, "updatedAt": r.updatedAt,
		"parent": nil}
	ns, code, parent := r.namespace, r.code, r.parent
	if parent != "" {
		s.st.mu.Lock()
		p := s.st.roles[ns+"/"+parent]
		s.st.mu.Unlock()
		if p != nil {
			o["parent"] = s.roleObj(p)
		}
	}
	o["users"] = resolver(func(args map[string]any) (any, error) {
		s.st.mu.Lock()
		var ids []string
		if rr := s.st.roles[ns+"/"+code]; rr != nil {
			ids = s.st.inUserOrder(rr.users)
		}
		s.st.mu.Unlock()
		return paginated(s.userObjs(ids), args), nil
	})
	o["authorizedResources"] = resolver(func(args map[string]any) (any, error) {
		return s.authorizedResourcesOf("ROLE", code, ns, argString(args, "resourceType")), nil
	})
	return o
}

func (s *Server) rolesOfUser(userID, namespace string) []obj {
	s.st.mu.Lock()
	var recs []*roleRec
	for _, k := range s.st.roleOrder {
		r := s.st.roles[k]
		if r.users[userID] && (namespace == "" || r.namespace == namespace) {
			recs = append(recs, r)
		}
	}
	s.st.mu.Unlock()
	out := make([]obj, len(recs))
	for i, r := range recs {
		out[i] = s.roleObj(r)
	}
	return out
}

func (s *Server) groupObj(g *groupRec) obj {
	if g == nil {
		return nil
	}
	code := g.code
	return obj{"code": g.code, "name": g.name, "description": g.description, "createdAt": g.createdAt, "updatedAt": g.updatedAt,
		"users": resolver(func(args map[string]any) (any, error) {
			s.st.mu.Lock()
			var ids []string
			if gg := s.st.groups[code]; gg != nil {
				ids = s.st.inUserOrder(gg.users)
			}
			s.st.mu.Unlock()
			return paginated(s.userObjs(ids), args), nil
		}),
		"authorizedResources": resolver(func(args map[string]any) (any, error) {
			return s.authorizedResourcesOf("GROUP", code, argString(args, "namespace"), argString(args, "resourceType")), nil
		}),
	}
}

func (s *Server) groupsOfUser(userID string) []obj {
	s.st.mu.Lock()
	var recs []*groupRec
	for _, code := range s.st.groupOrder {
		if g := s.st.groups[code]; g.users[userID] {
			recs = append(recs, g)
		}
	}
	s.st.mu.Unlock()
	out := make([]obj, len(recs))
	for i, g := range recs {
		out[i] = s.groupObj(g)
	}
	return out
}

func (s *Server) policyObj(p *policyRec, assignments int) obj {
	if p == nil {
		return nil
	}
	code, ns := p.code, p.namespace
	return obj{"namespace": p.namespace, "code": p.code, "isDefault": false, "description": p.description,
		"statements": statementObjs(p.statements), "createdAt": p.createdAt, "updatedAt": p.updatedAt,
		"assignmentsCount": assignments,
		"assignments": resolver(func(args map[string]any) (any, error) {
			return page(s.assignmentObjs(func(a *assignmentRec) bool { return a.policy == code && a.namespace == ns }), args), nil
		})}
}

// statementObjs turns statements as sent into GraphQL objects.
func statementObjs(statements []any) []obj {
	out := make([]obj, 0, len(statements))
	for _, st := range statements {
		m, _ := st.(map[string]any)
		o := obj{"resource": m["resource"], "actions": m["actions"], "effect": m["effect"], "condition": nil}
		if m["effect"] == nil {
			o["effect"] = "ALLOW"
		}
		if conds, ok := m["condition"].([]any); ok {
			list := make([]obj, 0, len(conds))
			for _, c := range conds {
				cm, _ := c.(map[string]any)
				list = append(list, obj(cm))
			}
			o["condition"] = list
		}
		out = append(out, o)
	}
	return out
}

func (s *Server) assignmentObjs(keep func(*assignmentRec) bool) []obj {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	out := []obj{}
	for _, a := range s.st.assignments {
		if keep(a) {
			out = append(out, obj{"code": a.policy, "targetType": a.targetType, "targetIdentifier": a.targetID})
		}
	}
	return out
}

func (s *Server) rbacResolvers(q, m map[string]rootResolver) {
	admin := adminOnly
	now := func() string { return timestamp(s.now()) }

	q["roles"] = admin(func(rq *request, args map[string]any) (any, error) {
		ns := argString(args, "namespace")
		s.st.mu.Lock()
		var recs []*roleRec
		for _, k := range s.st.roleOrder {
			if r := s.st.roles[k]; ns == "" || r.namespace == ns {
				recs = append(recs, r)
			}
		}
		s.st.mu.Unlock()
		all := make([]obj, len(recs))
		for i, r := range recs {
			all[i] = s.roleObj(r)
		}
		return paginated(all, args), nil
	})
	q["role"] = admin(func(rq *request, args map[string]any) (any, error) {
		s.st.mu.Lock()
		r := s.st.roles[nsOrDefault(argString(args, "namespace"))+"/"+argString(args, "code")]
		s.st.mu.Unlock()
		return s.roleObj(r), nil
	})
	m["createRole"] = admin(func(rq *request, args map[string]any) (any, error) {
		ns, code := nsOrDefault(argString(args, "namespace")), argString(args, "code")
		if code == "" {
			return nil, errIncomplete
		}
		r := &roleRec{id: newID(), namespace: ns, code: code, description: argString(args, "description"),
			parent: argString(args, "parent"), createdAt: now(), updatedAt: now(), users: map[string]bool{}, nodes: map[string]bool{}}
		s.st.mu.Lock()
		if s.st.roles[ns+"/"+code] != nil {
			s.st.mu.Unlock()
			return nil, errRoleExists.with(code)
		}
		s.st.roles[ns+"/"+code] = r
		s.st.roleOrder = append(s.st.roleOrder, ns+"/"+code)
		s.st.mu.Unlock()
		return s.roleObj(r), nil
	})
	m["updateRole"] = admin(func(rq *request, args map[string]any) (any, error) {
		ns, code := nsOrDefault(argString(args, "namespace")), argString(args, "code")
		s.st.mu.Lock()
		r := s.st.roles[ns+"/"+code]
		if r == nil {
			s.st.mu.Unlock()
			return nil, errRoleNotFound.with(code)
		}
		if d, ok := args["description"].(string); ok {
			r.description = d
		}
		if nc := argString(args, "newCode"); nc != "" && nc != code {
			if s.st.roles[ns+"/"+nc] != nil {
				s.st.mu.Unlock()
				return nil, errRoleExists.with(nc)
			}
			delete(s.st.roles, ns+"/"+code)
			r.code = nc
			s.st.roles[ns+"/"+nc] = r
			for i, k := range s.st.roleOrder {
				if k == ns+"/"+code {
					s.st.roleOrder[i] = ns + "/" + nc
				}
			}
		}
		r.updatedAt = now()
		s.st.mu.Unlock()
		return s.roleObj(r), nil
	})
	deleteRoles := func(ns string, codes []string) {
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		for _, code := range codes {
			key := ns + "/" + code
			delete(s.st.roles, key)
			s.st.roleOrder = slices.DeleteFunc(s.st.roleOrder, func(k string) bool { return k == key })
		}
	}
	m["deleteRole"] = admin(func(rq *request, args map[string]any) (any, error) {
		ns, code := nsOrDefault(argString(args, "namespace")), argString(args, "code")
		s.st.mu.Lock()
		exists := s.st.roles[ns+"/"+code] != nil
		s.st.mu.Unlock()
		if !exists {
			return nil, errRoleNotFound.with(code)
		}
		deleteRoles(ns, []string{code})
		return commonMessage(msgDeleted), nil
	})
	m["deleteRoles"] = admin(func(rq *request, args map[string]any) (any, error) {
		deleteRoles(nsOrDefault(argString(args, "namespace")), argStrings(args, "codeList"))
		return commonMessage(msgDeleted), nil
	})
	assign := func(add bool) rootResolver {
		return admin(func(rq *request, args map[string]any) (any, error) {
			ns := nsOrDefault(argString(args, "namespace"))
			codes := argStrings(args, "roleCodes")
			if c := argString(args, "roleCode"); c != "" {
				codes = append(codes, c)
			}
			s.st.mu.Lock()
			defer s.st.mu.Unlock()
			for _, code := range codes {
				r := s.st.roles[ns+"/"+code]
				if r == nil {
					return nil, errRoleNotFound.with(code)
				}
				for _, uid := range argStrings(args, "userIds") {
					if s.st.users[uid] == nil {
						return nil, errUserNotFound
					}
					setMember(r.users, uid, add)
				}
				for _, g := range argStrings(args, "groupCodes") {
					if gg := s.st.groups[g]; gg != nil {
						for uid := range gg.users {
							setMember(r.users, uid, add)
						}
					}
				}
				for _, n := range argStrings(args, "nodeCodes") {
					setMember(r.nodes, n, add)
				}
			}
			return commonMessage(msgDone), nil
		})
	}
	m["assignRole"] = assign(true)
	m["revokeRole"] = assign(false)

	q["groups"] = admin(func(rq *request, args map[string]any) (any, error) {
		userID := argString(args, "userId")
		s.st.mu.Lock()
		var recs []*groupRec
		for _, code := range s.st.groupOrder {
			if g := s.st.groups[code]; userID == "" || g.users[userID] {
				recs = append(recs, g)
			}
		}
		s.st.mu.Unlock()
		all := make([]obj, len(recs))
		for i, g := range recs {
			all[i] = s.groupObj(g)
		}
		return paginated(all, args), nil
	})
	q["group"] = admin(func(rq *request, args map[string]any) (any, error) {
		s.st.mu.Lock()
		g := s.st.groups[argString(args, "code")]
		s.st.mu.Unlock()
		return s.groupObj(g), nil
	})
	m["createGroup"] = admin(func(rq *request, args map[string]any) (any, error) {
		code := argString(args, "code")
		g := &groupRec{code: code, name: argString(args, "name"), description: argString(args, "description"),
			createdAt: now(), updatedAt: now(), users: map[string]bool{}}
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		if s.st.groups[code] != nil {
			return nil, errGroupExists.with(code)
		}
		s.st.groups[code] = g
		s.st.groupOrder = append(s.st.groupOrder, code)
		return s.groupObj(g), nil
	})
	m["updateGroup"] = admin(func(rq *request, args map[string]any) (any, error) {
		code := argString(args, "code")
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		g := s.st.groups[code]
		if g == nil {
			return nil, errGroupNotFound.with(code)
		}
		if v, ok := args["name"].(string); ok {
			g.name = v
		}
		if v, ok := args["description"].(string); ok {
			g.description = v
		}
		if nc := argString(args, "newCode"); nc != "" && nc != code {
			delete(s.st.groups, code)
			g.code = nc
			s.st.groups[nc] = g
			for i, c := range s.st.groupOrder {
				if c == code {
					s.st.groupOrder[i] = nc
				}
			}
		}
		g.updatedAt = now()
		return s.groupObj(g), nil
	})
	m["deleteGroups"] = admin(func(rq *request, args map[string]any) (any, error) {
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		for _, code := range argStrings(args, "codeList") {
			delete(s.st.groups, code)
			s.st.groupOrder = slices.DeleteFunc(s.st.groupOrder, func(k string) bool { return k == code })
		}
		return commonMessage(msgDeleted), nil
	})
	member := func(add bool) rootResolver {
		return admin(func(rq *request, args map[string]any) (any, error) {
			s.st.mu.Lock()
			defer s.st.mu.Unlock()
			g := s.st.groups[argString(args, "code")]
			if g == nil {
				return nil, errGroupNotFound.with(argString(args, "code"))
			}
			for _, uid := range argStrings(args, "userIds") {
				if s.st.users[uid] == nil {
					return nil, errUserNotFound
				}
				setMember(g.users, uid, add)
			}
			return commonMessage(msgDone), nil
		})
	}
	m["addUserToGroup"] = member(true)
	m["removeUserFromGroup"] = member(false)

	q["policies"] = admin(func(rq *request, args map[string]any) (any, error) {
		ns := argString(args, "namespace")
		var all []obj
		for _, p := range s.policyRecs(func(p *policyRec) bool { return ns == "" || p.namespace == ns }) {
			all = append(all, s.policyObj(p, s.assignmentCount(p)))
		}
		return paginated(all, args), nil
	})
	q["policy"] = admin(func(rq *request, args map[string]any) (any, error) {
		ns, code := nsOrDefault(argString(args, "namespace")), argString(args, "code")
		recs := s.policyRecs(func(p *policyRec) bool { return p.namespace == ns && p.code == code })
		if len(recs) == 0 {
			return nil, nil
		}
		return s.policyObj(recs[0], s.assignmentCount(recs[0])), nil
	})
	m["createPolicy"] = admin(func(rq *request, args map[string]any) (any, error) {
		ns, code := nsOrDefault(argString(args, "namespace")), argString(args, "code")
		statements, _ := args["statements"].([]any)
		p := &policyRec{namespace: ns, code: code, description: argString(args, "description"), statements: statements,
			createdAt: now(), updatedAt: now()}
		s.st.mu.Lock()
		if s.st.policies[ns+"/"+code] != nil {
			s.st.mu.Unlock()
			return nil, errPolicyExists.with(code)
		}
		s.st.policies[ns+"/"+code] = p
		s.st.policyOrder = append(s.st.policyOrder, ns+"/"+code)
		s.st.mu.Unlock()
		return s.policyObj(p, 0), nil
	})
	m["updatePolicy"] = admin(func(rq *request, args map[string]any) (any, error) {
		ns, code := nsOrDefault(argString(args, "namespace")), argString(args, "code")
		s.st.mu.Lock()
		p := s.st.policies[ns+"/"+code]
		if p == nil {
			s.st.mu.Unlock()
			return nil, errPolicyNotFound.with(code)
		}
		if d, ok := args["description"].(string); ok {
			p.description = d
		}
		if st, ok := args["statements"].([]any); ok {
			p.statements = st
		}
		if nc := argString(args, "newCode"); nc != "" && nc != code {
			delete(s.st.policies, ns+"/"+code)
			p.code = nc
			s.st.policies[ns+"/"+nc] = p
			for i, k := range s.st.policyOrder {
				if k == ns+"/"+code {
					s.st.policyOrder[i] = ns + "/" + nc
				}
			}
		}
		p.updatedAt = now()
		s.st.mu.Unlock()
		return s.policyObj(p, s.assignmentCount(p)), nil
	})
	deletePolicies := func(ns string, codes []string) {
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		for _, code := range codes {
			key := ns + "/" + code
			delete(s.st.policies, key)
			s.st.policyOrder = slices.DeleteFunc(s.st.policyOrder, func(k string) bool { return k == key })
			s.st.assignments = slices.DeleteFunc(s.st.assignments, func(a *assignmentRec) bool {
				return a.policy == code && a.namespace == ns
			})
		}
	}
	m["deletePolicy"] = admin(func(rq *request, args map[string]any) (any, error) {
		deletePolicies(nsOrDefault(argString(args, "namespace")), []string{argString(args, "code")})
		return commonMessage(msgDeleted), nil
	})
	m["deletePolicies"] = admin(func(rq *request, args map[string]any) (any, error) {
		deletePolicies(nsOrDefault(argString(args, "namespace")), argStrings(args, "codeList"))
		return commonMessage(msgDeleted), nil
	})
	q["policyAssignments"] = admin(func(rq *request, args map[string]any) (any, error) {
		code, tt, tid := argString(args, "code"), argString(args, "targetType"), argString(args, "targetIdentifier")
		ns := argString(args, "namespace")
		all := s.assignmentObjs(func(a *assignmentRec) bool {
			return (code == "" || a.policy == code) && (tt == "" || a.targetType == tt) &&
				(tid == "" || a.targetID == tid) && (ns == "" || a.namespace == ns)
		})
		return paginated(all, args), nil
	})
	m["addPolicyAssignments"] = admin(func(rq *request, args map[string]any) (any, error) {
		ns, tt := nsOrDefault(argString(args, "namespace")), argString(args, "targetType")
		inherit, _ := argBool(args, "inheritByChildren")
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		for _, p := range argStrings(args, "policies") {
			if s.st.policies[ns+"/"+p] == nil {
				return nil, errPolicyNotFound.with(p)
			}
			for _, tid := range argStrings(args, "targetIdentifiers") {
				if s.st.findAssignment(p, ns, tt, tid) == nil {
					s.st.assignments = append(s.st.assignments, &assignmentRec{policy: p, namespace: ns, targetType: tt,
						targetID: tid, enabled: true, inherit: inherit})
				}
			}
		}
		return commonMessage(msgAuthorized), nil
	})
	m["removePolicyAssignments"] = admin(func(rq *request, args map[string]any) (any, error) {
		ns, tt := nsOrDefault(argString(args, "namespace")), argString(args, "targetType")
		policies, targets := toSet(argStrings(args, "policies")), toSet(argStrings(args, "targetIdentifiers"))
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		s.st.assignments = slices.DeleteFunc(s.st.assignments, func(a *assignmentRec) bool {
			return a.namespace == ns && a.targetType == tt && policies[a.policy] && targets[a.targetID]
		})
		return commonMessage(msgUnauthorized), nil
	})
	toggle := func(enabled bool) rootResolver {
		return admin(func(rq *request, args map[string]any) (any, error) {
			s.st.mu.Lock()
			defer s.st.mu.Unlock()
			a := s.st.findAssignment(argString(args, "policy"), nsOrDefault(argString(args, "namespace")),
				argString(args, "targetType"), argString(args, "targetIdentifier"))
			if a == nil {
				return nil, errAssignmentAbsent
			}
			a.enabled = enabled
			return commonMessage(msgDone), nil
		})
	}
	m["enablePolicyAssignment"] = toggle(true)
	m["disbalePolicyAssignment"] = toggle(false)
}

func (st *state) findAssignment(policy, ns, targetType, targetID string) *assignmentRec {
	for _, a := range st.assignments {
		if a.policy == policy && a.namespace == ns && a.targetType == targetType && a.targetID == targetID {
			return a
		}
	}
	return nil
}

func (s *Server) policyRecs(keep func(*policyRec) bool) []*policyRec {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	var out []*policyRec
	for _, k := range s.st.policyOrder {
		if p := s.st.policies[k]; keep(p) {
			cp := *p
			out = append(out, &cp)
		}
	}
	return out
}

func (s *Server) assignmentCount(p *policyRec) int {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	n := 0
	for _, a := range s.st.assignments {
		if a.policy == p.code && a.namespace == p.namespace {
			n++
		}
	}
	return n
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
