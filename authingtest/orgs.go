package authingtest

import (
	"slices"
	"strings"
)

// orgRec is an organization: a tree of nodes.
type orgRec struct {
	id     string
	rootID string
}

type nodeRec struct {
	id, orgID, parentID       string
	name, code, description   string
	nameI18n, descriptionI18n *string
	order                     *int
	createdAt, updatedAt      string
	members                   []string // user ids, in join order
	leaders                   map[string]bool
	joinedAt                  map[string]string
}

// orgState holds organizations; st.mu guards it.
type orgState struct {
	orgs     map[string]*orgRec
	orgOrder []string
	nodes    map[string]*nodeRec
	mainDept map[string]string // user id -> node id
}

func (st *state) children(nodeID string) []*nodeRec {
	var out []*nodeRec
	for _, n := range st.org.nodes {
		if n.parentID == nodeID {
			out = append(out, n)
		}
	}
	slices.SortFunc(out, func(a, b *nodeRec) int { return strings.Compare(a.createdAt+a.id, b.createdAt+b.id) })
	return out
}

// pathOf returns the nodes from the root down to n.
func (st *state) pathOf(n *nodeRec) []*nodeRec {
	var path []*nodeRec
	for cur := n; cur != nil; cur = st.org.nodes[cur.parentID] {
		path = append([]*nodeRec{cur}, path...)
		if cur.parentID == "" {
			break
		}
	}
	return path
}

// subtree returns n and all its descendants.
func (st *state) subtree(n *nodeRec) []*nodeRec {
	out := []*nodeRec{n}
	for _, c := range st.children(n.id) {
		out = append(out, st.subtree(c)...)
	}
	return out
}

// nodeData is the plain fields of a Node; st.mu must be held.
func (st *state) nodeData(n *nodeRec) obj {
	path := st.pathOf(n)
	ids, codes, names := make([]any, len(path)), make([]any, len(path)), make([]any, len(path))
	for i, p := range path {
		ids[i], names[i] = p.id, p.name
		if p.code != "" {
			codes[i] = p.code
		}
	}
	kids := []any{}
	for _, c := range st.children(n.id) {
		kids = append(kids, c.id)
	}
	o := obj{"id": n.id, "orgId": n.orgID, "name": n.name, "nameI18n": nil, "description": nil, "descriptionI18n": nil,
		"order": nil, "code": nil, "root": n.parentID == "", "depth": len(path) - 1, "path": ids, "codePath": codes,
		"namePath": names, "createdAt": n.createdAt, "updatedAt": n.updatedAt, "children": kids, "isVirtualNode": false}
	if n.code != "" {
		o["code"] = n.code
	}
	if n.description != "" {
		o["description"] = n.description
	}
	if n.nameI18n != nil {
		o["nameI18n"] = *n.nameI18n
	}
	if n.descriptionI18n != nil {
		o["descriptionI18n"] = *n.descriptionI18n
	}
	if n.order != nil {
		o["order"] = *n.order
	}
	return o
}

// nodeObj is the GraphQL Node with its argument fields.
func (s *Server) nodeObj(n *nodeRec) obj {
	if n == nil {
		return nil
	}
	s.st.mu.Lock()
	o := s.st.nodeData(n)
	s.st.mu.Unlock()
	id, code := n.id, n.code
	o["users"] = resolver(func(args map[string]any) (any, error) {
		include, ok := argBool(args, "includeChildrenNodes")
		if !ok {
			include = true
		}
		s.st.mu.Lock()
		var ids []string
		seen := map[string]bool{}
		if nn := s.st.org.nodes[id]; nn != nil {
			nodes := []*nodeRec{nn}
			if include {
				nodes = s.st.subtree(nn)
			}
			for _, x := range nodes {
				for _, uid := range x.members {
					if !seen[uid] {
						seen[uid] = true
						ids = append(ids, uid)
					}
				}
			}
		}
		s.st.mu.Unlock()
		return paginated(s.userObjs(ids), args), nil
	})
	o["roles"] = resolver(func(args map[string]any) (any, error) {
		ns := argString(args, "namespace")
		s.st.mu.Lock()
		var recs []*roleRec
		for _, k := range s.st.roleOrder {
			if r := s.st.roles[k]; code != "" && r.nodes[code] && (ns == "" || r.namespace == ns) {
				recs = append(recs, r)
			}
		}
		s.st.mu.Unlock()
		all := make([]obj, len(recs))
		for i, r := range recs {
			all[i] = s.roleObj(r)
		}
		return obj{"totalCount": len(all), "list": all}, nil
	})
	o["authorizedResources"] = resolver(func(args map[string]any) (any, error) {
		return s.authorizedResourcesOf("ORG", code, argString(args, "namespace"), argString(args, "resourceType")), nil
	})
	return o
}

// orgObj is the GraphQL Org.
func (s *Server) orgObj(orgID string) (obj, error) {
	s.st.mu.Lock()
	o := s.st.org.orgs[orgID]
	var root *nodeRec
	var nodes []*nodeRec
	if o != nil {
		root = s.st.org.nodes[o.rootID]
		nodes = s.st.subtree(root)
	}
	s.st.mu.Unlock()
	if o == nil {
		return nil, errOrgNotFound.with(orgID)
	}
	list := make([]obj, len(nodes))
	for i, n := range nodes {
		list[i] = s.nodeObj(n)
	}
	return obj{"id": o.id, "tenantId": nil, "rootNode": s.nodeObj(root), "nodes": list}, nil
}

// departmentsOf is User.departments.
func (s *Server) departmentsOf(userID, orgID string) obj {
	s.st.mu.Lock()
	var nodes []*nodeRec
	for _, n := range s.st.org.nodes {
		if slices.Contains(n.members, userID) && (orgID == "" || n.orgID == orgID) {
			nodes = append(nodes, n)
		}
	}
	main := s.st.org.mainDept[userID]
	slices.SortFunc(nodes, func(a, b *nodeRec) int { return strings.Compare(a.joinedAt[userID]+a.id, b.joinedAt[userID]+b.id) })
	joined := make([]string, len(nodes))
	for i, n := range nodes {
		joined[i] = n.joinedAt[userID]
	}
	s.st.mu.Unlock()
	list := make([]obj, len(nodes))
	for i, n := range nodes {
		list[i] = obj{"department": s.nodeObj(n), "isMainDepartment": n.id == main, "joinedAt": joined[i]}
	}
	return obj{"totalCount": len(list), "list": list}
}

func (s *Server) orgResolvers(q, m map[string]rootResolver) {
	now := func() string { return timestamp(s.now()) }
	newNode := func(orgID, parentID string, args map[string]any) *nodeRec {
		n := &nodeRec{id: newID(), orgID: orgID, parentID: parentID, name: argString(args, "name"), code: argString(args, "code"),
			description: argString(args, "description"), nameI18n: argStringPtr(args, "nameI18n"),
			descriptionI18n: argStringPtr(args, "descriptionI18n"), createdAt: now(), updatedAt: now(),
			leaders: map[string]bool{}, joinedAt: map[string]string{}}
		if _, ok := args["order"]; ok {
			o := argInt(args, "order", 0)
			n.order = &o
		}
		return n
	}
	findNode := func(id string) (*nodeRec, error) {
		n := s.st.org.nodes[id]
		if n == nil {
			return nil, errNodeNotFound.with(id)
		}
		return n, nil
	}
	m["createOrg"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		if argString(args, "name") == "" {
			return nil, errIncomplete
		}
		o := &orgRec{id: newID()}
		root := newNode(o.id, "", args)
		o.rootID = root.id
		s.st.mu.Lock()
		s.st.org.orgs[o.id] = o
		s.st.org.orgOrder = append(s.st.org.orgOrder, o.id)
		s.st.org.nodes[root.id] = root
		s.st.mu.Unlock()
		return s.orgObj(o.id)
	})
	m["deleteOrg"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		o := s.st.org.orgs[argString(args, "id")]
		if o == nil {
			return nil, errOrgNotFound.with("")
		}
		for _, n := range s.st.subtree(s.st.org.nodes[o.rootID]) {
			delete(s.st.org.nodes, n.id)
		}
		delete(s.st.org.orgs, o.id)
		s.st.org.orgOrder = slices.DeleteFunc(s.st.org.orgOrder, func(id string) bool { return id == o.id })
		return commonMessage(msgDeleted), nil
	})
	q["orgs"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		s.st.mu.Lock()
		ids := slices.Clone(s.st.org.orgOrder)
		s.st.mu.Unlock()
		all := make([]obj, 0, len(ids))
		for _, id := range ids {
			o, err := s.orgObj(id)
			if err == nil {
				all = append(all, o)
			}
		}
		return paginated(all, args), nil
	})
	q["org"] = adminOnly(func(rq *request, args map[string]any) (any, error) { return s.orgObj(argString(args, "id")) })
	addNode := func(args map[string]any) (*nodeRec, error) {
		orgID := argString(args, "orgId")
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		o := s.st.org.orgs[orgID]
		if o == nil {
			return nil, errOrgNotFound.with(orgID)
		}
		parent := argString(args, "parentNodeId")
		if parent == "" {
			parent = o.rootID
		}
		if p := s.st.org.nodes[parent]; p == nil || p.orgID != orgID {
			return nil, errNodeNotFound.with(parent)
		}
		n := newNode(orgID, parent, args)
		s.st.org.nodes[n.id] = n
		return n, nil
	}
	m["addNode"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		if _, err := addNode(args); err != nil {
			return nil, err
		}
		return s.orgObj(argString(args, "orgId"))
	})
	m["addNodeV2"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		n, err := addNode(args)
		if err != nil {
			return nil, err
		}
		return s.nodeObj(n), nil
	})
	q["nodeById"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		s.st.mu.Lock()
		n := s.st.org.nodes[argString(args, "id")]
		s.st.mu.Unlock()
		return s.nodeObj(n), nil
	})
	q["nodeByCode"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		s.st.mu.Lock()
		var found *nodeRec
		for _, n := range s.st.org.nodes {
			if n.orgID == argString(args, "orgId") && n.code == argString(args, "code") {
				found = n
			}
		}
		s.st.mu.Unlock()
		return s.nodeObj(found), nil
	})
	m["updateNode"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		s.st.mu.Lock()
		n, err := findNode(argString(args, "id"))
		if err == nil {
			if v, ok := args["name"].(string); ok {
				n.name = v
			}
			if v, ok := args["code"].(string); ok {
				n.code = v
			}
			if v, ok := args["description"].(string); ok {
				n.description = v
			}
			n.updatedAt = now()
		}
		s.st.mu.Unlock()
		if err != nil {
			return nil, err
		}
		return s.nodeObj(n), nil
	})
	m["deleteNode"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		n, err := findNode(argString(args, "nodeId"))
		if err != nil {
			return nil, err
		}
		if n.parentID == "" {
			return nil, errDeleteRootNode
		}
		for _, x := range s.st.subtree(n) {
			delete(s.st.org.nodes, x.id)
		}
		return commonMessage(msgDeleted), nil
	})
	q["isRootNode"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		n, err := findNode(argString(args, "nodeId"))
		if err != nil {
			return nil, err
		}
		return n.parentID == "" && n.orgID == argString(args, "orgId"), nil
	})
	m["moveNode"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		s.st.mu.Lock()
		n, err := findNode(argString(args, "nodeId"))
		var target *nodeRec
		if err == nil {
			target, err = findNode(argString(args, "targetParentId"))
		}
		if err == nil && slices.Contains(s.st.subtree(n), target) {
			err = errMoveUnderSelf
		}
		if err == nil {
			n.parentID = target.id
		}
		s.st.mu.Unlock()
		if err != nil {
			return nil, err
		}
		return s.orgObj(argString(args, "orgId"))
	})
	q["childrenNodes"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		s.st.mu.Lock()
		kids := s.st.children(argString(args, "nodeId"))
		s.st.mu.Unlock()
		out := make([]obj, len(kids))
		for i, k := range kids {
			out[i] = s.nodeObj(k)
		}
		return out, nil
	})
	q["rootNode"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		s.st.mu.Lock()
		o := s.st.org.orgs[argString(args, "orgId")]
		var root *nodeRec
		if o != nil {
			root = s.st.org.nodes[o.rootID]
		}
		s.st.mu.Unlock()
		if root == nil {
			return nil, errOrgNotFound.with("")
		}
		return s.nodeObj(root), nil
	})
	q["searchNodes"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		kw := strings.ToLower(argString(args, "keyword"))
		s.st.mu.Lock()
		var found []*nodeRec
		for _, n := range s.st.org.nodes {
			if strings.Contains(strings.ToLower(n.name), kw) {
				found = append(found, n)
			}
		}
		s.st.mu.Unlock()
		slices.SortFunc(found, func(a, b *nodeRec) int { return strings.Compare(a.createdAt+a.id, b.createdAt+b.id) })
		out := make([]obj, len(found))
		for i, n := range found {
			out[i] = s.nodeObj(n)
		}
		return out, nil
	})
	member := func(add bool) rootResolver {
		return adminOnly(func(rq *request, args map[string]any) (any, error) {
			s.st.mu.Lock()
			id := argString(args, "nodeId")
			if id == "" {
				for _, n := range s.st.org.nodes {
					if n.code != "" && n.code == argString(args, "nodeCode") {
						id = n.id
					}
				}
			}
			n, err := findNode(id)
			if err == nil {
				for _, uid := range argStrings(args, "userIds") {
					if s.st.users[uid] == nil {
						err = errUserNotFound
						break
					}
					if add && !slices.Contains(n.members, uid) {
						n.members = append(n.members, uid)
						n.joinedAt[uid] = now()
						if leader, _ := argBool(args, "isLeader"); leader {
							n.leaders[uid] = true
						}
					} else if !add {
						n.members = slices.DeleteFunc(n.members, func(m string) bool { return m == uid })
						if s.st.org.mainDept[uid] == n.id {
							delete(s.st.org.mainDept, uid)
						}
					}
				}
			}
			s.st.mu.Unlock()
			if err != nil {
				return nil, err
			}
			return s.nodeObj(n), nil
		})
	}
	m["addMember"] = member(true)
	m["removeMember"] = member(false)
	m["moveMembers"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		from, err := findNode(argString(args, "sourceNodeId"))
		if err != nil {
			return nil, err
		}
		to, err := findNode(argString(args, "targetNodeId"))
		if err != nil {
			return nil, err
		}
		for _, uid := range argStrings(args, "userIds") {
			if !slices.Contains(from.members, uid) {
				continue
			}
			from.members = slices.DeleteFunc(from.members, func(m string) bool { return m == uid })
			if !slices.Contains(to.members, uid) {
				to.members = append(to.members, uid)
				to.joinedAt[uid] = now()
			}
		}
		return commonMessage(msgMoved), nil
	})
	m["setMainDepartment"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		uid, dept := argString(args, "userId"), argString(args, "departmentId")
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		if s.st.users[uid] == nil {
			return nil, errUserNotFound
		}
		if dept == "" {
			delete(s.st.org.mainDept, uid)
			return commonMessage(msgSetDone), nil
		}
		n, err := findNode(dept)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(n.members, uid) {
			return nil, errUserNotInNode
		}
		s.st.org.mainDept[uid] = dept
		s.st.users[uid].profile["mainDepartmentId"] = dept
		return commonMessage(msgSetDone), nil
	})
}
