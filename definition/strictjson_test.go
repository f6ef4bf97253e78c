package definition_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

func TestCheckStrictJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		// want lists each problem as "path: fragment of its message".
		want []string
	}{
		{"clean", `{"a": [1, "x", {"b": null}], "c": "\ud83d\ude00 \u00e9 é"}`, nil},
		{"same key in sibling objects", `{"steps": [{"type": "email"}, {"type": "delay"}]}`, nil},
		{"empty containers", `{"a": {}, "b": [], "c": [[], {}]}`, nil},
		{"escaped quote and backslash", `{"a\"b": "c\\", "a\\\"b": 1}`, nil},
		{"duplicate top-level key", `{"name": "a", "id": 1, "name": "b"}`, []string{`name: the key "name" appears more than once`}},
		{"duplicate nested key", `{"steps": [{"type": "email"}, {"type": "delay", "type": "email"}]}`, []string{`steps[1].type: the key "type" appears more than once`}},
		{"duplicate key written with an escape", `{"type": 1, "typ\u0065": 2}`, []string{`type: the key "type" appears more than once`}},
		{"NUL escaped", `{"steps": [{"templateId": "a\u0000b"}]}`, []string{`steps[0].templateId: holds the NUL character`}},
		{"NUL raw", "{\"a\": \"x\x00y\"}", []string{`a: holds the NUL character`}},
		{"NUL in a key", `{"a\u0000": 1}`, []string{`["a\x00"]: holds the NUL character`}},
		{"lone high surrogate", `{"triggers": [{"eventName": "\ud800"}]}`, []string{`triggers[0].eventName: holds the escape \ud800, half of a UTF-16 surrogate pair`}},
		{"lone low surrogate", `["\uDC00x"]`, []string{`[0]: holds the escape \uDC00`}},
		{"high surrogate then another escape", `["\ud800\u0041"]`, []string{`[0]: holds the escape \ud800`}},
		{"two high surrogates", `["\ud800\ud800\udc00"]`, []string{`[0]: holds the escape \ud800`}},
		{"invalid UTF-8 in a value", "{\"a\": [\"ok\", \"\xff\xfe\"]}", []string{`a[1]: is not valid UTF-8 (it holds the byte 0xff)`}},
		{"invalid UTF-8 in a key", "{\"k\xc3\": 1}", []string{`["k\xc3"]: is not valid UTF-8`}},
		{"top-level string", `"\u0000"`, []string{`: holds the NUL character`}},
		{"key with a space", `{"first name": {"x": 1, "x": 2}}`, []string{`["first name"].x: the key "x" appears more than once`}},
		{
			"every problem of a string, and of several", `{"a": "\u0000\ud800` + "\xff" + `", "b": "\u0000", "a": 1}`,
			[]string{"a: is not valid UTF-8", "a: holds the NUL character", `a: holds the escape \ud800`, "b: holds the NUL character", `a: the key "a" appears more than once`},
		},
		// Not JSON: checked up to where the syntax breaks, which is the decoder's to report.
		{"broken after a problem", `{"a": "\u0000", "b": }`, []string{"a: holds the NUL character"}},
		{"problem after the syntax breaks", `{"a": , "b": "\u0000"}`, nil},
		{"unterminated string", `{"a": "\u0000`, nil},
		{"bad escape", `["\x", "\u0000"]`, nil},
		{"short unicode escape", `["\u00"]`, nil},
		{"after the top-level value", `{} {"a": 1, "a": 2}`, nil},
		{"empty", ``, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, p := range definition.CheckStrictJSON([]byte(tc.text)) {
				got = append(got, p.Path+": "+p.Message)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("problems %q, want %d like %q", got, len(tc.want), tc.want)
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("problem %d is %q, want it to start with %q", i, got[i], w)
				}
			}
		})
	}
}

func TestCheckStrictJSONBounds(t *testing.T) {
	t.Parallel()
	many := "{" + strings.Repeat(`"a": 1, `, 200) + `"a": 1}`
	if got := definition.CheckStrictJSON([]byte(many)); len(got) != 50 {
		t.Errorf("%d problems for 200 repeated keys, want the first 50", len(got))
	}
	// Far deeper than encoding/json accepts: the check stops without a problem and at once.
	deep := strings.Repeat("[", 1_000_000) + `"\u0000"` + strings.Repeat("]", 1_000_000)
	if got := definition.CheckStrictJSON([]byte(deep)); len(got) != 0 {
		t.Errorf("problems %v past the nesting the decoder refuses", got)
	}
	// Within it, a problem deep down has its whole path.
	nested := strings.Repeat(`{"a":`, 100) + `"\u0000"` + strings.Repeat("}", 100)
	got := definition.CheckStrictJSON([]byte(nested))
	if want := strings.TrimSuffix(strings.Repeat("a.", 100), "."); len(got) != 1 || got[0].Path != want {
		t.Errorf("problems %v, want one at %s", got, want)
	}
}

func TestParseRefusesWhatTheDecoderWouldChange(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		doc  string
		path string
	}{
		{"duplicate key", `{"steps":[{"type":"email","templateId":"a","templateId":"b"}]}`, "steps[0].templateId"},
		{"NUL", `{"steps":[{"type":"email","templateId":"a\u0000"}]}`, "steps[0].templateId"},
		{"lone surrogate", `{"steps":[{"type":"email","templateId":"\udfff"}]}`, "steps[0].templateId"},
		{"invalid UTF-8", "{\"steps\":[{\"type\":\"email\",\"templateId\":\"\xc0\"}]}", "steps[0].templateId"},
		{"duplicate steps", `{"steps":[],"steps":[{"type":"email","templateId":"a"}]}`, "steps"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			problems := problemsOf(t, tc.doc)
			paths := make([]string, len(problems))
			for i, p := range problems {
				paths[i] = p.Path
			}
			if !slices.Equal(paths, []string{tc.path}) {
				t.Errorf("problems %v, want one at %s", problems, tc.path)
			}
		})
	}
}
