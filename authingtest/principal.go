package authingtest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
)

// Principal authentication: a user's verified real-world identity. REST
// users/{id}/management/principal_authentication.

// principalAPI is the principal authentication area's table.
func (s *Server) principalAPI() api {
	const path = "/api/v2/users/{id}/management/principal_authentication"
	return api{routes: []route{
		{"GET " + path, s.admin(s.principalDetail)},
		{"POST " + path, s.admin(s.principalAuthenticate)},
		// The user's own, with its token.
		{"GET /api/v2/users/principal_authentication", s.myPrincipal},
		{"POST /api/v2/users/principal_authentication", s.authenticateMe},
	}}
}

// principalBody is what an authentication of a principal sends.
type principalBody struct {
	Type, Name, IDCard, Ext string
}

func (s *Server) principalDetail(_ *request, r *http.Request) (any, error) {
	return s.st.principal(r.PathValue("id"))
}

func (s *Server) principalAuthenticate(_ *request, r *http.Request) (any, error) {
	return s.authenticatePrincipal(r.PathValue("id"), r)
}

// myPrincipal is the caller's own verification, null when there is none
// (the JS SDK declares PrincipalDetail | null).
func (s *Server) myPrincipal(rq *request, _ *http.Request) (any, error) {
	id, err := rq.user()
	if err != nil {
		return nil, err
	}
	return s.st.principal(id)
}

// authenticateMe verifies the caller's own identity.
func (s *Server) authenticateMe(rq *request, r *http.Request) (any, error) {
	id, err := rq.user()
	if err != nil {
		return nil, err
	}
	return s.authenticatePrincipal(id, r)
}

// authenticatePrincipal records the verification of the body for a user:
// JSON from the JS SDK, the query string from the Python SDK. The record
// has the cloud's PrincipalDetail fields.
func (s *Server) authenticatePrincipal(id string, r *http.Request) (any, error) {
	body, err := readPrincipalBody(r)
	if err != nil {
		return nil, err
	}
	if body.Type == "" || body.Name == "" || body.IDCard == "" {
		return nil, errIncomplete
	}
	now := timestamp(s.now())
	p := map[string]any{"id": newID(), "userId": id,
		"userPoolId": s.UserPoolID, "principalType": body.Type, "principalName": body.Name,
		"principalCode": body.IDCard, "authenticationTime": now, "createdAt": now, "updatedAt": now}
	return s.st.setPrincipal(id, p)
}

// readPrincipalBody reads {type, name, idCard, ext} from a JSON body or,
// when there is none, from the query string.
func readPrincipalBody(r *http.Request) (principalBody, error) {
	var body principalBody
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		return body, errBodyRead.with(err)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		q := r.URL.Query()
		return principalBody{Type: q.Get("type"), Name: q.Get("name"), IDCard: q.Get("idCard"), Ext: q.Get("ext")}, nil
	}
	if err := json.Unmarshal(raw, &body); err != nil {
		return body, errBadBody.with(err)
	}
	return body, nil
}

// principal is the user's verification; nil (Authing's null) when the
// user was never verified.
func (st *state) principal(userID string) (map[string]any, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.users[userID] == nil {
		return nil, errUserNotFound
	}
	if p := st.pool.principals[userID]; p != nil {
		return copyMap(p), nil
	}
	return nil, nil
}

func (st *state) setPrincipal(userID string, p map[string]any) (map[string]any, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.users[userID] == nil {
		return nil, errUserNotFound
	}
	st.pool.principals[userID] = p
	return copyMap(p), nil
}
