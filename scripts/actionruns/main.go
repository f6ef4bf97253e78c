// Command actionruns writes each run block of a composite action's action.yml as a shell
// script of its own, for ShellCheck: actionlint checks the run blocks of workflows, not of an
// action. It refuses a block that holds a ${{ }} expression, which GitHub pastes into the
// script before the shell reads it (an input's text would run as code); inputs reach a
// script through env instead. `make lint` runs it on action.yml.
//
// Usage: go run ./scripts/actionruns ACTION.yml DIR   (writes DIR/step-N.sh, prints their paths)
package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: actionruns ACTION.yml DIR")
		os.Exit(2)
	}
	paths, err := extract(os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "actionruns:", err)
		os.Exit(1)
	}
	for _, p := range paths {
		fmt.Println(p)
	}
}

// action is what actionruns reads of an action's metadata.
type action struct {
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			Name  string `yaml:"name"`
			Run   string `yaml:"run"`
			Shell string `yaml:"shell"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

// extract writes the run blocks of the action in file into dir, which it creates when
// missing, and returns their paths.
func extract(file, dir string) ([]string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var a action
	if err := yaml.Unmarshal(data, &a); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if a.Runs.Using != "composite" {
		return nil, fmt.Errorf("%s: runs.using is %q; only a composite action has run blocks", file, a.Runs.Using)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	var problems []error
	for i, step := range a.Runs.Steps {
		if step.Run == "" {
			continue
		}
		where := fmt.Sprintf("%s: step %d (%q)", file, i+1, step.Name)
		if step.Shell != "bash" {
			problems = append(problems, fmt.Errorf("%s: shell is %q; the run blocks are checked as bash, so use shell: bash", where, step.Shell))
			continue
		}
		if strings.Contains(step.Run, "${{") {
			problems = append(problems, fmt.Errorf("%s: its run block holds a ${{ }} expression; pass the value through env and read the variable", where))
			continue
		}
		path := filepath.Join(dir, fmt.Sprintf("step-%d.sh", i+1))
		script := fmt.Sprintf("#!/usr/bin/env bash\n# %s\n%s", where, step.Run)
		if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, path)
	}
	return paths, errors.Join(problems...)
}
