package dsl

import (
	"slices"
	"strconv"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// blockLocals is the block of named values. The step blocks come from the definition's
// step table (see stepblocks.go).
const blockLocals = "locals"

// Roots of references in expressions.
const (
	rootVar     = "var"
	rootLocal   = "local"
	rootContact = "contact"
)

// Functions of the when expression, which compile to rules instead of being evaluated.
const (
	fnPerformed = "performed"
	fnExists    = "exists"
	fnContains  = "contains"
	fnAll       = "all"
	fnAny       = "any"
)

// fnNumber writes a number exactly from its text: number("1e999999999").
const fnNumber = "number"

// usage says what an expression's value is for, in messages: "the template id must be a
// string".
type usage string

// What the values of rules are for; a step attribute's usage is in its attrSpec.
const (
	useComparison usage = "the value compared with the attribute"
	useEvent      usage = "the event name"
	useWithin     usage = "the time window of performed"
	useAttrName   usage = "the attribute name"
)

var (
	ruleFunctions = []string{fnPerformed, fnExists, fnContains, fnAll, fnAny}
	references    = []string{rootVar, rootLocal, rootContact}
)

// aliases maps names people bring from other tools to the DSL name they likely mean, for
// "did you mean" hints that edit distance alone would miss. The JSON keys of the step fields
// that the DSL spells otherwise ("templateId", "if") are aliases of their attributes too.
var aliases = map[string]string{
	"template_id": "template",
	"templateID":  "template",
	"tmpl":        "template",
	"wait":        string(definition.StepDelay),
	"sleep":       string(definition.StepDelay),
	"after":       "delay",
	"rule":        "when",
	"steps":       string(definition.StepEmail),
	"send":        string(definition.StepEmail),
	"mail":        string(definition.StepEmail),
	"vars":        rootVar,
	"variable":    rootVar,
	"locals":      rootLocal,
	"user":        rootContact,
	"contacts":    rootContact,
}

// DidYouMean returns " Did you mean X?" when name is a near miss of one of candidates, or "".
// The choice is definition.Suggest's; an alias is offered only when it has none.
func DidYouMean(name string, candidates []string) string {
	best := definition.Suggest(name, candidates)
	if best == "" {
		best = alias(name, candidates)
	}
	if best == "" {
		return ""
	}
	return " Did you mean " + strconv.Quote(best) + "?"
}

// alias is the candidate that name is an alias of, or "".
func alias(name string, candidates []string) string {
	target, ok := aliases[name]
	if !ok {
		target, ok = attrNames[name]
	}
	if ok && slices.Contains(candidates, target) {
		return target
	}
	return ""
}
