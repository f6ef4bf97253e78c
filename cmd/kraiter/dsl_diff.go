package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

// Exit statuses of kraiter dsl diff, as diff(1) has them, so that scripts can tell "changed"
// from "could not compare".
const (
	diffDiffers = 1
	diffTrouble = 2
)

// Output formats of kraiter dsl diff besides formatText.
const (
	formatMarkdown = "markdown"
	formatJSON     = "json"
)

type diffOptions struct {
	vars    varFlag
	format  string
	noColor bool
}

func newDSLDiffCmd() *cobra.Command {
	o := diffOptions{vars: varFlag{}}
	cmd := &cobra.Command{
		Use:   "diff [--var NAME=VALUE]... [--format text|markdown|json] [--no-color] OLD NEW",
		Short: "Show what changed in meaning between two versions of a sequence, step by step",
		Long: `Compare two versions of a sequence by their steps, not their lines: a step inserted at
the front is one added step, steps wrapped in a new condition are one added condition
and the moves of those steps, and a rule whose value changed names the attribute or event
it is about. Layout, comments, locals and spellings that mean the same (a && b and
all(a, b), an omitted default) are no change at all.

OLD and NEW are DSL files or JSON definitions, told apart by their content (JSON starts
with "{"); - reads standard input, for one of them.

--format text (the default) writes one line per change, marked + added, - removed,
~ changed and > moved, coloured on a terminal unless NO_COLOR is set or --no-color is given.
--format markdown writes a pull-request comment: the diff of both versions as canonical DSL
and the list of changed steps. --format json writes {"equal": ..., "changes": [...]}.

Exits with status 0 when both mean the same, 1 when they differ, and 2 when a file cannot
be read or compiled or the command is misused.`,
		Example: `  kraiter dsl diff old.kraiter.hcl new.kraiter.hcl
  git show main:seq.kraiter.hcl | kraiter dsl diff --format markdown - seq.kraiter.hcl
  kraiter dsl diff --format json definition.json seq.kraiter.hcl`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return diffUsageError(cmd, fmt.Errorf("want two sequences, OLD and NEW; %d given", len(args)))
			}
			if args[0] == "-" && args[1] == "-" {
				return diffUsageError(cmd, errors.New("OLD and NEW are both - (standard input); give a file for one of them"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd, args[0], args[1]) },
	}
	cmd.SetFlagErrorFunc(diffUsageError)
	addVarFlag(cmd, o.vars)
	cmd.Flags().StringVar(&o.format, "format", formatText, `output format: "text", "markdown" (a pull-request comment) or "json"`)
	cmd.Flags().BoolVar(&o.noColor, "no-color", false, "never colour the text output")
	return cmd
}

func (o diffOptions) run(cmd *cobra.Command, oldPath, newPath string) error {
	if o.format != formatText && o.format != formatMarkdown && o.format != formatJSON {
		return diffUsageError(cmd, fmt.Errorf("--format %q: use %q, %q or %q", o.format, formatText, formatMarkdown, formatJSON))
	}
	oldDef, err := readDefinition(cmd, oldPath, o.vars)
	if err != nil {
		return diffFailed(cmd, err)
	}
	newDef, err := readDefinition(cmd, newPath, o.vars)
	if err != nil {
		return diffFailed(cmd, err)
	}
	d := dsl.Diff(oldDef, newDef)
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

func (o diffOptions) render(cmd *cobra.Command, d *dsl.StepDiff, oldPath, newPath string) (string, error) {
	switch o.format {
	case formatMarkdown:
		return d.Markdown(inputName(oldPath), inputName(newPath)), nil
	case formatJSON:
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false) // rules hold < and >, and people read this too
		enc.SetIndent("", "  ")
		if err := enc.Encode(d); err != nil {
			return "", fmt.Errorf("write the diff as JSON: %w", err)
		}
		return b.String(), nil
	default:
		return d.Text(useColor(cmd.OutOrStdout(), o.noColor)), nil
	}
}

// inputName is how a path given on the command line is named in output.
func inputName(path string) string {
	if path == "-" {
		return stdinName
	}
	return path
}

// useColor reports whether to colour output written to w: only on a terminal, and never
// with --no-color or a non-empty NO_COLOR (https://no-color.org).
func useColor(w io.Writer, noColor bool) bool {
	if noColor || os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// diffUsageError prints a misuse of kraiter dsl diff and ends it with status 2.
func diffUsageError(cmd *cobra.Command, err error) error {
	fmt.Fprintf(cmd.ErrOrStderr(), "%s: %v\nRun %q for usage.\n", cmd.CommandPath(), err, cmd.CommandPath()+" --help")
	return exitError{code: diffTrouble}
}

// diffFailed ends kraiter dsl diff with status 2, printing err unless it only carries the
// status of problems already printed.
func diffFailed(cmd *cobra.Command, err error) error {
	var printed exitError
	if !errors.As(err, &printed) {
		fmt.Fprintf(cmd.ErrOrStderr(), "kraiter: %v\n", err)
	}
	return exitError{code: diffTrouble}
}
