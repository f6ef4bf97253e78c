package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// File extensions that arguments complete to.
var (
	sequenceFileExts = []string{"kraiter.hcl", "json"} // DSL files and JSON definitions
	dslFileExts      = []string{"kraiter.hcl"}
	jsonFileExts     = []string{"json"}
)

// completeFiles completes up to maxArgs positional arguments (any number when maxArgs is 0) with
// the files of these extensions, and directories to reach them.
func completeFiles(maxArgs int, exts ...string) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if maxArgs > 0 && len(args) >= maxArgs {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return exts, cobra.ShellCompDirectiveFilterFileExt
	}
}

// completeFlagFiles completes the value of the flag --name with the files of these extensions.
func completeFlagFiles(cmd *cobra.Command, name string, exts ...string) {
	mustRegisterCompletion(cmd, name, completeFiles(0, exts...))
}

// completeFlagDirs completes the value of the flag --name with directories.
func completeFlagDirs(cmd *cobra.Command, name string) {
	mustRegisterCompletion(cmd, name, func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	})
}

// completeFlagNothing keeps shells from offering files for the flag --name, whose value is
// free text.
func completeFlagNothing(cmd *cobra.Command, name string) {
	mustRegisterCompletion(cmd, name, cobra.NoFileCompletions)
}

// mustRegisterCompletion fails only for a flag that does not exist or is registered twice:
// a mistake in this program, found by any test that builds the commands.
func mustRegisterCompletion(cmd *cobra.Command, name string, complete cobra.CompletionFunc) {
	if err := cmd.RegisterFlagCompletionFunc(name, complete); err != nil {
		panic(fmt.Sprintf("complete --%s of %s: %v", name, cmd.Name(), err))
	}
}
