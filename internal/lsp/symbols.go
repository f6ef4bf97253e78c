package lsp

import (
	"strings"

	"github.com/aymanbagabas/go-udiff"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

// documentSymbol outlines a document: its steps in order, a condition's with its branches,
// and its locals. A file with syntax errors is outlined as far as HCL's parser recovers; one
// beyond the DSL's limits is not parsed at all.
func (s *server) documentSymbol(_ *glsp.Context, params *protocol.DocumentSymbolParams) (any, error) {
	snap, err := s.snapshotOf(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	file, _ := dsl.ParseConfig(snap.text.src, snap.name)
	if file == nil { // beyond the DSL's limits on size and nesting, which keep the parser's stack
		return []protocol.DocumentSymbol{}, nil
	}
	body, ok := file.Body.(*hclsyntax.Body)
	if !ok {
		return []protocol.DocumentSymbol{}, nil
	}
	return symbols(snap.text, body, nil), nil
}

// Kinds of the symbols, as editors show them.
const (
	symbolStep   = protocol.SymbolKindEvent
	symbolBranch = protocol.SymbolKindNamespace
	symbolLocals = protocol.SymbolKindNamespace
	symbolLocal  = protocol.SymbolKindConstant
	symbolOther  = protocol.SymbolKindObject
)

// symbols outlines the blocks of a body within the blocks enclosing it.
func symbols(t *text, body *hclsyntax.Body, enclosing []string) []protocol.DocumentSymbol {
	out := []protocol.DocumentSymbol{}
	kind, owner := kindOf(enclosing)
	for _, block := range body.Blocks {
		sym := protocol.DocumentSymbol{Name: block.Type, Kind: symbolOther, Range: t.rangeOf(block.Range()), SelectionRange: t.rangeOf(block.TypeRange)}
		inner := append(enclosing[:len(enclosing):len(enclosing)], block.Type)
		switch {
		case kind == bodySteps && stepBlock(block.Type) != nil:
			sym.Kind = symbolStep
			if detail := stepDetail(t, stepBlock(block.Type), block.Body); detail != "" {
				sym.Detail = &detail
			}
		case kind == bodyStep && owner.Branch(block.Type) != nil:
			sym.Kind = symbolBranch
		case kind == bodySteps && len(enclosing) == 0 && block.Type == dsl.LocalsBlock:
			sym.Kind = symbolLocals
			for _, attr := range dsl.AttributesInOrder(block.Body) {
				value := sourceText(t, attr.Expr.Range())
				sym.Children = append(sym.Children, protocol.DocumentSymbol{Name: attr.Name, Detail: &value, Kind: symbolLocal,
					Range: t.rangeOf(attr.SrcRange), SelectionRange: t.rangeOf(attr.NameRange)})
			}
			out = append(out, sym)
			continue
		}
		if children := symbols(t, block.Body, inner); len(children) > 0 {
			sym.Children = children
		}
		out = append(out, sym)
	}
	return out
}

// stepDetail says a step's attributes in the table's order: template = "tmpl_welcome", delay = "1h".
func stepDetail(t *text, b *dsl.StepBlock, body *hclsyntax.Body) string {
	var parts []string
	for i := range b.Attributes {
		if attr, ok := body.Attributes[b.Attributes[i].Name]; ok {
			parts = append(parts, attr.Name+" = "+sourceText(t, attr.Expr.Range()))
		}
	}
	return bounded(strings.Join(parts, ", "))
}

// sourceText is the text of a range on one line, bounded.
func sourceText(t *text, r hcl.Range) string {
	return bounded(strings.Join(strings.Fields(string(t.src[r.Start.Byte:r.End.Byte])), " "))
}

// formatting gives the edits of kraiter dsl fmt, as small as a line diff makes them so that
// the editor keeps the cursor and folds where they are. A file with syntax errors is left as
// it is: its diagnostics say why.
func (s *server) formatting(_ *glsp.Context, params *protocol.DocumentFormattingParams) ([]protocol.TextEdit, error) {
	snap, err := s.snapshotOf(params.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	out, diags := dsl.Format(snap.text.src, snap.name)
	if diags.HasErrors() {
		return []protocol.TextEdit{}, nil
	}
	edits := []protocol.TextEdit{}
	for _, e := range udiff.Lines(string(snap.text.src), string(out)) {
		edits = append(edits, protocol.TextEdit{Range: snap.text.span(e.Start, e.End), NewText: e.New})
	}
	return edits, nil
}
