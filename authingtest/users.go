package authingtest

import (
	"sort"
	"strings"
)

// userObj is the GraphQL User for a profile, with the fields that take
// arguments or need other data resolved when selected.
func (s *Server) userObj(profile map[string]any) obj {
	if profile == nil {
		return nil
	}
	o := obj(copyMap(profile))
	id := str(profile["id"])
	o["roles"] = resolver(func(args map[string]any) (any, error) {
		return paginated(s.rolesOfUser(id, argString(args, "namespace")), args), nil
	})
	o["groups"] = resolver(func(args map[string]any) (any, error) {
		return paginated(s.groupsOfUser(id), map[string]any{"limit": 1000}), nil
	})
	o["departments"] = resolver(func(args map[string]any) (any, error) {
		return s.departmentsOf(id, argString(args, "orgId")), nil
	})
	o["authorizedResources"] = resolver(func(args map[string]any) (any, error) {
		return s.authorizedResourcesOf("USER", id, argString(args, "namespace"), argString(args, "resourceType")), nil
	})
	o["customData"] = resolver(func(map[string]any) (any, error) {
		return s.customData("USER", id), nil
	})
	o["identities"] = []obj{}
	return o
}

// withToken returns the profile of a user just logged in, with its token.
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

// login checks a password login for the user found by field=value.
func (s *Server) login(field, value, encPassword string, args map[string]any) (any, error) {
	input := argObject(args, "input")
	password, err := s.decryptPassword(encPassword)
	if err != nil {
		return nil, err
	}
	s.st.mu.Lock()
	rec := s.st.findBy(field, value)
	var salt, hash string
	if rec != nil {
		salt, hash = rec.salt, rec.hash
	}
	s.st.mu.Unlock()
	if rec == nil {
		if auto, _ := argBool(input, "autoRegister"); auto {
			created, err := s.st.createUser(s, map[string]any{field: value}, password, "basic")
			if err != nil {
				return nil, err
			}
			return s.finishLogin(created.id, input)
		}
		return nil, errUserNotFound
	}
	if hash == "" || !passwordMatches(salt, hash, password) {
		return nil, errWrongPassword
	}
	if s.mfaEnabled(rec.id) {
		return nil, s.mfaChallenge(rec.id)
	}
	return s.finishLogin(rec.id, input)
}

// finishLogin records the login and answers the user with a new token.
func (s *Server) finishLogin(id string, input map[string]any) (any, error) {
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
	p, err := s.issueFor(id)
	if err != nil {
		return nil, err
	}
	return s.userObj(p), nil
}

// register creates a user from a registration input.
func (s *Server) register(field string, args map[string]any, needPassword bool) (any, error) {
	input := argObject(args, "input")
	value := argString(input, field)
	if value == "" {
		return nil, errIncomplete
	}
	var password string
	if enc := argString(input, "password"); enc != "" {
		p, err := s.decryptPassword(enc)
		if err != nil {
			return nil, err
		}
		password = p
	} else if needPassword {
		return nil, errPasswordNeeded
	}
	if password != "" && len(password) < 6 {
		return nil, errPasswordTooShort
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
	rec, err := s.st.createUser(s, profile, password, "basic")
	if err != nil {
		return nil, err
	}
	for _, u := range argObjects(argObject(input, "profile"), "udf") {
		s.setUdv("USER", rec.id, argString(u, "key"), argString(u, "value"))
	}
	force, _ := argBool(input, "forceLogin")
	gen, _ := argBool(input, "generateToken")
	if force || gen {
		return s.finishLogin(rec.id, input)
	}
	return s.userObj(s.st.userProfile(rec.id)), nil
}

// selfOrAdmin resolves the user a call acts on: the id given (management
// token, or the caller's own id) or the caller.
func (rq *request) selfOrAdmin(id string) (string, error) {
	if id != "" {
		if rq.admin() == nil {
			return id, nil
		}
		self, err := rq.user()
		if err != nil {
			return "", err
		}
		if self != id {
			return "", errForbidden
		}
		return id, nil
	}
	return rq.user()
}

func (s *Server) userResolvers(q, m map[string]rootResolver) {
	m["registerByUsername"] = func(rq *request, args map[string]any) (any, error) {
		return s.register("username", args, true)
	}
	m["registerByEmail"] = func(rq *request, args map[string]any) (any, error) {
		return s.register("email", args, true)
	}
	m["registerByPhoneCode"] = func(rq *request, args map[string]any) (any, error) {
		return s.register("phone", args, false)
	}
	m["loginByUsername"] = func(rq *request, args map[string]any) (any, error) {
		in := argObject(args, "input")
		return s.login("username", argString(in, "username"), argString(in, "password"), args)
	}
	m["loginByEmail"] = func(rq *request, args map[string]any) (any, error) {
		in := argObject(args, "input")
		return s.login("email", argString(in, "email"), argString(in, "password"), args)
	}
	m["loginByPhonePassword"] = func(rq *request, args map[string]any) (any, error) {
		in := argObject(args, "input")
		return s.login("phone", argString(in, "phone"), argString(in, "password"), args)
	}
	m["loginBySubAccount"] = func(rq *request, args map[string]any) (any, error) {
		return s.login("username", argString(args, "account"), argString(args, "password"),
			map[string]any{"input": map[string]any{"clientIp": args["clientIp"]}})
	}
	m["loginByPhoneCode"] = func(rq *request, args map[string]any) (any, error) {
		in := argObject(args, "input")
		phone := argString(in, "phone")
		if err := s.st.useCode(s, "phone:"+phone, argString(in, "code")); err != nil {
			return nil, err
		}
		s.st.mu.Lock()
		rec := s.st.findBy("phone", phone)
		s.st.mu.Unlock()
		if rec == nil {
			created, err := s.st.createUser(s, map[string]any{"phone": phone, "phoneVerified": true}, "", "basic")
			if err != nil {
				return nil, err
			}
			rec = created
		}
		return s.finishLogin(rec.id, in)
	}
	q["checkLoginStatus"] = func(rq *request, args map[string]any) (any, error) {
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
	m["refreshToken"] = func(rq *request, args map[string]any) (any, error) {
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
	m["sendEmail"] = func(rq *request, args map[string]any) (any, error) {
		email := argString(args, "email")
		if !strings.Contains(email, "@") {
			return nil, errEmailFormat
		}
		s.st.sendCodeFor(s, "email:"+email, argString(args, "scene"))
		return commonMessage(msgSent), nil
	}
	m["sendFirstLoginVerifyEmail"] = func(rq *request, args map[string]any) (any, error) {
		if err := rq.admin(); err != nil {
			return nil, err
		}
		p := s.st.userProfile(argString(args, "userId"))
		if p == nil {
			return nil, errUserNotFound
		}
		if email := str(p["email"]); email != "" {
			s.st.sendCode(s, "email:"+email)
		}
		return commonMessage(msgSent), nil
	}
	m["resetPassword"] = func(rq *request, args map[string]any) (any, error) {
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
		s.st.mu.Lock()
		rec := s.st.findBy(field, value)
		s.st.mu.Unlock()
		if rec == nil {
			return nil, errUserNotFound
		}
		if err := s.setPassword(rec.id, argString(args, "newPassword")); err != nil {
			return nil, err
		}
		return commonMessage(msgPasswordSet), nil
	}
	m["resetPasswordByFirstLoginToken"] = func(rq *request, args map[string]any) (any, error) {
		c, err := s.verify(argString(args, "token"))
		if err != nil || c.Kind != "user" {
			return nil, errLoginExpired
		}
		if err := s.setPassword(c.Subject, argString(args, "password")); err != nil {
			return nil, err
		}
		return commonMessage(msgPasswordSet), nil
	}
	m["resetPasswordByForceResetToken"] = func(rq *request, args map[string]any) (any, error) {
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
	m["updatePassword"] = func(rq *request, args map[string]any) (any, error) {
		id, err := rq.user()
		if err != nil {
			return nil, err
		}
		s.st.mu.Lock()
		hasPassword := s.st.users[id] != nil && s.st.users[id].hash != ""
		s.st.mu.Unlock()
		if hasPassword {
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
		return s.userObj(s.st.userProfile(id)), nil
	}
	m["updateUser"] = func(rq *request, args map[string]any) (any, error) {
		asAdmin := argString(args, "id") != "" && rq.admin() == nil
		id, err := rq.selfOrAdmin(argString(args, "id"))
		if err != nil {
			return nil, err
		}
		input := argObject(args, "input")
		if !asAdmin {
			if _, ok := input["email"]; ok {
				return nil, errEmailViaUpdate
			}
			if _, ok := input["phone"]; ok {
				return nil, errPhoneViaUpdate
			}
		}
		if enc := argString(input, "password"); enc != "" {
			if err := s.setPassword(id, enc); err != nil {
				return nil, err
			}
		}
		p, err := s.st.updateUser(s, id, func(rec *userRec) error {
			for k, v := range input {
				if _, known := rec.profile[k]; known && k != "password" && k != "id" {
					rec.profile[k] = v
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		return s.userObj(p), nil
	}
	for _, kind := range []string{"phone", "email"} {
		kind := kind
		upper := strings.ToUpper(kind[:1]) + kind[1:]
		m["update"+upper] = func(rq *request, args map[string]any) (any, error) {
			return s.changeContact(rq, kind, args[kind], args[kind+"Code"])
		}
		m["bind"+upper] = func(rq *request, args map[string]any) (any, error) {
			return s.changeContact(rq, kind, args[kind], args[kind+"Code"])
		}
		m["unbind"+upper] = func(rq *request, args map[string]any) (any, error) {
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
			return s.userObj(p), nil
		}
	}
	q["isUserExists"] = func(rq *request, args map[string]any) (any, error) {
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		for _, f := range []string{"username", "email", "phone", "externalId"} {
			if s.st.findBy(f, argString(args, f)) != nil {
				return true, nil
			}
		}
		return false, nil
	}
	q["checkPasswordStrength"] = func(rq *request, args map[string]any) (any, error) {
		if len(argString(args, "password")) < 6 {
			return obj{"valid": false, "message": errPasswordTooShort}, nil
		}
		return obj{"valid": true, "message": msgPasswordGood}, nil
	}
	q["checkPassword"] = func(rq *request, args map[string]any) (any, error) {
		if len(argString(args, "password")) < 6 {
			return commonMessage(errPasswordTooShort), nil
		}
		return commonMessage(msgPasswordOK), nil
	}
	q["user"] = func(rq *request, args map[string]any) (any, error) {
		id, err := rq.selfOrAdmin(argString(args, "id"))
		if err != nil {
			return nil, err
		}
		// Authing answers an unknown id with 2004, not with null.
		p := s.st.userProfile(id)
		if p == nil {
			return nil, errUserNotFound
		}
		return s.userObj(p), nil
	}
	s.managementUserResolvers(q, m)
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
	return s.userObj(p), nil
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
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	rec := s.st.users[id]
	if rec == nil {
		return errUserNotFound
	}
	if !passwordMatches(rec.salt, rec.hash, password) {
		return errWrongPassword
	}
	return nil
}

// userObjs returns the user objects of ids, in order, leaving out users
// deleted meanwhile.
func (s *Server) userObjs(ids []string) []obj {
	out := make([]obj, 0, len(ids))
	for _, id := range ids {
		if p := s.st.userProfile(id); p != nil {
			out = append(out, s.userObj(p))
		}
	}
	return out
}

// inUserOrder returns the ids in set in the order users were created;
// st.mu must be held.
func (st *state) inUserOrder(set map[string]bool) []string {
	var ids []string
	for _, id := range st.userOrder {
		if set[id] {
			ids = append(ids, id)
		}
	}
	return ids
}

// usersMatching returns user objects in creation order that keep returns
// true for, with the lock held while filtering.
func (s *Server) usersMatching(keep func(p map[string]any) bool) []obj {
	s.st.mu.Lock()
	var profiles []map[string]any
	for _, id := range s.st.userOrder {
		p := s.st.users[id].profile
		if keep == nil || keep(p) {
			profiles = append(profiles, copyMap(p))
		}
	}
	s.st.mu.Unlock()
	out := make([]obj, len(profiles))
	for i, p := range profiles {
		out[i] = s.userObj(p)
	}
	return out
}

func (s *Server) managementUserResolvers(q, m map[string]rootResolver) {
	admin := func(f rootResolver) rootResolver {
		return func(rq *request, args map[string]any) (any, error) {
			if err := rq.admin(); err != nil {
				return nil, err
			}
			return f(rq, args)
		}
	}
	q["users"] = admin(func(rq *request, args map[string]any) (any, error) {
		users := s.usersMatching(func(p map[string]any) bool { return p["status"] != "Archived" })
		if sortBy := argString(args, "sortBy"); sortBy == "" || strings.HasSuffix(sortBy, "_DESC") {
			field := "createdAt"
			if strings.HasPrefix(sortBy, "UPDATEDAT") {
				field = "updatedAt"
			}
			sort.SliceStable(users, func(i, j int) bool { return str(users[i][field]) > str(users[j][field]) })
			// Equal timestamps keep creation order reversed, newest first.
			reverseStable(users, field)
		}
		return paginated(users, args), nil
	})
	q["archivedUsers"] = admin(func(rq *request, args map[string]any) (any, error) {
		return paginated(s.usersMatching(func(p map[string]any) bool { return p["status"] == "Archived" }), args), nil
	})
	q["userBatch"] = admin(func(rq *request, args map[string]any) (any, error) {
		field := argString(args, "type")
		if field == "" {
			field = "id"
		}
		ids := argStrings(args, "ids")
		if len(ids) > 80 {
			return nil, errTooManyUsers
		}
		var out []obj
		for _, v := range ids {
			s.st.mu.Lock()
			rec := s.st.findBy(field, v)
			var p map[string]any
			if rec != nil {
				p = copyMap(rec.profile)
			}
			s.st.mu.Unlock()
			if p != nil {
				out = append(out, s.userObj(p))
			}
		}
		if out == nil {
			out = []obj{}
		}
		return out, nil
	})
	q["findUser"] = admin(func(rq *request, args map[string]any) (any, error) {
		s.st.mu.Lock()
		var p map[string]any
		for _, f := range []string{"username", "email", "phone", "externalId"} {
			if rec := s.st.findBy(f, argString(args, f)); rec != nil {
				p = copyMap(rec.profile)
				break
			}
		}
		s.st.mu.Unlock()
		if p == nil {
			return nil, nil
		}
		return s.userObj(p), nil
	})
	q["searchUser"] = admin(func(rq *request, args map[string]any) (any, error) {
		query := strings.ToLower(argString(args, "query"))
		fields := argStrings(args, "fields")
		if len(fields) == 0 {
			fields = []string{"username", "email", "phone", "nickname", "name"}
		}
		return paginated(s.usersMatching(func(p map[string]any) bool {
			for _, f := range fields {
				if strings.Contains(strings.ToLower(str(p[f])), query) {
					return true
				}
			}
			return false
		}), args), nil
	})
	m["createUser"] = admin(func(rq *request, args map[string]any) (any, error) {
		info := argObject(args, "userInfo")
		profile := copyMap(info)
		delete(profile, "password")
		password := ""
		if enc := argString(info, "password"); enc != "" {
			if keep, _ := argBool(args, "keepPassword"); keep {
				password = enc // an imported hash: stored as given
			} else {
				p, err := s.decryptPassword(enc)
				if err != nil {
					return nil, err
				}
				password = p
			}
		}
		if str(profile["username"]) == "" && str(profile["email"]) == "" && str(profile["phone"]) == "" {
			return nil, errNoIdentifier
		}
		rec, err := s.st.createUser(s, profile, password, "import:manual")
		if err != nil {
			return nil, err
		}
		return s.userObj(s.st.userProfile(rec.id)), nil
	})
	m["deleteUser"] = admin(func(rq *request, args map[string]any) (any, error) {
		if !s.st.deleteUser(argString(args, "id")) {
			return nil, errDeleteNoUser
		}
		return commonMessage(msgDeleted), nil
	})
	m["deleteUsers"] = admin(func(rq *request, args map[string]any) (any, error) {
		for _, id := range argStrings(args, "ids") {
			s.st.deleteUser(id)
		}
		return commonMessage(msgDeleted), nil
	})
}

// reverseStable puts users with equal field values newest first: they
// are in creation order after a stable sort.
func reverseStable(users []obj, field string) {
	for i := 0; i < len(users); {
		j := i + 1
		for j < len(users) && str(users[j][field]) == str(users[i][field]) {
			j++
		}
		for a, b := i, j-1; a < b; a, b = a+1, b-1 {
			users[a], users[b] = users[b], users[a]
		}
		i = j
	}
}
