package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kraiter/terraform-provider-kraiter/stepdiff"
)

// Exit statuses of kraiter dsl diff, as diff(1) has them, so that scripts can tell "changed"
// from "could not compare".
const (
	diffDiffers = 1
	diffTrouble = 2
)

type diffOptions struct {
	vars   varFlag
	format string
}

func newDSLDiffCmd() *cobra.Command {
	o := diffOptions{vars: varFlag{}}
	cmd := &cobra.Command{
		Use:   "diff [--var NAME=VALUE]... [--format text|markdown|json] OLD NEW",
		Short: "Show what changed in meaning between two versions of a sequence, step by step",
		Long: `Compare two versions of a sequence by their steps, not their lines: a step inserted at
the front is one added step, steps wrapped in a new condition are one added condition
and the moves of those steps, and a rule whose value changed names the attribute or event
it is about. Layout, comments, locals and spellings that mean the same (a && b and
all(a, b), an omitted default) are no change at all.

OLD and NEW are DSL files or JSON definitions, told apart by their content (JSON starts
with "{"); - reads standard input, for one of them.

--format text (the default) writes one line per change, marked + added, - removed,
~ changed and > moved, coloured on a terminal unless TERM=dumb, NO_COLOR is set or
--no-color is given.
--format markdown writes a pull-request comment: the diff of both versions as canonical DSL
and the list of changed steps. --format json writes

  {"equal": false, "changes": [{"kind": "added|removed|changed|moved",
    "path": "steps[1].then[0]", "old_path": "steps[2]", "step": "email tmpl_tips",
    "fields": [{"name": "delay", "attribute": "...", "event": "...", "old": "1d", "new": "2d"}]}]}

where "changes" is [] when both mean the same and empty keys of a change are left out.

Exits with status 0 when both mean the same, 1 when they differ, and 2 when a file cannot
be read or compiled or the command is misused.`,
		Example: `  kraiter dsl diff old.kraiter.hcl new.kraiter.hcl
  git show main:seq.kraiter.hcl | kraiter dsl diff --format markdown - seq.kraiter.hcl
  kraiter dsl diff --format json definition.json seq.kraiter.hcl`,
		Args: func(cmd *cobra.Command, args []string) error {
			if err := argCount(2, 2, "two sequences, OLD and NEW")(cmd, args); err != nil {
				return err
			}
			if args[0] == "-" && args[1] == "-" {
				return usageError(cmd, "OLD and NEW are both - (standard input); give a file for one of them")
			}
			return nil
		},
		ValidArgsFunction: completeFiles(2, sequenceFileExts...),
		RunE:              func(cmd *cobra.Command, args []string) error { return o.run(cmd, args[0], args[1]) },
	}
	addVarFlag(cmd, o.vars)
	addEnumFlag(cmd, &o.format, "format", formatText, "output format: markdown is a pull-request comment", formatText, formatMarkdown, formatJSON)
	return cmd
}

func (o diffOptions) run(cmd *cobra.Command, oldPath, newPath string) error {
	oldDef, err := readDefinition(cmd, oldPath, o.vars)
	if err != nil {
		return diffFailed(cmd, err)
	}
	newDef, err := readDefinition(cmd, newPath, o.vars)
	if err != nil {
		return diffFailed(cmd, err)
	}
	d := stepdiff.Diff(oldDef, newDef)
	out, err := o.render(cmd, d, oldPath, newPath)
	if err == nil {
		_, err = io.WriteString(cmd.OutOrStdout(), out)
	}
	if err != nil {
		return diffFailed(cmd, err)
	}
	if !d.Equal {
		return exitError{code: diffDiffers}
	}
	return nil
}

func (o diffOptions) render(cmd *cobra.Command, d *stepdiff.StepDiff, oldPath, newPath string) (string, error) {
	switch o.format {
	case formatMarkdown:
		return d.Markdown(inputName(oldPath), inputName(newPath)), nil
	case formatJSON:
		var b strings.Builder
		if err := writeJSON(&b, d); err != nil {
			return "", fmt.Errorf("write the diff: %w", err)
		}
		return b.String(), nil
	default:
		return d.Text(useColor(cmd, cmd.OutOrStdout())), nil
	}
}

// inputName is how a path given on the command line is named in output.
func inputName(path string) string {
	if path == "-" {
		return stdinName
	}
	return path
}

// diffFailed ends kraiter dsl diff with status 2, printing err unless it only carries the
// status of problems already printed.
func diffFailed(cmd *cobra.Command, err error) error {
	var printed exitError
	if !errors.As(err, &printed) {
		printError(cmd, err)
	}
	return exitError{code: diffTrouble}
}
