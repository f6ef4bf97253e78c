package provider

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

// The promise of kraiter export: the plan right after an export imports every sequence and
// changes nothing. It is checked on 50 varied sequences (every step type, nested conditions,
// every rule form, every trigger type, odd names and ids), with the real kraiter binary, in
// both of its compile modes.

// exportSteps are the definitions the exported sequences cycle through.
var exportSteps = []string{
	`{"type":"email","templateId":"tmpl_welcome"}`,
	`{"type":"email","templateId":"tmpl_welcome","delay":"90m"}`,
	`{"type":"delay","duration":"1w"}`,
	`{"type":"condition","if":{"attribute":"plan","op":"eq","value":"pro"},"then":[{"type":"email","templateId":"tmpl_pro_tips"}]}`,
	`{"type":"condition","if":{"any":[{"attribute":"seats","op":"gte","value":5},{"not":{"attribute":"country","op":"exists"}}]},` +
		`"then":[{"type":"condition","if":{"event":"purchased","op":"not_performed","within":"7d"},` +
		`"then":[{"type":"condition","if":{"attribute":"tags","op":"contains","value":"vip"},"then":[{"type":"delay","duration":"2d"}],` +
		`"else":[{"type":"email","templateId":"tmpl_upgrade","delay":"1h"}]}]}],"else":[{"type":"email","templateId":"tmpl_getting_started"}]}`,
	`{"type":"condition","if":{"all":[{"attribute":"score","op":"lt","value":1.5},{"attribute":"name","op":"ne","value":"a \"quoted\" ${name}"},` +
		`{"attribute":"age","op":"lte","value":30},{"attribute":"age","op":"gt","value":-1},{"event":"logged_in","op":"performed"}]},"else":[]}`,
}

// exportNames are odd sequence names: quotes, template sequences, backslashes, unicode.
var exportNames = []string{`Onboarding`, `Say "hi"`, `Costs ${price} %{if}`, `Back\slash`, `Überraschung 🎉`, `trailing space `}

// exportIDs are odd sequence ids: leading digits and hyphens, mixed case, the longest allowed.
func exportIDs() []string {
	ids := []string{"9lives", "-dash", "Seq_MixedCase", "s_9lives", strings.Repeat("x", 64)}
	for i := len(ids); i < 50; i++ {
		ids = append(ids, fmt.Sprintf("seq_export_%02d", i))
	}
	return ids
}

func seedExportedSequences(t *testing.T, inst *localservertest.Instance) {
	t.Helper()
	triggers := [][]localserver.Trigger{
		nil,
		{{Type: "event", EventName: "signed_up"}},
		{{Type: "segment", SegmentID: "seg_trial"}},
		{{Type: "event", EventName: "trial.started"}, {Type: "segment", SegmentID: "seg-2"}, {Type: "event", EventName: "a:b"}},
	}
	for i, id := range exportIDs() {
		steps := []string{exportSteps[i%len(exportSteps)], exportSteps[(i+2)%len(exportSteps)]}
		definition := `{"steps":[` + strings.Join(steps, ",") + `]}`
		inst.CreateSequence(t, id, exportNames[i%len(exportNames)], definition, triggers[i%len(triggers)]...)
	}
}

// runExport runs the kraiter binary's export into dir, which is then a configuration of its
// own: the export's versions.tf requires the provider.
func runExport(t *testing.T, inst *localservertest.Instance, dir, compile string) {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "kraiter")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/kraiter").CombinedOutput(); err != nil {
		t.Fatalf("build kraiter: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "export", "--base-url", inst.URL, "--api-key", inst.APIKey, "--dir", dir, "--compile", compile)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("kraiter export: %v\n%s", err, out)
	}
}

// expectOnlyImports checks that the plan imports n kraiter_sequence resources and changes
// nothing else.
type expectOnlyImports struct{ n int }

func (e expectOnlyImports) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	imports := 0
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Mode != tfjson.ManagedResourceMode {
			continue
		}
		if !rc.Change.Actions.NoOp() {
			resp.Error = fmt.Errorf("%s plans %v, want only an import", rc.Address, rc.Change.Actions)
			return
		}
		if rc.Change.Importing == nil {
			resp.Error = fmt.Errorf("%s is planned without being imported", rc.Address)
			return
		}
		imports++
	}
	if imports != e.n {
		resp.Error = fmt.Errorf("the plan imports %d sequences, want %d", imports, e.n)
	}
}

// TestAccExport_planShowsOnlyImports exports 50 sequences and plans: every one is imported,
// nothing is created, changed or destroyed. The function form needs Terraform 1.8 or OpenTofu;
// the data source form runs with Terraform 1.5.7 too.
func TestAccExport_planShowsOnlyImports(t *testing.T) {
	testAccPreCheck(t)
	for _, compile := range []string{"function", "data-source"} {
		t.Run(compile, func(t *testing.T) {
			inst := startServer(t)
			seedExportedSequences(t, inst)
			dir := t.TempDir()
			runExport(t, inst, dir, compile)
			t.Setenv(EnvBaseURL, inst.URL)
			t.Setenv(EnvAPIKey, inst.APIKey)
			useKraiterNamespace(t)
			checks := []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)}
			if compile == "function" {
				checks = append(checks, tfversion.SkipBelow(tfversion.Version1_8_0))
			}
			resource.Test(t, resource.TestCase{
				TerraformVersionChecks: checks,
				Steps: []resource.TestStep{{
					ProtoV6ProviderFactories: testAccProviders,
					ConfigDirectory:          config.StaticDirectory(dir),
					PlanOnly:                 true,
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PostApplyPreRefresh: []plancheck.PlanCheck{expectOnlyImports{n: 50}},
					},
				}},
			})
		})
	}
}
