package providerbench_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/kraiter/terraform-provider-kraiter/bench/floor"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
	"github.com/kraiter/terraform-provider-kraiter/internal/testgen"
	"github.com/kraiter/terraform-provider-kraiter/provider"
)

const sequenceID = "seq_bench"

// fixture is one resource of one provider, created through the protocol, with everything a
// plan sends about it.
type fixture struct {
	server   tfprotov6.ProviderServer
	typeName string
	typ      tftypes.Type
	// version is the resource schema's, which the CLI stores with the state.
	version int64
	// config is the resource's configuration; proposed what the CLI proposes from it and the
	// state (the configured arguments over the stored computed ones).
	config, proposed *tfprotov6.DynamicValue
	// state is what the create stored, and stateJSON the same as the CLI's state file holds it.
	state     *tfprotov6.DynamicValue
	stateJSON []byte
	null      *tfprotov6.DynamicValue
}

// configuredArguments is the resource's configuration: the typical definition as jsonencode
// writes it, and one trigger.
func configuredArguments() map[string]any {
	return map[string]any{
		"id": sequenceID, "name": "Bench sequence", "definition": testgen.Typical(),
		"triggers": []any{map[string]any{"type": "event", "event_name": "signed_up"}},
	}
}

// kraiterFixture is a kraiter_sequence against a canned server that gives the local server's
// own answer about the sequence to every read and create.
func kraiterFixture(tb testing.TB) *fixture {
	tb.Helper()
	inst := localservertest.Start(tb)
	for _, id := range testgen.TypicalTemplates {
		inst.CreateTemplate(tb, id, id, "Subject of "+id)
	}
	created := inst.Do(tb, http.MethodPost, "/v1/sequences", map[string]any{
		"id": sequenceID, "name": "Bench sequence", "definition": testgen.Typical(),
		"triggers": []any{map[string]any{"type": "event", "eventName": "signed_up"}},
	})
	if created.Status != http.StatusCreated {
		tb.Fatalf("create the sequence to replay: %d %s", created.Status, created.Body)
	}
	canned := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/v1/sequences/"+sequenceID:
			w.WriteHeader(http.StatusOK)
		case r.Method == http.MethodPost && r.URL.Path == "/v1/sequences":
			w.WriteHeader(http.StatusCreated)
		default:
			http.Error(w, `{"error":{"code":"ROUTE_NOT_FOUND","message":"not replayed"}}`, http.StatusNotFound)
			return
		}
		_, _ = w.Write(created.Body)
	}))
	tb.Cleanup(canned.Close)
	return newFixture(tb, providerserver.NewProtocol6WithError(provider.New("bench")()), "kraiter_sequence",
		map[string]any{"api_key": localservertest.APIKey, "base_url": canned.URL})
}

// floorFixture is a floor_sequence: the same schema, no I/O, no logic.
func floorFixture(tb testing.TB) *fixture {
	tb.Helper()
	return newFixture(tb, providerserver.NewProtocol6WithError(floor.New()), "floor_sequence", map[string]any{})
}

func newFixture(tb testing.TB, factory func() (tfprotov6.ProviderServer, error), typeName string, providerConfig map[string]any) *fixture {
	tb.Helper()
	ctx := context.Background()
	server, err := factory()
	if err != nil {
		tb.Fatal(err)
	}
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		tb.Fatal(err)
	}
	check(tb, "schema", schemas.Diagnostics)
	f := &fixture{server: server, typeName: typeName, typ: schemas.ResourceSchemas[typeName].ValueType(), version: schemas.ResourceSchemas[typeName].Version}
	configured, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
		TerraformVersion: "1.10.10", Config: dynamic(tb, schemas.Provider.ValueType(), providerConfig),
	})
	if err != nil {
		tb.Fatal(err)
	}
	check(tb, "configure", configured.Diagnostics)

	f.config = dynamic(tb, f.typ, configuredArguments())
	f.null = dynamic(tb, f.typ, nil)
	f.state = f.create(tb)

	stored := f.value(tb, f.state)
	if f.stateJSON, err = stateJSON(stored); err != nil {
		tb.Fatal(err)
	}
	proposed, err := fromTerraform(stored)
	if err != nil {
		tb.Fatal(err)
	}
	for name, v := range configuredArguments() {
		proposed.(map[string]any)[name] = v
	}
	f.proposed = dynamic(tb, f.typ, proposed)
	return f
}

func (f *fixture) value(tb testing.TB, v *tfprotov6.DynamicValue) tftypes.Value {
	tb.Helper()
	val, err := v.Unmarshal(f.typ)
	if err != nil {
		tb.Fatal(err)
	}
	return val
}

func dynamic(tb testing.TB, typ tftypes.Type, v any) *tfprotov6.DynamicValue {
	tb.Helper()
	val, err := toTerraform(typ, v)
	if err != nil {
		tb.Fatal(err)
	}
	dv, err := tfprotov6.NewDynamicValue(typ, val)
	if err != nil {
		tb.Fatal(err)
	}
	return &dv
}

func check(tb testing.TB, what string, diags []*tfprotov6.Diagnostic) {
	tb.Helper()
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			tb.Fatalf("%s: %s: %s", what, d.Summary, d.Detail)
		}
	}
}
