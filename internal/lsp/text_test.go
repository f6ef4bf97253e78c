package lsp

import (
	"testing"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

func TestPositions(t *testing.T) {
	t.Parallel()
	src := "ab\né😀x\n\nlast"
	txt := newText([]byte(src))
	for _, tc := range []struct {
		offset          int
		line, character int
	}{
		{0, 0, 0},
		{2, 0, 2},        // the newline
		{3, 1, 0},        // é, two bytes, one unit
		{5, 1, 1},        // 😀, four bytes, two units
		{9, 1, 3},        // x
		{11, 2, 0},       // the empty line
		{16, 3, 4},       // the end
		{len(src), 3, 4}, // clamped
		{len(src) + 5, 3, 4},
	} {
		p := txt.position(tc.offset)
		if int(p.Line) != tc.line || int(p.Character) != tc.character {
			t.Errorf("position(%d) = %d:%d, want %d:%d", tc.offset, p.Line, p.Character, tc.line, tc.character)
		}
		if tc.offset <= len(src) {
			if back := txt.offset(p); back != tc.offset {
				t.Errorf("offset(%d:%d) = %d, want %d", p.Line, p.Character, back, tc.offset)
			}
		}
	}
	for _, tc := range []struct {
		line, character int
		want            int
	}{
		{0, 99, 2}, // past the end of a line: its end
		{9, 0, 16}, // past the last line: the end
		{1, 2, 9},  // inside the surrogate pair: after the emoji
	} {
		if got := txt.offset(protocol.Position{Line: protocol.UInteger(tc.line), Character: protocol.UInteger(tc.character)}); got != tc.want {
			t.Errorf("offset(%d:%d) = %d, want %d", tc.line, tc.character, got, tc.want)
		}
	}
}

func TestEdits(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, src string
		from, to  protocol.Position
		insert    string
		want      string
	}{
		{"insert", "email {\n}\n", protocol.Position{Line: 0, Character: 7}, protocol.Position{Line: 0, Character: 7}, "\n  template = \"t\"", "email {\n  template = \"t\"\n}\n"},
		{"replace across lines", "a\nb\nc\n", protocol.Position{Line: 0, Character: 1}, protocol.Position{Line: 2, Character: 0}, "-", "a-c\n"},
		{"after an emoji", "\"😀x\"", protocol.Position{Line: 0, Character: 3}, protocol.Position{Line: 0, Character: 4}, "y", "\"😀y\""},
		{"delete to the end", "abc", protocol.Position{Line: 0, Character: 1}, protocol.Position{Line: 5, Character: 0}, "", "a"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := newText([]byte(tc.src)).edit(protocol.Range{Start: tc.from, End: tc.to}, tc.insert)
			if err != nil {
				t.Fatal(err)
			}
			if string(got.src) != tc.want {
				t.Errorf("got %q, want %q", got.src, tc.want)
			}
		})
	}
	if _, err := newText([]byte("abc")).edit(protocol.Range{Start: protocol.Position{Character: 2}, End: protocol.Position{Character: 1}}, ""); err == nil {
		t.Error("a range that ends before it starts is taken")
	}
}
