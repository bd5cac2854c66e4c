package authingtest

import "slices"

// The whitelist area: the usernames, emails and phones allowed to
// register when the user pool's whitelist is on.

// whitelistAPI registers the area's root fields.
func (s *Server) whitelistAPI() api {
	return api{
		query:    map[string]rootResolver{"whitelist": adminOnly(s.whitelist)},
		mutation: map[string]rootResolver{"addWhitelist": adminOnly(s.addWhitelist), "removeWhitelist": adminOnly(s.removeWhitelist)},
	}
}

// whitelist is the root field whitelist: the entries of one type.
func (s *Server) whitelist(_ *request, args map[string]any) (any, error) {
	return s.st.whitelistEntries(argString(args, "type")), nil
}

// addWhitelist is the root field addWhitelist; entries already listed are
// kept as they are.
func (s *Server) addWhitelist(_ *request, args map[string]any) (any, error) {
	kind := argString(args, "type")
	s.st.addWhitelist(kind, argStrings(args, "list"), timestamp(s.now()))
	return s.st.whitelistEntries(kind), nil
}

// removeWhitelist is the root field removeWhitelist.
func (s *Server) removeWhitelist(_ *request, args map[string]any) (any, error) {
	kind := argString(args, "type")
	s.st.removeWhitelist(kind, argStrings(args, "list"))
	return s.st.whitelistEntries(kind), nil
}

// The area's state: each method locks the state and defers the unlock.

func (st *state) whitelistEntries(kind string) []obj {
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

func (st *state) removeWhitelist(kind string, values []string) {
	drop := toSet(values)
	st.mu.Lock()
	defer st.mu.Unlock()
	st.pool.whitelists[kind] = slices.DeleteFunc(st.pool.whitelists[kind], func(e map[string]any) bool { return drop[str(e["value"])] })
}
