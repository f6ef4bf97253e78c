package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

// exportFixture is a server with sequences that stress the export: spaced JSON with omitted
// defaults, both trigger types, an id that is no Terraform name, and a name with "${".
func exportFixture(t *testing.T) (*localservertest.Instance, map[string]string) {
	t.Helper()
	inst := localservertest.Start(t)
	inst.CreateTemplate(t, "tmpl_welcome", "Welcome", "Hi")
	inst.CreateTemplate(t, "tmpl_pro", "Pro", "Pro tips")
	defs := map[string]string{
		"seq_onboarding": `{ "steps": [ {"templateId": "tmpl_welcome", "type": "email"},
			{"type": "condition", "if": {"all": [{"attribute": "plan", "op": "eq", "value": "pro"}, {"event": "purchased", "op": "not_performed", "within": "7d"}]},
			 "then": [{"type": "email", "templateId": "tmpl_pro", "delay": "1h"}]} ] }`,
		"9lives": `{"steps":[{"type":"delay","duration":"1d"},{"type":"email","templateId":"tmpl_welcome"}]}`,
	}
	inst.CreateSequence(t, "seq_onboarding", `Onboarding "drip" ${x}`, defs["seq_onboarding"],
		localserver.Trigger{Type: "event", EventName: "signed_up"}, localserver.Trigger{Type: "segment", SegmentID: "seg_trial"})
	inst.CreateSequence(t, "9lives", "Nine lives", defs["9lives"])
	return inst, defs
}

func TestExportNamesStayUnique(t *testing.T) {
	taken := map[string]bool{}
	var got []string
	for _, id := range []string{"s_9lives", "9lives", "-x", "seq_a"} {
		got = append(got, uniqueName(resourceName(id), taken))
	}
	if strings.Join(got, " ") != "s_9lives s_9lives_2 s_-x seq_a" {
		t.Fatalf("names = %v", got)
	}
}

func TestExportWritesDSLAndImportableConfiguration(t *testing.T) {
	inst, defs := exportFixture(t)
	dir := filepath.Join(t.TempDir(), "out")
	_, errOut, code := runKraiter(t, "", "export", "--base-url", inst.URL, "--api-key", inst.APIKey, "--dir", dir)
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "exported 2 sequences") {
		t.Errorf("export said %q", errOut)
	}

	for id, def := range defs {
		src, err := os.ReadFile(filepath.Join(dir, id+".kraiter.hcl"))
		if err != nil {
			t.Fatal(err)
		}
		res, diags := dsl.Compile(src, dsl.Options{Filename: id + ".kraiter.hcl"})
		if diags.HasErrors() {
			t.Fatalf("the exported DSL of %s does not compile: %s", id, diags)
		}
		want, err := definition.Canonicalize([]byte(def))
		if err != nil {
			t.Fatal(err)
		}
		if string(res.JSON) != want {
			t.Errorf("%s compiles to\n%s\nnot to the stored definition\n%s", id, res.JSON, want)
		}
	}

	body := parseExportedConfig(t, filepath.Join(dir, exportConfigFile))
	var kinds []string
	names := map[string]string{}
	for _, b := range body.Blocks {
		kinds = append(kinds, b.Type+" "+strings.Join(b.Labels, "."))
		if b.Type == "resource" {
			v, diags := b.Body.Attributes["name"].Expr.Value(nil)
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			names[b.Labels[1]] = v.AsString()
			if _, ok := b.Body.Attributes["definition"]; !ok {
				t.Errorf("resource %s has no definition", b.Labels[1])
			}
		}
	}
	if got := strings.Join(kinds, ", "); got != "import , resource kraiter_sequence.s_9lives, import , resource kraiter_sequence.seq_onboarding" {
		t.Errorf("blocks = %s", got)
	}
	if names["seq_onboarding"] != `Onboarding "drip" ${x}` || names["s_9lives"] != "Nine lives" {
		t.Errorf("names read back as %q", names)
	}
	text, _ := os.ReadFile(filepath.Join(dir, exportConfigFile))
	for _, want := range []string{
		`to = kraiter_sequence.seq_onboarding`,
		`definition = provider::kraiter::compile_sequence(file("${path.module}/seq_onboarding.kraiter.hcl"), {}, "seq_onboarding.kraiter.hcl")`,
		`{ type = "event", event_name = "signed_up" },`,
		`{ type = "segment", segment_id = "seg_trial" },`,
	} {
		if !strings.Contains(string(text), want) {
			t.Errorf("%s lacks %s:\n%s", exportConfigFile, want, text)
		}
	}

	_, errOut, code = runKraiter(t, "", "export", "--base-url", inst.URL, "--api-key", inst.APIKey, "--dir", dir)
	if code == 0 || !strings.Contains(errOut, "already holds 9lives.kraiter.hcl, seq_onboarding.kraiter.hcl, sequences.tf") {
		t.Errorf("a second export over the files: exit %d, %q", code, errOut)
	}
	if _, errOut, code = runKraiter(t, "", "export", "--base-url", inst.URL, "--api-key", inst.APIKey, "--dir", dir, "--force"); code != 0 {
		t.Errorf("export --force: exit %d: %s", code, errOut)
	}
}

func TestExportWithTheDataSource(t *testing.T) {
	inst, _ := exportFixture(t)
	dir := t.TempDir()
	if _, errOut, code := runKraiter(t, "", "export", "--base-url", inst.URL, "--api-key", inst.APIKey, "--dir", dir, "--compile", "data-source", "--force"); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	body := parseExportedConfig(t, filepath.Join(dir, exportConfigFile))
	data := 0
	for _, b := range body.Blocks {
		if b.Type == "data" && b.Labels[0] == "kraiter_sequence_definition" {
			data++
		}
	}
	if data != 2 {
		t.Errorf("%d kraiter_sequence_definition data sources, want 2", data)
	}
	text, _ := os.ReadFile(filepath.Join(dir, exportConfigFile))
	if !strings.Contains(string(text), "definition = data.kraiter_sequence_definition.seq_onboarding.json") {
		t.Errorf("the resources do not use the data source:\n%s", text)
	}
}

func TestExportRefusesBadInput(t *testing.T) {
	inst, _ := exportFixture(t)
	t.Setenv("KRAITER_API_KEY", "")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--base-url", inst.URL}, "an API key is required: pass --api-key or set KRAITER_API_KEY"},
		{[]string{"--base-url", inst.URL, "--api-key", inst.APIKey, "--compile", "macro"}, `--compile "macro": use "function" or "data-source"`},
		{[]string{"--base-url", inst.URL, "--api-key", "wrong"}, "UNAUTHORIZED"},
	} {
		_, errOut, code := runKraiter(t, "", append([]string{"export", "--dir", t.TempDir()}, tc.args...)...)
		if code == 0 || !strings.Contains(errOut, tc.want) {
			t.Errorf("export %v: exit %d, %q; want it to say %q", tc.args, code, errOut, tc.want)
		}
	}
}

func parseExportedConfig(t *testing.T, path string) *hclsyntax.Body {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, diags := hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("%s does not parse: %s", path, diags)
	}
	return f.Body.(*hclsyntax.Body)
}
