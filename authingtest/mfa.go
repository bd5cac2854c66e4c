package authingtest

import (
	"net/http"
	"time"
)

// mfaRec is a user's second factor: a TOTP authenticator (confirmed or
// pending), a recovery code, and a face photo.
type mfaRec struct {
	secret, pendingSecret string
	recoveryCode          string
	face                  string
}

// mfaEnabled reports whether a login of the user needs a second factor.
func (s *Server) mfaEnabled(userID string) bool {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	m := s.st.pool.mfa[userID]
	return m != nil && m["enable"] == true
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

func (s *Server) userMFA(userID string) *mfaRec {
	if s.st.mfaRecs[userID] == nil {
		s.st.mfaRecs[userID] = &mfaRec{}
	}
	return s.st.mfaRecs[userID]
}

func (s *Server) mfaRoutes(route func(string, restHandler)) {
	route("GET /api/v2/mfa/authenticator", func(rq *request, r *http.Request) (any, error) {
		id, err := rq.mfaUser()
		if err != nil {
			return nil, err
		}
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		out := []any{}
		if m := s.st.mfaRecs[id]; m != nil && m.secret != "" {
			out = append(out, map[string]any{"id": id + "-totp", "userId": id, "enable": true, "authenticatorType": "totp",
				"source": "SELF", "createdAt": "", "updatedAt": ""})
		}
		return out, nil
	})
	route("POST /api/v2/mfa/totp/associate", func(rq *request, r *http.Request) (any, error) {
		id, err := rq.mfaUser()
		if err != nil {
			return nil, err
		}
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		m := s.userMFA(id)
		m.pendingSecret, m.recoveryCode = newTOTPSecret(), randomHex(4)+"-"+randomHex(4)
		uri := "otpauth://totp/authingtest:" + id + "?secret=" + m.pendingSecret + "&issuer=authingtest"
		return map[string]any{"authenticator_type": "totp", "secret": m.pendingSecret, "qrcode_uri": uri,
			"qrcode_data_url": "", "recovery_code": m.recoveryCode}, nil
	})
	route("POST /api/v2/mfa/totp/associate/confirm", func(rq *request, r *http.Request) (any, error) {
		id, err := rq.mfaUser()
		if err != nil {
			return nil, err
		}
		var body struct{ Totp string }
		if err := decodeBody(r, &body); err != nil {
			return nil, err
		}
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		m := s.userMFA(id)
		if m.pendingSecret == "" || !totpMatches(m.pendingSecret, body.Totp, s.now()) {
			return nil, errCodeWrong
		}
		m.secret, m.pendingSecret = m.pendingSecret, ""
		s.st.pool.mfa[id] = map[string]any{"id": id + "-totp", "userId": id, "userPoolId": s.UserPoolID, "enable": true, "secret": m.secret}
		return nil, nil
	})
	route("DELETE /api/v2/mfa/totp/associate", func(rq *request, r *http.Request) (any, error) {
		id, err := rq.user()
		if err != nil {
			return nil, err
		}
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		delete(s.st.mfaRecs, id)
		if m := s.st.pool.mfa[id]; m != nil {
			m["enable"] = false
		}
		return nil, nil
	})
	route("POST /api/v2/mfa/totp/verify", func(rq *request, r *http.Request) (any, error) {
		id, err := rq.mfaOnly()
		if err != nil {
			return nil, err
		}
		var body struct{ Totp string }
		if err := decodeBody(r, &body); err != nil {
			return nil, err
		}
		s.st.mu.Lock()
		m := s.st.mfaRecs[id]
		ok := m != nil && m.secret != "" && totpMatches(m.secret, body.Totp, s.now())
		s.st.mu.Unlock()
		if !ok {
			return nil, errCodeWrong
		}
		return s.finishMFALogin(rq, id)
	})
	route("POST /api/v2/mfa/totp/recovery", func(rq *request, r *http.Request) (any, error) {
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
		s.st.mu.Lock()
		m := s.st.mfaRecs[id]
		ok := m != nil && m.recoveryCode != "" && m.recoveryCode == body.RecoveryCode
		if ok {
			m.recoveryCode = randomHex(4) + "-" + randomHex(4) // a recovery code works once
		}
		s.st.mu.Unlock()
		if !ok {
			return nil, errCodeWrong
		}
		return s.finishMFALogin(rq, id)
	})
	for _, kind := range []string{"sms", "email"} {
		field := map[string]string{"sms": "phone", "email": "email"}[kind]
		route("POST /api/v2/applications/mfa/"+kind+"/verify", func(rq *request, r *http.Request) (any, error) {
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
		})
	}
	route("POST /api/v2/applications/mfa/check", func(rq *request, r *http.Request) (any, error) {
		id, err := rq.mfaOnly()
		if err != nil {
			return nil, err
		}
		var body struct{ Phone, Email string }
		if err := decodeBody(r, &body); err != nil {
			return nil, err
		}
		s.st.mu.Lock()
		defer s.st.mu.Unlock()
		for field, v := range map[string]string{"phone": body.Phone, "email": body.Email} {
			if u := s.st.findBy(field, v); u != nil && u.id != id {
				return false, nil
			}
		}
		return true, nil
	})
	route("POST /api/v2/mfa/face/associate", func(rq *request, r *http.Request) (any, error) {
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
		s.st.mu.Lock()
		m := s.userMFA(id)
		if body.Photo == "" { // associate: two photos of one face
			if body.PhotoA == "" || body.PhotoA != body.PhotoB {
				s.st.mu.Unlock()
				return nil, errFaceMismatch
			}
			m.face = body.PhotoA
			s.st.mu.Unlock()
			return nil, nil
		}
		ok := m.face != "" && m.face == body.Photo // verify
		s.st.mu.Unlock()
		if !ok || rq.caller.Kind != "mfa" {
			return nil, errFaceCheckFailed
		}
		return s.finishMFALogin(rq, id)
	})
}
