package main

import (
	"bytes"
	"context"
	"flag"
	"strings"
	"testing"
)

var _ = flag.Bool("update", false, "rewrite golden files (unused here)")

// TestQuickstartRunsLocally runs the README's demo the way a new user
// does, against the in-process server.
func TestQuickstartRunsLocally(t *testing.T) {
	for _, k := range []string{"AUTHING_USERPOOL_ID", "AUTHING_SECRET", "AUTHING_HOST"} {
		t.Setenv(k, "")
	}
	var out bytes.Buffer
	if err := run(context.Background(), &out); err != nil {
		t.Fatalf("quickstart failed: %v\n%s", err, out.String())
	}
	for _, want := range []string{"1. management: the pool has 0 users", "3. logged in as", `4. nickname is now "Quick Start"`,
		`5. with the saved token: company is now "Example Inc."`, "6. wrong login: code 2004 (user not found: true)",
		"7. management: the pool now has 1 users"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
