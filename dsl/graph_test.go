package dsl

import (
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

func TestGraph(t *testing.T) {
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
  s0["Email tmpl_#34;welcome#34; #60;b#62;#35;1#60;/b#62;"]
  s1{"#34;first name#34; is #34;Ada#34; or not (performed #34;bought#34; within 7d)"}
  s1t0(["Wait 2d"])
  s2{"age is at least 18 and (tags contains #34;x#34; and vip is set)"}
  s2e0["Email t after 1h"]
  finish(["End"])
  start --> s0
  s0 --> s1
  s1 -->|yes| s1t0
  s1 -->|no| s2
  s1t0 --> s2
  s2 -->|yes| finish
  s2 -->|no| s2e0
  s2e0 --> finish
`
	if got := Graph(def); got != want {
		t.Errorf("graph:\n%s\nwant:\n%s", got, want)
	}
}
