package lsp

import (
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

// functions and references are the DSL's, read once.
var (
	functions  = dsl.Functions()
	references = dsl.References()
)

func (s *server) completion(_ *glsp.Context, params *protocol.CompletionParams) (any, error) {
	snap, err := s.snapshotOf(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	if isTestFile(snap.uri) {
		return nil, nil
	}
	a := snap.analysis()
	offset := snap.text.offset(params.Position)
	p := a.completionPlace(offset)
	root := a.root(&p)
	list := &protocol.CompletionList{Items: []protocol.CompletionItem{}}
	switch {
	case p.statementStart():
		list.Items = statementItems(p.blocks)
	case p.inString():
		list.Items, list.IsIncomplete = s.stringItems(a, snap.text, &p, offset)
	case root != "":
		list.Items = s.referenceItems(a, root)
	case p.body.attr != "":
		list.Items = expressionItems(&p)
	}
	return list, nil
}

// Kinds of the items, as editors show them.
var (
	kindBlock     = protocol.CompletionItemKindClass
	kindAttribute = protocol.CompletionItemKindProperty
	kindFunction  = protocol.CompletionItemKindFunction
	kindReference = protocol.CompletionItemKindVariable
	kindName      = protocol.CompletionItemKindField
	kindTemplate  = protocol.CompletionItemKindValue
	snippet       = protocol.InsertTextFormatSnippet
)

// statementItems are what may begin a statement in a body: step blocks where steps go (and
// locals at the top), a step block's attributes and branches inside it.
func statementItems(blocks []string) []protocol.CompletionItem {
	kind, b := kindOf(blocks)
	var items []protocol.CompletionItem
	switch kind {
	case bodySteps:
		for i := range stepBlocks {
			sb := &stepBlocks[i]
			items = append(items, protocol.CompletionItem{
				Label: sb.Name, Kind: &kindBlock, Detail: ptr(sb.Doc), Documentation: markup(blockDoc(sb)),
				InsertText: ptr(blockSnippet(sb)), InsertTextFormat: &snippet,
			})
		}
		if len(blocks) == 0 {
			items = append(items, protocol.CompletionItem{
				Label: dsl.LocalsBlock, Kind: &kindBlock, Detail: ptr(localsDoc), Documentation: markup(localsDoc),
				InsertText: ptr(dsl.LocalsBlock + " {\n  ${1:name} = ${2:\"value\"}\n}"), InsertTextFormat: &snippet,
			})
		}
	case bodyStep:
		for i := range b.Attributes {
			a := &b.Attributes[i]
			items = append(items, protocol.CompletionItem{
				Label: a.Name, Kind: &kindAttribute, Detail: ptr(fieldSummary(a.Field)), Documentation: markup(attributeDoc(b, a)),
				InsertText: ptr(attributeSnippet(a)), InsertTextFormat: &snippet,
			})
		}
		for _, br := range b.Branches {
			items = append(items, protocol.CompletionItem{
				Label: br.Name, Kind: &kindBlock, Detail: ptr(br.Field.Doc), Documentation: markup(branchDoc(b, &br)),
				InsertText: ptr(br.Name + " {\n  $0\n}"), InsertTextFormat: &snippet,
			})
		}
	case bodyLocals, bodyOther:
	}
	return items
}

// localsDoc says what a locals block is.
const localsDoc = "Named values, NAME = VALUE, that expressions refer to as local.NAME."

// blockSnippet writes a step block with its required attributes to fill in, and its first
// branch: condition { when = ... then { ... } }.
func blockSnippet(b *dsl.StepBlock) string {
	var lines []string
	n := 0
	for i := range b.Attributes {
		if a := &b.Attributes[i]; a.Field.Required {
			n++
			lines = append(lines, "  "+a.Name+" = "+placeholder(n, a))
		}
	}
	if len(b.Branches) > 0 {
		if len(lines) > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, "  "+b.Branches[0].Name+" {", "    $0", "  }")
	}
	return b.Name + " {\n" + strings.Join(lines, "\n") + "\n}"
}

func attributeSnippet(a *dsl.BlockAttribute) string { return a.Name + " = " + placeholder(1, a) }

// placeholder is the tab stop of an attribute's value: inside quotes for text.
func placeholder(n int, a *dsl.BlockAttribute) string {
	stop := "$" + strconv.Itoa(n)
	if a.Field.Kind.IsText() {
		return `"` + stop + `"`
	}
	return stop
}

// stringItems are the template ids in the string of a template attribute; incomplete while
// the account's templates are being read.
func (s *server) stringItems(a *analysis, t *text, p *place, offset int) ([]protocol.CompletionItem, bool) {
	attr := p.attribute()
	if attr == nil || attr.Field.Kind != definition.FieldTemplateID || p.frame.kind != frameString {
		return nil, false
	}
	list, complete := s.templates.all()
	// An item replaces the string's whole text, the part after the cursor included.
	end := offset
	for j := p.i; j < len(a.tokens) && a.tokens[j].Type == hclsyntax.TokenQuotedLit; j++ {
		end = a.tokens[j].Range.End.Byte
	}
	rng := t.span(p.frame.start, end)
	items := make([]protocol.CompletionItem, 0, len(list))
	for _, tmpl := range list {
		items = append(items, protocol.CompletionItem{
			Label: tmpl.ID, Kind: &kindTemplate, Detail: ptr(tmpl.Name), Documentation: markup(templateDoc(tmpl)),
			TextEdit: protocol.TextEdit{Range: rng, NewText: tmpl.ID},
		})
	}
	return items, !complete
}

// referenceItems are the names after var., local. or contact.
func (s *server) referenceItems(a *analysis, root string) []protocol.CompletionItem {
	var names []string
	detail := ""
	switch root {
	case rootVar:
		names = slices.Clone(a.vars)
		for name := range s.vars {
			names = append(names, name)
		}
		detail = "var"
	case rootLocal:
		names = slices.Clone(a.localNames)
		detail = "local"
	case rootContact:
		names = slices.Clone(a.contact)
		for _, other := range s.openAnalyses() {
			names = append(names, other.contact...)
		}
		names = append(names, s.workspace.contactAttributes()...)
		detail = "contact attribute used in the workspace"
	default:
		return nil
	}
	slices.Sort(names)
	names = slices.Compact(names)
	items := make([]protocol.CompletionItem, 0, len(names))
	for _, name := range names {
		item := protocol.CompletionItem{Label: name, Kind: &kindName, Detail: ptr(detail)}
		if root == rootVar {
			if v, ok := s.vars[name]; ok {
				item.Detail = ptr("var = " + quoteBounded(v))
			}
		}
		items = append(items, item)
	}
	return items
}

// expressionItems are the functions and reference roots an expression may use where it
// stands: the conditions and contact only in a when expression.
func expressionItems(p *place) []protocol.CompletionItem {
	kind, _ := kindOf(p.blocks)
	attr := p.attribute()
	if kind != bodyLocals && attr == nil {
		return nil
	}
	inWhen := attr != nil && attr.Field.Kind == definition.FieldRule
	var items []protocol.CompletionItem
	for _, f := range functions {
		if f.InWhenOnly && !inWhen {
			continue
		}
		items = append(items, protocol.CompletionItem{
			Label: f.Name, Kind: &kindFunction, Detail: ptr(f.Signature), Documentation: markup(functionDoc(&f)),
			InsertText: ptr(f.Name + "($1)"), InsertTextFormat: &snippet,
		})
	}
	for _, r := range references {
		if r.InWhenOnly && !inWhen {
			continue
		}
		items = append(items, protocol.CompletionItem{
			Label: r.Root, Kind: &kindReference, Detail: ptr(r.Root + ".NAME"), Documentation: markup(r.Doc),
			InsertText: ptr(r.Root + "."),
		})
	}
	return items
}

func ptr[T any](v T) *T { return &v }

func markup(s string) protocol.MarkupContent {
	return protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: s}
}
