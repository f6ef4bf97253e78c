package main

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"
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
	// cobra adds its completion command when it runs, writing to the output set by then; it is
	// added here, once that output is set, so that enforceUsage covers it too.
	root.InitDefaultCompletionCmd()
	enforceUsage(root)
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

// oneInput is the argument check of a command that reads one file, named what in messages,
// or standard input for -.
func oneInput(what string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != 1 {
			return fmt.Errorf("give one %s (or - for standard input), not %d arguments", what, len(args))
		}
		return nil
	}
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
