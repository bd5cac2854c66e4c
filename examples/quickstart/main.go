// Command quickstart walks the SDK's main flow and prints what each step
// returns.
//
// With no environment it starts an in-memory Authing server (authingtest)
// in this process. With AUTHING_USERPOOL_ID and AUTHING_SECRET set (and
// AUTHING_HOST for a private deployment) it runs against that user pool
// instead, and deletes the user it created at the end.
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/authingtest"
	"github.com/authing-go/authing/client"
)

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// target is where the demo runs: a user pool and its host.
type target struct {
	host, userPoolID, secret string
}

// run walks the flow, printing each step to out.
func run(ctx context.Context, out io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()

	t := target{host: os.Getenv("AUTHING_HOST"), userPoolID: os.Getenv("AUTHING_USERPOOL_ID"), secret: os.Getenv("AUTHING_SECRET")}
	if t.userPoolID == "" || t.secret == "" {
		srv := authingtest.NewServer()
		defer srv.Close()
		t = target{host: srv.URL, userPoolID: srv.UserPoolID, secret: srv.Secret}
		fmt.Fprintf(out, "Started a local Authing server at %s (user pool %s)\n", srv.URL, srv.UserPoolID)
	} else {
		fmt.Fprintf(out, "Using user pool %s at %s\n", t.userPoolID, hostOrDefault(t.host))
	}

	// 1. The administrator's view: list the pool's users.
	mc, err := client.NewManagementClient(client.ManagementOptions{UserPoolID: t.userPoolID, Secret: t.secret, Host: t.host})
	if err != nil {
		return err
	}
	users, err := mc.Users.List(ctx, &client.UserListOptions{ListOptions: client.ListOptions{Page: 1, Limit: 10}})
	if err != nil {
		return fmt.Errorf("listing users: %w", err)
	}
	fmt.Fprintf(out, "1. management: the pool has %d users\n", users.TotalCount)

	// 2. An end user registers, then logs in.
	ac, err := client.NewAuthenticationClient(client.AuthenticationOptions{UserPoolID: t.userPoolID, Host: t.host})
	if err != nil {
		return err
	}
	username, password := "quickstart-"+randomSuffix(), "Quickstart-"+randomSuffix()
	registered, err := ac.RegisterByUsername(ctx, username, password, nil)
	if err != nil {
		return fmt.Errorf("registering: %w", err)
	}
	fmt.Fprintf(out, "2. registered %q with id %s\n", username, registered.ID)
	defer func() {
		if _, err := mc.Users.Delete(context.WithoutCancel(ctx), registered.ID); err != nil {
			fmt.Fprintln(os.Stderr, "quickstart: cleaning up the demo user:", err)
		}
	}()

	user, err := ac.LoginByUsername(ctx, username, password, nil)
	if err != nil {
		return fmt.Errorf("logging in: %w", err)
	}
	fmt.Fprintf(out, "3. logged in as %s; login count %d\n", user.ID, user.LoginsCount)

	// 3. The user updates their own profile, through a client bound to the
	// token the login returned. ac itself holds no session.
	token := user.Token
	user, err = ac.WithAccessToken(token).UpdateProfile(ctx, &authing.UpdateUserInput{Nickname: client.String("Quick Start")})
	if err != nil {
		return fmt.Errorf("updating the profile: %w", err)
	}
	fmt.Fprintf(out, "4. nickname is now %q\n", user.Nickname)

	// 4. A later request that carries the saved token (a web server reads
	// it from a cookie) acts as the same user without logging in again.
	saved := token
	user, err = ac.WithAccessToken(saved).UpdateProfile(ctx, &authing.UpdateUserInput{Company: client.String("Example Inc.")})
	if err != nil {
		return fmt.Errorf("updating the profile with a saved token: %w", err)
	}
	fmt.Fprintf(out, "5. with the saved token: company is now %q\n", user.Company)

	// 5. A login for a user that does not exist fails with a typed error.
	_, err = ac.LoginByUsername(ctx, "no-such-user-"+randomSuffix(), password, nil)
	var e *client.Error
	if !errors.As(err, &e) {
		return fmt.Errorf("a wrong login returned %v, want *client.Error", err)
	}
	fmt.Fprintf(out, "6. wrong login: code %d (user not found: %v), message %q\n", e.Code, errors.Is(err, client.ErrUserNotFound), e.Message)

	users, err = mc.Users.List(ctx, nil)
	if err != nil {
		return fmt.Errorf("listing users: %w", err)
	}
	fmt.Fprintf(out, "7. management: the pool now has %d users\n", users.TotalCount)
	return nil
}

func randomSuffix() string {
	b := make([]byte, 4)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func hostOrDefault(h string) string {
	if h == "" {
		return client.DefaultHost
	}
	return h
}
