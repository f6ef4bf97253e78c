package provider

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

// liveIDs is the ids of the sequences the server holds.
func liveIDs(t *testing.T, inst *localservertest.Instance) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	cursor := ""
	for {
		path := "/v1/sequences?limit=100"
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		var page struct {
			Data       []struct{ ID string }
			NextCursor *string
		}
		inst.Do(t, http.MethodGet, path, nil).Decode(t, &page)
		for _, s := range page.Data {
			ids[s.ID] = true
		}
		if page.NextCursor == nil {
			return ids
		}
		cursor = *page.NextCursor
	}
}

func manyConfig(inst *localservertest.Instance, n int, extra string) string {
	return providerConfig(inst) + fmt.Sprintf(`
resource "kraiter_sequence" "many" {
  count      = %d
  id         = "seq_many_${count.index}"
  name       = "Many ${count.index}"
  definition = jsonencode({ steps = [{ type = "email", templateId = "tmpl_welcome" }] })
%s
}
`, n, extra)
}

// orphans is the sequences live but not in state.
func orphans(live, state map[string]bool) []string {
	var out []string
	for id := range live {
		if !state[id] {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// An interrupt (Ctrl-C) with creates in flight, whose answers take 1.5 s, leaves no sequence
// outside the state, and the next apply completes.
func TestAccSequence_interruptLosesNoSequence(t *testing.T) {
	w := newCLIWorkspace(t)
	t.Parallel()
	var creates atomic.Int32
	inst := startServer(t, localservertest.WithMiddleware(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodPost && r.URL.Path == "/v1/sequences" {
				creates.Add(1)
			}
			next.ServeHTTP(rw, r)
		})
	}))
	const n = 40
	w.write(manyConfig(inst, n, ""))
	inst.SetFaults(t, localservertest.Faults{AnswerLatencyMs: 1500})

	cmd, stdout, stderr := w.command("apply", "-auto-approve", "-parallelism=10")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Interrupt once a batch of creates has reached the server and waits for its answers
	// (which every request does, so the count comes from the server's door, not the API).
	deadline := time.Now().Add(time.Minute)
	for creates.Load() < 10 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	inFlight := creates.Load()
	if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	interrupted := w.finish([]string{"apply"}, cmd.Wait(), stdout, stderr)
	inst.ClearFaults(t)

	live, state := liveIDs(t, inst), w.stateIDs()
	lost := orphans(live, state)
	t.Logf("creates made when interrupted: %d; live afterwards: %d; in state: %d; orphans: %d (apply exited %d)",
		inFlight, len(live), len(state), len(lost), interrupted.code)
	if len(lost) > 0 {
		t.Errorf("live sequences outside the state after the interrupt: %v\n%s", lost, interrupted.out)
	}
	if len(live) >= n {
		t.Fatalf("the apply was not interrupted: %d of %d sequences were made", len(live), n)
	}

	w.mustApply()
	if live := liveIDs(t, inst); len(live) != n {
		t.Errorf("after the next apply the server holds %d sequences, want %d", len(live), n)
	}
	if plan := w.run("plan", "-detailed-exitcode"); plan.code != 0 {
		t.Errorf("the plan after the apply exited %d, want no change:\n%s", plan.code, plan.out)
	}
}

// Creates that go past their timeout, whose answers are lost with it, are settled: every
// sequence made is in state, and the apply succeeds.
func TestAccSequence_createTimeoutLosesNoSequence(t *testing.T) {
	w := newCLIWorkspace(t)
	t.Parallel()
	inst := startServer(t)
	const n = 3
	w.write(manyConfig(inst, n, `  timeouts = { create = "1s" }`))
	inst.SetFaults(t, localservertest.Faults{AnswerLatencyMs: 2500})
	apply := w.run("apply", "-auto-approve")
	inst.ClearFaults(t)
	if apply.code != 0 {
		t.Fatalf("apply exited %d:\n%s", apply.code, apply.out)
	}
	if got := len(apply.with("warning", "Sequence created, though its answer was lost")); got != n {
		t.Errorf("%d warnings say a create was settled, want %d", got, n)
	}
	if lost := orphans(liveIDs(t, inst), w.stateIDs()); len(lost) > 0 || len(w.stateIDs()) != n {
		t.Errorf("after the timeouts, %d in state, orphans %v", len(w.stateIDs()), lost)
	}
}

// With -refresh=false after edits made in Kraiter's app, an update sends every managed field:
// the configuration wins, and the result is what was planned.
func TestAccSequence_updateWithoutRefreshAfterAnAppEdit(t *testing.T) {
	w := newCLIWorkspace(t)
	t.Parallel()
	inst := startServer(t)
	w.write(manyConfig(inst, 1, ""))
	w.mustApply()
	inst.UpdateSequenceRaw(t, "seq_many_0", map[string]any{
		"name":       "Edited in the app",
		"definition": `{"steps":[{"type":"delay","duration":"1d"},{"type":"email","templateId":"tmpl_pro_tips"}]}`,
	})
	w.write(strings.Replace(manyConfig(inst, 1, ""), `"Many ${count.index}"`, `"Renamed ${count.index}"`, 1))
	if apply := w.run("apply", "-auto-approve", "-refresh=false"); apply.code != 0 {
		t.Fatalf("apply -refresh=false after an app edit exited %d:\n%s", apply.code, apply.out)
	}
	seq := inst.GetSequence(t, "seq_many_0")
	if seq.Name != "Renamed 0" || !strings.Contains(seq.Definition, "tmpl_welcome") {
		t.Errorf("the server holds %q with %s; want the configuration's name and definition", seq.Name, seq.Definition)
	}
}
