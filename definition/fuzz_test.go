package definition_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// FuzzParse checks that Parse never panics, that it fails only with problems, and that a
// valid document's canonical form is compact JSON that parses again to itself. Valid
// documents also go through the interpreter, which must not panic either. Every input also
// goes through CheckStrictJSON, which must not panic and must agree with Parse.
func FuzzParse(f *testing.F) {
	example, err := os.ReadFile(filepath.Join("testdata", "contract_example.json"))
	if err != nil {
		f.Fatal(err)
	}
	seeds := []string{
		string(example),
		realisticDefinition(30),
		timelineDoc,
		dryRunDoc,
		`{"steps":[{"type":"email","templateId":"t"}]}`,
		`{"steps":[{"type":"email","templateId":"t","delay":null}]}`,
		`{"steps":[{"type":"delay","duration":"0007w"}]}`,
		condition(`{"attribute":"a","op":"eq","value":{"b":[1.0,-0,1e400,-1e-400,"\u00e9<>&"]}}`),
		condition(`{"attribute":"a","op":"gte","value":123456789012345678901234567890}`),
		condition(`{"any":[{"not":{"event":"e","op":"performed","within":"3d"}},{"attribute":"a","op":"exists"}]}`),
		nestedConditions(3),
		nestedRules("not", 4),
		// Invalid ones.
		``,
		`null`,
		`[]`,
		`{"steps":[]}`,
		`{"steps":[{}]}`,
		`{"steps":[{"type":"emial","templateId":"a"}]}`,
		`{"steps":[{"type":"delay","duration":"2 days"}]}`,
		`{"steps":[{"type":"delay","duration":"99999999w"}]}`,
		`{"steps":[{"type":"delay","duration":"1d"}]}}`,
		`{"steps": [`,
		condition(`{"attribute":"a","op":"exists","event":"e"}`),
		condition(`{"all":[]}`),
		condition(`{"attribute":"a","op":"exists","value":1}`),
		condition(`{"attribute":"a","op":"lt","value":true}`),
		condition(`{"attribute":"a","op":"eq","value":1e99999999999999999999}`),
		`{"steps":[{"type":"email","templateId":"t","templateId":"u"}]}`,
		`{"steps":[{"type":"email","templateId":"t\u0000"}]}`,
		`{"steps":[{"type":"email","templateId":"\ud800\udc00\udc00"}]}`,
		"{\"steps\":[{\"type\":\"email\",\"templateId\":\"\xed\xa0\x80\"}]}",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	contact := &definition.Contact{
		Attributes: map[string]any{"a": json.Number("1"), "plan": "pro", "tags": []any{"x", 1.0}},
		Subscribed: true,
		Events:     []definition.Event{{Name: "e", At: start}},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		strict := definition.CheckStrictJSON(data)
		for _, p := range strict {
			if p.Message == "" {
				t.Fatalf("a strict JSON problem without a message at %q", p.Path)
			}
		}
		// Invalid UTF-8 in valid JSON can only be in strings, which the check reads.
		if len(strict) == 0 && json.Valid(data) && !utf8.Valid(data) {
			t.Fatalf("valid JSON with invalid UTF-8 passed the strict check: %q", data)
		}
		d, err := definition.Parse(data)
		if err == nil && len(strict) > 0 {
			t.Fatalf("Parse accepted a document with strict JSON problems %v", strict)
		}
		if err != nil {
			var verr *definition.ValidationError
			if !errors.As(err, &verr) || len(verr.Problems) == 0 {
				t.Fatalf("error %T without problems: %v", err, err)
			}
			if d != nil {
				t.Fatal("a definition came back with an error")
			}
			return
		}
		canonical := d.Canonical()
		var compact bytes.Buffer
		if err := json.Compact(&compact, []byte(canonical)); err != nil || compact.String() != canonical {
			t.Fatalf("canonical form is not compact JSON (%v): %s", err, canonical)
		}
		// The canonical form fills defaults and writes U+2028 and U+2029 as escapes, so a
		// document near the size limit can grow past it; only that may keep the form from
		// parsing again.
		if len(canonical) > definition.MaxBytes {
			return
		}
		again, err := definition.Canonicalize([]byte(canonical))
		if err != nil {
			t.Fatalf("canonical form does not parse: %v\n%s", err, canonical)
		}
		if again != canonical {
			t.Fatalf("canonical form is not a fixed point:\n once %s\ntwice %s", canonical, again)
		}
		prog := definition.Compile(d)
		if visits := prog.DryRun(start, contact); len(visits) == 0 {
			t.Fatal("a dry run of a valid definition visited nothing")
		}
	})
}
