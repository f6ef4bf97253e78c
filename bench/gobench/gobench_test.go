package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/internal/testgen"
)

const sample = `goos: linux
pkg: github.com/kraiter/terraform-provider-kraiter/dsl
BenchmarkCompileVsParse/compile/steps=10-2   	    4000	    300000 ns/op	   2.22 MB/s	  164772 B/op	    1264 allocs/op
BenchmarkCompileVsParse/compile/steps=10-2   	    4000	    500000 ns/op	   2.22 MB/s	  164772 B/op	    1266 allocs/op
BenchmarkCompileVsParse/compile/steps=10-2   	    4000	    400000 ns/op	   2.22 MB/s	  164772 B/op	    1265 allocs/op
BenchmarkCompileVsParse/parse/steps=10-2     	   10000	    100000 ns/op	   5.44 MB/s	  103016 B/op	     482 allocs/op
PASS
ok  	github.com/kraiter/terraform-provider-kraiter/dsl	2.320s
`

func TestParseTakesMediansOfEveryRun(t *testing.T) {
	t.Parallel()
	rs, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		of   func(*result) []float64
		want float64
	}{
		{"BenchmarkCompileVsParse/compile/steps=10", ns, 400000},
		{"BenchmarkCompileVsParse/compile/steps=10", allocs, 1265},
		{"BenchmarkCompileVsParse/parse/steps=10", ns, 100000},
	}
	for _, tt := range tests {
		if got, ok := rs.figure(tt.name, tt.of); !ok || got != tt.want {
			t.Errorf("figure(%s) = %v, %v; want %v", tt.name, got, ok, tt.want)
		}
	}
	if _, ok := rs.figure("BenchmarkNone", ns); ok {
		t.Error("figure of a benchmark that did not run reports one")
	}
}

func TestParseRefusesAFigureThatIsNotANumber(t *testing.T) {
	t.Parallel()
	if _, err := parse(strings.NewReader("BenchmarkX-2 10 abc ns/op\n")); err == nil {
		t.Error("parse accepted abc as ns/op")
	}
}

// benchLines writes one result line per name, with ns/op and allocs/op.
func benchLines(figures map[string][2]float64) string {
	var b strings.Builder
	for name, f := range figures {
		fmt.Fprintf(&b, "%s-2 \t 100 \t %.0f ns/op \t 10 B/op \t %.0f allocs/op\n", name, f[0], f[1])
	}
	return b.String()
}

func TestCompileTableJudgesTheTarget(t *testing.T) {
	t.Parallel()
	tests := []struct {
		compile1000 float64
		want        string
	}{
		{2900, "2.90x (target <= 3x: met)"},
		{3100, "3.10x (target <= 3x: NOT met)"},
	}
	for _, tt := range tests {
		figures := map[string][2]float64{}
		for _, n := range testgen.Sizes {
			figures[fmt.Sprintf("BenchmarkCompileVsParse/compile/steps=%d", n)] = [2]float64{2000, 20}
			figures[fmt.Sprintf("BenchmarkCompileVsParse/parse/steps=%d", n)] = [2]float64{1000, 10}
		}
		figures["BenchmarkCompileVsParse/compile/steps=1000"] = [2]float64{tt.compile1000, 20}
		rs, err := parse(strings.NewReader(benchLines(figures)))
		if err != nil {
			t.Fatal(err)
		}
		table, err := compileTable(rs)
		if err != nil {
			t.Fatal(err)
		}
		if got := table.Rows[2][5]; got != tt.want {
			t.Errorf("compile / parse at 1,000 steps = %q, want %q", got, tt.want)
		}
	}
}

func TestGrowthTableIsPerStep(t *testing.T) {
	t.Parallel()
	figures := map[string][2]float64{}
	for _, g := range growthOps {
		for _, n := range testgen.Sizes {
			// 50 ns a step, and 100 at 1,000 steps.
			perStep := 50.0
			if n == 1000 {
				perStep = 100
			}
			figures[fmt.Sprintf("BenchmarkGrowth/%s/steps=%d", g.op, n)] = [2]float64{perStep * float64(n), 3 * float64(n)}
		}
	}
	rs, err := parse(strings.NewReader(benchLines(figures)))
	if err != nil {
		t.Fatal(err)
	}
	table, err := growthTable(rs)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"definition.Equal", "50", "50", "100", "2.00x", "3.0"}
	if got := table.Rows[0]; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("first row = %v, want %v", got, want)
	}
}

func TestLSPTableJudgesTheTargets(t *testing.T) {
	t.Parallel()
	rs, err := parse(strings.NewReader(benchLines(map[string][2]float64{
		"BenchmarkDiagnostics/steps=1000":      {99_000_000, 0},
		"BenchmarkCompletion/step/steps=1000":  {51_000_000, 1200},
		"BenchmarkCompletion/block/steps=1000": {20_000_000, 900},
	})))
	if err != nil {
		t.Fatal(err)
	}
	table, err := lspTable(rs)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"diagnostics after a change", "99.00 ms", "<= 100.00 ms: met", "0"},
		{"completion at step level, after a change", "51.00 ms", "<= 50.00 ms: NOT met", "1200"},
		{"completion in a block, after a change", "20.00 ms", "<= 50.00 ms: met", "900"},
	}
	for i, row := range want {
		if got := table.Rows[i]; strings.Join(got, "|") != strings.Join(row, "|") {
			t.Errorf("row %d = %v, want %v", i, got, row)
		}
	}
}

func TestTablesSayWhichBenchmarkIsMissing(t *testing.T) {
	t.Parallel()
	rs := results{}
	for name, table := range map[string]func(results) error{
		"compile":  func(rs results) error { _, err := compileTable(rs); return err },
		"growth":   func(rs results) error { _, err := growthTable(rs); return err },
		"lsp":      func(rs results) error { _, err := lspTable(rs); return err },
		"provider": func(rs results) error { _, err := providerTable(rs); return err },
	} {
		if err := table(rs); err == nil || !strings.Contains(err.Error(), "the output has no Benchmark") {
			t.Errorf("%s table of no output: %v, want an error naming the missing benchmark", name, err)
		}
	}
}

func TestFmtDuration(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ns   float64
		want string
	}{{850, "850 ns"}, {12500, "12.5 µs"}, {3_450_000, "3.45 ms"}}
	for _, tt := range tests {
		if got := duration(tt.ns); got != tt.want {
			t.Errorf("duration(%v) = %q, want %q", tt.ns, got, tt.want)
		}
	}
}
