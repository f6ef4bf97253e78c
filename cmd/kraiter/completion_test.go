package main

import (
	"strings"
	"testing"
)

// The shell asks kraiter __complete ARGS... for candidates: one a line, then ":DIRECTIVE".
func TestCompletion(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"dsl subcommands", []string{"dsl", "va"}, "validate\tCheck DSL files and report every problem\n:4\n"},
		{"validate --format", []string{"dsl", "validate", "--format", ""}, "text\ngithub\njson\n:4\n"},
		{"diff --format", []string{"dsl", "diff", "--format", ""}, "text\nmarkdown\njson\n:4\n"},
		{"simulate --format", []string{"dsl", "simulate", "--format", ""}, "text\njson\n:4\n"},
		{"test --format", []string{"dsl", "test", "--format", ""}, "text\ngithub\njson\n:4\n"},
		{"version --format", []string{"version", "--format", ""}, "text\njson\n:4\n"},
		{"export --format", []string{"export", "--format", ""}, "text\njson\n:4\n"},
		{"export --compile", []string{"export", "--compile", ""}, "function\ndata-source\n:4\n"},
		{"export --status", []string{"export", "--status", ""}, "draft\nactive\npaused\n:4\n"},
		{"export --dir", []string{"export", "--dir", ""}, ":16\n"},
		{"export --api-key", []string{"export", "--api-key", ""}, ":4\n"},
		{"graph --diff", []string{"dsl", "graph", "--diff", ""}, "kraiter.hcl\njson\n:8\n"},
		{"graph file", []string{"dsl", "graph", ""}, "kraiter.hcl\njson\n:8\n"},
		{"graph has its file", []string{"dsl", "graph", "a.kraiter.hcl", ""}, ":4\n"},
		{"compile file", []string{"dsl", "compile", ""}, "kraiter.hcl\n:8\n"},
		{"validate files", []string{"dsl", "validate", "a.kraiter.hcl", ""}, "kraiter.hcl\n:8\n"},
		{"diff second file", []string{"dsl", "diff", "a.kraiter.hcl", ""}, "kraiter.hcl\njson\n:8\n"},
		{"decompile file", []string{"dsl", "decompile", ""}, "json\n:8\n"},
		{"test paths", []string{"dsl", "test", ""}, "kraiter.test.hcl\n:8\n"},
		{"review plan", []string{"review", ""}, "json\n:8\n"},
		{"review --contacts", []string{"review", "--contacts", ""}, "hcl\n:8\n"},
		{"serve --seed", []string{"serve", "--seed", ""}, "json\n:8\n"},
		{"--var", []string{"dsl", "compile", "--var", ""}, ":4\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runKraiter(t, "", append([]string{"__complete"}, tt.args...)...)
			if code != 0 || out != tt.want {
				t.Errorf("exit %d, stderr %q, stdout %q; want %q", code, errOut, out, tt.want)
			}
		})
	}
}

func TestCompletionScripts(t *testing.T) {
	t.Parallel()
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		out, errOut, code := runKraiter(t, "", "completion", shell)
		if code != 0 || !strings.Contains(out, "kraiter") || errOut != "" {
			t.Errorf("completion %s: exit %d, stderr %q, %d bytes", shell, code, errOut, len(out))
		}
	}
}
