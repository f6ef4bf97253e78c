package dsl

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden from the current output")

// exampleVars are the vars each example needs.
var exampleVars = map[string]map[string]string{
	"re-engagement": {"locale": "EN"},
}

// TestExamples compiles every example under examples/dsl and compares the JSON with the golden
// files, then checks that the decompiled golden JSON compiles to itself.
func TestExamples(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("../examples/dsl/*.kraiter.hcl")
	if err != nil || len(files) < 4 {
		t.Fatalf("want the four examples, found %v (%v)", files, err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".kraiter.hcl")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			res, diags := Compile(src, Options{Filename: file, Vars: exampleVars[name]})
			if diags.HasErrors() {
				t.Fatalf("compile: %s", diags.Error())
			}
			checkGolden(t, filepath.Join("testdata", "golden", name+".json"), append(res.JSON, '\n'))

			formatted, diags := Format(src, file)
			if diags.HasErrors() || !bytes.Equal(formatted, src) {
				t.Errorf("the example is not formatted canonically (%v); run kraiter dsl fmt --write on it", diags)
			}

			golden, err := os.ReadFile(filepath.Join("testdata", "golden", name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			text, err := DecompileJSON(golden)
			if err != nil {
				t.Fatal(err)
			}
			again, diags := Compile(text, Options{Filename: name + ".decompiled"})
			if diags.HasErrors() {
				t.Fatalf("compile the decompiled golden: %s\n%s", diags.Error(), text)
			}
			if got, want := string(again.JSON)+"\n", string(golden); got != want {
				t.Errorf("decompile then compile changed the definition:\n got %s\nwant %s", got, want)
			}
		})
	}
}

// checkGolden compares got with a golden file, or rewrites the file under -update.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./dsl -run TestExamples -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output:\n got %s\nwant %s", path, got, want)
	}
}
