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

// The expected timelines below are worked out by hand, in minutes after the enrolment
// (1h = 60, 1d = 1440, 2d = 2880, 3d = 4320, 1w = 10080).

// describeStep writes a simulated step on one line, with only the fields that are set.
func describeStep(s definition.SimulationStep) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", s.Path, s.Type)
	if s.TemplateID != "" {
		fmt.Fprintf(&b, " %s", s.TemplateID)
	}
	if s.Duration != "" {
		fmt.Fprintf(&b, " dur=%s", s.Duration)
	}
	if s.Matched != nil {
		fmt.Fprintf(&b, " matched=%t", *s.Matched)
	}
	if s.WouldSend != nil {
		fmt.Fprintf(&b, " send=%t", *s.WouldSend)
	}
	if s.Reason != "" {
		fmt.Fprintf(&b, " reason=%s", s.Reason)
	}
	fmt.Fprintf(&b, " @%dm", s.After/time.Minute)
	return b.String()
}

func describeSends(sends []definition.SimulationSend) []string {
	out := []string{}
	for _, s := range sends {
		out = append(out, fmt.Sprintf("%s %s @%dm", s.Path, s.TemplateID, s.After/time.Minute))
	}
	return out
}

type simulationCase struct {
	name      string
	doc       string
	in        definition.SimulationInput
	steps     []string
	sends     []string
	completed bool
}

func runSimulationCases(t *testing.T, cases []simulationCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := definition.Simulate(mustParse(t, tc.doc), tc.in)
			var steps []string
			for _, s := range res.Steps {
				steps = append(steps, describeStep(s))
			}
			if !slices.Equal(steps, tc.steps) {
				t.Errorf("steps:\n got %q\nwant %q", steps, tc.steps)
			}
			if got := describeSends(res.Sends); !slices.Equal(got, tc.sends) {
				t.Errorf("sends:\n got %q\nwant %q", got, tc.sends)
			}
			if res.Completed != tc.completed {
				t.Errorf("completed = %t, want %t", res.Completed, tc.completed)
			}
		})
	}
}

// routingDoc welcomes, waits two days, then tips pro contacts and, an hour later, invites
// the others to upgrade; everyone gets a goodbye half an hour after that.
const routingDoc = `{"steps":[
  {"type":"email","templateId":"welcome"},
  {"type":"delay","duration":"2d"},
  {"type":"condition","if":{"attribute":"plan","op":"eq","value":"pro"},
   "then":[{"type":"email","templateId":"pro_tips"}],
   "else":[{"type":"email","templateId":"upgrade","delay":"1h"}]},
  {"type":"email","templateId":"bye","delay":"30m"}
]}`

func TestSimulateBranchesAndDelays(t *testing.T) {
	t.Parallel()
	runSimulationCases(t, []simulationCase{
		{
			name: "pro takes then",
			doc:  routingDoc,
			in:   definition.SimulationInput{Attributes: map[string]any{"plan": "pro"}, Subscribed: true},
			steps: []string{
				"steps[0] email welcome send=true @0m",
				"steps[1] delay dur=2d @0m",
				"steps[2] condition matched=true @2880m",
				"steps[2].then[0] email pro_tips send=true @2880m",
				"steps[3] email bye dur=30m send=true @2910m",
			},
			sends:     []string{"steps[0] welcome @0m", "steps[2].then[0] pro_tips @2880m", "steps[3] bye @2910m"},
			completed: true,
		},
		{
			name: "free takes else, whose email waits its hour",
			doc:  routingDoc,
			in:   definition.SimulationInput{Attributes: map[string]any{"plan": "free"}, Subscribed: true},
			steps: []string{
				"steps[0] email welcome send=true @0m",
				"steps[1] delay dur=2d @0m",
				"steps[2] condition matched=false @2880m",
				"steps[2].else[0] email upgrade dur=1h send=true @2940m",
				"steps[3] email bye dur=30m send=true @2970m",
			},
			sends:     []string{"steps[0] welcome @0m", "steps[2].else[0] upgrade @2940m", "steps[3] bye @2970m"},
			completed: true,
		},
		{
			name: "delay steps add up",
			doc:  `{"steps":[{"type":"delay","duration":"1w"},{"type":"delay","duration":"3d"},{"type":"email","templateId":"late","delay":"12h"}]}`,
			in:   definition.SimulationInput{Subscribed: true},
			steps: []string{
				"steps[0] delay dur=1w @0m",
				"steps[1] delay dur=3d @10080m",
				"steps[2] email late dur=12h send=true @15120m",
			},
			sends:     []string{"steps[2] late @15120m"},
			completed: true,
		},
		{
			name: "unsubscribed passes the same steps and is sent nothing",
			doc:  routingDoc,
			in:   definition.SimulationInput{Attributes: map[string]any{"plan": "pro"}},
			steps: []string{
				"steps[0] email welcome send=false reason=unsubscribed @0m",
				"steps[1] delay dur=2d @0m",
				"steps[2] condition matched=true @2880m",
				"steps[2].then[0] email pro_tips send=false reason=unsubscribed @2880m",
				"steps[3] email bye dur=30m send=false reason=unsubscribed @2910m",
			},
			sends:     []string{},
			completed: true,
		},
	})
}

// eventDoc reaches a condition on "demo" three days after the enrolment.
func eventDoc(within string) string {
	rule := `{"event":"demo","op":"performed"}`
	if within != "" {
		rule = `{"event":"demo","op":"performed","within":"` + within + `"}`
	}
	return `{"steps":[{"type":"delay","duration":"3d"},{"type":"condition","if":` + rule +
		`,"then":[{"type":"email","templateId":"yes"}],"else":[{"type":"email","templateId":"no"}]}]}`
}

func TestSimulatePerformed(t *testing.T) {
	t.Parallel()
	demoAt := func(offsets ...time.Duration) []definition.SimulationEvent {
		var events []definition.SimulationEvent
		for _, o := range offsets {
			events = append(events, definition.SimulationEvent{Name: "demo", After: o})
		}
		return events
	}
	tests := []struct {
		name   string
		within string
		events []definition.SimulationEvent
		branch string // "then[0] yes" or "else[0] no"
	}{
		{"never", "", nil, "else[0] no"},
		{"another event", "", []definition.SimulationEvent{{Name: "browse", After: day}}, "else[0] no"},
		{"before the enrolment", "", demoAt(-5 * day), "then[0] yes"},
		{"after the enrolment, before the step", "", demoAt(day), "then[0] yes"},
		{"when the step is reached", "", demoAt(3 * day), "then[0] yes"},
		{"after the step is reached", "", demoAt(3*day + time.Minute), "else[0] no"},
		{"within 1d: before the window", "1d", demoAt(day), "else[0] no"},
		{"within 1d: at the window's start", "1d", demoAt(2 * day), "then[0] yes"},
		{"within 1d: inside the window", "1d", demoAt(2*day + 12*time.Hour), "then[0] yes"},
		{"within 1d: when the step is reached", "1d", demoAt(3 * day), "then[0] yes"},
		{"within 1d: after the step is reached", "1d", demoAt(3*day + time.Minute), "else[0] no"},
		{"within 1d: before the enrolment", "1d", demoAt(-day), "else[0] no"},
		{"within 1d: repeated, one inside", "1d", demoAt(time.Hour, 2*day+time.Hour, 4*day), "then[0] yes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := definition.Simulate(mustParse(t, eventDoc(tt.within)), definition.SimulationInput{Subscribed: true, Events: tt.events})
			var got []string
			for _, s := range res.Steps {
				got = append(got, describeStep(s))
			}
			yes := strings.HasPrefix(tt.branch, "then")
			want := []string{
				"steps[0] delay dur=3d @0m",
				fmt.Sprintf("steps[1] condition matched=%t @4320m", yes),
				fmt.Sprintf("steps[1].%s send=true @4320m", strings.Replace(tt.branch, " ", " email ", 1)),
			}
			if !slices.Equal(got, want) {
				t.Errorf("steps:\n got %q\nwant %q", got, want)
			}
		})
	}
}

// The same event counts for a condition reached after it and not for one reached before.
func TestSimulateEventBetweenConditions(t *testing.T) {
	t.Parallel()
	doc := `{"steps":[
	  {"type":"condition","if":{"event":"bought","op":"performed"},"then":[{"type":"email","templateId":"thanks_early"}]},
	  {"type":"delay","duration":"2d"},
	  {"type":"condition","if":{"event":"bought","op":"performed"},"then":[{"type":"email","templateId":"thanks"}]}
	]}`
	runSimulationCases(t, []simulationCase{{
		name: "bought on day one",
		doc:  doc,
		in:   definition.SimulationInput{Subscribed: true, Events: []definition.SimulationEvent{{Name: "bought", After: day}}},
		steps: []string{
			"steps[0] condition matched=false @0m",
			"steps[1] delay dur=2d @0m",
			"steps[2] condition matched=true @2880m",
			"steps[2].then[0] email thanks send=true @2880m",
		},
		sends:     []string{"steps[2].then[0] thanks @2880m"},
		completed: true,
	}})
}

// ruleDoc branches at once on one rule: "yes" when it matches, "no" when it does not.
func ruleDoc(rule string) string {
	return `{"steps":[{"type":"condition","if":` + rule +
		`,"then":[{"type":"email","templateId":"yes"}],"else":[{"type":"email","templateId":"no"}]}]}`
}

// These pin what the DSL reference says of missing attributes, comparisons across types and
// contains.
func TestSimulateAttributeRules(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		rule  string
		attrs map[string]any
		want  string
	}{
		{"ne matches a contact without the attribute", `{"attribute":"plan","op":"ne","value":"free"}`, nil, "yes"},
		{"ne matches a null attribute", `{"attribute":"plan","op":"ne","value":"free"}`, map[string]any{"plan": nil}, "yes"},
		{"eq does not match a missing attribute", `{"attribute":"plan","op":"eq","value":"free"}`, nil, "no"},
		{"not of a comparison matches a missing attribute", `{"not":{"attribute":"seats","op":"gte","value":5}}`, nil, "yes"},
		{"the opposite comparison does not", `{"attribute":"seats","op":"lt","value":5}`, nil, "no"},
		{"not of a comparison, attribute present", `{"not":{"attribute":"seats","op":"gte","value":5}}`, map[string]any{"seats": json.Number("12")}, "no"},
		{"exists, missing", `{"attribute":"plan","op":"exists"}`, map[string]any{"seats": 3.0}, "no"},
		{"exists, null", `{"attribute":"plan","op":"exists"}`, map[string]any{"plan": nil}, "no"},
		{"exists, false", `{"attribute":"vip","op":"exists"}`, map[string]any{"vip": false}, "yes"},
		{"not exists, missing", `{"not":{"attribute":"plan","op":"exists"}}`, nil, "yes"},
		{"number attribute with a number", `{"attribute":"seats","op":"gte","value":5}`, map[string]any{"seats": json.Number("12")}, "yes"},
		{"string attribute with a number", `{"attribute":"seats","op":"gte","value":5}`, map[string]any{"seats": "12"}, "no"},
		{"string attribute with a number, lt", `{"attribute":"seats","op":"lt","value":5}`, map[string]any{"seats": "12"}, "no"},
		{"number attribute with a string", `{"attribute":"seats","op":"gt","value":"5"}`, map[string]any{"seats": json.Number("12")}, "no"},
		{"number attribute equal to a string", `{"attribute":"seats","op":"eq","value":"12"}`, map[string]any{"seats": json.Number("12")}, "no"},
		{"number attribute not equal to a string", `{"attribute":"seats","op":"ne","value":"12"}`, map[string]any{"seats": json.Number("12")}, "yes"},
		{"numbers are equal by value", `{"attribute":"seats","op":"eq","value":12.0}`, map[string]any{"seats": json.Number("12")}, "yes"},
		{"contains on a string is case-sensitive", `{"attribute":"email","op":"contains","value":"@Example."}`, map[string]any{"email": "ada@example.com"}, "no"},
		{"contains on a string with a number", `{"attribute":"code","op":"contains","value":12}`, map[string]any{"code": "A12"}, "no"},
		{"contains on a number", `{"attribute":"seats","op":"contains","value":1}`, map[string]any{"seats": json.Number("12")}, "no"},
		{"contains on a string: substring", `{"attribute":"email","op":"contains","value":"@example."}`, map[string]any{"email": "ada@example.com"}, "yes"},
		{"contains on a string: not there", `{"attribute":"email","op":"contains","value":"@kraiter."}`, map[string]any{"email": "ada@example.com"}, "no"},
		{"contains on a list: element", `{"attribute":"tags","op":"contains","value":"vip"}`, map[string]any{"tags": []any{"beta", "vip"}}, "yes"},
		{"contains on a list: part of an element", `{"attribute":"tags","op":"contains","value":"vi"}`, map[string]any{"tags": []any{"beta", "vip"}}, "no"},
		{"contains on a list: number element", `{"attribute":"tags","op":"contains","value":3}`, map[string]any{"tags": []any{json.Number("3.0")}}, "yes"},
		{"contains on a missing attribute", `{"attribute":"tags","op":"contains","value":"vip"}`, nil, "no"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := definition.Simulate(mustParse(t, ruleDoc(tt.rule)), definition.SimulationInput{Attributes: tt.attrs, Subscribed: true})
			want := []string{"steps[0].then[0] yes @0m"}
			if tt.want == "no" {
				want = []string{"steps[0].else[0] no @0m"}
			}
			if got := describeSends(res.Sends); !slices.Equal(got, want) {
				t.Errorf("sends %q, want %q", got, want)
			}
		})
	}
}

func TestSimulateUntil(t *testing.T) {
	t.Parallel()
	doc := `{"steps":[{"type":"email","templateId":"welcome"},{"type":"delay","duration":"2d"},{"type":"email","templateId":"tips","delay":"1h"},{"type":"delay","duration":"1w"}]}`
	subscribed := func(until time.Duration) definition.SimulationInput {
		return definition.SimulationInput{Subscribed: true, Until: until}
	}
	runSimulationCases(t, []simulationCase{
		{
			name:      "stops inside the delay",
			doc:       doc,
			in:        subscribed(day),
			steps:     []string{"steps[0] email welcome send=true @0m", "steps[1] delay dur=2d @0m"},
			sends:     []string{"steps[0] welcome @0m"},
			completed: false,
		},
		{
			name:      "stops inside the email's own delay",
			doc:       doc,
			in:        subscribed(2*day + 59*time.Minute),
			steps:     []string{"steps[0] email welcome send=true @0m", "steps[1] delay dur=2d @0m"},
			sends:     []string{"steps[0] welcome @0m"},
			completed: false,
		},
		{
			name: "a step due at until is taken",
			doc:  doc,
			in:   subscribed(2*day + time.Hour),
			steps: []string{
				"steps[0] email welcome send=true @0m", "steps[1] delay dur=2d @0m",
				"steps[2] email tips dur=1h send=true @2940m", "steps[3] delay dur=1w @2940m",
			},
			sends:     []string{"steps[0] welcome @0m", "steps[2] tips @2940m"},
			completed: false, // the trailing week is not over
		},
		{
			name: "completes when the trailing delay ends",
			doc:  doc,
			in:   subscribed(9*day + time.Hour),
			steps: []string{
				"steps[0] email welcome send=true @0m", "steps[1] delay dur=2d @0m",
				"steps[2] email tips dur=1h send=true @2940m", "steps[3] delay dur=1w @2940m",
			},
			sends:     []string{"steps[0] welcome @0m", "steps[2] tips @2940m"},
			completed: true,
		},
		{
			name: "zero runs to the end",
			doc:  doc,
			in:   subscribed(0),
			steps: []string{
				"steps[0] email welcome send=true @0m", "steps[1] delay dur=2d @0m",
				"steps[2] email tips dur=1h send=true @2940m", "steps[3] delay dur=1w @2940m",
			},
			sends:     []string{"steps[0] welcome @0m", "steps[2] tips @2940m"},
			completed: true,
		},
	})
}

func TestParseOffset(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    time.Duration
		wantErr string
	}{
		{in: "0m", want: 0},
		{in: "45m", want: 45 * time.Minute},
		{in: "2d", want: 2 * day},
		{in: "1w", want: 7 * day},
		{in: "2d12h", want: 2*day + 12*time.Hour},
		{in: "1w1d1h1m", want: 8*day + time.Hour + time.Minute},
		{in: "1d90m", want: day + 90*time.Minute},
		{in: "3650d", want: definition.MaxDuration},
		{in: "3649d24h", want: definition.MaxDuration},

		{in: "3649d25h", wantErr: "is too long"},
		{in: "3651d", wantErr: "is too long"},
		{in: "", wantErr: "is not a time after the enrolment"},
		{in: "2", wantErr: "is not a time after the enrolment"},
		{in: "d", wantErr: "is not a time after the enrolment"},
		{in: "12h2d", wantErr: "largest first"},
		{in: "1d1d", wantErr: "largest first"},
		{in: "-1d", wantErr: "is not a time after the enrolment"},
		{in: "1d ", wantErr: "is not a time after the enrolment"},
		{in: "1s", wantErr: "is not a time after the enrolment"},
		{in: "1.5d", wantErr: "is not a time after the enrolment"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := definition.ParseOffset(tt.in)
			switch {
			case tt.wantErr == "" && (err != nil || got != tt.want):
				t.Errorf("ParseOffset(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("ParseOffset(%q) = %v, %v; want an error containing %q", tt.in, got, err, tt.wantErr)
			}
		})
	}
}

func TestFormatOffset(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   time.Duration
		want string
	}{
		{0, "0m"},
		{30 * time.Second, "0m"},
		{45 * time.Minute, "45m"},
		{2 * day, "2d"},
		{49 * time.Hour, "2d1h"},
		{2*day + 90*time.Minute, "2d1h30m"},
		{15 * day, "15d"},
		{-3 * day, "-3d"},
	}
	for _, tt := range tests {
		got := definition.FormatOffset(tt.in)
		if got != tt.want {
			t.Errorf("FormatOffset(%v) = %q, want %q", tt.in, got, tt.want)
		}
		if back, err := definition.ParseOffset(got); tt.in >= 0 && (err != nil || back != tt.in.Truncate(time.Minute)) {
			t.Errorf("ParseOffset(FormatOffset(%v)) = %v, %v", tt.in, back, err)
		}
	}
}
