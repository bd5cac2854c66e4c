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
	fetch  func(ctx context.Context) (token string, exp time.Time, err error)
	margin time.Duration
	now    func() time.Time

	mu       sync.Mutex
	token    string
	exp      time.Time
	inflight *tokenFetch
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
	if s.token != "" && s.now().Add(s.margin).Before(s.exp) {
		tok := s.token
		s.mu.Unlock()
		return tok, nil
	}
	f := s.start()
	s.mu.Unlock()
	return f.wait(ctx)
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
	f := s.start()
	s.mu.Unlock()
	return f.wait(ctx)
}

// start returns the fetch in progress or starts one; s.mu must be held.
// The fetch runs detached from any one caller's cancellation, so a caller
// giving up does not fail the others waiting on it.
func (s *tokenSource) start() *tokenFetch {
	if s.inflight != nil {
		return s.inflight
	}
	f := &tokenFetch{done: make(chan struct{})}
	s.inflight = f
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		tok, exp, err := s.fetch(ctx)
		s.mu.Lock()
		if err == nil {
			s.token, s.exp = tok, exp
		}
		s.inflight = nil
		s.mu.Unlock()
		f.token, f.err = tok, err
		close(f.done)
	}()
	return f
}

func (f *tokenFetch) wait(ctx context.Context) (string, error) {
	select {
	case <-f.done:
		return f.token, f.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// tokenExpiry reads the exp claim of a JWT without verifying it: the
// result only decides when to refresh, it is never trusted otherwise.
func tokenExpiry(token string) (time.Time, error) {
	claims := jwt.RegisteredClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(token, &claims); err != nil {
		return time.Time{}, err
	}
	if claims.ExpiresAt == nil {
		return time.Time{}, errors.New("token has no exp claim")
	}
	return claims.ExpiresAt.Time, nil
}
