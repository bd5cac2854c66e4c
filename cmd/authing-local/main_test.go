package main

import (
	"bytes"
	"context"
	"flag"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

var _ = flag.Bool("update", false, "rewrite golden files (unused here)")

// syncBuffer is a bytes.Buffer safe to read while run writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServesAndStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-userpool-id", "pool1", "-secret", "s3cret"}, &out)
	}()

	var url string
	for i := 0; i < 100 && url == ""; i++ {
		time.Sleep(20 * time.Millisecond)
		for _, line := range strings.Split(out.String(), "\n") {
			if v, ok := strings.CutPrefix(line, "URL:"); ok {
				url = strings.TrimSpace(v)
			}
		}
	}
	if url == "" {
		t.Fatalf("no URL printed:\n%s", out.String())
	}
	resp, err := http.Get(url + "/api/v2/.well-known")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf(".well-known: HTTP %d", resp.StatusCode)
	}
	if !strings.Contains(out.String(), "pool1") || !strings.Contains(out.String(), "s3cret") {
		t.Errorf("the flags' pool id and secret were not used:\n%s", out.String())
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("did not stop")
	}
}
