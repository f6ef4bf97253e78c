package definition_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

var start = time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)

const day = 24 * time.Hour

// describeVisit writes a visit on one line, its time as an offset from start, and only the
// fields that are set, so that a nil WouldSend or Matched shows as absent.
func describeVisit(v definition.Visit) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", v.Path, v.Type)
	if v.TemplateID != "" {
		fmt.Fprintf(&b, " tmpl=%s", v.TemplateID)
	}
	if v.Duration != "" {
		fmt.Fprintf(&b, " dur=%s", v.Duration)
	}
	if v.WouldSend != nil {
		fmt.Fprintf(&b, " send=%t", *v.WouldSend)
	}
	if v.Reason != "" {
		fmt.Fprintf(&b, " reason=%s", v.Reason)
	}
	if v.Matched != nil {
		fmt.Fprintf(&b, " matched=%t", *v.Matched)
	}
	fmt.Fprintf(&b, " @+%s", v.At.Sub(start))
	return b.String()
}

func describeVisits(vs []definition.Visit) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = describeVisit(v)
	}
	return out
}

// runAt runs the program from c at now and returns the new cursor and the visits.
func runAt(p *definition.Program, c definition.Cursor, now time.Time, contact *definition.Contact) (definition.Cursor, []string) {
	var visits []definition.Visit
	c = p.Run(c, now, contact, func(v definition.Visit) { visits = append(visits, v) })
	return c, describeVisits(visits)
}

// timelineDoc waits, sends an email an hour late, and branches on the plan; the free branch
// waits another day.
const timelineDoc = `{"steps":[
  {"type":"email","templateId":"welcome"},
  {"type":"delay","duration":"2d"},
  {"type":"email","templateId":"tips","delay":"1h"},
  {"type":"condition","if":{"attribute":"plan","op":"eq","value":"pro"},
   "then":[{"type":"email","templateId":"pro"}],
   "else":[{"type":"delay","duration":"1d"},{"type":"email","templateId":"upgrade"}]},
  {"type":"email","templateId":"bye"}
]}`

func TestRunOverVirtualClock(t *testing.T) {
	t.Parallel()
	type tick struct {
		at   time.Duration // virtual now, after start
		want []string      // visits of the run at that time
		done bool
	}
	tests := []struct {
		name  string
		plan  string
		ticks []tick
	}{
		{
			name: "pro",
			plan: "pro",
			ticks: []tick{
				{0, []string{"steps[0] email tmpl=welcome send=true @+0s", "steps[1] delay dur=2d @+0s"}, false},
				{day, nil, false},
				{2*day - time.Minute, nil, false},
				{2 * day, nil, false}, // the delay is over; the email's own hour starts
				{2*day + time.Hour, []string{
					"steps[2] email tmpl=tips dur=1h send=true @+49h0m0s",
					"steps[3] condition matched=true @+49h0m0s",
					"steps[3].then[0] email tmpl=pro send=true @+49h0m0s",
					"steps[4] email tmpl=bye send=true @+49h0m0s",
				}, true},
				{30 * day, nil, true},
			},
		},
		{
			name: "free",
			plan: "free",
			ticks: []tick{
				{0, []string{"steps[0] email tmpl=welcome send=true @+0s", "steps[1] delay dur=2d @+0s"}, false},
				{2*day + time.Hour, []string{
					"steps[2] email tmpl=tips dur=1h send=true @+49h0m0s",
					"steps[3] condition matched=false @+49h0m0s",
					"steps[3].else[0] delay dur=1d @+49h0m0s",
				}, false},
				{3 * day, nil, false},
				{3*day + time.Hour, []string{
					"steps[3].else[1] email tmpl=upgrade send=true @+73h0m0s",
					"steps[4] email tmpl=bye send=true @+73h0m0s",
				}, true},
			},
		},
	}
	prog := definition.Compile(mustParse(t, timelineDoc))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			contact := &definition.Contact{Attributes: map[string]any{"plan": tt.plan}, Subscribed: true}
			c := definition.Cursor{At: start}
			for _, tk := range tt.ticks {
				var got []string
				c, got = runAt(prog, c, start.Add(tk.at), contact)
				if !slices.Equal(got, tk.want) {
					t.Errorf("at +%s:\n got %q\nwant %q", tk.at, got, tk.want)
				}
				if prog.Done(c) != tk.done {
					t.Errorf("at +%s: done = %t, want %t (cursor %+v)", tk.at, prog.Done(c), tk.done, c)
				}
			}
		})
	}
}

// An enrolment's cursor is stored between runs (by the local server, across restarts): a
// program compiled again from the canonical form carries on from it, and a late run catches
// up with every step at the time it fell due.
func TestRunResumesFromStoredCursor(t *testing.T) {
	t.Parallel()
	d := mustParse(t, timelineDoc)
	contact := &definition.Contact{Attributes: map[string]any{"plan": "free"}, Subscribed: true}
	stored, _ := runAt(definition.Compile(d), definition.Cursor{At: start}, start, contact)
	if stored.At != start.Add(2*day) {
		t.Fatalf("stored cursor due at %v, want start+2d", stored.At)
	}

	restarted := definition.Compile(mustParse(t, d.Canonical()))
	c, got := runAt(restarted, definition.Cursor{PC: stored.PC, At: stored.At}, start.Add(30*day), contact)
	want := []string{
		"steps[2] email tmpl=tips dur=1h send=true @+49h0m0s",
		"steps[3] condition matched=false @+49h0m0s",
		"steps[3].else[0] delay dur=1d @+49h0m0s",
		"steps[3].else[1] email tmpl=upgrade send=true @+73h0m0s",
		"steps[4] email tmpl=bye send=true @+73h0m0s",
	}
	if !slices.Equal(got, want) {
		t.Errorf("resumed run:\n got %q\nwant %q", got, want)
	}
	if !restarted.Done(c) {
		t.Errorf("cursor %+v after the last step, want done", c)
	}
	if again, visits := runAt(restarted, c, start.Add(60*day), contact); len(visits) != 0 || again != c {
		t.Errorf("a completed enrolment ran again: cursor %+v, visits %q", again, visits)
	}
}

// A definition shortened by an update leaves stored cursors past its end: complete.
func TestRunCursorPastTheEnd(t *testing.T) {
	t.Parallel()
	prog := definition.Compile(mustParse(t, `{"steps":[{"type":"email","templateId":"a"}]}`))
	c := definition.Cursor{PC: 7, At: start}
	if !prog.Done(c) {
		t.Fatalf("cursor %+v: want done", c)
	}
	if after, visits := runAt(prog, c, start.Add(day), &definition.Contact{Subscribed: true}); len(visits) != 0 || after != c {
		t.Errorf("got cursor %+v and visits %q, want nothing to happen", after, visits)
	}
}

func TestRunBranches(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		doc     string
		attrs   map[string]any
		wantRun []string // paths visited, in order
	}{
		{"empty then, matched",
			`{"steps":[{"type":"condition","if":{"attribute":"a","op":"exists"},"else":[{"type":"email","templateId":"x"}]},{"type":"email","templateId":"y"}]}`,
			map[string]any{"a": 1.0}, []string{"steps[0]", "steps[1]"}},
		{"empty then, not matched",
			`{"steps":[{"type":"condition","if":{"attribute":"a","op":"exists"},"else":[{"type":"email","templateId":"x"}]},{"type":"email","templateId":"y"}]}`,
			nil, []string{"steps[0]", "steps[0].else[0]", "steps[1]"}},
		{"empty else, not matched",
			`{"steps":[{"type":"condition","if":{"attribute":"a","op":"exists"},"then":[{"type":"email","templateId":"x"}]},{"type":"email","templateId":"y"}]}`,
			nil, []string{"steps[0]", "steps[1]"}},
		{"both branches empty",
			`{"steps":[{"type":"condition","if":{"attribute":"a","op":"exists"}}]}`,
			nil, []string{"steps[0]"}},
		{"nested, then of else",
			`{"steps":[{"type":"condition","if":{"attribute":"a","op":"exists"},
			  "then":[{"type":"email","templateId":"x"}],
			  "else":[{"type":"condition","if":{"attribute":"b","op":"exists"},
			           "then":[{"type":"email","templateId":"y"},{"type":"email","templateId":"z"}],
			           "else":[{"type":"email","templateId":"w"}]},
			          {"type":"email","templateId":"v"}]},
			 {"type":"email","templateId":"u"}]}`,
			map[string]any{"b": "yes"},
			[]string{"steps[0]", "steps[0].else[0]", "steps[0].else[0].then[0]", "steps[0].else[0].then[1]", "steps[0].else[1]", "steps[1]"}},
		{"nested, else of then",
			`{"steps":[{"type":"condition","if":{"attribute":"a","op":"exists"},
			  "then":[{"type":"condition","if":{"attribute":"b","op":"exists"},
			           "then":[{"type":"email","templateId":"y"}],
			           "else":[{"type":"email","templateId":"w"}]}],
			  "else":[{"type":"email","templateId":"x"}]},
			 {"type":"email","templateId":"u"}]}`,
			map[string]any{"a": "yes"},
			[]string{"steps[0]", "steps[0].then[0]", "steps[0].then[0].else[0]", "steps[1]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prog := definition.Compile(mustParse(t, tt.doc))
			var got []string
			c := prog.Run(definition.Cursor{At: start}, start, &definition.Contact{Attributes: tt.attrs, Subscribed: true}, func(v definition.Visit) {
				got = append(got, v.Path)
			})
			if !slices.Equal(got, tt.wantRun) {
				t.Errorf("visited %q, want %q", got, tt.wantRun)
			}
			if !prog.Done(c) {
				t.Errorf("cursor %+v, want done", c)
			}
		})
	}
}

// TestRunEventConditions reaches a condition on an event seven days after enrolment; the
// window of "within" ends at that moment, and later events have not happened yet.
func TestRunEventConditions(t *testing.T) {
	t.Parallel()
	reached := start.Add(7 * day)
	tests := []struct {
		name   string
		rule   string
		events []definition.Event
		want   bool
	}{
		{"performed, no window", `{"event":"buy","op":"performed"}`, []definition.Event{{"buy", start.Add(day)}}, true},
		{"performed before enrolment", `{"event":"buy","op":"performed"}`, []definition.Event{{"buy", start.Add(-300 * day)}}, true},
		{"performed, never", `{"event":"buy","op":"performed"}`, nil, false},
		{"performed, another event", `{"event":"buy","op":"performed"}`, []definition.Event{{"browse", start.Add(day)}}, false},
		{"performed, only after the condition", `{"event":"buy","op":"performed"}`, []definition.Event{{"buy", reached.Add(time.Minute)}}, false},
		{"performed at the very moment", `{"event":"buy","op":"performed"}`, []definition.Event{{"buy", reached}}, true},
		{"within, too early", `{"event":"buy","op":"performed","within":"3d"}`, []definition.Event{{"buy", start.Add(day)}}, false},
		{"within, inside", `{"event":"buy","op":"performed","within":"3d"}`, []definition.Event{{"buy", start.Add(5 * day)}}, true},
		{"within, at the window's start", `{"event":"buy","op":"performed","within":"3d"}`, []definition.Event{{"buy", reached.Add(-3 * day)}}, true},
		{"within, a minute before the window", `{"event":"buy","op":"performed","within":"3d"}`, []definition.Event{{"buy", reached.Add(-3*day - time.Minute)}}, false},
		{"within, one of several inside", `{"event":"buy","op":"performed","within":"12h"}`,
			[]definition.Event{{"buy", start}, {"buy", reached.Add(-time.Hour)}, {"buy", reached.Add(day)}}, true},
		{"within zero, at the moment", `{"event":"buy","op":"performed","within":"0d"}`, []definition.Event{{"buy", reached}}, true},
		{"within zero, a minute before", `{"event":"buy","op":"performed","within":"0m"}`, []definition.Event{{"buy", reached.Add(-time.Minute)}}, false},
		{"not performed, never", `{"event":"buy","op":"not_performed"}`, nil, true},
		{"not performed, but was", `{"event":"buy","op":"not_performed"}`, []definition.Event{{"buy", start.Add(day)}}, false},
		{"not performed within, outside", `{"event":"buy","op":"not_performed","within":"3d"}`, []definition.Event{{"buy", start.Add(day)}}, true},
		{"not performed within, inside", `{"event":"buy","op":"not_performed","within":"3d"}`, []definition.Event{{"buy", start.Add(6 * day)}}, false},
		{"not performed, only later", `{"event":"buy","op":"not_performed","within":"1w"}`, []definition.Event{{"buy", reached.Add(time.Hour)}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := `{"steps":[{"type":"delay","duration":"7d"},{"type":"condition","if":` + tt.rule +
				`,"then":[{"type":"email","templateId":"yes"}],"else":[{"type":"email","templateId":"no"}]}]}`
			prog := definition.Compile(mustParse(t, doc))
			contact := &definition.Contact{Subscribed: true, Events: tt.events}
			// Run late, so that events after the condition are in the past by then.
			_, got := runAt(prog, definition.Cursor{At: start}, reached.Add(30*day), contact)
			branch := "no"
			if tt.want {
				branch = "yes"
			}
			want := []string{
				"steps[0] delay dur=7d @+0s",
				fmt.Sprintf("steps[1] condition matched=%t @+168h0m0s", tt.want),
				fmt.Sprintf("steps[1].%s[0] email tmpl=%s send=true @+168h0m0s", map[bool]string{true: "then", false: "else"}[tt.want], branch),
			}
			if !slices.Equal(got, want) {
				t.Errorf("visits:\n got %q\nwant %q", got, want)
			}
			if got := ruleOf(t, tt.rule).Eval(contact, reached); got != tt.want {
				t.Errorf("Eval at the condition's time = %t, want %t", got, tt.want)
			}
		})
	}
}

func TestRuleEval(t *testing.T) {
	t.Parallel()
	contact := &definition.Contact{
		Attributes: map[string]any{
			"plan":    "pro",
			"seats":   json.Number("12"),
			"score":   7.5,
			"zero":    0.0,
			"neg":     json.Number("-3"),
			"big":     json.Number("18446744073709551617"),
			"flag":    true,
			"off":     false,
			"empty":   "",
			"nothing": nil,
			"tags":    []any{"beta", 3.0, json.Number("4")},
			"nums":    []any{1.0, json.Number("2")},
			"meta":    map[string]any{"a": 1.0, "b": "x"},
		},
		Events: []definition.Event{{Name: "signed_up", At: start}},
	}
	tests := []struct {
		rule string
		want bool
	}{
		// eq: same JSON value, numbers compared by value.
		{`{"attribute":"plan","op":"eq","value":"pro"}`, true},
		{`{"attribute":"plan","op":"eq","value":"Pro"}`, false},
		{`{"attribute":"seats","op":"eq","value":12}`, true},
		{`{"attribute":"seats","op":"eq","value":12.0}`, true},
		{`{"attribute":"seats","op":"eq","value":1.2e1}`, true},
		{`{"attribute":"seats","op":"eq","value":"12"}`, false},
		{`{"attribute":"score","op":"eq","value":7.50}`, true},
		{`{"attribute":"zero","op":"eq","value":-0}`, true},
		{`{"attribute":"big","op":"eq","value":18446744073709551616}`, false},
		{`{"attribute":"flag","op":"eq","value":true}`, true},
		{`{"attribute":"flag","op":"eq","value":"true"}`, false},
		{`{"attribute":"off","op":"eq","value":false}`, true},
		{`{"attribute":"nums","op":"eq","value":[1,2.0]}`, true},
		{`{"attribute":"nums","op":"eq","value":[2,1]}`, false},
		{`{"attribute":"meta","op":"eq","value":{"b":"x","a":1}}`, true},
		{`{"attribute":"missing","op":"eq","value":"pro"}`, false},
		{`{"attribute":"nothing","op":"eq","value":null}`, false}, // a null attribute counts as missing

		// ne: the opposite of eq, and true for a missing attribute.
		{`{"attribute":"plan","op":"ne","value":"pro"}`, false},
		{`{"attribute":"plan","op":"ne","value":"free"}`, true},
		{`{"attribute":"seats","op":"ne","value":12.0}`, false},
		{`{"attribute":"seats","op":"ne","value":"12"}`, true},
		{`{"attribute":"missing","op":"ne","value":"pro"}`, true},
		{`{"attribute":"nothing","op":"ne","value":"pro"}`, true},

		// Comparisons: numbers with numbers, strings with strings, nothing else.
		{`{"attribute":"seats","op":"gt","value":11}`, true},
		{`{"attribute":"seats","op":"gt","value":12}`, false},
		{`{"attribute":"seats","op":"gt","value":11.999}`, true},
		{`{"attribute":"score","op":"gt","value":7}`, true},
		{`{"attribute":"neg","op":"gt","value":-4}`, true},
		{`{"attribute":"neg","op":"gt","value":-3}`, false},
		{`{"attribute":"big","op":"gt","value":18446744073709551616}`, true},
		{`{"attribute":"plan","op":"gt","value":"pre"}`, true},
		{`{"attribute":"plan","op":"gt","value":"pzz"}`, false},
		{`{"attribute":"seats","op":"gt","value":"1"}`, false},
		{`{"attribute":"plan","op":"gt","value":1}`, false},
		{`{"attribute":"flag","op":"gt","value":0}`, false},
		{`{"attribute":"tags","op":"gt","value":0}`, false},
		{`{"attribute":"missing","op":"gt","value":0}`, false},
		{`{"attribute":"seats","op":"gte","value":12}`, true},
		{`{"attribute":"seats","op":"gte","value":12.5}`, false},
		{`{"attribute":"zero","op":"gte","value":-0.0}`, true},
		{`{"attribute":"big","op":"gte","value":18446744073709551617}`, true},
		{`{"attribute":"big","op":"gte","value":18446744073709551618}`, false},
		{`{"attribute":"big","op":"gte","value":1.8446744073709551617e19}`, true},
		{`{"attribute":"plan","op":"gte","value":"pro"}`, true},
		{`{"attribute":"missing","op":"gte","value":0}`, false},
		{`{"attribute":"seats","op":"lt","value":13}`, true},
		{`{"attribute":"seats","op":"lt","value":12}`, false},
		{`{"attribute":"score","op":"lt","value":7.6}`, true},
		{`{"attribute":"neg","op":"lt","value":0}`, true},
		{`{"attribute":"seats","op":"lt","value":1e-400}`, false},
		{`{"attribute":"neg","op":"lt","value":-1e-400}`, true},
		{`{"attribute":"plan","op":"lt","value":"q"}`, true},
		{`{"attribute":"plan","op":"lt","value":100}`, false},
		{`{"attribute":"missing","op":"lt","value":100}`, false},
		{`{"attribute":"seats","op":"lte","value":12}`, true},
		{`{"attribute":"seats","op":"lte","value":11.99}`, false},
		{`{"attribute":"empty","op":"lte","value":""}`, true},
		{`{"attribute":"off","op":"lte","value":1}`, false},

		// contains: a substring of a string, or an element of a list.
		{`{"attribute":"plan","op":"contains","value":"ro"}`, true},
		{`{"attribute":"plan","op":"contains","value":"x"}`, false},
		{`{"attribute":"plan","op":"contains","value":""}`, true},
		{`{"attribute":"plan","op":"contains","value":1}`, false},
		{`{"attribute":"tags","op":"contains","value":"beta"}`, true},
		{`{"attribute":"tags","op":"contains","value":"bet"}`, false},
		{`{"attribute":"tags","op":"contains","value":3}`, true},
		{`{"attribute":"tags","op":"contains","value":4.0}`, true},
		{`{"attribute":"tags","op":"contains","value":"3"}`, false},
		{`{"attribute":"seats","op":"contains","value":1}`, false},
		{`{"attribute":"meta","op":"contains","value":"a"}`, false},
		{`{"attribute":"missing","op":"contains","value":"a"}`, false},

		// exists: present and not null, whatever the value.
		{`{"attribute":"plan","op":"exists"}`, true},
		{`{"attribute":"off","op":"exists"}`, true},
		{`{"attribute":"zero","op":"exists"}`, true},
		{`{"attribute":"empty","op":"exists"}`, true},
		{`{"attribute":"nothing","op":"exists"}`, false},
		{`{"attribute":"missing","op":"exists"}`, false},

		// Combinations.
		{`{"all":[{"attribute":"plan","op":"eq","value":"pro"},{"attribute":"seats","op":"gt","value":10}]}`, true},
		{`{"all":[{"attribute":"plan","op":"eq","value":"pro"},{"attribute":"seats","op":"gt","value":20}]}`, false},
		{`{"any":[{"attribute":"plan","op":"eq","value":"free"},{"event":"signed_up","op":"performed"}]}`, true},
		{`{"any":[{"attribute":"plan","op":"eq","value":"free"},{"event":"bought","op":"performed"}]}`, false},
		{`{"not":{"attribute":"missing","op":"exists"}}`, true},
		{`{"not":{"not":{"attribute":"plan","op":"exists"}}}`, true},
		{`{"any":[{"all":[{"attribute":"flag","op":"eq","value":false}]},{"not":{"any":[{"attribute":"tags","op":"contains","value":"alpha"}]}}]}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			if got := ruleOf(t, tt.rule).Eval(contact, start.Add(day)); got != tt.want {
				t.Errorf("Eval = %t, want %t", got, tt.want)
			}
		})
	}
}

// A contact with no attributes at all: every comparison is false except ne.
func TestRuleEvalWithoutAttributes(t *testing.T) {
	t.Parallel()
	contact := &definition.Contact{}
	for _, op := range definition.AttributeOps {
		rule := `{"attribute":"a","op":"` + op + `","value":1}`
		if op == definition.OpExists {
			rule = `{"attribute":"a","op":"exists"}`
		}
		if got, want := ruleOf(t, rule).Eval(contact, start), op == definition.OpNe; got != want {
			t.Errorf("%s on a missing attribute = %t, want %t", op, got, want)
		}
	}
}

const dryRunDoc = `{"steps":[
  {"type":"email","templateId":"welcome"},
  {"type":"delay","duration":"2d"},
  {"type":"condition","if":{"attribute":"plan","op":"eq","value":"pro"},
   "then":[{"type":"email","templateId":"pro","delay":"1h"}],
   "else":[{"type":"condition","if":{"any":[{"attribute":"seats","op":"gte","value":10},{"event":"demo","op":"performed"}]},
            "then":[{"type":"email","templateId":"sales"}],
            "else":[{"type":"delay","duration":"1w"},{"type":"email","templateId":"upgrade","delay":"0h"}]}]},
  {"type":"email","templateId":"bye","delay":"30m"}
]}`

func TestDryRun(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		contact definition.Contact
		want    []string
	}{
		{
			name:    "subscribed pro",
			contact: definition.Contact{Attributes: map[string]any{"plan": "pro"}, Subscribed: true},
			want: []string{
				"steps[0] email tmpl=welcome send=true @+0s",
				"steps[1] delay dur=2d @+0s",
				"steps[2] condition matched=true @+48h0m0s",
				"steps[2].then[0] email tmpl=pro dur=1h send=true @+49h0m0s",
				"steps[3] email tmpl=bye dur=30m send=true @+49h30m0s",
			},
		},
		{
			name:    "unsubscribed free",
			contact: definition.Contact{Attributes: map[string]any{"plan": "free", "seats": 3.0}},
			want: []string{
				"steps[0] email tmpl=welcome send=false reason=unsubscribed @+0s",
				"steps[1] delay dur=2d @+0s",
				"steps[2] condition matched=false @+48h0m0s",
				"steps[2].else[0] condition matched=false @+48h0m0s",
				"steps[2].else[0].else[0] delay dur=1w @+48h0m0s",
				"steps[2].else[0].else[1] email tmpl=upgrade send=false reason=unsubscribed @+216h0m0s",
				"steps[3] email tmpl=bye dur=30m send=false reason=unsubscribed @+216h30m0s",
			},
		},
		{
			name: "subscribed free with a demo by then",
			contact: definition.Contact{Attributes: map[string]any{"plan": "free"}, Subscribed: true,
				Events: []definition.Event{{Name: "demo", At: start.Add(day)}}},
			want: []string{
				"steps[0] email tmpl=welcome send=true @+0s",
				"steps[1] delay dur=2d @+0s",
				"steps[2] condition matched=false @+48h0m0s",
				"steps[2].else[0] condition matched=true @+48h0m0s",
				"steps[2].else[0].then[0] email tmpl=sales send=true @+48h0m0s",
				"steps[3] email tmpl=bye dur=30m send=true @+48h30m0s",
			},
		},
		{
			name: "a demo after the condition does not count",
			contact: definition.Contact{Attributes: map[string]any{"plan": "free"}, Subscribed: true,
				Events: []definition.Event{{Name: "demo", At: start.Add(3 * day)}}},
			want: []string{
				"steps[0] email tmpl=welcome send=true @+0s",
				"steps[1] delay dur=2d @+0s",
				"steps[2] condition matched=false @+48h0m0s",
				"steps[2].else[0] condition matched=false @+48h0m0s",
				"steps[2].else[0].else[0] delay dur=1w @+48h0m0s",
				"steps[2].else[0].else[1] email tmpl=upgrade send=true @+216h0m0s",
				"steps[3] email tmpl=bye dur=30m send=true @+216h30m0s",
			},
		},
	}
	prog := definition.Compile(mustParse(t, dryRunDoc))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := describeVisits(prog.DryRun(start, &tt.contact))
			if !slices.Equal(got, tt.want) {
				t.Errorf("dry run:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// The longest possible definition still fits the virtual clock of a dry run.
func TestDryRunLongestWaits(t *testing.T) {
	t.Parallel()
	steps := strings.TrimSuffix(strings.Repeat(`{"type":"delay","duration":"521w"},`, definition.MaxSteps), ",")
	visits := definition.Compile(mustParse(t, `{"steps":[`+steps+`]}`)).DryRun(start, &definition.Contact{})
	if len(visits) != definition.MaxSteps {
		t.Fatalf("got %d visits, want %d", len(visits), definition.MaxSteps)
	}
	last := visits[len(visits)-1].At
	want := start
	for range definition.MaxSteps - 1 {
		want = want.Add(521 * 7 * day) // 999 times that overflows a time.Duration
	}
	if !last.Equal(want) {
		t.Errorf("last delay starts at %v, want %v", last, want)
	}
}
