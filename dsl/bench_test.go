package dsl

import (
	"os"
	"testing"
)

// benchSource is the most branched example, the one a compile takes longest on.
func benchSource(b *testing.B) []byte {
	b.Helper()
	src, err := os.ReadFile("../examples/dsl/trial-conversion.kraiter.hcl")
	if err != nil {
		b.Fatal(err)
	}
	return src
}

func BenchmarkCompile(b *testing.B) {
	src := benchSource(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := Compile(src, Options{Filename: "trial-conversion.kraiter.hcl"}); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}

func BenchmarkDecompile(b *testing.B) {
	res, diags := Compile(benchSource(b), Options{Filename: "trial-conversion.kraiter.hcl"})
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	b.ReportAllocs()
	for b.Loop() {
		Decompile(res.Definition)
	}
}

func BenchmarkFormat(b *testing.B) {
	src := benchSource(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := Format(src, "trial-conversion.kraiter.hcl"); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}
