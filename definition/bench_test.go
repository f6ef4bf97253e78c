package definition_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// stepsPerBlock is how many steps one block of realisticDefinition holds, nested included.
const stepsPerBlock = 11

// realisticDefinition is an indented onboarding sequence of about the given number of steps:
// blocks of emails, delays and two levels of conditions over attributes and events.
func realisticDefinition(steps int) string {
	blocks := make([]string, 0, steps/stepsPerBlock)
	for i := range max(steps/stepsPerBlock, 1) {
		blocks = append(blocks, fmt.Sprintf(`    {"type": "email", "templateId": "tmpl_welcome_%[1]d"},
    {"type": "delay", "duration": "1d"},
    {"type": "condition",
     "if": {"all": [{"attribute": "plan", "op": "eq", "value": "pro"},
                    {"event": "purchased_%[1]d", "op": "not_performed", "within": "7d"}]},
     "then": [{"type": "email", "templateId": "tmpl_tips_%[1]d", "delay": "1h"},
              {"type": "delay", "duration": "2d"},
              {"type": "email", "templateId": "tmpl_followup_%[1]d"}],
     "else": [{"type": "condition",
               "if": {"any": [{"attribute": "seats", "op": "gte", "value": 10},
                              {"not": {"attribute": "country", "op": "ne", "value": "DE"}}]},
               "then": [{"type": "email", "templateId": "tmpl_enterprise_%[1]d"}],
               "else": [{"type": "email", "templateId": "tmpl_upgrade_%[1]d", "delay": "30m"},
                        {"type": "delay", "duration": "3d"}]}]},
    {"type": "email", "templateId": "tmpl_digest_%[1]d", "delay": "12h"}`, i))
	}
	return "{\"steps\": [\n" + strings.Join(blocks, ",\n") + "\n]}\n"
}

func benchDefinition(b *testing.B) (string, *definition.Definition) {
	doc := realisticDefinition(200)
	d := mustParse(b, doc)
	n := 0
	d.Walk(func(string, *definition.Step) { n++ })
	if n < 190 || n > 210 {
		b.Fatalf("the benchmark definition has %d steps, want about 200", n)
	}
	return doc, d
}

func BenchmarkParse(b *testing.B) {
	doc, _ := benchDefinition(b)
	data := []byte(doc)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := definition.Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCanonical(b *testing.B) {
	_, d := benchDefinition(b)
	b.ReportAllocs()
	for b.Loop() {
		_ = d.Canonical()
	}
}

// BenchmarkRun carries one enrolment from the start to the end of the definition.
func BenchmarkRun(b *testing.B) {
	_, d := benchDefinition(b)
	prog := definition.Compile(d)
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	contact := &definition.Contact{
		Attributes: map[string]any{"plan": "free", "seats": 12.0, "country": "FR"},
		Subscribed: true,
		Events:     []definition.Event{{Name: "purchased_3", At: start.Add(time.Hour)}},
	}
	end := start.Add(100 * 365 * 24 * time.Hour)
	b.ReportAllocs()
	for b.Loop() {
		visits := 0
		c := prog.Run(definition.Cursor{At: start}, end, contact, func(definition.Visit) { visits++ })
		if !prog.Done(c) || visits == 0 {
			b.Fatalf("run stopped at %+v after %d visits", c, visits)
		}
	}
}
