package authing

import (
	"encoding/json"
	"fmt"
)

// CommonMessage is the {code, message} answer of many mutations.
type CommonMessage struct {
	// Code is Authing's status code (200 on success).
	Code int `json:"code"`
	// Message is the server's message, in the language the request asked for.
	Message string `json:"message"`
}

// PasswordStrength is the server's verdict on a password.
type PasswordStrength struct {
	// Valid is true when the password meets the pool's policy.
	Valid bool `json:"valid"`
	// Message says why it does not.
	Message string `json:"message"`
}

// SortBy orders list results.
type SortBy string

// The sort orders.
const (
	SortByCreatedAtDesc SortBy = "CREATEDAT_DESC"
	SortByCreatedAtAsc  SortBy = "CREATEDAT_ASC"
	SortByUpdatedAtDesc SortBy = "UPDATEDAT_DESC"
	SortByUpdatedAtAsc  SortBy = "UPDATEDAT_ASC"
)

// EmailScene is the purpose of an e-mail the server sends, which picks its
// template.
type EmailScene string

// The e-mail scenes.
const (
	EmailSceneResetPassword                   EmailScene = "RESET_PASSWORD"
	EmailSceneResetPasswordVerifyCode         EmailScene = "RESET_PASSWORD_VERIFY_CODE"
	EmailSceneVerifyEmail                     EmailScene = "VERIFY_EMAIL"
	EmailSceneFirstEmailLoginVerify           EmailScene = "FIRST_EMAIL_LOGIN_VERIFY"
	EmailSceneConsoleConductedVerify          EmailScene = "CONSOLE_CONDUCTED_VERIFY"
	EmailSceneChangeEmail                     EmailScene = "CHANGE_EMAIL"
	EmailSceneEmailBindVerifyCode             EmailScene = "EMAIL_BIND_VERIFY_CODE"
	EmailSceneEmailUnbindVerifyCode           EmailScene = "EMAIL_UNBIND_VERIFY_CODE"
	EmailSceneMFAVerify                       EmailScene = "MFA_VERIFY"
	EmailSceneVerifyCode                      EmailScene = "VERIFY_CODE"
	EmailSceneRegisterVerifyCode              EmailScene = "REGISTER_VERIFY_CODE"
	EmailSceneLoginVerifyCode                 EmailScene = "LOGIN_VERIFY_CODE"
	EmailSceneMFAVerifyCode                   EmailScene = "MFA_VERIFY_CODE"
	EmailSceneInformationCompletionVerifyCode EmailScene = "INFORMATION_COMPLETION_VERIFY_CODE"
)

// looseString decodes a JSON string as it is, a number as its JSON text
// and true, false and null as "", for fields that Authing sends with more
// than one JSON type depending on the route.
type looseString string

// UnmarshalJSON implements json.Unmarshaler.
func (s *looseString) UnmarshalJSON(b []byte) error {
	switch {
	case len(b) > 0 && b[0] == '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = looseString(v)
	case string(b) == "true", string(b) == "false", string(b) == "null":
		*s = ""
	case len(b) > 0 && (b[0] == '-' || (b[0] >= '0' && b[0] <= '9')):
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return err
		}
		*s = looseString(n)
	default:
		return fmt.Errorf("authing: %s is not a string, number or boolean", b)
	}
	return nil
}
