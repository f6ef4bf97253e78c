package main

import (
	"errors"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// closestCommand is the command under cmd that a mistyped name most likely meant, as the
// words that follow cmd's path: a subcommand ("validate"), or else a subcommand of one
// ("dsl validate") for a user who left out its group; "" when none is close.
func closestCommand(cmd *cobra.Command, typed string) string {
	var names, nested []string
	path := map[string]string{}
	for _, sub := range cmd.Commands() {
		if !sub.IsAvailableCommand() {
			continue
		}
		names = append(names, sub.Name())
		path[sub.Name()] = sub.Name()
		for _, subsub := range sub.Commands() {
			if subsub.IsAvailableCommand() {
				nested = append(nested, subsub.Name())
				if path[subsub.Name()] == "" {
					path[subsub.Name()] = sub.Name() + " " + subsub.Name()
				}
			}
		}
	}
	// One list, subcommands first, so that the nearest name wins and a tie goes to them.
	return path[closest(typed, append(names, nested...))]
}

// closestFlag is the flag of cmd that an unknown long flag most likely meant, as --NAME, or "".
func closestFlag(cmd *cobra.Command, err error) string {
	var unknown *pflag.NotExistError
	if !errors.As(err, &unknown) || unknown.GetSpecifiedShortnames() != "" {
		return ""
	}
	var names []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	})
	if name := closest(unknown.GetSpecifiedName(), names); name != "" {
		return "--" + name
	}
	return ""
}

// closest is the name a typo most likely meant: the nearest within two edits, else the only
// name that starts with what was typed.
func closest(typed string, names []string) string {
	if name := definition.Suggest(typed, names); name != "" {
		return name
	}
	match := ""
	for _, name := range names {
		if strings.HasPrefix(name, typed) {
			if match != "" {
				return ""
			}
			match = name
		}
	}
	return match
}

// didYouMean ends a message with a suggestion, when there is one.
func didYouMean(suggestion string) string {
	if suggestion == "" {
		return ""
	}
	return "; did you mean " + suggestion + "?"
}
