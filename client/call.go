package client

import (
	"context"
	"net/url"
	"strconv"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// result returns a call's result, or its error, or noResult when the
// server sent null without an error. genqlient's helpers always return a
// non-nil response value, so reading a field of it before checking err is
// safe.
func result[T any](op string, v *T, err error) (*T, error) {
	if err != nil {
		return nil, err
	}
	if v == nil {
		return nil, noResult(op)
	}
	return v, nil
}

// noResult is the error for a null result without an error: the call must
// not return a nil value with a nil error.
func noResult(op string) error {
	return &Error{Kind: KindMalformed, Operation: op, StatusCode: 200, Message: "the server returned no result"}
}

// malformedData is the error for data that does not have the shape the
// call reads.
func malformedData(op string, err error) error {
	return &Error{Kind: KindMalformed, Operation: op, StatusCode: 200, cause: err, Message: "malformed data in response: " + err.Error()}
}

// commonMessage checks a {code, message} answer; see result.
func commonMessage(op string, m *authing.CommonMessage, err error) (*authing.CommonMessage, error) {
	return result(op, m, err)
}

// listQuery turns paging options into REST query parameters.
func listQuery(opts *ListOptions) url.Values {
	q := url.Values{}
	if opts != nil && opts.Page > 0 {
		q.Set("page", strconv.Itoa(opts.Page))
	}
	if opts != nil && opts.Limit > 0 {
		q.Set("limit", strconv.Itoa(opts.Limit))
	}
	return q
}

// optString returns nil for "", so an empty optional value is not sent.
func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func itoa(n int) string { return strconv.Itoa(n) }

// checkValues rejects an empty list of required values, or one holding "".
func checkValues(op, what string, values []string) error {
	if len(values) == 0 {
		return argError(op, "at least one %s is required", what)
	}
	for _, v := range values {
		if v == "" {
			return argError(op, "empty %s", what)
		}
	}
	return nil
}

// restObject runs a REST call whose data is one object: a null data is
// an error, never a zero value.
func restObject[T any](ctx context.Context, gql *gqlClient, op string, call restCall) (*T, error) {
	var out *T
	if err := gql.rest(ctx, call, &out); err != nil {
		return nil, err
	}
	if out == nil {
		return nil, noResult(op)
	}
	return out, nil
}

func isUserExists(ctx context.Context, gql *gqlClient, op string, q UserQuery) (bool, error) {
	if q.Username == nil && q.Email == nil && q.Phone == nil && q.ExternalID == nil {
		return false, argError(op, "set a username, email, phone or external id")
	}
	resp, err := generated.IsUserExists(ctx, gql, q.Email, q.Phone, q.Username, q.ExternalID)
	if err != nil {
		return false, err
	}
	if resp.IsUserExists == nil {
		return false, noResult(op)
	}
	return *resp.IsUserExists, nil
}

// loggedIn checks a login or registration result: a user, whose Token is
// set when the server issued one. It stores nothing.
func loggedIn(op string, u *authing.User) (*authing.User, error) {
	if u == nil {
		return nil, noResult(op)
	}
	return u, nil
}
