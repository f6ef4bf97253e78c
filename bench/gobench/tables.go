package main

import (
	"fmt"
	"strconv"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/bench/report"
	"github.com/kraiter/terraform-provider-kraiter/internal/testgen"
)

// compileTarget bounds compile / parse at the largest size.
const compileTarget = 3.0

// largest is the largest benchmarked size, where the targets apply.
func largest() int { return testgen.Sizes[len(testgen.Sizes)-1] }

// cell formats the median of a figure, or "-" when the benchmark did not run.
func cell(rs results, name string, of func(*result) []float64, format func(float64) string) string {
	v, ok := rs.figure(name, of)
	if !ok {
		return "-"
	}
	return format(v)
}

func duration(v float64) string { return fmtDuration(time.Duration(v)) }
func count(v float64) string    { return strconv.FormatFloat(v, 'f', 0, 64) }

// fmtDuration writes ns, µs or ms, three significant figures or so.
func fmtDuration(d time.Duration) string {
	switch {
	case d < time.Microsecond:
		return fmt.Sprintf("%d ns", d.Nanoseconds())
	case d < time.Millisecond:
		return fmt.Sprintf("%.1f µs", float64(d)/float64(time.Microsecond))
	default:
		return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
	}
}

func compileTable(rs results) (*report.Table, error) {
	t := &report.Table{Header: []string{"steps", "compile", "compile allocs", "hclsyntax.ParseConfig", "parse allocs", "compile / parse"}}
	for _, n := range testgen.Sizes {
		compile := fmt.Sprintf("BenchmarkCompileVsParse/compile/steps=%d", n)
		parse := fmt.Sprintf("BenchmarkCompileVsParse/parse/steps=%d", n)
		c, okC := rs.figure(compile, ns)
		p, okP := rs.figure(parse, ns)
		if !okC || !okP {
			return nil, fmt.Errorf("the output has no %s or %s; run the dsl package's BenchmarkCompileVsParse", compile, parse)
		}
		ratio := report.Ratio(c, p)
		if n == largest() {
			ratio += fmt.Sprintf(" (target <= %.0fx: %s)", compileTarget, report.Verdict(c/p <= compileTarget))
		}
		t.Add(strconv.Itoa(n), duration(c), cell(rs, compile, allocs, count), duration(p), cell(rs, parse, allocs, count), ratio)
	}
	return t, nil
}

// growthOps are the operations of the growth benchmarks, with the package that has them.
var growthOps = []struct{ op, pkg string }{
	{"Equal", "definition"}, {"Canonical", "definition"}, {"Simulate", "definition"},
	{"Decompile", "dsl"}, {"Diff", "stepdiff"},
}

func growthTable(rs results) (*report.Table, error) {
	t := &report.Table{Header: []string{"operation"}}
	for _, n := range testgen.Sizes {
		t.Header = append(t.Header, fmt.Sprintf("ns per step, %d steps", n))
	}
	t.Header = append(t.Header, fmt.Sprintf("%d / %d steps, per step", largest(), testgen.Sizes[0]), fmt.Sprintf("allocs per step, %d steps", largest()))
	for _, g := range growthOps {
		row := []string{g.pkg + "." + g.op}
		var perStep []float64
		for _, n := range testgen.Sizes {
			name := fmt.Sprintf("BenchmarkGrowth/%s/steps=%d", g.op, n)
			v, ok := rs.figure(name, ns)
			if !ok {
				return nil, fmt.Errorf("the output has no %s; run the %s package's BenchmarkGrowth", name, g.pkg)
			}
			perStep = append(perStep, v/float64(n))
			row = append(row, count(v/float64(n)))
		}
		row = append(row, report.Ratio(perStep[len(perStep)-1], perStep[0]),
			cell(rs, fmt.Sprintf("BenchmarkGrowth/%s/steps=%d", g.op, largest()), allocs, func(v float64) string { return fmt.Sprintf("%.1f", v/float64(largest())) }))
		t.Add(row...)
	}
	return t, nil
}

// lspOps are the language server's benchmarks, with their targets.
var lspOps = []struct {
	name, what string
	target     time.Duration
}{
	{"BenchmarkDiagnostics/steps=1000", "diagnostics after a change", 100 * time.Millisecond},
	{"BenchmarkCompletion/step/steps=1000", "completion at step level, after a change", 50 * time.Millisecond},
	{"BenchmarkCompletion/block/steps=1000", "completion in a block, after a change", 50 * time.Millisecond},
}

func lspTable(rs results) (*report.Table, error) {
	t := &report.Table{Header: []string{"operation", "median", "target", "allocs, whole process"}}
	for _, op := range lspOps {
		v, ok := rs.figure(op.name, ns)
		if !ok {
			return nil, fmt.Errorf("the output has no %s; run the internal/lsp package's benchmarks", op.name)
		}
		t.Add(op.what, duration(v), fmt.Sprintf("<= %s: %s", fmtDuration(op.target), report.Verdict(time.Duration(v) <= op.target)), cell(rs, op.name, allocs, count))
	}
	return t, nil
}

// providerOps are the calls of the provider benchmarks.
var providerOps = []string{"Validate", "Upgrade", "Read", "Plan", "RefreshPlan", "NoRefreshPlan", "Create"}

func providerTable(rs results) (*report.Table, error) {
	t := &report.Table{Header: []string{"call", "kraiter_sequence", "floor_sequence", "kraiter / floor", "kraiter allocs", "floor allocs"}}
	for _, op := range providerOps {
		k, f := "BenchmarkProvider/kraiter_sequence/"+op, "BenchmarkProvider/floor_sequence/"+op
		kv, okK := rs.figure(k, ns)
		fv, okF := rs.figure(f, ns)
		if !okK || !okF {
			return nil, fmt.Errorf("the output has no %s or %s; run bench/providerbench's BenchmarkProvider", k, f)
		}
		t.Add(op, duration(kv), duration(fv), report.Ratio(kv, fv), cell(rs, k, allocs, count), cell(rs, f, allocs, count))
	}
	return t, nil
}
