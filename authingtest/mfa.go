package authingtest

import (
	"net/http"
	"time"
)

// The mfa area: a user's second factors (a TOTP authenticator with its
// recovery code, a face photo), the MFA step of a login, and the
// administrator's view of them.

// mfaRec is a user's second factors: a TOTP authenticator (confirmed or
// pending), a recovery code, a face photo, and the Mfa object's flag and
// secret that queryMfa and changeMfa read and change.
type mfaRec struct {
	id                    string
	secret, pendingSecret string
	recoveryCode          string
	face                  string
	enable                bool
	mfaSecret             string
	createdAt, updatedAt  string
}

// mfaAPI registers the area's root fields and routes.
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
			{"POST /api/v2/applications/mfa/sms/verify", s.verifyAppSMS},
			{"POST /api/v2/applications/mfa/email/verify", s.verifyAppEmail},
			{"POST /api/v2/applications/mfa/check", s.checkBindable},
			{"POST /api/v2/mfa/face/associate", s.associateFace},
			{"POST /api/v2/mfa/face/verify", s.verifyFace},
			{"POST /api/v2/mfa/totp/import", s.admin(s.importTOTP)},
			{"GET /api/v2/users/{id}/mfa-bound", s.admin(s.mfaBound)},
			{"DELETE /api/v2/users/{id}/mfa-bound", s.admin(s.unbindMFA)},
		},
	}
}

// mfaEnabled reports whether a login of the user needs a second factor.
func (s *Server) mfaEnabled(userID string) bool {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	m := s.st.mfaRecs[userID]
	return m != nil && m.enable
}

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

// mfaAuthenticators is GET /api/v2/mfa/authenticator: the caller's
// confirmed TOTP authenticator, if any.
func (s *Server) mfaAuthenticators(rq *request, _ *http.Request) (any, error) {
	id, err := rq.mfaUser()
	if err != nil {
		return nil, err
	}
	out := []any{}
	if a := s.st.totpAuthenticator(id); a != nil {
		out = append(out, a)
	}
	return out, nil
}

// associateTOTP is POST /api/v2/mfa/totp/associate: a new secret and
// recovery code, pending until confirmed.
func (s *Server) associateTOTP(rq *request, _ *http.Request) (any, error) {
	id, err := rq.mfaUser()
	if err != nil {
		return nil, err
	}
	secret, recovery := s.st.startTOTP(id, s.now())
	uri := "otpauth://totp/authingtest:" + id + "?secret=" + secret + "&issuer=authingtest"
	return map[string]any{"authenticator_type": "totp", "secret": secret, "qrcode_uri": uri,
		"qrcode_data_url": "", "recovery_code": recovery}, nil
}

// confirmTOTP is POST /api/v2/mfa/totp/associate/confirm: a code of the
// pending secret turns MFA on.
func (s *Server) confirmTOTP(rq *request, r *http.Request) (any, error) {
	id, err := rq.mfaUser()
	if err != nil {
		return nil, err
	}
	var body struct{ Totp string }
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	return nil, s.st.confirmTOTP(id, body.Totp, s.now())
}

// deleteTOTP is DELETE /api/v2/mfa/totp/associate.
func (s *Server) deleteTOTP(rq *request, _ *http.Request) (any, error) {
	id, err := rq.user()
	if err != nil {
		return nil, err
	}
	s.st.unbindMFA(id, "OTP", s.now())
	return nil, nil
}

// verifyTOTP is POST /api/v2/mfa/totp/verify, the TOTP step of a login.
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

// verifyRecoveryCode is POST /api/v2/mfa/totp/recovery; a recovery code
// works once.
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

// verifyAppSMS is POST /api/v2/applications/mfa/sms/verify.
func (s *Server) verifyAppSMS(rq *request, r *http.Request) (any, error) {
	return s.verifyAppCode(rq, r, "phone")
}

// verifyAppEmail is POST /api/v2/applications/mfa/email/verify.
func (s *Server) verifyAppEmail(rq *request, r *http.Request) (any, error) {
	return s.verifyAppCode(rq, r, "email")
}

// verifyAppCode completes a login whose second factor is a code sent to
// the phone or email of the body.
func (s *Server) verifyAppCode(rq *request, r *http.Request, field string) (any, error) {
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

// checkBindable is POST /api/v2/applications/mfa/check: whether the phone
// or email is free for the user of the login in progress.
func (s *Server) checkBindable(rq *request, r *http.Request) (any, error) {
	id, err := rq.mfaOnly()
	if err != nil {
		return nil, err
	}
	var body struct{ Phone, Email string }
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	for field, v := range map[string]string{"phone": body.Phone, "email": body.Email} {
		if owner := s.st.userIDBy(field, v); owner != "" && owner != id {
			return false, nil
		}
	}
	return true, nil
}

// associateFace is POST /api/v2/mfa/face/associate: two photos of one
// face bind it. The Python SDK verifies by posting {photo} here.
func (s *Server) associateFace(rq *request, r *http.Request) (any, error) {
	id, err := rq.mfaUser()
	if err != nil {
		return nil, err
	}
	var body struct{ PhotoA, PhotoB, Photo string }
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	if body.Photo != "" {
		return s.checkFace(rq, id, body.Photo)
	}
	if body.PhotoA == "" || body.PhotoA != body.PhotoB {
		return nil, errFaceMismatch
	}
	s.st.bindFace(id, body.PhotoA, s.now())
	return nil, nil
}

// verifyFace is POST /api/v2/mfa/face/verify, the face step of a login.
func (s *Server) verifyFace(rq *request, r *http.Request) (any, error) {
	id, err := rq.mfaUser()
	if err != nil {
		return nil, err
	}
	var body struct{ Photo string }
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	return s.checkFace(rq, id, body.Photo)
}

func (s *Server) checkFace(rq *request, id, photo string) (any, error) {
	if !s.st.faceMatches(id, photo) || rq.caller.Kind != "mfa" {
		return nil, errFaceCheckFailed
	}
	return s.finishMFALogin(rq, id)
}

// importTOTP is POST /api/v2/mfa/totp/import: the administrator binds a
// TOTP secret (and recovery code) the user already has.
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
	if s.st.userProfile(body.UserID) == nil {
		return nil, errUserNotFound
	}
	return s.st.importTOTP(body.UserID, body.Secret, body.RecoveryCode, s.now()), nil
}

// mfaBound is GET /api/v2/users/{id}/mfa-bound: {OTP, FACE}.
func (s *Server) mfaBound(_ *request, r *http.Request) (any, error) {
	id := r.PathValue("id")
	if s.st.userProfile(id) == nil {
		return nil, errUserNotFound
	}
	otp, face := s.st.mfaBound(id)
	return map[string]bool{"OTP": otp, "FACE": face}, nil
}

// unbindMFA is DELETE /api/v2/users/{id}/mfa-bound?type=OTP|FACE.
func (s *Server) unbindMFA(_ *request, r *http.Request) (any, error) {
	id, kind := r.PathValue("id"), r.URL.Query().Get("type")
	if s.st.userProfile(id) == nil {
		return nil, errUserNotFound
	}
	if kind != "OTP" && kind != "FACE" {
		return nil, errMFAType.with(kind)
	}
	s.st.unbindMFA(id, kind, s.now())
	return true, nil
}

// queryMfa is the root field queryMfa: the user's Mfa object.
func (s *Server) queryMfa(_ *request, args map[string]any) (any, error) {
	id := argString(args, "userId")
	if s.st.userProfile(id) == nil {
		return nil, errUserNotFound
	}
	return s.st.mfaObject(id, s.UserPoolID, nil, false, s.now()), nil
}

// changeMfa is the root field changeMfa: turn MFA on or off, or refresh
// the Mfa object's secret.
func (s *Server) changeMfa(_ *request, args map[string]any) (any, error) {
	id := argString(args, "userId")
	if s.st.userProfile(id) == nil {
		return nil, errUserNotFound
	}
	var enable *bool
	if v, ok := argBool(args, "enable"); ok {
		enable = &v
	}
	refresh, _ := argBool(args, "refresh")
	return s.st.mfaObject(id, s.UserPoolID, enable, refresh, s.now()), nil
}

// The area's state: each method locks the state and defers the unlock.

// mfaRecLocked returns the user's record, creating it; st.mu is held.
func (st *state) mfaRecLocked(userID string, now time.Time) *mfaRec {
	m := st.mfaRecs[userID]
	if m == nil {
		ts := timestamp(now)
		m = &mfaRec{id: newID(), mfaSecret: randomHex(10), createdAt: ts, updatedAt: ts}
		st.mfaRecs[userID] = m
	}
	return m
}

// totpAuthenticator is the user's confirmed TOTP authenticator, in
// Authing's MfaAuthenticator shape, or nil.
func (st *state) totpAuthenticator(userID string) map[string]any {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := st.mfaRecs[userID]
	if m == nil || m.secret == "" {
		return nil
	}
	return map[string]any{"id": m.id, "userId": userID, "enable": m.enable, "authenticatorType": "totp",
		"secret": m.secret, "recoveryCode": m.recoveryCode, "source": "SELF", "createdAt": m.createdAt, "updatedAt": m.updatedAt}
}

// startTOTP makes a pending secret and a new recovery code.
func (st *state) startTOTP(userID string, now time.Time) (secret, recovery string) {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := st.mfaRecLocked(userID, now)
	m.pendingSecret, m.recoveryCode = newTOTPSecret(), randomHex(4)+"-"+randomHex(4)
	return m.pendingSecret, m.recoveryCode
}

// confirmTOTP turns the pending secret on when code is one of its codes.
func (st *state) confirmTOTP(userID, code string, now time.Time) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := st.mfaRecLocked(userID, now)
	if m.pendingSecret == "" || !totpMatches(m.pendingSecret, code, now) {
		return errCodeWrong
	}
	m.secret, m.pendingSecret, m.enable, m.updatedAt = m.pendingSecret, "", true, timestamp(now)
	return nil
}

// importTOTP binds a secret the administrator gives and turns MFA on.
func (st *state) importTOTP(userID, secret, recovery string, now time.Time) map[string]any {
	st.mu.Lock()
	m := st.mfaRecLocked(userID, now)
	if recovery == "" {
		recovery = randomHex(4) + "-" + randomHex(4)
	}
	m.secret, m.pendingSecret, m.recoveryCode, m.enable, m.updatedAt = secret, "", recovery, true, timestamp(now)
	st.mu.Unlock()
	return st.totpAuthenticator(userID)
}

// totpMatches reports whether code is a current code of the user's
// confirmed secret.
func (st *state) totpMatches(userID, code string, now time.Time) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := st.mfaRecs[userID]
	return m != nil && m.secret != "" && totpMatches(m.secret, code, now)
}

// useRecoveryCode checks the recovery code and replaces it: it works once.
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

func (st *state) bindFace(userID, photo string, now time.Time) {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := st.mfaRecLocked(userID, now)
	m.face, m.updatedAt = photo, timestamp(now)
}

func (st *state) faceMatches(userID, photo string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := st.mfaRecs[userID]
	return m != nil && m.face != "" && m.face == photo
}

// mfaBound reports which second factors the user has bound.
func (st *state) mfaBound(userID string) (otp, face bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := st.mfaRecs[userID]
	return m != nil && m.secret != "", m != nil && m.face != ""
}

// unbindMFA removes a second factor: "OTP" (which turns MFA off) or "FACE".
func (st *state) unbindMFA(userID, kind string, now time.Time) {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := st.mfaRecs[userID]
	if m == nil {
		return
	}
	if kind == "FACE" {
		m.face = ""
	} else {
		m.secret, m.pendingSecret, m.recoveryCode, m.enable = "", "", "", false
	}
	m.updatedAt = timestamp(now)
}

// userIDBy is the id of the user whose field ("phone", "email", ...) is
// value, "" when none.
func (st *state) userIDBy(field, value string) string {
	st.mu.Lock()
	defer st.mu.Unlock()
	if u := st.findBy(field, value); u != nil {
		return u.id
	}
	return ""
}

// mfaObject answers the Mfa object, after turning MFA on or off (enable
// not nil) or refreshing its secret.
func (st *state) mfaObject(userID, poolID string, enable *bool, refresh bool, now time.Time) obj {
	st.mu.Lock()
	defer st.mu.Unlock()
	m := st.mfaRecLocked(userID, now)
	if enable != nil {
		m.enable = *enable
	}
	if refresh {
		m.mfaSecret = randomHex(10)
	}
	return obj{"id": m.id, "userId": userID, "userPoolId": poolID, "enable": m.enable, "secret": m.mfaSecret}
}
