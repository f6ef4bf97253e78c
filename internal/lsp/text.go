package lsp

import (
	"fmt"
	"sort"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	protocol "github.com/tliron/glsp/protocol_3_16"
)

// text is one version of a document's text with the start of each line, to convert between
// byte offsets (HCL's positions) and LSP positions, whose characters are UTF-16 code units.
type text struct {
	src   []byte
	lines []int // byte offset of each line's start
}

func newText(src []byte) *text {
	lines := []int{0}
	for i, c := range src {
		if c == '\n' {
			lines = append(lines, i+1)
		}
	}
	return &text{src: src, lines: lines}
}

// position is the LSP position of a byte offset, clamped to the text.
func (t *text) position(offset int) protocol.Position {
	offset = min(max(offset, 0), len(t.src))
	line := sort.Search(len(t.lines), func(i int) bool { return t.lines[i] > offset }) - 1
	return protocol.Position{Line: protocol.UInteger(line), Character: protocol.UInteger(utf16Len(t.src[t.lines[line]:offset]))}
}

// offset is the byte offset of an LSP position. A character past the end of its line is the
// line's end; a line past the last is the end of the text.
func (t *text) offset(p protocol.Position) int {
	line := int(p.Line)
	if line >= len(t.lines) {
		return len(t.src)
	}
	end := len(t.src)
	if line+1 < len(t.lines) {
		end = t.lines[line+1] - 1 // the newline
	}
	off, units := t.lines[line], 0
	for off < end && units < int(p.Character) {
		r, size := utf8.DecodeRune(t.src[off:end])
		units += utf16.RuneLen(r)
		off += size
	}
	return off
}

// rangeOf is the LSP range of an HCL range of this text.
func (t *text) rangeOf(r hcl.Range) protocol.Range {
	return protocol.Range{Start: t.position(r.Start.Byte), End: t.position(r.End.Byte)}
}

// span is the LSP range of the bytes from start to end.
func (t *text) span(start, end int) protocol.Range {
	return protocol.Range{Start: t.position(start), End: t.position(end)}
}

// edit replaces the bytes of an LSP range with s, as an incremental didChange does, and
// returns the new text.
func (t *text) edit(r protocol.Range, s string) (*text, error) {
	start, end := t.offset(r.Start), t.offset(r.End)
	if end < start {
		return nil, fmt.Errorf("the change's range ends (%d:%d) before it starts (%d:%d)", r.End.Line, r.End.Character, r.Start.Line, r.Start.Character)
	}
	src := make([]byte, 0, len(t.src)-(end-start)+len(s))
	src = append(src, t.src[:start]...)
	src = append(src, s...)
	src = append(src, t.src[end:]...)
	return newText(src), nil
}

// utf16Len counts the UTF-16 code units of UTF-8 text; an invalid byte counts as one, as
// the replacement character it decodes to.
func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		n += utf16.RuneLen(r)
		b = b[size:]
	}
	return n
}
