package provider

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

// dripConfig is a sequence that enrols contacts on signed_up and keeps them a week.
func dripConfig(name, id, extra string) string {
	return fmt.Sprintf(`
resource "kraiter_sequence" %q {
  id   = %q
  name = "Drip"
  definition = jsonencode({ steps = [
    { type = "email", templateId = "tmpl_welcome" },
    { type = "delay", duration = "7d" },
    { type = "email", templateId = "tmpl_pro_tips" },
  ] })
  triggers = [{ type = "event", event_name = "signed_up" }]
%s
}
`, name, id, extra)
}

func quietConfig() string {
	return `
resource "kraiter_sequence" "quiet" {
  id         = "seq_quiet"
  name       = "Quiet"
  definition = jsonencode({ steps = [{ type = "email", templateId = "tmpl_welcome" }] })
}
`
}

func enrol(t *testing.T, inst *localservertest.Instance, n int) {
	t.Helper()
	for i := range n {
		id := fmt.Sprintf("con_%d", i)
		inst.CreateContact(t, id, id+"@example.com", nil, true)
		inst.SendEvent(t, id, "signed_up")
	}
}

// A delete or replace of a sequence with contacts in it says how many it cancels; one
// without contacts says nothing.
func TestAccPlanChecks_deleteWarnsWithTheCount(t *testing.T) {
	w := newCLIWorkspace(t)
	t.Parallel()
	inst := startServer(t)
	w.write(providerConfig(inst) + dripConfig("drip", "seq_drip", "") + quietConfig())
	w.mustApply()
	enrol(t, inst, 3)

	w.write(providerConfig(inst))
	plan := w.run("plan")
	d := plan.one(t, "warning", "Deleting seq_drip cancels its 3 active enrolments")
	if !strings.Contains(d.Detail, "3 contacts partway through it (3 enrolled in all)") || !strings.Contains(d.Detail, "deletion_protection") {
		t.Errorf("the warning does not say who is affected and how to keep them: %s", d)
	}
	if quiet := plan.with("warning", "seq_quiet"); len(quiet) != 0 {
		t.Errorf("a sequence without contacts in it warned: %v", quiet)
	}

	w.write(providerConfig(inst) + dripConfig("drip", "seq_drip_v2", "") + quietConfig())
	plan = w.run("plan")
	plan.one(t, "warning", "Replacing seq_drip cancels its 3 active enrolments")
}

// deletion_protection stops a delete, a destroy and a replace at plan, and the sequence
// stays; once it is false, the delete goes ahead.
func TestAccPlanChecks_deletionProtection(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	protected := providerConfig(inst) + dripConfig("drip", "seq_kept", "  deletion_protection = true")
	stays := func() {
		if seq := inst.GetSequence(t, "seq_kept"); seq.ID != "seq_kept" {
			t.Fatalf("the protected sequence is gone: %+v", seq)
		}
	}
	refused := regexp.MustCompile(`Sequence is protected from deletion[\s\S]*deletion_protection\s+=\s+true`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config: protected,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("kraiter_sequence.drip", tfjsonpath.New("deletion_protection"), knownvalue.Bool(true)),
				},
			},
			{Config: protected, Destroy: true, ExpectError: refused},
			{PreConfig: stays, Config: providerConfig(inst), ExpectError: refused},
			{PreConfig: stays, Config: providerConfig(inst) + dripConfig("drip", "seq_kept_v2", "  deletion_protection = true"), ExpectError: refused},
			{
				PreConfig: stays,
				Config:    providerConfig(inst) + dripConfig("drip", "seq_kept", "  deletion_protection = false"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("kraiter_sequence.drip", tfjsonpath.New("deletion_protection"), knownvalue.Bool(false)),
				},
			},
			{Config: providerConfig(inst)},
		},
	})
}

// Creating an id that Kraiter already has warns at plan, with both ways out written out.
func TestAccPlanChecks_existingIDWarns(t *testing.T) {
	w := newCLIWorkspace(t)
	t.Parallel()
	inst := startServer(t)
	inst.CreateSequence(t, "seq_taken", "Made in the app", `{"steps":[{"type":"email","templateId":"tmpl_welcome"}]}`)
	w.write(providerConfig(inst) + dripConfig("drip", "seq_taken", "") + quietConfig())
	plan := w.run("plan")
	d := plan.one(t, "warning", "Sequence seq_taken already exists in Kraiter")
	for _, want := range []string{`"Made in the app"`, "moved {", "from = kraiter_sequence.OLD_NAME", "import {", `id = "seq_taken"`} {
		if !strings.Contains(d.Detail, want) {
			t.Errorf("the warning does not say %q: %s", want, d)
		}
	}
	if others := plan.with("warning", "already exists"); len(others) != 1 {
		t.Errorf("want the warning for seq_taken alone, got %v", others)
	}
}

// A resource renamed without a moved block deletes and creates the same id: the plan says so
// and offers the moved block.
func TestAccPlanChecks_renameWithoutMovedWarns(t *testing.T) {
	w := newCLIWorkspace(t)
	t.Parallel()
	inst := startServer(t)
	w.write(providerConfig(inst) + dripConfig("trial", "seq_trial", ""))
	w.mustApply()
	enrol(t, inst, 3)
	w.write(providerConfig(inst) + dripConfig("trial_renamed", "seq_trial", ""))
	plan := w.run("plan")
	plan.one(t, "warning", "Deleting seq_trial cancels its 3 active enrolments")
	var moved int
	for _, d := range plan.diags {
		if d.Severity == "warning" && strings.Contains(d.Detail, "moved {") && strings.Contains(d.Summary+d.Detail, "seq_trial") {
			moved++
		}
	}
	if moved == 0 {
		t.Errorf("no warning offers a moved block for seq_trial: %v", plan.diags)
	}
}

// An unknown template fails at plan, at its step, with a suggestion; nothing is created.
func TestAccPlanChecks_unknownTemplateFailsAtPlan(t *testing.T) {
	w := newCLIWorkspace(t)
	t.Parallel()
	inst := startServer(t)
	inst.CreateTemplate(t, "tmpl_checkin_v1", "Check-in", "How is it going?")
	w.write(providerConfig(inst) + quietConfig() + `
resource "kraiter_sequence" "checkin" {
  id   = "seq_checkin"
  name = "Check-in"
  definition = jsonencode({ steps = [
    { type = "delay", duration = "3d" },
    { type = "email", templateId = "tmpl_checkin_v2" },
  ] })
}
`)
	apply := w.run("apply", "-auto-approve")
	if apply.code == 0 {
		t.Fatalf("apply with an unknown template succeeded:\n%s", apply.out)
	}
	d := apply.one(t, "error", "Unknown template")
	if want := `steps[1].templateId: template "tmpl_checkin_v2" does not exist in Kraiter; did you mean "tmpl_checkin_v1"?`; !strings.Contains(d.Detail, want) {
		t.Errorf("the error does not say %q: %s", want, d)
	}
	if !strings.HasSuffix(d.Address, "kraiter_sequence.checkin") && d.Address != "" {
		t.Errorf("the error is on %q", d.Address)
	}
	resp := inst.Do(t, http.MethodGet, "/v1/sequences", nil)
	var page struct{ Data []json.RawMessage }
	resp.Decode(t, &page)
	if len(page.Data) != 0 {
		t.Errorf("a plan that failed created %d sequences", len(page.Data))
	}
}

// Without a templates route, the check is skipped with one warning, and the apply goes on.
func TestAccPlanChecks_noTemplatesRouteWarnsOnce(t *testing.T) {
	w := newCLIWorkspace(t)
	t.Parallel()
	inst := startServer(t)
	target, err := url.Parse(inst.URL)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	withoutTemplates := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/v1/templates") {
			rw.Header().Set("Content-Type", "application/json")
			rw.WriteHeader(http.StatusNotFound)
			_, _ = rw.Write([]byte(`{"error":{"code":"ROUTE_NOT_FOUND","message":"no route GET /v1/templates"}}`))
			return
		}
		proxy.ServeHTTP(rw, r)
	}))
	t.Cleanup(withoutTemplates.Close)
	w.write(fmt.Sprintf(`
provider "kraiter" {
  base_url = %q
  api_key  = %q
}
`, withoutTemplates.URL, inst.APIKey) + dripConfig("drip", "seq_drip", "") + quietConfig())
	// One plan is one provider process, which warns once; an apply plans twice.
	d := w.run("plan").one(t, "warning", "Template ids not checked")
	if !strings.Contains(d.Detail, "ROUTE_NOT_FOUND") {
		t.Errorf("the warning does not say why: %s", d)
	}
}

// A state written before deletion_protection existed (schema version 0) plans no change,
// with refresh and without.
func TestAccSequence_stateOfVersion0PlansNoChange(t *testing.T) {
	w := newCLIWorkspace(t)
	t.Parallel()
	inst := startServer(t)
	w.write(providerConfig(inst) + dripConfig("drip", "seq_drip", ""))
	w.mustApply()

	statePath := filepath.Join(w.dir, "terraform.tfstate")
	data, err := os.ReadFile(statePath)
	if err != nil {
		t.Fatal(err)
	}
	var state map[string]any
	if err := json.Unmarshal(data, &state); err != nil {
		t.Fatal(err)
	}
	instance := state["resources"].([]any)[0].(map[string]any)["instances"].([]any)[0].(map[string]any)
	instance["schema_version"] = 0
	delete(instance["attributes"].(map[string]any), "deletion_protection")
	if data, err = json.Marshal(state); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(statePath, data, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, mode := range [][]string{{"plan", "-detailed-exitcode"}, {"plan", "-detailed-exitcode", "-refresh=false"}} {
		if run := w.run(mode...); run.code != 0 {
			t.Errorf("%v on a version 0 state exited %d, want 0 (no change):\n%s", mode, run.code, run.out)
		}
	}
}
