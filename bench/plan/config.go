package main

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2/hclwrite"
	ctyjson "github.com/zclconf/go-cty/cty/json"

	"github.com/kraiter/terraform-provider-kraiter/internal/testgen"
)

// kind is a resource type the benchmark plans.
type kind struct {
	// name is the resource type, such as "kraiter_sequence".
	name string
	// provider is the local name of its provider: "kraiter", "floor", or "" for the built-in
	// terraform_data.
	provider string
	// sequence says the resource takes a sequence's arguments (id, name, definition), as
	// arguments rather than as terraform_data's input.
	sequence bool
	// triggers says it takes a triggers set.
	triggers bool
}

var (
	terraformData     = kind{name: "terraform_data"}
	floorMin          = kind{name: "floor_min", provider: "floor", sequence: true}
	floorSequence     = kind{name: "floor_sequence", provider: "floor", sequence: true, triggers: true}
	kraiterSequence   = kind{name: "kraiter_sequence", provider: "kraiter", sequence: true, triggers: true}
	floorNoTimeouts   = kind{name: "floor_sequence_no_timeouts", provider: "floor", sequence: true, triggers: true}
	floorNoTriggers   = kind{name: "floor_sequence_no_triggers", provider: "floor", sequence: true}
	floorNoTimestamps = kind{name: "floor_sequence_no_timestamps", provider: "floor", sequence: true, triggers: true}
)

// sources are the provider addresses the configurations require; dev_overrides maps them.
var sources = map[string]string{"kraiter": "kraiter/kraiter", "floor": "bench/floor"}

// definitionHCL is testgen.Typical written as HCL, the argument of jsonencode: what a user who
// writes a definition in Terraform writes.
func definitionHCL() (hclwrite.Tokens, error) {
	doc := []byte(testgen.Typical())
	typ, err := ctyjson.ImpliedType(doc)
	if err != nil {
		return nil, fmt.Errorf("the typical definition as HCL: %w", err)
	}
	val, err := ctyjson.Unmarshal(doc, typ)
	if err != nil {
		return nil, fmt.Errorf("the typical definition as HCL: %w", err)
	}
	return hclwrite.TokensForValue(val), nil
}

// configuration is a root module of n resources of kind k, counted, each with the typical
// definition and, where the kind takes them, one event trigger.
func configuration(k kind, n int, definition hclwrite.Tokens) []byte {
	var b strings.Builder
	if k.provider != "" {
		fmt.Fprintf(&b, "terraform {\n  required_providers {\n    %s = { source = %q }\n  }\n}\n\n", k.provider, sources[k.provider])
	}
	def := "jsonencode(" + string(definition.Bytes()) + ")"
	id := fmt.Sprintf(`"seq_n%d_${count.index}"`, n)
	name := `"Bench sequence ${count.index}"`
	fmt.Fprintf(&b, "resource %q \"bench\" {\n  count = %d\n", k.name, n)
	if k.sequence {
		fmt.Fprintf(&b, "  id = %s\n  name = %s\n  definition = %s\n", id, name, def)
	} else {
		fmt.Fprintf(&b, "  input = {\n    id = %s\n    name = %s\n    definition = %s\n  }\n", id, name, def)
	}
	if k.triggers {
		b.WriteString("  triggers = [{ type = \"event\", event_name = \"signed_up\" }]\n")
	}
	b.WriteString("}\n")
	return hclwrite.Format([]byte(b.String()))
}

// writeConfiguration writes the configuration into dir/main.tf, creating dir.
func writeConfiguration(dir string, k kind, n int, definition hclwrite.Tokens) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write the configuration of %d %s: %w", n, k.name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), configuration(k, n, definition), 0o644); err != nil {
		return fmt.Errorf("write the configuration of %d %s: %w", n, k.name, err)
	}
	return nil
}

// cliConfig is the CLI configuration: dev_overrides sends each provider to the directory of
// its wrapper, so that no registry and no init are needed.
func cliConfig(pluginDirs map[string]string) []byte {
	var b strings.Builder
	b.WriteString("provider_installation {\n  dev_overrides {\n")
	for _, local := range slices.Sorted(maps.Keys(pluginDirs)) {
		fmt.Fprintf(&b, "    %q = %q\n", "registry.opentofu.org/"+sources[local], pluginDirs[local])
	}
	b.WriteString("  }\n  direct {}\n}\n")
	return []byte(b.String())
}
