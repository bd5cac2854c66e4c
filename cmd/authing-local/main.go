// Command authing-local runs the in-memory Authing v2 server of package
// authingtest as a program, so clients in any language can be tried and
// tested against it.
//
//	go run ./cmd/authing-local -addr 127.0.0.1:3080
//
// It prints the URL, user pool id, secret and public key at start, and
// stops cleanly on SIGINT or SIGTERM. Its data lives in memory only.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/authing-go/authing/authingtest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "authing-local:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done.
func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("authing-local", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:3080", "address to listen on")
	pool := fs.String("userpool-id", "", "user pool id (default: generated)")
	secret := fs.String("secret", "", "user pool secret (default: generated)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var opts []authingtest.Option
	if *pool != "" {
		opts = append(opts, authingtest.WithUserPoolID(*pool))
	}
	if *secret != "" {
		opts = append(opts, authingtest.WithSecret(*secret))
	}
	srv, err := authingtest.NewUnstartedServer(opts...)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv.URL = "http://" + ln.Addr().String()
	fmt.Fprintf(out, "Authing v2 local server\nURL:          %s\nUser pool id: %s\nSecret:       %s\nPublic key:\n%s",
		srv.URL, srv.UserPoolID, srv.Secret, srv.PublicKeyPEM)

	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(out, "stopped")
	return nil
}
