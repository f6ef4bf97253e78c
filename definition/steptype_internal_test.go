package definition

import (
	"fmt"
	"strings"
	"testing"
)

// TestStepSpecCheck shows that an entry of the step table that is not whole stops the module.
func TestStepSpecCheck(t *testing.T) {
	t.Parallel()
	text := func(s *Step) *string { return &s.TemplateID }
	whole := func() stepSpec {
		return stepSpec{typ: "sms", doc: "sends a text", compile: compileEmail, fields: []Field{
			{Name: "templateId", Kind: FieldTemplateID, Doc: "the template", Example: `"t"`, text: text},
		}}
	}
	tests := []struct {
		name  string
		spoil func(*stepSpec)
		want  string
	}{
		{"no compile hook", func(s *stepSpec) { s.compile = nil }, "needs a compile hook"},
		{"no doc", func(s *stepSpec) { s.doc = "" }, "needs a compile hook and a doc line"},
		{"no field doc", func(s *stepSpec) { s.fields[0].Doc = "" }, `field "templateId" of step type "sms" needs`},
		{"no example", func(s *stepSpec) { s.fields[0].Example = "" }, "an example"},
		{"accessor of another kind", func(s *stepSpec) { s.fields[0].Kind = FieldRule }, "the accessor of a rule"},
	}
	spec := whole()
	spec.check()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := whole()
			tt.spoil(&spec)
			defer func() {
				if r := fmt.Sprint(recover()); !strings.Contains(r, tt.want) {
					t.Errorf("panic %q, want one containing %q", r, tt.want)
				}
			}()
			spec.check()
		})
	}
}
