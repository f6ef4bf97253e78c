package definition

import (
	"fmt"
	"strconv"
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
	Type       StepType
	TemplateID string
	// Duration is a delay step's duration, or an email's delay when it is not zero.
	Duration string
	// WouldSend is set for a step that sends, to whether it would: only a subscribed contact
	// is sent anything. Matched is set for a step that branches, to whether its rule matched.
	WouldSend *bool
	Matched   *bool
	// Reason says why an email would not be sent.
	Reason string
	// At is the virtual time at which the step took effect.
	At time.Time
}

// ReasonUnsubscribed is the Visit.Reason of an email to an unsubscribed contact.
const ReasonUnsubscribed = "unsubscribed"

// opKind is an operation of the interpreter. Step types compile to these (see the compile
// hooks of the step table), so running a program knows nothing of step types.
type opKind uint8

const (
	opWait   opKind = iota // wait; report a visit first when report is set
	opSend                 // send templateID
	opBranch               // evaluate rule; go on when it matches, jump to target otherwise
	opJump                 // go to target
)

// op is one operation, with what its visit reports: the path and type of the step it comes
// from, and the template id and duration a visit shows.
type op struct {
	kind       opKind
	path       string
	typ        StepType
	wait       time.Duration
	report     bool
	templateID string
	duration   string
	rule       *Rule
	target     int
}

// Program is a definition flattened into a list of operations with forward jumps, so that an
// enrolment's place in it is one number (Cursor.PC) that can be stored.
type Program struct {
	ops []op
}

// Compile flattens a parsed definition, each step by its type's compile hook. Durations were
// checked by Parse; a step type that Parse would refuse panics.
func Compile(d *Definition) *Program {
	p := &Program{}
	p.compile("steps", d.Steps)
	return p
}

func (p *Program) compile(path string, steps []Step) {
	for i := range steps {
		s := &steps[i]
		s.Type.mustSpec().compile(p, path+"["+strconv.Itoa(i)+"]", s)
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
			if o.report {
				visit(Visit{Path: o.path, Type: o.typ, Duration: o.duration, At: c.At})
			}
			c.At = c.At.Add(o.wait)
		case opSend:
			v := Visit{Path: o.path, Type: o.typ, TemplateID: o.templateID, Duration: o.duration, At: c.At, WouldSend: ptr(contact.Subscribed)}
			if !contact.Subscribed {
				v.Reason = ReasonUnsubscribed
			}
			visit(v)
		case opBranch:
			matched := o.rule.Eval(contact, c.At)
			visit(Visit{Path: o.path, Type: o.typ, Matched: ptr(matched), At: c.At})
			if !matched {
				c.PC = o.target
			}
		case opJump:
			c.PC = o.target
		default:
			panic(fmt.Sprintf("definition: unknown operation %d at %s", o.kind, o.path))
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
