// Command profile writes the top of CPU profiles as a results page: for each profile the
// functions that use the most CPU themselves (flat) and with what they call (cumulative).
//
//	go run ./bench/profile -command '...' -out bench/results/provider-profile.md 'RefreshPlan=cpu.pprof' ...
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/bench/report"
)

func main() {
	command := flag.String("command", "", "the commands that wrote the profiles, shown on the page")
	out := flag.String("out", "", "the page to write")
	nodes := flag.Int("nodes", 35, "lines of each top")
	hide := flag.String("hide", `^testing\.|providerbench_test\.`, "functions left out of the tops (pprof -hide), such as the benchmark's own frames")
	flag.Parse()
	if err := run(*command, *out, *nodes, *hide, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "profile:", err)
		os.Exit(1)
	}
}

// profileArg is one NAME=FILE argument.
type profileArg struct{ name, file string }

func parseArgs(args []string) ([]profileArg, error) {
	if len(args) == 0 {
		return nil, errors.New("usage: profile -command COMMAND -out FILE NAME=PROFILE [NAME=PROFILE]")
	}
	var out []profileArg
	for _, a := range args {
		name, file, ok := strings.Cut(a, "=")
		if !ok || name == "" || file == "" {
			return nil, fmt.Errorf("argument %q: want NAME=PROFILE, such as RefreshPlan=cpu.pprof", a)
		}
		out = append(out, profileArg{name, file})
	}
	return out, nil
}

func run(command, out string, nodes int, hide string, args []string) error {
	profiles, err := parseArgs(args)
	if err != nil {
		return err
	}
	if command == "" || out == "" {
		return fmt.Errorf("-command and -out are required")
	}
	p := &report.Page{Title: "Provider CPU profiles", Command: command, Machine: report.ThisMachine(), Source: report.Source(), At: time.Now()}
	p.Add(report.Section{Text: "CPU profiles of bench/providerbench's kraiter_sequence benchmarks: the provider served in-process " +
		"through the plugin protocol, the API's answers replayed by a canned server. flat is the time in a function itself, " +
		"cum the time in it and what it calls. Open a profile with `go tool pprof -http=: FILE` to see more."})
	for _, prof := range profiles {
		for _, view := range []struct {
			heading string
			flags   []string
		}{{"flat", nil}, {"cumulative", []string{"-cum"}}} {
			top, err := pprofTop(prof.file, nodes, append(view.flags, "-hide="+hide)...)
			if err != nil {
				return err
			}
			p.Add(report.Section{Heading: fmt.Sprintf("%s: top %d, %s", prof.name, nodes, view.heading), Text: "```text\n" + top + "\n```"})
		}
	}
	return p.Write(out)
}

// pprofTop is go tool pprof -top of a profile.
func pprofTop(file string, nodes int, flags ...string) (string, error) {
	args := append([]string{"tool", "pprof", "-top", fmt.Sprintf("-nodecount=%d", nodes)}, flags...)
	cmd := exec.Command("go", append(args, file)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go tool pprof %s: %w: %s", file, err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}
