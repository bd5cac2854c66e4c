package authingtest

import (
	"crypto/subtle"
	"net/http"
)

// legacyAPI holds the areas not yet moved to their own tables.
func (s *Server) legacyAPI() api {
	a := api{query: map[string]rootResolver{}, mutation: map[string]rootResolver{}}
	route := func(pattern string, h restHandler) { a.routes = append(a.routes, route{pattern, h}) }
	a.query["accessToken"] = func(rq *request, args map[string]any) (any, error) {
		if argString(args, "userPoolId") != s.UserPoolID {
			return nil, errPoolNotFound
		}
		if subtle.ConstantTimeCompare([]byte(argString(args, "secret")), []byte(s.Secret)) != 1 {
			return nil, errWrongSecret
		}
		token, iat, exp, err := s.issue("")
		if err != nil {
			return nil, err
		}
		return obj{"accessToken": token, "iat": iat.Unix(), "exp": exp.Unix()}, nil
	}
	s.poolResolvers(a.query, a.mutation)
	route("GET /api/v2/analysis/user-action", s.admin(func(_ *request, r *http.Request) (any, error) {
		return s.logPage(r, false), nil
	}))
	s.appRoutes(route)
	s.poolRoutes(route)
	return a
}
