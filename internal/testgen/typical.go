package testgen

import (
	"encoding/json"
	"fmt"
)

// TypicalSteps is how many steps Typical has, nested ones included.
const TypicalSteps = 12

// typical is an onboarding sequence of TypicalSteps steps, the size most sequences have.
const typical = `{"steps": [
  {"type": "email", "templateId": "tmpl_welcome"},
  {"type": "delay", "duration": "1d"},
  {"type": "condition",
   "if": {"all": [{"attribute": "plan", "op": "eq", "value": "pro"},
                  {"event": "purchased", "op": "not_performed", "within": "7d"}]},
   "then": [{"type": "email", "templateId": "tmpl_tips", "delay": "1h"},
            {"type": "delay", "duration": "2d"},
            {"type": "email", "templateId": "tmpl_followup"}],
   "else": [{"type": "condition",
             "if": {"any": [{"attribute": "seats", "op": "gte", "value": 10},
                            {"not": {"attribute": "country", "op": "ne", "value": "DE"}}]},
             "then": [{"type": "email", "templateId": "tmpl_enterprise"}],
             "else": [{"type": "email", "templateId": "tmpl_upgrade", "delay": "30m"}]}]},
  {"type": "delay", "duration": "3d"},
  {"type": "email", "templateId": "tmpl_digest", "delay": "12h"},
  {"type": "email", "templateId": "tmpl_last_call"}
]}`

// TypicalTemplates are the templates Typical names, which a server must know.
var TypicalTemplates = []string{"tmpl_welcome", "tmpl_tips", "tmpl_followup", "tmpl_enterprise", "tmpl_upgrade", "tmpl_digest", "tmpl_last_call"}

// Typical is a definition of TypicalSteps steps as Terraform's jsonencode writes it: compact,
// keys sorted.
func Typical() string {
	var v any
	if err := json.Unmarshal([]byte(typical), &v); err != nil {
		panic(fmt.Sprintf("testgen: the typical definition is not JSON: %v", err))
	}
	out, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("testgen: write the typical definition: %v", err))
	}
	return string(out)
}
