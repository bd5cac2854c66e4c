package authingtest

import "crypto/subtle"

// resolvers are the root fields the server implements, built once.
type resolvers struct {
	query, mutation map[string]rootResolver
}

func (s *Server) buildResolvers() resolvers {
	r := resolvers{query: map[string]rootResolver{}, mutation: map[string]rootResolver{}}
	r.query["accessToken"] = func(rq *request, args map[string]any) (any, error) {
		if argString(args, "userPoolId") != s.UserPoolID {
			return nil, errPoolNotFound
		}
		if subtle.ConstantTimeCompare([]byte(argString(args, "secret")), []byte(s.Secret)) != 1 {
			return nil, &apiError{Code: 1001, Message: "用户池密钥不正确"}
		}
		token, iat, exp, err := s.issue("")
		if err != nil {
			return nil, err
		}
		return obj{"accessToken": token, "iat": iat.Unix(), "exp": exp.Unix()}, nil
	}
	s.userResolvers(r.query, r.mutation)
	s.rbacResolvers(r.query, r.mutation)
	s.aclResolvers(r.query, r.mutation)
	s.udfResolvers(r.query, r.mutation)
	s.orgResolvers(r.query, r.mutation)
	s.poolResolvers(r.query, r.mutation)
	return r
}

func (s *Server) queryResolvers() map[string]rootResolver    { return s.resolvers.query }
func (s *Server) mutationResolvers() map[string]rootResolver { return s.resolvers.mutation }
