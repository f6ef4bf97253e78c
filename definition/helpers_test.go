package definition_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

func mustParse(t testing.TB, doc string) *definition.Definition {
	t.Helper()
	d, err := definition.ParseString(doc)
	if err != nil {
		t.Fatalf("parse %s: %v", doc, err)
	}
	return d
}

// problemsOf parses a document that must be invalid and returns its problems.
func problemsOf(t *testing.T, doc string) []definition.Problem {
	t.Helper()
	d, err := definition.ParseString(doc)
	if err == nil {
		t.Fatalf("parse %s: want an error, got %s", doc, d.Canonical())
	}
	if d != nil {
		t.Errorf("parse %s: want no definition with an error, got one", doc)
	}
	var verr *definition.ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("parse %s: error %T (%v) is not a *ValidationError", doc, err, err)
	}
	if len(verr.Problems) == 0 {
		t.Fatalf("parse %s: a ValidationError with no problems", doc)
	}
	return verr.Problems
}

// wantProblem is an expected problem: its exact path and words its message must contain.
type wantProblem struct {
	path     string
	contains []string
}

func checkProblems(t *testing.T, doc string, want []wantProblem) {
	t.Helper()
	got := problemsOf(t, doc)
	if len(got) != len(want) {
		t.Fatalf("parse %s:\n got %d problems: %s\nwant %d: %v", doc, len(got), problemList(got), len(want), want)
	}
	for i, w := range want {
		if got[i].Path != w.path {
			t.Errorf("problem %d: path %q, want %q (message %q)", i, got[i].Path, w.path, got[i].Message)
		}
		for _, s := range w.contains {
			if !strings.Contains(got[i].Message, s) {
				t.Errorf("problem %d at %q: message %q does not contain %q", i, got[i].Path, got[i].Message, s)
			}
		}
	}
}

func problemList(ps []definition.Problem) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.String()
	}
	return strings.Join(parts, "\n    ")
}

// ruleOf parses a rule by wrapping it in a one-condition definition.
func ruleOf(t *testing.T, rule string) *definition.Rule {
	t.Helper()
	d := mustParse(t, `{"steps":[{"type":"condition","if":`+rule+`}]}`)
	return d.Steps[0].If
}

func readTestdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("read testdata: %v", err)
	}
	return string(b)
}

// condition wraps a rule in a condition step with an email in each branch.
func condition(rule string) string {
	return `{"steps":[{"type":"condition","if":` + rule + `,"then":[{"type":"email","templateId":"a"}]}]}`
}
