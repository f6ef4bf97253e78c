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

// BenchmarkGrowth measures the DSL's whole-definition operation at growing sizes: writing a
// definition as DSL. (The step diff's growth is stepdiff's BenchmarkGrowth.)
func BenchmarkGrowth(b *testing.B) {
	for _, n := range testgen.Sizes {
		def := generated(b, testgen.Definition(n))
		b.Run(fmt.Sprintf("Decompile/steps=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				dsl.Decompile(def)
			}
		})
	}
}
