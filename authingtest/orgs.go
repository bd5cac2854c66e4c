package authingtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
)

// Organizations: trees of department nodes with members. GraphQL org,
// orgs, createOrg, deleteOrg, the node fields and the member mutations;
// REST export and import.

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

// orgsAPI is the organizations area's table.
func (s *Server) orgsAPI() api {
	return api{
		query: map[string]rootResolver{
			"orgs": adminOnly(s.queryOrgs), "org": adminOnly(s.queryOrg), "nodeById": adminOnly(s.nodeByID),
			"nodeByCode": adminOnly(s.nodeByCode), "isRootNode": adminOnly(s.isRootNode),
			"childrenNodes": adminOnly(s.childrenNodes), "rootNode": adminOnly(s.rootNode),
			"searchNodes": adminOnly(s.searchNodes),
		},
		mutation: map[string]rootResolver{
			"createOrg": adminOnly(s.createOrg), "deleteOrg": adminOnly(s.deleteOrg), "addNode": adminOnly(s.addNode),
			"addNodeV2": adminOnly(s.addNodeV2), "updateNode": adminOnly(s.updateNode),
			"deleteNode": adminOnly(s.deleteNode), "moveNode": adminOnly(s.moveNode),
			"addMember": adminOnly(s.addMember), "removeMember": adminOnly(s.removeMember),
			"moveMembers": adminOnly(s.moveMembers), "setMainDepartment": adminOnly(s.setMainDepartment),
		},
		routes: []route{
			{"GET /api/v2/orgs", s.admin(s.listOrgsREST)},
			{"GET /api/v2/orgs/count", s.admin(s.countOrgs)},
			{"GET /api/v2/orgs/export", saying(msgExported, s.admin(s.exportOrgs))},
			{"POST /api/v2/orgs/import", saying(msgImported, s.admin(s.importOrg))},
		},
	}
}

// newNode is a node of org under parent from the arguments of createOrg
// or addNode.
func (s *Server) newNode(orgID, parentID string, args map[string]any) *nodeRec {
	now := timestamp(s.now())
	n := &nodeRec{id: newID(), orgID: orgID, parentID: parentID, name: argString(args, "name"), code: argString(args, "code"),
		description: argString(args, "description"), nameI18n: argStringPtr(args, "nameI18n"),
		descriptionI18n: argStringPtr(args, "descriptionI18n"), createdAt: now, updatedAt: now,
		leaders: map[string]bool{}, joinedAt: map[string]string{}}
	if _, ok := args["order"]; ok {
		o := argInt(args, "order", 0)
		n.order = &o
	}
	return n
}

func (s *Server) createOrg(_ *request, args map[string]any) (any, error) {
	if argString(args, "name") == "" {
		return nil, errIncomplete
	}
	o := &orgRec{id: newID()}
	root := s.newNode(o.id, "", args)
	o.rootID = root.id
	s.st.addOrg(o, root)
	return s.orgObj(o.id)
}

func (s *Server) deleteOrg(_ *request, args map[string]any) (any, error) {
	if err := s.st.removeOrg(argString(args, "id")); err != nil {
		return nil, err
	}
	return commonMessage(msgDeleted), nil
}

func (s *Server) queryOrgs(_ *request, args map[string]any) (any, error) {
	ids := s.st.orgIDs()
	all := make([]obj, 0, len(ids))
	for _, id := range ids {
		if o, err := s.orgObj(id); err == nil {
			all = append(all, o)
		}
	}
	return paginated(all, args), nil
}

func (s *Server) queryOrg(_ *request, args map[string]any) (any, error) {
	return s.orgObj(argString(args, "id"))
}

func (s *Server) addNode(_ *request, args map[string]any) (any, error) {
	if _, err := s.addNodeOf(args); err != nil {
		return nil, err
	}
	return s.orgObj(argString(args, "orgId"))
}

func (s *Server) addNodeV2(_ *request, args map[string]any) (any, error) {
	id, err := s.addNodeOf(args)
	if err != nil {
		return nil, err
	}
	return s.nodeObj(id), nil
}

// addNodeOf adds the node of addNode's arguments and returns its id.
func (s *Server) addNodeOf(args map[string]any) (string, error) {
	n := s.newNode(argString(args, "orgId"), argString(args, "parentNodeId"), args)
	if err := s.st.addNode(n); err != nil {
		return "", err
	}
	return n.id, nil
}

func (s *Server) nodeByID(_ *request, args map[string]any) (any, error) {
	return s.nodeObj(argString(args, "id")), nil
}

func (s *Server) nodeByCode(_ *request, args map[string]any) (any, error) {
	return s.nodeObj(s.st.nodeIDByCode(argString(args, "orgId"), argString(args, "code"))), nil
}

func (s *Server) updateNode(_ *request, args map[string]any) (any, error) {
	id := argString(args, "id")
	err := s.st.changeNode(id, nodeChange{name: argStringPtr(args, "name"), code: argStringPtr(args, "code"),
		description: argStringPtr(args, "description"), now: timestamp(s.now())})
	if err != nil {
		return nil, err
	}
	return s.nodeObj(id), nil
}

func (s *Server) deleteNode(_ *request, args map[string]any) (any, error) {
	if err := s.st.removeNode(argString(args, "nodeId")); err != nil {
		return nil, err
	}
	return commonMessage(msgDeleted), nil
}

func (s *Server) isRootNode(_ *request, args map[string]any) (any, error) {
	return s.st.isRoot(argString(args, "nodeId"), argString(args, "orgId"))
}

func (s *Server) moveNode(_ *request, args map[string]any) (any, error) {
	if err := s.st.moveNode(argString(args, "nodeId"), argString(args, "targetParentId")); err != nil {
		return nil, err
	}
	return s.orgObj(argString(args, "orgId"))
}

func (s *Server) childrenNodes(_ *request, args map[string]any) (any, error) {
	return s.nodeObjs(s.st.childIDs(argString(args, "nodeId"))), nil
}

func (s *Server) rootNode(_ *request, args map[string]any) (any, error) {
	rootID, _, ok := s.st.orgTree(argString(args, "orgId"))
	if !ok {
		return nil, errOrgNotFound.with(argString(args, "orgId"))
	}
	return s.nodeObj(rootID), nil
}

func (s *Server) searchNodes(_ *request, args map[string]any) (any, error) {
	return s.nodeObjs(s.st.searchNodes(strings.ToLower(argString(args, "keyword")))), nil
}

func (s *Server) addMember(_ *request, args map[string]any) (any, error) {
	return s.setNodeMembers(args, true)
}

func (s *Server) removeMember(_ *request, args map[string]any) (any, error) {
	return s.setNodeMembers(args, false)
}

func (s *Server) setNodeMembers(args map[string]any, add bool) (any, error) {
	leader, _ := argBool(args, "isLeader")
	id, err := s.st.setNodeMembers(nodeMembers{id: argString(args, "nodeId"), code: argString(args, "nodeCode"),
		userIDs: argStrings(args, "userIds"), leader: leader, now: timestamp(s.now())}, add)
	if err != nil {
		return nil, err
	}
	return s.nodeObj(id), nil
}

func (s *Server) moveMembers(_ *request, args map[string]any) (any, error) {
	err := s.st.moveMembers(argString(args, "sourceNodeId"), argString(args, "targetNodeId"),
		argStrings(args, "userIds"), timestamp(s.now()))
	if err != nil {
		return nil, err
	}
	return commonMessage(msgMoved), nil
}

func (s *Server) setMainDepartment(_ *request, args map[string]any) (any, error) {
	if err := s.st.setMainDepartment(argString(args, "userId"), argString(args, "departmentId")); err != nil {
		return nil, err
	}
	return commonMessage(msgSetDone), nil
}

// listOrgsREST is GET /api/v2/orgs: a page of the organizations, each
// with its root node's fields (the JS SDK puts the list beside the count
// of /api/v2/orgs/count).
func (s *Server) listOrgsREST(_ *request, r *http.Request) (any, error) {
	ids := s.st.orgIDs()
	list := make([]map[string]any, 0, len(ids))
	for _, id := range ids {
		if rootID, _, ok := s.st.orgTree(id); ok {
			root, _ := s.st.nodeData(rootID)
			list = append(list, map[string]any{"id": id, "tenantId": nil, "rootNode": root})
		}
	}
	return page(list, queryArgs(r)), nil
}

// countOrgs is GET /api/v2/orgs/count.
func (s *Server) countOrgs(*request, *http.Request) (any, error) {
	return map[string]any{"count": len(s.st.orgIDs())}, nil
}

// exportOrgs answers organization trees as {name, code, children, members}.
func (s *Server) exportOrgs(_ *request, r *http.Request) (any, error) {
	return s.st.exportOrgs(r.URL.Query().Get("org_id"))
}

// importTree is one node of an imported organization.
type importTree struct {
	Name     string        `json:"name"`
	Code     string        `json:"code"`
	Children []*importTree `json:"children"`
}

// importOrg creates an organization from a {name, code, children} tree,
// sent as the official SDKs send it, {filetype: "json", file: tree or the
// tree's JSON text}, or as {data: tree}.
func (s *Server) importOrg(_ *request, r *http.Request) (any, error) {
	var body struct {
		Data     json.RawMessage `json:"data"`
		FileType string          `json:"filetype"`
		File     json.RawMessage `json:"file"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	raw := body.Data
	if len(body.File) > 0 {
		raw = body.File
		var text string
		if json.Unmarshal(body.File, &text) == nil {
			raw = json.RawMessage(text) // the Python SDK sends the JSON as a string
		}
	}
	var t importTree
	if err := json.Unmarshal(raw, &t); err != nil || t.Name == "" {
		return nil, errOrgImportShape
	}
	return map[string]any{"id": s.st.importOrg(&t, timestamp(s.now()))}, nil
}

// The GraphQL objects of organizations: Org, Node and User.departments.

// nodeObj is the GraphQL Node of a node id (nil for none), with its
// argument fields resolved when selected.
func (s *Server) nodeObj(id string) obj {
	o, lineage := s.st.nodeData(id)
	if o == nil {
		return nil
	}
	o["users"] = resolver(func(args map[string]any) (any, error) {
		include, ok := argBool(args, "includeChildrenNodes")
		if !ok {
			include = true
		}
		return paginated(s.userObjs(s.st.nodeMemberIDs(id, include)), args), nil
	})
	// A role given to a node reaches its descendants, as in Authing.
	o["roles"] = resolver(func(args map[string]any) (any, error) {
		ns := argString(args, "namespace")
		all := s.roleObjs(s.st.roleList(func(r *roleRec) bool {
			return slices.ContainsFunc(lineage, func(c string) bool { return r.nodes[c] }) && (ns == "" || r.namespace == ns)
		}))
		return obj{"totalCount": len(all), "list": all}, nil
	})
	o["authorizedResources"] = resolver(func(args map[string]any) (any, error) {
		return s.authorizedResourcesOf("ORG", id, argString(args, "namespace"), argString(args, "resourceType")), nil
	})
	return o
}

func (s *Server) nodeObjs(ids []string) []obj {
	out := make([]obj, len(ids))
	for i, id := range ids {
		out[i] = s.nodeObj(id)
	}
	return out
}

// orgObj is the GraphQL Org.
func (s *Server) orgObj(orgID string) (obj, error) {
	rootID, nodeIDs, ok := s.st.orgTree(orgID)
	if !ok {
		return nil, errOrgNotFound.with(orgID)
	}
	return obj{"id": orgID, "tenantId": nil, "rootNode": s.nodeObj(rootID), "nodes": s.nodeObjs(nodeIDs)}, nil
}

// departmentsOf is User.departments.
func (s *Server) departmentsOf(userID, orgID string) obj {
	deps := s.st.departments(userID, orgID)
	list := make([]obj, len(deps))
	for i, d := range deps {
		list[i] = obj{"department": s.nodeObj(d.nodeID), "isMainDepartment": d.main, "joinedAt": d.joinedAt}
	}
	return obj{"totalCount": len(list), "list": list}
}

// nodeData is the plain fields of a Node and its code, or nil.
// nodeData is the plain fields of the node of id and the codes of the
// nodes from its root down to it (its lineage, which the roles given to
// any of them reach); nil for no node.
func (st *state) nodeData(id string) (obj, []string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	n := st.org.nodes[id]
	if n == nil {
		return nil, nil
	}
	return st.nodeFields(n), st.lineageCodes(n)
}

// lineageCodes are the codes of the nodes from the root down to n; st.mu
// must be held.
func (st *state) lineageCodes(n *nodeRec) []string {
	var codes []string
	for _, p := range st.pathOf(n) {
		if p.code != "" {
			codes = append(codes, p.code)
		}
	}
	return codes
}

// nodeFields is the plain fields of a Node; st.mu must be held.
func (st *state) nodeFields(n *nodeRec) obj {
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

// children is the node's children in creation order; st.mu must be held.
func (st *state) children(nodeID string) []*nodeRec {
	var out []*nodeRec
	for _, n := range st.org.nodes {
		if n.parentID == nodeID {
			out = append(out, n)
		}
	}
	sortNodes(out)
	return out
}

func sortNodes(nodes []*nodeRec) {
	slices.SortFunc(nodes, func(a, b *nodeRec) int { return strings.Compare(a.createdAt+a.id, b.createdAt+b.id) })
}

// pathOf returns the nodes from the root down to n; st.mu must be held.
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

// subtree returns n and all its descendants; st.mu must be held.
func (st *state) subtree(n *nodeRec) []*nodeRec {
	out := []*nodeRec{n}
	for _, c := range st.children(n.id) {
		out = append(out, st.subtree(c)...)
	}
	return out
}

func nodeIDs(nodes []*nodeRec) []string {
	ids := make([]string, len(nodes))
	for i, n := range nodes {
		ids[i] = n.id
	}
	return ids
}

// nodeMemberIDs is the members of a node, and of its descendants when
// include is set, each once.
func (st *state) nodeMemberIDs(id string, include bool) []string {
	st.mu.Lock()
	defer st.mu.Unlock()
	n := st.org.nodes[id]
	if n == nil {
		return nil
	}
	nodes := []*nodeRec{n}
	if include {
		nodes = st.subtree(n)
	}
	var ids []string
	seen := map[string]bool{}
	for _, x := range nodes {
		for _, uid := range x.members {
			if !seen[uid] {
				seen[uid] = true
				ids = append(ids, uid)
			}
		}
	}
	return ids
}

// department is one node a user belongs to.
type department struct {
	nodeID, joinedAt string
	main             bool
}

// departments is the nodes a user belongs to, in join order.
func (st *state) departments(userID, orgID string) []department {
	st.mu.Lock()
	defer st.mu.Unlock()
	var nodes []*nodeRec
	for _, n := range st.org.nodes {
		if slices.Contains(n.members, userID) && (orgID == "" || n.orgID == orgID) {
			nodes = append(nodes, n)
		}
	}
	slices.SortFunc(nodes, func(a, b *nodeRec) int { return strings.Compare(a.joinedAt[userID]+a.id, b.joinedAt[userID]+b.id) })
	out := make([]department, len(nodes))
	for i, n := range nodes {
		out[i] = department{nodeID: n.id, joinedAt: n.joinedAt[userID], main: st.org.mainDept[userID] == n.id}
	}
	return out
}

// The organizations' state methods: each locks the state itself.

func (st *state) addOrg(o *orgRec, root *nodeRec) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.org.orgs[o.id] = o
	st.org.orgOrder = append(st.org.orgOrder, o.id)
	st.org.nodes[root.id] = root
}

func (st *state) removeOrg(id string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	o := st.org.orgs[id]
	if o == nil {
		return errOrgNotFound.with(id)
	}
	for _, n := range st.subtree(st.org.nodes[o.rootID]) {
		delete(st.org.nodes, n.id)
	}
	delete(st.org.orgs, o.id)
	st.org.orgOrder = slices.DeleteFunc(st.org.orgOrder, func(x string) bool { return x == o.id })
	return nil
}

func (st *state) orgIDs() []string {
	st.mu.Lock()
	defer st.mu.Unlock()
	return slices.Clone(st.org.orgOrder)
}

// orgTree is an organization's root and every node, root first.
func (st *state) orgTree(orgID string) (rootID string, ids []string, ok bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	o := st.org.orgs[orgID]
	if o == nil {
		return "", nil, false
	}
	return o.rootID, nodeIDs(st.subtree(st.org.nodes[o.rootID])), true
}

// addNode adds n under its parent, the org's root when it has none.
func (st *state) addNode(n *nodeRec) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	o := st.org.orgs[n.orgID]
	if o == nil {
		return errOrgNotFound.with(n.orgID)
	}
	if n.parentID == "" {
		n.parentID = o.rootID
	}
	if p := st.org.nodes[n.parentID]; p == nil || p.orgID != n.orgID {
		return errNodeNotFound.with(n.parentID)
	}
	st.org.nodes[n.id] = n
	return nil
}

// nodeIDByCode finds a node of an org by its code ("" for none).
func (st *state) nodeIDByCode(orgID, code string) string {
	st.mu.Lock()
	defer st.mu.Unlock()
	found := ""
	for _, n := range st.org.nodes {
		if n.orgID == orgID && n.code == code {
			found = n.id
		}
	}
	return found
}

// node finds a node; st.mu must be held.
func (st *state) node(id string) (*nodeRec, error) {
	n := st.org.nodes[id]
	if n == nil {
		return nil, errNodeNotFound.with(id)
	}
	return n, nil
}

// nodeChange is what updateNode changes; nil leaves a field.
type nodeChange struct {
	name, code, description *string
	now                     string
}

func (st *state) changeNode(id string, c nodeChange) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	n, err := st.node(id)
	if err != nil {
		return err
	}
	for _, f := range []struct {
		dst *string
		v   *string
	}{{&n.name, c.name}, {&n.code, c.code}, {&n.description, c.description}} {
		if f.v != nil {
			*f.dst = *f.v
		}
	}
	n.updatedAt = c.now
	return nil
}

// removeNode deletes a node and its subtree; a root cannot go.
func (st *state) removeNode(id string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	n, err := st.node(id)
	if err != nil {
		return err
	}
	if n.parentID == "" {
		return errDeleteRootNode
	}
	for _, x := range st.subtree(n) {
		delete(st.org.nodes, x.id)
	}
	return nil
}

func (st *state) isRoot(nodeID, orgID string) (bool, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	n, err := st.node(nodeID)
	if err != nil {
		return false, err
	}
	return n.parentID == "" && n.orgID == orgID, nil
}

// moveNode puts a node under another, not under its own subtree.
func (st *state) moveNode(nodeID, targetID string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	n, err := st.node(nodeID)
	if err != nil {
		return err
	}
	target, err := st.node(targetID)
	if err != nil {
		return err
	}
	if slices.Contains(st.subtree(n), target) {
		return errMoveUnderSelf
	}
	n.parentID = target.id
	return nil
}

func (st *state) childIDs(nodeID string) []string {
	st.mu.Lock()
	defer st.mu.Unlock()
	return nodeIDs(st.children(nodeID))
}

// searchNodes finds nodes whose name holds kw (lower case).
func (st *state) searchNodes(kw string) []string {
	st.mu.Lock()
	defer st.mu.Unlock()
	var found []*nodeRec
	for _, n := range st.org.nodes {
		if strings.Contains(strings.ToLower(n.name), kw) {
			found = append(found, n)
		}
	}
	sortNodes(found)
	return nodeIDs(found)
}

// nodeMembers is a change of a node's members: the node by id or code.
type nodeMembers struct {
	id, code string
	userIDs  []string
	leader   bool
	now      string
}

// setNodeMembers adds or removes users of a node and returns its id.
func (st *state) setNodeMembers(m nodeMembers, add bool) (string, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if m.id == "" {
		for _, n := range st.org.nodes {
			if n.code != "" && n.code == m.code {
				m.id = n.id
			}
		}
	}
	n, err := st.node(m.id)
	if err != nil {
		return "", err
	}
	for _, uid := range m.userIDs {
		if st.users[uid] == nil {
			return "", errUserNotFound
		}
		if add && !slices.Contains(n.members, uid) {
			n.members = append(n.members, uid)
			n.joinedAt[uid] = m.now
			if m.leader {
				n.leaders[uid] = true
			}
		} else if !add {
			n.members = slices.DeleteFunc(n.members, func(x string) bool { return x == uid })
			if st.org.mainDept[uid] == n.id {
				delete(st.org.mainDept, uid)
			}
		}
	}
	return n.id, nil
}

// moveMembers moves users of one node to another.
func (st *state) moveMembers(fromID, toID string, userIDs []string, now string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	from, err := st.node(fromID)
	if err != nil {
		return err
	}
	to, err := st.node(toID)
	if err != nil {
		return err
	}
	for _, uid := range userIDs {
		if !slices.Contains(from.members, uid) {
			continue
		}
		from.members = slices.DeleteFunc(from.members, func(x string) bool { return x == uid })
		if !slices.Contains(to.members, uid) {
			to.members = append(to.members, uid)
			to.joinedAt[uid] = now
		}
	}
	return nil
}

// setMainDepartment sets (or, with dept "", clears) a user's main node.
func (st *state) setMainDepartment(uid, dept string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.users[uid] == nil {
		return errUserNotFound
	}
	if dept == "" {
		delete(st.org.mainDept, uid)
		return nil
	}
	n, err := st.node(dept)
	if err != nil {
		return err
	}
	if !slices.Contains(n.members, uid) {
		return errUserNotInNode
	}
	st.org.mainDept[uid] = dept
	st.users[uid].profile["mainDepartmentId"] = dept
	return nil
}

// exportOrgs is every organization's tree, or orgID's.
func (st *state) exportOrgs(orgID string) (any, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := []any{}
	for _, id := range st.org.orgOrder {
		if orgID == "" || orgID == id {
			out = append(out, st.exportNode(st.org.nodes[st.org.orgs[id].rootID]))
		}
	}
	if orgID != "" && len(out) == 0 {
		return nil, errOrgNotFound.with(orgID)
	}
	return out, nil
}

// exportNode is {name, code, children, members}; st.mu must be held.
func (st *state) exportNode(n *nodeRec) map[string]any {
	kids := []any{}
	for _, c := range st.children(n.id) {
		kids = append(kids, st.exportNode(c))
	}
	members := []any{}
	for _, uid := range n.members {
		if u := st.users[uid]; u != nil {
			members = append(members, map[string]any{"id": uid, "username": u.profile["username"]})
		}
	}
	return map[string]any{"name": n.name, "code": n.code, "children": kids, "members": members}
}

// importOrg adds an organization of the tree and returns its id.
func (st *state) importOrg(t *importTree, now string) string {
	st.mu.Lock()
	defer st.mu.Unlock()
	o := &orgRec{id: newID()}
	o.rootID = st.importNode(o.id, "", t, now)
	st.org.orgs[o.id] = o
	st.org.orgOrder = append(st.org.orgOrder, o.id)
	return o.id
}

// importNode adds t under parent; st.mu must be held.
func (st *state) importNode(orgID, parent string, t *importTree, now string) string {
	n := &nodeRec{id: newID(), orgID: orgID, parentID: parent, name: t.Name, code: t.Code, createdAt: now, updatedAt: now,
		leaders: map[string]bool{}, joinedAt: map[string]string{}}
	st.org.nodes[n.id] = n
	for _, c := range t.Children {
		if c != nil {
			st.importNode(orgID, n.id, c, now)
		}
	}
	return n.id
}
