package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
	"github.com/spf13/cobra"
)

// enumFlag is a flag that takes one of a few values: any other is refused while the flags
// are read (a usage error), help shows the values, and shells complete them.
type enumFlag struct {
	value  *string
	values []string
}

func (e *enumFlag) String() string { return *e.value }

func (e *enumFlag) Type() string { return strings.Join(e.values, "|") }

func (e *enumFlag) Set(s string) error {
	if !slices.Contains(e.values, s) {
		return fmt.Errorf("use %s", prose.Quoted(e.values, "or"))
	}
	*e.value = s
	return nil
}

// addEnumFlag defines the flag --NAME, which sets *p to one of values, value when not given.
func addEnumFlag(cmd *cobra.Command, p *string, name, value, usage string, values ...string) {
	*p = value
	cmd.Flags().Var(&enumFlag{value: p, values: values}, name, usage)
	mustRegisterCompletion(cmd, name, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
}
