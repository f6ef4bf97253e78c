package main

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/bench/harness"
	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
)

// serve opens the local server in this process on db and serves it over loopback until
// the returned function closes it.
func serve(t *testing.T, db string) (*harness.Server, func()) {
	t.Helper()
	srv, err := localserver.Open(context.Background(), localserver.Config{DBPath: db, APIKey: harness.APIKey})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	return &harness.Server{URL: ts.URL}, func() {
		ts.Close()
		if err := srv.Close(); err != nil {
			t.Error(err)
		}
	}
}

func TestBulkEnrolmentsAreListedLikeOnesMadeThroughTheAPI(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "kraiter.db")
	sizes := []int{20, 150}

	server, stop := serve(t, db)
	if err := enrolSample(ctx, server, sizes); err != nil {
		t.Fatal(err)
	}
	stop()
	if err := bulkEnrol(ctx, db, sizes); err != nil {
		t.Fatal(err)
	}

	server, stop = serve(t, db)
	defer stop()
	c, err := client.New(client.Config{BaseURL: server.URL, APIKey: harness.APIKey})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range sizes {
		l, err := list(ctx, c, n)
		if err != nil {
			t.Fatalf("list %d: %v", n, err)
		}
		if l.elapsed <= 0 || l.peakObjects == 0 {
			t.Errorf("list %d measured %+v, want a time and a heap peak", n, l)
		}
	}
}

func TestBulkEnrolSaysWhenTheSampleIsMissing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "kraiter.db")
	_, stop := serve(t, db)
	stop()
	if err := bulkEnrol(ctx, db, []int{10}); err == nil {
		t.Error("bulkEnrol without an enrolled sample succeeded")
	}
}

func TestPageJudgesTheHeapBound(t *testing.T) {
	t.Parallel()
	tests := []struct {
		largestPeak uint64
		want        string
	}{
		{110, "1.10x that at 10: within the 1.2x bound"},
		{130, "1.30x that at 10: NOT within the 1.2x bound"},
	}
	for _, tt := range tests {
		cfg := config{sizes: []int{10, 100}, reps: 1}
		measured := map[int][]listing{
			10:  {{elapsed: time.Second, peakObjects: 100}},
			100: {{elapsed: time.Second, peakObjects: tt.largestPeak}},
		}
		text := page(cfg, measured, nil).Sections[0].Text
		if !strings.Contains(text, tt.want) {
			t.Errorf("the page says %q, want %q", text, tt.want)
		}
	}
}
