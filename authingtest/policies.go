package authingtest

import (
	"net/http"
	"slices"
)

// The policies of the user pool and their assignments: GraphQL policies,
// policy, createPolicy, updatePolicy, deletePolicy(ies), policyAssignments,
// add/removePolicyAssignments, enable/disbalePolicyAssignment.

type policyRec struct {
	namespace, code, description string
	statements                   []any // as sent: [{resource, actions, effect, condition}]
	createdAt, updatedAt         string
}

type assignmentRec struct {
	policy, namespace, targetType, targetID string
	enabled, inherit                        bool
}

// policiesAPI is the policies area's table.
func (s *Server) policiesAPI() api {
	return api{
		query: map[string]rootResolver{
			"policies": adminOnly(s.queryPolicies), "policy": adminOnly(s.queryPolicy),
			"policyAssignments": adminOnly(s.queryPolicyAssignments),
		},
		mutation: map[string]rootResolver{
			"createPolicy": adminOnly(s.createPolicy), "updatePolicy": adminOnly(s.updatePolicy),
			"deletePolicy": adminOnly(s.deletePolicy), "deletePolicies": adminOnly(s.deletePolicies),
			"addPolicyAssignments":    adminOnly(s.addPolicyAssignments),
			"removePolicyAssignments": adminOnly(s.removePolicyAssignments),
			"enablePolicyAssignment":  adminOnly(s.enablePolicyAssignment),
			"disbalePolicyAssignment": adminOnly(s.disablePolicyAssignment),
		},
		routes: []route{{"GET /api/v2/policies/assignments/by-target", s.admin(s.assignmentsByTarget)}},
	}
}

func (s *Server) queryPolicies(_ *request, args map[string]any) (any, error) {
	ns := argString(args, "namespace")
	var all []obj
	for _, p := range s.st.policyList(func(p *policyRec) bool { return ns == "" || p.namespace == ns }) {
		all = append(all, s.policyObj(p.rec, p.assignments))
	}
	return paginated(all, args), nil
}

func (s *Server) queryPolicy(_ *request, args map[string]any) (any, error) {
	ns, code := nsOrDefault(argString(args, "namespace")), argString(args, "code")
	recs := s.st.policyList(func(p *policyRec) bool { return p.namespace == ns && p.code == code })
	if len(recs) == 0 {
		return nil, nil
	}
	return s.policyObj(recs[0].rec, recs[0].assignments), nil
}

func (s *Server) createPolicy(_ *request, args map[string]any) (any, error) {
	ns, code := nsOrDefault(argString(args, "namespace")), argString(args, "code")
	statements, _ := args["statements"].([]any)
	now := timestamp(s.now())
	p := &policyRec{namespace: ns, code: code, description: argString(args, "description"), statements: statements,
		createdAt: now, updatedAt: now}
	if err := s.st.addPolicy(p); err != nil {
		return nil, err
	}
	return s.policyObj(*p, 0), nil
}

func (s *Server) updatePolicy(_ *request, args map[string]any) (any, error) {
	statements, hasStatements := args["statements"].([]any)
	p, n, err := s.st.changePolicy(nsOrDefault(argString(args, "namespace")), argString(args, "code"), policyChange{
		description: argStringPtr(args, "description"), statements: statements, hasStatements: hasStatements,
		newCode: argString(args, "newCode"), now: timestamp(s.now())})
	if err != nil {
		return nil, err
	}
	return s.policyObj(p, n), nil
}

func (s *Server) deletePolicy(_ *request, args map[string]any) (any, error) {
	s.st.removePolicies(nsOrDefault(argString(args, "namespace")), []string{argString(args, "code")})
	return commonMessage(msgDeleted), nil
}

func (s *Server) deletePolicies(_ *request, args map[string]any) (any, error) {
	s.st.removePolicies(nsOrDefault(argString(args, "namespace")), argStrings(args, "codeList"))
	return commonMessage(msgDeleted), nil
}

func (s *Server) queryPolicyAssignments(_ *request, args map[string]any) (any, error) {
	code, tt, tid := argString(args, "code"), argString(args, "targetType"), argString(args, "targetIdentifier")
	ns := argString(args, "namespace")
	all := s.st.assignmentObjs(func(a *assignmentRec) bool {
		return (code == "" || a.policy == code) && (tt == "" || a.targetType == tt) &&
			(tid == "" || a.targetID == tid) && (ns == "" || a.namespace == ns)
	})
	return paginated(all, args), nil
}

// assignmentsByTarget is GET /api/v2/policies/assignments/by-target: the
// assignments of a namespace, by policy_code and target_type when given.
func (s *Server) assignmentsByTarget(_ *request, r *http.Request) (any, error) {
	q := r.URL.Query()
	ns, code, tt := nsOrDefault(q.Get("namespace")), q.Get("policy_code"), q.Get("target_type")
	list := s.st.assignmentRecords(func(a *assignmentRec) bool {
		return a.namespace == ns && (code == "" || a.policy == code) && (tt == "" || a.targetType == tt)
	})
	return map[string]any{"totalCount": len(list), "list": page(list, queryArgs(r))}, nil
}

func (s *Server) addPolicyAssignments(_ *request, args map[string]any) (any, error) {
	inherit, _ := argBool(args, "inheritByChildren")
	err := s.st.addAssignments(nsOrDefault(argString(args, "namespace")), argString(args, "targetType"),
		argStrings(args, "policies"), argStrings(args, "targetIdentifiers"), inherit)
	if err != nil {
		return nil, err
	}
	return commonMessage(msgAuthorized), nil
}

func (s *Server) removePolicyAssignments(_ *request, args map[string]any) (any, error) {
	s.st.removeAssignments(nsOrDefault(argString(args, "namespace")), argString(args, "targetType"),
		toSet(argStrings(args, "policies")), toSet(argStrings(args, "targetIdentifiers")))
	return commonMessage(msgUnauthorized), nil
}

func (s *Server) enablePolicyAssignment(_ *request, args map[string]any) (any, error) {
	return s.toggleAssignment(args, true)
}

func (s *Server) disablePolicyAssignment(_ *request, args map[string]any) (any, error) {
	return s.toggleAssignment(args, false)
}

func (s *Server) toggleAssignment(args map[string]any, enabled bool) (any, error) {
	err := s.st.enableAssignment(assignmentRec{policy: argString(args, "policy"),
		namespace: nsOrDefault(argString(args, "namespace")), targetType: argString(args, "targetType"),
		targetID: argString(args, "targetIdentifier")}, enabled)
	if err != nil {
		return nil, err
	}
	return commonMessage(msgDone), nil
}

// policyObj is the GraphQL Policy, with its assignments resolved when
// selected.
func (s *Server) policyObj(p policyRec, assignments int) obj {
	code, ns := p.code, p.namespace
	return obj{"namespace": p.namespace, "code": p.code, "isDefault": false, "description": p.description,
		"statements": statementObjs(p.statements), "createdAt": p.createdAt, "updatedAt": p.updatedAt,
		"assignmentsCount": assignments,
		"assignments": resolver(func(args map[string]any) (any, error) {
			return page(s.st.assignmentObjs(func(a *assignmentRec) bool { return a.policy == code && a.namespace == ns }), args), nil
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

// policyCount is a copy of a policy with how many assignments it has.
type policyCount struct {
	rec         policyRec
	assignments int
}

// policyList returns the policies keep accepts, in creation order.
func (st *state) policyList(keep func(*policyRec) bool) []policyCount {
	st.mu.Lock()
	defer st.mu.Unlock()
	var out []policyCount
	for _, k := range st.policyOrder {
		if p := st.policies[k]; keep(p) {
			out = append(out, policyCount{*p, st.assignmentCount(p)})
		}
	}
	return out
}

// assignmentCount is how many assignments p has; st.mu must be held.
func (st *state) assignmentCount(p *policyRec) int {
	n := 0
	for _, a := range st.assignments {
		if a.policy == p.code && a.namespace == p.namespace {
			n++
		}
	}
	return n
}

func (st *state) addPolicy(p *policyRec) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	key := p.namespace + "/" + p.code
	if st.policies[key] != nil {
		return errPolicyExists.with(p.code)
	}
	st.policies[key] = p
	st.policyOrder = append(st.policyOrder, key)
	return nil
}

// policyChange is what updatePolicy changes.
type policyChange struct {
	description   *string
	statements    []any
	hasStatements bool
	newCode, now  string
}

func (st *state) changePolicy(ns, code string, c policyChange) (policyRec, int, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	p := st.policies[ns+"/"+code]
	if p == nil {
		return policyRec{}, 0, errPolicyNotFound.with(code)
	}
	if c.description != nil {
		p.description = *c.description
	}
	if c.hasStatements {
		p.statements = c.statements
	}
	if c.newCode != "" && c.newCode != code {
		delete(st.policies, ns+"/"+code)
		p.code = c.newCode
		st.policies[ns+"/"+c.newCode] = p
		st.policyOrder = replaceAll(st.policyOrder, ns+"/"+code, ns+"/"+c.newCode)
	}
	p.updatedAt = c.now
	return *p, st.assignmentCount(p), nil
}

// removePolicies deletes policies and their assignments.
func (st *state) removePolicies(ns string, codes []string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, code := range codes {
		key := ns + "/" + code
		delete(st.policies, key)
		st.policyOrder = slices.DeleteFunc(st.policyOrder, func(k string) bool { return k == key })
		st.assignments = slices.DeleteFunc(st.assignments, func(a *assignmentRec) bool {
			return a.policy == code && a.namespace == ns
		})
	}
}

func (st *state) assignmentObjs(keep func(*assignmentRec) bool) []obj {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := []obj{}
	for _, a := range st.assignments {
		if keep(a) {
			out = append(out, obj{"code": a.policy, "targetType": a.targetType, "targetIdentifier": a.targetID})
		}
	}
	return out
}

// assignmentRecords is the assignments keep accepts, as REST answers them.
func (st *state) assignmentRecords(keep func(*assignmentRec) bool) []map[string]any {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := []map[string]any{}
	for _, a := range st.assignments {
		if keep(a) {
			out = append(out, map[string]any{"code": a.policy, "namespace": a.namespace, "targetType": a.targetType,
				"targetIdentifier": a.targetID, "enabled": a.enabled, "inheritByChildren": a.inherit})
		}
	}
	return out
}

// addAssignments assigns each policy to each target, once.
func (st *state) addAssignments(ns, targetType string, policies, targets []string, inherit bool) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, p := range policies {
		if st.policies[ns+"/"+p] == nil {
			return errPolicyNotFound.with(p)
		}
		for _, tid := range targets {
			if st.findAssignment(p, ns, targetType, tid) == nil {
				st.assignments = append(st.assignments, &assignmentRec{policy: p, namespace: ns, targetType: targetType,
					targetID: tid, enabled: true, inherit: inherit})
			}
		}
	}
	return nil
}

func (st *state) removeAssignments(ns, targetType string, policies, targets map[string]bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.assignments = slices.DeleteFunc(st.assignments, func(a *assignmentRec) bool {
		return a.namespace == ns && a.targetType == targetType && policies[a.policy] && targets[a.targetID]
	})
}

// enableAssignment switches the assignment like a on or off.
func (st *state) enableAssignment(a assignmentRec, enabled bool) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	found := st.findAssignment(a.policy, a.namespace, a.targetType, a.targetID)
	if found == nil {
		return errAssignmentAbsent
	}
	found.enabled = enabled
	return nil
}

// findAssignment finds an assignment; st.mu must be held.
func (st *state) findAssignment(policy, ns, targetType, targetID string) *assignmentRec {
	for _, a := range st.assignments {
		if a.policy == policy && a.namespace == ns && a.targetType == targetType && a.targetID == targetID {
			return a
		}
	}
	return nil
}
