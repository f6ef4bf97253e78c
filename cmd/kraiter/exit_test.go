package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// Every misuse ends with status 2 and says what was wrong, with a suggestion when a name is
// close to a real one.
func TestUsageErrors(t *testing.T) {
	t.Parallel()
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
		{"too few arguments", []string{"dsl", "compile"}, "kraiter dsl compile: give one FILE (or - for standard input), not 0 arguments\nRun \"kraiter dsl compile --help\" for usage.\n"},
		{"too many arguments", []string{"dsl", "decompile", "a.json", "b.json"}, "kraiter dsl decompile: give at most one FILE (none, or -, for standard input), not 2 arguments\n"},
		{"no files", []string{"dsl", "validate"}, "kraiter dsl validate: give at least one FILE (- for standard input), not 0 arguments\n"},
		{"one sequence to compare", []string{"dsl", "diff", "a.kraiter.hcl"}, "kraiter dsl diff: give two sequences, OLD and NEW, not 1 argument\n"},
		{"argument to a command without any", []string{"serve", "now"}, "kraiter serve: give no arguments, not 1 argument: \"now\"\n"},
		{"arguments to version", []string{"version", "2", "x"}, "kraiter version: give no arguments, not 2 arguments: \"2\" and \"x\"\n"},
		{"argument to a shell's completion", []string{"completion", "bash", "x"}, "kraiter completion bash: give no arguments, not 1 argument: \"x\"\n"},
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
	t.Parallel()
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
	t.Parallel()
	_, errOut, code := runKraiter(t, "", "dsl", "compile", "missing.kraiter.hcl")
	if code != exitFailure || errOut != "kraiter dsl compile: open missing.kraiter.hcl: no such file or directory\n" {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// Every command words a wrong number of arguments alike: what it takes, then how many it got.
func TestEveryCommandWordsArgumentErrorsAlike(t *testing.T) {
	wording := regexp.MustCompile(`^kraiter[a-z ]*: give [^\n]+, not \d+ arguments?(: "[^\n]*)?\nRun "kraiter[a-z ]* --help" for usage\.\n$`)
	root := newRootCmd()
	prepare(root)
	checked := 0
	var walk func(cmd *cobra.Command)
	walk = func(cmd *cobra.Command) {
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
		// A group's arguments name its commands; hidden commands are cobra's, for shells.
		if cmd.Hidden || cmd.HasSubCommands() {
			return
		}
		for _, args := range [][]string{nil, {"a", "b", "c", "d", "e"}} {
			var errOut strings.Builder
			cmd.SetErr(&errOut)
			if cmd.Args(cmd, args) == nil {
				continue
			}
			checked++
			if !wording.MatchString(errOut.String()) {
				t.Errorf("%s with %d arguments:\n%s", cmd.CommandPath(), len(args), errOut.String())
			}
		}
	}
	walk(root)
	if checked < 15 {
		t.Errorf("only %d wrong argument counts were refused; a command lost its check?", checked)
	}
}
