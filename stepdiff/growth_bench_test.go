package stepdiff_test

import (
	"fmt"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/internal/testgen"
	"github.com/kraiter/terraform-provider-kraiter/stepdiff"
)

// BenchmarkGrowth measures the step diff at growing sizes, of an edit that touches every
// block; bench/gobench puts it in the growth table beside the definition's and the DSL's.
func BenchmarkGrowth(b *testing.B) {
	for _, n := range testgen.Sizes {
		oldDef, newDef := generated(b, testgen.Definition(n)), generated(b, testgen.Changed(n))
		b.Run(fmt.Sprintf("Diff/steps=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if d := stepdiff.Diff(oldDef, newDef); len(d.Changes) < n/testgen.StepsPerBlock {
					b.Fatalf("the diff found %d changes, want at least one a block", len(d.Changes))
				}
			}
		})
	}
}

func generated(b *testing.B, doc string) *definition.Definition {
	b.Helper()
	def, err := definition.ParseString(doc)
	if err != nil {
		b.Fatal(err)
	}
	return def
}
