package provider

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

const readsDef = `{"steps":[{"type":"email","templateId":"tmpl_welcome"}]}`

// readsEnv is a local server holding n sequences seq_0000 … and a count of the requests
// that reached it, by kind.
type readsEnv struct {
	inst         *localservertest.Instance
	reads        *sequenceReads
	lists, gets  atomic.Int64
	listingDelay time.Duration
}

func newReadsEnv(t *testing.T, n int) *readsEnv {
	t.Helper()
	e := &readsEnv{}
	e.inst = localservertest.Start(t, localservertest.WithMiddleware(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch {
			case r.Method == http.MethodGet && r.URL.Path == "/v1/sequences" && r.URL.Query().Get("limit") != "1":
				e.lists.Add(1)
				time.Sleep(e.listingDelay)
			case r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/v1/sequences/"):
				e.gets.Add(1)
			}
			next.ServeHTTP(w, r)
		})
	}))
	e.inst.CreateTemplate(t, "tmpl_welcome", "Welcome", "Welcome aboard")
	for i := range n {
		e.inst.CreateSequence(t, readsID(i), fmt.Sprintf("Sequence %d", i), readsDef)
	}
	e.reads = newSequenceReads(testClient(t, e.inst.URL, e.inst.APIKey))
	return e
}

func readsID(i int) string { return fmt.Sprintf("seq_%04d", i) }

func testClient(t *testing.T, url, key string) *client.Client {
	t.Helper()
	c, err := client.New(client.Config{BaseURL: url, APIKey: key, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// readAll reads ids ten at a time, as Terraform's default -parallelism does, and checks each
// answer names its sequence.
func (e *readsEnv) readAll(t *testing.T, ids []string) {
	t.Helper()
	work := make(chan string)
	var wg sync.WaitGroup
	errs := make(chan error, len(ids))
	for range 10 {
		wg.Go(func() {
			for id := range work {
				seq, err := e.reads.get(context.Background(), id)
				switch {
				case err != nil:
					errs <- err
				case seq.ID != id || seq.Definition != readsDef:
					errs <- fmt.Errorf("read of %s answered %+v", id, seq)
				}
			}
		})
	}
	for _, id := range ids {
		work <- id
	}
	close(work)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func readsIDs(from, to int) []string {
	var ids []string
	for i := from; i < to; i++ {
		ids = append(ids, readsID(i))
	}
	return ids
}

func TestSequenceReadsFewReadsListNothing(t *testing.T) {
	t.Parallel()
	e := newReadsEnv(t, 300)
	e.readAll(t, readsIDs(0, snapshotThreshold-1))
	if lists, gets := e.lists.Load(), e.gets.Load(); lists != 0 || gets != snapshotThreshold-1 {
		t.Fatalf("%d reads made %d listings and %d gets; want none and one each", snapshotThreshold-1, lists, gets)
	}
}

func TestSequenceReadsManyReadsComeFromTheListing(t *testing.T) {
	t.Parallel()
	e := newReadsEnv(t, 1000)
	e.readAll(t, readsIDs(0, 1000))
	lists, gets := e.lists.Load(), e.gets.Load()
	// The reads before the threshold, and those that came before the page of their
	// sequence, go one by one; the listing reads the account's 10 pages once.
	if lists != 10 || gets > 500 {
		t.Fatalf("1,000 reads made %d page reads and %d gets; want 10 pages and most reads answered by them", lists, gets)
	}
	t.Logf("1,000 reads: %d pages, %d gets", lists, gets)
}

// ended waits for the listing to read its last page.
func (e *readsEnv) ended(t *testing.T) {
	t.Helper()
	select {
	case <-e.reads.listing.ended:
	case <-time.After(10 * time.Second):
		t.Fatal("the listing did not end")
	}
}

// A small state in a large account reads few pages: the reads pay for one page per
// readsPerPage reads.
func TestSequenceReadsSmallStateInALargeAccountReadsFewPages(t *testing.T) {
	t.Parallel()
	e := newReadsEnv(t, 2000)
	// The managed sequences are at the end of the account's listing order.
	const reads = 40
	e.readAll(t, readsIDs(2000-reads, 2000))
	if lists, most := e.lists.Load(), int64((reads+readsPerPage-1)/readsPerPage); lists > most {
		t.Fatalf("%d reads in an account of 2,000 read %d pages; want at most %d", reads, lists, most)
	}
	if gets := e.gets.Load(); gets != reads {
		t.Fatalf("%d reads of sequences the listing never reached made %d gets; want one each", reads, gets)
	}
}

// A listing whose pages answer no read stops, however many reads come.
func TestSequenceReadsUselessListingStops(t *testing.T) {
	t.Parallel()
	e := newReadsEnv(t, 3000)
	e.readAll(t, readsIDs(2800, 3000))
	if lists := e.lists.Load(); lists > uselessPages {
		t.Fatalf("200 reads of sequences listed last read %d pages; want the listing to stop after %d", lists, uselessPages)
	}
}

// Reads that come before the pages of their sequences still make the listing worth
// reading: it is judged on the sequences read, whether they came before or after.
func TestSequenceReadsSlowListingOfTheStateGoesOn(t *testing.T) {
	t.Parallel()
	e := newReadsEnv(t, 1000)
	e.listingDelay = 200 * time.Millisecond
	e.readAll(t, readsIDs(0, 1000))
	e.ended(t)
	if lists := e.lists.Load(); lists != 10 {
		t.Fatalf("a listing slower than the reads read %d pages of 10; it must not judge itself useless", lists)
	}
}

// Missing from the listing is not gone: the sequence is asked for on its own, and only its
// own NOT_FOUND says it does not exist.
func TestSequenceReadsMissFromTheListingAsksTheSequence(t *testing.T) {
	t.Parallel()
	e := newReadsEnv(t, 50)
	e.readAll(t, readsIDs(0, 50))
	if _, err := e.reads.get(context.Background(), "seq_gone"); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("read of a sequence in no listing: %v, want the API's NOT_FOUND", err)
	}
	// Created after the listing: read on its own.
	e.inst.CreateSequence(t, "seq_late", "Late", readsDef)
	if seq, err := e.reads.get(context.Background(), "seq_late"); err != nil || seq.ID != "seq_late" {
		t.Fatalf("read of a sequence created after the listing: %+v, %v", seq, err)
	}
}

// An entry is used once, and never after this process wrote the sequence.
func TestSequenceReadsNeverUseAnEntryAfterAWrite(t *testing.T) {
	t.Parallel()
	e := newReadsEnv(t, 100)
	e.readAll(t, readsIDs(0, 40))
	e.ended(t)
	if e.lists.Load() != 1 {
		t.Fatalf("want the account listed in one page, got %d", e.lists.Load())
	}
	e.inst.UpdateSequenceRaw(t, readsID(60), map[string]any{"name": "Renamed"})
	e.reads.wrote(readsID(60))
	seq, err := e.reads.get(context.Background(), readsID(60))
	if err != nil || seq.Name != "Renamed" {
		t.Fatalf("read after a write: %+v, %v; want the sequence as written", seq, err)
	}
	gets := e.gets.Load()
	for range 2 {
		if _, err := e.reads.get(context.Background(), readsID(70)); err != nil {
			t.Fatal(err)
		}
	}
	if e.gets.Load() != gets+1 {
		t.Fatalf("two reads of one sequence made %d gets; want the second alone to ask", e.gets.Load()-gets)
	}
}

// A write before the listing began keeps that sequence out of it too.
func TestSequenceReadsWriteBeforeTheListing(t *testing.T) {
	t.Parallel()
	e := newReadsEnv(t, 100)
	e.reads.wrote(readsID(90))
	e.readAll(t, readsIDs(0, 30))
	e.inst.UpdateSequenceRaw(t, readsID(90), map[string]any{"name": "Renamed"})
	if seq, err := e.reads.get(context.Background(), readsID(90)); err != nil || seq.Name != "Renamed" {
		t.Fatalf("read of a sequence written before the listing: %+v, %v", seq, err)
	}
}

// Past its memory bound the listing stops, and the reads it did not answer go one by one.
func TestSequenceReadsMemoryBound(t *testing.T) {
	t.Parallel()
	e := newReadsEnv(t, 400)
	e.reads.maxBytes = 50 * sequenceSize(&client.Sequence{ID: readsID(0), Name: "Sequence 100", Definition: readsDef, Status: "active"})
	e.readAll(t, readsIDs(0, 400))
	e.ended(t)
	if lists := e.lists.Load(); lists != 1 {
		t.Fatalf("a listing past its bound read %d pages; want it to stop after the first", lists)
	}
	if gets := e.gets.Load(); gets < 400-100 {
		t.Fatalf("%d gets; the 300 sequences past the first page must be read one by one", gets)
	}
}

// A listing that fails, or lists a sequence twice, answers nothing it is unsure of.
func TestSequenceReadsDistrustAFailedOrDoubledListing(t *testing.T) {
	t.Parallel()
	seq := func(id, name string) string {
		return fmt.Sprintf(`{"id":%q,"name":%q,"definition":%q,"triggers":[],"status":"active","createdAt":"2026-01-02T03:04:05Z","updatedAt":"2026-01-02T03:04:05Z"}`, id, name, readsDef)
	}
	tests := []struct {
		name string
		page string
	}{
		{"failed listing", ""},
		{"listed twice", `{"data":[` + seq("seq_a", "Listed") + `,` + seq("seq_a", "Listed again") + `],"nextCursor":null}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var gets atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				if r.URL.Path == "/v1/sequences" {
					if tt.page == "" {
						w.WriteHeader(http.StatusBadRequest)
						_, _ = io.WriteString(w, `{"error":{"code":"VALIDATION_ERROR","message":"no"}}`)
						return
					}
					_, _ = io.WriteString(w, tt.page)
					return
				}
				gets.Add(1)
				id := strings.TrimPrefix(r.URL.Path, "/v1/sequences/")
				_, _ = io.WriteString(w, seq(id, "Read alone"))
			}))
			t.Cleanup(srv.Close)
			reads := newSequenceReads(testClient(t, srv.URL, "k"))
			reads.threshold = 1
			if _, err := reads.get(context.Background(), "seq_b"); err != nil {
				t.Fatal(err)
			}
			<-reads.listing.ended
			got, err := reads.get(context.Background(), "seq_a")
			if err != nil || got.Name != "Read alone" || gets.Load() != 2 {
				t.Fatalf("read: %+v, %v after %d gets; want the sequence read alone", got, err, gets.Load())
			}
		})
	}
}

// A read never waits for the listing.
func TestSequenceReadsNeverWaitForTheListing(t *testing.T) {
	// Not parallel: it bounds how long a read takes.
	e := newReadsEnv(t, 10)
	e.listingDelay = time.Second
	e.reads.threshold = 1
	start := time.Now()
	seq, err := e.reads.get(context.Background(), readsID(1))
	if err != nil || seq.ID != readsID(1) || time.Since(start) > e.listingDelay/2 {
		t.Fatalf("read while the listing takes %s: %+v, %v after %s; want the sequence, at once", e.listingDelay, seq, err, time.Since(start))
	}
}
