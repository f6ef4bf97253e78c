package lsp

import (
	"bytes"
	"maps"
	"slices"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

// Completion, hover and go to definition read a document through HCL's lexer rather than its
// parser: the lexer reads any text, so a file broken where it is being typed still says which
// block the cursor is in and which names the file defines and uses.

// Roots of references, as dsl.References names them.
const (
	rootVar     = "var"
	rootLocal   = "local"
	rootContact = "contact"
)

type frameKind uint8

const (
	frameBody    frameKind = iota // the file, or a block's body
	frameGroup                    // ( ), [ ] or an object's { } in an expression
	frameString                   // a quoted string
	frameHeredoc                  // a heredoc
	frameInterp                   // ${ } or %{ } in a string
)

// frame is one level of nesting. A body also tracks its statement: the tokens since the last
// newline, its first word, and the attribute whose value follows "=".
type frame struct {
	kind  frameKind
	block string // the block type of a body; "" for the file
	words int    // tokens of the statement so far
	head  string
	attr  string
	start int // byte offset where the frame's content starts
}

// scanner follows the nesting of a token stream.
type scanner struct {
	stack []frame
}

func newScanner() *scanner { return &scanner{stack: []frame{{kind: frameBody}}} }

func (s *scanner) top() *frame { return &s.stack[len(s.stack)-1] }

// body is the innermost body.
func (s *scanner) body() *frame {
	for i := len(s.stack) - 1; i >= 0; i-- {
		if s.stack[i].kind == frameBody {
			return &s.stack[i]
		}
	}
	return &s.stack[0]
}

// blocks are the block types of the enclosing bodies, outermost first.
func (s *scanner) blocks() []string {
	var out []string
	for _, f := range s.stack[1:] {
		if f.kind == frameBody {
			out = append(out, f.block)
		}
	}
	return out
}

func (s *scanner) push(kind frameKind, block string, tok *hclsyntax.Token) {
	s.stack = append(s.stack, frame{kind: kind, block: block, start: tok.Range.End.Byte})
}

// pop closes the innermost frame when it is of the kind the token closes; a stray closer,
// or the end of the file's own body, is ignored.
func (s *scanner) pop(kind frameKind) {
	if len(s.stack) > 1 && s.top().kind == kind {
		s.stack = s.stack[:len(s.stack)-1]
	}
}

// step reads one token.
func (s *scanner) step(tok *hclsyntax.Token) {
	top := s.top()
	switch top.kind {
	case frameBody:
		s.bodyToken(top, tok)
	case frameString, frameHeredoc:
		switch tok.Type {
		case hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl:
			s.push(frameInterp, "", tok)
		case hclsyntax.TokenCQuote:
			s.pop(frameString)
		case hclsyntax.TokenCHeredoc:
			s.pop(frameHeredoc)
		case hclsyntax.TokenQuotedNewline:
			// A quoted string ends at its line, unclosed: the statement ends there too.
			s.pop(frameString)
			s.bodyToken(s.top(), tok)
		}
	case frameGroup, frameInterp:
		switch tok.Type {
		case hclsyntax.TokenTemplateSeqEnd:
			s.pop(frameInterp)
		case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen:
			s.pop(frameGroup)
		default:
			s.open(tok)
		}
	}
}

func (s *scanner) bodyToken(b *frame, tok *hclsyntax.Token) {
	switch tok.Type {
	case hclsyntax.TokenNewline, hclsyntax.TokenQuotedNewline:
		b.words, b.head, b.attr = 0, "", ""
		return
	case hclsyntax.TokenComment:
		// A line comment holds the newline that ends it.
		if bytes.HasSuffix(tok.Bytes, []byte("\n")) {
			b.words, b.head, b.attr = 0, "", ""
		}
		return
	case hclsyntax.TokenEOF:
		return
	case hclsyntax.TokenCBrace:
		s.pop(frameBody)
		return
	case hclsyntax.TokenIdent:
		if b.words == 0 {
			b.head = string(tok.Bytes)
		}
	case hclsyntax.TokenEqual:
		if b.words == 1 && b.head != "" {
			b.attr = b.head
		}
	case hclsyntax.TokenOBrace:
		if b.attr == "" {
			b.words++
			s.push(frameBody, b.head, tok)
			return
		}
	}
	b.words++
	s.open(tok)
}

// open pushes the frame a token opens in an expression.
func (s *scanner) open(tok *hclsyntax.Token) {
	switch tok.Type {
	case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen:
		s.push(frameGroup, "", tok)
	case hclsyntax.TokenOQuote:
		s.push(frameString, "", tok)
	case hclsyntax.TokenOHeredoc:
		s.push(frameHeredoc, "", tok)
	}
}

// analysis is what one version of a document says to completion, hover and go to definition.
type analysis struct {
	text   *text
	tokens hclsyntax.Tokens
	// locals are the names of the top-level locals blocks, with the range of each name's
	// first definition.
	locals     map[string]hcl.Range
	localNames []string
	// contact and vars are the names used after contact. and var., sorted.
	contact []string
	vars    []string
}

func analyze(t *text, filename string) *analysis {
	a := &analysis{text: t, locals: map[string]hcl.Range{}}
	a.tokens, _ = hclsyntax.LexConfig(t.src, filename, hcl.InitialPos)
	contact, vars := map[string]bool{}, map[string]bool{}
	s := newScanner()
	for i := range a.tokens {
		tok := &a.tokens[i]
		if tok.Type == hclsyntax.TokenIdent {
			b := s.top()
			if b.kind == frameBody && b.words == 0 && len(s.stack) == 2 && b.block == dsl.LocalsBlock && a.next(i, hclsyntax.TokenEqual) {
				name := string(tok.Bytes)
				if _, dup := a.locals[name]; !dup {
					a.locals[name] = tok.Range
					a.localNames = append(a.localNames, name)
				}
			}
			if name, ok := a.reference(i); ok {
				switch string(tok.Bytes) {
				case rootContact:
					contact[name] = true
				case rootVar:
					vars[name] = true
				}
			}
		}
		s.step(tok)
	}
	a.contact, a.vars = slices.Sorted(maps.Keys(contact)), slices.Sorted(maps.Keys(vars))
	return a
}

// next reports whether the token after i, on the same line, is of type typ.
func (a *analysis) next(i int, typ hclsyntax.TokenType) bool {
	return i+1 < len(a.tokens) && a.tokens[i+1].Type == typ
}

// reference is the name after the root at token i: plan in contact.plan and in
// contact["plan"].
func (a *analysis) reference(i int) (string, bool) {
	if i > 0 && a.tokens[i-1].Type == hclsyntax.TokenDot {
		return "", false // not a root: x.contact.plan
	}
	rest := a.tokens[i+1:]
	switch {
	case len(rest) >= 2 && rest[0].Type == hclsyntax.TokenDot && rest[1].Type == hclsyntax.TokenIdent:
		return string(rest[1].Bytes), true
	case len(rest) >= 5 && rest[0].Type == hclsyntax.TokenOBrack && rest[1].Type == hclsyntax.TokenOQuote &&
		rest[2].Type == hclsyntax.TokenQuotedLit && rest[3].Type == hclsyntax.TokenCQuote && rest[4].Type == hclsyntax.TokenCBrack:
		return string(rest[2].Bytes), true
	}
	return "", false
}

// place is where an offset stands: the enclosing blocks and frames, and the word there.
type place struct {
	blocks []string
	frame  frame // the innermost frame
	body   frame // the innermost body, with its statement
	// word is the name or string text at the place, or nil. i is its index, or the index of
	// the first token after the place when there is no word: the tokens before the place are
	// tokens[:i].
	word *hclsyntax.Token
	i    int
}

// isWord reports whether a token is a name or string text, which completion and hover look
// at.
func isWord(tok *hclsyntax.Token) bool {
	return tok.Type == hclsyntax.TokenIdent || tok.Type == hclsyntax.TokenQuotedLit || tok.Type == hclsyntax.TokenStringLit
}

// completionPlace is the place of a cursor at offset: a word that the cursor ends or splits is
// the one being typed.
func (a *analysis) completionPlace(offset int) place {
	i := 0
	for i < len(a.tokens) && a.tokens[i].Range.Start.Byte < offset && a.tokens[i].Type != hclsyntax.TokenEOF {
		i++
	}
	if i > 0 && isWord(&a.tokens[i-1]) && a.tokens[i-1].Range.End.Byte >= offset {
		return a.placeOf(i-1, true)
	}
	return a.placeOf(i, false)
}

// hoverPlace is the place of the character at offset, with the word it is part of.
func (a *analysis) hoverPlace(offset int) (place, bool) {
	for i := range a.tokens {
		tok := &a.tokens[i]
		if tok.Range.Start.Byte <= offset && offset < tok.Range.End.Byte {
			return a.placeOf(i, isWord(tok)), isWord(tok)
		}
	}
	return place{}, false
}

// placeOf reads the tokens before token i.
func (a *analysis) placeOf(i int, word bool) place {
	s := newScanner()
	for j := range i {
		s.step(&a.tokens[j])
	}
	p := place{blocks: s.blocks(), frame: *s.top(), body: *s.body(), i: i}
	if word {
		p.word = &a.tokens[i]
	}
	return p
}

// statementStart reports whether the place is where a block or an attribute begins.
func (p *place) statementStart() bool { return p.frame.kind == frameBody && p.frame.words == 0 }

// inString reports whether the place is inside string text.
func (p *place) inString() bool {
	return p.frame.kind == frameString || p.frame.kind == frameHeredoc
}

// root is the reference root before the place, when it follows ROOT.: "contact" for
// contact.pl and for contact. at the cursor.
func (a *analysis) root(p *place) string {
	end := p.i
	if end >= 2 && end <= len(a.tokens) && a.tokens[end-1].Type == hclsyntax.TokenDot && a.tokens[end-2].Type == hclsyntax.TokenIdent &&
		(end < 3 || a.tokens[end-3].Type != hclsyntax.TokenDot) {
		return string(a.tokens[end-2].Bytes)
	}
	return ""
}

// stepBlock is the step block named name, or nil.
func stepBlock(name string) *dsl.StepBlock {
	for i := range stepBlocks {
		if stepBlocks[i].Name == name {
			return &stepBlocks[i]
		}
	}
	return nil
}

// stepBlocks are the DSL's step blocks, read once.
var stepBlocks = dsl.StepBlocks()

// bodyKind says what a body with these enclosing blocks holds.
type bodyKind uint8

const (
	bodyOther  bodyKind = iota
	bodySteps           // steps: the file, or a branch of a step block
	bodyStep            // a step block's attributes and branches
	bodyLocals          // the top-level locals block
)

func kindOf(blocks []string) (bodyKind, *dsl.StepBlock) {
	n := len(blocks)
	switch {
	case n == 0:
		return bodySteps, nil
	case n == 1 && blocks[0] == dsl.LocalsBlock:
		return bodyLocals, nil
	}
	if b := stepBlock(blocks[n-1]); b != nil && (n == 1 || holdsSteps(blocks[:n-1])) {
		return bodyStep, b
	}
	if n >= 2 && holdsSteps(blocks[:n-2]) {
		if owner := stepBlock(blocks[n-2]); owner != nil && owner.Branch(blocks[n-1]) != nil {
			return bodySteps, nil
		}
	}
	return bodyOther, nil
}

func holdsSteps(blocks []string) bool {
	k, _ := kindOf(blocks)
	return k == bodySteps
}

// attribute is the attribute of the step block a place is in whose value the place is in,
// or nil.
func (p *place) attribute() *dsl.BlockAttribute {
	kind, b := kindOf(p.blocks)
	if kind != bodyStep || p.body.attr == "" {
		return nil
	}
	return b.Attribute(p.body.attr)
}
