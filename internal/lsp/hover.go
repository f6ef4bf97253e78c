package lsp

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
	"github.com/kraiter/terraform-provider-kraiter/internal/markdown"
)

func (s *server) hover(_ *glsp.Context, params *protocol.HoverParams) (*protocol.Hover, error) {
	snap, err := s.snapshotOf(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	if isTestFile(snap.uri) {
		return nil, nil
	}
	a := snap.analysis()
	p, ok := a.hoverPlace(snap.text.offset(params.Position))
	if !ok {
		return nil, nil
	}
	doc := s.hoverDoc(a, &p)
	if doc == "" {
		return nil, nil
	}
	rng := snap.text.rangeOf(p.word.Range)
	return &protocol.Hover{Contents: markup(doc), Range: &rng}, nil
}

// hoverDoc documents the word at a place: a block or attribute from the step table, a
// function, a reference, or a template id from the account.
func (s *server) hoverDoc(a *analysis, p *place) string {
	name := string(p.word.Bytes)
	switch {
	case p.statementStart() && p.word.Type == hclsyntax.TokenIdent:
		return statementDoc(p.blocks, name, a.next(p.i, hclsyntax.TokenEqual))
	case p.inString():
		return s.stringDoc(a, p)
	case p.word.Type != hclsyntax.TokenIdent:
		return ""
	}
	if root := a.root(p); root != "" {
		return s.referenceDoc(a, root, name)
	}
	if a.next(p.i, hclsyntax.TokenOParen) {
		for i := range functions {
			if functions[i].Name == name {
				return functionDoc(&functions[i])
			}
		}
	}
	if a.next(p.i, hclsyntax.TokenDot) {
		for _, r := range references {
			if r.Root == name {
				return fmt.Sprintf("**%s**.NAME\n\n%s", r.Root, r.Doc)
			}
		}
	}
	return ""
}

// statementDoc documents the first word of a statement: an attribute of a step block, or a
// block.
func statementDoc(blocks []string, name string, isAttribute bool) string {
	kind, b := kindOf(blocks)
	switch {
	case isAttribute && kind == bodyStep:
		if a := b.Attribute(name); a != nil {
			return attributeDoc(b, a)
		}
	case isAttribute:
	case kind == bodySteps:
		if sb := stepBlock(name); sb != nil {
			return blockDoc(sb)
		}
		if name == dsl.LocalsBlock && len(blocks) == 0 {
			return "**" + dsl.LocalsBlock + "**\n\n" + localsDoc
		}
	case kind == bodyStep:
		if br := b.Branch(name); br != nil {
			return branchDoc(b, br)
		}
	}
	return ""
}

// stringDoc documents a template id written as a plain string: its name and subject, when
// the account's templates can be read.
func (s *server) stringDoc(a *analysis, p *place) string {
	attr := p.attribute()
	plain := p.i > 0 && a.tokens[p.i-1].Type == hclsyntax.TokenOQuote && p.i+1 < len(a.tokens) && a.tokens[p.i+1].Type == hclsyntax.TokenCQuote
	if attr == nil || attr.Field.Kind != definition.FieldTemplateID || !plain {
		return ""
	}
	tmpl, ok := s.templates.get(string(p.word.Bytes))
	if !ok {
		return ""
	}
	return templateDoc(tmpl)
}

// referenceDoc documents local.NAME with its definition and var.NAME with its value.
func (s *server) referenceDoc(a *analysis, root, name string) string {
	switch root {
	case rootLocal:
		rng, ok := a.locals[name]
		if !ok {
			return ""
		}
		return "**local." + name + "**, defined on line " + strconv.Itoa(rng.Start.Line) + ":\n\n" + markdown.CodeBlock("hcl", definitionLine(a.text, rng.Start.Byte))
	case rootVar:
		if v, ok := s.vars[name]; ok {
			return "**var." + name + "** = " + markdown.CodeSpan(quoteBounded(v))
		}
		return "**var." + name + "** has no value: give one with --var " + name + "=VALUE, or in the vars of the editor's settings."
	case rootContact:
		return "**contact." + name + "**: an attribute of the contact, known when the sequence runs."
	}
	return ""
}

// maxShown bounds the text of a file or a server that a hover or an item shows.
const maxShown = 200

// definitionLine is the line of the file at offset, bounded.
func definitionLine(t *text, offset int) string {
	end := len(t.src)
	if i := bytes.IndexByte(t.src[offset:], '\n'); i >= 0 {
		end = offset + i
	}
	return bounded(string(t.src[offset:end]))
}

// bounded is s, cut to maxShown bytes.
func bounded(s string) string { return boundedTo(s, maxShown) }

// boundedTo is s, cut to at most limit bytes at the start of a character, with an ellipsis.
func boundedTo(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// quoteBounded writes a value quoted, its control characters escaped, bounded.
func quoteBounded(s string) string { return bounded(strconv.Quote(s)) }

// blockDoc documents a step block: what it does, its attributes and branches, an example.
func blockDoc(b *dsl.StepBlock) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "**%s**: %s.\n\n", b.Name, b.Doc)
	for i := range b.Attributes {
		a := &b.Attributes[i]
		fmt.Fprintf(&sb, "- `%s` (%s): %s\n", a.Name, fieldSummary(a.Field), a.Field.Doc)
	}
	for _, br := range b.Branches {
		fmt.Fprintf(&sb, "- `%s { ... }` (%s): %s\n", br.Name, fieldSummary(br.Field), br.Field.Doc)
	}
	sb.WriteString("\n" + markdown.CodeBlock("hcl", b.Example))
	return sb.String()
}

// attributeDoc documents an attribute of a step block.
func attributeDoc(b *dsl.StepBlock, a *dsl.BlockAttribute) string {
	return fmt.Sprintf("**%s** of %s (%s): %s.\n\n%s", a.Name, b.Name, fieldSummary(a.Field), a.Field.Doc,
		markdown.CodeBlock("hcl", a.Name+" = "+a.Example))
}

func branchDoc(b *dsl.StepBlock, br *dsl.BlockBranch) string {
	return fmt.Sprintf("**%s** of %s (%s): %s.", br.Name, b.Name, fieldSummary(br.Field), br.Field.Doc)
}

// fieldSummary says a field's kind and whether it is required: "duration, optional, default "0d"".
func fieldSummary(f *definition.Field) string {
	switch {
	case f.Required:
		return f.Kind.String() + ", required"
	case f.Default != "":
		return fmt.Sprintf("%s, optional, default %q", f.Kind, f.Default)
	}
	return f.Kind.String() + ", optional"
}

func functionDoc(f *dsl.Function) string {
	doc := markdown.CodeSpan(f.Signature) + "\n\n" + f.Doc
	if f.InWhenOnly {
		doc += "\n\nOnly in a when expression."
	}
	return doc
}

// templateDoc shows a template of the account; its name and subject are the server's text,
// bounded and in code spans, which nothing inside can break out of.
func templateDoc(t client.Template) string {
	return fmt.Sprintf("Template %s\n\n- name: %s\n- subject: %s", markdown.CodeSpan(bounded(t.ID)), markdown.CodeSpan(bounded(t.Name)), markdown.CodeSpan(bounded(t.Subject)))
}

func (s *server) definition(_ *glsp.Context, params *protocol.DefinitionParams) (any, error) {
	snap, err := s.snapshotOf(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	a := snap.analysis()
	p, ok := a.hoverPlace(snap.text.offset(params.Position))
	if !ok || p.word.Type != hclsyntax.TokenIdent || a.root(&p) != rootLocal {
		return nil, nil
	}
	rng, ok := a.locals[string(p.word.Bytes)]
	if !ok {
		return nil, nil
	}
	return []protocol.Location{{URI: snap.uri, Range: snap.text.rangeOf(rng)}}, nil
}
