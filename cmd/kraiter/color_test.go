package main

import (
	"cmp"
	"io"
	"os"
	"strings"
	"testing"
)

func TestUseColor(t *testing.T) {
	terminal, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0) // a character device, as a terminal is
	if err != nil {
		t.Fatal(err)
	}
	defer terminal.Close()
	file, err := os.Create(writeTemp(t, "out.txt", ""))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()

	tests := []struct {
		name string
		out  io.Writer
		args []string
		env  string
		term string // TERM; "xterm-256color" when empty
		want bool
	}{
		{name: "terminal", out: terminal, want: true},
		{name: "terminal with --no-color", out: terminal, args: []string{"--no-color"}},
		{name: "terminal with --no-color=false", out: terminal, args: []string{"--no-color=false"}, want: true},
		{name: "terminal with NO_COLOR", out: terminal, env: "1"},
		{name: "dumb terminal", out: terminal, term: "dumb"},
		{name: "terminal of unknown TERM", out: terminal, term: "vt100", want: true},
		{name: "file", out: file},
		{name: "buffer", out: &strings.Builder{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("NO_COLOR", tt.env)
			t.Setenv("TERM", cmp.Or(tt.term, "xterm-256color"))
			// The flag is the root's, given to a subcommand as users do.
			root := newRootCmd()
			cmd, _, err := root.Find([]string{"dsl", "diff"})
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.ParseFlags(tt.args); err != nil {
				t.Fatal(err)
			}
			if got := useColor(cmd, tt.out); got != tt.want {
				t.Errorf("useColor = %v, want %v", got, tt.want)
			}
		})
	}
}
