package authingtest

import (
	"net/http"
	"time"
)

// Multi-factor authentication: the administrator's queryMfa and changeMfa,
// the user's TOTP, SMS, email and face second factors, and their checks
// during a login.

// mfaRec is a user's second factor: a TOTP authenticator (confirmed or
// pending), a recovery code, and a face photo.
type mfaRec struct {
	secret, pendingSecret string
	recoveryCode          string
	face                  string
}

// mfaAPI is the MFA area's table.
func (s *Server) mfaAPI() api {
	return api{
		query:    map[string]rootResolver{"queryMfa": adminOnly(s.queryMfa)},
		mutation: map[string]rootResolver{"changeMfa": adminOnly(s.changeMfa)},
		routes: []route{
			{"GET /api/v2/mfa/authenticator", s.mfaAuthenticators},
			{"POST /api/v2/mfa/totp/associate", s.associateTOTP},
			{"POST /api/v2/mfa/totp/associate/confirm", s.confirmTOTP},
			{"DELETE /api/v2/mfa/totp/associate", s.deleteTOTP},
			{"POST /api/v2/mfa/totp/verify", s.verifyTOTP},
			{"POST /api/v2/mfa/totp/recovery", s.verifyRecoveryCode},
			{"POST /api/v2/applications/mfa/sms/verify", s.verifySMSFactor},
			{"POST /api/v2/applications/mfa/email/verify", s.verifyEmailFactor},
			{"POST /api/v2/applications/mfa/check", s.checkMFAContact},
			{"POST /api/v2/mfa/face/associate", s.faceFactor},
			{"POST /api/v2/mfa/face/verify", s.verifyFace},
			{"POST /api/v2/mfa/totp/import", s.admin(s.importTOTP)},
			{"GET /api/v2/users/{id}/mfa-bound", s.admin(s.mfaBound)},
			{"DELETE /api/v2/users/{id}/mfa-bound", s.admin(s.unbindMFA)},
		},
	}
}

func (s *Server) queryMfa(_ *request, args map[string]any) (any, error) {
	m, err := s.st.changePoolMfa(s.UserPoolID, argString(args, "userId"), func(map[string]any) {})
	return obj(m), err
}

func (s *Server) changeMfa(_ *request, args map[string]any) (any, error) {
	enable, setEnable := argBool(args, "enable")
	refresh, _ := argBool(args, "refresh")
	m, err := s.st.changePoolMfa(s.UserPoolID, argString(args, "userId"), func(rec map[string]any) {
		if setEnable {
			rec["enable"] = enable
		}
		if refresh {
			rec["secret"] = randomHex(10)
		}
	})
	return obj(m), err
}

// mfaEnabled reports whether a login of the user needs a second factor.
func (s *Server) mfaEnabled(userID string) bool { return s.st.mfaEnabled(userID) }

// mfaChallenge is the 1635 error a login answers when MFA is on: its data
// carries a short-lived MFA token for the Verify calls.
func (s *Server) mfaChallenge(userID string) error {
	token, _, _, err := s.issueKind(userID, "mfa", 10*time.Minute)
	if err != nil {
		return err
	}
	p := s.st.userProfile(userID)
	return errMFARequired.withData(map[string]any{
		"mfaToken": token, "nickname": p["nickname"], "email": p["email"], "phone": p["phone"],
		"phoneCountryCode": p["phoneCountryCode"], "avatar": p["photo"],
		"applicationMfa": []any{map[string]any{"mfaPolicy": "OTP", "status": 1, "sort": 0}},
	})
}

// mfaUser requires an end user's or an MFA token and returns the user.
func (rq *request) mfaUser() (string, error) {
	if rq.caller != nil && (rq.caller.Kind == "user" || rq.caller.Kind == "mfa") {
		return rq.caller.Subject, nil
	}
	return rq.user()
}

// mfaOnly requires an MFA token (a login in progress).
func (rq *request) mfaOnly() (string, error) {
	if rq.caller != nil && rq.caller.Kind == "mfa" {
		return rq.caller.Subject, nil
	}
	return "", errMFATokenInvalid
}

// finishMFALogin completes a login that passed its second factor.
func (s *Server) finishMFALogin(rq *request, userID string) (any, error) {
	s.st.revokeToken(rq.caller.ID)
	p, err := s.issueFor(userID)
	if err != nil {
		return nil, err
	}
	return restUser(p), nil
}

func (s *Server) mfaAuthenticators(rq *request, _ *http.Request) (any, error) {
	id, err := rq.mfaUser()
	if err != nil {
		return nil, err
	}
	out := []any{}
	if secret, recovery, ok := s.st.totpSecret(id); ok {
		// The cloud's MfaAuthenticator; authing-local keeps no dates for it.
		out = append(out, map[string]any{"id": id + "-totp", "userId": id, "enable": true, "authenticatorType": "totp",
			"secret": secret, "recoveryCode": recovery, "source": "SELF", "createdAt": "", "updatedAt": ""})
	}
	return out, nil
}

func (s *Server) associateTOTP(rq *request, _ *http.Request) (any, error) {
	id, err := rq.mfaUser()
	if err != nil {
		return nil, err
	}
	secret, recovery := newTOTPSecret(), randomHex(4)+"-"+randomHex(4)
	s.st.startTOTP(id, secret, recovery)
	uri := "otpauth://totp/authingtest:" + id + "?secret=" + secret + "&issuer=authingtest"
	return map[string]any{"authenticator_type": "totp", "secret": secret, "qrcode_uri": uri,
		"qrcode_data_url": "", "recovery_code": recovery}, nil
}

func (s *Server) confirmTOTP(rq *request, r *http.Request) (any, error) {
	id, err := rq.mfaUser()
	if err != nil {
		return nil, err
	}
	var body struct{ Totp string }
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	return nil, s.st.confirmTOTP(s.UserPoolID, id, body.Totp, s.now())
}

func (s *Server) deleteTOTP(rq *request, _ *http.Request) (any, error) {
	id, err := rq.user()
	if err != nil {
		return nil, err
	}
	s.st.deleteTOTP(id)
	return nil, nil
}

func (s *Server) verifyTOTP(rq *request, r *http.Request) (any, error) {
	id, err := rq.mfaOnly()
	if err != nil {
		return nil, err
	}
	var body struct{ Totp string }
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	if !s.st.totpMatches(id, body.Totp, s.now()) {
		return nil, errCodeWrong
	}
	return s.finishMFALogin(rq, id)
}

func (s *Server) verifyRecoveryCode(rq *request, r *http.Request) (any, error) {
	id, err := rq.mfaOnly()
	if err != nil {
		return nil, err
	}
	var body struct {
		RecoveryCode string `json:"recoveryCode"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	if !s.st.useRecoveryCode(id, body.RecoveryCode) {
		return nil, errCodeWrong
	}
	return s.finishMFALogin(rq, id)
}

func (s *Server) verifySMSFactor(rq *request, r *http.Request) (any, error) {
	return s.verifyCodeFactor(rq, r, "phone")
}

func (s *Server) verifyEmailFactor(rq *request, r *http.Request) (any, error) {
	return s.verifyCodeFactor(rq, r, "email")
}

// verifyCodeFactor checks the code sent to the phone or email of a login
// in progress.
func (s *Server) verifyCodeFactor(rq *request, r *http.Request, field string) (any, error) {
	id, err := rq.mfaOnly()
	if err != nil {
		return nil, err
	}
	var body map[string]string
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	if err := s.st.useCode(s, field+":"+body[field], body["code"]); err != nil {
		return nil, err
	}
	return s.finishMFALogin(rq, id)
}

// checkMFAContact reports whether a phone or email is free for the user.
func (s *Server) checkMFAContact(rq *request, r *http.Request) (any, error) {
	id, err := rq.mfaOnly()
	if err != nil {
		return nil, err
	}
	var body struct{ Phone, Email string }
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	for field, v := range map[string]string{"phone": body.Phone, "email": body.Email} {
		if other := s.st.findUserID(field, v); other != "" && other != id {
			return false, nil
		}
	}
	return true, nil
}

// faceFactor associates a face (two photos of it) or, with one photo,
// verifies it during a login.
func (s *Server) faceFactor(rq *request, r *http.Request) (any, error) {
	id, err := rq.mfaUser()
	if err != nil {
		return nil, err
	}
	var body struct {
		PhotoA, PhotoB, Photo string
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	if body.Photo == "" {
		if body.PhotoA == "" || body.PhotoA != body.PhotoB {
			return nil, errFaceMismatch
		}
		s.st.setFace(id, body.PhotoA)
		return restUser(s.st.userProfile(id)), nil // the JS SDK declares User
	}
	if !s.st.faceMatches(id, body.Photo) || rq.caller.Kind != "mfa" {
		return nil, errFaceCheckFailed
	}
	return s.finishMFALogin(rq, id)
}

// userMFA is the user's second factors, created empty; st.mu must be held.
func (st *state) userMFA(userID string) *mfaRec {
	if st.mfaRecs[userID] == nil {
		st.mfaRecs[userID] = &mfaRec{}
	}
	return st.mfaRecs[userID]
}

// changePoolMfa applies change to the user's Mfa settings, created on
// first use, and returns a copy.
func (st *state) changePoolMfa(poolID, userID string, change func(map[string]any)) (map[string]any, error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.users[userID] == nil {
		return nil, errUserNotFound
	}
	rec := st.pool.mfa[userID]
	if rec == nil {
		rec = map[string]any{"id": newID(), "userId": userID, "userPoolId": poolID, "enable": false, "secret": randomHex(10)}
		st.pool.mfa[userID] = rec
	}
	change(rec)
	return copyMap(rec), nil
}

func (st *state) mfaEnabled(userID string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := st.pool.mfa[userID]
	return m != nil && m["enable"] == true
}

func (st *state) startTOTP(userID, secret, recovery string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := st.userMFA(userID)
	m.pendingSecret, m.recoveryCode = secret, recovery
}

// confirmTOTP makes the pending authenticator the user's, once a code of
// it is shown, and turns MFA on.
func (st *state) confirmTOTP(poolID, userID, code string, now time.Time) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := st.userMFA(userID)
	if m.pendingSecret == "" || !totpMatches(m.pendingSecret, code, now) {
		return errCodeWrong
	}
	m.secret, m.pendingSecret = m.pendingSecret, ""
	st.pool.mfa[userID] = map[string]any{"id": userID + "-totp", "userId": userID, "userPoolId": poolID, "enable": true, "secret": m.secret}
	return nil
}

func (st *state) deleteTOTP(userID string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	delete(st.mfaRecs, userID)
	if m := st.pool.mfa[userID]; m != nil {
		m["enable"] = false
	}
}

func (st *state) totpMatches(userID, code string, now time.Time) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := st.mfaRecs[userID]
	return m != nil && m.secret != "" && totpMatches(m.secret, code, now)
}

// useRecoveryCode checks a recovery code, which works once.
func (st *state) useRecoveryCode(userID, code string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := st.mfaRecs[userID]
	if m == nil || m.recoveryCode == "" || m.recoveryCode != code {
		return false
	}
	m.recoveryCode = randomHex(4) + "-" + randomHex(4)
	return true
}

func (st *state) setFace(userID, photo string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.userMFA(userID).face = photo
}

func (st *state) faceMatches(userID, photo string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := st.mfaRecs[userID]
	return m != nil && m.face != "" && m.face == photo
}

// verifyFace is POST /api/v2/mfa/face/verify {photo}, the JS SDK's face
// step of a login (the Python SDK posts {photo} to face/associate).
func (s *Server) verifyFace(rq *request, r *http.Request) (any, error) {
	id, err := rq.mfaUser()
	if err != nil {
		return nil, err
	}
	var body struct{ Photo string }
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	if !s.st.faceMatches(id, body.Photo) || rq.caller.Kind != "mfa" {
		return nil, errFaceCheckFailed
	}
	return s.finishMFALogin(rq, id)
}

// importTOTP is POST /api/v2/mfa/totp/import {userId, secret,
// recoveryCode?}: the administrator binds a TOTP secret the user already
// has, and MFA is on. It answers the MfaAuthenticator.
func (s *Server) importTOTP(_ *request, r *http.Request) (any, error) {
	var body struct{ UserID, Secret, RecoveryCode string }
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	if body.UserID == "" || body.Secret == "" {
		return nil, errIncomplete
	}
	if _, err := TOTPCode(body.Secret, s.now()); err != nil {
		return nil, errTOTPSecret
	}
	if body.RecoveryCode == "" {
		body.RecoveryCode = randomHex(4) + "-" + randomHex(4)
	}
	now := timestamp(s.now())
	if err := s.st.importTOTP(s.UserPoolID, body.UserID, body.Secret, body.RecoveryCode); err != nil {
		return nil, err
	}
	return map[string]any{"id": body.UserID + "-totp", "userId": body.UserID, "secret": body.Secret,
		"authenticatorType": "totp", "recoveryCode": body.RecoveryCode, "enable": true, "createdAt": now, "updatedAt": now}, nil
}

// mfaBound is GET /api/v2/users/{id}/mfa-bound: {OTP, FACE}, the second
// factors the user has bound.
func (s *Server) mfaBound(_ *request, r *http.Request) (any, error) {
	otp, face, err := s.st.mfaBound(r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	return map[string]bool{"OTP": otp, "FACE": face}, nil
}

// unbindMFA is DELETE /api/v2/users/{id}/mfa-bound?type=OTP|FACE.
func (s *Server) unbindMFA(_ *request, r *http.Request) (any, error) {
	id, kind := r.PathValue("id"), r.URL.Query().Get("type")
	if kind != "OTP" && kind != "FACE" {
		return nil, errMFAType.with(kind)
	}
	if _, _, err := s.st.mfaBound(id); err != nil {
		return nil, err
	}
	if kind == "OTP" {
		s.st.deleteTOTP(id)
	} else {
		s.st.setFace(id, "")
	}
	return true, nil
}

// importTOTP binds a confirmed TOTP secret and turns MFA on.
func (st *state) importTOTP(poolID, userID, secret, recovery string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.users[userID] == nil {
		return errUserNotFound
	}
	m := st.userMFA(userID)
	m.secret, m.pendingSecret, m.recoveryCode = secret, "", recovery
	st.pool.mfa[userID] = map[string]any{"id": userID + "-totp", "userId": userID, "userPoolId": poolID, "enable": true, "secret": secret}
	return nil
}

// mfaBound reports which second factors the user has bound.
func (st *state) mfaBound(userID string) (otp, face bool, err error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.users[userID] == nil {
		return false, false, errUserNotFound
	}
	m := st.mfaRecs[userID]
	return m != nil && m.secret != "", m != nil && m.face != "", nil
}

// totpSecret is the user's confirmed TOTP secret and recovery code.
func (st *state) totpSecret(userID string) (secret, recovery string, ok bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := st.mfaRecs[userID]
	if m == nil || m.secret == "" {
		return "", "", false
	}
	return m.secret, m.recoveryCode, true
}
