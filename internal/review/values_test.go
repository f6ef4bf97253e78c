package review

import "testing"

func TestObjectStringAttr(t *testing.T) {
	t.Parallel()
	values := map[string]any{"id": "seq_a", "name": "Secret plan", "definition": nil, "count": 3.0}
	tests := []struct {
		name      string
		unknown   any
		sensitive any
		attr      string
		want      field
	}{
		{name: "known", attr: "id", want: field{text: "seq_a", state: fieldKnown}},
		{name: "missing", attr: "status", want: field{state: fieldNull}},
		{name: "null", attr: "definition", want: field{state: fieldNull}},
		{name: "not a string", attr: "count", want: field{text: "3", state: fieldKnown}},
		{name: "sensitive attribute", sensitive: map[string]any{"name": true}, attr: "name", want: field{state: fieldSensitive}},
		{name: "another attribute sensitive", sensitive: map[string]any{"name": true}, attr: "id", want: field{text: "seq_a", state: fieldKnown}},
		{name: "whole object sensitive", sensitive: true, attr: "id", want: field{state: fieldSensitive}},
		{name: "unknown attribute", unknown: map[string]any{"id": true}, attr: "id", want: field{state: fieldUnknown}},
		{name: "unknown marked false", unknown: map[string]any{"id": false}, attr: "id", want: field{text: "seq_a", state: fieldKnown}},
		{name: "sensitive wins over unknown", unknown: true, sensitive: true, attr: "id", want: field{state: fieldSensitive}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := newObject(values, tt.unknown, tt.sensitive).stringAttr(tt.attr); got != tt.want {
				t.Errorf("stringAttr(%q) = %+v, want %+v", tt.attr, got, tt.want)
			}
		})
	}
}

func TestAnyTrue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		marks any
		want  bool
	}{
		{name: "nil", marks: nil},
		{name: "false", marks: false},
		{name: "true", marks: true, want: true},
		{name: "empty elements, as a set of triggers has", marks: []any{map[string]any{}, map[string]any{}}},
		{name: "nested in a list", marks: []any{map[string]any{}, map[string]any{"event_name": true}}, want: true},
		{name: "nested in an object", marks: map[string]any{"a": map[string]any{"b": []any{true}}}, want: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := anyTrue(tt.marks); got != tt.want {
				t.Errorf("anyTrue(%v) = %v, want %v", tt.marks, got, tt.want)
			}
		})
	}
}
