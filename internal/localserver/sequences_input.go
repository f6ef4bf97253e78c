package localserver

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// sequenceInput is the body of a create or an update, checked field by field. The has*
// flags say which fields the body carried.
type sequenceInput struct {
	id         string
	name       string
	text       string // the definition as sent; it is stored exactly so
	def        *definition.Definition
	triggers   []Trigger
	hasName    bool
	hasDef     bool
	hasTrigger bool
}

// readSequenceInput reads a create body (every field but triggers required) or an update
// body (any of name, definition, triggers).
func readSequenceInput(f *fields, create bool) sequenceInput {
	var in sequenceInput
	if create {
		f.allow("id", "name", "definition", "triggers")
		in.id, _ = f.idField("id", "seq_onboarding")
	} else {
		f.allow("name", "definition", "triggers")
	}
	in.name, in.hasName = f.textField("name", `a name such as "Onboarding drip"`, client.MaxNameLength, create)
	in.text, in.hasDef = f.str("definition", `the definition JSON as a string, such as "{\"steps\": [...]}"`, create)
	if in.hasDef {
		def, err := definition.ParseString(in.text)
		var verr *definition.ValidationError
		switch {
		case errors.As(err, &verr):
			for _, p := range verr.Problems {
				if p.Path == "" {
					p.Path = "definition"
				}
				f.problems = append(f.problems, p)
			}
			in.hasDef = false
		case err != nil:
			f.add("definition", "%s", err)
			in.hasDef = false
		default:
			in.def = def
		}
	}
	if f.has("triggers") {
		in.triggers, in.hasTrigger = f.triggersField("triggers")
	}
	return in
}

// templateRef is a template id that a step names, and the path of the field that names it.
type templateRef struct {
	path, id string
}

// templateRefs lists the templates a definition's steps name: the template id fields of the
// step table. A parsed definition is walked; one with problems is read leniently from its
// JSON, so that unknown templates are reported together with the problems that kept it from
// parsing, unless its JSON holds what the decoder would change, which would make up template
// ids.
func templateRefs(in sequenceInput) []templateRef {
	var refs []templateRef
	if in.def != nil {
		in.def.Walk(func(path string, s *definition.Step) {
			fields := s.Type.Fields()
			for i := range fields {
				if f := &fields[i]; f.Kind == definition.FieldTemplateID {
					refs = append(refs, templateRef{path: path + "." + f.Name, id: f.Text(s)})
				}
			}
		})
		return refs
	}
	if len(definition.CheckStrictJSON([]byte(in.text))) > 0 {
		return nil
	}
	var doc map[string]any
	if json.Unmarshal([]byte(in.text), &doc) != nil {
		return nil
	}
	var walk func(path string, steps any)
	walk = func(path string, steps any) {
		list, _ := steps.([]any)
		for i, item := range list {
			step, _ := item.(map[string]any)
			at := fmt.Sprintf("%s[%d]", path, i)
			typ, _ := step["type"].(string)
			for _, f := range definition.StepType(typ).Fields() {
				switch {
				case f.Kind == definition.FieldTemplateID:
					if id, ok := step[f.Name].(string); ok && id != "" {
						refs = append(refs, templateRef{path: at + "." + f.Name, id: id})
					}
				case f.Kind.Shape() == definition.ShapeSteps:
					walk(at+"."+f.Name, step[f.Name])
				}
			}
		}
	}
	walk("steps", doc["steps"])
	return refs
}

// checkTemplates reports every template id of a step that names no template, at its path.
func checkTemplates(ctx context.Context, tx *sql.Tx, in sequenceInput) ([]definition.Problem, error) {
	refs := templateRefs(in)
	if len(refs) == 0 {
		return nil, nil
	}
	known, err := templateIDs(ctx, tx)
	if err != nil {
		return nil, err
	}
	var problems []definition.Problem
	for _, ref := range refs {
		if _, found := slices.BinarySearch(known, ref.id); found {
			continue
		}
		problems = append(problems, definition.Problem{
			Path: ref.path,
			Message: fmt.Sprintf("unknown template %q; create it first (POST /v1/templates) or use an existing template id%s",
				ref.id, definition.DidYouMean(ref.id, known)),
		})
	}
	return problems, nil
}
