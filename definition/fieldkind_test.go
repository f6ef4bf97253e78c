package definition_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

func TestFieldKinds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		kind  definition.FieldKind
		name  string
		shape definition.Shape
	}{
		{definition.FieldTemplateID, "template id", definition.ShapeText},
		{definition.FieldDuration, "duration", definition.ShapeText},
		{definition.FieldRule, "rule", definition.ShapeRule},
		{definition.FieldSteps, "step list", definition.ShapeSteps},
		{0, "FieldKind(0)", 0},
		{200, "FieldKind(200)", 0},
	}
	for _, tt := range tests {
		if got := tt.kind.String(); got != tt.name {
			t.Errorf("FieldKind(%d).String() = %q, want %q", tt.kind, got, tt.name)
		}
		if got := tt.kind.Shape(); got != tt.shape {
			t.Errorf("%v: Shape() = %d, want %d", tt.kind, got, tt.shape)
		}
		if got := tt.kind.IsText(); got != (tt.shape == definition.ShapeText) {
			t.Errorf("%v: IsText() = %t", tt.kind, got)
		}
	}
}

// TestCanonicalText checks text values as the DSL compiles them: as Parse would store them, or
// an error that says what is wrong.
func TestCanonicalText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		kind      definition.FieldKind
		text      string
		want      string
		wantEmpty bool
		wantErr   string
	}{
		{kind: definition.FieldTemplateID, text: "tmpl_welcome", want: "tmpl_welcome"},
		{kind: definition.FieldTemplateID, text: "", wantEmpty: true},
		{kind: definition.FieldDuration, text: "2d", want: "2d"},
		{kind: definition.FieldDuration, text: "0m", want: "0d"},
		{kind: definition.FieldDuration, text: "", wantErr: `"" is not a duration`},
		{kind: definition.FieldDuration, text: "2 days", wantErr: `"2 days" is not a duration`},
		{kind: definition.FieldRule, text: "x", wantErr: "a rule is not text"},
		{kind: 0, text: "x", wantErr: "a FieldKind(0) is not text"},
	}
	for _, tt := range tests {
		got, err := tt.kind.CanonicalText(tt.text)
		switch {
		case tt.wantEmpty:
			if !errors.Is(err, definition.ErrEmptyText) {
				t.Errorf("%v %q: err %v, want ErrEmptyText", tt.kind, tt.text, err)
			}
		case tt.wantErr != "":
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || errors.Is(err, definition.ErrEmptyText) {
				t.Errorf("%v %q: err %v, want one containing %q", tt.kind, tt.text, err, tt.wantErr)
			}
		case err != nil || got != tt.want:
			t.Errorf("%v %q = %q, %v; want %q", tt.kind, tt.text, got, err, tt.want)
		}
	}
}
