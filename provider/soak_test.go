package provider

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

// The soak: many kraiter_sequence resources, with the provider's default settings, through a
// local server that fails about 20% of requests with a 5xx, rate-limits 10% with Retry-After,
// adds 50 ms to every request and drops the answer of 5% of writes after they commit. Each
// phase (apply, plan, update all, plan, destroy) must end with the server holding exactly
// what the state says and an empty plan. `make test` runs it with 20 resources;
// `make soak` with 200 (KRAITER_SOAK_RESOURCES) and writes the figures to KRAITER_SOAK_REPORT.

// soakFaults is the fault mix of the soak.
var soakFaults = localservertest.Faults{
	FailRate:            0.2,
	RateLimitRate:       0.1,
	RetryAfterSeconds:   1,
	LatencyMs:           50,
	DropAfterCommitRate: 0.05,
}

func soakResources(t *testing.T) int {
	t.Helper()
	n := 20
	if v := os.Getenv("KRAITER_SOAK_RESOURCES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			t.Fatalf("KRAITER_SOAK_RESOURCES=%q is not a positive number", v)
		}
	}
	return n
}

// soakConfig is n sequences in the provider's default settings; version changes every name,
// definition and trigger.
func soakConfig(inst *localservertest.Instance, n, version int) string {
	return fmt.Sprintf(`
provider "kraiter" {
  base_url = %q
  api_key  = %q
}

resource "kraiter_sequence" "soak" {
  count = %d
  id    = "seq_soak_${count.index}"
  name  = "Soak ${count.index} v%[4]d"
  definition = jsonencode({ steps = [
    { type = "email", templateId = "tmpl_welcome" },
    { type = "delay", duration = "%[4]dd" },
    { type = "condition", if = { attribute = "plan", op = "eq", value = "pro" },
      then = [{ type = "email", templateId = "tmpl_pro_tips" }], else = [] },
  ] })
  triggers = [{ type = "event", event_name = "soak_v%[4]d" }]
}
`, inst.URL, inst.APIKey, n, version)
}

// soakPhase is one phase's record for the report. A phase runs from one check of the server
// to the next, so the empty plans that terraform-plugin-testing runs after each apply count
// in the phase after it.
type soakPhase struct {
	name     string
	took     time.Duration
	injected localservertest.InjectedFaults
}

type soakRun struct {
	t      *testing.T
	inst   *localservertest.Instance
	n      int
	start  time.Time
	phases []soakPhase
	seed   int64
}

// arm starts a phase: faults on, with a new seed.
func (s *soakRun) arm() {
	s.seed++
	f := soakFaults
	f.Seed = s.seed
	s.inst.SetFaults(s.t, f)
	s.start = time.Now()
}

// settle ends a phase: it records what the server injected, turns faults off and compares
// the server with the state.
func (s *soakRun) settle(name string, want func(id string) (soakWant, bool)) error {
	s.phases = append(s.phases, soakPhase{name: name, took: time.Since(s.start), injected: s.inst.InjectedFaults(s.t)})
	s.inst.ClearFaults(s.t)
	held := map[string]client.Sequence{}
	for seq, err := range apiClient(s.t, s.inst).Sequences.List(context.Background(), client.ListOptions{Limit: client.MaxPageSize}) {
		if err != nil {
			return err
		}
		if _, dup := held[seq.ID]; dup {
			return fmt.Errorf("%s: the server lists sequence %s twice", name, seq.ID)
		}
		held[seq.ID] = seq
	}
	for i := range s.n {
		id := fmt.Sprintf("seq_soak_%d", i)
		w, exists := want(id)
		seq, held := held[id]
		switch {
		case exists && !held:
			return fmt.Errorf("%s: sequence %s is in the state but not on the server", name, id)
		case !exists && held:
			return fmt.Errorf("%s: sequence %s is on the server but not in the state (an orphan)", name, id)
		case exists && seq.Name != w.name:
			return fmt.Errorf("%s: sequence %s is named %q on the server, %q in the state (a lost update)", name, id, seq.Name, w.name)
		case exists:
			if equal, err := definition.Equal(seq.Definition, w.definition); err != nil || !equal {
				return fmt.Errorf("%s: sequence %s has definition %s on the server, %s in the state (a lost update)", name, id, seq.Definition, w.definition)
			}
		}
	}
	if len(held) > s.n {
		return fmt.Errorf("%s: the server holds %d sequences, the state %d", name, len(held), s.n)
	}
	return nil
}

// soakWant is what the state says a sequence is.
type soakWant struct{ name, definition string }

// fromState checks the server against the state after an apply.
func (s *soakRun) fromState(name string, version int) resource.TestCheckFunc {
	return func(st *terraform.State) error {
		inState := map[string]soakWant{}
		for _, rs := range st.RootModule().Resources {
			if rs.Type != "kraiter_sequence" {
				continue
			}
			def := rs.Primary.Attributes["definition"]
			inState[rs.Primary.ID] = soakWant{name: rs.Primary.Attributes["name"], definition: def}
			if equal, err := definition.Equal(def, strings.Replace(canonicalSoak, "VERSION", strconv.Itoa(version), 1)); err != nil || !equal {
				return fmt.Errorf("%s: the state holds definition %s for %s", name, def, rs.Primary.ID)
			}
		}
		if len(inState) != s.n {
			return fmt.Errorf("%s: the state holds %d sequences, want %d", name, len(inState), s.n)
		}
		err := s.settle(name, func(id string) (soakWant, bool) { w, ok := inState[id]; return w, ok })
		s.arm()
		return err
	}
}

const canonicalSoak = `{"steps":[{"type":"email","templateId":"tmpl_welcome","delay":"0d"},{"type":"delay","duration":"VERSIONd"},` +
	`{"type":"condition","if":{"attribute":"plan","op":"eq","value":"pro"},"then":[{"type":"email","templateId":"tmpl_pro_tips","delay":"0d"}],"else":[]}]}`

func (s *soakRun) report() string {
	var b strings.Builder
	fmt.Fprintf(&b, "soak: %d kraiter_sequence resources, default provider settings; the server fails %.0f%% of requests with a 5xx, "+
		"answers %.0f%% with 429 and Retry-After: %d, adds %d ms to each, and drops the answer of %.0f%% of writes after they commit\n\n",
		s.n, soakFaults.FailRate*100, soakFaults.RateLimitRate*100, soakFaults.RetryAfterSeconds, soakFaults.LatencyMs, soakFaults.DropAfterCommitRate*100)
	b.WriteString("| phase | time | requests | 5xx injected | 429 injected | answers dropped after commit |\n|---|---|---|---|---|---|\n")
	for _, p := range s.phases {
		fmt.Fprintf(&b, "| %s | %.1f s | %d | %d | %d | %d |\n", p.name, p.took.Seconds(), p.injected.Requests, p.injected.Failed, p.injected.RateLimited, p.injected.DroppedAfterCommit)
	}
	return b.String()
}

// TestAccSoak applies, plans, updates, plans and destroys many sequences through injected
// faults, with the provider's defaults, and checks after each phase that nothing was lost,
// duplicated or left behind.
func TestAccSoak(t *testing.T) {
	testAccPreCheck(t)
	inst := startServer(t)
	run := &soakRun{t: t, inst: inst, n: soakResources(t)}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				PreConfig: run.arm,
				Config:    soakConfig(inst, run.n, 1),
				Check:     run.fromState("plan and apply: create all", 1),
			},
			{
				Config: soakConfig(inst, run.n, 2),
				Check:  run.fromState("plan (empty), then plan and apply: update all", 2),
			},
		},
		CheckDestroy: func(*terraform.State) error {
			return run.settle("plan (empty), then destroy all", func(string) (soakWant, bool) { return soakWant{}, false })
		},
	})
	t.Log("\n" + run.report())
	if path := os.Getenv("KRAITER_SOAK_REPORT"); path != "" && !t.Failed() {
		if err := os.WriteFile(path, []byte(run.report()), 0o644); err != nil {
			t.Errorf("write the soak report: %v", err)
		}
	}
}
