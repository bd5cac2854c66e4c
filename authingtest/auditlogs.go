package authingtest

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The users' action log and the administrators' audit log. REST
// analysis/user-action and analysis/audit.

// actionRec is one entry of the users' action log or the administrators'
// audit log.
type actionRec struct {
	userID, username, operation, ip, appID string
	userAgent                              string
	success                                bool
	at                                     string
}

// auditlogsAPI is the logs area's table.
func (s *Server) auditlogsAPI() api {
	return api{routes: []route{
		{"GET /api/v2/analysis/user-action", s.admin(s.userActions)},
		{"GET /api/v2/analysis/audit", s.admin(s.auditLogs)},
	}}
}

func (s *Server) userActions(_ *request, r *http.Request) (any, error) {
	return s.logPage(r, false), nil
}

func (s *Server) auditLogs(_ *request, r *http.Request) (any, error) { return s.logPage(r, true), nil }

// recordAction appends to the users' action log (audit false) or the
// audit log (audit true).
func (s *Server) recordAction(rq *request, audit bool, userID, operation, ip string, success bool) {
	rec := &actionRec{userID: userID, operation: operation, ip: ip, appID: rq.appID, userAgent: rq.userAgent,
		success: success, at: timestamp(s.now())}
	s.st.record(audit, rec)
}

// logPage answers a page of a log, newest first, filtered by the query:
// clientip, operation_name (repeatable), operator_arn (repeatable), app_id
// (repeatable), as the Python SDK sends them, and the JS SDK's userId,
// eventType (an operation name), and start and end (epoch milliseconds).
func (s *Server) logPage(r *http.Request, audit bool) map[string]any {
	q := r.URL.Query()
	arns := toSet(q["operator_arn"])
	list := []map[string]any{}
	for _, a := range s.st.logNewestFirst(audit) {
		arn := "arn:cn:authing:" + s.UserPoolID + ":user:" + a.userID
		if (q.Get("clientip") != "" && a.ip != q.Get("clientip")) ||
			(len(q["operation_name"]) > 0 && !slices.Contains(q["operation_name"], a.operation)) ||
			(len(arns) > 0 && !arns[arn]) || (len(q["app_id"]) > 0 && !slices.Contains(q["app_id"], a.appID)) ||
			(q.Get("userId") != "" && a.userID != q.Get("userId")) ||
			(q.Get("eventType") != "" && a.operation != q.Get("eventType")) || !inTimeRange(a.at, q.Get("start"), q.Get("end")) {
			continue
		}
		list = append(list, s.logEntry(a, arn, audit))
	}
	return map[string]any{"totalCount": len(list), "list": page(list, queryArgs(r))}
}

// inTimeRange reports whether the RFC 3339 time at is within [start, end],
// both epoch milliseconds and either empty for no bound.
func inTimeRange(at, start, end string) bool {
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return true
	}
	ms := t.UnixMilli()
	if from, err := strconv.ParseInt(start, 10, 64); err == nil && ms < from {
		return false
	}
	if to, err := strconv.ParseInt(end, 10, 64); err == nil && ms > to {
		return false
	}
	return true
}

// logEntry is one log record in the shape the official SDKs read from
// Authing's log service: the AuditLog fields for the audit log, the
// snake-case record for user actions, both with ua and geoip objects.
func (s *Server) logEntry(a actionRec, arn string, audit bool) map[string]any {
	geoip := map[string]any{"ip": a.ip, "city_name": "", "region_name": "", "region_code": "", "country_name": "",
		"country_code2": "", "country_code3": "", "continent_code": "", "timezone": "", "latitude": 0, "longitude": 0,
		"location": map[string]any{"lat": 0, "lon": 0}}
	ua := parseUserAgent(a.userAgent)
	if audit {
		return map[string]any{"timestamp": a.at, "userPoolId": s.UserPoolID, "userPoolName": "authingtest",
			"userId": a.userID, "userName": a.username, "photoUrl": "", "clientIp": a.ip, "appId": a.appID,
			"appName": "", "appLogo": "", "operationParam": "", "eventDetails": a.operation,
			"eventResultCode": map[bool]string{true: "200", false: "500"}[a.success], "eventResultMsg": "",
			"eventType": a.operation, "operationMode": "API", "ua": ua, "geoip": geoip}
	}
	return map[string]any{"timestamp": a.at, "@timestamp": a.at, "@version": "1", "userpool_id": s.UserPoolID,
		"operator_arn": arn, "operation_name": a.operation, "operation_desc": a.operation, "app_id": a.appID,
		"clientip": a.ip, "user_agent": a.userAgent, "message": "", "host": "", "path": "", "request_id": "",
		"extra_data": "", "ua": ua, "geoip": geoip,
		"user": map[string]any{"id": a.userID, "displayName": a.username, "photo": "", "userPoolId": s.UserPoolID},
		"app":  map[string]any{"id": a.appID, "name": "", "identifier": "", "logo": "", "description": nil}}
}

// parseUserAgent is the ua object of a log record: the first product of
// the User-Agent header as name (Authing's log service parses more).
func parseUserAgent(header string) map[string]any {
	name, _, _ := strings.Cut(header, " ")
	name, _, _ = strings.Cut(name, "/")
	if name == "" {
		name = "Other"
	}
	return map[string]any{"name": name, "os": "Other", "device": "Other"}
}

// activeUsers answers the users who logged in to an application.
func (s *Server) activeUsers(_ *request, r *http.Request) (any, error) {
	seen := map[string]bool{}
	users := []map[string]any{}
	for _, a := range s.st.logNewestFirst(false) {
		if a.appID == r.PathValue("app") && a.success && strings.HasPrefix(a.operation, "login") && !seen[a.userID] {
			seen[a.userID] = true
			if p := s.st.userProfile(a.userID); p != nil {
				users = append(users, restUser(p))
			}
		}
	}
	return map[string]any{"totalCount": len(users), "list": page(users, queryArgs(r))}, nil
}

// logMutation records a mutation: end users' logins and registrations in
// the action log, the management token's calls in the audit log.
func (s *Server) logMutation(rq *request, field string, args map[string]any, result any, err error) {
	if rq.admin() == nil {
		s.recordAction(rq, true, "", field, "", err == nil)
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
	s.recordAction(rq, false, userID, field, argString(argObject(args, "input"), "clientIp"), err == nil)
}

// record appends an entry to a log, with the user's current username.
func (st *state) record(audit bool, rec *actionRec) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if u := st.users[rec.userID]; u != nil {
		rec.username = str(u.profile["username"])
	}
	if audit {
		st.audit = append(st.audit, rec)
	} else {
		st.actions = append(st.actions, rec)
	}
}

// logNewestFirst is a copy of a log, newest entry first.
func (st *state) logNewestFirst(audit bool) []actionRec {
	st.mu.Lock()
	defer st.mu.Unlock()
	src := st.actions
	if audit {
		src = st.audit
	}
	out := make([]actionRec, len(src))
	for i, a := range src {
		out[len(src)-1-i] = *a
	}
	return out
}
