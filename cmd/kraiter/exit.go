package main

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
)

// Exit statuses shared by every command, so that scripts can tell a misused command from a
// failed one. kraiter dsl diff alone keeps diff(1)'s meaning (1: the versions differ).
const (
	exitFailure = 1 // an invalid file, a failed check, an API error
	exitUsage   = 2 // an unknown command or flag, a wrong number of arguments, a bad flag value
)

// exitError ends the command with a status code after its output (diagnostics, a list of
// files) was already printed, so that nothing more is printed.
type exitError struct{ code int }

func (e exitError) Error() string { return "exit status " + strconv.Itoa(e.code) }

// execute runs the command line and returns its exit status, printing an error that was not
// printed yet as "COMMAND: ERROR".
func execute(root *cobra.Command) int {
	prepare(root)
	cmd, err := root.ExecuteC()
	if err == nil {
		return 0
	}
	var exit exitError
	if errors.As(err, &exit) {
		return exit.code
	}
	printError(cmd, err)
	return exitFailure
}

// prepare completes the command tree before it runs. cobra adds its completion command when
// it runs, writing to the output set by then; it is added here, once that output is set, so
// that enforceUsage covers it too, and its shells' commands check their arguments as ours do.
func prepare(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	if completion, _, err := root.Find([]string{"completion"}); err == nil && completion != root {
		for _, shell := range completion.Commands() {
			shell.Args = noArgs
		}
	}
	enforceUsage(root)
}

// printError prints a failure of cmd on standard error.
func printError(cmd *cobra.Command, err error) {
	fmt.Fprintf(cmd.ErrOrStderr(), "%s: %v\n", cmd.CommandPath(), err)
}

// usageError prints a misuse of cmd and where to read its usage, and ends it with status 2.
func usageError(cmd *cobra.Command, format string, args ...any) error {
	printError(cmd, fmt.Errorf(format, args...))
	fmt.Fprintf(cmd.ErrOrStderr(), "Run %q for usage.\n", cmd.CommandPath()+" --help")
	return exitError{code: exitUsage}
}

// enforceUsage makes every misuse of cmd and of the commands under it a usage error: cobra
// itself returns plain errors for wrong arguments, and shows help with status 0 for an
// unknown subcommand of anything but the root.
func enforceUsage(cmd *cobra.Command) {
	if cmd.HasSubCommands() && !cmd.Runnable() {
		cmd.Args = unknownSubcommand
		cmd.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
		// Its usage line is then "kraiter dsl", which shows this help, not "kraiter dsl [flags]".
		cmd.DisableFlagsInUseLine = true
	} else {
		cmd.Args = usageArgs(cmd.Args)
	}
	for _, sub := range cmd.Commands() {
		enforceUsage(sub)
	}
}

// usageArgs turns the errors of an argument check into usage errors.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if check == nil {
			return nil
		}
		err := check(cmd, args)
		var exit exitError
		if err == nil || errors.As(err, &exit) {
			return err
		}
		return usageError(cmd, "%v", err)
	}
}

// Argument checks. Every command words a wrong number of arguments the same way, saying
// what it takes: "give one FILE (or - for standard input), not 2 arguments".

// argCount is the argument check of a command that takes from least to most arguments (any
// number from least when most is negative), which want describes, such as "one FILE".
func argCount(least, most int, want string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) >= least && (most < 0 || len(args) <= most) {
			return nil
		}
		err := fmt.Errorf("give %s, not %s", want, prose.Count(len(args), "argument"))
		if most == 0 {
			// Then each argument is a mistake worth naming: often a subcommand that does not exist.
			err = fmt.Errorf("%w: %s", err, prose.Quoted(args, "and"))
		}
		return err
	}
}

// noArgs is the argument check of a command that takes no arguments.
var noArgs = argCount(0, 0, "no arguments")

// oneInput is the argument check of a command that reads one file, named what in messages,
// or standard input for -.
func oneInput(what string) cobra.PositionalArgs {
	return argCount(1, 1, "one "+what+" (or - for standard input)")
}

// someInputs is the argument check of a command that reads one file or more, named what in
// messages, - for standard input.
func someInputs(what string) cobra.PositionalArgs {
	return argCount(1, -1, "at least one "+what+" (- for standard input)")
}

// unknownSubcommand is the argument check of a command that only groups others: any argument
// names a subcommand that does not exist.
func unknownSubcommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	return usageError(cmd, "unknown command %q%s", args[0], didYouMean(closestCommand(cmd, args[0])))
}

// flagError is the flag error function of every command: a flag that does not exist, lacks
// its value or has a bad one.
func flagError(cmd *cobra.Command, err error) error {
	return usageError(cmd, "%v%s", err, didYouMean(closestFlag(cmd, err)))
}
