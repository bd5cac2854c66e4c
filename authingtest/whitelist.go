package authingtest

import "slices"

// The registration whitelists: GraphQL whitelist, addWhitelist and
// removeWhitelist.

// whitelistAPI is the whitelist area's table.
func (s *Server) whitelistAPI() api {
	return api{
		query: map[string]rootResolver{"whitelist": adminOnly(s.queryWhitelist)},
		mutation: map[string]rootResolver{
			"addWhitelist": adminOnly(s.addWhitelist), "removeWhitelist": adminOnly(s.removeWhitelist),
		},
	}
}

func (s *Server) queryWhitelist(_ *request, args map[string]any) (any, error) {
	return s.st.whitelist(argString(args, "type")), nil
}

func (s *Server) addWhitelist(_ *request, args map[string]any) (any, error) {
	kind := argString(args, "type")
	s.st.addWhitelist(kind, argStrings(args, "list"), timestamp(s.now()))
	return s.st.whitelist(kind), nil
}

func (s *Server) removeWhitelist(_ *request, args map[string]any) (any, error) {
	kind := argString(args, "type")
	s.st.removeWhitelist(kind, toSet(argStrings(args, "list")))
	return s.st.whitelist(kind), nil
}

// whitelist is the entries of one kind, as GraphQL objects.
func (st *state) whitelist(kind string) []obj {
	st.mu.Lock()
	defer st.mu.Unlock()
	out := []obj{}
	for _, e := range st.pool.whitelists[kind] {
		out = append(out, obj(copyMap(e)))
	}
	return out
}

func (st *state) addWhitelist(kind string, values []string, now string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, v := range values {
		if !slices.ContainsFunc(st.pool.whitelists[kind], func(e map[string]any) bool { return e["value"] == v }) {
			st.pool.whitelists[kind] = append(st.pool.whitelists[kind], map[string]any{"value": v, "createdAt": now, "updatedAt": now})
		}
	}
}

func (st *state) removeWhitelist(kind string, drop map[string]bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.pool.whitelists[kind] = slices.DeleteFunc(st.pool.whitelists[kind], func(e map[string]any) bool { return drop[str(e["value"])] })
}
