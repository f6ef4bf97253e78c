package dsl

import (
	"slices"
	"strings"

	"github.com/zclconf/go-cty/cty/function"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// This file describes the language for editors (the language server of kraiter dsl lsp): its
// blocks, functions and references, read from the same specs that Compile reads, so that what
// an editor offers is what Compile accepts.

// LocalsBlock is the block of named values, which stands at the top level of a file.
const LocalsBlock = blockLocals

// StepBlock is a step block: a step type of the definition's step table in the DSL.
type StepBlock struct {
	// Name is the block type, the step type's name: "email".
	Name string
	// Doc says what a step of the type does: "waits".
	Doc string
	// Attributes are the fields written as attributes, in the table's order.
	Attributes []BlockAttribute
	// Branches are the step lists, written as nested blocks: a condition's then and else.
	Branches []BlockBranch
	// Example is the block with its first required attribute: email { template = "tmpl_welcome" }.
	Example string
}

// BlockAttribute is an attribute of a step block.
type BlockAttribute struct {
	// Name is the attribute's name in the DSL, such as "template" for the field "templateId".
	Name string
	// Field is its field of the step table, with its kind, doc and default. Shared: do not
	// modify it.
	Field *definition.Field
	// Example is a value written in the DSL: "tmpl_welcome" in quotes, contact.plan == "pro".
	Example string
}

// BlockBranch is a nested block of a step block, which holds steps.
type BlockBranch struct {
	Name string
	// Field is its step-list field of the step table. Shared: do not modify it.
	Field *definition.Field
}

// Attribute is the attribute of the block named name, or nil.
func (b *StepBlock) Attribute(name string) *BlockAttribute {
	for i := range b.Attributes {
		if b.Attributes[i].Name == name {
			return &b.Attributes[i]
		}
	}
	return nil
}

// Branch is the nested block of the block named name, or nil.
func (b *StepBlock) Branch(name string) *BlockBranch {
	for i := range b.Branches {
		if b.Branches[i].Name == name {
			return &b.Branches[i]
		}
	}
	return nil
}

// StepBlocks lists the step blocks in the step table's order.
func StepBlocks() []StepBlock {
	out := make([]StepBlock, len(blocks))
	for i := range blocks {
		b := &blocks[i]
		sb := StepBlock{Name: b.name, Doc: b.typ.Doc(), Example: b.example}
		for _, a := range b.attrs {
			sb.Attributes = append(sb.Attributes, BlockAttribute{Name: a.name, Field: a.field, Example: a.example})
		}
		for _, br := range b.branches {
			sb.Branches = append(sb.Branches, BlockBranch{Name: br.name, Field: br.field})
		}
		out[i] = sb
	}
	return out
}

// Function is a function an expression may call.
type Function struct {
	Name string
	// Signature names its parameters: join(separator, lists...).
	Signature string
	Doc       string
	// InWhenOnly is true for the functions that only a when expression may call: the
	// conditions, which compile to rules, and number, a value compared with an attribute.
	InWhenOnly bool
}

// whenFunctions document the functions of when expressions, which are not go-cty functions.
var whenFunctions = []Function{
	{Name: fnPerformed, Signature: `performed("EVENT", "WITHIN")`, Doc: `Whether the contact performed the event, within the time window before the check when one is given, such as performed("purchased", "7d"); !performed("purchased") is "not performed".`},
	{Name: fnExists, Signature: "exists(contact.ATTR)", Doc: "Whether the contact has the attribute, with a value other than null."},
	{Name: fnContains, Signature: "contains(contact.ATTR, VALUE)", Doc: "Whether the attribute, a list or a string, contains the value."},
	{Name: fnAll, Signature: "all(CONDITION, ...)", Doc: "Whether every condition holds, as && does."},
	{Name: fnAny, Signature: "any(CONDITION, ...)", Doc: "Whether at least one condition holds, as || does."},
	{Name: fnNumber, Signature: `number("TEXT")`, Doc: `A number written exactly, beyond what a number literal holds, compared with an attribute: contact.score > number("1e999999999").`},
}

// Functions lists the functions expressions may call, by name.
func Functions() []Function {
	out := make([]Function, 0, len(functions)+len(whenFunctions))
	for _, name := range functionNames {
		f := functions[name]
		out = append(out, Function{Name: name, Signature: signature(name, f), Doc: f.Description()})
	}
	for _, f := range whenFunctions {
		f.InWhenOnly = true
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b Function) int { return strings.Compare(a.Name, b.Name) })
	return out
}

func signature(name string, f function.Function) string {
	var params []string
	for _, p := range f.Params() {
		params = append(params, p.Name)
	}
	if vp := f.VarParam(); vp != nil {
		params = append(params, vp.Name+"...")
	}
	return name + "(" + strings.Join(params, ", ") + ")"
}

// Reference is the root of references in expressions: var.NAME, local.NAME, contact.NAME.
type Reference struct {
	Root string
	Doc  string
	// InWhenOnly is true for contact, whose attributes are known only when the sequence runs.
	InWhenOnly bool
}

// References lists the roots of references.
func References() []Reference {
	return []Reference{
		{Root: rootVar, Doc: "A value given to the compiler: --var NAME=VALUE for kraiter dsl, or the vars of kraiter_sequence_definition and compile_sequence. Always a string."},
		{Root: rootLocal, Doc: "A value named in a locals block."},
		{Root: rootContact, Doc: "An attribute of the contact, known only when the sequence runs: usable in when expressions only.", InWhenOnly: true},
	}
}
