package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const failingTests = "../../dsltest/testdata/tests/failing.kraiter.test.hcl"

func TestDSLTestExamplesPass(t *testing.T) {
	t.Parallel()
	out, errOut, code := runKraiter(t, "", "dsl", "test", "../../examples/dsl")
	want := "ok  \t../../examples/dsl/onboarding.kraiter.test.hcl\t4 tests\n" +
		"ok  \t../../examples/dsl/plan-routing.kraiter.test.hcl\t10 tests\n" +
		"ok  \t../../examples/dsl/re-engagement.kraiter.test.hcl\t7 tests\n" +
		"ok  \t../../examples/dsl/trial-conversion.kraiter.test.hcl\t9 tests\n"
	if code != 0 || out != want || errOut != "" {
		t.Errorf("exit %d, stderr %q, stdout:\n%s\nwant:\n%s", code, errOut, out, want)
	}
}

func TestDSLTestFailure(t *testing.T) {
	t.Parallel()
	out, _, code := runKraiter(t, "", "dsl", "test", failingTests)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{
		"--- FAIL: the upgrade is expected where the tips are sent (" + failingTests + ":7)\n" +
			"    " + failingTests + ":10: expected sends [tmpl_welcome_en tmpl_upgrade], got [tmpl_welcome_en tmpl_pro_tips]: steps[2].then[0] sent tmpl_pro_tips at 2d\n",
		"    timeline:\n        +0m  email tmpl_welcome_en (steps[0])\n",
		"--- FAIL: the run is cut short (" + failingTests + ":26)\n",
		"\nFAIL\t" + failingTests + "\t3 of 4 tests failed\nFAIL\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output does not contain %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "this one holds") {
		t.Errorf("a passing test is reported:\n%s", out)
	}
}

func TestDSLTestGitHub(t *testing.T) {
	t.Parallel()
	out, _, code := runKraiter(t, "", "dsl", "test", "--format", "github", failingTests)
	file := strings.ReplaceAll(failingTests, ":", "%3A")
	want := "::error file=" + file + ",line=10,col=3,endLine=10,endColumn=53,title=the upgrade is expected where the tips are sent::expected sends [tmpl_welcome_en tmpl_upgrade], got"
	if code != 1 || !strings.Contains(out, want) || strings.Count(out, "::error ") != 7 || strings.Contains(out, "--- FAIL") {
		t.Errorf("exit %d, output:\n%s\nwant a line starting %s", code, out, want)
	}
}

// A directory is searched recursively for test files, skipping hidden directories; a file
// with problems fails with its diagnostics.
func TestDSLTestDirectory(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("seq/welcome.kraiter.hcl", "email {\n  template = \"tmpl_welcome\"\n}\n")
	write("seq/welcome.kraiter.test.hcl", "sequence = \"welcome.kraiter.hcl\"\n\ntest \"welcome\" {\n  expect_sends = [\"tmpl_welcome\"]\n}\n")
	write(".hidden/wrong.kraiter.test.hcl", "test \"never run\" {\n  expect_sends = []\n}\n")
	write("other/notes.hcl", "test \"not a test file\" {}\n")
	write("broken.kraiter.test.hcl", "test \"no sequence\" {\n  expect_sends = []\n}\n")

	out, _, code := runKraiter(t, "", "dsl", "test", dir)
	broken := filepath.Join(dir, "broken.kraiter.test.hcl")
	want := broken + ":1:1: error: Missing sequence: A test needs the sequence it runs: " +
		`sequence = "onboarding.kraiter.hcl", a path relative to the test file, in the test or once at the top of the file.` + "\n" +
		"FAIL\t" + broken + "\t1 problem\n" +
		"ok  \t" + filepath.Join(dir, "seq/welcome.kraiter.test.hcl") + "\t1 test\n" +
		"FAIL\n"
	if code != 1 || out != want {
		t.Errorf("exit %d, output:\n%s\nwant:\n%s", code, out, want)
	}

	empty := filepath.Join(dir, "other")
	if out, _, code := runKraiter(t, "", "dsl", "test", empty); code != 0 || out != "?   \t"+empty+"\t[no test files]\n" {
		t.Errorf("no test files: exit %d, output %q", code, out)
	}
	if out, _, code := runKraiter(t, "", "dsl", "test"); code != 0 || out != "?   \t.\t[no test files]\n" {
		t.Errorf("default path: exit %d, output %q", code, out)
	}
}

func TestDSLTestUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown format", []string{"--format", "xml", failingTests}, `invalid argument "xml" for "--format" flag: use "text", "github" or "json"`},
		{"missing path", []string{"nowhere"}, "stat nowhere: no such file or directory"},
		{"unknown flag", []string{"--verbose", failingTests}, "unknown flag: --verbose"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runKraiter(t, "", append([]string{"dsl", "test"}, tt.args...)...)
			if code != 2 || out != "" || !strings.Contains(errOut, tt.want) || !strings.Contains(errOut, `Run "kraiter dsl test --help" for usage.`) {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2 and %q", code, out, errOut, tt.want)
			}
		})
	}
}
