// Command review measures kraiter review on large plans: 1,000 sequences of the typical
// size, 100 of 1,000 steps and (with -huge) 1,000 of 1,000 steps, every one updated, against
// decoding the same plan JSON alone into terraform-json's Plan, what any program that reads
// a plan does. Each runs as a process of its own, so that its time and peak resident memory
// are its own. It writes bench/results/review.md.
//
// Run it from the repository's root; bench/run.sh does.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/kraiter/terraform-provider-kraiter/bench/harness"
	"github.com/kraiter/terraform-provider-kraiter/bench/report"
	"github.com/kraiter/terraform-provider-kraiter/internal/testgen"
)

// targetRatio is how much more time and memory than the decode alone the review may take.
const targetRatio = 3.0

type config struct {
	reps   int
	huge   bool
	keep   bool
	out    string
	decode string
}

func main() {
	var cfg config
	flag.IntVar(&cfg.reps, "reps", 5, "runs of each plan; the table shows the median time and the median peak")
	flag.BoolVar(&cfg.huge, "huge", true, "also review 1,000 sequences of 1,000 steps (a plan of about 230 MB)")
	flag.BoolVar(&cfg.keep, "keep", false, "keep the plans and the kraiter binary, to profile them, and say where")
	flag.StringVar(&cfg.out, "out", "bench/results", "directory the result page is written to")
	flag.StringVar(&cfg.decode, "decode", "", "decode this plan JSON and exit: the floor the benchmark runs as a process of its own")
	flag.Parse()
	if cfg.decode != "" {
		if err := decode(cfg.decode); err != nil {
			fmt.Fprintln(os.Stderr, "review:", err)
			os.Exit(1)
		}
		return
	}
	if cfg.reps < 1 {
		fmt.Fprintln(os.Stderr, "review: -reps must be at least 1")
		os.Exit(2)
	}
	harness.Main("review", func(ctx context.Context) error { return run(ctx, cfg, os.Args[1:]) })
}

// decode reads a plan's JSON as a program that reads plans does: the file, then the whole
// of it into tfjson.Plan.
func decode(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var plan tfjson.Plan
	if err := json.Unmarshal(data, &plan); err != nil {
		return fmt.Errorf("decode %s: %w", path, err)
	}
	fmt.Println(len(plan.ResourceChanges), "resource changes")
	return nil
}

// measured is one process's wall time and peak resident memory.
type measured struct {
	elapsed time.Duration
	peakKiB int64
}

func run(ctx context.Context, cfg config, args []string) error {
	source := report.Source()
	cases := []planCase{{sequences: 1000, steps: testgen.TypicalSteps}, {sequences: 100, steps: 1000}}
	if cfg.huge {
		cases = append(cases, planCase{sequences: 1000, steps: 1000})
	}
	work, err := os.MkdirTemp("", "kraiter-bench-review-")
	if err != nil {
		return err
	}
	if cfg.keep {
		fmt.Fprintln(os.Stderr, "review: keeping the plans and kraiter in", work)
	} else {
		defer os.RemoveAll(work)
	}
	kraiter := filepath.Join(work, "kraiter")
	fmt.Fprintln(os.Stderr, "review: building ./cmd/kraiter")
	if err := harness.Build(".", "./cmd/kraiter", kraiter); err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}

	sizes := map[planCase]int64{}
	for _, c := range cases {
		path := planPath(work, c)
		fmt.Fprintf(os.Stderr, "review: writing a plan of %s\n", c)
		if sizes[c], err = writePlan(path, c); err != nil {
			return fmt.Errorf("write the plan of %s: %w", c, err)
		}
		if err := checkReview(ctx, kraiter, path, c); err != nil {
			return err
		}
	}
	decodes, reviews := map[planCase][]measured{}, map[planCase][]measured{}
	for rep := range cfg.reps {
		for _, c := range cases {
			fmt.Fprintf(os.Stderr, "review: %d/%d %s\n", rep+1, cfg.reps, c)
			d, err := measure(ctx, self, "-decode", planPath(work, c))
			if err != nil {
				return err
			}
			r, err := measure(ctx, kraiter, "review", "--offline", planPath(work, c))
			if err != nil {
				return err
			}
			decodes[c], reviews[c] = append(decodes[c], d), append(reviews[c], r)
		}
	}
	p := page(cfg, cases, sizes, decodes, reviews, args)
	p.Source = source
	return p.Write(filepath.Join(cfg.out, "review.md"))
}

func planPath(work string, c planCase) string {
	return filepath.Join(work, fmt.Sprintf("plan-%d-%d.json", c.sequences, c.steps))
}

// checkReview makes sure the review reads the plan as meant before it is timed.
func checkReview(ctx context.Context, kraiter, path string, c planCase) error {
	out, err := exec.CommandContext(ctx, kraiter, "review", "--offline", path).Output()
	if err != nil {
		return fmt.Errorf("review the plan of %s: %w", c, err)
	}
	if want := fmt.Sprintf("**Plan:** %d to update.", c.sequences); !strings.Contains(string(out), want) {
		return fmt.Errorf("the review of the plan of %s does not say %q", c, want)
	}
	return nil
}

// measure runs a command, its output discarded, and reads its time and peak memory.
func measure(ctx context.Context, name string, args ...string) (measured, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start)
	if err != nil {
		return measured{}, fmt.Errorf("%s %s: %w\n%s", filepath.Base(name), strings.Join(args, " "), err, stderr.String())
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return measured{}, errors.New("this system reports no resource usage of a child process")
	}
	return measured{elapsed: elapsed, peakKiB: ru.Maxrss}, nil
}

func page(cfg config, cases []planCase, sizes map[planCase]int64, decodes, reviews map[planCase][]measured, args []string) *report.Page {
	t := &report.Table{Header: []string{"plan", "plan JSON", "decode alone", "decode peak RSS", "kraiter review", "review peak RSS", "time / decode", "memory / decode"}}
	met := true
	for _, c := range cases {
		dt, dm := medians(decodes[c])
		rt, rm := medians(reviews[c])
		timeRatio, memRatio := float64(rt)/float64(dt), float64(rm)/float64(dm)
		met = met && timeRatio <= targetRatio && memRatio <= targetRatio
		t.Add(c.String(), fmt.Sprintf("%.1f MB", float64(sizes[c])/1e6), report.Seconds(dt), mib(dm), report.Seconds(rt), mib(rm),
			report.Ratio(float64(rt), float64(dt)), report.Ratio(float64(rm), float64(dm)))
	}
	p := &report.Page{Title: "Review: kraiter review of large plans against decoding them", Command: report.GoRunCommand("./bench/review", args),
		Machine: report.ThisMachine(), At: time.Now(),
		Setup: []string{"plan JSON written as `tofu show -json` writes it (planned values, resource changes, prior state, configuration), every sequence updated: the typical sequence with a template and a delay changed, or generated 1,000-step sequences with two steps of every ten changed"}}
	p.Add(report.Section{Text: fmt.Sprintf("`kraiter review --offline PLAN_JSON` (the comment, within GitHub's limit) against a program that reads the file and "+
		"decodes all of it into terraform-json's Plan, each a process of its own. Times are wall times and memory the process's peak resident "+
		"set (getrusage), the medians of %d runs. Target: the review within %.0fx the decode's time and memory: %s.", cfg.reps, targetRatio, report.Verdict(met)), Table: t})
	return p
}

func medians(ms []measured) (time.Duration, int64) {
	times, peaks := make([]time.Duration, len(ms)), make([]int64, len(ms))
	for i, m := range ms {
		times[i], peaks[i] = m.elapsed, m.peakKiB
	}
	return report.Median(times), report.Median(peaks)
}

func mib(kib int64) string { return fmt.Sprintf("%.0f MiB", float64(kib)/1024) }
