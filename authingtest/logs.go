package authingtest

import (
	"net/http"
	"slices"
	"strings"
)

// actionRec is one entry of the users' action log or the administrators'
// audit log.
type actionRec struct {
	userID, username, operation, ip, appID string
	success                                bool
	at                                     string
}

// recordAction appends to the users' action log (audit false) or the
// audit log (audit true).
func (s *Server) recordAction(audit bool, userID, operation, ip, appID string, success bool) {
	rec := &actionRec{userID: userID, operation: operation, ip: ip, appID: appID, success: success, at: timestamp(s.now())}
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	if u := s.st.users[userID]; u != nil {
		rec.username = str(u.profile["username"])
	}
	if audit {
		s.st.audit = append(s.st.audit, rec)
	} else {
		s.st.actions = append(s.st.actions, rec)
	}
}

// logPage answers a page of a log, newest first, filtered by the query:
// clientip, operation_name (repeatable), operator_arn (repeatable), app_id
// (repeatable).
func (s *Server) logPage(r *http.Request, audit bool) map[string]any {
	q := r.URL.Query()
	arns := map[string]bool{}
	for _, a := range q["operator_arn"] {
		arns[a] = true
	}
	s.st.mu.Lock()
	src := s.st.actions
	if audit {
		src = s.st.audit
	}
	list := []map[string]any{}
	for i := len(src) - 1; i >= 0; i-- {
		a := src[i]
		arn := "arn:cn:authing:" + s.UserPoolID + ":user:" + a.userID
		if (q.Get("clientip") != "" && a.ip != q.Get("clientip")) ||
			(len(q["operation_name"]) > 0 && !slices.Contains(q["operation_name"], a.operation)) ||
			(len(arns) > 0 && !arns[arn]) || (len(q["app_id"]) > 0 && !slices.Contains(q["app_id"], a.appID)) {
			continue
		}
		e := map[string]any{"userpoolId": s.UserPoolID, "userId": a.userID, "username": a.username, "ip": a.ip,
			"clientIp": a.ip, "operationName": a.operation, "operationDesc": a.operation, "appId": a.appID,
			"success": a.success, "createdAt": a.at, "operatorArn": arn, "event": a.operation}
		list = append(list, e)
	}
	s.st.mu.Unlock()
	return map[string]any{"totalCount": len(list), "list": page(list, queryArgs(r))}
}

// activeUsers answers the users who logged in to an application.
func (s *Server) activeUsers(r *http.Request) map[string]any {
	s.st.mu.Lock()
	seen := map[string]bool{}
	var ids []string
	for i := len(s.st.actions) - 1; i >= 0; i-- {
		a := s.st.actions[i]
		if a.appID == r.PathValue("app") && a.success && strings.HasPrefix(a.operation, "login") && !seen[a.userID] {
			seen[a.userID] = true
			ids = append(ids, a.userID)
		}
	}
	s.st.mu.Unlock()
	users := []map[string]any{}
	for _, id := range ids {
		if p := s.st.userProfile(id); p != nil {
			users = append(users, restUser(p))
		}
	}
	return map[string]any{"totalCount": len(users), "list": page(users, queryArgs(r))}
}

// logMutation records a mutation: end users' logins and registrations in
// the action log, the management token's calls in the audit log.
func (s *Server) logMutation(rq *request, field string, args map[string]any, result any, err error) {
	if rq.admin() == nil {
		s.recordAction(true, "", field, "", rq.appID, err == nil)
		return
	}
	if !strings.HasPrefix(field, "login") && !strings.HasPrefix(field, "register") {
		return
	}
	userID := ""
	if u, ok := result.(obj); ok {
		userID = str(u["id"])
	}
	if userID == "" {
		return // a failed login of an unknown user has no one to record
	}
	s.recordAction(false, userID, field, argString(argObject(args, "input"), "clientIp"), rq.appID, err == nil)
}
