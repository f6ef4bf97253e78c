package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/internal/review"
	"github.com/kraiter/terraform-provider-kraiter/internal/testgen"
)

// TestWritePlan checks that the plans the benchmark writes are plans the review reads, with
// every sequence updated by an edit that changes its meaning.
func TestWritePlan(t *testing.T) {
	t.Parallel()
	for _, c := range []planCase{{sequences: 3, steps: testgen.TypicalSteps}, {sequences: 2, steps: 20}} {
		t.Run(c.String(), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "plan.json")
			size, err := writePlan(path, c)
			if err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(path)
			if err != nil || int64(len(data)) != size {
				t.Fatalf("read %d bytes of %d: %v", len(data), size, err)
			}
			plan, err := review.ParsePlan(data)
			if err != nil {
				t.Fatal(err)
			}
			if len(plan.ResourceChanges) != c.sequences {
				t.Fatalf("%d resource changes, want %d", len(plan.ResourceChanges), c.sequences)
			}
			before, after := c.definitions()
			for _, text := range []string{before, after} {
				def, err := definition.ParseString(text)
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				def.Walk(func(string, *definition.Step) { n++ })
				if n != c.steps {
					t.Errorf("a definition of %d steps, want %d", n, c.steps)
				}
			}
			if equal, err := definition.Equal(before, after); err != nil || equal {
				t.Errorf("the edit does not change the definition's meaning (%v)", err)
			}
			got := review.Render(context.Background(), plan, review.Options{})
			if !strings.Contains(got, fmt.Sprintf("**Plan:** %d to update.", c.sequences)) || !strings.Contains(got, "**Step changes:** ") {
				t.Errorf("the review of the plan:\n%s", got)
			}
		})
	}
}
