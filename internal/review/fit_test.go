package review

import (
	"fmt"
	"strings"
	"testing"
)

// fitDocument has n sections, each with an essential part and a part of each detail, every
// part size bytes long and naming its section and detail.
func fitDocument(n, size int) *document {
	d := &document{heading: "## Review\n\n"}
	for i := range n {
		address := fmt.Sprintf("kraiter_sequence.s%d", i)
		d.rows = append(d.rows, tableRow("update", address))
		var parts []part
		// Labelled <sSECTION/N>, N 0 for the essential part, 1 contacts, 2 DSL, 3 graph.
		for n, level := range []detail{detailEssential, detailContacts, detailDSL, detailGraph} {
			label := fmt.Sprintf("<s%d/%d>", i, n)
			parts = append(parts, part{text: label + strings.Repeat(".", size-len(label)-2) + "\n\n", detail: level})
		}
		d.sections = append(d.sections, &section{name: address, parts: parts})
	}
	return d
}

func TestFit(t *testing.T) {
	t.Parallel()
	const size = 2000 // parts much longer than the note, so that each step frees enough room
	full := len(fitDocument(3, size).fit(1 << 30))
	tests := []struct {
		name    string
		limit   int
		kept    []string // labels of parts still there
		dropped []string // labels of parts left out
		note    string   // a part of the note; "" for no note
	}{
		{name: "fits", limit: full, kept: []string{"<s0/3>", "<s2/3>"}},
		{
			name: "the last graph goes first", limit: full - 1,
			kept: []string{"<s0/3>", "<s1/3>", "<s2/2>"}, dropped: []string{"<s2/3>"},
			note: "> [!NOTE]\n> Left out to stay within GitHub's limit on the length of a comment: the graph of 1 sequence. Run `kraiter review`",
		},
		{
			name: "then the DSL, from the last section", limit: full - 3*size - size/2,
			kept: []string{"<s0/2>", "<s1/2>", "<s2/1>"}, dropped: []string{"<s0/3>", "<s1/3>", "<s2/3>", "<s2/2>"},
			note: "the graph of 3 sequences and the DSL of 1 sequence.",
		},
		{
			name: "then the sample contacts", limit: full - 6*size - size/2,
			kept: []string{"<s0/1>", "<s1/1>", "<s2/0>"}, dropped: []string{"<s0/2>", "<s2/1>"},
			note: "the graph of 3 sequences, the DSL of 3 sequences and the sample contacts of 1 sequence.",
		},
		{
			name: "then whole sections, from the last", limit: full - 9*size - size/2,
			kept: []string{"<s0/0>", "<s1/0>"}, dropped: []string{"<s2/0>", "<s0/1>"},
			// The note counts the details of the sections kept; the one cut goes whole.
			note: "the graph of 2 sequences, the DSL of 2 sequences, the sample contacts of 2 sequences and everything but the summary line of 1 sequence (`kraiter_sequence.s2`).",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fitDocument(3, size).fit(tt.limit)
			if len(got) > tt.limit {
				t.Errorf("%d bytes, over the limit of %d", len(got), tt.limit)
			}
			for _, label := range tt.kept {
				if !strings.Contains(got, label) {
					t.Errorf("%s was left out", label)
				}
			}
			for _, label := range tt.dropped {
				if strings.Contains(got, label) {
					t.Errorf("%s was kept", label)
				}
			}
			if tt.note == "" && strings.Contains(got, "[!NOTE]") || tt.note != "" && !strings.Contains(got, tt.note) {
				t.Errorf("want a note holding %q in:\n%s", tt.note, got)
			}
		})
	}
}

// TestFitSummaryRows fits more changes than their summary lines have room for.
func TestFitSummaryRows(t *testing.T) {
	t.Parallel()
	got := fitDocument(300, 100).fit(4000)
	if len(got) > 4000 {
		t.Errorf("%d bytes, over the limit of 4000", len(got))
	}
	for _, want := range []string{
		"| update | kraiter_sequence.s0 |\n",
		" more |  |  |\n",
		"everything but the summary line of 300 sequences (`kraiter_sequence.s0`, `kraiter_sequence.s1`, ", // the first ten, in order
		"`kraiter_sequence.s9` and 290 more) and the summary lines of the last ",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("want %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "kraiter_sequence.s299") || strings.Contains(got, "<s0/0>") {
		t.Errorf("the last rows or a section are kept:\n%s", got)
	}
}
