package dsl

import (
	"slices"
	"testing"
)

// TestLanguageListsTheCompilersNames holds the documented when functions and reference roots
// to the names the compiler knows, both ways: a new rule function or root is documented.
func TestLanguageListsTheCompilersNames(t *testing.T) {
	t.Parallel()
	var when []string
	for _, f := range Functions() {
		if f.InWhenOnly && f.Name != fnNumber {
			when = append(when, f.Name)
		}
	}
	if want := slices.Sorted(slices.Values(ruleFunctions)); !slices.Equal(when, want) {
		t.Errorf("Functions documents the when functions %v; the compiler knows %v", when, want)
	}
	var roots []string
	for _, r := range References() {
		roots = append(roots, r.Root)
	}
	if !slices.Equal(roots, references) {
		t.Errorf("References documents the roots %v; the compiler knows %v", roots, references)
	}
}
