package client

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestRESTFailuresAreErrors(t *testing.T) {
	html502 := string(readFileOrEmpty("../testdata/responses/gateway-502.html"))
	notLoggedIn := string(readFileOrEmpty("../testdata/responses/rest.error-not-logged-in.json"))
	tests := []struct {
		name       string
		reply      reply
		wantCode   int
		wantStatus int
		wantIn     string
	}{
		{"Authing error in the envelope", reply{body: notLoggedIn}, 2020, 200, "尚未登录"},
		{"statusCode instead of code", reply{body: `{"statusCode":2004,"message":"用户不存在"}`}, 2004, 200, "用户不存在"},
		{"HTML 502", reply{status: 502, body: html502}, 0, 502, "502 Bad Gateway"},
		{"empty 200", reply{body: ""}, 0, 200, "empty body"},
		{"non-JSON 200", reply{body: "<html>oops</html>"}, 0, 200, "malformed response"},
		{"no code", reply{body: `{"data":{}}`}, 0, 200, "no code"},
		{"data of the wrong shape", reply{body: `{"code":200,"data":[1,2]}`}, 0, 200, "malformed data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newScripted(t, tt.reply)
			_, ac := s.clients(t, 0, nil)
			got, err := ac.WithAccessToken(testUserToken).GetCurrentUser(context.Background())
			if err == nil {
				t.Fatalf("got %v and no error", got)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v (%T) is not *Error", err, err)
			}
			if e.Code != tt.wantCode || e.StatusCode != tt.wantStatus || e.Operation != "GetCurrentUser" || e.Request != "GET /api/v2/users/me" {
				t.Errorf("code, status, op, request = %d, %d, %q, %q; want %d, %d, GetCurrentUser, GET /api/v2/users/me", e.Code, e.StatusCode, e.Operation, e.Request, tt.wantCode, tt.wantStatus)
			}
			if !strings.Contains(err.Error(), tt.wantIn) {
				t.Errorf("error %q does not contain %q", err, tt.wantIn)
			}
		})
	}
}

func TestRESTRetriesAndLimits(t *testing.T) {
	me := string(readFileOrEmpty("../testdata/responses/auth.usersMe.json"))
	t.Run("GET retried after 503", func(t *testing.T) {
		s := newScripted(t, reply{status: 503}, reply{body: me})
		_, ac := s.clients(t, 2, nil)
		if _, err := ac.WithAccessToken(testUserToken).GetCurrentUser(context.Background()); err != nil {
			t.Fatal(err)
		}
		if s.count.Load() != 2 {
			t.Errorf("requests = %d, want 2", s.count.Load())
		}
	})
	t.Run("POST not retried after 503", func(t *testing.T) {
		s := newScripted(t, reply{status: 503}, reply{body: `{"code":200}`})
		_, ac := s.clients(t, 2, nil)
		if err := ac.SendSMSCode(context.Background(), "13800000000"); err == nil {
			t.Fatal("no error")
		}
		if s.count.Load() != 1 {
			t.Errorf("requests = %d, want 1", s.count.Load())
		}
	})
	t.Run("oversized body", func(t *testing.T) {
		s := newScripted(t, reply{body: me})
		_, ac := s.clients(t, 0, func(o *connOptions) { o.maxResponseBytes = 100 })
		_, err := ac.WithAccessToken(testUserToken).GetCurrentUser(context.Background())
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(e.Message, "exceeds 100 bytes") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("truncated body", func(t *testing.T) {
		s := newScripted(t, reply{body: me[:50], bodyLen: len(me)})
		_, ac := s.clients(t, 0, nil)
		if _, err := ac.WithAccessToken(testUserToken).GetCurrentUser(context.Background()); err == nil {
			t.Fatal("a truncated body decoded without error")
		}
	})
}
