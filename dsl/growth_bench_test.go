package dsl_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
	"github.com/kraiter/terraform-provider-kraiter/internal/testgen"
)

func generated(b *testing.B, doc string) *definition.Definition {
	b.Helper()
	def, err := definition.ParseString(doc)
	if err != nil {
		b.Fatal(err)
	}
	return def
}

// BenchmarkCompileVsParse compiles generated DSL files and, for the floor, only parses them
// with hclsyntax.ParseConfig, the first thing Compile does: the ratio is what the DSL adds.
func BenchmarkCompileVsParse(b *testing.B) {
	for _, n := range testgen.Sizes {
		src := dsl.Decompile(generated(b, testgen.Definition(n)))
		b.Run(fmt.Sprintf("compile/steps=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, diags := dsl.Compile(src, dsl.Options{Filename: "generated.kraiter.hcl"}); diags.HasErrors() {
					b.Fatal(diags)
				}
			}
		})
		b.Run(fmt.Sprintf("parse/steps=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, diags := hclsyntax.ParseConfig(src, "generated.kraiter.hcl", hcl.InitialPos); diags.HasErrors() {
					b.Fatal(diags)
				}
			}
		})
	}
}

// BenchmarkGrowth measures the DSL's whole-definition operations at growing sizes: writing a
// definition as DSL, and the step-level diff of an edit that touches every block.
func BenchmarkGrowth(b *testing.B) {
	for _, n := range testgen.Sizes {
		oldDef, newDef := generated(b, testgen.Definition(n)), generated(b, testgen.Changed(n))
		b.Run(fmt.Sprintf("Decompile/steps=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				dsl.Decompile(oldDef)
			}
		})
		b.Run(fmt.Sprintf("Diff/steps=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if d := dsl.Diff(oldDef, newDef); len(d.Changes) < n/testgen.StepsPerBlock {
					b.Fatalf("the diff found %d changes, want at least one a block", len(d.Changes))
				}
			}
		})
	}
}
