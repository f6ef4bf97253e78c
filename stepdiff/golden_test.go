package stepdiff

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

var update = flag.Bool("update", false, "rewrite the golden graphs under testdata/golden from the current output")

// exampleVars are the vars each example under examples/dsl needs.
var exampleVars = map[string]map[string]string{
	"re-engagement": {"locale": "EN"},
}

// compileExamples compiles every example under examples/dsl, by name.
func compileExamples(t *testing.T) map[string]*definition.Definition {
	t.Helper()
	files, err := filepath.Glob("../examples/dsl/*.kraiter.hcl")
	if err != nil || len(files) < 4 {
		t.Fatalf("want the four examples, found %v (%v)", files, err)
	}
	defs := map[string]*definition.Definition{}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(file), ".kraiter.hcl")
		res, diags := dsl.Compile(src, dsl.Options{Filename: file, Vars: exampleVars[name]})
		if diags.HasErrors() {
			t.Fatalf("compile %s: %s", file, diags.Error())
		}
		defs[name] = res.Definition
	}
	return defs
}

// TestExampleGraphs compares the graph of every example with its golden file; go test
// ./stepdiff -run TestExampleGraphs -update rewrites them.
func TestExampleGraphs(t *testing.T) {
	t.Parallel()
	for name, def := range compileExamples(t) {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", "golden", name+".mmd")
			got := []byte(Graph(def))
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./stepdiff -run TestExampleGraphs -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the output:\n got %s\nwant %s", path, got, want)
			}
		})
	}
}
