package provider

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/kraiter/terraform-provider-kraiter/dsl"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

// Every configuration under examples/ is applied as it is, against a local server; the
// provider finds the server through its environment variables. The DSL examples are compiled
// and tested by the dsl package and `kraiter dsl test`; examples/ci by internal/review and
// actionlint.

// TestAccExamples_dataSources applies the example of every data source (found by listing
// examples/data-sources, so that none is skipped) against a server holding the sequence and
// contacts they name, and checks their outputs.
func TestAccExamples_dataSources(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	t.Setenv(EnvBaseURL, inst.URL)
	t.Setenv(EnvAPIKey, inst.APIKey)

	inst.CreateSequence(t, "seq_onboarding", "Onboarding drip", `{"steps":[
	  {"type":"email","templateId":"tmpl_welcome"},
	  {"type":"delay","duration":"1d"},
	  {"type":"condition","if":{"attribute":"plan","op":"eq","value":"pro"},
	   "then":[{"type":"email","templateId":"tmpl_pro_tips"}],
	   "else":[{"type":"email","templateId":"tmpl_upgrade"}]}]}`,
		localserver.Trigger{Type: "event", EventName: "signed_up"})
	inst.CreateContact(t, "con_ada", "ada@example.com", map[string]any{"plan": "pro"}, true)
	inst.CreateContact(t, "con_grace", "grace@example.com", map[string]any{"plan": "free", "seats": 3}, true)
	inst.CreateContact(t, "con_linus", "linus@example.com", map[string]any{"plan": "pro"}, false)
	// con_ada goes through the whole sequence; con_grace and con_linus are still in it.
	inst.SendEvent(t, "con_ada", "signed_up")
	inst.AdvanceClock(t, "2d")
	inst.SendEvent(t, "con_grace", "signed_up")
	inst.SendEvent(t, "con_linus", "signed_up")

	stringList := func(values ...string) knownvalue.Check {
		checks := make([]knownvalue.Check, len(values))
		for i, v := range values {
			checks[i] = knownvalue.StringExact(v)
		}
		return knownvalue.ListExact(checks)
	}
	tests := map[string]map[string]knownvalue.Check{
		"kraiter_sequence": {
			"onboarding_email_templates": stringList("tmpl_welcome"),
			"onboarding_events":          stringList("signed_up"),
		},
		"kraiter_sequences": {
			"sequence_names": knownvalue.MapExact(map[string]knownvalue.Check{"seq_onboarding": knownvalue.StringExact("Onboarding drip")}),
		},
		"kraiter_sequence_status": {
			"onboarding_enrolments": knownvalue.ObjectExact(map[string]knownvalue.Check{
				"status":    knownvalue.StringExact("active"),
				"enrolled":  knownvalue.Int64Exact(3),
				"active":    knownvalue.Int64Exact(2),
				"completed": knownvalue.Int64Exact(1),
			}),
		},
		"kraiter_sequence_contacts": {
			"onboarding_contacts": stringList("grace@example.com"),
			"onboarding_seats":    knownvalue.ObjectExact(map[string]knownvalue.Check{"con_grace": knownvalue.Int64Exact(3)}),
		},
		"kraiter_sequence_sends": {
			"onboarding_sends_per_template": knownvalue.ObjectExact(map[string]knownvalue.Check{
				"tmpl_welcome":  knownvalue.ListSizeExact(2),
				"tmpl_pro_tips": knownvalue.ListSizeExact(1),
			}),
			"onboarding_failed_sends": knownvalue.ListExact([]knownvalue.Check{}),
		},
		"kraiter_sequence_dry_run": {
			"ada_would_receive": stringList("tmpl_welcome", "tmpl_pro_tips"),
		},
		// The offline data sources: kraiter_sequence_definition's example also creates a
		// sequence, so it gets a server of its own below.
		"kraiter_sequence_definition": {},
		"kraiter_sequence_simulation": {
			"free_timeline": stringList("0m: tmpl_welcome", "2d: tmpl_upgrade"),
		},
	}
	ownServer := map[string]bool{"kraiter_sequence_definition": true}
	dirs, err := filepath.Glob("../examples/data-sources/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("list the data source examples: %v", err)
	}
	for _, dir := range dirs {
		dataSource := filepath.Base(dir)
		outputs, ok := tests[dataSource]
		if !ok {
			t.Errorf("examples/data-sources/%s has no expected outputs here: add them to this test", dataSource)
			continue
		}
		t.Run(dataSource, func(t *testing.T) {
			if ownServer[dataSource] {
				useExampleServer(t)
			}
			var checks []statecheck.StateCheck
			for name, want := range outputs {
				checks = append(checks, statecheck.ExpectKnownOutputValue(name, want))
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					ConfigDirectory:   config.StaticDirectory(dir),
					ConfigStateChecks: checks,
				}},
			})
		})
	}
	for dataSource := range tests {
		if _, err := os.Stat("../examples/data-sources/" + dataSource); err != nil {
			t.Errorf("expected outputs for %s, which has no example", dataSource)
		}
	}
}

// useExampleServer points the provider at a new local server holding the templates the
// resource and function examples name.
func useExampleServer(t *testing.T) *localservertest.Instance {
	t.Helper()
	inst := startServer(t)
	for _, id := range []string{"tmpl_welcome_en", "tmpl_welcome_de", "tmpl_trial_started", "tmpl_trial_ending", "tmpl_renewal_soon", "tmpl_renewal_today"} {
		inst.CreateTemplate(t, id, id, "Subject of "+id)
	}
	t.Setenv(EnvBaseURL, inst.URL)
	t.Setenv(EnvAPIKey, inst.APIKey)
	return inst
}

// TestAccExamples_resource applies the resource's example together with its import block:
// seq_onboarding, already in Kraiter, is imported and shows no change; seq_trial is created.
func TestAccExamples_resource(t *testing.T) {
	testAccPreCheck(t)
	inst := useExampleServer(t)
	dir := "../examples/resources/kraiter_sequence"
	compiled, diags := dsl.Compile(mustRead(t, filepath.Join(dir, "onboarding.kraiter.hcl")), dsl.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	inst.CreateSequence(t, "seq_onboarding", "Onboarding drip", string(compiled.JSON), localserver.Trigger{Type: "event", EventName: "signed_up"})
	useKraiterNamespace(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		Steps: []resource.TestStep{
			{
				ProtoV6ProviderFactories: testAccProviders,
				ConfigDirectory:          config.StaticDirectory(dir),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("kraiter_sequence.onboarding", plancheck.ResourceActionNoop),
						plancheck.ExpectResourceAction("kraiter_sequence.trial", plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("kraiter_sequence.onboarding", tfjsonpath.New("status"), knownvalue.StringExact("active")),
					statecheck.ExpectKnownValue("kraiter_sequence.trial", tfjsonpath.New("triggers"), knownvalue.SetSizeExact(1)),
				},
			},
		},
	})
}

// TestAccExamples_protected applies the deletion_protection example: a destroy fails and the
// sequence stays; once the example's protection is turned off, it goes.
func TestAccExamples_protected(t *testing.T) {
	testAccPreCheck(t)
	inst := useExampleServer(t)
	useKraiterNamespace(t)
	dir := "../examples/resources/kraiter_sequence/protected"
	unprotected := strings.Replace(string(mustRead(t, filepath.Join(dir, "main.tf"))), "deletion_protection = true", "deletion_protection = false", 1)
	resource.Test(t, resource.TestCase{
		Steps: []resource.TestStep{
			{ProtoV6ProviderFactories: testAccProviders, ConfigDirectory: config.StaticDirectory(dir)},
			{
				ProtoV6ProviderFactories: testAccProviders, ConfigDirectory: config.StaticDirectory(dir), Destroy: true,
				ExpectError: regexp.MustCompile(`Sequence is protected from deletion`),
			},
			{
				PreConfig: func() {
					if seq := inst.GetSequence(t, "seq_renewals"); seq.ID != "seq_renewals" {
						t.Fatalf("the protected sequence is gone: %+v", seq)
					}
				},
				ProtoV6ProviderFactories: testAccProviders, Config: unprotected,
			},
		},
	})
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestAccExamples_function applies the compile_sequence function's example.
func TestAccExamples_function(t *testing.T) {
	testAccPreCheck(t)
	useExampleServer(t)
	useKraiterNamespace(t)
	resource.Test(t, functionTestCase(resource.TestStep{
		ConfigDirectory: config.StaticDirectory("../examples/functions/compile_sequence"),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("welcome_only", knownvalue.StringExact(`{"steps":[{"type":"email","templateId":"tmpl_welcome","delay":"0d"}]}`)),
			statecheck.ExpectKnownValue("kraiter_sequence.onboarding", tfjsonpath.New("id"), knownvalue.StringExact("seq_onboarding")),
		},
	}))
}

// TestAccExamples_provider applies the provider block's example, its key given as the variable
// it declares.
func TestAccExamples_provider(t *testing.T) {
	testAccPreCheck(t)
	inst := useExampleServer(t)
	t.Setenv(EnvAPIKey, "")
	useKraiterNamespace(t)
	resource.Test(t, resource.TestCase{
		Steps: []resource.TestStep{{
			ProtoV6ProviderFactories: testAccProviders,
			ConfigDirectory:          config.StaticDirectory("../examples/provider"),
			ConfigVariables:          config.Variables{"kraiter_api_key": config.StringVariable(inst.APIKey)},
		}},
	})
}

// TestAccExamples_quickstart applies examples/quickstart, which make demo runs, against a
// server seeded with its seed.json, and checks what its outputs show.
func TestAccExamples_quickstart(t *testing.T) {
	testAccPreCheck(t)
	seed, err := localserver.LoadSeed("../examples/quickstart/seed.json")
	if err != nil {
		t.Fatal(err)
	}
	inst := localservertest.Start(t, localservertest.WithSeed(seed))
	t.Setenv(EnvBaseURL, inst.URL)
	t.Setenv(EnvAPIKey, inst.APIKey)
	useKraiterNamespace(t)
	resource.Test(t, resource.TestCase{
		Steps: []resource.TestStep{{
			ProtoV6ProviderFactories: testAccProviders,
			ConfigDirectory:          config.StaticDirectory("../examples/quickstart"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("sequence", knownvalue.StringExact("seq_onboarding (active)")),
				statecheck.ExpectKnownOutputValue("enrolments", knownvalue.StringExact("0 enrolled, 0 active, 0 completed")),
				statecheck.ExpectKnownOutputValue("dry_run_for_ada", knownvalue.StringRegexp(regexp.MustCompile(`^steps\[0\] email tmpl_welcome would_send=true\n`))),
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
		}},
	})
}

// useKraiterNamespace serves the provider under test as kraiter/kraiter, the source that
// examples declaring required_providers name (terraform-plugin-testing uses hashicorp/ by
// default).
func useKraiterNamespace(t *testing.T) {
	t.Helper()
	t.Setenv("TF_ACC_PROVIDER_NAMESPACE", "kraiter")
}
