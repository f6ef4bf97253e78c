package definition

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
	"time"
)

// Contact is what the interpreter knows of one contact: its attributes (decoded JSON,
// numbers as json.Number or float64), whether it accepts email, and its event history.
type Contact struct {
	Attributes map[string]any
	Subscribed bool
	Events     []Event
}

// Event is one event a contact performed.
type Event struct {
	Name string
	At   time.Time
}

// Visit is one step the interpreter passed through, in the shape of a dry-run step.
type Visit struct {
	Path       string
	Type       string
	TemplateID string
	// Duration is a delay step's duration, or an email's delay when it is not zero.
	Duration  string
	WouldSend *bool
	Matched   *bool
	// Reason says why an email would not be sent.
	Reason string
	// At is the virtual time at which the step took effect.
	At time.Time
}

// ReasonUnsubscribed is the Visit.Reason of an email to an unsubscribed contact.
const ReasonUnsubscribed = "unsubscribed"

type opKind uint8

const (
	opWait   opKind = iota // wait Wait; a visit is reported when the wait is a delay step
	opSend                 // an email step's send
	opBranch               // evaluate Rule; go on when it matches, jump to Target otherwise
	opJump                 // go to Target
)

type op struct {
	kind      opKind
	path      string
	step      *Step
	wait      time.Duration
	fromDelay bool
	target    int
}

// Program is a definition flattened into a list of operations with forward jumps, so that an
// enrolment's place in it is one number (Cursor.PC) that can be stored.
type Program struct {
	ops []op
}

// Compile flattens a parsed definition. Durations were checked by Parse.
func Compile(d *Definition) *Program {
	p := &Program{}
	p.compile("steps", d.Steps)
	return p
}

func (p *Program) compile(path string, steps []Step) {
	for i := range steps {
		s := &steps[i]
		at := fmt.Sprintf("%s[%d]", path, i)
		switch s.Type {
		case StepEmail:
			if d, _ := ParseDuration(s.Delay); d > 0 {
				p.ops = append(p.ops, op{kind: opWait, path: at, step: s, wait: d})
			}
			p.ops = append(p.ops, op{kind: opSend, path: at, step: s})
		case StepDelay:
			d, _ := ParseDuration(s.Duration)
			p.ops = append(p.ops, op{kind: opWait, path: at, step: s, wait: d, fromDelay: true})
		case StepCondition:
			branch := len(p.ops)
			p.ops = append(p.ops, op{kind: opBranch, path: at, step: s})
			p.compile(at+".then", s.Then)
			jump := len(p.ops)
			p.ops = append(p.ops, op{kind: opJump})
			p.ops[branch].target = len(p.ops)
			p.compile(at+".else", s.Else)
			p.ops[jump].target = len(p.ops)
		}
	}
}

// Cursor is an enrolment's place in a program: the next operation and the virtual time at
// which it is due.
type Cursor struct {
	PC int
	At time.Time
}

// Done reports whether the cursor is past the last operation.
func (p *Program) Done(c Cursor) bool { return c.PC >= len(p.ops) }

// Run carries an enrolment forward from c through every operation due by now, reporting each
// step it passes through to visit, and returns the new cursor. A cursor past the end (also
// after a definition was shortened by an update) means the enrolment is complete. Conditions
// are evaluated at the virtual time the step is reached.
func (p *Program) Run(c Cursor, now time.Time, contact *Contact, visit func(Visit)) Cursor {
	for c.PC < len(p.ops) && !c.At.After(now) {
		o := &p.ops[c.PC]
		c.PC++
		switch o.kind {
		case opWait:
			if o.fromDelay {
				visit(Visit{Path: o.path, Type: StepDelay, Duration: o.step.Duration, At: c.At})
			}
			c.At = c.At.Add(o.wait)
		case opSend:
			v := Visit{Path: o.path, Type: StepEmail, TemplateID: o.step.TemplateID, At: c.At, WouldSend: ptr(contact.Subscribed)}
			if o.step.Delay != DefaultEmailDelay {
				if d, _ := ParseDuration(o.step.Delay); d > 0 {
					v.Duration = o.step.Delay
				}
			}
			if !contact.Subscribed {
				v.Reason = ReasonUnsubscribed
			}
			visit(v)
		case opBranch:
			matched := o.step.If.Eval(contact, c.At)
			visit(Visit{Path: o.path, Type: StepCondition, Matched: ptr(matched), At: c.At})
			if !matched {
				c.PC = o.target
			}
		case opJump:
			c.PC = o.target
		}
	}
	return c
}

// DryRun walks the whole definition for one contact from now on, as if the virtual clock ran
// to the end with nothing else changing, and returns the steps the contact would pass.
func (p *Program) DryRun(now time.Time, contact *Contact) []Visit {
	var visits []Visit
	p.Run(Cursor{At: now}, maxTime, contact, func(v Visit) { visits = append(visits, v) })
	return visits
}

var maxTime = time.Unix(1<<62, 0)

func ptr[T any](v T) *T { return &v }

// Eval evaluates the rule for a contact at virtual time at.
func (r *Rule) Eval(c *Contact, at time.Time) bool {
	switch r.Kind() {
	case RuleAll:
		for i := range r.All {
			if !r.All[i].Eval(c, at) {
				return false
			}
		}
		return true
	case RuleAny:
		for i := range r.Any {
			if r.Any[i].Eval(c, at) {
				return true
			}
		}
		return false
	case RuleNot:
		return !r.Not.Eval(c, at)
	case RuleEvent:
		performed := c.performed(r.Event, r.Within, at)
		if r.Op == OpNotPerformed {
			return !performed
		}
		return performed
	}
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
	cmp, ok := compare(attr, want)
	if !ok {
		return false
	}
	switch r.Op {
	case OpGt:
		return cmp > 0
	case OpGte:
		return cmp >= 0
	case OpLt:
		return cmp < 0
	default:
		return cmp <= 0
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
