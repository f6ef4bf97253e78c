package review

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden reviews testdata/*.review.md from the current output")

// TestGolden renders the real plans of each CLI (written by scripts/review-testdata.sh) with
// the sample contacts, and compares them with the golden reviews. Both CLIs plan the same
// change, so their reviews must be the same too.
func TestGolden(t *testing.T) {
	plans, err := filepath.Glob(filepath.Join("testdata", "*.plan.json"))
	if err != nil || len(plans) < 2 {
		t.Fatalf("want the plans of OpenTofu and Terraform in testdata, found %v (%v); run scripts/review-testdata.sh", plans, err)
	}
	contacts := readContacts(t, filepath.Join("testdata", "review.contacts.hcl"))
	reviews := map[string]string{}
	for _, path := range plans {
		name := strings.TrimSuffix(filepath.Base(path), ".plan.json")
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			plan, err := ParsePlan(data)
			if err != nil {
				t.Fatal(err)
			}
			got := Render(plan, Options{Contacts: contacts})
			checkGolden(t, filepath.Join("testdata", name+".review.md"), got)
			reviews[name] = got
		})
	}
	for name, review := range reviews {
		for other, otherReview := range reviews {
			if review != otherReview {
				t.Errorf("the reviews of %s and %s differ; both CLIs plan the same change", name, other)
			}
		}
	}
}

func readContacts(t *testing.T, path string) []Contact {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	contacts, diags := ParseContacts(src, path)
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

// The reviewing guide shows the golden review of the OpenTofu plan as the example comment,
// between these lines.
const (
	guidePath         = "../../templates/guides/reviewing-changes.md.tmpl"
	guideExampleStart = "````markdown\n"
	guideExampleEnd   = "````\n"
)

// TestGuideExample keeps the guide's example comment the same as the golden review; -update
// pastes the golden review into the guide.
func TestGuideExample(t *testing.T) {
	golden, err := os.ReadFile(filepath.Join("testdata", "tofu-1.10.10.review.md"))
	if err != nil {
		t.Fatal(err)
	}
	guide, err := os.ReadFile(guidePath)
	if err != nil {
		t.Fatal(err)
	}
	start := bytes.Index(guide, []byte(guideExampleStart)) + len(guideExampleStart)
	length := bytes.Index(guide[start:], []byte("\n"+guideExampleEnd)) + 1
	if start < len(guideExampleStart) || length < 1 {
		t.Fatalf("%s has no example comment between %q and %q", guidePath, guideExampleStart, guideExampleEnd)
	}
	end := start + length
	example := guide[start:end]
	if bytes.Equal(example, golden) {
		return
	}
	if !*update {
		t.Fatalf("the example comment in %s differs from testdata/tofu-1.10.10.review.md; run go test ./internal/review -update", guidePath)
	}
	updated := append(append(append([]byte{}, guide[:start]...), golden...), guide[end:]...)
	if err := os.WriteFile(guidePath, updated, 0o644); err != nil {
		t.Fatal(err)
	}
}
