package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

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
		return fmt.Errorf("use %s", orList(e.values))
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

// orList writes values quoted, as `"a", "b" or "c"`.
func orList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = strconv.Quote(v)
	}
	if len(quoted) < 2 {
		return strings.Join(quoted, "")
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1]
}
