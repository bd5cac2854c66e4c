package client

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestPagesTerminate(t *testing.T) {
	tests := []struct {
		name      string
		pageSizes []int // items the server returns per page
		total     int   // the server's totalCount
		wantItems int
		wantPages int
	}{
		{"short last page", []int{3, 3, 1}, 7, 7, 3},
		{"empty last page", []int{3, 3, 0}, 9, 6, 3},
		{"exact fit stops at total", []int{3, 3}, 6, 6, 2},
		{"empty first page", []int{0}, 0, 0, 1},
		{"total too high", []int{3, 0}, 100, 3, 2},
		{"total too low", []int{3, 3, 2}, 2, 3, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fetched := 0
			var got []int
			for item, err := range pages(context.Background(), 3, func(_ context.Context, page, limit int) ([]int, int, error) {
				fetched++
				if page > len(tt.pageSizes) {
					t.Fatalf("page %d requested past the last one", page)
				}
				items := make([]int, tt.pageSizes[page-1])
				return items, tt.total, nil
			}) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, item)
			}
			if len(got) != tt.wantItems || fetched != tt.wantPages {
				t.Errorf("got %d items from %d pages, want %d from %d", len(got), fetched, tt.wantItems, tt.wantPages)
			}
		})
	}
}

func TestPagesStopAtFirstErrorAndOnBreak(t *testing.T) {
	boom := errors.New("boom")
	calls, errs := 0, 0
	for _, err := range pages(context.Background(), 2, func(_ context.Context, page, _ int) ([]string, int, error) {
		calls++
		if page == 2 {
			return nil, 0, boom
		}
		return []string{"a", "b"}, 10, nil
	}) {
		if err != nil {
			if !errors.Is(err, boom) {
				t.Errorf("err = %v", err)
			}
			errs++
		}
	}
	if calls != 2 || errs != 1 {
		t.Errorf("calls %d, errors %d; want 2 and 1", calls, errs)
	}
	calls = 0
	for range pages(context.Background(), 2, func(context.Context, int, int) ([]string, int, error) {
		calls++
		return []string{"a", "b"}, 10, nil
	}) {
		break
	}
	if calls != 1 {
		t.Errorf("fetched %d pages after an early break, want 1", calls)
	}
}

// TestUsersAllWalksPages drives the real iterator against a server that
// serves 5 users in pages of 2.
func TestUsersAllWalksPages(t *testing.T) {
	var user map[string]any
	json.Unmarshal([]byte(userJSON(t)), &user)
	var pagesSeen []int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Variables struct{ Page, Limit int } `json:"variables"`
		}
		b, _ := io.ReadAll(r.Body)
		json.Unmarshal(b, &body)
		pagesSeen = append(pagesSeen, body.Variables.Page)
		n := 5 - (body.Variables.Page-1)*body.Variables.Limit
		n = max(0, min(n, body.Variables.Limit))
		list := make([]any, n)
		for i := range list {
			list[i] = user
		}
		json.NewEncoder(w).Encode(map[string]any{"data": map[string]any{"users": map[string]any{"totalCount": 5, "list": list}}})
	}))
	defer srv.Close()
	mc, err := NewManagementClient(ManagementOptions{UserPoolID: testPoolID, Secret: "s", Host: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	mc.tokens.token, mc.tokens.exp = testMgmtToken, time.Now().Add(24*time.Hour)
	n := 0
	for u, err := range mc.Users.ListIter(context.Background(), &UserListOptions{ListOptions: ListOptions{Limit: 2}}) {
		if err != nil {
			t.Fatal(err)
		}
		if u.ID == "" {
			t.Error("empty user")
		}
		n++
	}
	if n != 5 || len(pagesSeen) != 3 {
		t.Errorf("walked %d users over pages %v, want 5 over [1 2 3]", n, pagesSeen)
	}
}
