package client

import (
	"context"
	"net/http"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// Detail returns the pool's settings with REST GET /api/v2/userpools/detail.
func (s *UserPoolService) Detail(ctx context.Context) (*authing.UserPool, error) {
	const op = "UserPool.Detail"
	ctx = withOp(ctx, op)
	var out authing.UserPool
	if err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: "/api/v2/userpools/detail"}, &out); err != nil {
		return nil, err
	}
	if out.ID == "" {
		return nil, noResult(op)
	}
	return &out, nil
}

// Update changes the pool's settings with the updateUserpool mutation.
func (s *UserPoolService) Update(ctx context.Context, updates *authing.UpdateUserPoolInput) (*authing.UserPool, error) {
	const op = "UserPool.Update"
	ctx = withOp(ctx, op)
	if updates == nil {
		return nil, argError(op, "updates are required")
	}
	resp, err := generated.UpdateUserpool(ctx, s.mc.gql, updates)
	return result(op, resp.UpdateUserpool, err)
}

// EnvVar is one environment variable of the pool's pipeline functions.
type EnvVar struct {
	Key   string `json:"key"`
	Value any    `json:"value"`
}

// ListEnv returns the pool's environment variables with REST
// GET /api/v2/env.
func (s *UserPoolService) ListEnv(ctx context.Context) ([]*EnvVar, error) {
	const op = "UserPool.ListEnv"
	ctx = withOp(ctx, op)
	var out []*EnvVar
	err := s.mc.gql.rest(ctx, restCall{method: http.MethodGet, path: "/api/v2/env"}, &out)
	return out, err
}

// AddEnv sets an environment variable with REST POST /api/v2/env, and
// returns all of them.
func (s *UserPoolService) AddEnv(ctx context.Context, key string, value any) ([]*EnvVar, error) {
	const op = "UserPool.AddEnv"
	ctx = withOp(ctx, op)
	if key == "" {
		return nil, argError(op, "key is required")
	}
	var out []*EnvVar
	err := s.mc.gql.rest(ctx, restCall{method: http.MethodPost, path: "/api/v2/env", body: map[string]any{"key": key, "value": value}}, &out)
	return out, err
}

// RemoveEnv deletes an environment variable with REST
// DELETE /api/v2/env/{key}, and returns the rest.
func (s *UserPoolService) RemoveEnv(ctx context.Context, key string) ([]*EnvVar, error) {
	const op = "UserPool.RemoveEnv"
	ctx = withOp(ctx, op)
	if key == "" {
		return nil, argError(op, "key is required")
	}
	var out []*EnvVar
	err := s.mc.gql.rest(ctx, restCall{method: http.MethodDelete, path: pathf("/api/v2/env/%s", key)}, &out)
	return out, err
}
