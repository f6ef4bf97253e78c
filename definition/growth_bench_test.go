package definition_test

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/internal/testgen"
)

// jsonencoded respells a definition as Terraform's jsonencode writes it: compact, keys
// sorted. The provider compares that spelling with the API's on every plan.
func jsonencoded(b *testing.B, doc string) string {
	b.Helper()
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		b.Fatal(err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		b.Fatal(err)
	}
	return string(out)
}

// BenchmarkGrowth measures what the provider and the DSL do with a whole definition, at
// growing sizes: semantic equality of two spellings, the canonical form, and a simulation.
func BenchmarkGrowth(b *testing.B) {
	for _, n := range testgen.Sizes {
		doc := testgen.Definition(n)
		respelled := jsonencoded(b, doc)
		def := mustParse(b, doc)
		b.Run(fmt.Sprintf("Equal/steps=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if equal, err := definition.Equal(doc, respelled); err != nil || !equal {
					b.Fatalf("Equal = %v, %v; want the two spellings equal", equal, err)
				}
			}
		})
		b.Run(fmt.Sprintf("Canonical/steps=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = def.Canonical()
			}
		})
		// The contact takes the longest branch of every block: not pro, few seats, in DE.
		in := definition.SimulationInput{
			Attributes: map[string]any{"plan": "free", "seats": 2.0, "country": "DE"},
			Subscribed: true,
			Events:     []definition.SimulationEvent{{Name: "purchased_0", After: time.Hour}},
		}
		b.Run(fmt.Sprintf("Simulate/steps=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if res := definition.Simulate(def, in); !res.Completed {
					b.Fatal("the simulation did not reach the end of the definition")
				}
			}
		})
	}
}
