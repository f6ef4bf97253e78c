package main

import (
	"strings"
	"testing"
)

// simulateSource welcomes, waits two days, then tips pro contacts an hour later and invites
// the others to upgrade at once.
const simulateSource = `email {
  template = "tmpl_welcome"
}

delay {
  duration = "2d"
}

condition {
  when = contact.plan == "pro"

  then {
    email {
      template = "tmpl_pro_tips"
      delay    = "1h"
    }
  }

  else {
    email {
      template = "tmpl_upgrade"
    }
  }
}
`

func TestDSLSimulateText(t *testing.T) {
	t.Parallel()
	path := writeTemp(t, "seq.kraiter.hcl", simulateSource)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{
			name: "pro",
			args: []string{"--contact", `{"plan":"pro"}`},
			want: "+0m    email tmpl_welcome (steps[0])\n" +
				"+0m    wait 2d (steps[1])\n" +
				`+2d    condition contact.plan == "pro": yes (steps[2])` + "\n" +
				"+2d1h  email tmpl_pro_tips after 1h (steps[2].then[0])\n" +
				"sent: tmpl_welcome, tmpl_pro_tips\n" +
				"completed\n",
		},
		{
			name: "unsubscribed, without a plan",
			args: []string{"--contact", `{}`, "--subscribed=false"},
			want: "+0m  email tmpl_welcome: not sent, unsubscribed (steps[0])\n" +
				"+0m  wait 2d (steps[1])\n" +
				`+2d  condition contact.plan == "pro": no (steps[2])` + "\n" +
				"+2d  email tmpl_upgrade: not sent, unsubscribed (steps[2].else[0])\n" +
				"sent: nothing\n" +
				"completed\n",
		},
		{
			name: "until",
			args: []string{"--contact", `{"plan":"pro"}`, "--until", "1d12h"},
			want: "+0m  email tmpl_welcome (steps[0])\n" +
				"+0m  wait 2d (steps[1])\n" +
				"sent: tmpl_welcome\n" +
				"not completed by +1d12h (--until)\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runKraiter(t, "", append([]string{"dsl", "simulate", path}, tt.args...)...)
			if code != 0 || out != tt.want {
				t.Errorf("exit %d, stderr %q, stdout:\n%s\nwant:\n%s", code, errOut, out, tt.want)
			}
		})
	}
}

func TestDSLSimulateJSON(t *testing.T) {
	t.Parallel()
	path := writeTemp(t, "seq.kraiter.hcl", "condition {\n  when = performed(\"demo\", \"1d\")\n\n  then {\n    email {\n      template = \"tmpl_demo\"\n    }\n  }\n}\n\ndelay {\n  duration = \"3d\"\n}\n")
	out, errOut, code := runKraiter(t, "", "dsl", "simulate", path, "--contact", `{"seats":12}`, "--event", "demo@-12h", "--format", "json")
	want := `{
  "sends": [
    {
      "templateId": "tmpl_demo",
      "after_minutes": 0,
      "path": "steps[0].then[0]"
    }
  ],
  "completed": true,
  "steps": [
    {
      "path": "steps[0]",
      "type": "condition",
      "after_minutes": 0,
      "matched": true
    },
    {
      "path": "steps[0].then[0]",
      "type": "email",
      "after_minutes": 0,
      "templateId": "tmpl_demo",
      "would_send": true
    },
    {
      "path": "steps[1]",
      "type": "delay",
      "after_minutes": 0,
      "duration": "3d"
    }
  ]
}
`
	if code != 0 || out != want {
		t.Errorf("exit %d, stderr %q, stdout:\n%s\nwant:\n%s", code, errOut, out, want)
	}
}

// A JSON definition is told from DSL by its content, here from standard input; an event after
// the condition is reached does not count for it.
func TestDSLSimulateJSONDefinition(t *testing.T) {
	t.Parallel()
	def := ` {"steps":[{"type":"delay","duration":"2d"},{"type":"condition","if":{"event":"bought","op":"performed"},"then":[{"type":"email","templateId":"thanks","delay":"30m"}]}]}`
	tests := []struct {
		event string
		want  string
	}{
		{"bought@1d", `"sends":[{"templateId":"thanks","after_minutes":2910,"path":"steps[1].then[0]"}]`},
		{"bought@2d1m", `"sends":[]`},
	}
	for _, tt := range tests {
		out, errOut, code := runKraiter(t, def, "dsl", "simulate", "-", "--contact", "{}", "--event", tt.event, "--format", "json")
		compact := strings.Join(strings.Fields(out), "")
		if code != 0 || !strings.Contains(compact, tt.want) {
			t.Errorf("--event %s: exit %d, stderr %q, stdout:\n%s\nwant %s", tt.event, code, errOut, out, tt.want)
		}
	}
}

func TestDSLSimulateErrors(t *testing.T) {
	t.Parallel()
	seq := writeTemp(t, "seq.kraiter.hcl", simulateSource)
	bad := writeTemp(t, "bad.kraiter.hcl", badSource)
	badJSON := writeTemp(t, "bad.json", `{"steps":[{"type":"delay"}]}`)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no contact", []string{seq}, 2, "--contact: give the contact's attributes as a JSON object"},
		{"contact not an object", []string{seq, "--contact", `["pro"]`}, 2, `--contact: "[\"pro\"]" is not a JSON object`},
		{"contact with more after it", []string{seq, "--contact", `{} {}`}, 2, "has more after its JSON object"},
		{"event without a time", []string{seq, "--contact", "{}", "--event", "bought"}, 2, `"bought" is not NAME@TIME`},
		{"event without a name", []string{seq, "--contact", "{}", "--event", "@1d"}, 2, `"@1d" is not NAME@TIME`},
		{"event at a bad time", []string{seq, "--contact", "{}", "--event", "bought@2 days"}, 2, `event "bought": "2 days" is not a time after the enrolment`},
		{"bad until", []string{seq, "--contact", "{}", "--until", "soon"}, 2, `--until: "soon" is not a time after the enrolment`},
		{"zero until", []string{seq, "--contact", "{}", "--until", "0d"}, 2, "cannot stop at the enrolment itself"},
		{"bad format", []string{seq, "--contact", "{}", "--format", "yaml"}, 2, `invalid argument "yaml" for "--format" flag: use "text" or "json"`},
		{"bad subscribed", []string{seq, "--contact", "{}", "--subscribed=maybe"}, 2, `invalid argument "maybe" for "--subscribed"`},
		{"bad var", []string{seq, "--contact", "{}", "--var", "locale"}, 2, `"locale" is not NAME=VALUE`},
		{"no file", []string{"--contact", "{}"}, 2, "give one FILE (or - for standard input), not 0 arguments"},
		{"two files", []string{seq, seq, "--contact", "{}"}, 2, "not 2 arguments"},
		{"invalid DSL", []string{bad, "--contact", "{}"}, 1, bad + ":1:1: error: Unknown block type"},
		{"invalid definition", []string{badJSON, "--contact", "{}"}, 1, badJSON + ": error: steps[0].duration: is required"},
		{"missing file", []string{"missing.kraiter.hcl", "--contact", "{}"}, 1, "open missing.kraiter.hcl: no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runKraiter(t, "", append([]string{"dsl", "simulate"}, tt.args...)...)
			if code != tt.code || out != "" || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q", code, out, errOut, tt.code, tt.want)
			}
		})
	}
}
