package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runKraiter runs the kraiter command with args and stdin, and returns what it wrote and its
// exit status.
func runKraiter(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	root := newRootCmd()
	root.SetArgs(args)
	root.SetIn(strings.NewReader(stdin))
	root.SetOut(&out)
	root.SetErr(&errOut)
	code = execute(root)
	return out.String(), errOut.String(), code
}

const (
	onboarding   = "../../examples/dsl/onboarding.kraiter.hcl"
	reEngagement = "../../examples/dsl/re-engagement.kraiter.hcl"
)

// golden reads a golden file: a compiled example's JSON (dsl's) or its graph (stepdiff's).
func golden(t *testing.T, name string) string {
	t.Helper()
	dir := "../../dsl/testdata/golden"
	if strings.HasSuffix(name, ".mmd") {
		dir = "../../stepdiff/testdata/golden"
	}
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const badSource = "emial {\n}\ndelay {\n  duration = \"2 days\"\n}\n"

func TestDSLCompile(t *testing.T) {
	t.Parallel()
	out, errOut, code := runKraiter(t, "", "dsl", "compile", onboarding)
	if code != 0 || out != golden(t, "onboarding.json") {
		t.Fatalf("exit %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
	out, _, code = runKraiter(t, "", "dsl", "compile", "--var", "locale=EN", reEngagement)
	if code != 0 || out != golden(t, "re-engagement.json") {
		t.Errorf("with --var: exit %d, stdout:\n%s", code, out)
	}
}

// TestDSLCompileDecompileCompile is the pipeline
// kraiter dsl compile FILE | kraiter dsl decompile - | kraiter dsl compile -.
func TestDSLCompileDecompileCompile(t *testing.T) {
	t.Parallel()
	first, _, _ := runKraiter(t, "", "dsl", "compile", onboarding)
	text, errOut, code := runKraiter(t, first, "dsl", "decompile", "-")
	if code != 0 {
		t.Fatalf("decompile: exit %d: %s", code, errOut)
	}
	again, errOut, code := runKraiter(t, text, "dsl", "compile", "-")
	if code != 0 || again != first {
		t.Errorf("exit %d (%s): got\n%s\nwant\n%s", code, errOut, again, first)
	}
}

func TestDSLCompileErrors(t *testing.T) {
	t.Parallel()
	path := writeTemp(t, "bad.kraiter.hcl", badSource)
	out, errOut, code := runKraiter(t, "", "dsl", "compile", path)
	if code != 1 || out != "" {
		t.Fatalf("want exit 1 and no output, got %d, %q", code, out)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != 2 ||
		!strings.HasPrefix(lines[0], path+`:1:1: error: Unknown block type: "emial" is not a block`) ||
		!strings.HasPrefix(lines[1], path+`:4:14: error: Invalid duration: "2 days" is not a duration; write a whole number and one unit`) {
		t.Errorf("stderr:\n%s", errOut)
	}

	_, errOut, code = runKraiter(t, "", "dsl", "compile", reEngagement)
	if code != 1 || !strings.Contains(errOut, "re-engagement.kraiter.hcl:5:35: error: Undefined var: var.locale has no value. No vars were given.") {
		t.Errorf("missing var: exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = runKraiter(t, "", "dsl", "compile", "--var", "locale", reEngagement)
	if code != 2 || !strings.Contains(errOut, `"locale" is not NAME=VALUE, such as locale=en`) {
		t.Errorf("bad --var: exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = runKraiter(t, "", "dsl", "compile", "missing.kraiter.hcl")
	if code != 1 || !strings.Contains(errOut, "open missing.kraiter.hcl: no such file or directory") {
		t.Errorf("missing file: exit %d, stderr %q", code, errOut)
	}
}

// TestDSLLimits runs the two small files of issue 15 that took gigabytes or the stack: each
// must end in one error at its place.
func TestDSLLimits(t *testing.T) {
	t.Parallel()
	replaces := writeTemp(t, "replace.kraiter.hcl",
		"email {\n  template = "+strings.Repeat("replace(", 8)+`"x"`+strings.Repeat(`, "x", "xxxxxxxxxxxxxxxx")`, 8)+"\n}\n")
	parens := writeTemp(t, "parens.kraiter.hcl", "email {\n  template = "+strings.Repeat("(", 100_000)+`"t"`+strings.Repeat(")", 100_000)+"\n}\n")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"dsl", "compile", replaces}, replaces + ":2:38: error: Value too large: replace would return 1048576 bytes"},
		{[]string{"dsl", "compile", parens}, parens + ":2:269: error: Nested too deep: The file nests more than 256 levels deep here"},
		{[]string{"dsl", "fmt", parens}, parens + ":2:269: error: Nested too deep"},
	}
	for _, tt := range tests {
		_, errOut, code := runKraiter(t, "", tt.args...)
		if code != 1 || !strings.HasPrefix(errOut, tt.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, stderr:\n%s", tt.args, code, errOut)
		}
	}
}

func TestDSLValidate(t *testing.T) {
	t.Parallel()
	bad := writeTemp(t, "bad.kraiter.hcl", badSource)
	out, _, code := runKraiter(t, "", "dsl", "validate", onboarding, "--var", "locale=en", reEngagement)
	if code != 0 || out != "" {
		t.Errorf("valid files: exit %d, output %q", code, out)
	}
	out, _, code = runKraiter(t, "", "dsl", "validate", onboarding, bad, "missing.kraiter.hcl")
	want := bad + ":1:1: error: Unknown block type"
	if code != 1 || !strings.HasPrefix(out, want) || strings.Count(out, "\n") != 3 ||
		!strings.Contains(out, "missing.kraiter.hcl:1:1: error: File error: open missing.kraiter.hcl: no such file or directory") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

func TestDSLValidateGitHub(t *testing.T) {
	t.Parallel()
	bad := writeTemp(t, "bad,1.kraiter.hcl", badSource)
	out, _, code := runKraiter(t, "", "dsl", "validate", "--format", "github", bad)
	file := strings.ReplaceAll(strings.ReplaceAll(bad, ":", "%3A"), ",", "%2C")
	want := "::error file=" + file + ",line=4,col=14,endLine=4,endColumn=22,title=Invalid duration::\"2 days\" is not a duration;"
	if code != 1 || !strings.Contains(out, want) {
		t.Errorf("exit %d, output:\n%s\nwant a line starting %s", code, out, want)
	}
	_, errOut, code := runKraiter(t, "", "dsl", "validate", "--format", "xml", bad)
	if code != 2 || !strings.Contains(errOut, `invalid argument "xml" for "--format" flag: use "text", "github" or "json"`) {
		t.Errorf("bad format: exit %d, stderr %q", code, errOut)
	}
}

func TestDSLFmt(t *testing.T) {
	t.Parallel()
	messy := "email {\ntemplate=\"t\"\n    delay =   \"1h\"\n}\n"
	tidy := "email {\n  template = \"t\"\n  delay    = \"1h\"\n}\n"
	path := writeTemp(t, "a.kraiter.hcl", messy)
	read := func() string {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}

	if out, _, code := runKraiter(t, "", "dsl", "fmt", path); code != 0 || out != tidy || read() != messy {
		t.Errorf("fmt FILE: exit %d, stdout %q, file %q", code, out, read())
	}
	if out, _, code := runKraiter(t, "", "dsl", "fmt", "--check", path); code != 1 || out != path+"\n" || read() != messy {
		t.Errorf("fmt --check: exit %d, stdout %q, file %q", code, out, read())
	}
	if out, _, code := runKraiter(t, "", "dsl", "fmt", "--write", path); code != 0 || out != path+"\n" || read() != tidy {
		t.Errorf("fmt --write: exit %d, stdout %q, file %q", code, out, read())
	}
	if out, _, code := runKraiter(t, "", "dsl", "fmt", "--check", path); code != 0 || out != "" {
		t.Errorf("fmt --check on a formatted file: exit %d, stdout %q", code, out)
	}
	if out, _, code := runKraiter(t, messy, "dsl", "fmt", "-"); code != 0 || out != tidy {
		t.Errorf("fmt -: exit %d, stdout %q", code, out)
	}
	broken := writeTemp(t, "broken.kraiter.hcl", "email {\n")
	if _, errOut, code := runKraiter(t, "", "dsl", "fmt", "--check", broken); code != 1 || !strings.HasPrefix(errOut, broken+":1:7: error: Unclosed configuration block") {
		t.Errorf("fmt of a syntax error: exit %d, stderr %q", code, errOut)
	}
}

func TestDSLDecompile(t *testing.T) {
	t.Parallel()
	path := writeTemp(t, "def.json", `{"steps":[{"type":"delay","duration":"2d"}]}`)
	if out, _, code := runKraiter(t, "", "dsl", "decompile", path); code != 0 || out != "delay {\n  duration = \"2d\"\n}\n" {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	_, errOut, code := runKraiter(t, `{"steps":[{"type":"emial"},{"type":"delay"}]}`, "dsl", "decompile")
	want := "<stdin>: error: steps[0].type: unknown step type \"emial\"; expected one of \"email\", \"delay\", \"condition\"; did you mean \"email\"?\n" +
		"<stdin>: error: steps[1].duration: is required: a duration such as \"2d\"\n"
	if code != 1 || errOut != want {
		t.Errorf("invalid JSON: exit %d, stderr:\n%s\nwant:\n%s", code, errOut, want)
	}
}

func TestDSLGraph(t *testing.T) {
	t.Parallel()
	want := "```mermaid\n" + golden(t, "onboarding.mmd") + "```\n"
	if out, _, code := runKraiter(t, "", "dsl", "graph", onboarding); code != 0 || out != want {
		t.Errorf("exit %d, stdout:\n%s", code, out)
	}
	if out, _, code := runKraiter(t, "", "dsl", "graph", "--raw", "--var", "locale=EN", reEngagement); code != 0 || out != golden(t, "re-engagement.mmd") {
		t.Errorf("--raw: exit %d, stdout:\n%s", code, out)
	}
	jsonPath := writeTemp(t, "def.json", golden(t, "onboarding.json"))
	if out, _, code := runKraiter(t, "", "dsl", "graph", "--raw", jsonPath); code != 0 || out != golden(t, "onboarding.mmd") {
		t.Errorf("JSON input: exit %d, stdout:\n%s", code, out)
	}
	bad := writeTemp(t, "bad.kraiter.hcl", badSource)
	if out, errOut, code := runKraiter(t, "", "dsl", "graph", bad); code != 1 || out != "" || !strings.Contains(errOut, ":1:1: error: Unknown block type") {
		t.Errorf("bad file: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}
