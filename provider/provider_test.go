package provider

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

// testAccProviders serves the provider in the test process; the Terraform or OpenTofu CLI
// that terraform-plugin-testing runs talks to it over gRPC.
var testAccProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"kraiter": providerserver.NewProtocol6WithError(New("test")()),
}

// startServer starts a local Kraiter server for one test, with the templates and contacts
// the tests use.
func startServer(t *testing.T, opts ...localservertest.Option) *localservertest.Instance {
	t.Helper()
	inst := localservertest.Start(t, opts...)
	for _, id := range []string{"tmpl_welcome", "tmpl_getting_started", "tmpl_pro_tips", "tmpl_upgrade"} {
		inst.CreateTemplate(t, id, id, "Subject of "+id)
	}
	return inst
}

// providerConfig is the provider block that points at a local server.
func providerConfig(inst *localservertest.Instance) string {
	return fmt.Sprintf(`
provider "kraiter" {
  base_url    = %q
  api_key     = %q
  max_retries = 8
}
`, inst.URL, inst.APIKey)
}

// testAccPreCheck skips acceptance tests unless TF_ACC is set (resource.Test does too, but
// skipping before the server starts saves the work).
func testAccPreCheck(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance tests run with TF_ACC=1 (make testacc)")
	}
}

// testAccDataSourceNotFound reads a missing sequence with the data source of the given type,
// whose argument idAttr names the sequence: the error must say that no sequence has that id.
func testAccDataSourceNotFound(t *testing.T, dataSourceType, idAttr string) {
	t.Helper()
	testAccPreCheck(t)
	inst := startServer(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: providerConfig(inst) + fmt.Sprintf(`
data %q "test" {
  %s = "seq_missing"
}
`, dataSourceType, idAttr),
			ExpectError: regexp.MustCompile(`Sequence not found[\s\S]*No sequence has the id\s+"seq_missing"`),
		}},
	})
}

func TestAccProvider_missingAPIKeyNamesBothWays(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	t.Setenv(EnvAPIKey, "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "kraiter" {
  base_url = %q
}

data "kraiter_sequence_status" "any" {
  sequence_id = "seq_any"
}
`, inst.URL),
			ExpectError: regexp.MustCompile(`(?s)Missing Kraiter API key.*api_key.*KRAITER_API_KEY`),
		}},
	})
}

func TestAccProvider_refusesPlainHTTPOffLoopback(t *testing.T) {
	testAccPreCheck(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: `
provider "kraiter" {
  base_url = "http://api.example.com"
  api_key  = "k"
}

data "kraiter_sequence_status" "any" {
  sequence_id = "seq_any"
}
`,
			ExpectError: regexp.MustCompile(`(?s)Invalid Kraiter base URL.*only\s+allowed\s+on\s+a\s+loopback\s+host`),
		}},
	})
}

// TestProvider_masksAPIKeyInLogs configures the provider with a log sink and makes an API call:
// the key must appear in no log line, though lines that carry it are written.
func TestProvider_masksAPIKeyInLogs(t *testing.T) {
	t.Parallel()
	const secret = "kr_live_very-secret-key"
	inst := localservertest.Start(t)
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)

	p := New("test")()
	var sch fwprovider.SchemaResponse
	p.Schema(ctx, fwprovider.SchemaRequest{}, &sch)
	config := tfsdk.Config{Schema: sch.Schema, Raw: tftypes.NewValue(sch.Schema.Type().TerraformType(ctx), map[string]tftypes.Value{
		"api_key":         tftypes.NewValue(tftypes.String, secret),
		"base_url":        tftypes.NewValue(tftypes.String, inst.URL),
		"max_retries":     tftypes.NewValue(tftypes.Number, nil),
		"request_timeout": tftypes.NewValue(tftypes.String, nil),
	})}
	var resp fwprovider.ConfigureResponse
	p.Configure(ctx, fwprovider.ConfigureRequest{Config: config}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("Configure: %v", resp.Diagnostics)
	}
	c := resp.ResourceData.(*providerData).client
	if _, err := c.Sequences.Get(ctx, "seq_missing"); err == nil {
		t.Fatal("Get with the wrong key succeeded")
	}

	out := logs.String()
	if strings.Contains(out, secret) {
		t.Fatalf("the API key appears in the provider's logs:\n%s", out)
	}
	for _, want := range []string{"configured the Kraiter client", `"api_key":"***"`, "kraiter API call", `"status":401`} {
		if !strings.Contains(out, want) {
			t.Errorf("the logs lack %s:\n%s", want, out)
		}
	}
}
