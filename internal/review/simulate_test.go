package review

import (
	"fmt"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsltest"
)

func mustParse(t *testing.T, text string) *definition.Definition {
	t.Helper()
	def, err := definition.ParseString(text)
	if err != nil {
		t.Fatal(err)
	}
	return def
}

func TestContactsTable(t *testing.T) {
	t.Parallel()
	oldDef := mustParse(t, fmt.Sprintf(defSeatsAtLeast, 5))
	newDef := mustParse(t, fmt.Sprintf(defSeatsAtLeast, 10))
	change := sequenceChange{address: "kraiter_sequence.a", kind: kindUpdate,
		before: &sequenceState{id: field{text: "seq_a", state: fieldKnown}},
		after:  &sequenceState{id: field{text: "seq_a", state: fieldKnown}}}
	contact := func(name string, seats int, sequences ...string) dsltest.Contact {
		return dsltest.Contact{Name: name, Input: definition.SimulationInput{Subscribed: true, Attributes: map[string]any{"seats": float64(seats)}}, Sequences: sequences}
	}

	tests := []struct {
		name           string
		contacts       []dsltest.Contact
		oldDef, newDef *definition.Definition
		want           string
	}{
		{
			name:     "rows that differ are marked",
			contacts: []dsltest.Contact{contact("seven seats", 7), contact("twelve | seats", 12)},
			oldDef:   oldDef, newDef: newDef,
			want: "**Sample contacts**, simulated offline before and after the change: **≠** marks the 1 contact whose emails change.\n\n" +
				"|  | Contact | Before | After |\n| --- | --- | --- | --- |\n" +
				"| **≠** | **seven seats** | `tmpl_team` at 0m | nothing |\n" +
				"|  | twelve \\| seats | `tmpl_team` at 0m | `tmpl_team` at 0m |\n",
		},
		{
			name:     "no row differs",
			contacts: []dsltest.Contact{contact("twelve seats", 12)},
			oldDef:   oldDef, newDef: newDef,
			want: "**Sample contacts**, simulated offline before and after the change: every contact gets the same emails.\n\n" +
				"|  | Contact | Before | After |\n| --- | --- | --- | --- |\n" +
				"|  | twelve seats | `tmpl_team` at 0m | `tmpl_team` at 0m |\n",
		},
		{
			name:     "a create has the new definition only",
			contacts: []dsltest.Contact{contact("seven seats", 7)},
			newDef:   oldDef,
			want:     "**Sample contacts**, simulated offline:\n\n| Contact | Emails |\n| --- | --- |\n| seven seats | `tmpl_team` at 0m |\n",
		},
		{
			name:     "contacts limited to other sequences",
			contacts: []dsltest.Contact{contact("elsewhere", 7, "seq_b", "kraiter_sequence.b")},
			oldDef:   oldDef, newDef: newDef,
			want: "",
		},
		{
			name:     "contacts limited by id and by address",
			contacts: []dsltest.Contact{contact("by id", 12, "seq_a"), contact("by address", 12, "kraiter_sequence.a")},
			oldDef:   oldDef, newDef: newDef,
			want: "**Sample contacts**, simulated offline before and after the change: every contact gets the same emails.\n\n" +
				"|  | Contact | Before | After |\n| --- | --- | --- | --- |\n" +
				"|  | by id | `tmpl_team` at 0m | `tmpl_team` at 0m |\n" +
				"|  | by address | `tmpl_team` at 0m | `tmpl_team` at 0m |\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := contactsTable(tt.contacts, &change, tt.oldDef, tt.newDef); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestSendsText(t *testing.T) {
	t.Parallel()
	def := mustParse(t, defWelcomeTips)
	tests := []struct {
		name string
		in   definition.SimulationInput
		want string
	}{
		{name: "sent", in: definition.SimulationInput{Subscribed: true}, want: "`tmpl_welcome` at 0m<br>`tmpl_tips` at 2d"},
		{name: "unsubscribed", in: definition.SimulationInput{}, want: "nothing (unsubscribed)"},
		{name: "stopped by until", in: definition.SimulationInput{Subscribed: true, Until: 24 * time.Hour}, want: "`tmpl_welcome` at 0m<br>_still running at 1d_"},
		{name: "until after the end", in: definition.SimulationInput{Subscribed: true, Until: 30 * 24 * time.Hour}, want: "`tmpl_welcome` at 0m<br>`tmpl_tips` at 2d"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sendsText(tt.in, definition.Simulate(def, tt.in)); got != tt.want {
				t.Errorf("sendsText = %q, want %q", got, tt.want)
			}
		})
	}
}
