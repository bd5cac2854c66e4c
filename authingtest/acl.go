package authingtest

import (
	"slices"
	"strings"
)

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

// principals are the targets a user acts as: itself, its roles, its groups.
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
	// Members of an organization node act as that node, and hold the
	// roles given to it.
	for _, n := range st.org.nodes {
		if n.code != "" && slices.Contains(n.members, userID) {
			p["ORG/"+n.code] = true
			for _, r := range st.roles {
				if r.nodes[n.code] && (namespace == "" || r.namespace == namespace) {
					p["ROLE/"+r.code] = true
				}
			}
		}
	}
	return p
}

// decide evaluates grants and enabled policy assignments for a user:
// a DENY statement wins over any allow.
func (st *state) decide(userID, namespace, resource, action string) (allowed, denied bool) {
	ns := nsOrDefault(namespace)
	who := st.principals(userID, ns)
	for _, g := range st.grants {
		if g.namespace == ns && who[g.targetType+"/"+g.targetID] && matches(g.resource, resource) {
			for _, a := range g.actions {
				if matches(a, action) {
					allowed = true
				}
			}
		}
	}
	for _, a := range st.assignments {
		if !a.enabled || !who[a.targetType+"/"+a.targetID] {
			continue
		}
		p := st.policies[a.namespace+"/"+a.policy]
		if p == nil {
			continue
		}
		for _, stmt := range statementObjs(p.statements) {
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
	}
	return allowed && !denied, denied
}

// authorizedResourcesOf lists what a target may act on, with actions.
func (s *Server) authorizedResourcesOf(targetType, targetID, namespace, resourceType string) obj {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	ns := nsOrDefault(namespace)
	who := map[string]bool{targetType + "/" + targetID: true}
	if targetType == "USER" {
		who = s.st.principals(targetID, ns)
	}
	merged := map[string]obj{}
	var order []string
	for _, g := range s.st.grants {
		if g.namespace != ns || !who[g.targetType+"/"+g.targetID] || (resourceType != "" && g.resourceType != resourceType) {
			continue
		}
		o := merged[g.resource]
		if o == nil {
			o = obj{"code": g.resource, "type": g.resourceType, "actions": []string{}, "apiIdentifier": nil}
			if r := s.st.findResource(ns, resourceCode(g.resource)); r != nil && r.APIIdentifier != nil {
				o["apiIdentifier"] = *r.APIIdentifier
			}
			merged[g.resource] = o
			order = append(order, g.resource)
		}
		acts := o["actions"].([]string)
		for _, a := range g.actions {
			if !slices.Contains(acts, a) {
				acts = append(acts, a)
			}
		}
		o["actions"] = acts
	}
	list := make([]obj, len(order))
	for i, k := range order {
		list[i] = merged[k]
	}
	return obj{"totalCount": len(list), "list": list}
}

// resourceCode is the resource part of "books:1" style identifiers.
func resourceCode(resource string) string {
	code, _, _ := strings.Cut(resource, ":")
	return code
}

func (st *state) findResource(namespace, code string) *resourceRec {
	for _, r := range st.resources {
		if r.Namespace == namespace && r.Code == code {
			return r
		}
	}
	return nil
}

// addGrant adds actions for a target on a resource, merging with an
// existing grant of the same target.
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

// revokeGrants removes grants on resource for the given targets.
func (st *state) revokeGrants(ns, resource, targetType string, targetIDs []string) {
	ids := toSet(targetIDs)
	kept := st.grants[:0]
	for _, g := range st.grants {
		if !(g.namespace == ns && g.resource == resource && g.targetType == targetType && ids[g.targetID]) {
			kept = append(kept, g)
		}
	}
	st.grants = kept
}

func (s *Server) aclResolvers(q, m map[string]rootResolver) {
	m["allow"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		ns, resource, action := nsOrDefault(argString(args, "namespace")), argString(args, "resource"), argString(args, "action")
		if resource == "" || action == "" {
			return nil, errIncomplete
		}
		users := argStrings(args, "userIds")
		if u := argString(args, "userId"); u != "" {
			users = append(users, u)
		}
		roles := argStrings(args, "roleCodes")
		if r := argString(args, "roleCode"); r != "" {
			roles = append(roles, r)
		}
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		for _, u := range users {
			s.st.addGrant(ns, resource, "", "USER", u, []string{action})
		}
		for _, r := range roles {
			s.st.addGrant(ns, resource, "", "ROLE", r, []string{action})
		}
		return commonMessage(msgAuthorized), nil
	})
	check := func(wantDenied bool) rootResolver {
		return adminOnly(func(rq *request, args map[string]any) (any, error) {
			s.st.mu.Lock()
			defer s.st.mu.Unlock()
			if s.st.users[argString(args, "userId")] == nil {
				return nil, errUserNotFound
			}
			allowed, denied := s.st.decide(argString(args, "userId"), argString(args, "namespace"),
				argString(args, "resource"), argString(args, "action"))
			if wantDenied {
				return denied, nil
			}
			return allowed, nil
		})
	}
	q["isActionAllowed"] = check(false)
	q["isActionDenied"] = check(true)
	m["authorizeResource"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		ns, resource := nsOrDefault(argString(args, "namespace")), argString(args, "resource")
		if resource == "" {
			return nil, errIncomplete
		}
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		for _, o := range argObjects(args, "opts") {
			s.st.addGrant(ns, resource, argString(args, "resourceType"), argString(o, "targetType"),
				argString(o, "targetIdentifier"), argStrings(o, "actions"))
		}
		return commonMessage(msgAuthorized), nil
	})
	q["authorizedResources"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		return s.authorizedResourcesOf(argString(args, "targetType"), argString(args, "targetIdentifier"),
			argString(args, "namespace"), argString(args, "resourceType")), nil
	})
	q["authorizedTargets"] = adminOnly(func(rq *request, args map[string]any) (any, error) {
		ns, resource, tt := nsOrDefault(argString(args, "namespace")), argString(args, "resource"), argString(args, "targetType")
		filter := argObject(args, "actions")
		want, op := argStrings(filter, "list"), argString(filter, "op")
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		list := []obj{}
		for _, g := range s.st.grants {
			if g.namespace != ns || g.resource != resource || (tt != "" && g.targetType != tt) {
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
		return obj{"totalCount": len(list), "list": list}, nil
	})
}
