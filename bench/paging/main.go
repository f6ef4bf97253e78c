// Command paging measures the client iterating over the contacts enrolled in a sequence of
// a local Kraiter server, 10,000 and 100,000 of them: throughput, and the client's peak heap,
// which must not grow with the listing (the server runs in a process of its own). It writes
// bench/results/paging.md.
//
// Run it from the repository's root; bench/run.sh does.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/bench/harness"
	"github.com/kraiter/terraform-provider-kraiter/bench/report"
	"github.com/kraiter/terraform-provider-kraiter/client"
)

// heapBound is how much larger the peak heap of the largest listing may be than the smallest's.
const heapBound = 1.2

type config struct {
	sizes []int
	reps  int
	out   string
}

func main() {
	cfg := config{sizes: []int{10_000, 100_000}}
	flag.IntVar(&cfg.reps, "reps", 3, "listings of each size; the table shows the median time and the largest peak")
	flag.StringVar(&cfg.out, "out", "bench/results", "directory the result page is written to")
	flag.Parse()
	if cfg.reps < 1 {
		fmt.Fprintln(os.Stderr, "paging: -reps must be at least 1")
		os.Exit(2)
	}
	harness.Main("paging", func(ctx context.Context) error { return run(ctx, cfg, os.Args[1:]) })
}

// listing is what one iteration over a sequence's contacts measured.
type listing struct {
	elapsed               time.Duration
	peakObjects, peakLive uint64
	allocated             uint64
}

func run(ctx context.Context, cfg config, args []string) (err error) {
	source := report.Source()
	work, err := os.MkdirTemp("", "kraiter-bench-paging-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	kraiter, db := filepath.Join(work, "kraiter"), filepath.Join(work, "kraiter.db")
	fmt.Fprintln(os.Stderr, "paging: building ./cmd/kraiter")
	if err := harness.Build(".", "./cmd/kraiter", kraiter); err != nil {
		return err
	}
	if err := seed(ctx, kraiter, work, db, cfg.sizes); err != nil {
		return err
	}
	server, err := harness.StartServer(kraiter, work, harness.ServerOptions{DB: db})
	if err != nil {
		return err
	}
	defer server.StopInto(&err)
	c, err := client.New(client.Config{BaseURL: server.URL, APIKey: harness.APIKey})
	if err != nil {
		return err
	}

	measured := map[int][]listing{}
	for rep := range cfg.reps {
		for _, n := range cfg.sizes {
			fmt.Fprintf(os.Stderr, "paging: %d/%d list %d contacts\n", rep+1, cfg.reps, n)
			l, err := list(ctx, c, n)
			if err != nil {
				return err
			}
			measured[n] = append(measured[n], l)
		}
	}
	p := page(cfg, measured, args)
	p.Source = source
	return p.Write(filepath.Join(cfg.out, "paging.md"))
}

// seed enrols the sample through the API, then the bulk straight into the stopped server's
// database.
func seed(ctx context.Context, kraiter, work, db string, sizes []int) error {
	server, err := harness.StartServer(kraiter, work, harness.ServerOptions{DB: db})
	if err != nil {
		return err
	}
	if err := enrolSample(ctx, server, sizes); err != nil {
		_ = server.Stop()
		return err
	}
	if err := server.Stop(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "paging: enrolling %d contacts in the database\n", sizes[len(sizes)-1])
	return bulkEnrol(ctx, db, sizes)
}

// list iterates over the contacts of the sequence of n, a page of the largest size at a time.
func list(ctx context.Context, c *client.Client, n int) (listing, error) {
	runtime.GC()
	before := allocated()
	sampler := startHeapSampler()
	start := time.Now()
	count := 0
	for _, err := range c.Sequences.GetContacts(ctx, sequenceID(n), client.PageOptions{Limit: client.MaxPageSize}) {
		if err != nil {
			sampler.finish()
			return listing{}, err
		}
		count++
	}
	elapsed := time.Since(start)
	peakObjects, peakLive := sampler.finish()
	// The sample contact is enrolled in every sequence, besides the bulk.
	if count != n+1 {
		return listing{}, fmt.Errorf("listed %d contacts of %s, want %d", count, sequenceID(n), n+1)
	}
	return listing{elapsed: elapsed, peakObjects: peakObjects, peakLive: peakLive, allocated: allocated() - before}, nil
}

func page(cfg config, measured map[int][]listing, args []string) *report.Page {
	t := &report.Table{Header: []string{"contacts", "pages of 100", "time", "contacts/s", "peak heap (objects)", "peak live heap after GC", "allocated per contact"}}
	peaks := map[int]uint64{}
	for _, n := range cfg.sizes {
		ls := measured[n]
		times := make([]time.Duration, len(ls))
		var objects, live, alloc uint64
		for i, l := range ls {
			times[i] = l.elapsed
			objects, live, alloc = max(objects, l.peakObjects), max(live, l.peakLive), max(alloc, l.allocated)
		}
		peaks[n] = objects
		elapsed := report.Median(times)
		t.Add(fmt.Sprint(n), fmt.Sprint((n+client.MaxPageSize)/client.MaxPageSize), report.Seconds(elapsed),
			fmt.Sprintf("%.0f", float64(n+1)/elapsed.Seconds()), report.MiB(objects), report.MiB(live), fmt.Sprintf("%d B", alloc/uint64(n+1)))
	}
	smallest, largest := slices.Min(cfg.sizes), slices.Max(cfg.sizes)
	ratio := float64(peaks[largest]) / float64(peaks[smallest])
	verdict := "within"
	if ratio > heapBound {
		verdict = "NOT within"
	}
	p := &report.Page{Title: "Paging: the client listing enrolled contacts", Command: report.GoRunCommand("./bench/paging", args),
		Machine: report.ThisMachine(), At: time.Now(),
		Setup: []string{"kraiter serve on a SQLite file, in its own process; the contacts enrolled straight into its database, copying the rows of one enrolled through the API"}}
	p.Add(report.Section{Text: fmt.Sprintf("client.Sequences.GetContacts over every contact enrolled in a sequence, pages of 100 read as the "+
		"loop goes on. Time is the median of %d listings; heap figures are the client process's largest, sampled every %s from "+
		"runtime/metrics. Peak heap at %d contacts is %.2fx that at %d: %s the %.1fx bound.",
		cfg.reps, sampleEvery, largest, ratio, smallest, verdict, heapBound), Table: t})
	return p
}
