package definition

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestKindTableCheck shows that an entry of the table of kinds that is not whole stops the
// module.
func TestKindTableCheck(t *testing.T) {
	t.Parallel()
	whole := func() []kindSpec {
		return []kindSpec{{}, {
			name: "URL", noun: "a URL", shape: ShapeText, schemaDef: "url",
			schema:    schema{"type": "string"},
			parse:     func(*parser, string, string, any, string) string { return "" },
			canonical: func(s string) (string, error) { return s, nil },
		}}
	}
	tests := []struct {
		name  string
		spoil func(*kindSpec)
	}{
		{"no name", func(k *kindSpec) { k.name = "" }},
		{"no noun", func(k *kindSpec) { k.noun = "" }},
		{"no shape", func(k *kindSpec) { k.shape = 0 }},
		{"a shape that is none", func(k *kindSpec) { k.shape = ShapeSteps + 1 }},
		{"no schema", func(k *kindSpec) { k.schemaDef = "" }},
		{"text without its schema", func(k *kindSpec) { k.schema = nil }},
		{"text without parse", func(k *kindSpec) { k.parse = nil }},
		{"text without canonical", func(k *kindSpec) { k.canonical = nil }},
	}
	checkKinds(whole())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			specs := whole()
			tt.spoil(&specs[1])
			defer func() {
				if r := fmt.Sprint(recover()); !strings.Contains(r, "field kind 1 needs") {
					t.Errorf("panic %q, want one naming the kind", r)
				}
			}()
			checkKinds(specs)
		})
	}
}

// A field of a kind the table does not have is an error of the canonical form and a problem
// of Parse, not a crash: only a step table built wrongly has one.
func TestUnknownKindIsAnError(t *testing.T) {
	t.Parallel()
	f := &Field{Name: "url", Kind: 200}
	var b bytes.Buffer
	if err := writeField(&b, f, &Step{Type: "webhook"}); err == nil || !strings.Contains(err.Error(), `field "url" of step type "webhook" has the unknown kind FieldKind(200)`) {
		t.Errorf("writeField: %v, want an error naming the field and its kind", err)
	}
	p := &parser{}
	p.field("steps[0]", map[string]any{"url": "https://example.com"}, f, &Step{Type: "webhook"}, 0)
	if len(p.problems) != 1 || p.problems[0].Path != "steps[0].url" || !strings.Contains(p.problems[0].Message, "unknown kind FieldKind(200)") {
		t.Errorf("parse: %+v, want one problem at steps[0].url naming the kind", p.problems)
	}
}
