package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// The descriptions of kraiter and kraiter dsl name each of their commands, so that adding a
// command without describing it fails here.
func TestHelpNamesEveryCommand(t *testing.T) {
	t.Parallel()
	root := newRootCmd()
	root.InitDefaultCompletionCmd()
	dsl, _, err := root.Find([]string{"dsl"})
	if err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []*cobra.Command{root, dsl} {
		out, _, code := runKraiter(t, "", strings.Fields(strings.TrimPrefix(cmd.CommandPath(), "kraiter")+" --help")...)
		if code != 0 {
			t.Fatalf("%s --help: exit %d", cmd.CommandPath(), code)
		}
		for _, sub := range cmd.Commands() {
			if !sub.IsAvailableCommand() || sub.Name() == "help" {
				continue
			}
			if !regexp.MustCompile(`\b` + sub.Name() + `\b`).MatchString(cmd.Long) {
				t.Errorf("the description of %s does not name %s", cmd.CommandPath(), sub.Name())
			}
			if !strings.Contains(out, "\n  "+sub.Name()+" ") {
				t.Errorf("%s --help does not list %s:\n%s", cmd.CommandPath(), sub.Name(), out)
			}
		}
	}
}
