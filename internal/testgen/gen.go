// Package testgen writes the synthetic sequences the benchmarks measure: definitions of an exact
// number of steps, built from one realistic block repeated, so that a size is the only thing
// that changes between 10, 100 and 1,000 steps.
package testgen

import (
	"fmt"
	"strings"
)

// StepsPerBlock is how many steps one block holds, nested ones included.
const StepsPerBlock = 10

// Sizes are the step counts the compile and growth benchmarks run at, smallest first;
// bench/gobench divides each figure by its count, so a flat time per step means linear growth.
var Sizes = []int{10, 100, 1000}

// block is an onboarding fragment of StepsPerBlock steps: emails, delays, and conditions two
// deep over attributes and events. %[1]d numbers its templates and events; %[2]s is the
// digest email's template suffix and %[3]s the long delay, which Changed varies.
const block = `{"type": "email", "templateId": "tmpl_welcome_%[1]d"},
{"type": "delay", "duration": "1d"},
{"type": "condition",
 "if": {"all": [{"attribute": "plan", "op": "eq", "value": "pro"},
                {"event": "purchased_%[1]d", "op": "not_performed", "within": "7d"}]},
 "then": [{"type": "email", "templateId": "tmpl_tips_%[1]d", "delay": "1h"},
          {"type": "delay", "duration": "%[3]s"},
          {"type": "email", "templateId": "tmpl_followup_%[1]d"}],
 "else": [{"type": "condition",
           "if": {"any": [{"attribute": "seats", "op": "gte", "value": 10},
                          {"not": {"attribute": "country", "op": "ne", "value": "DE"}}]},
           "then": [{"type": "email", "templateId": "tmpl_enterprise_%[1]d"}],
           "else": [{"type": "email", "templateId": "tmpl_upgrade_%[1]d", "delay": "30m"}]}]},
{"type": "email", "templateId": "tmpl_digest_%[1]d%[2]s", "delay": "12h"}`

// Definition is an indented definition of exactly steps steps, a multiple of StepsPerBlock.
func Definition(steps int) string {
	return definition(steps, "", "2d")
}

// Changed is Definition(steps) with two steps of every block changed: the digest email's
// template and a delay's duration, as an edit spread over a whole sequence would be.
func Changed(steps int) string {
	return definition(steps, "_v2", "3d")
}

func definition(steps int, suffix, delay string) string {
	if steps <= 0 || steps%StepsPerBlock != 0 {
		panic(fmt.Sprintf("testgen: %d steps is not a positive multiple of %d", steps, StepsPerBlock))
	}
	blocks := make([]string, steps/StepsPerBlock)
	for i := range blocks {
		blocks[i] = fmt.Sprintf(block, i, suffix, delay)
	}
	return "{\"steps\": [\n" + strings.Join(blocks, ",\n") + "\n]}\n"
}
