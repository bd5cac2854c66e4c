package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// Error is every failure a call of this package returns: an answer of
// Authing (or of a gateway in front of it), a response that could not be
// read, a network failure, an argument refused before any request, or the
// end of the caller's context. Kind says which; the cause of a network or
// context failure stays reachable through Unwrap, so errors.Is(err,
// context.Canceled), errors.Is(err, context.DeadlineExceeded) and
// errors.As(err, **net.OpError) work on it.
//
// Use errors.As to read the fields, and errors.Is with the Err* values of
// this package to test for a documented code:
//
//	if errors.Is(err, client.ErrUserNotFound) { ... }
type Error struct {
	// Kind says where the failure arose; see ErrorKind.
	Kind ErrorKind
	// Code is Authing's error code (2004 for an unknown user, and so on),
	// or 0 when the server answered without one (an HTML error page, a
	// GraphQL validation error with a plain string message).
	Code int
	// Message describes the failure: the server's message for KindServer
	// and KindHTTP, otherwise this package's own. Every secret the client
	// knows (the pool and application secrets, the request's passwords,
	// plain and encrypted, and its access, refresh, ID and MFA tokens) is
	// replaced by "[redacted]", since a server may echo the request.
	Message string
	// Data is the error's data payload as sent, if any (for example the
	// MFA token that comes with code 1635).
	Data json.RawMessage
	// StatusCode is the HTTP status of the response (often 200 even for
	// Authing errors), or 0 when there was no response.
	StatusCode int
	// Operation names the call that failed: the method, such as
	// "Users.List", or else the wire call, as in Request.
	Operation string
	// Request names the call on the wire: the GraphQL operation
	// ("LoginByUsername") or the REST method and path ("GET
	// /api/v2/users/me"). It is empty for an argument refused before any
	// call was made.
	Request string
	// GraphQLCode is the GraphQL error class from extensions.code, such as
	// "GRAPHQL_VALIDATION_FAILED", when the server sent one.
	GraphQLCode string
	// OAuthError is the OAuth 2.0 error code of the OIDC and OAuth
	// endpoints, such as "invalid_grant", when the server sent one.
	OAuthError string

	retryAfter string // the Retry-After header of the response, if any
	cause      error  // the underlying failure (network, context, JSON), if any
	is         error  // a sentinel this error matches besides its code: ErrInvalidArgument, ErrNotFound
}

// ErrorKind says where a failure arose. The list is closed: every *Error
// has one of the Kind* values.
type ErrorKind string

// The kinds of failure.
const (
	// KindServer is Authing's own answer: an error code in its GraphQL or
	// REST envelope, a GraphQL error, an OAuth error, or a lookup that
	// found nothing.
	KindServer ErrorKind = "server"
	// KindHTTP is an HTTP failure without Authing's envelope: a gateway's
	// HTML page, an empty error response, a redirect refused because it
	// leaves the configured hosts.
	KindHTTP ErrorKind = "http"
	// KindNetwork is a failure to reach the server or to read its answer:
	// connection refused or reset, DNS, TLS, an attempt that outlasted
	// Timeout. Unwrap returns the cause.
	KindNetwork ErrorKind = "network"
	// KindMalformed is a response that could not be decoded: malformed
	// JSON, a body cut short against its Content-Length, a body larger
	// than MaxResponseBytes, an answer with neither data nor errors.
	KindMalformed ErrorKind = "malformed"
	// KindInvalidArgument is an argument refused before any request; such
	// errors match ErrInvalidArgument, except a call made without the end
	// user's token, which matches ErrNotLoggedIn only.
	KindInvalidArgument ErrorKind = "invalid_argument"
	// KindContext is the end of the caller's context; Unwrap returns
	// context.Canceled or context.DeadlineExceeded.
	KindContext ErrorKind = "context"
)

// Error returns a one-line description that carries the operation, the
// code and the message. It never contains request variables, and secrets
// the server echoes are redacted from the message, so no password, secret
// or token can leak through it.
func (e *Error) Error() string {
	msg := e.Message
	if msg == "" {
		msg = "no message"
	}
	prefix := "authing: "
	if e.Operation != "" {
		prefix += e.Operation + ": "
	}
	if e.Request != "" && e.Request != e.Operation {
		prefix += e.Request + ": "
	}
	switch {
	case e.Code != 0:
		return fmt.Sprintf("%scode %d: %s", prefix, e.Code, msg)
	case e.StatusCode != 0 && (e.StatusCode < 200 || e.StatusCode > 299):
		return fmt.Sprintf("%sHTTP %d: %s", prefix, e.StatusCode, msg)
	default:
		return prefix + msg
	}
}

// Is reports whether target is an ErrorCode equal to e.Code, so that
// errors.Is(err, ErrUserNotFound) matches any *Error with code 2004, or
// the sentinel the error stands for: ErrInvalidArgument for
// KindInvalidArgument, ErrNotFound for a lookup that found nothing (and for
// code 2004). ErrNotLoggedIn also matches the expired-token codes 2206 and
// 2207, so one check catches a missing, malformed, expired or revoked token.
func (e *Error) Is(target error) bool {
	if c, ok := target.(ErrorCode); ok {
		if e.Code != 0 && e.Code == int(c) {
			return true
		}
		// An expired or rejected end-user token is "not logged in" too, so
		// a handler needs one check to send the user to the login page.
		return c == ErrNotLoggedIn && (e.Code == int(ErrLoginExpired) || e.Code == int(ErrLoginInfoWrong))
	}
	if target == ErrNotFound && e.Code == int(ErrUserNotFound) {
		return true
	}
	return e.is != nil && target == e.is
}

// ErrorCode is an Authing error code. The Err* values of this package are
// ErrorCodes for use with errors.Is; codes change over time, so *Error
// always carries the raw number too.
type ErrorCode int

// Error returns the code in words, for use as a sentinel error.
func (c ErrorCode) Error() string {
	if m, ok := codeMeanings[c]; ok {
		return "authing: code " + strconv.Itoa(int(c)) + ": " + m
	}
	return "authing: code " + strconv.Itoa(int(c))
}

// The documented Authing error codes, for errors.Is.
const (
	ErrInternal                   ErrorCode = 500  // internal server error
	ErrSystemBusy                 ErrorCode = 1000 // system busy; a query may be retried
	ErrForbidden                  ErrorCode = 1001 // not permitted to perform this operation
	ErrMFARequired                ErrorCode = 1635 // MFA required; Data holds the MFA token
	ErrCaptchaRequired            ErrorCode = 2000 // account flagged: captcha required
	ErrCaptchaWrong               ErrorCode = 2001 // captcha wrong
	ErrLoginQuotaExceeded         ErrorCode = 2002 // monthly login quota used up
	ErrMalformedEmail             ErrorCode = 2003 // malformed email on register or login
	ErrUserNotFound               ErrorCode = 2004 // user does not exist
	ErrUserLocked                 ErrorCode = 2005 // user is locked
	ErrWrongPassword              ErrorCode = 2006 // wrong password
	ErrPasswordDecrypt            ErrorCode = 2016 // server could not decrypt the password: wrong public key
	ErrFieldNotEditable           ErrorCode = 2018 // user may not change this field
	ErrVerificationNeeded         ErrorCode = 2019 // changing the password needs verification first
	ErrNotLoggedIn                ErrorCode = 2020 // not logged in, or no token; also returned locally before any call
	ErrUserExists                 ErrorCode = 2026 // user already exists
	ErrNoPasswordOAuthUser        ErrorCode = 2027 // account registered via OAuth has no password
	ErrPhoneOrEmailRequired       ErrorCode = 2028 // a valid phone or email is required
	ErrPasswordTooShort           ErrorCode = 2029 // password shorter than 6 characters
	ErrBatchTooLarge              ErrorCode = 2030 // at most 80 users per batch query
	ErrRegistrationDisabled       ErrorCode = 2031 // registration disabled for this application
	ErrPasswordRequired           ErrorCode = 2032 // registration needs a password
	ErrUsernameExists             ErrorCode = 2034 // username already exists
	ErrPhoneAlreadyBound          ErrorCode = 2035 // phone already bound
	ErrUserNotInPool              ErrorCode = 2036 // user not in this user pool
	ErrOldEmailMismatch           ErrorCode = 2037 // old email does not match
	ErrOldPhoneMismatch           ErrorCode = 2038 // old phone does not match
	ErrRegisteringTooOften        ErrorCode = 2100 // registering too often
	ErrEmailAlreadyBound          ErrorCode = 2200 // email already bound
	ErrOriginalPasswordRequired   ErrorCode = 2201 // original password required
	ErrOriginalPasswordWrong      ErrorCode = 2203 // original password wrong
	ErrInvalidEmail               ErrorCode = 2204 // malformed email
	ErrLoginExpired               ErrorCode = 2206 // login expired: log in again
	ErrLoginInfoWrong             ErrorCode = 2207 // login information wrong: log in again
	ErrDeleteFailed               ErrorCode = 2210 // delete failed
	ErrRootUserUndeletable        ErrorCode = 2212 // the root user cannot be deleted
	ErrOnlyLoginMethod            ErrorCode = 2217 // cannot unbind the only login method
	ErrNoEmailForPassword         ErrorCode = 2218 // cannot change password: no email bound
	ErrNoEmailBound               ErrorCode = 2219 // cannot unbind email: none bound
	ErrUserPoolNotFound           ErrorCode = 2224 // user pool does not exist
	ErrUseUpdateEmail             ErrorCode = 2225 // updateUser cannot change the email
	ErrUseUpdatePhone             ErrorCode = 2226 // updateUser cannot change the phone
	ErrOldEmailVerificationNeeded ErrorCode = 2227 // changing the email needs the old email verified
	ErrSameEmail                  ErrorCode = 2229 // new email equals the old one
	ErrSamePhone                  ErrorCode = 2230 // new phone equals the old one
	ErrParametersIncomplete       ErrorCode = 2231 // request parameters incomplete
	ErrCodeExpired                ErrorCode = 2300 // verification code expired
)

var codeMeanings = map[ErrorCode]string{
	ErrInternal: "internal server error", ErrSystemBusy: "system busy", ErrForbidden: "forbidden",
	ErrMFARequired: "MFA required", ErrCaptchaRequired: "captcha required", ErrCaptchaWrong: "captcha wrong",
	ErrLoginQuotaExceeded: "login quota exceeded", ErrMalformedEmail: "malformed email",
	ErrUserNotFound: "user not found", ErrUserLocked: "user locked", ErrWrongPassword: "wrong password",
	ErrPasswordDecrypt: "password could not be decrypted", ErrFieldNotEditable: "field not editable",
	ErrVerificationNeeded: "verification needed", ErrNotLoggedIn: "not logged in",
	ErrUserExists: "user already exists", ErrNoPasswordOAuthUser: "OAuth account has no password",
	ErrPhoneOrEmailRequired: "phone or email required", ErrPasswordTooShort: "password too short",
	ErrBatchTooLarge: "batch too large", ErrRegistrationDisabled: "registration disabled",
	ErrPasswordRequired: "password required", ErrUsernameExists: "username already exists",
	ErrPhoneAlreadyBound: "phone already bound", ErrUserNotInPool: "user not in user pool",
	ErrOldEmailMismatch: "old email does not match", ErrOldPhoneMismatch: "old phone does not match",
	ErrRegisteringTooOften: "registering too often", ErrEmailAlreadyBound: "email already bound",
	ErrOriginalPasswordRequired: "original password required", ErrOriginalPasswordWrong: "original password wrong",
	ErrInvalidEmail: "invalid email", ErrLoginExpired: "login expired", ErrLoginInfoWrong: "login information wrong",
	ErrDeleteFailed: "delete failed", ErrRootUserUndeletable: "root user cannot be deleted",
	ErrOnlyLoginMethod: "only login method", ErrNoEmailForPassword: "no email bound",
	ErrNoEmailBound: "no email bound", ErrUserPoolNotFound: "user pool not found",
	ErrUseUpdateEmail: "use updateEmail", ErrUseUpdatePhone: "use updatePhone",
	ErrOldEmailVerificationNeeded: "old email verification needed", ErrSameEmail: "same email",
	ErrSamePhone: "same phone", ErrParametersIncomplete: "parameters incomplete", ErrCodeExpired: "code expired",
}

// ErrInvalidArgument is matched by the *Error of kind KindInvalidArgument
// a method returns, before any request, for an argument it cannot send
// (an empty required value, a malformed key). Test for it with errors.Is.
var ErrInvalidArgument = invalidArgument{}

type invalidArgument struct{}

// Error describes the sentinel.
func (invalidArgument) Error() string { return "invalid argument" }

// argError returns the *Error of kind KindInvalidArgument, matching
// ErrInvalidArgument, for an argument operation op refuses to send.
func argError(op, format string, args ...any) error {
	return &Error{Kind: KindInvalidArgument, Operation: op, is: ErrInvalidArgument,
		Message: fmt.Sprintf(format, args...) + ": invalid argument"}
}

// notLoggedIn is the local error for a call that needs an end user's token
// when the client has none; it is returned without a network call. It is
// of kind KindInvalidArgument but matches ErrNotLoggedIn only, so that a
// handler routes it like the server's own "not logged in".
func notLoggedIn(op string) error {
	return &Error{Kind: KindInvalidArgument, Code: int(ErrNotLoggedIn), Operation: op,
		Message: "no access token: log in and bind the token with WithAccessToken"}
}

// contextError is the *Error of call op whose caller's context ended with
// err (context.Canceled or context.DeadlineExceeded).
func contextError(op string, err error) *Error {
	return &Error{Kind: KindContext, Operation: op, Request: op, cause: err, Message: err.Error()}
}

// ownCopy returns a copy of err when it is an *Error, so that callers
// sharing one fetch (the management token, the public key) each get a
// value they may change (withOperation) without racing the others.
func ownCopy(err error) error {
	if e, ok := err.(*Error); ok && e != nil {
		c := *e
		return &c
	}
	return err
}

// withOperation names, on the first *Error in err's chain, the method
// that failed ("Users.List"); the transport names only the wire call.
// Other errors, and nil, are returned unchanged.
func withOperation(op string, err error) error {
	if op == "" {
		return err
	}
	var e *Error
	if errors.As(err, &e) {
		e.Operation = op
	}
	return err
}

// Unwrap returns the underlying cause, such as the *json.SyntaxError of a
// malformed response, or nil.
func (e *Error) Unwrap() error { return e.cause }

// ErrNotFound is matched by every "not found": the *Error of a lookup (a
// role, policy, group or resource by its code) that the server answered
// with null, and the server's code 2004 for a user that does not exist,
// which also matches the more specific ErrUserNotFound.
var ErrNotFound = errors.New("not found")

// notFound returns the *Error, matching ErrNotFound, for what in op.
func notFound(op, what string) error {
	return &Error{Kind: KindServer, Operation: op, StatusCode: 200, is: ErrNotFound, Message: what + ": not found"}
}

// userNotFound is the error for a user the server answered with null,
// with the code Authing uses for unknown users.
func userNotFound(op string) error {
	return &Error{Kind: KindServer, Code: int(ErrUserNotFound), Operation: op, StatusCode: 200, Message: "user not found"}
}

// opKey is the context key under which a public method names itself.
type opKey struct{}

// withOp returns ctx carrying op, the Go method a call is made for
// ("Users.List"), so that the transport's errors name it in
// Error.Operation; the wire call stays in Error.Request.
// The outermost method names the call: a method that another one calls
// (Users.Batch calls Users.BatchGet) leaves ctx as it is.
func withOp(ctx context.Context, op string) context.Context {
	if _, ok := ctx.Value(opKey{}).(string); ok {
		return ctx
	}
	return context.WithValue(ctx, opKey{}, op)
}

// named sets the Operation of the *Error in err to the Go method ctx
// carries, if any.
func named(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	op, _ := ctx.Value(opKey{}).(string)
	return withOperation(op, err)
}
