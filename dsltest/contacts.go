package dsltest

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
// changed sequence, before and after the change, to show who would get which emails. A
// contact is written as a test's contact is, and read by the same code:
//
//	contact "pro team in DE" {
//	  attributes = { plan = "pro", country = "DE", seats = 12 }
//	  subscribed = true                                   # the default
//	  events     = [{ name = "purchased", after = "3d" }] # or before = "40d"
//	  until      = "30d"                                  # default: run to the end
//	  sequences  = ["seq_onboarding"]                     # default: every sequence
//	}

// Contact is one sample contact of a contacts file.
type Contact struct {
	Name  string
	Input definition.SimulationInput
	// Sequences limits the contact to the sequences of these ids or resource addresses;
	// empty means every sequence.
	Sequences []string
}

// Blocks and attributes of a contacts file.
const (
	contactBlock         = "contact"
	contactAttributes    = "attributes"
	contactSequences     = "sequences"
	contactExampleHeader = `contact "pro team in DE" { attributes = { plan = "pro", seats = 12 } }`
)

var contactAttrNames = []string{contactAttributes, testSubscribed, testEvents, testUntil, contactSequences}

// ParseContacts reads a contacts file. Its values are written out: it has no variables or
// functions. Every problem is a diagnostic with its place in the file; a contact with a
// problem is left out.
func ParseContacts(src []byte, filename string) ([]Contact, hcl.Diagnostics) {
	file, diags := dsl.ParseConfig(src, filename)
	if diags.HasErrors() {
		return nil, diags
	}
	body, _ := file.Body.(*hclsyntax.Body)
	p := newReader(src, filename, "contacts file", `attributes = { plan = "pro" }`)
	for _, attr := range dsl.AttributesInOrder(body) {
		p.diags = append(p.diags, errorAt(attr.NameRange, "Unexpected attribute",
			fmt.Sprintf("A contacts file holds only contact blocks, such as %s; %q belongs inside one.", contactExampleHeader, attr.Name)))
	}
	var contacts []Contact
	seen := map[string]hcl.Range{}
	for _, block := range body.Blocks {
		before := p.problems()
		c := p.contact(block)
		if p.problems() > before {
			continue
		}
		if first, dup := seen[c.Name]; dup {
			p.diags = append(p.diags, errorAt(block.LabelRanges[0], "Duplicate contact name",
				fmt.Sprintf("A contact named %q is already on line %d; give each contact a distinct name.", c.Name, first.Start.Line)))
			continue
		}
		seen[c.Name] = block.DefRange()
		contacts = append(contacts, c)
	}
	if len(body.Blocks) == 0 && p.problems() == 0 {
		p.diags = append(p.diags, errorAt(body.SrcRange, "No contacts",
			"A contacts file holds contact blocks, such as "+contactExampleHeader+"."))
	}
	return contacts, append(diags, p.diagnostics()...)
}

// contact reads a contact block.
func (p *reader) contact(block *hclsyntax.Block) Contact {
	if block.Type != contactBlock {
		p.diags = append(p.diags, errorAt(block.TypeRange, "Unknown block type",
			fmt.Sprintf("%q is not a block of a contacts file; it holds contact blocks, such as %s.", block.Type, contactExampleHeader)))
		return Contact{}
	}
	if len(block.Labels) != 1 || strings.TrimSpace(block.Labels[0]) == "" {
		p.diags = append(p.diags, errorAt(block.DefRange(), "Invalid contact name",
			`A contact block takes one label, a name that says who it is: contact "pro team in DE" { ... }.`))
		return Contact{}
	}
	c := Contact{Name: block.Labels[0], Input: definition.SimulationInput{Subscribed: true}}
	for _, inner := range block.Body.Blocks {
		detail := "Contact blocks hold no blocks, only the attributes " + prose.Join(contactAttrNames, "and") + "."
		if slices.Contains(contactAttrNames, inner.Type) {
			detail += fmt.Sprintf(" Write %s = ... instead.", inner.Type)
		}
		p.diags = append(p.diags, errorAt(inner.TypeRange, "Unexpected block", detail))
	}
	for _, attr := range dsl.AttributesInOrder(block.Body) {
		switch attr.Name {
		case contactAttributes:
			c.Input.Attributes = p.attributes(attr.Expr, contactAttributes)
		case testSubscribed:
			c.Input.Subscribed, _ = p.lit.Bool(attr.Expr, useTestBool)
		case testEvents:
			c.Input.Events = p.events(attr.Expr)
		case testUntil:
			c.Input.Until = p.until(attr.Expr)
		case contactSequences:
			items, _ := p.stringList(attr.Expr, "the sequence", "Invalid sequences",
				`Sequences are a list of sequence ids or resource addresses, such as sequences = ["seq_onboarding"].`)
			c.Sequences = texts(items)
		default:
			p.diags = append(p.diags, errorAt(attr.NameRange, "Unknown attribute",
				fmt.Sprintf("Contact blocks take %s, not %q.%s", prose.Join(contactAttrNames, "and"), attr.Name, dsl.DidYouMean(attr.Name, contactAttrNames))))
		}
	}
	return c
}
