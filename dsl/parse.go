package dsl

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// Limits of the source, checked before HCL parses it. HCL's parser, and every walk of the
// tree it builds, recurse once or more per level of nesting, and Go cannot recover from a
// stack overflow: 100,000 nested parentheses crashed the provider. A real sequence nests its
// conditions at most definition.MaxDepth deep, each with a few levels of expression, so these
// limits leave room for any of them.
const (
	// MaxSourceBytes bounds a DSL file: four times the largest definition it may compile to.
	MaxSourceBytes = 4 * definition.MaxBytes
	// maxNesting bounds the open brackets, braces, quotes, interpolations, template
	// directives, unary operators and conditional operators around any point.
	maxNesting = 256
	// maxChain bounds the binary operators an expression chains (a || b || c ...), counted
	// across the brackets it is nested in: the parser reads them in a loop, but evaluating
	// and walking them recurses once per operator.
	maxChain = 4096
)

// ParseConfig parses HCL source as every DSL file is parsed: after checking its size and
// nesting against the limits above, so that no input can exhaust the parser's stack. The
// review command's contacts files are parsed with it too.
func ParseConfig(src []byte, filename string) (*hcl.File, hcl.Diagnostics) {
	if len(src) > MaxSourceBytes {
		return nil, hcl.Diagnostics{errorAt(fileStart(filename), "File too large",
			fmt.Sprintf("The file is %d bytes; at most %d are allowed (four times the largest definition, %d bytes). Split the sequence, or move long comments out of it.",
				len(src), MaxSourceBytes, definition.MaxBytes))}
	}
	if diag := checkNesting(src, filename); diag != nil {
		return nil, hcl.Diagnostics{diag}
	}
	return hclsyntax.ParseConfig(src, filename, hcl.InitialPos)
}

// nestFrame is one open bracket, quote, interpolation or template directive.
type nestFrame struct {
	kind hclsyntax.TokenType // the opening token; directiveFrame for %{ if } and %{ for }
	// conditionals are the ?: operators of the expression in this frame: the parser reads
	// each one's branches recursively, up to the end of the expression.
	conditionals int
	// unary are the ! and - operators waiting for their operand.
	unary int
	// binary are the binary operators of the expression in this frame.
	binary int
}

// directiveFrame marks a %{ if } or %{ for } directive, open until its %{ endif } or %{ endfor }.
const directiveFrame hclsyntax.TokenType = -1

// checkNesting measures, on the tokens, how deep the parser will recurse, without parsing.
// It is conservative: invalid input is measured too, as the parser recurses on it as well.
func checkNesting(src []byte, filename string) *hcl.Diagnostic {
	tokens, _ := hclsyntax.LexConfig(src, filename, hcl.InitialPos)
	stack := []nestFrame{{kind: hclsyntax.TokenNil}} // the file itself
	nesting, chain := 0, 0                           // sums over the stack, kept up to date
	prev := hclsyntax.TokenNil
	for i := range tokens {
		tok := &tokens[i]
		top := &stack[len(stack)-1]
		switch tok.Type {
		case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen, hclsyntax.TokenOQuote,
			hclsyntax.TokenOHeredoc, hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl:
			stack = append(stack, nestFrame{kind: tok.Type})
			nesting++
		case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen, hclsyntax.TokenCQuote,
			hclsyntax.TokenCHeredoc, hclsyntax.TokenTemplateSeqEnd:
			// A closer that does not match the innermost opener is a syntax error; leaving
			// the frame open keeps the count from ever falling below the parser's depth.
			if len(stack) > 1 && closes(tok.Type, top.kind) {
				nesting -= 1 + top.conditionals + top.unary
				chain -= top.binary
				stack = stack[:len(stack)-1]
				nesting -= stack[len(stack)-1].unary // the bracketed term is the operand they waited for
				stack[len(stack)-1].unary = 0
			}
		case hclsyntax.TokenIdent:
			if prev == hclsyntax.TokenTemplateControl && len(stack) > 1 {
				switch string(tok.Bytes) {
				case "if", "for": // open below the %{ ... } that holds the keyword
					control := *top
					*top = nestFrame{kind: directiveFrame}
					stack = append(stack, control)
					nesting++
				case "endif", "endfor":
					if below := len(stack) - 2; below > 0 && stack[below].kind == directiveFrame {
						nesting -= 1 + stack[below].conditionals + stack[below].unary
						chain -= stack[below].binary
						stack = append(stack[:below], stack[below+1:]...)
					}
				}
				break
			}
			nesting -= top.unary
			top.unary = 0
		case hclsyntax.TokenNumberLit:
			nesting -= top.unary
			top.unary = 0
		case hclsyntax.TokenBang:
			top.unary++
			nesting++
		case hclsyntax.TokenMinus:
			if endsOperand(prev) {
				top.binary++
				chain++
			} else {
				top.unary++
				nesting++
			}
		case hclsyntax.TokenQuestion:
			top.conditionals++
			nesting++
		case hclsyntax.TokenPlus, hclsyntax.TokenStar, hclsyntax.TokenSlash, hclsyntax.TokenPercent,
			hclsyntax.TokenEqualOp, hclsyntax.TokenNotEqual, hclsyntax.TokenLessThan, hclsyntax.TokenLessThanEq,
			hclsyntax.TokenGreaterThan, hclsyntax.TokenGreaterThanEq, hclsyntax.TokenAnd, hclsyntax.TokenOr:
			top.binary++
			chain++
		case hclsyntax.TokenComma, hclsyntax.TokenNewline:
			// A new item or attribute starts a new expression; inside parentheses, brackets
			// and templates a newline does not end one.
			if tok.Type == hclsyntax.TokenNewline && top.kind != hclsyntax.TokenNil && top.kind != hclsyntax.TokenOBrace {
				break
			}
			nesting -= top.conditionals + top.unary
			chain -= top.binary
			top.conditionals, top.unary, top.binary = 0, 0, 0
		}
		if tok.Type != hclsyntax.TokenComment {
			prev = tok.Type
		}
		if nesting > maxNesting {
			return errorAt(tok.Range, "Nested too deep",
				fmt.Sprintf("The file nests more than %d levels deep here: brackets, braces, quotes, interpolations, template directives and the !, - and ?: operators each open a level. Move part of the expression into a local, or split the sequence.", maxNesting))
		}
		if chain > maxChain {
			return errorAt(tok.Range, "Expression too long",
				fmt.Sprintf("The expression chains more than %d operators by here. Split it into smaller expressions, such as locals, or test a list with contains(...).", maxChain))
		}
	}
	return nil
}

// endsOperand reports whether a token of type t can end an operand, so that a minus after it
// subtracts rather than negates.
func endsOperand(t hclsyntax.TokenType) bool {
	switch t {
	case hclsyntax.TokenIdent, hclsyntax.TokenNumberLit, hclsyntax.TokenCParen, hclsyntax.TokenCBrack,
		hclsyntax.TokenCBrace, hclsyntax.TokenCQuote, hclsyntax.TokenCHeredoc:
		return true
	}
	return false
}

// closes reports whether a closing token of type closer ends a frame opened by opener.
func closes(closer, opener hclsyntax.TokenType) bool {
	switch closer {
	case hclsyntax.TokenCBrace:
		return opener == hclsyntax.TokenOBrace
	case hclsyntax.TokenCBrack:
		return opener == hclsyntax.TokenOBrack
	case hclsyntax.TokenCParen:
		return opener == hclsyntax.TokenOParen
	case hclsyntax.TokenCQuote:
		return opener == hclsyntax.TokenOQuote
	case hclsyntax.TokenCHeredoc:
		return opener == hclsyntax.TokenOHeredoc
	}
	return opener == hclsyntax.TokenTemplateInterp || opener == hclsyntax.TokenTemplateControl
}
