package main

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// startLocal runs the program on a loopback port and returns the URL and
// user pool id its banner printed, and its output.
func startLocal(t *testing.T, args ...string) (url, pool string, out *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out = &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), out) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Error(err)
			}
		case <-time.After(2*shutdownGrace + time.Second):
			t.Error("did not stop")
		}
	})
	for i := 0; i < 100 && (url == "" || pool == ""); i++ {
		time.Sleep(20 * time.Millisecond)
		for _, line := range strings.Split(out.String(), "\n") {
			if v, ok := strings.CutPrefix(line, "URL:"); ok {
				url = strings.TrimSpace(v)
			}
			if v, ok := strings.CutPrefix(line, "User pool id:"); ok {
				pool = strings.TrimSpace(v)
			}
		}
	}
	if url == "" || pool == "" {
		t.Fatalf("no URL or user pool id printed:\n%s", out.String())
	}
	return url, pool, out
}

// sessionBlock is the shell session of README.md, the block fenced as
// "```sh session".
var sessionBlock = regexp.MustCompile("(?s)```sh session\n(.*?)```")

// TestREADMECurlSession runs the README's curl session against the program:
// it registers, logs in, reads the user and registers with an SMS code
// read from the emulator route, with openssl encrypting the passwords.
func TestREADMECurlSession(t *testing.T) {
	for _, tool := range []string{"bash", "curl", "openssl", "base64", "sed"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("AUTHING_CI") != "" {
				t.Fatalf("%s is not installed; CI installs it", tool)
			}
			t.Skipf("%s is not installed", tool)
		}
	}
	doc, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := sessionBlock.FindSubmatch(doc)
	if m == nil {
		t.Fatal("README.md has no ```sh session block")
	}
	dir := t.TempDir()
	url, pool, banner := startLocal(t, "-public-key-file", filepath.Join(dir, "key.pem"))
	for _, want := range []string{url + "/graphql/v2", url + "/_emulator/messages", "PKCS#1 v1.5", "openssl pkeyutl"} {
		if !strings.Contains(banner.String(), want) {
			t.Errorf("the banner does not say %q:\n%s", want, banner.String())
		}
	}
	cmd := exec.Command("bash", "-e", "-o", "pipefail", "-c", string(m[1]))
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "URL="+url, "POOL="+pool)
	got, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the session failed: %v\n%s", err, got)
	}
	for _, want := range []string{`"registerByUsername":{"id":`, `"username":"alice"`, `"code":200`,
		`"registerByPhoneCode":{"id":`, `"phone":"13700000001"`} {
		if !strings.Contains(string(got), want) {
			t.Errorf("the session's output lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(string(got), `"errors"`) || t.Failed() {
		t.Errorf("the session got errors:\n%s", got)
	}
}

// TestHelp checks -help says where GraphQL, REST and the emulator's
// messages are served and how passwords are encrypted, and exits cleanly.
func TestHelp(t *testing.T) {
	var out syncBuffer
	if err := run(context.Background(), []string{"-help"}, &out); err != nil {
		t.Fatalf("-help: %v", err)
	}
	for _, want := range []string{"/graphql/v2", "/api/v2/", "/_emulator/messages", "PKCS#1 v1.5", "-public-key-file"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("-help does not mention %q:\n%s", want, out.String())
		}
	}
}

// TestStopsWithASpareConnection checks that the program stops promptly
// when a client holds a connection it never sent a request on (HTTP
// clients open spares): net/http's graceful shutdown alone waits 5 s for
// such a connection.
func TestStopsWithASpareConnection(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-addr", "127.0.0.1:0"}, out) }()
	var addr string
	for i := 0; i < 100 && addr == ""; i++ {
		time.Sleep(20 * time.Millisecond)
		for _, line := range strings.Split(out.String(), "\n") {
			if v, ok := strings.CutPrefix(line, "URL:"); ok {
				addr = strings.TrimPrefix(strings.TrimSpace(v), "http://")
			}
		}
	}
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(2*shutdownGrace + time.Second):
		t.Fatal("did not stop")
	}
	if !strings.Contains(out.String(), "stopped") {
		t.Errorf("no stop message:\n%s", out.String())
	}
}
