// Command plan measures what a plan costs with kraiter_sequence against floors that do no
// more than terraform-plugin-framework needs (bench/floor) and against terraform_data, with
// OpenTofu and a local Kraiter server on a file database. It also measures the apply that
// creates the resources, what each part of the schema costs, and plans under injected
// server latency, and writes bench/results/plan.md and bench/results/apply.md.
//
// Run it from the repository's root; bench/run.sh does.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/bench/harness"
)

// config is what the flags set.
type config struct {
	sizes         []int
	reps          int
	parts         bool
	latencies     []time.Duration
	latencyReps   int
	smallSizes    []int
	account       int
	smallReps     int
	applyParallel int
	out           string
	tofu          string
	keep          bool
}

func main() {
	cfg, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "plan:", err)
		os.Exit(2)
	}
	harness.Main("plan", func(ctx context.Context) error { return run(ctx, cfg, os.Args[1:]) })
}

func parseFlags(args []string) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("plan", flag.ContinueOnError)
	sizes := fs.String("n", "100,1000", "numbers of resources in a configuration, comma-separated")
	fs.IntVar(&cfg.reps, "reps", 5, "plans of each kind and mode; the tables show their median")
	fs.BoolVar(&cfg.parts, "parts", true, "also measure floor_sequence without each part of its schema, at the largest n")
	latencies := fs.String("latency", "50ms,200ms", "server latencies of the latency run, at the largest n, comma-separated; empty skips it")
	fs.IntVar(&cfg.latencyReps, "latency-reps", 5, "plans of each latency in the latency run")
	smallSizes := fs.String("small", "5,100", "numbers of resources of the small-state run, comma-separated; empty skips it")
	fs.IntVar(&cfg.account, "account", 5000, "sequences in the large account of the small-state run")
	fs.IntVar(&cfg.smallReps, "small-reps", 10, "plans of each case in the small-state run")
	fs.IntVar(&cfg.applyParallel, "apply-parallelism", 10, "the CLI's -parallelism of the applies")
	fs.StringVar(&cfg.out, "out", "bench/results", "directory the result pages are written to")
	fs.StringVar(&cfg.tofu, "tofu", "", "the OpenTofu binary (default: what scripts/install-clis.sh tofu prints)")
	fs.BoolVar(&cfg.keep, "keep", false, "keep the work directory (configurations, states, logs) and say where")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	var err error
	if cfg.sizes, err = positiveInts("-n", *sizes); err != nil {
		return cfg, err
	}
	if cfg.latencies, err = durations("-latency", *latencies); err != nil {
		return cfg, err
	}
	if *smallSizes != "" {
		if cfg.smallSizes, err = positiveInts("-small", *smallSizes); err != nil {
			return cfg, err
		}
	}
	slices.Sort(cfg.sizes)
	if cfg.reps < 1 || cfg.latencyReps < 1 || cfg.smallReps < 1 || cfg.applyParallel < 1 {
		return cfg, fmt.Errorf("-reps, -latency-reps, -small-reps and -apply-parallelism must be at least 1")
	}
	if total := sum(cfg.smallSizes); len(cfg.smallSizes) > 0 && cfg.account <= total {
		return cfg, fmt.Errorf("-account %d must be larger than the small states together (%d)", cfg.account, total)
	}
	return cfg, nil
}

// durations reads a comma-separated list of positive durations, such as "50ms,200ms"; an
// empty list is none.
func durations(flagName, list string) ([]time.Duration, error) {
	var out []time.Duration
	if strings.TrimSpace(list) == "" {
		return nil, nil
	}
	for _, field := range strings.Split(list, ",") {
		d, err := time.ParseDuration(strings.TrimSpace(field))
		if err != nil || d <= 0 {
			return nil, fmt.Errorf("%s %q: want positive durations separated by commas, such as 50ms,200ms", flagName, list)
		}
		out = append(out, d)
	}
	return out, nil
}

func sum(xs []int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}

// positiveInts reads a comma-separated list of positive integers, such as "100,1000".
func positiveInts(flagName, list string) ([]int, error) {
	var out []int
	for _, field := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(field))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%s %q: want positive whole numbers separated by commas, such as 100,1000", flagName, list)
		}
		out = append(out, n)
	}
	return out, nil
}

// findTofu is the OpenTofu binary the project builds and caches.
func findTofu() (string, error) {
	out, err := exec.Command("scripts/install-clis.sh", "tofu").Output()
	if err != nil {
		return "", fmt.Errorf("find OpenTofu with scripts/install-clis.sh tofu (run from the repository's root): %w", err)
	}
	return strings.TrimSpace(string(out)), nil
}

// tofuVersion is the first line of tofu version, such as "OpenTofu v1.10.10".
func tofuVersion(tofu string) (string, error) {
	out, err := exec.Command(tofu, "version").Output()
	if err != nil {
		return "", fmt.Errorf("%s version: %w", tofu, err)
	}
	first, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(first), nil
}
