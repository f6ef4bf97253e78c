package providerbench_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// The calls the CLI makes about one resource in a plan, in the order it makes them.

func (f *fixture) validate(tb testing.TB) {
	resp, err := f.server.ValidateResourceConfig(context.Background(), &tfprotov6.ValidateResourceConfigRequest{TypeName: f.typeName, Config: f.config})
	if err != nil {
		tb.Fatal(err)
	}
	check(tb, "validate", resp.Diagnostics)
}

func (f *fixture) upgrade(tb testing.TB) *tfprotov6.DynamicValue {
	resp, err := f.server.UpgradeResourceState(context.Background(), &tfprotov6.UpgradeResourceStateRequest{
		TypeName: f.typeName, Version: f.version, RawState: &tfprotov6.RawState{JSON: f.stateJSON},
	})
	if err != nil {
		tb.Fatal(err)
	}
	check(tb, "upgrade", resp.Diagnostics)
	return resp.UpgradedState
}

func (f *fixture) read(tb testing.TB, state *tfprotov6.DynamicValue) *tfprotov6.DynamicValue {
	resp, err := f.server.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{TypeName: f.typeName, CurrentState: state})
	if err != nil {
		tb.Fatal(err)
	}
	check(tb, "read", resp.Diagnostics)
	return resp.NewState
}

func (f *fixture) plan(tb testing.TB, prior *tfprotov6.DynamicValue) *tfprotov6.PlanResourceChangeResponse {
	resp, err := f.server.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName: f.typeName, PriorState: prior, ProposedNewState: f.proposed, Config: f.config,
	})
	if err != nil {
		tb.Fatal(err)
	}
	check(tb, "plan", resp.Diagnostics)
	return resp
}

// create plans and applies the creation of the fixture's resource and returns its state.
func (f *fixture) create(tb testing.TB) *tfprotov6.DynamicValue {
	ctx := context.Background()
	planned, err := f.server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
		TypeName: f.typeName, PriorState: f.null, ProposedNewState: f.config, Config: f.config,
	})
	if err != nil {
		tb.Fatal(err)
	}
	check(tb, "plan the create", planned.Diagnostics)
	applied, err := f.server.ApplyResourceChange(ctx, &tfprotov6.ApplyResourceChangeRequest{
		TypeName: f.typeName, PriorState: f.null, PlannedState: planned.PlannedState, Config: f.config,
	})
	if err != nil {
		tb.Fatal(err)
	}
	check(tb, "create", applied.Diagnostics)
	return applied.NewState
}

// BenchmarkProvider measures each call, and the calls of one resource in a plan with and
// without refresh, for kraiter_sequence and for floor_sequence; bench/gobench compares them.
func BenchmarkProvider(b *testing.B) {
	kinds := []struct {
		name    string
		fixture func(testing.TB) *fixture
	}{{"kraiter_sequence", kraiterFixture}, {"floor_sequence", floorFixture}}
	for _, k := range kinds {
		f := k.fixture(b)
		ops := []struct {
			name string
			run  func(testing.TB)
		}{
			{"Validate", f.validate},
			{"Upgrade", func(tb testing.TB) { f.upgrade(tb) }},
			{"Read", func(tb testing.TB) { f.read(tb, f.state) }},
			{"Plan", func(tb testing.TB) { f.plan(tb, f.state) }},
			{"RefreshPlan", func(tb testing.TB) {
				f.validate(tb)
				f.plan(tb, f.read(tb, f.upgrade(tb)))
			}},
			{"NoRefreshPlan", func(tb testing.TB) {
				f.validate(tb)
				f.plan(tb, f.upgrade(tb))
			}},
			{"Create", func(tb testing.TB) { f.create(tb) }},
		}
		for _, op := range ops {
			b.Run(k.name+"/"+op.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					op.run(b)
				}
			})
		}
	}
}
