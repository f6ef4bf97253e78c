package localserver_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

func listPage(t *testing.T, srv *localservertest.Instance, query url.Values) localserver.Page[localserver.Sequence] {
	t.Helper()
	resp := srv.Do(t, http.MethodGet, "/v1/sequences?"+query.Encode(), nil)
	if resp.Status != http.StatusOK {
		t.Fatalf("list %v: status %d: %s", query, resp.Status, resp.Body)
	}
	var page localserver.Page[localserver.Sequence]
	resp.Decode(t, &page)
	return page
}

func TestListPagination(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	var want []string
	// Created out of id order, so that the listing's order is seen to be the server's.
	for _, n := range rand250() {
		id := fmt.Sprintf("seq_%03d", n)
		srv.CreateSequence(t, id, "Sequence "+id, welcomeDef)
		want = append(want, id)
	}
	slices.Sort(want)
	for _, id := range []string{"seq_007", "seq_123", "seq_249"} {
		srv.SetSequenceStatus(t, id, "paused")
	}

	for _, tc := range []struct {
		limit     string
		wantPages int
	}{{"100", 3}, {"", 5}, {"1", 250}, {"7", 36}} {
		t.Run("limit="+tc.limit, func(t *testing.T) {
			var got []string
			q := url.Values{}
			if tc.limit != "" {
				q.Set("limit", tc.limit)
			}
			pages := 0
			for {
				page := listPage(t, srv, q)
				pages++
				for _, s := range page.Data {
					got = append(got, s.ID)
				}
				if page.NextCursor == nil {
					break
				}
				q.Set("cursor", *page.NextCursor)
			}
			if pages != tc.wantPages || !slices.Equal(got, want) {
				t.Errorf("%d pages of %d ids, want %d pages of the 250 ids in order", pages, len(got), tc.wantPages)
			}
		})
	}

	paused := listPage(t, srv, url.Values{"status": {"paused"}})
	var ids []string
	for _, s := range paused.Data {
		ids = append(ids, s.ID)
	}
	if !slices.Equal(ids, []string{"seq_007", "seq_123", "seq_249"}) || paused.NextCursor != nil {
		t.Errorf("paused: %v, next %v", ids, paused.NextCursor)
	}
	if active := listPage(t, srv, url.Values{"status": {"active"}, "limit": {"100"}}); len(active.Data) != 100 || active.Data[7].ID != "seq_008" {
		t.Errorf("first page of active sequences: %d, [7] %s", len(active.Data), active.Data[7].ID)
	}

	// A page that exactly takes the rest has a null cursor, written out as null.
	first := listPage(t, srv, url.Values{"limit": {"100"}})
	second := listPage(t, srv, url.Values{"limit": {"100"}, "cursor": {*first.NextCursor}})
	last := srv.Do(t, http.MethodGet, "/v1/sequences?limit=50&cursor="+url.QueryEscape(*second.NextCursor), nil)
	if !strings.Contains(string(last.Body), `"nextCursor":null`) || !strings.Contains(string(last.Body), `"id":"seq_249"`) {
		t.Errorf("the last page does not hold seq_249 and a null cursor: %.200s", last.Body)
	}
}

// rand250 is 0..249 in a fixed scrambled order.
func rand250() []int {
	out := make([]int, 250)
	for i := range out {
		out[i] = (i * 97) % 250
	}
	return out
}

func TestListQueryProblems(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	srv.CreateSequence(t, "seq_a", "A", welcomeDef)
	tests := []struct {
		path  string
		paths []string
	}{
		{"/v1/sequences?limit=0", []string{"limit"}},
		{"/v1/sequences?limit=101", []string{"limit"}},
		{"/v1/sequences?limit=ten", []string{"limit"}},
		{"/v1/sequences?cursor=%25%25%25", []string{"cursor"}},
		{"/v1/sequences?cursor=c2VuZHM6MQ", []string{"cursor"}}, // a sends cursor
		{"/v1/sequences?status=archived", []string{"status"}},
		{"/v1/sequences?limit=-1&cursor=x&status=x", []string{"limit", "cursor", "status"}},
		{"/v1/sequences/seq_a/contacts?limit=1000", []string{"limit"}},
		{"/v1/sequences/seq_a/sends?cursor=bm9wZQ", []string{"cursor"}},
		{"/v1/sequences/seq_a/sends?cursor=c2VuZHM6eA", []string{"cursor"}}, // "sends:x"
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			resp := srv.Do(t, http.MethodGet, tc.path, nil)
			if resp.Status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422: %s", resp.Status, resp.Body)
			}
			if got := detailPaths(resp.Error(t)); !slices.Equal(got, tc.paths) {
				t.Errorf("detail paths %q, want %q", got, tc.paths)
			}
		})
	}
}

func TestSendsPagination(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	srv.CreateSequence(t, "seq_burst", "Burst", `{"steps":[
		{"type":"email","templateId":"tmpl_welcome"},{"type":"email","templateId":"tmpl_tips"},{"type":"email","templateId":"tmpl_pro"}]}`, signedUp)
	for i := range 40 {
		id := fmt.Sprintf("con_%02d", i)
		srv.CreateContact(t, id, id+"@example.com", nil, true)
		srv.SendEvent(t, id, "signed_up")
	}
	sends := srv.Sends(t, "seq_burst")
	if len(sends) != 120 {
		t.Fatalf("%d sends, want 120", len(sends))
	}
	seen := map[string]bool{}
	for i, s := range sends {
		if seen[s.ID] {
			t.Errorf("send %s listed twice", s.ID)
		}
		seen[s.ID] = true
		if want := []string{"tmpl_welcome", "tmpl_tips", "tmpl_pro"}[i%3]; s.TemplateID != want || s.ContactID != fmt.Sprintf("con_%02d", i/3) {
			t.Errorf("send %d: %+v, want %s to con_%02d", i, s, want, i/3)
		}
	}
	var page localserver.Page[localserver.Send]
	srv.Do(t, http.MethodGet, "/v1/sequences/seq_burst/sends", nil).Decode(t, &page)
	if len(page.Data) != client.DefaultPageSize || page.NextCursor == nil {
		t.Errorf("default page: %d sends, next %v", len(page.Data), page.NextCursor)
	}
}
