package main

import (
	"fmt"
	"io"
)

// progress says what a long operation is doing on one line of a terminal, rewritten in
// place; it writes nothing elsewhere (a pipe, a log, a terminal with TERM=dumb, which cannot
// clear a line), so that they get only the outcome.
type progress struct {
	w     io.Writer
	on    bool
	shown bool
}

func newProgress(w io.Writer) *progress {
	return &progress{w: w, on: escapesWork(w)}
}

// show replaces the line with a new message.
func (p *progress) show(format string, args ...any) {
	if !p.on {
		return
	}
	// \r returns to the start of the line and \033[K clears what a longer message left.
	fmt.Fprintf(p.w, "\r\033[K"+format, args...)
	p.shown = true
}

// clear removes the line, before the outcome is printed in its place.
func (p *progress) clear() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}
