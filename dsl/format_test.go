package dsl

import (
	"testing"
)

func TestFormat(t *testing.T) {
	t.Parallel()
	src := "# welcome\nemail {\ntemplate=\"tmpl_welcome\"\n    delay =   \"1h\" # later\n}\ncondition {\n  when = contact.plan==\"pro\"\n  then {\n  email { template = \"t\" }\n  }\n}\n"
	want := "# welcome\nemail {\n  template = \"tmpl_welcome\"\n  delay    = \"1h\" # later\n}\ncondition {\n  when = contact.plan == \"pro\"\n  then {\n    email { template = \"t\" }\n  }\n}\n"
	got, diags := Format([]byte(src), "f.kraiter.hcl")
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if string(got) != want {
		t.Errorf("formatted to\n%s\nwant\n%s", got, want)
	}
	again, _ := Format(got, "f.kraiter.hcl")
	if string(again) != string(got) {
		t.Errorf("formatting again changed the text:\n%s", again)
	}
}

func TestFormatSyntaxError(t *testing.T) {
	t.Parallel()
	got, diags := Format([]byte("email {\n  template = \n}\n"), "f.kraiter.hcl")
	if got != nil || !diags.HasErrors() {
		t.Fatalf("want syntax errors and no text, got %q, %v", got, diags)
	}
	if d := diags[0]; d.Subject == nil || d.Subject.Filename != "f.kraiter.hcl" || d.Subject.Start.Line != 2 {
		t.Errorf("want the error on line 2 of f.kraiter.hcl, got %v", d)
	}
}

// TestFormatKeepsMeaning checks that formatting never changes what a file compiles to.
func TestFormatKeepsMeaning(t *testing.T) {
	t.Parallel()
	for _, tc := range compileCases {
		formatted, diags := Format([]byte(tc.src), "f.kraiter.hcl")
		if diags.HasErrors() {
			t.Fatalf("%s: %s", tc.name, diags.Error())
		}
		vars := tc.vars
		if vars == nil {
			vars = fuzzVars
		}
		res, diags := Compile(formatted, Options{Vars: vars})
		if diags.HasErrors() || string(res.JSON) != tc.want {
			t.Errorf("%s: formatting changed the meaning: %v\n%s", tc.name, diags, formatted)
		}
	}
}
