package client

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"time"
)

// maxRetryAfter caps how long a Retry-After header may make a call wait.
const maxRetryAfter = time.Minute

// retryDelay decides whether a failed attempt is retried and after how
// long. Queries and GETs are retried on network errors, 429, 502, 503, 504
// and Authing code 1000; anything else only when the request provably
// never left this machine (the connection could not be made).
func (c *conn) retryDelay(ctx context.Context, r *request, err error, attempt int) (time.Duration, bool) {
	if err == nil || attempt >= c.opts.maxRetries || ctx.Err() != nil {
		return 0, false
	}
	var e *Error
	if !errors.As(err, &e) {
		return 0, false
	}
	var retry bool
	switch e.Kind {
	case KindServer:
		retry = r.idempotent && e.Code == int(ErrSystemBusy)
	case KindHTTP:
		retry = r.idempotent && e.Code == 0 && retryableStatus(e.StatusCode)
	case KindNetwork, KindMalformed:
		// A truncated body is retried like a broken connection; a body
		// that arrived whole but malformed is not.
		retry = neverSent(e.cause) || (r.idempotent && isNetworkError(e.cause))
	}
	if !retry {
		return 0, false
	}

	wait := c.backoff << attempt
	if wait > c.maxBackoff || wait <= 0 {
		wait = c.maxBackoff
	}
	// Full jitter in the upper half: spreads out clients that failed
	// together without ever retrying immediately.
	wait = wait/2 + rand.N(wait/2+1)
	if d, ok := parseRetryAfter(e.retryAfter, time.Now()); ok {
		wait = d
	}
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < wait {
		return 0, false // the wait alone would outlast the caller's deadline
	}
	return wait, true
}

func retryableStatus(status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// neverSent reports whether err happened before any byte of the request
// could reach the server: the connection was never established.
func neverSent(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}

// isNetworkError reports whether err is a transport failure (reset,
// timeout of one attempt, broken connection) rather than the caller's
// own cancellation.
func isNetworkError(err error) bool {
	if errors.Is(err, context.Canceled) {
		return false
	}
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

// parseRetryAfter reads a Retry-After value: delay seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	var d time.Duration
	if secs, err := strconv.Atoi(v); err == nil {
		d = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	} else {
		return 0, false
	}
	if d < 0 {
		d = 0
	}
	if d > maxRetryAfter {
		d = maxRetryAfter
	}
	return d, true
}
