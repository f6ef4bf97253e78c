package review

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tfjson "github.com/hashicorp/terraform-json"
)

// fakeAccount answers from maps; a missing status is an error, and block holds every call
// until the call's context ends.
type fakeAccount struct {
	statuses  map[string]SequenceStatus
	existing  map[string]bool
	templates map[string]Template
	block     bool

	running, most atomic.Int32
	mu            sync.Mutex
	calls         []string
}

func (a *fakeAccount) enter(call string) func() {
	a.mu.Lock()
	a.calls = append(a.calls, call)
	a.mu.Unlock()
	n := a.running.Add(1)
	for m := a.most.Load(); n > m && !a.most.CompareAndSwap(m, n); m = a.most.Load() {
	}
	time.Sleep(time.Millisecond) // long enough for calls to overlap
	return func() { a.running.Add(-1) }
}

func (a *fakeAccount) wait(ctx context.Context) error {
	if a.block {
		<-ctx.Done()
		return ctx.Err()
	}
	return nil
}

func (a *fakeAccount) SequenceStatus(ctx context.Context, id string) (SequenceStatus, error) {
	defer a.enter("status " + id)()
	if err := a.wait(ctx); err != nil {
		return SequenceStatus{}, err
	}
	st, ok := a.statuses[id]
	if !ok {
		return st, errors.New(`get status of sequence "` + id + `": INTERNAL (HTTP 500): boom`)
	}
	return st, nil
}

func (a *fakeAccount) SequenceExists(ctx context.Context, id string) (bool, error) {
	defer a.enter("exists " + id)()
	return a.existing[id], a.wait(ctx)
}

func (a *fakeAccount) Template(ctx context.Context, id string) (*Template, error) {
	defer a.enter("template " + id)()
	if err := a.wait(ctx); err != nil {
		return nil, err
	}
	if t, ok := a.templates[id]; ok {
		return &t, nil
	}
	return nil, nil
}

func TestRenderLive(t *testing.T) {
	t.Parallel()
	def := func(template string) string {
		return `{"steps":[{"type":"email","templateId":"` + template + `"},{"type":"delay","duration":"1d"}]}`
	}
	update := resourceChange("kraiter_sequence.u", actUpdate, sequenceValues("seq_u", "U", def("tmpl_old")), sequenceValues("seq_u", "U", def("tmpl_new")))
	destroy := resourceChange("kraiter_sequence.d", actDelete, sequenceValues("seq_d", "D", def("tmpl_old")), nil)
	replace := resourceChange("kraiter_sequence.r", actReplace, sequenceValues("seq_r", "R", def("tmpl_old")), sequenceValues("seq_r2", "R", def("tmpl_old")))
	create := func(address, id string) *tfjson.ResourceChange {
		return resourceChange(address, actCreate, nil, sequenceValues(id, "C", def("tmpl_old")))
	}
	tests := []struct {
		name    string
		plan    *Plan
		account *fakeAccount
		timeout time.Duration
		want    []string
		notWant []string
	}{
		{
			name: "figures of each kind of change",
			plan: planOf(update, destroy, replace, create("kraiter_sequence.c", "seq_c")),
			account: &fakeAccount{
				statuses:  map[string]SequenceStatus{"seq_u": {ActiveEnrolments: 1, TotalEnrolled: 4}, "seq_d": {ActiveEnrolments: 3, TotalEnrolled: 12}, "seq_r": {TotalEnrolled: 2}},
				templates: map[string]Template{"tmpl_old": {Name: "Old", Subject: "Hello *there*"}},
			},
			want: []string{
				"- **In flight:** 1 contact (4 enrolled in all), who finishes on the version they enrolled under; the change applies to contacts enrolled after the apply.",
				"> Deleting this sequence cancels its 3 active enrolments (12 enrolled in all): the contacts in it get none of its remaining emails.",
				"the old one is deleted, which cancels no enrolment (none is active; 2 enrolled in all), and the new one",
				"| `steps[0]` | `tmpl_old`: Old, subject “Hello \\*there\\*” | `tmpl_new`: _not found in Kraiter_ |",
			},
			notWant: []string{"were not fetched", "already exists"},
		},
		{
			name:    "a failing call leaves its figure out, with the reason",
			plan:    planOf(update),
			account: &fakeAccount{},
			want: []string{
				"_Live figures not fetched: get status of sequence \"seq_u\"\\: INTERNAL (HTTP 500)\\: boom._",
				"**Step changes:** 1 changed",
			},
			notWant: []string{"In flight"},
		},
		{
			name:    "calls that outlast the time limit",
			plan:    planOf(destroy),
			account: &fakeAccount{block: true},
			timeout: 20 * time.Millisecond,
			want: []string{
				"_Live figures not fetched: the calls to Kraiter took longer than 20ms in all._",
				"> Deleting this sequence cancels its active enrolments:",
			},
		},
		{
			name:    "an id that exists",
			plan:    planOf(create("kraiter_sequence.a", "seq_a"), create("kraiter_sequence.b", "seq_b"), update),
			account: &fakeAccount{existing: map[string]bool{"seq_a": true}, statuses: map[string]SequenceStatus{"seq_u": {}}},
			want:    []string{"### Create `kraiter_sequence.a` (`seq_a`)\n\n> [!WARNING]\n> A sequence with this id already exists in Kraiter, so the create will fail."},
			notWant: []string{"Is the state backend configured?", "### Create `kraiter_sequence.b` (`seq_b`)\n\n> [!WARNING]"},
		},
		{
			name:    "every create of an id that exists",
			plan:    planOf(create("kraiter_sequence.a", "seq_a"), create("kraiter_sequence.b", "seq_b")),
			account: &fakeAccount{existing: map[string]bool{"seq_a": true, "seq_b": true}},
			want:    []string{"## Kraiter sequences\n\n> [!WARNING]\n> **Is the state backend configured?** Every sequence in this plan is created"},
		},
		{
			name:    "creates of ids that are free",
			plan:    planOf(create("kraiter_sequence.a", "seq_a")),
			account: &fakeAccount{},
			notWant: []string{"Is the state backend configured?", "already exists"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Render(context.Background(), tt.plan, Options{Account: tt.account, LiveTimeout: tt.timeout})
			for _, want := range tt.want {
				if !strings.Contains(got, want) {
					t.Errorf("want\n%s\nin:\n%s", want, got)
				}
			}
			for _, notWant := range tt.notWant {
				if strings.Contains(got, notWant) {
					t.Errorf("do not want\n%s\nin:\n%s", notWant, got)
				}
			}
		})
	}
}

// TestLiveBounds checks that the calls are one per sequence and run liveConcurrency at a
// time at most.
func TestLiveBounds(t *testing.T) {
	t.Parallel()
	var changes []*tfjson.ResourceChange
	statuses := map[string]SequenceStatus{}
	for i := range 20 {
		id := "seq_" + string(rune('a'+i))
		changes = append(changes, resourceChange("kraiter_sequence."+id, actDelete, sequenceValues(id, id, defWelcome), nil))
		statuses[id] = SequenceStatus{ActiveEnrolments: 1}
	}
	account := &fakeAccount{statuses: statuses}
	Render(context.Background(), planOf(changes...), Options{Account: account})
	if len(account.calls) != 20 {
		t.Errorf("%d calls for 20 sequences: %v", len(account.calls), account.calls)
	}
	if most := account.most.Load(); most > liveConcurrency || most < 2 {
		t.Errorf("at most %d calls ran at once, want 2 to %d", most, liveConcurrency)
	}
}

// TestLiveNotFetched checks the line that says why there are no figures.
func TestLiveNotFetched(t *testing.T) {
	t.Parallel()
	plan := planOf(resourceChange("kraiter_sequence.a", actDelete, sequenceValues("seq_a", "A", defWelcome), nil))
	for _, tt := range []struct{ reason, want string }{
		{"", "_Live figures (enrolments, templates) were not fetched: no account was given._\n"},
		{"--offline", "_Live figures (enrolments, templates) were not fetched: --offline._\n"},
		{"no API key (set KRAITER_API_KEY)", "_Live figures (enrolments, templates) were not fetched: no API key (set KRAITER_API_KEY)._\n"},
	} {
		if got := Render(context.Background(), plan, Options{NoAccount: tt.reason}); !strings.Contains(got, "**Plan:** 1 to destroy.\n\n"+tt.want+"\n| Change") {
			t.Errorf("NoAccount %q: want %q under the plan's line in:\n%s", tt.reason, tt.want, got)
		}
	}
}
