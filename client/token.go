package client

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// tokenSource caches the management token of one ManagementClient and
// refreshes it before it expires. Concurrent callers share one fetch.
type tokenSource struct {
	fetch  func(ctx context.Context) (tokenGrant, error)
	margin time.Duration
	now    func() time.Time

	mu        sync.Mutex
	token     string
	exp       time.Time // on the local clock
	refreshAt time.Time // when get stops handing out token
	inflight  *tokenFetch
}

// tokenGrant is a token as the server issued it; exp and iat are on the
// server's clock (iat may be zero when unknown).
type tokenGrant struct {
	token    string
	exp, iat time.Time
}

// tokenFetch is one fetch in progress; done closes when it ends.
type tokenFetch struct {
	done  chan struct{}
	token string
	err   error
}

// get returns a token valid for at least margin, fetching one if needed.
func (s *tokenSource) get(ctx context.Context) (string, error) {
	s.mu.Lock()
	if s.fresh() {
		tok := s.token
		s.mu.Unlock()
		return tok, nil
	}
	f := s.start(ctx)
	s.mu.Unlock()
	return f.wait(ctx)
}

// fresh reports whether the cached token may be handed out; s.mu must be
// held. A token set without a refresh time (tests seed one) is replaced
// margin before exp.
func (s *tokenSource) fresh() bool {
	if s.token == "" {
		return false
	}
	at := s.refreshAt
	if at.IsZero() {
		at = s.exp.Add(-s.margin)
	}
	return s.now().Before(at)
}

// refresh drops stale (the token the server rejected) and fetches a new
// one, unless another caller already replaced it.
func (s *tokenSource) refresh(ctx context.Context, stale string) (string, error) {
	s.mu.Lock()
	if s.token != "" && s.token != stale {
		tok := s.token
		s.mu.Unlock()
		return tok, nil
	}
	s.token = ""
	f := s.start(ctx)
	s.mu.Unlock()
	return f.wait(ctx)
}

// start returns the fetch in progress or starts one for the caller of
// ctx; s.mu must be held. The fetch keeps the values of ctx (trace span,
// log attributes), so its request belongs to the caller's trace, but not
// its cancellation or deadline: a caller giving up does not fail the
// others waiting on it. It names itself AccessToken, the wire call, in
// errors and for tracing transports.
func (s *tokenSource) start(ctx context.Context) *tokenFetch {
	if s.inflight != nil {
		return s.inflight
	}
	f := &tokenFetch{done: make(chan struct{})}
	s.inflight = f
	detached := context.WithValue(context.WithoutCancel(ctx), opKey{}, "AccessToken")
	go func() {
		ctx, cancel := context.WithTimeout(detached, time.Minute)
		defer cancel()
		started := s.now()
		g, err := s.fetch(ctx)
		s.mu.Lock()
		if err == nil {
			s.token = g.token
			s.exp, s.refreshAt = s.schedule(started, g)
		}
		s.inflight = nil
		s.mu.Unlock()
		f.token, f.err = g.token, err
		close(f.done)
	}()
	return f
}

// schedule returns when a token fetched at started expires and when to
// replace it, both on the local clock.
//
// The lifetime is measured on the server's clock (exp - iat) and counted
// from the start of the fetch, so a skewed local clock neither keeps an
// expired token nor refetches on every call. A token that lives no longer
// than the margin is replaced half-way through its life instead of being
// treated as stale on arrival, which would fetch one token per call.
func (s *tokenSource) schedule(started time.Time, g tokenGrant) (exp, refreshAt time.Time) {
	exp = g.exp
	if !g.iat.IsZero() && g.exp.After(g.iat) {
		exp = started.Add(g.exp.Sub(g.iat))
	}
	life := exp.Sub(started)
	if life <= 0 {
		return exp, started // already expired: hand it to the waiters, never reuse it
	}
	if life <= s.margin {
		return exp, started.Add(life / 2)
	}
	return exp, exp.Add(-s.margin)
}

func (f *tokenFetch) wait(ctx context.Context) (string, error) {
	select {
	case <-f.done:
		return f.token, ownCopy(f.err)
	case <-ctx.Done():
		return "", &Error{Kind: KindContext, cause: ctx.Err(),
			Message: "waiting for the management token: " + ctx.Err().Error()}
	}
}

// tokenExpiry reads the exp and iat claims of a JWT without verifying it:
// they only decide when to refresh, they are never trusted otherwise. iat
// is zero when the token has none.
func tokenExpiry(token string) (exp, iat time.Time, err error) {
	claims := jwt.RegisteredClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(token, &claims); err != nil {
		return time.Time{}, time.Time{}, err
	}
	if claims.ExpiresAt == nil {
		return time.Time{}, time.Time{}, errors.New("token has no exp claim")
	}
	if claims.IssuedAt != nil {
		iat = claims.IssuedAt.Time
	}
	return claims.ExpiresAt.Time, iat, nil
}
