package main

import (
	"os"
	"strings"
	"testing"
)

func TestProgress(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	p := &progress{w: &b, on: true}
	p.show("read %d sequences…", 50)
	p.show("read %d sequences…", 100)
	p.clear()
	p.clear() // nothing left to clear
	if want := "\r\033[Kread 50 sequences…\r\033[Kread 100 sequences…\r\033[K"; b.String() != want {
		t.Errorf("on a terminal: %q, want %q", b.String(), want)
	}

	b.Reset()
	p = newProgress(&b) // a buffer is no terminal
	p.show("read %d sequences…", 50)
	p.clear()
	if b.Len() != 0 {
		t.Errorf("elsewhere: %q, want nothing", b.String())
	}
}

// A terminal with TERM=dumb cannot clear a line: it gets no progress, as a pipe does.
func TestNoProgressOnADumbTerminal(t *testing.T) {
	terminal, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0) // a character device, as a terminal is
	if err != nil {
		t.Fatal(err)
	}
	defer terminal.Close()
	for term, want := range map[string]bool{"xterm-256color": true, "dumb": false} {
		t.Setenv("TERM", term)
		if got := newProgress(terminal).on; got != want {
			t.Errorf("TERM=%s: progress on = %v, want %v", term, got, want)
		}
	}
}
