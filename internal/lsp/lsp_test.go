package lsp

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/aymanbagabas/go-udiff"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

const seqURI = "file:///work/sequences/onboarding.kraiter.hcl"

// brokenSeq has one problem: the delay's duration, on line 10.
const brokenSeq = `locals {
  series = "tmpl_onboarding"
}

email {
  template = "${local.series}_welcome"
}

delay {
  duration = "2 days"
}
`

// completionList is a completion answer as the test reads it.
type completionList struct {
	IsIncomplete bool `json:"isIncomplete"`
	Items        []struct {
		Label         string                  `json:"label"`
		Detail        string                  `json:"detail"`
		InsertText    string                  `json:"insertText"`
		TextEdit      *protocol.TextEdit      `json:"textEdit"`
		Documentation *protocol.MarkupContent `json:"documentation"`
	} `json:"items"`
}

func (l completionList) labels() []string {
	var out []string
	for _, it := range l.Items {
		out = append(out, it.Label)
	}
	return out
}

// complete asks for completion in the sequence document, seqURI.
func (e *editor) complete(text, marker string, skip int) completionList {
	e.t.Helper()
	var l completionList
	e.must("textDocument/completion", docPos(seqURI, pos(e.t, text, marker, skip)), &l)
	return l
}

func (e *editor) hoverText(uri, text, marker string, skip int) string {
	e.t.Helper()
	var h *struct {
		Contents protocol.MarkupContent `json:"contents"`
	}
	e.must("textDocument/hover", docPos(uri, pos(e.t, text, marker, skip)), &h)
	if h == nil {
		return ""
	}
	return h.Contents.Value
}

// TestSession walks through a session as an editor has it: initialize, a diagnostic that the
// fix clears, completion, hover, go to definition, formatting, the outline, shutdown and exit.
func TestSession(t *testing.T) {
	t.Parallel()
	e := startEditor(t, Options{Version: "1.2.3"})
	res := e.initialize(nil)
	if res.ServerInfo == nil || res.ServerInfo.Version == nil || *res.ServerInfo.Version != "1.2.3" {
		t.Errorf("serverInfo = %+v, want version 1.2.3", res.ServerInfo)
	}

	e.open(seqURI, brokenSeq)
	diags := e.diagnostics(seqURI, 1).Diagnostics
	if len(diags) != 1 {
		t.Fatalf("got %d diagnostics, want the duration's: %+v", len(diags), diags)
	}
	if d := diags[0]; d.Range.Start.Line != 9 || d.Range.Start.Character != 13 || !strings.HasPrefix(d.Message, `Invalid duration: "2 days" is not a duration`) {
		t.Errorf("diagnostic = %d:%d %q, want line 10 column 14 (9:13 from zero) Invalid duration", d.Range.Start.Line, d.Range.Start.Character, d.Message)
	}

	fixed := strings.Replace(brokenSeq, "2 days", "2d", 1)
	e.change(seqURI, 2, fixed)
	if diags := e.diagnostics(seqURI, 2).Diagnostics; len(diags) != 0 {
		t.Errorf("the fix left diagnostics: %+v", diags)
	}

	typing := fixed + "\nco"
	e.change(seqURI, 3, typing)
	steps := e.complete(typing, "\nco", 3)
	for _, want := range []string{"email", "delay", "condition", "locals"} {
		if !slices.Contains(steps.labels(), want) {
			t.Errorf("completion at step level offers %v, not %q", steps.labels(), want)
		}
	}
	for _, it := range steps.Items {
		if it.Label == "condition" && !strings.Contains(it.InsertText, "when = $1") {
			t.Errorf("the condition snippet %q does not ask for when", it.InsertText)
		}
	}
	if attrs := e.complete(typing, "duration", 0); !slices.Equal(attrs.labels(), []string{"duration"}) {
		t.Errorf("completion inside a delay block offers %v, want [duration]", attrs.labels())
	}
	if attrs := e.complete(typing, "  template", 2); !slices.Equal(attrs.labels(), []string{"template", "delay"}) {
		t.Errorf("completion inside an email block offers %v, want [template delay]", attrs.labels())
	}
	if locals := e.complete(typing, "local.series", 6); !slices.Equal(locals.labels(), []string{"series"}) {
		t.Errorf("completion after local. offers %v, want [series]", locals.labels())
	}

	if doc := e.hoverText(seqURI, typing, "delay {", 1); !strings.Contains(doc, "**delay**: waits.") || !strings.Contains(doc, "`duration` (duration, required): how long to wait") {
		t.Errorf("hover on delay = %q", doc)
	}
	if doc := e.hoverText(seqURI, typing, "duration", 3); !strings.Contains(doc, "**duration** of delay (duration, required): how long to wait.") {
		t.Errorf("hover on duration = %q", doc)
	}

	if doc := e.hoverText(seqURI, typing, "local.series", 8); !strings.Contains(doc, "**local.series**, defined on line 2") || !strings.Contains(doc, "series = \"tmpl_onboarding\"") {
		t.Errorf("hover on local.series = %q, want its definition", doc)
	}

	var locs []protocol.Location
	e.must("textDocument/definition", docPos(seqURI, pos(t, typing, "local.series", 8)), &locs)
	if len(locs) != 1 || locs[0].URI != seqURI || locs[0].Range.Start.Line != 1 || locs[0].Range.Start.Character != 2 {
		t.Errorf("the definition of local.series is %+v, want line 2 column 3 (1:2 from zero)", locs)
	}

	messy := "email{\ntemplate=\"tmpl_a\"\n    delay =    \"1h\"\n}\n"
	e.change(seqURI, 4, messy)
	var edits []protocol.TextEdit
	e.must("textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": seqURI}, "options": map[string]any{"tabSize": 2, "insertSpaces": true}}, &edits)
	want, _ := dsl.Format([]byte(messy), "x")
	if got := applyEdits(t, messy, edits); got != string(want) {
		t.Errorf("the formatting edits give\n%s\nwant kraiter dsl fmt's\n%s", got, want)
	}

	branched := "condition {\n  when = contact.plan == \"pro\"\n\n  then {\n    email {\n      template = \"tmpl_pro\"\n    }\n  }\n  else {\n    delay {\n      duration = \"1d\"\n    }\n  }\n}\n"
	e.change(seqURI, 5, branched)
	var syms []protocol.DocumentSymbol
	e.must("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": seqURI}}, &syms)
	if got, want := outline(syms, ""), "condition [when = contact.plan == \"pro\"]\n  then\n    email [template = \"tmpl_pro\"]\n  else\n    delay [duration = \"1d\"]\n"; got != want {
		t.Errorf("the outline is\n%swant\n%s", got, want)
	}

	e.must("shutdown", nil, nil)
	if err := e.exit(); err != nil {
		t.Errorf("exit after shutdown: %v", err)
	}
}

// outline writes symbols as an indented tree, with their details.
func outline(syms []protocol.DocumentSymbol, indent string) string {
	var b strings.Builder
	for _, s := range syms {
		b.WriteString(indent + s.Name)
		if s.Detail != nil {
			b.WriteString(" [" + *s.Detail + "]")
		}
		b.WriteString("\n" + outline(s.Children, indent+"  "))
	}
	return b.String()
}

func applyEdits(t *testing.T, src string, edits []protocol.TextEdit) string {
	t.Helper()
	txt := newText([]byte(src))
	var ue []udiff.Edit
	for _, e := range edits {
		ue = append(ue, udiff.Edit{Start: txt.offset(e.Range.Start), End: txt.offset(e.Range.End), New: e.NewText})
	}
	out, err := udiff.Apply(src, ue)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDiagnosticsAreValidates checks that the editor gets kraiter dsl validate's problems, with
// the same messages at the same places; characters count UTF-16 code units, as LSP says.
func TestDiagnosticsAreValidates(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, src string
		vars      map[string]string
		// want are the problems as line, the text before the problem on its line, and the
		// start of the message.
		want []wantDiag
	}{
		{name: "unknown block", src: "emial {\n  template = \"t\"\n}\n",
			want: []wantDiag{{0, "", `Unknown block type: "emial" is not a block`}}},
		{name: "missing template", src: "delay {\n  duration = \"1d\"\n}\nemail {\n}\n",
			want: []wantDiag{{3, "", "Missing template: An email block needs template"}}},
		{name: "two problems", src: "email {\n  template = local.x\n}\ndelay {\n  duration = \"soon\"\n}\n",
			want: []wantDiag{{1, "  template = ", "Undefined local: local.x is not defined."}, {4, "  duration = ", `Invalid duration: "soon" is not a duration`}}},
		{name: "syntax error", src: "email {\n  template = \n}\n",
			want: []wantDiag{{1, "  template = ", "Invalid expression"}}},
		{name: "after wide characters", src: "condition {\n  when = contact.n == \"😀é😀\" && contact.age > true\n}\n",
			want: []wantDiag{{1, "  when = contact.n == \"😀é😀\" && contact.age > ", "Incorrect type: <, <=, > and >= compare numbers or strings"}}},
		{name: "var given", src: "email {\n  template = \"tmpl_${var.locale}\"\n}\n", vars: map[string]string{"locale": "en"}},
		{name: "var missing", src: "email {\n  template = \"tmpl_${var.locale}\"\n}\n",
			want: []wantDiag{{1, "  template = \"tmpl_${", "Undefined var: var.locale has no value."}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := startEditor(t, Options{Vars: tc.vars})
			e.initialize(nil)
			e.open(seqURI, tc.src)
			got := e.diagnostics(seqURI, 1).Diagnostics
			_, compiled := dsl.Compile([]byte(tc.src), dsl.Options{Filename: "/work/sequences/onboarding.kraiter.hcl", Vars: tc.vars})
			if len(got) != len(tc.want) || len(got) != len(compiled) {
				t.Fatalf("got %d diagnostics, want %d (dsl.Compile: %d): %+v", len(got), len(tc.want), len(compiled), got)
			}
			lines := strings.Split(tc.src, "\n")
			for i, w := range tc.want {
				d := got[i]
				if d.Message != dsl.OneLine(compiled[i]) || !strings.HasPrefix(d.Message, w.message) {
					t.Errorf("message %d = %q, want validate's %q, starting %q", i, d.Message, dsl.OneLine(compiled[i]), w.message)
				}
				col := len(utf16.Encode([]rune(w.before)))
				if int(d.Range.Start.Line) != w.line || int(d.Range.Start.Character) != col {
					t.Errorf("diagnostic %d is at %d:%d, want %d:%d, after %q on %q", i, d.Range.Start.Line, d.Range.Start.Character, w.line, col, w.before, lines[w.line])
				}
				if !strings.HasPrefix(lines[w.line], w.before) {
					t.Fatalf("the case is wrong: line %d does not start with %q", w.line, w.before)
				}
				if d.Severity == nil || *d.Severity != protocol.DiagnosticSeverityError || d.Source == nil || *d.Source != "kraiter" {
					t.Errorf("diagnostic %d has severity %v and source %v, want an error from kraiter", i, d.Severity, d.Source)
				}
			}
		})
	}
}

type wantDiag struct {
	line    int
	before  string
	message string
}

// TestNewerVersionSupersedesOlder holds the compile of version 1 back until version 2 has
// arrived: version 1's diagnostics must never be published, version 2's must.
func TestNewerVersionSupersedesOlder(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	compiling := make(chan struct{})
	e := startEditor(t, Options{}, func(s *server) {
		compile := s.compile
		s.compile = func(snap *snapshot) []protocol.Diagnostic {
			diags := compile(snap)
			if snap.version == 1 {
				close(compiling)
				<-release
			}
			return diags
		}
	})
	e.initialize(nil)
	e.open(seqURI, brokenSeq)
	<-compiling
	e.change(seqURI, 2, strings.Replace(brokenSeq, "2 days", "2d", 1))
	// Answers come in order, so once this one has, version 2 has been taken in.
	e.must("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": seqURI}}, nil)
	close(release)
	if diags := e.diagnostics(seqURI, 2).Diagnostics; len(diags) != 0 {
		t.Errorf("version 2 has diagnostics: %+v", diags)
	}
	e.must("shutdown", nil, nil)
	if got := e.published(seqURI); !slices.Equal(got, []int{2}) {
		t.Errorf("diagnostics were published for versions %v, want only 2: the compile of version 1 finished after version 2 arrived", got)
	}
}

// TestBurstOfChanges sends versions faster than they compile: the last one's diagnostics
// arrive, and the versions published only grow.
func TestBurstOfChanges(t *testing.T) {
	t.Parallel()
	e := startEditor(t, Options{})
	e.initialize(nil)
	e.open(seqURI, brokenSeq)
	for v := 2; v <= 20; v++ {
		text := brokenSeq
		if v == 20 {
			text = strings.Replace(brokenSeq, "2 days", "2d", 1)
		}
		e.change(seqURI, v, text)
	}
	if diags := e.diagnostics(seqURI, 20).Diagnostics; len(diags) != 0 {
		t.Errorf("the last version has diagnostics: %+v", diags)
	}
	e.must("shutdown", nil, nil)
	if got := e.published(seqURI); !slices.IsSorted(got) || got[len(got)-1] != 20 {
		t.Errorf("diagnostics were published for versions %v, want growing versions ending with 20", got)
	}
}

// TestCloseClearsDiagnostics checks that closing a document clears its problems.
func TestCloseClearsDiagnostics(t *testing.T) {
	t.Parallel()
	e := startEditor(t, Options{})
	e.initialize(nil)
	e.open(seqURI, brokenSeq)
	e.diagnostics(seqURI, 1)
	e.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": seqURI}})
	if diags := e.diagnostics(seqURI, 0); diags.Diagnostics == nil || len(diags.Diagnostics) != 0 {
		t.Errorf("closing published %+v, want an empty list", diags)
	}
}

// TestCompletionInExpressions checks what an expression is offered: functions and references,
// the conditions and contact only in when, names after a root.
func TestCompletionInExpressions(t *testing.T) {
	t.Parallel()
	e := startEditor(t, Options{Vars: map[string]string{"locale": "en"}})
	e.initialize(map[string]any{"initializationOptions": map[string]any{"vars": map[string]any{"region": "eu"}}})
	other := "file:///work/sequences/other.kraiter.hcl"
	otherSrc := "condition {\n  when = contact.plan == \"pro\" && contact[\"billing region\"] == \"eu\"\n}\n"
	e.open(other, otherSrc)
	src := "email {\n  template = lo\n}\ncondition {\n  when = ex\n}\ncondition {\n  when = contact.\n}\nemail {\n  template = var.\n}\n"
	e.open(seqURI, src)

	value := e.complete(src, "= lo", 4).labels()
	for _, want := range []string{"lower", "format", "var", "local"} {
		if !slices.Contains(value, want) {
			t.Errorf("a template's value is offered %v, not %q", value, want)
		}
	}
	for _, not := range []string{"performed", "exists", "contact"} {
		if slices.Contains(value, not) {
			t.Errorf("a template's value is offered %q, which only when takes", not)
		}
	}
	when := e.complete(src, "= ex", 4).labels()
	for _, want := range []string{"performed", "exists", "contains", "all", "any", "number", "contact", "lower"} {
		if !slices.Contains(when, want) {
			t.Errorf("a when expression is offered %v, not %q", when, want)
		}
	}
	if got, want := e.complete(src, "contact.\n", 8).labels(), []string{"billing region", "plan"}; !slices.Equal(got, want) {
		t.Errorf("contact. offers %v, want the attributes used in the workspace, %v", got, want)
	}
	if got, want := e.complete(src, "var.\n", 4).labels(), []string{"locale", "region"}; !slices.Equal(got, want) {
		t.Errorf("var. offers %v, want the vars given, %v", got, want)
	}
	if got := e.hoverText(seqURI, src, "var.\n", 1); !strings.Contains(got, "A value given to the compiler") {
		t.Errorf("hover on var = %q, want what var. is", got)
	}
	if got := e.hoverText(other, otherSrc, "contact.plan", 9); !strings.Contains(got, "contact.plan") {
		t.Errorf("hover on a contact attribute = %q", got)
	}
	called := "condition {\n  when = exists(contact.plan)\n}\n"
	e.change(other, 2, called)
	if got := e.hoverText(other, called, "exists", 2); !strings.Contains(got, "`exists(contact.ATTR)`") || !strings.Contains(got, "Whether the contact has the attribute") {
		t.Errorf("hover on exists = %q", got)
	}
}

// TestWorkspaceContactAttributes checks that contact. offers the attributes that the
// workspace's sequence files use, open or not, and passes over hidden folders.
func TestWorkspaceContactAttributes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for path, src := range map[string]string{
		"a.kraiter.hcl":              "condition {\n  when = contact.seats > 10\n}\n",
		"nested/b.kraiter.hcl":       "condition {\n  when = exists(contact.company)\n}\n",
		".git/c.kraiter.hcl":         "condition {\n  when = exists(contact.hidden)\n}\n",
		"node_modules/d.kraiter.hcl": "condition {\n  when = exists(contact.dependency)\n}\n",
		"e.kraiter.test.hcl":         "contact = { tested = true }\n",
		"nested/notes.txt":           "contact.notes\n",
	} {
		full := filepath.Join(dir, path)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	e := startEditor(t, Options{})
	e.initialize(map[string]any{"rootUri": "file://" + filepath.ToSlash(dir)})
	src := "condition {\n  when = contact.\n}\n"
	e.open(seqURI, src)
	want := []string{"company", "seats"}
	var got []string
	for range 100 { // the scan runs in the background
		if got = e.complete(src, "contact.", 8).labels(); slices.Equal(got, want) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Errorf("contact. offers %v, want %v", got, want)
}

// TestDeeplyNestedFile opens a file nested past the DSL's limits, which would overflow the
// parser's stack: every request that parses it answers, the outline empty.
func TestDeeplyNestedFile(t *testing.T) {
	t.Parallel()
	e := startEditor(t, Options{})
	e.initialize(nil)
	src := "email {\n  template = " + strings.Repeat("(", 100_000) + `"t"` + strings.Repeat(")", 100_000) + "\n}\n"
	e.open(seqURI, src)
	if diags := e.diagnostics(seqURI, 1).Diagnostics; len(diags) != 1 || !strings.HasPrefix(diags[0].Message, "Nested too deep") {
		t.Errorf("diagnostics %+v, want the one about nesting", diags)
	}
	var syms []protocol.DocumentSymbol
	e.must("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": seqURI}}, &syms)
	if len(syms) != 0 {
		t.Errorf("the outline of a file beyond the limits is %+v, want none", syms)
	}
	e.must("textDocument/hover", docPos(seqURI, pos(t, src, "template", 0)), nil)
	e.must("textDocument/completion", docPos(seqURI, pos(t, src, `"t"`, 0)), nil)
}

// TestTemplateIDsOnline reads the account's templates from a local Kraiter server, for
// completion in a template's string and for hover.
func TestTemplateIDsOnline(t *testing.T) {
	t.Parallel()
	inst := localservertest.Start(t)
	inst.CreateTemplate(t, "tmpl_welcome", "Welcome", "Welcome to `Acme`")
	inst.CreateTemplate(t, "tmpl_tips", "Tips", "Three tips")
	c, err := client.New(client.Config{BaseURL: inst.URL, APIKey: inst.APIKey})
	if err != nil {
		t.Fatal(err)
	}
	e := startEditor(t, Options{Client: c})
	e.initialize(nil)
	src := "email {\n  template = \"tm\"\n}\nemail {\n  template = \"tmpl_welcome\"\n}\n"
	e.open(seqURI, src)

	var l completionList
	for range 50 { // the first answers may come before the templates are read
		if l = e.complete(src, "\"tm\"", 3); !l.IsIncomplete {
			break
		}
	}
	if got := l.labels(); !slices.Equal(got, []string{"tmpl_tips", "tmpl_welcome"}) {
		t.Fatalf("a template's string offers %v (incomplete: %v), want the account's ids; log:\n%s", got, l.IsIncomplete, e.logged())
	}
	if te := l.Items[0].TextEdit; te == nil || te.Range.Start.Character != 14 || te.Range.End.Character != 16 || te.NewText != "tmpl_tips" {
		t.Errorf("the item replaces %+v, want the string's text so far, 1:14 to 1:16", te)
	}
	if te := e.complete(src, "\"tmpl_welcome", 1).Items[0].TextEdit; te == nil || te.Range.Start.Character != 14 || te.Range.End.Character != 26 {
		t.Errorf("at the start of an id, the item replaces %+v, want the whole id, 4:14 to 4:26", te)
	}
	if got := e.hoverText(seqURI, src, "tmpl_welcome", 3); !strings.Contains(got, "name: `Welcome`") || !strings.Contains(got, "subject: `` Welcome to `Acme` ``") {
		t.Errorf("hover on a template id = %q, want its name and subject", got)
	}
	if !strings.Contains(e.logged(), "read 2 templates of the account") {
		t.Errorf("the log does not say the templates were read:\n%s", e.logged())
	}
}

// TestTemplateIDsWithoutAccess checks that a server that refuses the key leaves completion
// without template ids, says why in the log only, and never shows the key.
func TestTemplateIDsWithoutAccess(t *testing.T) {
	t.Parallel()
	inst := localservertest.Start(t)
	const key = "k_wrong_1234567890"
	c, err := client.New(client.Config{BaseURL: inst.URL, APIKey: key, MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	e := startEditor(t, Options{Client: c})
	e.initialize(nil)
	src := "email {\n  template = \"\"\n}\n"
	e.open(seqURI, src)
	var l completionList
	for range 50 {
		if l = e.complete(src, "\"\"", 1); !l.IsIncomplete {
			break
		}
	}
	if len(l.Items) != 0 || l.IsIncomplete {
		t.Errorf("completion offers %v (incomplete: %v), want nothing", l.labels(), l.IsIncomplete)
	}
	log := e.logged()
	if !strings.Contains(log, "template ids are not offered") || strings.Contains(log, key) {
		t.Errorf("the log should say why there are no template ids, without the key:\n%s", log)
	}
}

// TestTestFiles checks that a sequence test file gets its syntax checked, not read as a
// sequence.
func TestTestFiles(t *testing.T) {
	t.Parallel()
	e := startEditor(t, Options{})
	e.initialize(nil)
	uri := "file:///work/sequences/onboarding.kraiter.test.hcl"
	e.open(uri, "sequence = \"onboarding.kraiter.hcl\"\n\ntest \"sends\" {\n  expect_sends = [\"tmpl_welcome\"]\n}\n")
	if diags := e.diagnostics(uri, 1).Diagnostics; len(diags) != 0 {
		t.Errorf("a valid test file has diagnostics: %+v", diags)
	}
	e.change(uri, 2, "test \"sends\" {\n  expect_sends = [\n}\n")
	if diags := e.diagnostics(uri, 2).Diagnostics; len(diags) == 0 {
		t.Error("a test file with a syntax error has no diagnostics")
	}
}

// TestExitWithoutShutdown checks the status the protocol asks for.
func TestExitWithoutShutdown(t *testing.T) {
	t.Parallel()
	e := startEditor(t, Options{})
	e.initialize(nil)
	if err := e.exit(); !errors.Is(err, ErrExitWithoutShutdown) {
		t.Errorf("exit without shutdown: %v, want ErrExitWithoutShutdown", err)
	}
}

// TestRequestBeforeInitialize checks the protocol's error for a request that comes too early.
func TestRequestBeforeInitialize(t *testing.T) {
	t.Parallel()
	e := startEditor(t, Options{})
	err := e.call("textDocument/hover", docPos(seqURI, map[string]any{"line": 0, "character": 0}), nil)
	if err == nil || !strings.Contains(err.Error(), "error -32002") {
		t.Errorf("hover before initialize: %v, want error -32002", err)
	}
}
