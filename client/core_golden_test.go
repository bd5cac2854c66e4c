package client

import (
	"context"
	"testing"
)

func TestGoldenCore(t *testing.T) {
	runGolden(t, []goldenTest{
		{
			name: "LoginByUsername", response: "loginByUsername.json", resultPath: "loginByUsername",
			call: func(ctx context.Context, ac *AuthenticationClient, _ *ManagementClient) (any, error) {
				return ac.LoginByUsername(ctx, "bob", "p@ssw0rd", &LoginOptions{AutoRegister: Bool(false)})
			},
		},
		{
			name: "Users.List", response: "users.json", resultPath: "users",
			call: func(ctx context.Context, _ *AuthenticationClient, mc *ManagementClient) (any, error) {
				return mc.Users.List(ctx, &UserListOptions{ListOptions: ListOptions{Page: 1, Limit: 10}})
			},
		},
	})
}
