package client

import "unicode"

// Password security levels returned by ComputePasswordSecurityLevel.
const (
	PasswordWeak   = 1
	PasswordMedium = 2
	PasswordStrong = 3
)

// ComputePasswordSecurityLevel rates a password locally, without a network
// call, by its length (in characters, not bytes) and how many of four
// character classes it uses: lowercase letters, uppercase letters, digits,
// and everything else (symbols, spaces, letters without case such as CJK).
//
//   - PasswordStrong (3): 12 or more characters from at least 3 classes;
//   - PasswordMedium (2): 8 or more characters from at least 2 classes;
//   - PasswordWeak (1): anything else, including the empty password.
//
// It is a hint for a user interface, not a policy: the user pool's own
// password rules are checked by the server.
func ComputePasswordSecurityLevel(password string) int {
	var lower, upper, digit, other bool
	n := 0
	for _, r := range password {
		n++
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsUpper(r):
			upper = true
		case unicode.IsDigit(r):
			digit = true
		default:
			other = true
		}
	}
	classes := 0
	for _, used := range []bool{lower, upper, digit, other} {
		if used {
			classes++
		}
	}
	switch {
	case n >= 12 && classes >= 3:
		return PasswordStrong
	case n >= 8 && classes >= 2:
		return PasswordMedium
	}
	return PasswordWeak
}
