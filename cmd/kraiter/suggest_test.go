package main

import "testing"

func TestClosest(t *testing.T) {
	t.Parallel()
	names := []string{"compile", "validate", "fmt", "decompile", "diff", "graph", "simulate", "test"}
	tests := []struct {
		typed, want string
	}{
		{"valdate", "validate"},
		{"tset", "test"},
		{"graf", "graph"},
		{"sim", "simulate"}, // the only name that starts so
		{"d", ""},           // decompile and diff both start so
		{"lint", ""},        // nothing close
		{"fm", "fmt"},       // one edit away, and fewer edits than letters
		{"compiled", "compile"},
	}
	for _, tt := range tests {
		if got := closest(tt.typed, names); got != tt.want {
			t.Errorf("closest(%q) = %q, want %q", tt.typed, got, tt.want)
		}
	}
}
