package lsp

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
	"github.com/kraiter/terraform-provider-kraiter/internal/testgen"
)

// benchSteps is the size of the file the targets are set for.
const benchSteps = 1000

// benchFile is a generated sequence of benchSteps steps in the DSL.
func benchFile(b *testing.B) string {
	b.Helper()
	def, err := definition.ParseString(testgen.Definition(benchSteps))
	if err != nil {
		b.Fatal(err)
	}
	return string(dsl.Decompile(def))
}

// keystroke is the change of one character: the first delay's "2d" to "3d" and back, as
// an edit in the editor sends it.
func keystroke(b *testing.B, e *editor, src string, version int) {
	b.Helper()
	at := pos(b, src, `duration = "2d"`, len(`duration = "`))
	end := map[string]any{"line": at["line"], "character": at["character"].(uint32) + 1}
	digit := "3"
	if version%2 == 1 {
		digit = "2"
	}
	e.notify("textDocument/didChange", map[string]any{
		"textDocument":   map[string]any{"uri": seqURI, "version": version},
		"contentChanges": []any{map[string]any{"range": map[string]any{"start": at, "end": end}, "text": digit}},
	})
}

// BenchmarkDiagnostics measures, over pipes as an editor has it, the time from a one-character
// change of a 1,000-step file to its diagnostics.
func BenchmarkDiagnostics(b *testing.B) {
	src := benchFile(b)
	e := startEditor(b, Options{})
	e.initialize(nil)
	e.open(seqURI, src)
	e.diagnostics(seqURI, 1)
	version := 1
	b.Run(fmt.Sprintf("steps=%d", benchSteps), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			version++
			keystroke(b, e, src, version)
			if d := e.diagnostics(seqURI, version); len(d.Diagnostics) != 0 {
				b.Fatalf("the file has problems: %+v", d.Diagnostics)
			}
		}
	})
}

// BenchmarkCompletion measures completion in a 1,000-step file right after a one-character
// change, while that version's diagnostics compile: at step level at the end of the file,
// the farthest a cursor can be, and inside its last block.
func BenchmarkCompletion(b *testing.B) {
	src := benchFile(b) + "\n"
	last := bytes.LastIndex([]byte(src), []byte("email {"))
	for _, tc := range []struct {
		name   string
		offset int
		want   string
	}{
		{"step", len(src), "condition"},
		{"block", last + len("email {\n"), "template"},
	} {
		b.Run(fmt.Sprintf("%s/steps=%d", tc.name, benchSteps), func(b *testing.B) {
			e := startEditor(b, Options{})
			e.initialize(nil)
			e.open(seqURI, src)
			e.diagnostics(seqURI, 1)
			p := newText([]byte(src)).position(tc.offset)
			params := docPos(seqURI, map[string]any{"line": p.Line, "character": p.Character})
			version := 1
			b.ReportAllocs()
			for b.Loop() {
				version++
				keystroke(b, e, src, version)
				var l completionList
				e.must("textDocument/completion", params, &l)
				if len(l.Items) == 0 || !bytes.Contains([]byte(fmt.Sprint(l.labels())), []byte(tc.want)) {
					b.Fatalf("completion offers %v, want %s among them", l.labels(), tc.want)
				}
			}
		})
	}
}
