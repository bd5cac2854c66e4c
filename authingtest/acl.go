package authingtest

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// Access control: grants of resource actions to targets, their checks,
// and the namespaces and resources they are about. GraphQL allow,
// isActionAllowed, isActionDenied, authorizeResource, authorizedResources
// and authorizedTargets; the acl, resource-namespace and resources REST
// routes.

// aclAPI is the access control area's table.
func (s *Server) aclAPI() api {
	return api{
		query: map[string]rootResolver{
			"isActionAllowed": adminOnly(s.isActionAllowed), "isActionDenied": adminOnly(s.isActionDenied),
			"authorizedResources": adminOnly(s.queryAuthorizedResources),
			"authorizedTargets":   adminOnly(s.authorizedTargets),
		},
		mutation: map[string]rootResolver{"allow": adminOnly(s.allow), "authorizeResource": adminOnly(s.authorizeResource)},
		routes: []route{
			{"POST /api/v2/acl/check-resource-permission-batch", s.admin(s.checkPermissionBatch)},
			{"POST /api/v2/acl/get-authorized-resources-of-resource-kind", s.admin(s.resourcesOfKind)},
			{"POST /api/v2/acl/revoke-resource", s.admin(s.revokeResource)},
			{"POST /api/v2/acl/is-allowed", s.admin(s.isAllowedREST)},
			{"POST /api/v2/acl/authorize-resources", s.admin(s.authorizeResources)},
			{"POST /api/v2/acl/revoke-resources", s.admin(s.revokeResources)},
			{"POST /api/v2/acl/list-authorized-resources-batch", s.admin(s.authorizedResourcesBatch)},
			{"PUT /api/v2/resource-namespace/{pool}/code/{code}", s.admin(s.updateNamespaceByCode)},
			{"DELETE /api/v2/resource-namespace/{pool}/code/{code}", s.admin(s.deleteNamespaceByCode)},
			{"POST /api/v2/resource-namespace/{pool}", s.admin(s.createNamespace)},
			{"PUT /api/v2/resource-namespace/{pool}/{id}", s.admin(s.updateNamespace)},
			{"GET /api/v2/resource-namespace/{pool}", s.admin(s.listNamespaces)},
			{"DELETE /api/v2/resource-namespace/{pool}/{id}", s.admin(s.deleteNamespace)},
			{"POST /api/v2/resources", s.admin(s.createResource)},
			{"GET /api/v2/resources", s.admin(s.listResources)},
			{"GET /api/v2/resources/detail", s.admin(s.resourceDetail)},
			{"POST /api/v2/resources/bulk", s.admin(s.bulkCreateResources)},
			{"POST /api/v2/resources/{code}", s.admin(s.updateResource)},
			{"DELETE /api/v2/resources/{code}", s.admin(s.deleteResource)},
		},
	}
}

type namespaceRec struct {
	ID          int     `json:"id"`
	Code        string  `json:"code"`
	Name        string  `json:"name"`
	Description string  `json:"description"`
	UserPoolID  string  `json:"userPoolId"`
	Status      int     `json:"status"`
	AppID       *string `json:"appId"`
	AppName     *string `json:"appName"`
}

type resourceAction struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

type resourceRec struct {
	ID            string           `json:"id"`
	Namespace     string           `json:"namespace"`
	NamespaceID   int              `json:"namespaceId"`
	Code          string           `json:"code"`
	Type          string           `json:"type"`
	Description   string           `json:"description"`
	Actions       []resourceAction `json:"actions"`
	APIIdentifier *string          `json:"apiIdentifier"`
	UserPoolID    string           `json:"userPoolId"`
	CreatedAt     string           `json:"createdAt"`
	UpdatedAt     string           `json:"updatedAt"`
}

// grantRec lets a target act on a resource of a namespace.
type grantRec struct {
	namespace, resource, resourceType string
	targetType, targetID              string
	actions                           []string
}

func (s *Server) allow(_ *request, args map[string]any) (any, error) {
	ns, resource, action := nsOrDefault(argString(args, "namespace")), argString(args, "resource"), argString(args, "action")
	if resource == "" || action == "" {
		return nil, errIncomplete
	}
	var targets []grantTarget
	for _, u := range append(argStrings(args, "userIds"), argString(args, "userId")) {
		targets = append(targets, grantTarget{"USER", u, []string{action}})
	}
	for _, r := range append(argStrings(args, "roleCodes"), argString(args, "roleCode")) {
		targets = append(targets, grantTarget{"ROLE", r, []string{action}})
	}
	targets = slices.DeleteFunc(targets, func(t grantTarget) bool { return t.id == "" })
	s.st.grant(ns, resource, "", targets)
	return commonMessage(msgAuthorized), nil
}

func (s *Server) isActionAllowed(_ *request, args map[string]any) (any, error) {
	allowed, _, err := s.st.decideFor(argString(args, "userId"), argString(args, "namespace"),
		argString(args, "resource"), argString(args, "action"))
	return allowed, err
}

func (s *Server) isActionDenied(_ *request, args map[string]any) (any, error) {
	_, denied, err := s.st.decideFor(argString(args, "userId"), argString(args, "namespace"),
		argString(args, "resource"), argString(args, "action"))
	return denied, err
}

func (s *Server) authorizeResource(_ *request, args map[string]any) (any, error) {
	ns, resource := nsOrDefault(argString(args, "namespace")), argString(args, "resource")
	if resource == "" {
		return nil, errIncomplete
	}
	var targets []grantTarget
	for _, o := range argObjects(args, "opts") {
		targets = append(targets, grantTarget{argString(o, "targetType"), argString(o, "targetIdentifier"), argStrings(o, "actions")})
	}
	s.st.grant(ns, resource, argString(args, "resourceType"), targets)
	return commonMessage(msgAuthorized), nil
}

func (s *Server) queryAuthorizedResources(_ *request, args map[string]any) (any, error) {
	return s.authorizedResourcesOf(argString(args, "targetType"), argString(args, "targetIdentifier"),
		argString(args, "namespace"), argString(args, "resourceType")), nil
}

func (s *Server) authorizedTargets(_ *request, args map[string]any) (any, error) {
	filter := argObject(args, "actions")
	list := s.st.grantedTargets(nsOrDefault(argString(args, "namespace")), argString(args, "resource"),
		argString(args, "targetType"), argStrings(filter, "list"), argString(filter, "op"))
	return obj{"totalCount": len(list), "list": list}, nil
}

// authorizedResourcesOf lists what a target may act on, with actions; in
// every namespace when namespace is "", as Authing does.
func (s *Server) authorizedResourcesOf(targetType, targetID, namespace, resourceType string) obj {
	list := s.st.authorizedResources(targetType, targetID, namespace, resourceType)
	return obj{"totalCount": len(list), "list": list}
}

func (s *Server) checkPermissionBatch(_ *request, r *http.Request) (any, error) {
	var body struct {
		UserID    string   `json:"userId"`
		Namespace string   `json:"namespace"`
		Resources []string `json:"resources"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	if s.st.userProfile(body.UserID) == nil {
		return nil, errUserNotFound
	}
	// Authing answers the permitted resources only, each {code, actions}
	// with the actions granted among those asked, in the order asked.
	out := []obj{}
	byCode := map[string]obj{}
	for _, res := range body.Resources {
		resource, action := splitPermission(res)
		allowed, _, err := s.st.decideFor(body.UserID, body.Namespace, resource, action)
		if err != nil {
			return nil, err
		}
		if !allowed {
			continue
		}
		o := byCode[resource]
		if o == nil {
			o = obj{"code": resource, "actions": []string{}}
			byCode[resource] = o
			out = append(out, o)
		}
		if acts := o["actions"].([]string); !slices.Contains(acts, action) {
			o["actions"] = append(acts, action)
		}
	}
	return out, nil
}

// splitPermission reads "books:1:read" as action "books:read" on resource
// "books:1", as the official SDKs write a permission to check.
func splitPermission(p string) (resource, action string) {
	parts := strings.Split(p, ":")
	if len(parts) < 3 {
		return p, ""
	}
	return strings.Join(parts[:len(parts)-1], ":"), parts[0] + ":" + parts[len(parts)-1]
}

func (s *Server) resourcesOfKind(_ *request, r *http.Request) (any, error) {
	var body struct {
		UserID    string `json:"userId"`
		Namespace string `json:"namespace"`
		Resource  string `json:"resource"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	// Authing answers {code, actions} for each resource of the kind.
	out := []obj{}
	for _, o := range s.st.authorizedResources("USER", body.UserID, nsOrDefault(body.Namespace), "") {
		if code := str(o["code"]); resourceCode(code) == body.Resource {
			out = append(out, obj{"code": code, "actions": o["actions"]})
		}
	}
	return out, nil
}

func (s *Server) revokeResource(_ *request, r *http.Request) (any, error) {
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
	for _, o := range body.Opts {
		ids := o.TargetIdentifiers
		if o.TargetIdentifier != "" {
			ids = append(ids, o.TargetIdentifier)
		}
		s.st.revokeGrants(nsOrDefault(body.Namespace), body.Resource, o.TargetType, ids)
	}
	return nil, nil
}

// isAllowedREST is POST /api/v2/acl/is-allowed: {allowed}.
func (s *Server) isAllowedREST(_ *request, r *http.Request) (any, error) {
	var body struct {
		UserID, Resource, Action, Namespace string
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	allowed, _, err := s.st.decideFor(body.UserID, body.Namespace, body.Resource, body.Action)
	if err != nil {
		return nil, err
	}
	return map[string]any{"allowed": allowed}, nil
}

// resourcesGrant is the body of authorize-resources and revoke-resources:
// for each group of targets, resources with their actions.
type resourcesGrant struct {
	Namespace string `json:"namespace"`
	Opts      []struct {
		TargetType        string   `json:"targetType"`
		TargetIdentifiers []string `json:"targetIdentifiers"`
		Resources         []struct {
			Code         string   `json:"code"`
			Actions      []string `json:"actions"`
			ResourceType string   `json:"resourceType"`
		} `json:"resources"`
	} `json:"opts"`
}

// authorizeResources grants each group of targets its resources' actions.
func (s *Server) authorizeResources(_ *request, r *http.Request) (any, error) {
	var body resourcesGrant
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	ns := nsOrDefault(body.Namespace)
	for _, o := range body.Opts {
		for _, res := range o.Resources {
			if res.Code == "" {
				return nil, errIncomplete
			}
			var targets []grantTarget
			for _, id := range o.TargetIdentifiers {
				targets = append(targets, grantTarget{o.TargetType, id, res.Actions})
			}
			s.st.grant(ns, res.Code, res.ResourceType, targets)
		}
	}
	return nil, nil
}

// revokeResources removes each group of targets' grants on the resources.
func (s *Server) revokeResources(_ *request, r *http.Request) (any, error) {
	var body resourcesGrant
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	ns := nsOrDefault(body.Namespace)
	for _, o := range body.Opts {
		for _, res := range o.Resources {
			s.st.revokeGrants(ns, res.Code, o.TargetType, o.TargetIdentifiers)
		}
	}
	return nil, nil
}

// authorizedResourcesBatch answers, for each target, what it may act on:
// an array with one {targetType, targetIdentifier, totalCount, list} per
// target, as the JS SDK's spec reads it against the cloud.
func (s *Server) authorizedResourcesBatch(_ *request, r *http.Request) (any, error) {
	var body struct {
		Namespace    string `json:"namespace"`
		ResourceType string `json:"resourceType"`
		Targets      []struct {
			TargetType       string `json:"targetType"`
			TargetIdentifier string `json:"targetIdentifier"`
		} `json:"targets"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	out := []map[string]any{}
	for _, t := range body.Targets {
		list := s.st.authorizedResources(t.TargetType, t.TargetIdentifier, nsOrDefault(body.Namespace), body.ResourceType)
		out = append(out, map[string]any{"targetType": t.TargetType, "targetIdentifier": t.TargetIdentifier,
			"totalCount": len(list), "list": list})
	}
	return out, nil
}

func (s *Server) checkPool(r *http.Request) error {
	if r.PathValue("pool") != s.UserPoolID {
		return errPoolNotFound
	}
	return nil
}

func (s *Server) createNamespace(_ *request, r *http.Request) (any, error) {
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
	ns.UserPoolID, ns.Status = s.UserPoolID, 1
	return s.st.addNamespace(ns)
}

func (s *Server) updateNamespace(_ *request, r *http.Request) (any, error) {
	var body struct {
		Code, Name, Description *string
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	if err := s.checkPool(r); err != nil {
		return nil, err
	}
	ns, err := s.st.changeNamespace(r.PathValue("id"), body.Code, body.Name, body.Description)
	return ns, namespaceAbsent(err, errNamespaceUpdateAbsent)
}

// namespaceAbsent gives an unknown namespace the code of the operation
// (update or delete) the cloud answers it with.
func namespaceAbsent(err error, as *message) error {
	var m *apiError
	if errors.As(err, &m) && m.msg == errNamespaceNotFound {
		return as.with(m.args...)
	}
	return err
}

// updateNamespaceByCode is the JS SDK's namespace update, by code.
func (s *Server) updateNamespaceByCode(_ *request, r *http.Request) (any, error) {
	var body struct {
		Code, Name, Description *string
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	if err := s.checkPool(r); err != nil {
		return nil, err
	}
	id, err := s.st.namespaceIDByCode(r.PathValue("code"))
	if err != nil {
		return nil, namespaceAbsent(err, errNamespaceUpdateAbsent)
	}
	ns, err := s.st.changeNamespace(id, body.Code, body.Name, body.Description)
	return ns, namespaceAbsent(err, errNamespaceUpdateAbsent)
}

// deleteNamespaceByCode is the JS SDK's namespace deletion, by code.
func (s *Server) deleteNamespaceByCode(_ *request, r *http.Request) (any, error) {
	if err := s.checkPool(r); err != nil {
		return nil, err
	}
	id, err := s.st.namespaceIDByCode(r.PathValue("code"))
	if err != nil {
		return nil, namespaceAbsent(err, errNamespaceDeleteAbsent)
	}
	return nil, namespaceAbsent(s.st.removeNamespace(id), errNamespaceDeleteAbsent)
}

func (s *Server) listNamespaces(_ *request, r *http.Request) (any, error) {
	if err := s.checkPool(r); err != nil {
		return nil, err
	}
	return restPage(s.st.namespaceList(), r), nil
}

func (s *Server) deleteNamespace(_ *request, r *http.Request) (any, error) {
	if err := s.checkPool(r); err != nil {
		return nil, err
	}
	return nil, namespaceAbsent(s.st.removeNamespace(r.PathValue("id")), errNamespaceDeleteAbsent)
}

func (s *Server) createResource(_ *request, r *http.Request) (any, error) {
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
	return s.st.addResource(res)
}

// bulkCreateResources creates several resources at once: all of them, or
// none when one exists already.
func (s *Server) bulkCreateResources(_ *request, r *http.Request) (any, error) {
	var body struct {
		Bulk []resourceRec `json:"bulk"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	now := timestamp(s.now())
	for i := range body.Bulk {
		res := &body.Bulk[i]
		if res.Code == "" {
			return nil, errIncomplete
		}
		res.Namespace = nsOrDefault(res.Namespace)
		if res.Type == "" {
			res.Type = "DATA"
		}
		if res.Actions == nil {
			res.Actions = []resourceAction{}
		}
		res.ID, res.UserPoolID, res.CreatedAt, res.UpdatedAt = newID(), s.UserPoolID, now, now
	}
	return s.st.addResources(body.Bulk)
}

func (s *Server) updateResource(_ *request, r *http.Request) (any, error) {
	var body resourceChange
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	return s.st.changeResource(r.PathValue("code"), body, timestamp(s.now()))
}

func (s *Server) listResources(_ *request, r *http.Request) (any, error) {
	q := r.URL.Query()
	all := s.st.resourceList(func(res *resourceRec) bool {
		return (q.Get("namespace") == "" || res.Namespace == q.Get("namespace")) && (q.Get("type") == "" || res.Type == q.Get("type"))
	})
	return restPage(all, r), nil
}

func (s *Server) resourceDetail(_ *request, r *http.Request) (any, error) {
	q := r.URL.Query()
	found := s.st.resourceList(func(res *resourceRec) bool {
		return (q.Get("id") != "" && res.ID == q.Get("id")) ||
			(q.Get("id") == "" && res.Namespace == q.Get("namespace") && res.Code == q.Get("code"))
	})
	if len(found) == 0 {
		return nil, errResourceNotFound.with(q.Get("code"))
	}
	return found[0], nil
}

func (s *Server) deleteResource(_ *request, r *http.Request) (any, error) {
	return nil, s.st.removeResource(r.URL.Query().Get("namespace"), r.PathValue("code"))
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

// matches reports whether a pattern with "*" wildcards matches s:
// "books:*" matches "books:1", "*" matches anything.
func matches(pattern, s string) bool {
	if pattern == "*" || pattern == s {
		return true
	}
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(s, prefix)
	}
	return false
}

// resourceCode is the resource part of "books:1" style identifiers.
func resourceCode(resource string) string {
	code, _, _ := strings.Cut(resource, ":")
	return code
}

// grantTarget is a target given actions on a resource.
type grantTarget struct {
	targetType, id string
	actions        []string
}

// grant adds actions for targets on a resource.
func (st *state) grant(ns, resource, resourceType string, targets []grantTarget) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, t := range targets {
		st.addGrant(ns, resource, resourceType, t.targetType, t.id, t.actions)
	}
}

// addGrant adds actions for a target on a resource, merging with an
// existing grant of the same target; st.mu must be held.
func (st *state) addGrant(ns, resource, resourceType, targetType, targetID string, actions []string) {
	for _, g := range st.grants {
		if g.namespace == ns && g.resource == resource && g.targetType == targetType && g.targetID == targetID {
			for _, a := range actions {
				if !slices.Contains(g.actions, a) {
					g.actions = append(g.actions, a)
				}
			}
			return
		}
	}
	if resourceType == "" {
		resourceType = "DATA"
		if r := st.findResource(ns, resourceCode(resource)); r != nil {
			resourceType = r.Type
		}
	}
	st.grants = append(st.grants, &grantRec{namespace: ns, resource: resource, resourceType: resourceType,
		targetType: targetType, targetID: targetID, actions: slices.Clone(actions)})
}

// revokeGrants removes grants on resource for the given targets; a
// resource kind ("books", no ":") also removes the grants on each resource
// of that kind ("books:1", "books:*"), as Authing does.
func (st *state) revokeGrants(ns, resource, targetType string, targetIDs []string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	ids := toSet(targetIDs)
	kind := !strings.Contains(resource, ":")
	st.grants = slices.DeleteFunc(st.grants, func(g *grantRec) bool {
		hit := g.resource == resource || (kind && resourceCode(g.resource) == resource)
		return g.namespace == ns && hit && g.targetType == targetType && ids[g.targetID]
	})
}

// grantedTargets lists the targets granted on a resource whose actions
// pass the filter (any of want, or all with op "AND").
func (st *state) grantedTargets(ns, resource, targetType string, want []string, op string) []obj {
	st.mu.Lock()
	defer st.mu.Unlock()
	list := []obj{}
	for _, g := range st.grants {
		if g.namespace != ns || g.resource != resource || (targetType != "" && g.targetType != targetType) {
			continue
		}
		if len(want) > 0 {
			hits := 0
			for _, a := range want {
				if slices.Contains(g.actions, a) {
					hits++
				}
			}
			if (op == "AND" && hits < len(want)) || hits == 0 {
				continue
			}
		}
		list = append(list, obj{"targetType": g.targetType, "targetIdentifier": g.targetID, "actions": slices.Clone(g.actions)})
	}
	return list
}

// decideFor decides for a user who must exist.
func (st *state) decideFor(userID, namespace, resource, action string) (allowed, denied bool, err error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.users[userID] == nil {
		return false, false, errUserNotFound
	}
	allowed, denied = st.decide(userID, namespace, resource, action)
	return allowed, denied, nil
}

// principals are the targets a user acts as: itself, its roles, its
// groups, its org nodes and their roles; st.mu must be held.
func (st *state) principals(userID, namespace string) map[string]bool {
	p := map[string]bool{"USER/" + userID: true}
	for _, r := range st.roles {
		if r.users[userID] && (namespace == "" || r.namespace == namespace) {
			p["ROLE/"+r.code] = true
		}
	}
	for _, g := range st.groups {
		if g.users[userID] {
			p["GROUP/"+g.code] = true
		}
	}
	for _, n := range st.org.nodes {
		if !slices.Contains(n.members, userID) {
			continue
		}
		// Authing names an org node by its id; a code is accepted too.
		for k := range st.nodeKeys(n) {
			p[k] = true
		}
		lineage := st.lineageCodes(n)
		for _, r := range st.roles {
			if slices.ContainsFunc(lineage, func(c string) bool { return r.nodes[c] }) && (namespace == "" || r.namespace == namespace) {
				p["ROLE/"+r.code] = true
			}
		}
	}
	return p
}

// nodeKeys are the principal keys of an org node: "ORG/" and its id, and
// its code when it has one; st.mu must be held.
func (st *state) nodeKeys(n *nodeRec) map[string]bool {
	keys := map[string]bool{"ORG/" + n.id: true}
	if n.code != "" {
		keys["ORG/"+n.code] = true
	}
	return keys
}

// decide evaluates grants and enabled policy assignments for a user:
// a DENY statement wins over any allow; st.mu must be held.
func (st *state) decide(userID, namespace, resource, action string) (allowed, denied bool) {
	ns := nsOrDefault(namespace)
	who := st.principals(userID, ns)
	for _, g := range st.grants {
		if g.namespace == ns && who[g.targetType+"/"+g.targetID] && matches(g.resource, resource) &&
			slices.ContainsFunc(g.actions, func(a string) bool { return matches(a, action) }) {
			allowed = true
		}
	}
	for _, a := range st.assignments {
		if !a.enabled || !who[a.targetType+"/"+a.targetID] {
			continue
		}
		if p := st.policies[a.namespace+"/"+a.policy]; p != nil {
			allow, deny := statementsDecide(p.statements, resource, action)
			allowed, denied = allowed || allow, denied || deny
		}
	}
	return allowed && !denied, denied
}

// statementsDecide is what a policy's statements say about an action.
func statementsDecide(statements []any, resource, action string) (allowed, denied bool) {
	for _, stmt := range statementObjs(statements) {
		if !matches(str(stmt["resource"]), resource) {
			continue
		}
		acts, _ := stmt["actions"].([]any)
		for _, act := range acts {
			if matches(str(act), action) {
				if stmt["effect"] == "DENY" {
					denied = true
				} else {
					allowed = true
				}
			}
		}
	}
	return allowed, denied
}

// authorizedResources lists what a target may act on, each resource once
// with its actions merged: a user's through its roles, groups and org
// nodes, and in every namespace when ns is "".
func (st *state) authorizedResources(targetType, targetID, ns, resourceType string) []obj {
	st.mu.Lock()
	defer st.mu.Unlock()
	who := st.targetKeys(targetType, targetID, ns)
	merged := map[string]obj{}
	list := []obj{}
	for _, g := range st.grants {
		if (ns != "" && g.namespace != ns) || !who[g.targetType+"/"+g.targetID] || (resourceType != "" && g.resourceType != resourceType) {
			continue
		}
		key := g.namespace + "\x00" + g.resource
		o := merged[key]
		if o == nil {
			o = obj{"code": g.resource, "type": g.resourceType, "actions": []string{}, "apiIdentifier": nil}
			if r := st.findResource(g.namespace, resourceCode(g.resource)); r != nil && r.APIIdentifier != nil {
				o["apiIdentifier"] = *r.APIIdentifier
			}
			merged[key] = o
			list = append(list, o)
		}
		acts := o["actions"].([]string)
		for _, a := range g.actions {
			if !slices.Contains(acts, a) {
				acts = append(acts, a)
			}
		}
		o["actions"] = acts
	}
	return list
}

// targetKeys are the principal keys grants to a target are found by: a
// user's principals, both keys of an org node, or the target itself;
// st.mu must be held.
func (st *state) targetKeys(targetType, targetID, ns string) map[string]bool {
	switch targetType {
	case "USER":
		return st.principals(targetID, ns)
	case "ORG":
		for _, n := range st.org.nodes {
			if n.id == targetID || (n.code != "" && n.code == targetID) {
				return st.nodeKeys(n)
			}
		}
	}
	return map[string]bool{targetType + "/" + targetID: true}
}

func (st *state) addNamespace(ns namespaceRec) (namespaceRec, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	ns.ID = len(st.namespaces) + 1
	for _, old := range st.namespaces {
		if old.Code == ns.Code {
			return namespaceRec{}, errNamespaceExists.with(ns.Code)
		}
		ns.ID = max(ns.ID, old.ID+1)
	}
	st.namespaces = append(st.namespaces, &ns)
	return ns, nil
}

// namespaceIndex finds a namespace by its id as a path has it; st.mu
// must be held.
func (st *state) namespaceIndex(idText string) (int, error) {
	id, err := strconv.Atoi(idText)
	if err != nil {
		return 0, errNamespaceNotFound.with(idText)
	}
	for i, ns := range st.namespaces {
		if ns.ID == id {
			return i, nil
		}
	}
	return 0, errNamespaceNotFound.with(id)
}

func (st *state) changeNamespace(id string, code, name, description *string) (namespaceRec, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	i, err := st.namespaceIndex(id)
	if err != nil {
		return namespaceRec{}, err
	}
	ns := st.namespaces[i]
	for _, f := range []struct{ dst, v *string }{{&ns.Code, code}, {&ns.Name, name}, {&ns.Description, description}} {
		if f.v != nil {
			*f.dst = *f.v
		}
	}
	return *ns, nil
}

// namespaceIDByCode is the id, as a path has it, of the namespace code.
func (st *state) namespaceIDByCode(code string) (string, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, ns := range st.namespaces {
		if ns.Code == code {
			return strconv.Itoa(ns.ID), nil
		}
	}
	return "", errNamespaceNotFound.with(code)
}

func (st *state) namespaceList() []namespaceRec {
	st.mu.Lock()
	defer st.mu.Unlock()
	all := make([]namespaceRec, len(st.namespaces))
	for i, ns := range st.namespaces {
		all[i] = *ns
	}
	return all
}

func (st *state) removeNamespace(id string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	i, err := st.namespaceIndex(id)
	if err != nil {
		return err
	}
	st.namespaces = slices.Delete(st.namespaces, i, i+1)
	return nil
}

// findResource finds a resource; st.mu must be held.
func (st *state) findResource(namespace, code string) *resourceRec {
	for _, r := range st.resources {
		if r.Namespace == namespace && r.Code == code {
			return r
		}
	}
	return nil
}

func (st *state) addResource(res resourceRec) (resourceRec, error) {
	added, err := st.addResources([]resourceRec{res})
	if err != nil {
		return resourceRec{}, err
	}
	return added[0], nil
}

// addResources adds resources, none if one of them exists already.
func (st *state) addResources(list []resourceRec) ([]resourceRec, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	seen := map[string]bool{}
	for _, res := range list {
		key := res.Namespace + "/" + res.Code
		if st.findResource(res.Namespace, res.Code) != nil || seen[key] {
			return nil, errResourceExists.with(res.Code)
		}
		seen[key] = true
	}
	out := make([]resourceRec, len(list))
	for i, res := range list {
		for _, ns := range st.namespaces {
			if ns.Code == res.Namespace {
				res.NamespaceID = ns.ID
			}
		}
		st.resources = append(st.resources, &res)
		out[i] = res
	}
	return out, nil
}

// resourceChange is the body of a resource update; nil leaves a field.
type resourceChange struct {
	Namespace     string            `json:"namespace"`
	Type          *string           `json:"type"`
	Description   *string           `json:"description"`
	Actions       *[]resourceAction `json:"actions"`
	APIIdentifier *string           `json:"apiIdentifier"`
}

func (st *state) changeResource(code string, c resourceChange, now string) (resourceRec, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	res := st.findResource(c.Namespace, code)
	if res == nil {
		return resourceRec{}, errResourceNotFound.with(code)
	}
	if c.Type != nil {
		res.Type = *c.Type
	}
	if c.Description != nil {
		res.Description = *c.Description
	}
	if c.Actions != nil {
		res.Actions = *c.Actions
	}
	if c.APIIdentifier != nil {
		res.APIIdentifier = c.APIIdentifier
	}
	res.UpdatedAt = now
	return *res, nil
}

// resourceList returns copies of the resources keep accepts.
func (st *state) resourceList(keep func(*resourceRec) bool) []resourceRec {
	st.mu.Lock()
	defer st.mu.Unlock()
	all := []resourceRec{}
	for _, res := range st.resources {
		if keep(res) {
			all = append(all, *res)
		}
	}
	return all
}

func (st *state) removeResource(ns, code string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	for i, res := range st.resources {
		if res.Namespace == ns && res.Code == code {
			st.resources = slices.Delete(st.resources, i, i+1)
			return nil
		}
	}
	return errResourceNotFound.with(code)
}
