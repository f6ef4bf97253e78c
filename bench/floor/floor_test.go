package floor_test

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/kraiter/terraform-provider-kraiter/bench/floor"
	"github.com/kraiter/terraform-provider-kraiter/provider"
)

func schemas(t *testing.T, server func() (tfprotov6.ProviderServer, error)) map[string]*tfprotov6.Schema {
	t.Helper()
	s, err := server()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Fatalf("schema: %s: %s", d.Summary, d.Detail)
	}
	return resp.ResourceSchemas
}

// shape writes what Terraform sees of attributes, one line each, sorted: name, type, and
// whether it is required, optional or computed, nested attributes included.
func shape(prefix string, attrs []*tfprotov6.SchemaAttribute, lines *[]string) {
	for _, a := range attrs {
		name := prefix + a.Name
		if a.NestedType != nil {
			*lines = append(*lines, fmt.Sprintf("%s nesting=%v req=%v opt=%v comp=%v", name, a.NestedType.Nesting, a.Required, a.Optional, a.Computed))
			shape(name+".", a.NestedType.Attributes, lines)
			continue
		}
		*lines = append(*lines, fmt.Sprintf("%s %v req=%v opt=%v comp=%v sens=%v", name, a.Type, a.Required, a.Optional, a.Computed, a.Sensitive))
	}
}

func shapeOf(s *tfprotov6.Schema) []string {
	var lines []string
	shape("", s.Block.Attributes, &lines)
	sort.Strings(lines)
	return lines
}

func TestFloorSequenceHasKraiterSequencesSchema(t *testing.T) {
	t.Parallel()
	kraiter := schemas(t, providerserver.NewProtocol6WithError(provider.New("test")()))["kraiter_sequence"]
	floorSchemas := schemas(t, providerserver.NewProtocol6WithError(floor.New()))
	if kraiter == nil {
		t.Fatal("the kraiter provider has no kraiter_sequence")
	}
	want, got := shapeOf(kraiter), shapeOf(floorSchemas["floor_sequence"])
	if !slices.Equal(got, want) {
		t.Errorf("floor_sequence's schema differs from kraiter_sequence's; update bench/floor/sequence_resource.go.\nfloor_sequence:\n  %s\nkraiter_sequence:\n  %s",
			strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestVariantsLackExactlyTheirPart(t *testing.T) {
	t.Parallel()
	floorSchemas := schemas(t, providerserver.NewProtocol6WithError(floor.New()))
	full := shapeOf(floorSchemas["floor_sequence"])
	tests := []struct {
		variant string
		missing []string
	}{
		{"floor_sequence_no_timeouts", []string{"timeouts"}},
		{"floor_sequence_no_triggers", []string{"triggers"}},
		{"floor_sequence_no_timestamps", []string{"created_at", "updated_at"}},
	}
	for _, tt := range tests {
		s := floorSchemas[tt.variant]
		if s == nil {
			t.Errorf("the floor provider has no %s", tt.variant)
			continue
		}
		want := slices.DeleteFunc(slices.Clone(full), func(line string) bool {
			for _, m := range tt.missing {
				if strings.HasPrefix(line, m+" ") || strings.HasPrefix(line, m+".") {
					return true
				}
			}
			return false
		})
		if got := shapeOf(s); !slices.Equal(got, want) {
			t.Errorf("%s:\n  %s\nwant floor_sequence without %v:\n  %s", tt.variant, strings.Join(got, "\n  "), tt.missing, strings.Join(want, "\n  "))
		}
	}
}

// TestCreateFillsTheComputedAttributes applies a create through the protocol, as the CLI
// does, and checks what each resource type stores.
func TestCreateFillsTheComputedAttributes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	server, err := providerserver.NewProtocol6WithError(floor.New())()
	if err != nil {
		t.Fatal(err)
	}
	floorSchemas := schemas(t, providerserver.NewProtocol6WithError(floor.New()))
	tests := []struct {
		typeName string
		computed []string
	}{
		{"floor_min", nil},
		{"floor_sequence", []string{"status", "created_at", "updated_at"}},
		{"floor_sequence_no_timestamps", []string{"status"}},
	}
	for _, tt := range tests {
		t.Run(tt.typeName, func(t *testing.T) {
			typ := floorSchemas[tt.typeName].ValueType().(tftypes.Object)
			vals := map[string]tftypes.Value{}
			for name, at := range typ.AttributeTypes {
				switch {
				case slices.Contains(tt.computed, name):
					vals[name] = tftypes.NewValue(at, tftypes.UnknownValue)
				case name == "id" || name == "name" || name == "definition":
					vals[name] = tftypes.NewValue(tftypes.String, "seq_"+name)
				default:
					vals[name] = tftypes.NewValue(at, nil)
				}
			}
			planned, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
			if err != nil {
				t.Fatal(err)
			}
			prior, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
			if err != nil {
				t.Fatal(err)
			}
			resp, err := server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
				TypeName: tt.typeName, PriorState: &prior, PlannedState: &planned, Config: &planned,
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range resp.Diagnostics {
				t.Fatalf("apply: %s: %s", d.Summary, d.Detail)
			}
			state, err := resp.NewState.Unmarshal(typ)
			if err != nil {
				t.Fatal(err)
			}
			var attrs map[string]tftypes.Value
			if err := state.As(&attrs); err != nil {
				t.Fatal(err)
			}
			for name, v := range attrs {
				if !v.IsKnown() {
					t.Errorf("%s is unknown after create", name)
				}
				if slices.Contains(tt.computed, name) && v.IsNull() {
					t.Errorf("%s is null after create, want a value", name)
				}
			}
		})
	}
}
