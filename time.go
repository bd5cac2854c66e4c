package authing

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// jsonTime decodes one date as Authing sends it: an RFC 3339 string with an
// offset ("2020-10-07T23:33:58+08:00"), a number of seconds or milliseconds
// since the Unix epoch, or "" and null for "no date". Model types with date
// fields decode them through it, so that an empty date never fails a whole
// list.
type jsonTime struct {
	t   time.Time
	set bool
}

// UnmarshalJSON decodes b; "", null and the number 0 leave j unset.
func (j *jsonTime) UnmarshalJSON(b []byte) error {
	j.t, j.set = time.Time{}, false
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0, string(b) == "null", string(b) == `""`:
		return nil
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		return j.parseString(s)
	default:
		return j.parseNumber(string(b))
	}
}

func (j *jsonTime) parseString(s string) error {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		j.t, j.set = t, true
		return nil
	}
	// Some routes send dates as a number in a string.
	if err := j.parseNumber(s); err == nil {
		return nil
	}
	return fmt.Errorf("authing: date %q is neither RFC 3339 nor a Unix time", s)
}

func (j *jsonTime) parseNumber(s string) error {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("authing: date %s is neither RFC 3339 nor a Unix time", s)
	}
	switch {
	case n == 0:
		return nil
	case n > 1e11 || n < -1e11: // milliseconds: past the year 5138 in seconds
		j.t = time.UnixMilli(n)
	default:
		j.t = time.Unix(n, 0)
	}
	j.set = true
	return nil
}

// value returns the date, or the zero time when there was none.
func (j jsonTime) value() time.Time { return j.t }

// ptr returns the date, or nil when there was none.
func (j jsonTime) ptr() *time.Time {
	if !j.set {
		return nil
	}
	t := j.t
	return &t
}

// unixTime encodes a date as seconds since the Unix epoch, as the token
// types carry their iat and exp claims.
type unixTime time.Time

// MarshalJSON encodes t as a number of seconds, or 0 for the zero time.
func (t unixTime) MarshalJSON() ([]byte, error) {
	if time.Time(t).IsZero() {
		return []byte("0"), nil
	}
	return strconv.AppendInt(nil, time.Time(t).Unix(), 10), nil
}
