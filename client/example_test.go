package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/authingtest"
	"github.com/authing-go/authing/client"
)

// An end user registers, logs in and edits the profile. The examples run
// against an in-memory server; in production, set only UserPoolID (and
// AppID) and the public cloud is used.
func ExampleAuthenticationClient() {
	srv := authingtest.NewServer()
	defer srv.Close()
	ctx := context.Background()

	ac, err := client.NewAuthenticationClient(client.AuthenticationOptions{UserPoolID: srv.UserPoolID, Host: srv.URL})
	if err != nil {
		panic(err)
	}
	if _, err := ac.RegisterByUsername(ctx, "bob", "passw0rd", nil); err != nil {
		panic(err)
	}
	user, err := ac.LoginByUsername(ctx, "bob", "passw0rd", nil)
	if err != nil {
		panic(err)
	}
	fmt.Println("logged in as", user.Username, "- login count", user.LoginsCount)

	// Calls made as the user go through a client bound to the user's token;
	// in a web server, bind the token from the request's cookie instead.
	user, err = ac.WithAccessToken(user.Token).UpdateProfile(ctx, &authing.UpdateUserInput{Nickname: client.String("Bobby")})
	if err != nil {
		panic(err)
	}
	fmt.Println("nickname:", user.Nickname)
	// Output:
	// logged in as bob - login count 1
	// nickname: Bobby
}

// The administrator lists the pool's users, one page or all of them.
func ExampleManagementClient() {
	srv := authingtest.NewServer()
	defer srv.Close()
	for _, name := range []string{"ann", "bob", "cid"} {
		if _, err := srv.SeedUser(authingtest.SeedUser{Username: name, Password: "passw0rd"}); err != nil {
			panic(err)
		}
	}
	ctx := context.Background()

	mc, err := client.NewManagementClient(client.ManagementOptions{UserPoolID: srv.UserPoolID, Secret: srv.Secret, Host: srv.URL})
	if err != nil {
		panic(err)
	}
	page, err := mc.Users.List(ctx, &client.UserListOptions{ListOptions: client.ListOptions{Page: 1, Limit: 2}})
	if err != nil {
		panic(err)
	}
	fmt.Println("total:", page.TotalCount, "on this page:", len(page.List))

	n := 0
	for _, err := range mc.Users.ListIter(ctx, &client.UserListOptions{ListOptions: client.ListOptions{Limit: 2}}) {
		if err != nil {
			panic(err)
		}
		n++
	}
	fmt.Println("walked:", n)
	// Output:
	// total: 3 on this page: 2
	// walked: 3
}

// Errors carry Authing's code; test for documented codes with errors.Is.
func ExampleError() {
	srv := authingtest.NewServer()
	defer srv.Close()
	ac, _ := client.NewAuthenticationClient(client.AuthenticationOptions{UserPoolID: srv.UserPoolID, Host: srv.URL})

	_, err := ac.LoginByUsername(context.Background(), "nobody", "passw0rd", nil)
	var e *client.Error
	if errors.As(err, &e) {
		fmt.Println("code:", e.Code, "operation:", e.Operation)
	}
	fmt.Println("user not found:", errors.Is(err, client.ErrUserNotFound))

	_, err = ac.WithAccessToken("").UpdateProfile(context.Background(), &authing.UpdateUserInput{Nickname: client.String("x")})
	fmt.Println("not logged in:", errors.Is(err, client.ErrNotLoggedIn))
	// Output:
	// code: 2004 operation: LoginByUsername
	// user not found: true
	// not logged in: true
}

// Access control: grant a role an action on a resource, then ask.
func ExampleACLService_IsAllowed() {
	srv := authingtest.NewServer()
	defer srv.Close()
	bob, _ := srv.SeedUser(authingtest.SeedUser{Username: "bob", Password: "passw0rd"})
	ctx := context.Background()
	mc, _ := client.NewManagementClient(client.ManagementOptions{UserPoolID: srv.UserPoolID, Secret: srv.Secret, Host: srv.URL})

	if _, err := mc.Roles.Create(ctx, "editor", nil); err != nil {
		panic(err)
	}
	if _, err := mc.Roles.AddUsers(ctx, "editor", []string{bob}, ""); err != nil {
		panic(err)
	}
	if _, err := mc.ACL.Allow(ctx, client.Permission{Resource: "books:*", Action: "books:edit"}, client.AllowOptions{RoleCode: client.String("editor")}); err != nil {
		panic(err)
	}
	edit, _ := mc.ACL.IsAllowed(ctx, bob, client.Permission{Resource: "books:42", Action: "books:edit"})
	del, _ := mc.ACL.IsAllowed(ctx, bob, client.Permission{Resource: "books:42", Action: "books:delete"})
	fmt.Println("edit:", edit, "delete:", del)
	// Output:
	// edit: true delete: false
}

// Custom field values come back typed by their data type.
func ExampleUsersService_GetUdfValue() {
	srv := authingtest.NewServer()
	defer srv.Close()
	bob, _ := srv.SeedUser(authingtest.SeedUser{Username: "bob", Password: "passw0rd"})
	ctx := context.Background()
	mc, _ := client.NewManagementClient(client.ManagementOptions{UserPoolID: srv.UserPoolID, Secret: srv.Secret, Host: srv.URL})

	mc.UDF.Set(ctx, authing.UDFTargetUser, "age", authing.UDFNumber, "Age", nil)
	mc.UDF.Set(ctx, authing.UDFTargetUser, "vip", authing.UDFBoolean, "VIP", nil)
	if _, err := mc.Users.SetUdfValue(ctx, bob, map[string]any{"age": 42, "vip": true}); err != nil {
		panic(err)
	}
	values, err := mc.Users.GetUdfValue(ctx, bob)
	if err != nil {
		panic(err)
	}
	fmt.Printf("age %v (%T), vip %v\n", values["age"], values["age"], values["vip"])
	// Output:
	// age 42 (float64), vip true
}

// A web server shares one AuthenticationClient between its handlers: the
// login handler sets the user's token in a cookie, and later requests bind
// the cookie's token to make calls as that user.
func ExampleAuthenticationClient_WithAccessToken() {
	srv := authingtest.NewServer()
	defer srv.Close()
	srv.SeedUser(authingtest.SeedUser{Username: "bob", Password: "passw0rd"})
	ac, err := client.NewAuthenticationClient(client.AuthenticationOptions{UserPoolID: srv.UserPoolID, Host: srv.URL})
	if err != nil {
		panic(err)
	}

	mux := http.NewServeMux()
	mux.HandleFunc("POST /login", func(w http.ResponseWriter, r *http.Request) {
		user, err := ac.LoginByUsername(r.Context(), r.FormValue("username"), r.FormValue("password"), nil)
		if err != nil {
			http.Error(w, "login failed", http.StatusUnauthorized)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: "authing_token", Value: user.Token, HttpOnly: true})
	})
	mux.HandleFunc("GET /me", func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie("authing_token")
		if err != nil {
			http.Error(w, "log in first", http.StatusUnauthorized)
			return
		}
		me, err := ac.WithAccessToken(c.Value).GetCurrentUser(r.Context())
		if errors.Is(err, client.ErrNotLoggedIn) {
			http.Error(w, "log in again", http.StatusUnauthorized)
			return
		}
		if err != nil {
			http.Error(w, "try again later", http.StatusBadGateway)
			return
		}
		fmt.Fprintln(w, "hello,", me.Username)
	})

	login := httptest.NewRecorder()
	mux.ServeHTTP(login, httptest.NewRequest("POST", "/login?username=bob&password=passw0rd", nil))
	me := httptest.NewRequest("GET", "/me", nil)
	for _, c := range login.Result().Cookies() {
		me.AddCookie(c)
	}
	answer := httptest.NewRecorder()
	mux.ServeHTTP(answer, me)
	fmt.Print(answer.Body.String())

	stranger := httptest.NewRequest("GET", "/me", nil)
	stranger.AddCookie(&http.Cookie{Name: "authing_token", Value: "forged"})
	answer = httptest.NewRecorder()
	mux.ServeHTTP(answer, stranger)
	fmt.Print(answer.Code, " ", answer.Body.String())
	// Output:
	// hello, bob
	// 401 log in again
}
