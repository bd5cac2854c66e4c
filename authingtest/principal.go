package authingtest

import (
	"bytes"
	"io"
	"net/http"
)

// The principal area: a user's identity verification (principal
// authentication) with a person's ("P") or an enterprise's ("E") name and
// id number, by the administrator or by the user.

// principalAPI registers the area's routes.
func (s *Server) principalAPI() api {
	mgmt := "/api/v2/users/{id}/management/principal_authentication"
	return api{routes: []route{
		{"GET " + mgmt, s.admin(s.principalDetail)},
		{"POST " + mgmt, s.admin(s.principalAuthenticate)},
		{"GET /api/v2/users/principal_authentication", s.myPrincipalDetail},
		{"POST /api/v2/users/principal_authentication", s.myPrincipalAuthenticate},
	}}
}

// principalDetail is GET .../management/principal_authentication: the
// user's verification. For a user never verified the JS SDK declares null;
// this route answers {userId, authenticated: false}, which this module's
// client reads (the user-side route answers null).
func (s *Server) principalDetail(_ *request, r *http.Request) (any, error) {
	id := r.PathValue("id")
	if s.st.userProfile(id) == nil {
		return nil, errUserNotFound
	}
	if p := s.st.principal(id); p != nil {
		return p, nil
	}
	return map[string]any{"userId": id, "authenticated": false}, nil
}

// principalAuthenticate is POST .../management/principal_authentication.
func (s *Server) principalAuthenticate(_ *request, r *http.Request) (any, error) {
	return s.authenticatePrincipal(r.PathValue("id"), r)
}

// myPrincipalDetail is GET /api/v2/users/principal_authentication, the
// caller's own verification.
func (s *Server) myPrincipalDetail(rq *request, _ *http.Request) (any, error) {
	id, err := rq.user()
	if err != nil {
		return nil, err
	}
	return s.st.principal(id), nil
}

// myPrincipalAuthenticate is POST /api/v2/users/principal_authentication.
func (s *Server) myPrincipalAuthenticate(rq *request, r *http.Request) (any, error) {
	id, err := rq.user()
	if err != nil {
		return nil, err
	}
	return s.authenticatePrincipal(id, r)
}

// authenticatePrincipal reads {type, name, idCard, ext} from the JSON body
// (JS) or the query string (Python) and records the verification.
func (s *Server) authenticatePrincipal(userID string, r *http.Request) (any, error) {
	var body struct{ Type, Name, IDCard, Ext string }
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, errBodyRead.with(err)
	}
	if len(raw) > 0 {
		r.Body = io.NopCloser(bytes.NewReader(raw))
		if err := decodeBody(r, &body); err != nil {
			return nil, err
		}
	} else {
		q := r.URL.Query()
		body.Type, body.Name, body.IDCard, body.Ext = q.Get("type"), q.Get("name"), q.Get("idCard"), q.Get("ext")
	}
	if (body.Type != "P" && body.Type != "E") || body.Name == "" || body.IDCard == "" {
		return nil, errIncomplete
	}
	if s.st.userProfile(userID) == nil {
		return nil, errUserNotFound
	}
	now := timestamp(s.now())
	p := map[string]any{"id": newID(), "userId": userID, "userPoolId": s.UserPoolID, "principalType": body.Type,
		"principalName": body.Name, "principalCode": body.IDCard, "authenticationTime": now, "createdAt": now, "updatedAt": now,
		// The names this module's client has read since before the cloud's.
		"type": body.Type, "name": body.Name, "idCard": body.IDCard, "authenticated": true, "authenticateAt": now}
	s.st.setPrincipal(userID, p)
	return copyMap(p), nil
}

// The area's state: each method locks the state and defers the unlock.

// principal is the user's verification, nil when there is none.
func (st *state) principal(userID string) map[string]any {
	st.mu.Lock()
	defer st.mu.Unlock()
	if p := st.pool.principals[userID]; p != nil {
		return copyMap(p)
	}
	return nil
}

func (st *state) setPrincipal(userID string, p map[string]any) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.pool.principals[userID] = p
}
