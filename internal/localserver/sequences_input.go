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

// templateRefs lists the templates a definition's steps name: the template id fields of the
// step table. A parsed definition is walked; one with problems is read leniently from its
// JSON, so that unknown templates are reported together with the problems that kept it from
// parsing, unless its JSON holds what the decoder would change, which would make up template
// ids.
func templateRefs(in sequenceInput) []definition.TemplateRef {
	if in.def != nil {
		return in.def.TemplateRefs()
	}
	if len(definition.CheckStrictJSON([]byte(in.text))) > 0 {
		return nil
	}
	var doc map[string]any
	if json.Unmarshal([]byte(in.text), &doc) != nil {
		return nil
	}
	var refs []definition.TemplateRef
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
						refs = append(refs, definition.TemplateRef{Path: at + "." + f.Name, TemplateID: id})
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
		if _, found := slices.BinarySearch(known, ref.TemplateID); found {
			continue
		}
		problems = append(problems, definition.Problem{
			Path: ref.Path,
			Message: fmt.Sprintf("unknown template %q; create it first (POST /v1/templates) or use an existing template id%s",
				ref.TemplateID, definition.DidYouMean(ref.TemplateID, known)),
		})
	}
	return problems, nil
}
