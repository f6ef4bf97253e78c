package review

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/dsltest"
)

var update = flag.Bool("update", false, "rewrite the golden reviews testdata/*/*.review.md from the current output")

// scenarios are the plans of testdata, each made by scripts/review-testdata.sh with both
// CLIs: changes of every kind, changes made outside Terraform, a rename without a moved
// block, a failed check block and a plan that errored.
var scenarios = []string{"changes", "drift", "rename", "checks", "errored"}

// TestGolden renders the real plans of each CLI with the sample contacts, offline, and
// compares them with the golden reviews. Both CLIs plan the same change, so their reviews
// must be the same too.
func TestGolden(t *testing.T) {
	t.Parallel()
	contacts := readContacts(t, filepath.Join("testdata", "review.contacts.hcl"))
	for _, scenario := range scenarios {
		t.Run(scenario, func(t *testing.T) {
			plans, err := filepath.Glob(filepath.Join("testdata", scenario, "*.plan.json"))
			if err != nil || len(plans) < 2 {
				t.Fatalf("want the plans of OpenTofu and Terraform in testdata/%s, found %v (%v); run scripts/review-testdata.sh", scenario, plans, err)
			}
			reviews := map[string]string{}
			for _, path := range plans {
				name := strings.TrimSuffix(filepath.Base(path), ".plan.json")
				plan := readPlan(t, path)
				got := Render(context.Background(), plan, Options{Contacts: contacts, NoAccount: "--offline"})
				checkGolden(t, filepath.Join("testdata", scenario, name+".review.md"), got)
				reviews[name] = got
			}
			for name, review := range reviews {
				for other, otherReview := range reviews {
					if review != otherReview {
						t.Errorf("the reviews of %s and %s differ; both CLIs plan the same change", name, other)
					}
				}
			}
		})
	}
}

func readPlan(t *testing.T, path string) *Plan {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := ParsePlan(data)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

func readContacts(t *testing.T, path string) []dsltest.Contact {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	contacts, diags := dsltest.ParseContacts(src, path)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return contacts
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v; run go test ./internal/review -update to write it", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the output; if the change is intended, run go test ./internal/review -update\ngot:\n%s", path, got)
	}
}

// The reviewing guide shows golden reviews, whole or in part, each in a block of Markdown
// under a line that names the golden review and its lines:
//
//	<!-- example: drift/tofu-1.10.10.review.md 1-39 -->
//	````markdown
//	...
//	````
const guidePath = "../../templates/guides/reviewing-changes.md.tmpl"

var guideExample = regexp.MustCompile("(?s)<!-- example: (\\S+) (all|\\d+-\\d+) -->\n````markdown\n(.*?)````\n")

// TestGuideExamples keeps the guide's examples the same as the golden reviews; -update pastes
// the golden reviews into the guide.
func TestGuideExamples(t *testing.T) {
	t.Parallel()
	guide, err := os.ReadFile(guidePath)
	if err != nil {
		t.Fatal(err)
	}
	matches := guideExample.FindAllSubmatchIndex(guide, -1)
	if len(matches) == 0 {
		t.Fatalf("%s has no example", guidePath)
	}
	var updated []byte
	last := 0
	for _, m := range matches {
		file, lines := string(guide[m[2]:m[3]]), string(guide[m[4]:m[5]])
		golden, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		want := excerpt(t, string(golden), lines)
		if got := string(guide[m[6]:m[7]]); got != want && !*update {
			t.Errorf("the example of %s %s in %s differs from the golden review; run go test ./internal/review -update", file, lines, guidePath)
		}
		updated = append(append(updated, guide[last:m[6]]...), want...)
		last = m[7]
	}
	updated = append(updated, guide[last:]...)
	if *update && !bytes.Equal(updated, guide) {
		if err := os.WriteFile(guidePath, updated, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// excerpt is lines "FROM-TO" (counted from 1) of text, or "all" of it.
func excerpt(t *testing.T, text, lines string) string {
	t.Helper()
	if lines == "all" {
		return text
	}
	var from, to int
	if _, err := fmt.Sscanf(lines, "%d-%d", &from, &to); err != nil {
		t.Fatalf("lines %q: %v", lines, err)
	}
	all := strings.SplitAfter(text, "\n")
	if from < 1 || to > len(all) || from > to {
		t.Fatalf("lines %s of a golden review of %d lines", lines, len(all))
	}
	return strings.Join(all[from-1:to], "")
}
