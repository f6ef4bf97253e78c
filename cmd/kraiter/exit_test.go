package main

import (
	"strings"
	"testing"
)

// Every misuse ends with status 2 and says what was wrong, with a suggestion when a name is
// close to a real one.
func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"unknown subcommand of dsl", []string{"dsl", "valdate", "a.kraiter.hcl"},
			"kraiter dsl: unknown command \"valdate\"; did you mean validate?\nRun \"kraiter dsl --help\" for usage.\n"},
		{"unknown command", []string{"srve"}, "kraiter: unknown command \"srve\"; did you mean serve?\n"},
		{"command without its group", []string{"validate"}, "kraiter: unknown command \"validate\"; did you mean dsl validate?\n"},
		{"nothing close", []string{"dsl", "xyzzy"}, "kraiter dsl: unknown command \"xyzzy\"\nRun \"kraiter dsl --help\" for usage.\n"},
		{"unknown shell", []string{"completion", "zhs"}, "kraiter completion: unknown command \"zhs\"; did you mean zsh?\n"},
		{"unknown flag", []string{"dsl", "validate", "--formt", "json", "a.kraiter.hcl"},
			"kraiter dsl validate: unknown flag: --formt; did you mean --format?\nRun \"kraiter dsl validate --help\" for usage.\n"},
		{"unknown shorthand", []string{"dsl", "fmt", "-w", "a.kraiter.hcl"}, "kraiter dsl fmt: unknown shorthand flag: 'w' in -w\n"},
		{"flag without its value", []string{"dsl", "validate", "a.kraiter.hcl", "--format"}, "kraiter dsl validate: flag needs an argument: --format\n"},
		{"bad flag value", []string{"version", "--format", "yaml"}, `kraiter version: invalid argument "yaml" for "--format" flag: use "text" or "json"`},
		{"too few arguments", []string{"dsl", "compile"}, "kraiter dsl compile: accepts 1 arg(s), received 0\nRun \"kraiter dsl compile --help\" for usage.\n"},
		{"too many arguments", []string{"dsl", "decompile", "a.json", "b.json"}, "kraiter dsl decompile: accepts at most 1 arg(s), received 2\n"},
		{"argument to a command without any", []string{"serve", "now"}, "kraiter serve: unknown command \"now\" for \"kraiter serve\"\n"},
		{"argument to version", []string{"version", "2"}, "kraiter version: unknown command \"2\" for \"kraiter version\"\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runKraiter(t, "", tt.args...)
			if code != exitUsage || out != "" || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant exit 2 and:\n%s", code, out, errOut, tt.stderr)
			}
		})
	}
}

// Asking for help, or giving a group no command, shows help and succeeds.
func TestHelpSucceeds(t *testing.T) {
	for _, args := range [][]string{nil, {"dsl"}, {"completion"}, {"--help"}, {"dsl", "--help"}, {"help", "dsl"}, {"dsl", "diff", "-h"}} {
		out, errOut, code := runKraiter(t, "", args...)
		if code != 0 || errOut != "" || !strings.Contains(out, "Usage:\n") {
			t.Errorf("kraiter %v: exit %d, stderr %q, stdout:\n%s", args, code, errOut, out)
		}
		if strings.Contains(out, "kraiter [flags]") || strings.Contains(out, "kraiter dsl [flags]") {
			t.Errorf("kraiter %v: the usage of a group offers flags that do nothing:\n%s", args, out)
		}
	}
}

// A failure that is no misuse ends with status 1 and names the command.
func TestFailureStatus(t *testing.T) {
	_, errOut, code := runKraiter(t, "", "dsl", "compile", "missing.kraiter.hcl")
	if code != exitFailure || errOut != "kraiter dsl compile: open missing.kraiter.hcl: no such file or directory\n" {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
