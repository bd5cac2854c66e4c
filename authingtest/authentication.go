package authingtest

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strings"
)

// The end user's side: registration, login, codes, passwords, contact
// changes and the user's own REST routes.

// authenticationAPI is the authentication area's table.
func (s *Server) authenticationAPI() api {
	return api{
		query: map[string]rootResolver{
			"checkLoginStatus": s.checkLoginStatus, "checkPasswordStrength": s.checkPasswordStrength,
			"checkPassword": s.checkPasswordField,
		},
		mutation: map[string]rootResolver{
			"registerByUsername": s.registerByUsername, "registerByEmail": s.registerByEmail,
			"registerByPhoneCode": s.registerByPhoneCode, "loginByUsername": s.loginByUsername,
			"loginByEmail": s.loginByEmail, "loginByPhonePassword": s.loginByPhonePassword,
			"loginBySubAccount": s.loginBySubAccount, "loginByPhoneCode": s.loginByPhoneCode,
			"refreshToken": s.refreshToken, "sendEmail": s.sendEmail, "resetPassword": s.resetPassword,
			"resetPasswordByFirstLoginToken": s.resetPasswordByFirstLoginToken,
			"resetPasswordByForceResetToken": s.resetPasswordByForceResetToken,
			"updatePassword":                 s.updatePassword, "updatePhone": s.updatePhone, "updateEmail": s.updateEmail,
			"bindPhone": s.updatePhone, "bindEmail": s.updateEmail, "unbindPhone": s.unbindPhone,
			"unbindEmail": s.unbindEmail,
		},
		routes: []route{
			{"GET /api/v2/.well-known", s.wellKnown},
			{"GET /api/v2/users/me", saying(msgUserFetched, s.getMe)},
			{"POST /api/v2/sms/send", s.sendSMS},
			{"GET /api/v2/logout", s.logout},
			{"GET /api/v2/users/me/orgs", s.myOrgs},
			{"GET /api/v2/users/me/security-level", s.securityLevel},
			{"GET /api/v2/users/me/applications/allowed", s.myApplications},
			{"POST /api/v2/users/link", s.linkAccounts},
			{"POST /api/v2/users/unlink", s.linkAccounts},
			{"POST /api/v2/password/check", s.passwordCheck},
			{"POST /api/v2/login/email-code", s.loginByEmailCode},
			{"POST /api/v2/register/email-code", s.registerByEmailCode},
			{"POST /api/v3/signin", raw(s.signin)},
			{"POST /api/v2/ldap/verify-user", s.directoryLogin},
			{"POST /api/v2/ad/verify-user", s.directoryLogin},
		},
	}
}

func (s *Server) registerByUsername(_ *request, args map[string]any) (any, error) {
	return s.register("username", args, true)
}

func (s *Server) registerByEmail(_ *request, args map[string]any) (any, error) {
	return s.register("email", args, true)
}

func (s *Server) registerByPhoneCode(_ *request, args map[string]any) (any, error) {
	return s.register("phone", args, false)
}

func (s *Server) loginByUsername(_ *request, args map[string]any) (any, error) {
	in := argObject(args, "input")
	return s.login("username", argString(in, "username"), argString(in, "password"), args)
}

func (s *Server) loginByEmail(_ *request, args map[string]any) (any, error) {
	in := argObject(args, "input")
	return s.login("email", argString(in, "email"), argString(in, "password"), args)
}

func (s *Server) loginByPhonePassword(_ *request, args map[string]any) (any, error) {
	in := argObject(args, "input")
	return s.login("phone", argString(in, "phone"), argString(in, "password"), args)
}

func (s *Server) loginBySubAccount(_ *request, args map[string]any) (any, error) {
	return s.login("username", argString(args, "account"), argString(args, "password"),
		map[string]any{"input": map[string]any{"clientIp": args["clientIp"]}})
}

func (s *Server) loginByPhoneCode(_ *request, args map[string]any) (any, error) {
	in := argObject(args, "input")
	phone := argString(in, "phone")
	if err := s.st.useCode(s, "phone:"+phone, argString(in, "code")); err != nil {
		return nil, err
	}
	id := s.st.findUserID("phone", phone)
	if id == "" {
		created, err := s.st.createUser(s, map[string]any{"phone": phone, "phoneVerified": true}, "", "basic")
		if err != nil {
			return nil, err
		}
		id = created.id
	}
	return s.finishLogin(id, in)
}

// login checks a password login for the user found by field=value.
func (s *Server) login(field, value, encPassword string, args map[string]any) (any, error) {
	input := argObject(args, "input")
	password, err := s.decryptPassword(encPassword)
	if err != nil {
		return nil, err
	}
	c, ok := s.st.credentials(field, value)
	if !ok {
		if auto, _ := argBool(input, "autoRegister"); auto {
			created, err := s.st.createUser(s, map[string]any{field: value}, password, "basic")
			if err != nil {
				return nil, err
			}
			return s.finishLogin(created.id, input)
		}
		return nil, errUserNotFound
	}
	if c.hash == "" || !passwordMatches(c.salt, c.hash, password) {
		return nil, errWrongPassword
	}
	if s.mfaEnabled(c.id) {
		return nil, s.mfaChallenge(c.id)
	}
	return s.finishLogin(c.id, input)
}

// finishLogin records the login and answers the user with a new token.
func (s *Server) finishLogin(id string, input map[string]any) (any, error) {
	p, err := s.loginProfile(id, input)
	if err != nil {
		return nil, err
	}
	return s.userObj(p), nil
}

// loginProfile records a login and returns the user's profile with a new
// token, for GraphQL's User or REST's user record.
func (s *Server) loginProfile(id string, input map[string]any) (map[string]any, error) {
	// A login's params set the user's custom values, as at registration.
	params, err := parseParams(argString(input, "params"))
	if err != nil {
		return nil, err
	}
	if err := s.storeParams(id, params); err != nil {
		return nil, err
	}
	now := timestamp(s.now())
	if _, err := s.st.updateUser(s, id, func(rec *userRec) error {
		rec.profile["loginsCount"] = argInt(rec.profile, "loginsCount", 0) + 1
		rec.profile["lastLogin"] = now
		if ip := argString(input, "clientIp"); ip != "" {
			rec.profile["lastIP"] = ip
		}
		return nil
	}); err != nil {
		return nil, err
	}
	return s.issueFor(id)
}

// issueFor returns the profile of a user just logged in, with a new token.
func (s *Server) issueFor(id string) (map[string]any, error) {
	token, _, exp, err := s.issue(id)
	if err != nil {
		return nil, err
	}
	p := s.st.userProfile(id)
	if p == nil {
		return nil, errUserNotFound
	}
	p["token"] = token
	p["tokenExpiredAt"] = timestamp(exp)
	return p, nil
}

// register creates a user from a registration input.
func (s *Server) register(field string, args map[string]any, needPassword bool) (any, error) {
	input := argObject(args, "input")
	value := argString(input, field)
	if value == "" {
		return nil, errIncomplete
	}
	password, err := s.registrationPassword(argString(input, "password"), needPassword)
	if err != nil {
		return nil, err
	}
	if field == "phone" {
		if err := s.st.useCode(s, "phone:"+value, argString(input, "code")); err != nil {
			return nil, err
		}
	}
	profile := map[string]any{}
	for k, v := range argObject(input, "profile") {
		if k != "udf" {
			profile[k] = v
		}
	}
	profile[field] = value
	if field == "phone" {
		profile["phoneVerified"] = true
	}
	params, err := s.registrationParams(input)
	if err != nil {
		return nil, err
	}
	rec, err := s.st.createUser(s, profile, password, "basic")
	if err != nil {
		return nil, err
	}
	if err := s.storeParams(rec.id, params); err != nil {
		return nil, err
	}
	force, _ := argBool(input, "forceLogin")
	gen, _ := argBool(input, "generateToken")
	if force || gen {
		return s.finishLogin(rec.id, input)
	}
	return s.userObj(s.st.userProfile(rec.id)), nil
}

// registrationParams are the custom values a registration gives: its
// params, its profile's udf list and its customData object, checked
// against the user fields.
func (s *Server) registrationParams(input map[string]any) ([]udv, error) {
	params, err := parseParams(argString(input, "params"))
	if err != nil {
		return nil, err
	}
	for _, u := range argObjects(argObject(input, "profile"), "udf") {
		params = append(params, udv{argString(u, "key"), argString(u, "value")})
	}
	// The JS SDK's REST registration sends customData as an object.
	custom := argObject(input, "customData")
	for _, k := range slices.Sorted(maps.Keys(custom)) {
		b, err := json.Marshal(custom[k])
		if err != nil {
			return nil, errParams.with(err)
		}
		params = append(params, udv{k, jsonValue(string(b))})
	}
	return params, s.st.checkUdvs("USER", params)
}

// registrationPassword decrypts a registration's password and checks it.
func (s *Server) registrationPassword(enc string, needed bool) (string, error) {
	if enc == "" {
		if needed {
			return "", errPasswordNeeded
		}
		return "", nil
	}
	password, err := s.decryptPassword(enc)
	if err != nil {
		return "", err
	}
	if len(password) < 6 {
		return "", errPasswordTooShort
	}
	return password, nil
}

func (s *Server) checkLoginStatus(rq *request, args map[string]any) (any, error) {
	token := argString(args, "token")
	if token == "" {
		token = rq.token
	}
	c, err := s.verify(token)
	if err != nil {
		return obj{"code": msgTokenInvalid.code, "message": msgTokenInvalid, "status": false, "exp": nil, "iat": nil, "data": nil}, nil
	}
	return obj{"code": 200, "message": msgLoggedIn, "status": true, "exp": c.ExpiresAt.Unix(), "iat": c.IssuedAt.Unix(),
		"data": obj{"id": c.Subject, "userPoolId": s.UserPoolID, "arn": "arn:cn:authing:" + s.UserPoolID + ":user:" + c.Subject}}, nil
}

func (s *Server) checkPasswordStrength(_ *request, args map[string]any) (any, error) {
	if len(argString(args, "password")) < 6 {
		return obj{"valid": false, "message": errPasswordTooShort}, nil
	}
	return obj{"valid": true, "message": msgPasswordGood}, nil
}

// checkPasswordField is the checkPassword query.
func (s *Server) checkPasswordField(_ *request, args map[string]any) (any, error) {
	if len(argString(args, "password")) < 6 {
		return commonMessage(errPasswordTooShort), nil
	}
	return commonMessage(msgPasswordOK), nil
}

func (s *Server) refreshToken(rq *request, args map[string]any) (any, error) {
	id, err := rq.selfOrAdmin(argString(args, "id"))
	if err != nil {
		return nil, err
	}
	if s.st.userProfile(id) == nil {
		return nil, errUserNotFound
	}
	token, iat, exp, err := s.issue(id)
	if err != nil {
		return nil, err
	}
	return obj{"token": token, "iat": iat.Unix(), "exp": exp.Unix()}, nil
}

func (s *Server) sendEmail(rq *request, args map[string]any) (any, error) {
	email := argString(args, "email")
	if !strings.Contains(email, "@") {
		return nil, errEmailFormat
	}
	s.st.sendCodeFor(s, "email:"+email, argString(args, "scene"), rq.lang)
	return commonMessage(msgSent), nil
}

func (s *Server) resetPassword(_ *request, args map[string]any) (any, error) {
	field, value := "phone", argString(args, "phone")
	if value == "" {
		field, value = "email", argString(args, "email")
	}
	if value == "" {
		return nil, errIncomplete
	}
	if err := s.st.useCode(s, field+":"+value, argString(args, "code")); err != nil {
		return nil, err
	}
	id := s.st.findUserID(field, value)
	if id == "" {
		return nil, errUserNotFound
	}
	if err := s.setPassword(id, argString(args, "newPassword")); err != nil {
		return nil, err
	}
	return commonMessage(msgPasswordSet), nil
}

func (s *Server) resetPasswordByFirstLoginToken(_ *request, args map[string]any) (any, error) {
	c, err := s.verify(argString(args, "token"))
	if err != nil || c.Kind != "user" {
		return nil, errLoginExpired
	}
	if err := s.setPassword(c.Subject, argString(args, "password")); err != nil {
		return nil, err
	}
	return commonMessage(msgPasswordSet), nil
}

func (s *Server) resetPasswordByForceResetToken(_ *request, args map[string]any) (any, error) {
	c, err := s.verify(argString(args, "token"))
	if err != nil || c.Kind != "user" {
		return nil, errLoginExpired
	}
	if err := s.checkPassword(c.Subject, argString(args, "oldPassword")); err != nil {
		return nil, err
	}
	if err := s.setPassword(c.Subject, argString(args, "newPassword")); err != nil {
		return nil, err
	}
	return commonMessage(msgPasswordSet), nil
}

func (s *Server) updatePassword(rq *request, args map[string]any) (any, error) {
	id, err := rq.user()
	if err != nil {
		return nil, err
	}
	if s.st.hasPassword(id) {
		old := argString(args, "oldPassword")
		if old == "" {
			return nil, errOldPasswordEmpty
		}
		if err := s.checkPassword(id, old); err != nil {
			return nil, errOldPasswordWrong
		}
	}
	if err := s.setPassword(id, argString(args, "newPassword")); err != nil {
		return nil, err
	}
	return s.userObj(s.withCallerToken(rq, s.st.userProfile(id))), nil
}

// updatePhone is updatePhone and bindPhone.
func (s *Server) updatePhone(rq *request, args map[string]any) (any, error) {
	return s.changeContact(rq, "phone", args["phone"], args["phoneCode"])
}

// updateEmail is updateEmail and bindEmail.
func (s *Server) updateEmail(rq *request, args map[string]any) (any, error) {
	return s.changeContact(rq, "email", args["email"], args["emailCode"])
}

func (s *Server) unbindPhone(rq *request, _ map[string]any) (any, error) {
	return s.unbindContact(rq, "phone")
}

func (s *Server) unbindEmail(rq *request, _ map[string]any) (any, error) {
	return s.unbindContact(rq, "email")
}

// changeContact sets a verified phone or email after checking its code.
func (s *Server) changeContact(rq *request, kind string, value, code any) (any, error) {
	id, err := rq.user()
	if err != nil {
		return nil, err
	}
	v, c := str(value), str(code)
	if v == "" || c == "" {
		return nil, errIncomplete
	}
	if err := s.st.useCode(s, kind+":"+v, c); err != nil {
		return nil, err
	}
	p, err := s.st.updateUser(s, id, func(rec *userRec) error {
		rec.profile[kind], rec.profile[kind+"Verified"] = v, true
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.userObj(s.withCallerToken(rq, p)), nil
}

// unbindContact removes the phone or email of the caller, unless it is
// the only way to log in.
func (s *Server) unbindContact(rq *request, kind string) (any, error) {
	id, err := rq.user()
	if err != nil {
		return nil, err
	}
	p, err := s.st.updateUser(s, id, func(rec *userRec) error {
		if rec.profile[kind] == nil {
			return errNotBound
		}
		other := map[string]string{"phone": "email", "email": "phone"}[kind]
		if rec.profile[other] == nil && rec.profile["username"] == nil {
			return errOnlyLoginMethod
		}
		rec.profile[kind], rec.profile[kind+"Verified"] = nil, false
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.userObj(s.withCallerToken(rq, p)), nil
}

// setPassword decrypts and stores a new password.
func (s *Server) setPassword(id, enc string) error {
	password, err := s.decryptPassword(enc)
	if err != nil {
		return err
	}
	if len(password) < 6 {
		return errPasswordTooShort
	}
	_, err = s.st.updateUser(s, id, func(rec *userRec) error {
		rec.hash = hashPassword(rec.salt, password)
		return nil
	})
	return err
}

// checkPassword compares an encrypted password with the stored one.
func (s *Server) checkPassword(id, enc string) error {
	password, err := s.decryptPassword(enc)
	if err != nil {
		return err
	}
	return s.st.checkPassword(id, password)
}

// withCallerToken puts the caller's own token into a profile it reads or
// changes, as the cloud does: the JS SDK stores the answer as its session.
func (s *Server) withCallerToken(rq *request, p map[string]any) map[string]any {
	if p == nil || rq.caller == nil || rq.caller.Kind != "user" || rq.caller.Subject != str(p["id"]) {
		return p
	}
	p["token"] = rq.token
	if rq.caller.ExpiresAt != nil {
		p["tokenExpiredAt"] = timestamp(rq.caller.ExpiresAt.Time)
	}
	return p
}

func (s *Server) wellKnown(*request, *http.Request) (any, error) {
	return map[string]string{"publicKey": s.PublicKeyPEM}, nil
}

// getMe is GET /api/v2/users/me: the caller's user, with its token.
func (s *Server) getMe(rq *request, _ *http.Request) (any, error) {
	id, err := rq.user()
	if err != nil {
		return nil, err
	}
	p := s.st.userProfile(id)
	if p == nil {
		return nil, errUserNotFound
	}
	return restUser(s.withCallerToken(rq, p)), nil
}

func (s *Server) sendSMS(rq *request, r *http.Request) (any, error) {
	var body struct{ Phone, Scene string }
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	if body.Phone == "" {
		return nil, errIncomplete
	}
	s.st.sendCodeFor(s, "phone:"+body.Phone, body.Scene, rq.lang)
	return nil, nil
}

func (s *Server) logout(rq *request, _ *http.Request) (any, error) {
	if _, err := rq.user(); err != nil {
		return nil, err
	}
	s.st.revokeToken(rq.caller.ID)
	return nil, nil
}

func (s *Server) myOrgs(rq *request, _ *http.Request) (any, error) {
	_, err := rq.user()
	return [][]any{}, err
}

// myApplications is GET /api/v2/users/me/applications/allowed: the
// applications the caller may use, a page of them.
func (s *Server) myApplications(rq *request, r *http.Request) (any, error) {
	id, err := rq.user()
	if err != nil {
		return nil, err
	}
	list := s.st.allowedApps(id)
	return map[string]any{"totalCount": len(list), "list": page(list, queryArgs(r))}, nil
}

func (s *Server) securityLevel(rq *request, _ *http.Request) (any, error) {
	id, err := rq.user()
	if err != nil {
		return nil, err
	}
	p := s.st.userProfile(id)
	if p == nil {
		return nil, errUserNotFound
	}
	hasPassword := s.st.hasPassword(id)
	score := 40
	email, phone := p["email"] != nil, p["phone"] != nil
	for _, ok := range []bool{email, phone, hasPassword} {
		if ok {
			score += 20
		}
	}
	return map[string]any{"score": score, "email": email, "phone": phone, "password": hasPassword, "mfa": false,
		"passwordSecurityLevel": 2}, nil
}

// linkAccounts checks both tokens of a link or unlink; the server keeps
// no social identities, so there is nothing further to change.
func (s *Server) linkAccounts(_ *request, r *http.Request) (any, error) {
	var body struct {
		PrimaryUserToken   string `json:"primaryUserToken"`
		SecondaryUserToken string `json:"secondaryUserToken"`
		Provider           string `json:"provider"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	if _, err := s.verify(body.PrimaryUserToken); err != nil {
		return nil, errLoginExpired
	}
	if strings.HasSuffix(r.URL.Path, "/link") {
		if _, err := s.verify(body.SecondaryUserToken); err != nil {
			return nil, errLoginExpired
		}
	} else if body.Provider == "" {
		return nil, errIncomplete
	}
	return nil, nil
}

func (s *Server) passwordCheck(_ *request, r *http.Request) (any, error) {
	var body struct{ Password string }
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	// The cloud answers success with the verdict in data, a list of
	// {valid, message}, one per rule of the pool's password policy (the
	// JS SDK's declaration); a password that breaks a rule is no error.
	return []any{map[string]any{"valid": len(body.Password) >= 6, "message": msgPasswordRuleLength.text(langOf(r))}}, nil
}

// directoryLogin answers the LDAP and AD logins from the server's own
// users: the directory is the user store here.
func (s *Server) directoryLogin(rq *request, r *http.Request) (any, error) {
	var body struct{ Username, Password string }
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	c, ok := s.st.credentials("username", body.Username)
	if !ok {
		return nil, errUserNotFound
	}
	if !passwordMatches(c.salt, c.hash, body.Password) {
		return nil, errWrongPassword
	}
	s.recordAction(rq, false, c.id, "loginByLDAP", "", true)
	p, err := s.issueFor(c.id)
	if err != nil {
		return nil, err
	}
	return restUser(p), nil
}

// credentials is what a password login checks.
type credentials struct {
	id, salt, hash string
}

// credentials finds the user whose field equals value.
func (st *state) credentials(field, value string) (credentials, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	rec := st.findBy(field, value)
	if rec == nil {
		return credentials{}, false
	}
	return credentials{rec.id, rec.salt, rec.hash}, true
}

// findUserID is the id of the user whose field equals value, or "".
func (st *state) findUserID(field, value string) string {
	st.mu.Lock()
	defer st.mu.Unlock()
	if rec := st.findBy(field, value); rec != nil {
		return rec.id
	}
	return ""
}

func (st *state) hasPassword(id string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.users[id] != nil && st.users[id].hash != ""
}

// checkPassword compares a plain password with the user's.
func (st *state) checkPassword(id, password string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	rec := st.users[id]
	if rec == nil {
		return errUserNotFound
	}
	if !passwordMatches(rec.salt, rec.hash, password) {
		return errWrongPassword
	}
	return nil
}

// loginByEmailCode is POST /api/v2/login/email-code {email, code}: a code
// sent by sendEmail logs the user in, creating it on first use as a phone
// code login does.
func (s *Server) loginByEmailCode(rq *request, r *http.Request) (any, error) {
	var in map[string]any
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	email := argString(in, "email")
	if email == "" || argString(in, "code") == "" {
		return nil, errIncomplete
	}
	if err := s.st.useCode(s, "email:"+email, argString(in, "code")); err != nil {
		return nil, err
	}
	id := s.st.findUserID("email", email)
	if id == "" {
		created, err := s.st.createUser(s, map[string]any{"email": email, "emailVerified": true}, "", "basic")
		if err != nil {
			return nil, err
		}
		id = created.id
	}
	return s.restLogin(rq, id, "loginByEmailCode", in)
}

// restLogin records a login made over REST and answers the REST user
// record with its token.
func (s *Server) restLogin(rq *request, id, operation string, in map[string]any) (any, error) {
	p, err := s.loginProfile(id, in)
	if err != nil {
		return nil, err
	}
	s.recordAction(rq, false, id, operation, argString(in, "clientIp"), true)
	return restUser(p), nil
}

// registerByEmailCode is POST /api/v2/register/email-code {email, code,
// profile?, forceLogin?, generateToken?}: the user, with a token when
// forceLogin or generateToken asks for one.
func (s *Server) registerByEmailCode(rq *request, r *http.Request) (any, error) {
	var in map[string]any
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	email := argString(in, "email")
	if email == "" || argString(in, "code") == "" {
		return nil, errIncomplete
	}
	if err := s.st.useCode(s, "email:"+email, argString(in, "code")); err != nil {
		return nil, err
	}
	profile := copyMap(argObject(in, "profile"))
	delete(profile, "udf")
	profile["email"], profile["emailVerified"] = email, true
	params, err := s.registrationParams(in)
	if err != nil {
		return nil, err
	}
	rec, err := s.st.createUser(s, profile, "", "basic")
	if err != nil {
		return nil, err
	}
	if err := s.storeParams(rec.id, params); err != nil {
		return nil, err
	}
	force, _ := argBool(in, "forceLogin")
	token, _ := argBool(in, "generateToken")
	if force || token {
		return s.restLogin(rq, rec.id, "registerByEmailCode", in)
	}
	return restUser(s.st.userProfile(rec.id)), nil
}

// signin is POST /api/v3/signin, the v3 login by credentials. Its answer
// is {statusCode, message, data} with an OIDC-style token set in data.
func (s *Server) signin(w http.ResponseWriter, r *http.Request) {
	data, err := s.signinTokens(r)
	if err != nil {
		code, text, _ := answer(err, langOf(r))
		writeJSON(w, http.StatusOK, map[string]any{"statusCode": code, "message": text, "data": nil})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"statusCode": 200, "message": msgOK.text(langOf(r)), "data": data})
}

// signinTokens checks a v3 PASSWORD or PASSCODE sign-in and issues its
// tokens. Passwords are plain unless options.passwordEncryptType is "rsa".
func (s *Server) signinTokens(r *http.Request) (map[string]any, error) {
	var in map[string]any
	if err := decodeBody(r, &in); err != nil {
		return nil, err
	}
	var id string
	var err error
	switch argString(in, "connection") {
	case "PASSWORD":
		id, err = s.signinPassword(argObject(in, "passwordPayload"), argObject(in, "options"))
	case "PASSCODE":
		id, err = s.signinPassCode(argObject(in, "passCodePayload"))
	default:
		return nil, errIncomplete
	}
	if err != nil {
		return nil, err
	}
	p, err := s.loginProfile(id, nil)
	if err != nil {
		return nil, err
	}
	token := str(p["token"])
	return map[string]any{"access_token": token, "id_token": token, "token_type": "Bearer",
		"expire_in": int(s.tokenTTL.Seconds()), "scope": "openid profile"}, nil
}

// signinPassword finds the user of a v3 password payload (account,
// username, email or phone) and checks the password.
func (s *Server) signinPassword(p, options map[string]any) (string, error) {
	password := argString(p, "password")
	if argString(options, "passwordEncryptType") == "rsa" {
		plain, err := s.decryptPassword(password)
		if err != nil {
			return "", err
		}
		password = plain
	}
	for _, field := range []string{"username", "email", "phone", "account"} {
		value := argString(p, field)
		by := []string{field}
		if field == "account" { // an account is any of the three
			by = []string{"username", "email", "phone"}
		}
		for _, f := range by {
			c, ok := s.st.credentials(f, value)
			if value == "" || !ok {
				continue
			}
			if c.hash == "" || !passwordMatches(c.salt, c.hash, password) {
				return "", errWrongPassword
			}
			return c.id, nil
		}
	}
	return "", errUserNotFound
}

// signinPassCode checks a v3 passcode payload: a code sent to the email or
// phone of an existing user.
func (s *Server) signinPassCode(p map[string]any) (string, error) {
	field, value := "phone", argString(p, "phone")
	if value == "" {
		field, value = "email", argString(p, "email")
	}
	if value == "" {
		return "", errIncomplete
	}
	if err := s.st.useCode(s, field+":"+value, argString(p, "passCode")); err != nil {
		return "", err
	}
	id := s.st.findUserID(field, value)
	if id == "" {
		return "", errUserNotFound
	}
	return id, nil
}
