package dsl

import (
	"strconv"
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// Block types and attribute names of the language.
const (
	blockLocals    = "locals"
	blockEmail     = "email"
	blockDelay     = "delay"
	blockCondition = "condition"
	blockThen      = "then"
	blockElse      = "else"

	attrTemplate = "template"
	attrDelay    = "delay"
	attrDuration = "duration"
	attrWhen     = "when"
)

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

const (
	useTemplate   usage = "the template id"
	useDelay      usage = "the email's delay"
	useDuration   usage = "the delay's duration"
	useComparison usage = "the value compared with the attribute"
	useEvent      usage = "the event name"
	useWithin     usage = "the time window of performed"
	useAttrName   usage = "the attribute name"
)

var (
	stepBlocks    = []string{blockEmail, blockDelay, blockCondition}
	topBlocks     = []string{blockEmail, blockDelay, blockCondition, blockLocals}
	branchBlocks  = []string{blockThen, blockElse}
	emailAttrs    = []string{attrTemplate, attrDelay}
	delayAttrs    = []string{attrDuration}
	conditionAttr = []string{attrWhen}
	ruleFunctions = []string{fnPerformed, fnExists, fnContains, fnAll, fnAny}
	references    = []string{rootVar, rootLocal, rootContact}
)

// aliases maps names people bring from the JSON format or from other tools to the DSL name,
// for "did you mean" hints that edit distance alone would miss.
var aliases = map[string]string{
	"templateId":  attrTemplate,
	"template_id": attrTemplate,
	"templateID":  attrTemplate,
	"tmpl":        attrTemplate,
	"wait":        blockDelay,
	"sleep":       blockDelay,
	"after":       attrDelay,
	"if":          attrWhen,
	"rule":        attrWhen,
	"steps":       blockEmail,
	"send":        blockEmail,
	"mail":        blockEmail,
	"vars":        rootVar,
	"variable":    rootVar,
	"locals":      rootLocal,
	"user":        rootContact,
	"contacts":    rootContact,
}

// didYouMean returns " Did you mean X?" when name is a near miss of one of candidates, or "".
func didYouMean(name string, candidates []string) string {
	best := definition.Suggest(name, candidates)
	if alias, ok := aliases[name]; ok && best == "" {
		for _, c := range candidates {
			if c == alias {
				best = alias
			}
		}
	}
	if best == "" {
		return ""
	}
	return " Did you mean " + strconv.Quote(best) + "?"
}

// list writes names as "a, b or c", each quoted.
func list(names []string, conj string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = strconv.Quote(n)
	}
	if len(quoted) <= 1 {
		return strings.Join(quoted, "")
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " " + conj + " " + quoted[len(quoted)-1]
}
