package stepdiff

import (
	"strings"
	"testing"

	"github.com/aymanbagabas/go-udiff"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

func TestGraph(t *testing.T) {
	t.Parallel()
	def, err := definition.ParseString(`{"steps":[
		{"type":"email","templateId":"tmpl_\"welcome\" <b>#1</b>"},
		{"type":"condition","if":{"any":[{"attribute":"first name","op":"eq","value":"Ada"},{"not":{"event":"bought","op":"performed","within":"7d"}}]},
		 "then":[{"type":"delay","duration":"2d"}]},
		{"type":"condition","if":{"all":[{"attribute":"age","op":"gte","value":18},{"all":[{"attribute":"tags","op":"contains","value":"x"},{"attribute":"vip","op":"exists"}]}]},
		 "else":[{"type":"email","templateId":"t","delay":"1h"}]}
	]}`)
	if err != nil {
		t.Fatal(err)
	}
	want := `flowchart TD
  start(["Start"])
  email_tmpl__welcome___b__1__b_["Email tmpl_#34;welcome#34; #60;b#62;#35;1#60;/b#62;"]
  cond_01e8ee{"#34;first name#34; is #34;Ada#34; or not (performed #34;bought#34; within 7d)"}
  wait_2d(["Wait 2d"])
  cond_2457d8{"age is at least 18 and (tags contains #34;x#34; and vip is set)"}
  email_t["Email t after 1h"]
  finish(["End"])
  start --> email_tmpl__welcome___b__1__b_
  email_tmpl__welcome___b__1__b_ --> cond_01e8ee
  cond_01e8ee -->|yes| wait_2d
  cond_01e8ee -->|no| cond_2457d8
  wait_2d --> cond_2457d8
  cond_2457d8 -->|yes| finish
  cond_2457d8 -->|no| email_t
  email_t --> finish
`
	if got := Graph(def); got != want {
		t.Errorf("graph:\n%s\nwant:\n%s", got, want)
	}
}

func TestGraphNodeIDs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		src  string
		want []string // node ids in document order
	}{
		{"content, not position", lines(mail("tmpl_welcome"), wait("2d")), []string{"email_tmpl_welcome", "wait_2d"}},
		{"repeats are numbered", lines(wait("1d"), mail("a"), wait("1d"), mail("a"), wait("1d")),
			[]string{"wait_1d", "email_a", "wait_1d_2", "email_a_2", "wait_1d_3"}},
		{"characters Mermaid does not take are underscores", lines(mail("tmpl-é.x y"), mail("end")),
			[]string{"email_tmpl___x_y", "email_end"}},
		{"a template id that looks like a numbered repeat", lines(mail("a"), mail("a_2"), mail("a")),
			[]string{"email_a", "email_a_2", "email_a_3"}},
		{"conditions by rule", lines(branch(`contact.plan == "pro"`, mail("a")), branch(`contact.plan == "pro"`), branch(`contact.plan == "team"`)),
			[]string{"cond_5226c9", "email_a", "cond_5226c9_2", "cond_97cd5d"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newGraph()
			def := mustDefinition(t, tt.src)
			g.flowchart(def)
			var got []string
			def.Walk(func(path string, _ *definition.Step) { got = append(got, g.ids[path]) })
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("ids %v, want %v", got, tt.want)
			}
		})
	}
}

// TestGraphStableAfterInsert proves that inserting one step changes a handful of lines of the
// graph (its node, the edge it cuts and its two new edges), wherever it goes.
func TestGraphStableAfterInsert(t *testing.T) {
	t.Parallel()
	example := compileExamples(t)["plan-routing"].Canonical()
	inserted := `{"type":"email","templateId":"tmpl_inserted"},`
	tests := []struct {
		name  string
		after string // the inserted step goes right after this text of the example
	}{
		{"at the front", `{"steps":[`},
		{"after the first step", `"tmpl_customer_welcome","delay":"0d"},`},
		{"at the front of a branch", `"then":[`},
		{"deep in an else branch", `"tmpl_free_referral_bonus","delay":"0d"}],"else":[`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at := strings.Index(example, tt.after)
			if at < 0 {
				t.Fatalf("the example has no %s", tt.after)
			}
			at += len(tt.after)
			before := Graph(mustDefinition(t, example))
			after := Graph(mustDefinition(t, example[:at]+inserted+example[at:]))
			changed := 0
			for _, line := range strings.Split(udiff.Unified("before", "after", before, after), "\n") {
				if (strings.HasPrefix(line, "+") || strings.HasPrefix(line, "-")) &&
					!strings.HasPrefix(line, "+++") && !strings.HasPrefix(line, "---") {
					changed++
				}
			}
			if changed != 4 {
				t.Errorf("%d lines changed, want 4 (the node, the edge it cuts, its two edges):\n%s",
					changed, udiff.Unified("before", "after", before, after))
			}
		})
	}
}

func TestGraphDiff(t *testing.T) {
	t.Parallel()
	oldDef := mustDefinition(t, lines(mail("welcome"), mail("tips"), branch(`contact.seats >= 5`, mail("sales")), mail("old")))
	newDef := mustDefinition(t, lines(mail("welcome"), branch(`contact.country == "DE"`, mail("tips")), branch(`contact.seats >= 10`, mail("sales")), wait("3d")))
	want := `flowchart TD
  start(["Start"])
  email_welcome["Email welcome"]
  cond_f84b8e{"country is #34;DE#34;"}
  email_tips["Email tips"]
  cond_897e8b{"seats is at least 10"}
  email_sales["Email sales"]
  wait_3d(["Wait 3d"])
  finish(["End"])
  start --> email_welcome
  email_welcome --> cond_f84b8e
  cond_f84b8e -->|yes| email_tips
  cond_f84b8e -->|no| cond_897e8b
  email_tips --> cond_897e8b
  cond_897e8b -->|yes| email_sales
  cond_897e8b -->|no| wait_3d
  email_sales --> wait_3d
  wait_3d --> finish
  subgraph removed_steps["Removed"]
    email_old["Email old"]
  end
  classDef added fill:#dafbe1,stroke:#1a7f37,stroke-width:2px,color:#1f2328
  classDef changed fill:#fff8c5,stroke:#9a6700,stroke-width:2px,color:#1f2328
  classDef moved fill:#ddf4ff,stroke:#0969da,stroke-width:2px,color:#1f2328
  classDef removed fill:#ffebe9,stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5,color:#1f2328
  class cond_f84b8e,wait_3d added
  class cond_897e8b changed
  class email_tips moved
  class email_old removed
`
	if got := GraphDiff(oldDef, newDef); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if got, want := GraphDiff(newDef, newDef), Graph(newDef); got != want {
		t.Errorf("no change: got:\n%s\nwant Graph's:\n%s", got, want)
	}
}

func TestGraphDiffRemovedRepeat(t *testing.T) {
	t.Parallel()
	got := GraphDiff(mustDefinition(t, lines(wait("1d"), mail("a"), wait("1d"))), mustDefinition(t, lines(wait("1d"), mail("a"))))
	if !strings.Contains(got, "    wait_1d_2([\"Wait 1d\"])\n") || !strings.Contains(got, "  class wait_1d_2 removed\n") {
		t.Errorf("a removed step whose id is taken gets a numbered one:\n%s", got)
	}
}
