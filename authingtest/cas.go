package authingtest

import (
	"net/http"
	"net/url"
	"strings"
	"time"
)

// CAS on an application's host: GET /cas-idp/{app}/login logs in the user
// of the request's Bearer token (there is no login page) and redirects to
// the service with a ticket; validate (CAS 1.0) and serviceValidate (CAS
// 2.0, JSON) check a ticket once.

type casTicket struct {
	appID, userID, service string
	expires                time.Time
}

// casAPI is the CAS provider's table; its answers are CAS's own bodies.
func (s *Server) casAPI() api {
	return api{routes: []route{
		{"GET /cas-idp/{app}/login", raw(s.casLogin)},
		{"GET /cas-idp/{app}/validate", raw(s.casValidate)},
		{"GET /cas-idp/{app}/serviceValidate", raw(s.casValidate)},
		{"GET /cas/session", raw(s.casSession)},
	}}
}

// casSession answers the caller's login session: {session, userInfo} for
// the user of the Bearer token, JSON null without one. (The cloud reads
// its session cookie; the local server has no login page to set one.)
func (s *Server) casSession(w http.ResponseWriter, r *http.Request) {
	rq, err := s.newRequest(r)
	var userID string
	if err == nil {
		userID, err = rq.user()
	}
	p := s.st.userProfile(userID)
	if err != nil || p == nil {
		writeJSON(w, http.StatusOK, nil)
		return
	}
	expires := s.now().UTC()
	if rq.caller.ExpiresAt != nil {
		expires = rq.caller.ExpiresAt.UTC()
	}
	session := map[string]any{"_id": rq.caller.ID, "cookie": map[string]any{
		"originalMaxAge": expires.Sub(s.now()).Milliseconds(), "expires": expires.Format(time.RFC3339),
		"path": "/", "sameSite": "none", "secure": false, "httpOnly": true,
		"appId": r.Header.Get("x-authing-app-id"), "type": "cas", "userId": userID}}
	writeJSON(w, http.StatusOK, map[string]any{"session": session, "userInfo": restUser(p)})
}

func (s *Server) casLogin(w http.ResponseWriter, r *http.Request) {
	service := r.URL.Query().Get("service")
	target, err := url.Parse(service)
	if s.findApp(r.PathValue("app")) == nil || service == "" || err != nil {
		http.Error(w, "unknown application or missing service", http.StatusBadRequest)
		return
	}
	rq, _ := s.newRequest(r)
	userID, err := rq.user()
	if err != nil {
		http.Error(w, "send the user's token as Bearer", http.StatusUnauthorized)
		return
	}
	ticket := "ST-" + randomHex(16)
	s.st.addTicket(ticket, &casTicket{appID: r.PathValue("app"), userID: userID, service: service, expires: s.now().Add(5 * time.Minute)})
	q := target.Query()
	q.Set("ticket", ticket)
	target.RawQuery = q.Encode()
	http.Redirect(w, r, target.String(), http.StatusFound)
}

func (s *Server) casValidate(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	t := s.st.takeTicket(q.Get("ticket"))
	var username string
	valid := t != nil && t.appID == r.PathValue("app") && t.service == q.Get("service") && !s.now().After(t.expires)
	if valid {
		p := s.st.userProfile(t.userID)
		username, valid = str(p["username"]), p != nil
	}
	if strings.HasSuffix(r.URL.Path, "/validate") {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if valid {
			w.Write([]byte("yes\n" + username + "\n"))
		} else {
			w.Write([]byte("no\n\n"))
		}
		return
	}
	if !valid {
		writeJSON(w, http.StatusOK, map[string]any{"serviceResponse": map[string]any{"authenticationFailure": map[string]any{
			"code": "INVALID_TICKET", "description": "ticket " + q.Get("ticket") + " not recognized"}}})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"serviceResponse": map[string]any{"authenticationSuccess": map[string]any{
		"user": username, "attributes": map[string]any{"userId": t.userID}}}})
}

func (st *state) addTicket(ticket string, t *casTicket) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.casTickets[ticket] = t
}

// takeTicket returns a ticket's grant, once.
func (st *state) takeTicket(ticket string) *casTicket {
	st.mu.Lock()
	defer st.mu.Unlock()
	t := st.casTickets[ticket]
	delete(st.casTickets, ticket)
	return t
}
