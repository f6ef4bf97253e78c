package main

import (
	"io"
	"os"

	"github.com/spf13/cobra"
)

// noColorFlag is the root's flag that turns colour off for every command.
const noColorFlag = "no-color"

// useColor reports whether cmd may colour what it writes to w: only on a terminal that takes
// escape sequences, and never with --no-color or a non-empty NO_COLOR (https://no-color.org).
func useColor(cmd *cobra.Command, w io.Writer) bool {
	noColor, err := cmd.Flags().GetBool(noColorFlag)
	if err != nil || noColor || os.Getenv("NO_COLOR") != "" {
		return false
	}
	return escapesWork(w)
}

// escapesWork reports whether w is a terminal that takes escape sequences, the ones that
// colour text and clear a line. TERM=dumb declares one that does not (Emacs' shell buffers,
// some CI logs), where they would show as text.
func escapesWork(w io.Writer) bool {
	return isTerminal(w) && os.Getenv("TERM") != "dumb"
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
