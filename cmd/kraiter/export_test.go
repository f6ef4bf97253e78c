package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
	"github.com/kraiter/terraform-provider-kraiter/internal/exportconfig"
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

func TestExportWritesDSLAndImportableConfiguration(t *testing.T) {
	t.Parallel()
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

	body := parseExportedConfig(t, filepath.Join(dir, exportconfig.ConfigFile))
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
	text, _ := os.ReadFile(filepath.Join(dir, exportconfig.ConfigFile))
	for _, want := range []string{
		`to = kraiter_sequence.seq_onboarding`,
		`definition = provider::kraiter::compile_sequence(file("${path.module}/seq_onboarding.kraiter.hcl"), {}, "seq_onboarding.kraiter.hcl")`,
		`{ type = "event", event_name = "signed_up" },`,
		`{ type = "segment", segment_id = "seg_trial" },`,
	} {
		if !strings.Contains(string(text), want) {
			t.Errorf("%s lacks %s:\n%s", exportconfig.ConfigFile, want, text)
		}
	}

	_, errOut, code = runKraiter(t, "", "export", "--base-url", inst.URL, "--api-key", inst.APIKey, "--dir", dir)
	if code == 0 || !strings.Contains(errOut, "already holds 9lives.kraiter.hcl, seq_onboarding.kraiter.hcl, sequences.tf, versions.tf") {
		t.Errorf("a second export over the files: exit %d, %q", code, errOut)
	}
	if _, errOut, code = runKraiter(t, "", "export", "--base-url", inst.URL, "--api-key", inst.APIKey, "--dir", dir, "--force"); code != 0 {
		t.Errorf("export --force: exit %d: %s", code, errOut)
	}
}

// TestExportForceNeverWritesThroughALink is issue 15's probe: a link in --dir to a file
// outside it, and export --force.
func TestExportForceNeverWritesThroughALink(t *testing.T) {
	t.Parallel()
	inst, _ := exportFixture(t)
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "precious")
	if err := os.WriteFile(outside, []byte("precious\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, exportconfig.ConfigFile)
	if err := os.Symlink(outside, link); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runKraiter(t, "", "export", "--base-url", inst.URL, "--api-key", inst.APIKey, "--dir", dir, "--force")
	if want := link + " is a symbolic link (to " + outside + "); export does not write through links: remove it, or choose another --dir"; code != 1 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr %q; want %q", code, errOut, want)
	}
	if got, _ := os.ReadFile(outside); string(got) != "precious\n" {
		t.Errorf("the file outside --dir holds %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("--dir holds %d entries, want only the link", len(entries))
	}
}

func TestExportWithTheDataSource(t *testing.T) {
	t.Parallel()
	inst, _ := exportFixture(t)
	dir := t.TempDir()
	if _, errOut, code := runKraiter(t, "", "export", "--base-url", inst.URL, "--api-key", inst.APIKey, "--dir", dir, "--compile", "data-source", "--force"); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	body := parseExportedConfig(t, filepath.Join(dir, exportconfig.ConfigFile))
	data := 0
	for _, b := range body.Blocks {
		if b.Type == "data" && b.Labels[0] == "kraiter_sequence_definition" {
			data++
		}
	}
	if data != 2 {
		t.Errorf("%d kraiter_sequence_definition data sources, want 2", data)
	}
	text, _ := os.ReadFile(filepath.Join(dir, exportconfig.ConfigFile))
	if !strings.Contains(string(text), "definition = data.kraiter_sequence_definition.seq_onboarding.json") {
		t.Errorf("the resources do not use the data source:\n%s", text)
	}
}

func TestExportRefusesBadInput(t *testing.T) {
	inst, _ := exportFixture(t)
	t.Setenv("KRAITER_API_KEY", "")
	keyDir := t.TempDir()
	wrongKey, emptyKey, bigKey := filepath.Join(keyDir, "wrong"), filepath.Join(keyDir, "empty"), filepath.Join(keyDir, "big")
	for path, text := range map[string]string{wrongKey: "wrong\n", emptyKey: "\n", bigKey: strings.Repeat("k", 5000)} {
		if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--base-url", inst.URL}, 2, "kraiter export: an API key is required: set KRAITER_API_KEY, or pass --api-key-file"},
		{[]string{"--base-url", inst.URL, "--api-key-file", wrongKey}, 1, "refused the API key"},
		{[]string{"--base-url", inst.URL, "--api-key-file", emptyKey}, 2, "the file is empty; it should hold the key"},
		{[]string{"--base-url", inst.URL, "--api-key-file", bigKey}, 2, "larger than 4096 bytes"},
		{[]string{"--base-url", inst.URL, "--api-key-file", filepath.Join(keyDir, "none")}, 2, "--api-key-file: open"},
		{[]string{"--base-url", inst.URL, "--api-key-file", keyDir}, 2, "is a directory"},
		{[]string{"--base-url", inst.URL, "--api-key-file", wrongKey, "--api-key", "k"}, 2, "pass either --api-key or --api-key-file, not both"},
		{[]string{"--base-url", inst.URL, "--api-key", inst.APIKey, "--compile", "macro"}, 2, `invalid argument "macro" for "--compile" flag: use "function" or "data-source"`},
		{[]string{"--base-url", inst.URL, "--api-key", inst.APIKey, "--status", "archived"}, 2, `invalid argument "archived" for "--status" flag: use "draft", "active" or "paused"`},
		{[]string{"--base-url", "http://kraiter.example", "--api-key", inst.APIKey}, 2, "--base-url (or KRAITER_BASE_URL): "},
		{[]string{"--base-url", inst.URL, "--api-key", "wrong"}, 1, "refused the API key"},
	} {
		_, errOut, code := runKraiter(t, "", append([]string{"export", "--dir", t.TempDir()}, tc.args...)...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("export %v: exit %d, %q; want exit %d and %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
}

// An address where nothing listens fails at the first call, within its small retry budget,
// not after the two minutes of retries the listing would get.
func TestExportFailsFastWhenTheAPIIsUnreachable(t *testing.T) {
	// Not parallel: it bounds how long the export takes to fail.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ln.Close()

	start := time.Now()
	_, errOut, code := runKraiter(t, "", "export", "--base-url", url, "--api-key", "k", "--dir", t.TempDir())
	if elapsed := time.Since(start); elapsed > verifyRetryMaxTotal {
		t.Errorf("export took %s to fail", elapsed)
	}
	if code != 1 || !strings.Contains(errOut, "kraiter export: could not verify that "+url+" is Kraiter's sequences API") ||
		!strings.Contains(errOut, "connection refused") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// Hundreds of sequences take several pages; the summary is JSON on request, and no progress
// is written when standard error is no terminal.
func TestExportManySequencesAsJSON(t *testing.T) {
	t.Parallel()
	inst := localservertest.Start(t)
	inst.CreateTemplate(t, "tmpl_a", "A", "a")
	const n = 150
	for i := range n {
		inst.CreateSequence(t, fmt.Sprintf("seq_%03d", i), fmt.Sprintf("Sequence %d", i), `{"steps":[{"type":"email","templateId":"tmpl_a"}]}`)
	}
	dir := t.TempDir()
	out, errOut, code := runKraiter(t, "", "export", "--base-url", inst.URL, "--api-key", inst.APIKey, "--dir", dir, "--force", "--format", "json")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var summary struct {
		Sequences int      `json:"sequences"`
		Dir       string   `json:"dir"`
		Files     []string `json:"files"`
	}
	if err := json.Unmarshal([]byte(out), &summary); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if summary.Sequences != n || summary.Dir != dir || len(summary.Files) != n+2 ||
		summary.Files[0] != "seq_000.kraiter.hcl" || summary.Files[n] != exportconfig.ConfigFile || summary.Files[n+1] != exportconfig.VersionsFile {
		t.Errorf("summary: %d sequences in %s, files %v", summary.Sequences, summary.Dir, summary.Files)
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != n+2 {
		t.Errorf("%s holds %d files (%v), want %d", dir, len(entries), err, n+2)
	}
}

// One sequence is counted as one, in the progress line and in the summary.
func TestExportCountsOneSequence(t *testing.T) {
	inst := localservertest.Start(t)
	inst.CreateTemplate(t, "tmpl_a", "A", "a")
	inst.CreateSequence(t, "seq_a", "A", `{"steps":[{"type":"email","templateId":"tmpl_a"}]}`)

	api, err := client.New(client.Config{BaseURL: inst.URL, APIKey: inst.APIKey})
	if err != nil {
		t.Fatal(err)
	}
	export, err := exportconfig.New(exportconfig.CompileFunction)
	if err != nil {
		t.Fatal(err)
	}
	var line strings.Builder
	if err := readSequences(t.Context(), api, "", export, &progress{w: &line, on: true}); err != nil {
		t.Fatal(err)
	}
	if want := "\r\033[Kread 1 sequence…"; line.String() != want {
		t.Errorf("progress %q, want %q", line.String(), want)
	}

	dir := filepath.Join(t.TempDir(), "out")
	_, errOut, code := runKraiter(t, "", "export", "--base-url", inst.URL, "--api-key", inst.APIKey, "--dir", dir)
	if want := "exported 1 sequence to " + dir + " (sequences.tf, versions.tf and one .kraiter.hcl file each); terraform init and plan there import them\n"; code != 0 || errOut != want {
		t.Errorf("exit %d, stderr %q, want %q", code, errOut, want)
	}
}

func TestExportNothingAsJSON(t *testing.T) {
	t.Parallel()
	inst := localservertest.Start(t)
	dir := filepath.Join(t.TempDir(), "out")
	out, errOut, code := runKraiter(t, "", "export", "--base-url", inst.URL, "--api-key", inst.APIKey, "--dir", dir, "--format", "json")
	want := "{\n  \"sequences\": 0,\n  \"dir\": \"" + dir + "\",\n  \"files\": []\n}\n"
	if code != 0 || errOut != "" || out != want {
		t.Errorf("exit %d, stderr %q, stdout:\n%s\nwant:\n%s", code, errOut, out, want)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("an export of nothing created %s", dir)
	}
	if _, errOut, _ := runKraiter(t, "", "export", "--base-url", inst.URL, "--api-key", inst.APIKey, "--dir", dir); errOut != "no sequences to export\n" {
		t.Errorf("text: stderr %q", errOut)
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

func TestExportReadsTheKeyFromAFile(t *testing.T) {
	inst, _ := exportFixture(t)
	t.Setenv("KRAITER_API_KEY", "")
	keyFile := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(keyFile, []byte("  "+inst.APIKey+"  \n# a comment line is never read\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := runKraiter(t, "", "export", "--base-url", inst.URL, "--api-key-file", keyFile, "--dir", t.TempDir()); code != 0 {
		t.Fatalf("export with --api-key-file: exit %d: %s", code, errOut)
	}
}

// A server that echoes the Authorization header in its errors never gets the key printed.
func TestExportNeverPrintsTheKeyAServerEchoes(t *testing.T) {
	const key = "kr_live_secret_0123456789"
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, `{"error":{"code":"UNAUTHORIZED","message":"key refused: Authorization: %s"}}`, r.Header.Get("Authorization"))
	}))
	t.Cleanup(echo.Close)
	t.Setenv("KRAITER_API_KEY", key)
	_, errOut, code := runKraiter(t, "", "export", "--base-url", echo.URL, "--dir", t.TempDir())
	if code != 1 || strings.Contains(errOut, key) || !strings.Contains(errOut, "[redacted]") {
		t.Fatalf("export against a server echoing the key: exit %d, %q; want exit 1 and the key redacted", code, errOut)
	}
}
