package dsl

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// fuzzVars are the vars every fuzzed compilation gets, so that inputs using var.NAME can
// reach past the reference checks.
var fuzzVars = map[string]string{"locale": "en", "n": "5", "flag": "true"}

// maxSeedBytes leaves the few huge table inputs (the size limits) out of the fuzz corpus:
// mutating and minimizing them would take most of a short fuzzing run.
const maxSeedBytes = 8 << 10

// addSeeds adds the examples and the sources of the table tests to a fuzz corpus.
func addSeeds(f *testing.F) {
	files, _ := filepath.Glob("../examples/dsl/*.kraiter.hcl")
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, tc := range compileCases {
		f.Add([]byte(tc.src))
	}
	for _, tc := range diagnosticCases {
		if len(tc.src) <= maxSeedBytes {
			f.Add([]byte(tc.src))
		}
	}
}

// FuzzCompile checks that Compile never panics, that every error has a position, that what
// compiles is deterministic, valid and survives decompiling, and that quoted literals read
// from the source agree with HCL.
func FuzzCompile(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		checkLiterals(t, src)
		res, diags := Compile(src, Options{Filename: "fuzz.kraiter.hcl", Vars: fuzzVars})
		for _, d := range diags {
			if d.Severity == 0 || d.Summary == "" || d.Subject == nil || d.Subject.Start.Line < 1 || d.Subject.Start.Column < 1 {
				t.Fatalf("a diagnostic without severity, summary or position: %#v", d)
			}
		}
		if res == nil {
			if !diags.HasErrors() {
				t.Fatal("no result and no error")
			}
			return
		}
		again, _ := Compile(src, Options{Filename: "fuzz.kraiter.hcl", Vars: fuzzVars})
		if again == nil || !bytes.Equal(again.JSON, res.JSON) {
			t.Fatal("compiling twice gave different JSON")
		}
		def, err := definition.Parse(res.JSON)
		if err != nil {
			t.Fatalf("the compiled JSON is not valid: %v\n%s", err, res.JSON)
		}
		if def.Canonical() != string(res.JSON) {
			t.Fatalf("the compiled JSON is not canonical:\n%s\n%s", res.JSON, def.Canonical())
		}
		checkRoundTrip(t, def)
	})
}

// FuzzRoundTrip checks Compile(Decompile(d)) == d for every definition JSON that parses.
func FuzzRoundTrip(f *testing.F) {
	for _, doc := range roundTripSeeds() {
		f.Add([]byte(doc))
	}
	files, _ := filepath.Glob("testdata/golden/*.json")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		def, err := definition.Parse(data)
		if err != nil {
			return
		}
		checkRoundTrip(t, def)
	})
}

// FuzzFormat checks that Format never panics and that formatting is idempotent.
func FuzzFormat(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		out, diags := Format(src, "fuzz.kraiter.hcl")
		if diags.HasErrors() {
			return
		}
		again, diags := Format(out, "fuzz.kraiter.hcl")
		if diags.HasErrors() {
			t.Fatalf("the formatted text does not parse: %s\n%s", diags.Error(), out)
		}
		if !bytes.Equal(again, out) {
			t.Fatalf("formatting is not idempotent:\n%q\n%q", out, again)
		}
	})
}
