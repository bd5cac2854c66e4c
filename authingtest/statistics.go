package authingtest

import (
	"net/http"
	"strings"
)

// The statistics area: counts computed from the users' action log and
// custom fields (the action log itself is read in auditlogs.go).

// statisticsAPI registers the area's routes.
func (s *Server) statisticsAPI() api {
	return api{routes: []route{
		{"GET /api/v2/analysis/total-login-count", s.admin(s.totalLoginCount)},
		{"GET /api/v2/analysis/exist-defined-field-count", s.admin(s.definedFieldCount)},
	}}
}

// totalLoginCount is GET /api/v2/analysis/total-login-count?appId=: how
// many users have logged in to the application (to any, without appId).
func (s *Server) totalLoginCount(_ *request, r *http.Request) (any, error) {
	return s.st.loginUserCount(r.URL.Query().Get("appId")), nil
}

// definedFieldCount is GET /api/v2/analysis/exist-defined-field-count?
// definedFieldKey=: how many users have a value for the custom field.
func (s *Server) definedFieldCount(_ *request, r *http.Request) (any, error) {
	key := r.URL.Query().Get("definedFieldKey")
	if key == "" {
		return nil, errIncomplete
	}
	return s.st.usersWithUdv(key), nil
}

// The area's state: each method locks the state and defers the unlock.

func (st *state) loginUserCount(appID string) int {
	st.mu.Lock()
	defer st.mu.Unlock()
	seen := map[string]bool{}
	for _, a := range st.actions {
		if a.success && strings.HasPrefix(a.operation, "login") && (appID == "" || a.appID == appID) {
			seen[a.userID] = true
		}
	}
	return len(seen)
}

func (st *state) usersWithUdv(key string) int {
	st.mu.Lock()
	defer st.mu.Unlock()
	n := 0
	for target, values := range st.udvs {
		if _, ok := values[key]; ok && strings.HasPrefix(target, "USER/") {
			n++
		}
	}
	return n
}
