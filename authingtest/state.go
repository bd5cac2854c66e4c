package authingtest

import (
	"slices"
	"strings"
	"sync"
	"time"
)

// state is all the server's data, behind one mutex: simple, and plenty
// fast for tests. Methods lock it themselves; resolvers never hold it
// while the executor runs.
type state struct {
	mu sync.Mutex

	users      map[string]*userRec
	userOrder  []string
	byUsername map[string]string
	byEmail    map[string]string
	byPhone    map[string]string

	userTokens map[string][]string // user id -> token ids
	revokedIDs map[string]bool     // revoked token ids
	codes      map[string]codeRec  // "email:x" / "phone:x" -> last code
	outbox     outbox              // every code and mail "sent", for the emulator route

	roles       map[string]*roleRec // namespace + "/" + code
	roleOrder   []string
	groups      map[string]*groupRec
	groupOrder  []string
	policies    map[string]*policyRec // namespace + "/" + code
	policyOrder []string
	assignments []*assignmentRec

	namespaces []*namespaceRec
	resources  []*resourceRec
	grants     []*grantRec

	udfs map[string][]*udfRec         // target type -> definitions
	udvs map[string]map[string]string // targetType/targetID -> key -> value

	apps appState
	org  orgState
	pool poolState

	mfaRecs map[string]*mfaRec // user id -> second factors
	oidc    oidcState

	casTickets map[string]*casTicket

	actions []*actionRec // the users' action log
	audit   []*actionRec // the administrators' audit log
}

type userRec struct {
	id      string
	profile map[string]any // the User's scalar fields, as GraphQL values
	salt    string
	hash    string
}

type codeRec struct {
	code    string
	expires time.Time
}

func newState() *state {
	return &state{
		users: map[string]*userRec{}, byUsername: map[string]string{}, byEmail: map[string]string{},
		byPhone: map[string]string{}, userTokens: map[string][]string{}, revokedIDs: map[string]bool{},
		codes: map[string]codeRec{}, roles: map[string]*roleRec{}, groups: map[string]*groupRec{},
		policies: map[string]*policyRec{}, udfs: map[string][]*udfRec{}, udvs: map[string]map[string]string{},
		apps: appState{defaultStrategy: map[string]string{}},
		org:  orgState{orgs: map[string]*orgRec{}, nodes: map[string]*nodeRec{}, mainDept: map[string]string{}},
		pool: newPoolState(), mfaRecs: map[string]*mfaRec{},
		oidc:       oidcState{codes: map[string]*authCode{}, refresh: map[string]*refreshRec{}},
		casTickets: map[string]*casTicket{},
	}
}

// newID returns a 24-hex id, the shape of Authing's ids.
func newID() string { return randomHex(12) }

func timestamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// createUser adds a user with the given profile fields, atomically
// checking that its username, email and phone are free.
func (st *state) createUser(s *Server, profile map[string]any, password, source string) (*userRec, error) {
	now := timestamp(s.now())
	rec := &userRec{id: newID(), salt: randomHex(8)}
	rec.profile = map[string]any{}
	for _, f := range userScalarFields {
		rec.profile[f] = nil
	}
	for k, v := range profile {
		if _, ok := rec.profile[k]; ok {
			rec.profile[k] = v
		}
	}
	for k, v := range map[string]any{
		"id": rec.id, "arn": "arn:cn:authing:" + s.UserPoolID + ":user:" + rec.id, "userPoolId": s.UserPoolID,
		"status": "Activated", "registerSource": []any{source}, "loginsCount": 0, "signedUp": now,
		"createdAt": now, "updatedAt": now, "photo": "https://files.authing.co/authing-console/default-user-avatar.png",
	} {
		rec.profile[k] = v
	}
	for _, k := range []string{"emailVerified", "phoneVerified", "blocked", "isDeleted"} {
		if rec.profile[k] == nil {
			rec.profile[k] = false
		}
	}
	if rec.profile["gender"] == nil {
		rec.profile["gender"] = "U"
	}
	if password != "" {
		rec.hash = hashPassword(rec.salt, password)
	}

	st.mu.Lock()
	defer st.mu.Unlock()
	username, email, phone := str(rec.profile["username"]), str(rec.profile["email"]), str(rec.profile["phone"])
	if (username != "" && st.byUsername[username] != "") || (email != "" && st.byEmail[email] != "") ||
		(phone != "" && st.byPhone[phone] != "") {
		return nil, errUserExists
	}
	st.users[rec.id] = rec
	st.userOrder = append(st.userOrder, rec.id)
	st.index(rec)
	return rec, nil
}

// index records the unique identifiers of rec; st.mu must be held.
func (st *state) index(rec *userRec) {
	if v := str(rec.profile["username"]); v != "" {
		st.byUsername[v] = rec.id
	}
	if v := str(rec.profile["email"]); v != "" {
		st.byEmail[v] = rec.id
	}
	if v := str(rec.profile["phone"]); v != "" {
		st.byPhone[v] = rec.id
	}
}

// unindex forgets the unique identifiers of rec; st.mu must be held.
func (st *state) unindex(rec *userRec) {
	delete(st.byUsername, str(rec.profile["username"]))
	delete(st.byEmail, str(rec.profile["email"]))
	delete(st.byPhone, str(rec.profile["phone"]))
}

// findBy returns the user whose field ("id", "username", "email",
// "phone", "externalId") equals value, or nil; st.mu must be held.
func (st *state) findBy(field, value string) *userRec {
	if value == "" {
		return nil
	}
	var id string
	switch field {
	case "id":
		id = value
	case "username":
		id = st.byUsername[value]
	case "email":
		id = st.byEmail[value]
	case "phone":
		id = st.byPhone[value]
	default:
		for _, uid := range st.userOrder {
			if str(st.users[uid].profile[field]) == value {
				return st.users[uid]
			}
		}
	}
	return st.users[id]
}

// user returns a copy of the user's profile, or nil.
func (st *state) userProfile(id string) map[string]any {
	st.mu.Lock()
	defer st.mu.Unlock()
	rec := st.users[id]
	if rec == nil {
		return nil
	}
	return copyMap(rec.profile)
}

// updateUser applies changes to a user under the lock, keeping the unique
// indexes right, and returns the new profile.
func (st *state) updateUser(s *Server, id string, change func(rec *userRec) error) (map[string]any, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	rec := st.users[id]
	if rec == nil {
		return nil, errUserNotFound
	}
	before := copyMap(rec.profile)
	st.unindex(rec)
	if err := change(rec); err != nil {
		rec.profile = before
		st.index(rec)
		return nil, err
	}
	for _, f := range []struct {
		field string
		index map[string]string
	}{
		{"username", st.byUsername}, {"email", st.byEmail}, {"phone", st.byPhone},
	} {
		if v := str(rec.profile[f.field]); v != "" && f.index[v] != "" && f.index[v] != id {
			rec.profile = before
			st.index(rec)
			return nil, errUserExists
		}
	}
	rec.profile["updatedAt"] = timestamp(s.now())
	st.index(rec)
	return copyMap(rec.profile), nil
}

// deleteUser removes a user and everything that points at it.
func (st *state) deleteUser(id string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	rec := st.users[id]
	if rec == nil {
		return false
	}
	st.unindex(rec)
	delete(st.users, id)
	st.userOrder = slices.DeleteFunc(st.userOrder, func(uid string) bool { return uid == id })
	for _, r := range st.roles {
		delete(r.users, id)
	}
	for _, g := range st.groups {
		delete(g.users, id)
	}
	for _, jti := range st.userTokens[id] {
		st.revokedIDs[jti] = true
	}
	delete(st.udvs, "USER/"+id)
	return true
}

func (st *state) recordToken(userID, jti string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.userTokens[userID] = append(st.userTokens[userID], jti)
}

func (st *state) revoked(jti string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.revokedIDs[jti]
}

// revokeUserTokens invalidates every token issued to the user.
func (st *state) revokeUserTokens(userID string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, jti := range st.userTokens[userID] {
		st.revokedIDs[jti] = true
	}
	st.userTokens[userID] = nil
}

func (st *state) revokeToken(jti string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.revokedIDs[jti] = true
}

// hasLiveToken reports whether the user holds a token not yet revoked.
func (st *state) hasLiveToken(userID string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, jti := range st.userTokens[userID] {
		if !st.revokedIDs[jti] {
			return true
		}
	}
	return false
}

// sendCode records a new 6-digit code for an address.
func (st *state) sendCode(s *Server, address string) string {
	return st.sendCodeFor(s, address, "", langZH)
}

// sendCodeFor records a new 6-digit code for an address ("phone:x" or
// "email:x") and the message that "sends" it, for the scene the client
// named, in the language of its request.
func (st *state) sendCodeFor(s *Server, address, scene string, l lang) string {
	code := randomDigits(6)
	now := s.now()
	st.storeCode(address, codeRec{code: code, expires: now.Add(codeLifetime)})
	st.outbox.add(codeMessage(address, scene, code, now, l))
	return code
}

// storeCode keeps the last code sent to an address.
func (st *state) storeCode(address string, c codeRec) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.codes[address] = c
}

func (st *state) lastCode(address string) (string, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	c, ok := st.codes[address]
	return c.code, ok
}

// useCode checks and consumes the code sent to address.
func (st *state) useCode(s *Server, address, code string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	c, ok := st.codes[address]
	if !ok || c.code != code {
		return errCodeWrong
	}
	if s.now().After(c.expires) {
		return errCodeExpired
	}
	delete(st.codes, address)
	return nil
}

func randomDigits(n int) string {
	h := randomHex(n)
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteByte('0' + h[i]%10)
	}
	return b.String()
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

func copyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// userScalarFields are the User fields the server stores.
var userScalarFields = []string{
	"id", "arn", "status", "userPoolId", "username", "email", "emailVerified", "phone", "phoneVerified",
	"unionid", "openid", "nickname", "registerSource", "photo", "password", "oauth", "token", "tokenExpiredAt",
	"loginsCount", "lastLogin", "lastIP", "signedUp", "blocked", "isDeleted", "device", "browser", "company",
	"name", "givenName", "familyName", "middleName", "profile", "preferredUsername", "website", "gender",
	"birthdate", "zoneinfo", "locale", "address", "formatted", "streetAddress", "locality", "region",
	"postalCode", "city", "province", "country", "createdAt", "updatedAt", "externalId", "phoneCountryCode",
	"mainDepartmentId", "mainDepartmentCode", "newlyCreated", "expiredAt", "directManagement",
}
