// Command load puts a local Kraiter server under load: kraiter serve on a SQLite file, and
// for each of get, list and create, a number of clients sending requests back to back over
// loopback for a fixed time. It writes requests/s, latency percentiles and the server's CPU
// per request to bench/results/load.md.
//
// Run it from the repository's root; bench/run.sh does.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/bench/harness"
	"github.com/kraiter/terraform-provider-kraiter/bench/report"
	"github.com/kraiter/terraform-provider-kraiter/internal/testgen"
)

type config struct {
	clients   int
	duration  time.Duration
	sequences int
	out       string
}

func main() {
	var cfg config
	flag.IntVar(&cfg.clients, "clients", 50, "concurrent clients")
	flag.DurationVar(&cfg.duration, "duration", 10*time.Second, "how long each kind of request is sent")
	flag.IntVar(&cfg.sequences, "sequences", 1000, "sequences stored before the gets and lists")
	flag.StringVar(&cfg.out, "out", "bench/results", "directory the result page is written to")
	flag.Parse()
	if cfg.clients < 1 || cfg.duration <= 0 || cfg.sequences < 1 {
		fmt.Fprintln(os.Stderr, "load: -clients, -duration and -sequences must be positive")
		os.Exit(2)
	}
	harness.Main("load", func(ctx context.Context) error { return run(ctx, cfg, os.Args[1:]) })
}

func run(ctx context.Context, cfg config, args []string) (err error) {
	source := report.Source()
	work, err := os.MkdirTemp("", "kraiter-bench-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	kraiter := filepath.Join(work, "kraiter")
	fmt.Fprintln(os.Stderr, "load: building ./cmd/kraiter")
	if err := harness.Build(".", "./cmd/kraiter", kraiter); err != nil {
		return err
	}
	server, err := harness.StartServer(kraiter, work, harness.ServerOptions{DB: filepath.Join(work, "kraiter.db")})
	if err != nil {
		return err
	}
	defer server.StopInto(&err)
	if err := server.CreateTemplates(ctx, testgen.TypicalTemplates); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "load: storing %d sequences\n", cfg.sequences)
	if err := storeSequences(ctx, server, cfg.sequences); err != nil {
		return err
	}

	lg := newGenerator(server.URL, cfg.clients)
	t := &report.Table{Header: []string{"request", "clients", "requests", "requests/s", "p50", "p99", "max", "errors", "server CPU per request"}}
	for _, op := range operations(cfg.sequences) {
		fmt.Fprintf(os.Stderr, "load: %s for %s with %d clients\n", op.name, cfg.duration, cfg.clients)
		before, err := server.CPU()
		if err != nil {
			return err
		}
		res, err := lg.run(ctx, op, cfg.duration)
		if err != nil {
			return err
		}
		after, err := server.CPU()
		if err != nil {
			return err
		}
		n := len(res.latencies)
		cpuPerRequest := "-"
		if n > 0 {
			cpuPerRequest = report.Millis((after - before) / time.Duration(n))
		}
		t.Add(op.name, fmt.Sprint(cfg.clients), fmt.Sprint(n), fmt.Sprintf("%.0f", float64(n)/res.elapsed.Seconds()),
			report.Millis(report.Percentile(res.latencies, 50)), report.Millis(report.Percentile(res.latencies, 99)),
			report.Millis(report.Percentile(res.latencies, 100)), fmt.Sprint(res.errors), cpuPerRequest)
		if res.errors > 0 {
			fmt.Fprintf(os.Stderr, "load: %d %s requests failed; the first: %s\n", res.errors, op.name, res.firstError)
		}
	}
	p := &report.Page{Title: "Local server under load", Command: report.GoRunCommand("./bench/load", args), Machine: report.ThisMachine(), Source: source, At: time.Now(),
		Setup: []string{fmt.Sprintf("kraiter serve on a SQLite file holding %d sequences of %d steps; clients over loopback, keep-alive", cfg.sequences, testgen.TypicalSteps)}}
	p.Add(report.Section{Text: fmt.Sprintf("Each request kind for %s, %d clients sending back to back. get reads a random stored sequence, "+
		"list the first page of 100, create a new sequence of the typical definition. Latency is the client's, from sending to the "+
		"end of the answer. The load generator runs on the same cores as the server, so requests/s is a floor, not a ceiling.", cfg.duration, cfg.clients), Table: t})
	return p.Write(filepath.Join(cfg.out, "load.md"))
}
