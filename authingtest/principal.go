package authingtest

import "net/http"

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

// myPrincipal is the caller's own verification.
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

// authenticatePrincipal records the verification of the body for a user.
func (s *Server) authenticatePrincipal(id string, r *http.Request) (any, error) {
	var body principalBody
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	if body.Type == "" || body.Name == "" || body.IDCard == "" {
		return nil, errIncomplete
	}
	p := map[string]any{"id": newID(), "userId": id, "type": body.Type, "name": body.Name,
		"idCard": body.IDCard, "authenticated": true, "authenticateAt": timestamp(s.now())}
	return s.st.setPrincipal(id, p)
}

// principal is the user's verification, or an unverified stub.
func (st *state) principal(userID string) (map[string]any, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.users[userID] == nil {
		return nil, errUserNotFound
	}
	if p := st.pool.principals[userID]; p != nil {
		return copyMap(p), nil
	}
	return map[string]any{"userId": userID, "authenticated": false}, nil
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
