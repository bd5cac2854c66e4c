package client

import (
	"context"

	"github.com/authing-go/authing"
	"github.com/authing-go/authing/generated"
)

// List returns the entries of a registration whitelist with the whitelist
// query.
func (s *WhitelistService) List(ctx context.Context, kind authing.WhitelistType) ([]*authing.WhitelistEntry, error) {
	const op = "Whitelist.List"
	ctx = withOp(ctx, op)
	if kind == "" {
		return nil, argError(op, "whitelist type is required")
	}
	resp, err := generated.Whitelist(ctx, s.mc.gql, kind)
	if err != nil {
		return nil, err
	}
	return resp.Whitelist, nil
}

// Add adds values to a whitelist with the addWhitelist mutation and
// returns the whole list.
func (s *WhitelistService) Add(ctx context.Context, kind authing.WhitelistType, values []string) ([]*authing.WhitelistEntry, error) {
	const op = "Whitelist.Add"
	ctx = withOp(ctx, op)
	if kind == "" {
		return nil, argError(op, "whitelist type is required")
	}
	if err := checkValues("AddWhitelist", "value", values); err != nil {
		return nil, err
	}
	resp, err := generated.AddWhitelist(ctx, s.mc.gql, kind, values)
	if err != nil {
		return nil, err
	}
	return resp.AddWhitelist, nil
}

// Remove removes values from a whitelist with the removeWhitelist mutation
// and returns the rest.
func (s *WhitelistService) Remove(ctx context.Context, kind authing.WhitelistType, values []string) ([]*authing.WhitelistEntry, error) {
	const op = "Whitelist.Remove"
	ctx = withOp(ctx, op)
	if kind == "" {
		return nil, argError(op, "whitelist type is required")
	}
	if err := checkValues("RemoveWhitelist", "value", values); err != nil {
		return nil, err
	}
	resp, err := generated.RemoveWhitelist(ctx, s.mc.gql, kind, values)
	if err != nil {
		return nil, err
	}
	return resp.RemoveWhitelist, nil
}

// Enable turns a whitelist on (registration then needs a listed value)
// with the updateUserpool mutation.
func (s *WhitelistService) Enable(ctx context.Context, kind authing.WhitelistType) (*authing.UserPool, error) {
	const op = "Whitelist.Enable"
	ctx = withOp(ctx, op)
	return s.toggle(ctx, op, kind, true)
}

// Disable turns a whitelist off with the updateUserpool mutation.
func (s *WhitelistService) Disable(ctx context.Context, kind authing.WhitelistType) (*authing.UserPool, error) {
	const op = "Whitelist.Disable"
	ctx = withOp(ctx, op)
	return s.toggle(ctx, op, kind, false)
}

func (s *WhitelistService) toggle(ctx context.Context, op string, kind authing.WhitelistType, on bool) (*authing.UserPool, error) {
	w := &authing.WhitelistConfigInput{}
	switch kind {
	case authing.WhitelistUsername:
		w.UsernameEnabled = &on
	case authing.WhitelistEmail:
		w.EmailEnabled = &on
	case authing.WhitelistPhone:
		w.PhoneEnabled = &on
	default:
		return nil, argError(op, "unknown whitelist type %q", kind)
	}
	return s.mc.UserPool.Update(ctx, &authing.UpdateUserPoolInput{Whitelist: w})
}
