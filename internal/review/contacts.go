package review

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
)

// This file reads a contacts file: sample contacts that kraiter review carries through each
// changed sequence, before and after the change, to show who would get which emails.
//
//	contact "pro team in DE" {
//	  attributes = { plan = "pro", country = "DE", seats = 12 }
//	  subscribed = true                                   # the default
//	  events     = [{ name = "purchased", after = "3d" }] # or before = "40d"
//	  until      = "30d"                                  # default: run to the end
//	  sequences  = ["seq_onboarding"]                     # default: every sequence
//	}

// Contact is one sample contact.
type Contact struct {
	Name  string
	Input definition.SimulationInput
	// Sequences limits the contact to the sequences of these ids or resource addresses;
	// empty means every sequence.
	Sequences []string
}

// appliesTo reports whether the contact is to be carried through the sequence of a change.
func (c Contact) appliesTo(ch *sequenceChange) bool {
	if len(c.Sequences) == 0 {
		return true
	}
	return slices.ContainsFunc(c.Sequences, func(s string) bool {
		return s == ch.address || slices.Contains(ch.ids(), s)
	})
}

// Blocks and attributes of a contacts file.
const (
	contactBlock         = "contact"
	contactAttributes    = "attributes"
	contactSubscribed    = "subscribed"
	contactEvents        = "events"
	contactUntil         = "until"
	contactSequences     = "sequences"
	contactExampleHeader = `contact "pro team in DE" { attributes = { plan = "pro", seats = 12 } }`
)

var contactAttrNames = []string{contactAttributes, contactSubscribed, contactEvents, contactUntil, contactSequences}

// ParseContacts reads a contacts file. Its values are written out: it has no variables or
// functions. Every problem is a diagnostic with its place in the file.
func ParseContacts(src []byte, filename string) ([]Contact, hcl.Diagnostics) {
	file, diags := dsl.ParseConfig(src, filename)
	if diags.HasErrors() {
		return nil, diags
	}
	body, _ := file.Body.(*hclsyntax.Body)
	for _, attr := range body.Attributes {
		diags = append(diags, errorAt(attr.NameRange, "Unexpected attribute",
			fmt.Sprintf("A contacts file holds only contact blocks, such as %s; %q belongs inside one.", contactExampleHeader, attr.Name)))
	}
	var contacts []Contact
	seen := map[string]hcl.Range{}
	for _, block := range body.Blocks {
		c, blockDiags := parseContact(block)
		diags = append(diags, blockDiags...)
		if blockDiags.HasErrors() {
			continue
		}
		if first, dup := seen[c.Name]; dup {
			diags = append(diags, errorAt(block.LabelRanges[0], "Duplicate contact name",
				fmt.Sprintf("A contact named %q is already on line %d; give each contact a distinct name.", c.Name, first.Start.Line)))
			continue
		}
		seen[c.Name] = block.DefRange()
		contacts = append(contacts, c)
	}
	if len(body.Blocks) == 0 && !diags.HasErrors() {
		diags = append(diags, errorAt(body.SrcRange, "No contacts",
			"A contacts file holds contact blocks, such as "+contactExampleHeader+"."))
	}
	return contacts, diags
}

func parseContact(block *hclsyntax.Block) (Contact, hcl.Diagnostics) {
	if block.Type != contactBlock {
		return Contact{}, hcl.Diagnostics{errorAt(block.TypeRange, "Unknown block type",
			fmt.Sprintf("%q is not a block of a contacts file; it holds contact blocks, such as %s.", block.Type, contactExampleHeader))}
	}
	if len(block.Labels) != 1 || strings.TrimSpace(block.Labels[0]) == "" {
		return Contact{}, hcl.Diagnostics{errorAt(block.DefRange(), "Invalid contact name",
			`A contact block takes one label, a name that says who it is: contact "pro team in DE" { ... }.`)}
	}
	c := Contact{Name: block.Labels[0], Input: definition.SimulationInput{Subscribed: true}}
	var diags hcl.Diagnostics
	for _, inner := range block.Body.Blocks {
		detail := "Contact blocks hold no blocks, only the attributes " + prose.Join(contactAttrNames, "and") + "."
		if slices.Contains(contactAttrNames, inner.Type) {
			detail += fmt.Sprintf(" Write %s = ... instead.", inner.Type)
		}
		diags = append(diags, errorAt(inner.TypeRange, "Unexpected block", detail))
	}
	for _, attr := range sortedAttributes(block.Body) {
		if !slices.Contains(contactAttrNames, attr.Name) {
			diags = append(diags, errorAt(attr.NameRange, "Unknown attribute",
				fmt.Sprintf("Contact blocks take %s, not %q.", prose.Join(contactAttrNames, "and"), attr.Name)))
			continue
		}
		val, valDiags := attr.Expr.Value(nil)
		diags = append(diags, valDiags...)
		if valDiags.HasErrors() {
			continue
		}
		var err error
		switch attr.Name {
		case contactAttributes:
			c.Input.Attributes, err = attributesValue(val)
		case contactSubscribed:
			c.Input.Subscribed, err = boolValue(val)
		case contactEvents:
			c.Input.Events, err = eventsValue(val)
		case contactUntil:
			c.Input.Until, err = untilValue(val)
		case contactSequences:
			c.Sequences, err = stringsValue(val)
		}
		if err != nil {
			diags = append(diags, errorAt(attr.Expr.Range(), "Invalid "+attr.Name, sentence(err)))
		}
	}
	return c, diags
}

// sortedAttributes lists a body's attributes in source order, so that problems are reported
// in the order they are written.
func sortedAttributes(body *hclsyntax.Body) []*hclsyntax.Attribute {
	attrs := make([]*hclsyntax.Attribute, 0, len(body.Attributes))
	for _, a := range body.Attributes {
		attrs = append(attrs, a)
	}
	slices.SortFunc(attrs, func(a, b *hclsyntax.Attribute) int { return a.SrcRange.Start.Byte - b.SrcRange.Start.Byte })
	return attrs
}

func errorAt(r hcl.Range, summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: r.Ptr()}
}
