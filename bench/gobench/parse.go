package main

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/bench/report"
)

// result is the figures of one benchmark, one value per run (go test -count).
type result struct {
	nsPerOp, allocsPerOp []float64
}

// results maps a benchmark's name, without its -GOMAXPROCS suffix, to its figures.
type results map[string]*result

// procsSuffix is the "-2" that go test appends to a benchmark's name.
var procsSuffix = regexp.MustCompile(`-\d+$`)

// parse reads go test -bench output; lines other than benchmark results are skipped.
func parse(r io.Reader) (results, error) {
	out := results{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		if _, err := strconv.Atoi(fields[1]); err != nil {
			continue
		}
		name := procsSuffix.ReplaceAllString(fields[0], "")
		res := out[name]
		if res == nil {
			res = &result{}
			out[name] = res
		}
		// After the iteration count come pairs of a value and its unit.
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				return nil, fmt.Errorf("read %s: %q is not a number", fields[0], fields[i])
			}
			switch fields[i+1] {
			case "ns/op":
				res.nsPerOp = append(res.nsPerOp, v)
			case "allocs/op":
				res.allocsPerOp = append(res.allocsPerOp, v)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read benchmark output: %w", err)
	}
	return out, nil
}

// figure is the median of one figure of a benchmark, and whether the benchmark ran.
func (rs results) figure(name string, of func(*result) []float64) (float64, bool) {
	r, ok := rs[name]
	if !ok || len(of(r)) == 0 {
		return 0, false
	}
	return report.Median(of(r)), true
}

func ns(r *result) []float64     { return r.nsPerOp }
func allocs(r *result) []float64 { return r.allocsPerOp }
