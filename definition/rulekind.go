package definition

import (
	"fmt"
	"strings"
)

// RuleKind is the form of a rule, named by the key that introduces it in the JSON.
type RuleKind string

// Rule kinds, as reported by Rule.Kind.
const (
	RuleAll       RuleKind = "all"
	RuleAny       RuleKind = "any"
	RuleNot       RuleKind = "not"
	RuleAttribute RuleKind = "attribute"
	RuleEvent     RuleKind = "event"
)

// ruleKinds lists the rule kinds in the order messages name them.
var ruleKinds = []RuleKind{RuleAll, RuleAny, RuleNot, RuleAttribute, RuleEvent}

// The keys a rule of each kind may have.
var (
	allKeys       = []string{"all"}
	anyKeys       = []string{"any"}
	notKeys       = []string{"not"}
	attributeKeys = []string{"attribute", "op", "value"}
	eventKeys     = []string{"event", "op", "within"}
)

// keys are the keys a rule of the kind may have.
func (k RuleKind) keys() []string {
	switch k {
	case RuleAll:
		return allKeys
	case RuleAny:
		return anyKeys
	case RuleNot:
		return notKeys
	case RuleAttribute:
		return attributeKeys
	case RuleEvent:
		return eventKeys
	default:
		panic(fmt.Sprintf("definition: unknown rule kind %q", k))
	}
}

// Attribute operators.
const (
	OpEq       = "eq"
	OpNe       = "ne"
	OpGt       = "gt"
	OpGte      = "gte"
	OpLt       = "lt"
	OpLte      = "lte"
	OpContains = "contains"
	OpExists   = "exists"
)

// Event operators.
const (
	OpPerformed    = "performed"
	OpNotPerformed = "not_performed"
)

// AttributeOps lists the attribute operators in documentation order.
var AttributeOps = []string{OpEq, OpNe, OpGt, OpGte, OpLt, OpLte, OpContains, OpExists}

// EventOps lists the event operators.
var EventOps = []string{OpPerformed, OpNotPerformed}

// attributeOpsText lists the attribute operators for messages: `"eq", "ne", ...`.
var attributeOpsText = strings.Join(quoteAll(AttributeOps), ", ")

// IsOrdering reports whether an attribute operator orders numbers or strings.
func IsOrdering(op string) bool {
	return op == OpGt || op == OpGte || op == OpLt || op == OpLte
}

// Kind says which form the rule has.
func (r *Rule) Kind() RuleKind {
	switch {
	case r.All != nil:
		return RuleAll
	case r.Any != nil:
		return RuleAny
	case r.Not != nil:
		return RuleNot
	case r.Event != "":
		return RuleEvent
	default:
		return RuleAttribute
	}
}

// Group is the rule of kind RuleAll or RuleAny over rules.
func Group(kind RuleKind, rules []Rule) *Rule {
	switch kind {
	case RuleAll:
		return &Rule{All: rules}
	case RuleAny:
		return &Rule{Any: rules}
	case RuleNot, RuleAttribute, RuleEvent:
		panic(fmt.Sprintf("definition: a %q rule is not a group", kind))
	default:
		panic(fmt.Sprintf("definition: unknown rule kind %q", kind))
	}
}

// Members are the rules of an all or any; nil for other kinds.
func (r *Rule) Members() []Rule {
	switch kind := r.Kind(); kind {
	case RuleAll:
		return r.All
	case RuleAny:
		return r.Any
	case RuleNot, RuleAttribute, RuleEvent:
		return nil
	default:
		panic(fmt.Sprintf("definition: unknown rule kind %q", kind))
	}
}
