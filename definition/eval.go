package definition

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
	"time"
)

// Eval evaluates the rule for a contact at virtual time at, with the function of its kind.
func (r *Rule) Eval(c *Contact, at time.Time) bool {
	switch kind := r.Kind(); kind {
	case RuleAll:
		return r.evalAll(c, at)
	case RuleAny:
		return r.evalAny(c, at)
	case RuleNot:
		return !r.Not.Eval(c, at)
	case RuleAttribute:
		return r.evalAttribute(c)
	case RuleEvent:
		return r.evalEvent(c, at)
	default:
		panic(fmt.Sprintf("definition: unknown rule kind %q", kind))
	}
}

func (r *Rule) evalAll(c *Contact, at time.Time) bool {
	for i := range r.All {
		if !r.All[i].Eval(c, at) {
			return false
		}
	}
	return true
}

func (r *Rule) evalAny(c *Contact, at time.Time) bool {
	for i := range r.Any {
		if r.Any[i].Eval(c, at) {
			return true
		}
	}
	return false
}

// evalEvent checks whether the contact performed the event by at, within the window if any.
func (r *Rule) evalEvent(c *Contact, at time.Time) bool {
	performed := c.performed(r.Event, r.Within, at)
	if r.Op == OpNotPerformed {
		return !performed
	}
	return performed
}

// evalAttribute compares the contact's attribute with the rule's value. A missing or null
// attribute exists for nothing and differs from every value.
func (r *Rule) evalAttribute(c *Contact) bool {
	attr, present := c.Attributes[r.Attribute]
	if present && attr == nil {
		present = false
	}
	if r.Op == OpExists {
		return present
	}
	if !present {
		return r.Op == OpNe
	}
	var want any
	dec := json.NewDecoder(strings.NewReader(string(r.Value)))
	dec.UseNumber()
	if err := dec.Decode(&want); err != nil {
		return false
	}
	switch r.Op {
	case OpEq:
		return sameValue(attr, want)
	case OpNe:
		return !sameValue(attr, want)
	case OpContains:
		return contains(attr, want)
	case OpGt, OpGte, OpLt, OpLte:
		cmp, ok := compare(attr, want)
		return ok && ordered(r.Op, cmp)
	default:
		panic(fmt.Sprintf("definition: unknown attribute operator %q", r.Op))
	}
}

// contains reports whether a string holds a string, or a list holds a value.
func contains(attr, want any) bool {
	switch a := attr.(type) {
	case string:
		s, ok := want.(string)
		return ok && strings.Contains(a, s)
	case []any:
		for _, e := range a {
			if sameValue(e, want) {
				return true
			}
		}
	}
	return false
}

// ordered applies an ordering operator to the result of compare.
func ordered(op string, cmp int) bool {
	switch op {
	case OpGt:
		return cmp > 0
	case OpGte:
		return cmp >= 0
	case OpLt:
		return cmp < 0
	case OpLte:
		return cmp <= 0
	default:
		panic(fmt.Sprintf("definition: %q is not an ordering operator", op))
	}
}

func (c *Contact) performed(name, within string, at time.Time) bool {
	var since time.Time
	if within != "" {
		d, _ := ParseDuration(within)
		since = at.Add(-d)
	}
	for _, e := range c.Events {
		if e.Name == name && !e.At.After(at) && (within == "" || !e.At.Before(since)) {
			return true
		}
	}
	return false
}

func sameValue(a, b any) bool {
	return string(canonicalValue(normalize(a))) == string(canonicalValue(normalize(b)))
}

// normalize turns float64s (from attributes decoded without UseNumber) into json.Number.
func normalize(v any) any {
	switch x := v.(type) {
	case float64:
		return json.Number(big.NewFloat(x).Text('g', -1))
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalize(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = normalize(e)
		}
		return out
	}
	return v
}

// compare orders two numbers or two strings.
func compare(a, b any) (int, bool) {
	a, b = normalize(a), normalize(b)
	if as, ok := a.(string); ok {
		bs, ok := b.(string)
		if !ok {
			return 0, false
		}
		return strings.Compare(as, bs), true
	}
	an, ok1 := a.(json.Number)
	bn, ok2 := b.(json.Number)
	if !ok1 || !ok2 {
		return 0, false
	}
	// Exact decimals: a 64-bit float would call 2^64 and 2^64+1 equal.
	ad, ok1 := parseDecimal(string(an))
	bd, ok2 := parseDecimal(string(bn))
	if !ok1 || !ok2 {
		return 0, false
	}
	return ad.cmp(bd), true
}
