package client

import (
	"fmt"
	"strings"
)

// Checks that an answer is complete and about what was asked. Each returns what was answered
// instead, phrased to follow "answered" (`sequence "b" instead of "a"`), or "".

// sequenceProblem checks a sequence; an empty wantID accepts any id (a listing).
func sequenceProblem(seq *Sequence, wantID string) string {
	var missing []string
	for _, f := range []struct {
		name    string
		missing bool
	}{
		{"id", seq.ID == ""},
		{"name", seq.Name == ""},
		{"definition", seq.Definition == ""},
		{"status", seq.Status == ""},
		{"createdAt", seq.CreatedAt.IsZero()},
		{"updatedAt", seq.UpdatedAt.IsZero()},
	} {
		if f.missing {
			missing = append(missing, f.name)
		}
	}
	switch {
	case len(missing) > 0:
		return "a sequence without " + strings.Join(missing, ", ")
	case wantID != "" && seq.ID != wantID:
		return fmt.Sprintf("sequence %q instead of %q", seq.ID, wantID)
	}
	return ""
}

// templateProblem checks a template; an empty wantID accepts any id (a listing).
func templateProblem(t *Template, wantID string) string {
	switch {
	case t.ID == "" || t.Name == "":
		return "a template without an id or a name"
	case wantID != "" && t.ID != wantID:
		return fmt.Sprintf("template %q instead of %q", t.ID, wantID)
	}
	return ""
}

func statusProblem(st *SequenceStatus, wantID string) string {
	if st.ID != wantID {
		return fmt.Sprintf("the status of sequence %q instead of %q", st.ID, wantID)
	}
	return ""
}

func dryRunProblem(res *DryRunResult, wantID, wantContact string) string {
	if res.SequenceID != wantID || res.ContactID != wantContact {
		return fmt.Sprintf("the dry run of sequence %q for contact %q instead of sequence %q for contact %q",
			res.SequenceID, res.ContactID, wantID, wantContact)
	}
	return ""
}

// itemProblem checks each item of a page, and names the first bad one.
func itemProblem[T any](items []T, check func(*T) string) string {
	for i := range items {
		if problem := check(&items[i]); problem != "" {
			return fmt.Sprintf("a page whose item %d is %s", i, problem)
		}
	}
	return ""
}

func sendProblem(s *Send, wantSequence string) string {
	if s.SequenceID != wantSequence {
		return fmt.Sprintf("a send of sequence %q instead of %q", s.SequenceID, wantSequence)
	}
	return ""
}
