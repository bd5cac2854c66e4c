package authingtest

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"strings"
	"time"
)

// TOTPCode returns the 6-digit RFC 6238 code (30-second steps, HMAC-SHA1)
// of a base32 secret at time t: what an authenticator app would show.
// Tests use it to answer the server's TOTP challenges.
func TOTPCode(secret string, t time.Time) (string, error) {
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.ToUpper(strings.TrimRight(secret, "=")))
	if err != nil {
		return "", fmt.Errorf("authingtest: TOTP secret is not base32: %w", err)
	}
	var counter [8]byte
	binary.BigEndian.PutUint64(counter[:], uint64(t.Unix()/30))
	mac := hmac.New(sha1.New, key)
	mac.Write(counter[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	code := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%06d", code%1_000_000), nil
}

// totpMatches accepts the code of the current step or a neighbour, as
// authenticator clocks drift.
func totpMatches(secret, code string, now time.Time) bool {
	for _, d := range []time.Duration{0, -30 * time.Second, 30 * time.Second} {
		if want, err := TOTPCode(secret, now.Add(d)); err == nil && want == code {
			return true
		}
	}
	return false
}

// newTOTPSecret returns a random 160-bit base32 secret.
func newTOTPSecret() string {
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString([]byte(randomHex(10)))
}
