package providerbench_test

import (
	"testing"
)

// TestTheBenchmarkedPlanChangesNothing checks that the benchmarks measure what a plan of an
// unchanged resource does: the refresh keeps the state and the plan keeps it too.
func TestTheBenchmarkedPlanChangesNothing(t *testing.T) {
	t.Parallel()
	for name, newFixture := range map[string]func(testing.TB) *fixture{"kraiter_sequence": kraiterFixture, "floor_sequence": floorFixture} {
		t.Run(name, func(t *testing.T) {
			f := newFixture(t)
			stored := f.value(t, f.state)
			if upgraded := f.value(t, f.upgrade(t)); !upgraded.Equal(stored) {
				t.Errorf("the upgraded state differs from the stored one:\n%v\nwant\n%v", upgraded, stored)
			}
			if refreshed := f.value(t, f.read(t, f.state)); !refreshed.Equal(stored) {
				t.Errorf("the refresh changed the state:\n%v\nwant\n%v", refreshed, stored)
			}
			resp := f.plan(t, f.state)
			if planned := f.value(t, resp.PlannedState); !planned.Equal(stored) {
				t.Errorf("the plan is not empty:\n%v\nwant\n%v", planned, stored)
			}
			if len(resp.RequiresReplace) > 0 {
				t.Errorf("the plan replaces the resource: %v", resp.RequiresReplace)
			}
		})
	}
}
