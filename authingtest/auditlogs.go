package authingtest

import "net/http"

// The auditlogs area: what the administrators did, recorded by logMutation
// (logs.go) and read back as Authing's audit log.

// auditLogsAPI registers the area's routes.
func (s *Server) auditLogsAPI() api {
	return api{routes: []route{{"GET /api/v2/analysis/audit", s.admin(s.listAuditLogs)}}}
}

// listAuditLogs is GET /api/v2/analysis/audit: a page of the audit log,
// newest first, filtered by the query.
func (s *Server) listAuditLogs(_ *request, r *http.Request) (any, error) {
	return s.logPage(r, true), nil
}
