package dsltest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

func TestParseContacts(t *testing.T) {
	t.Parallel()
	src := `
contact "pro team in DE" {
  attributes = { plan = "pro", country = "DE", seats = 12, tags = ["beta"], vip = true, gone = null }
  subscribed = false
  events     = [{ name = "purchased", after = "3d" }, { name = "logged_in", before = "40d" }]
  until      = "30d"
  sequences  = ["seq_onboarding", "kraiter_sequence.trial"]
}

contact "nobody in particular" {}

contact "exact" {
  attributes = { share = 0.12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890, huge = number("1e999999999") }
}
`
	contacts, diags := ParseContacts([]byte(src), "contacts.hcl")
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	want := []Contact{
		{
			Name: "pro team in DE",
			Input: definition.SimulationInput{
				Attributes: map[string]any{"plan": "pro", "country": "DE", "seats": json.Number("12"), "tags": []any{"beta"}, "vip": true, "gone": nil},
				Subscribed: false,
				Events: []definition.SimulationEvent{
					{Name: "purchased", After: 3 * 24 * time.Hour},
					{Name: "logged_in", After: -40 * 24 * time.Hour},
				},
				Until: 30 * 24 * time.Hour,
			},
			Sequences: []string{"seq_onboarding", "kraiter_sequence.trial"},
		},
		{Name: "nobody in particular", Input: definition.SimulationInput{Subscribed: true}},
		// Numbers keep every digit, as in a test file and in a compiled comparison: cty's
		// 512-bit floats would round the share, and no HCL literal holds the huge one.
		{Name: "exact", Input: definition.SimulationInput{Subscribed: true, Attributes: map[string]any{
			"share": json.Number("0.12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890"), "huge": json.Number("1e999999999"),
		}}},
	}
	if !reflect.DeepEqual(contacts, want) {
		t.Errorf("ParseContacts =\n%#v\nwant\n%#v", contacts, want)
	}
}

func TestParseContactsErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		want string // the first diagnostic, as FILE:LINE:COL: SUMMARY: DETAIL
	}{
		{name: "not HCL", src: "contact {", want: "c.hcl:1:"},
		{name: "empty", src: "", want: "c.hcl:1:1: No contacts: A contacts file holds contact blocks"},
		{name: "attribute at the top", src: "seats = 1\n", want: `c.hcl:1:1: Unexpected attribute: A contacts file holds only contact blocks, such as contact "pro team in DE" { attributes = { plan = "pro", seats = 12 } }; "seats" belongs inside one.`},
		{name: "other block", src: "test \"x\" {}\n", want: `c.hcl:1:1: Unknown block type: "test" is not a block of a contacts file`},
		{name: "no label", src: "contact {}\n", want: "c.hcl:1:1: Invalid contact name: A contact block takes one label"},
		{name: "blank label", src: "contact \" \" {}\n", want: "c.hcl:1:1: Invalid contact name"},
		{name: "duplicate", src: "contact \"a\" {}\ncontact \"a\" {}\n", want: `c.hcl:2:9: Duplicate contact name: A contact named "a" is already on line 1; give each contact a distinct name.`},
		{name: "unknown attribute", src: "contact \"a\" {\n  contact = {}\n}\n", want: `c.hcl:2:3: Unknown attribute: Contact blocks take attributes, subscribed, events, until and sequences, not "contact".`},
		{name: "misspelt attribute", src: "contact \"a\" {\n  atributes = {}\n}\n", want: `not "atributes". Did you mean "attributes"?`},
		{name: "inner block", src: "contact \"a\" {\n  events {}\n}\n", want: `c.hcl:2:3: Unexpected block: Contact blocks hold no blocks, only the attributes attributes, subscribed, events, until and sequences. Write events = ... instead.`},
		{name: "reference", src: "contact \"a\" {\n  attributes = { plan = var.plan }\n}\n", want: `c.hcl:2:25: Reference in a contacts file: A contacts file has no vars, locals or other names; write the value itself instead of var.plan, such as attributes = { plan = "pro" }.`},
		{name: "attributes not an object", src: "contact \"a\" {\n  attributes = [\"pro\"]\n}\n", want: `c.hcl:2:16: Invalid attributes: The contact is an object of attribute names and values, such as attributes = { plan = "pro", seats = 12 }.`},
		{name: "subscribed not a bool", src: "contact \"a\" {\n  subscribed = \"yes\"\n}\n", want: "c.hcl:2:16: Incorrect type: The value must be true or false, not a string."},
		{name: "events not a list", src: "contact \"a\" {\n  events = { name = \"x\" }\n}\n", want: "c.hcl:2:12: Invalid events: Events are a list of what the contact does and when"},
		{name: "event not an object", src: "contact \"a\" {\n  events = [\"purchased\"]\n}\n", want: "c.hcl:2:13: Invalid event: An event is an object with a name and a time, such as events = [{"},
		{name: "event without a time", src: "contact \"a\" {\n  events = [{ name = \"x\" }]\n}\n", want: "c.hcl:2:13: Invalid event: An event needs a name and one time"},
		{name: "event with two times", src: "contact \"a\" {\n  events = [{ name = \"x\", after = \"1d\", before = \"1d\" }]\n}\n", want: "c.hcl:2:13: Invalid event: An event needs a name and one time"},
		{name: "event with a bad time", src: "contact \"a\" {\n  events = [{ name = \"x\", after = \"2 days\" }]\n}\n", want: `c.hcl:2:35: Invalid time: "2 days" is not a time after the enrolment`},
		{name: "event with an unknown key", src: "contact \"a\" {\n  events = [{ name = \"x\", at = \"1d\" }]\n}\n", want: `c.hcl:2:27: Unknown event key: An event takes "name", "after" and "before", not "at".`},
		{name: "event with an empty name", src: "contact \"a\" {\n  events = [{ name = \"\", after = \"1d\" }]\n}\n", want: "c.hcl:2:22: Empty value: The event name cannot be empty."},
		{name: "until zero", src: "contact \"a\" {\n  until = \"0d\"\n}\n", want: "c.hcl:2:11: Invalid until: The run cannot stop at the enrolment itself"},
		{name: "until not a time", src: "contact \"a\" {\n  until = 30\n}\n", want: "c.hcl:2:11: Incorrect type: The time must be a string, not a number."},
		{name: "sequences not a list", src: "contact \"a\" {\n  sequences = \"seq_a\"\n}\n", want: `c.hcl:2:15: Invalid sequences: Sequences are a list of sequence ids or resource addresses, such as sequences = ["seq_onboarding"].`},
		{name: "sequence not a string", src: "contact \"a\" {\n  sequences = [1]\n}\n", want: "c.hcl:2:16: Incorrect type: The sequence must be a string, not a number."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			contacts, diags := ParseContacts([]byte(tt.src), "c.hcl")
			if !diags.HasErrors() {
				t.Fatalf("no error; contacts %+v", contacts)
			}
			d := diags[0]
			got := fmt.Sprintf("%s:%d:%d: %s: %s", d.Subject.Filename, d.Subject.Start.Line, d.Subject.Start.Column, d.Summary, d.Detail)
			if !strings.Contains(got, tt.want) {
				t.Errorf("first diagnostic:\n%s\nwant it to hold:\n%s", got, tt.want)
			}
		})
	}
}
