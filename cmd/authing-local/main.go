// Command authing-local runs the in-memory Authing v2 server of package
// authingtest as a program, so clients in any language can be tried and
// tested against it.
//
//	go run ./cmd/authing-local -addr 127.0.0.1:3080
//
// It prints the URL, user pool id, secret and public key at start, with
// where GraphQL and REST are served, how passwords are encrypted and where
// the codes and mail it "sends" can be read, and stops cleanly on SIGINT
// or SIGTERM. Its data lives in memory only. The README's "authing-local from any language" shows it used from curl and other languages.
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
	fs.SetOutput(out)
	addr := fs.String("addr", "127.0.0.1:3080", "address to listen on")
	pool := fs.String("userpool-id", "", "user pool id (default: generated)")
	secret := fs.String("secret", "", "user pool secret (default: generated)")
	keyFile := fs.String("public-key-file", "", "also write the public key (PEM) to this file, for openssl")
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: authing-local [flags]\n\nAn in-memory Authing v2 server for clients in any language.\n\n%s\nFlags:\n",
			endpoints("http://ADDR"))
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		return nil
	} else if err != nil {
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
	if *keyFile != "" {
		if err := os.WriteFile(*keyFile, []byte(srv.PublicKeyPEM), 0o644); err != nil {
			ln.Close()
			return err
		}
	}
	fmt.Fprintf(out, "Authing v2 local server\nURL:          %s\nUser pool id: %s\nSecret:       %s\n\n%s\nPublic key:\n%s",
		srv.URL, srv.UserPoolID, srv.Secret, endpoints(srv.URL), srv.PublicKeyPEM)

	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	return stop(hs, out)
}

// shutdownGrace is how long requests in flight may take to finish when
// the program stops. net/http waits 5 s before it treats a connection
// that never sent a request (a client's spare) as idle, so a graceful
// shutdown alone could wait that long for nothing.
const shutdownGrace = 2 * time.Second

// stop lets the requests in flight finish, then closes what is left: the
// data lives in memory only, so there is nothing to flush.
func stop(hs *http.Server, out io.Writer) error {
	ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err := hs.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = hs.Close()
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(out, "stopped")
	return nil
}

// endpoints tells a client where things are served, for the banner and
// -help.
func endpoints(url string) string {
	return fmt.Sprintf(`Send the header x-authing-userpool-id: <user pool id> with every request.
  GraphQL:   POST %[1]s/graphql/v2  (management token: query accessToken(userPoolId, secret))
  REST:      %[1]s/api/v2/...  (answers Authing's envelope {code, message, data})
  OIDC/CAS:  %[1]s/oidc/..., %[1]s/oauth/..., %[1]s/cas-idp/{appId}/...
  Codes and mail the server "sends" (emulator only, not Authing's API):
             GET %[1]s/_emulator/messages?to=<phone or email>   DELETE %[1]s/_emulator/messages
Passwords are sent RSA-encrypted with the public key below (PKCS#1 v1.5, then base64), as Authing's SDKs do:
  printf %%s "$PASSWORD" | openssl pkeyutl -encrypt -pubin -inkey key.pem -pkeyopt rsa_padding_mode:pkcs1 | base64 -w0
`, url)
}
