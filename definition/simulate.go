package definition

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// SimulationInput is one contact to carry through a definition offline, on a virtual clock
// that starts at the contact's enrolment.
type SimulationInput struct {
	// Attributes are the contact's attributes as decoded JSON (numbers as json.Number or
	// float64); a missing or null attribute is absent.
	Attributes map[string]any
	// Subscribed says whether the contact accepts email; an unsubscribed contact passes the
	// same steps but is sent nothing.
	Subscribed bool
	// Events are what the contact does, in any order, the same name as often as wanted.
	Events []SimulationEvent
	// Until stops the run at this offset from the enrolment; zero or less runs to the end.
	Until time.Duration
}

// SimulationEvent is an event the contact performs After the enrolment; a negative offset
// is before it.
type SimulationEvent struct {
	Name  string
	After time.Duration
}

// SimulationResult is what happened to the contact. Offsets count from the enrolment; one
// beyond 292 years (only reachable by chaining long delays) reads as the longest
// time.Duration.
type SimulationResult struct {
	// Sends are the emails sent, in the order they were sent.
	Sends []SimulationSend
	// Completed says whether the run went past the last step, a trailing delay included, by
	// Until: the moment the local server's engine marks an enrolment completed.
	Completed bool
	// Steps are every step passed, in order, as a dry run reports them.
	Steps []SimulationStep
}

// SimulationSend is one email sent, by the step at Path.
type SimulationSend struct {
	TemplateID string
	After      time.Duration
	Path       string
}

// SimulationStep is one step passed. TemplateID, WouldSend and Reason are an email's, Matched
// a condition's, Duration a delay's (or an email's own delay when it is not zero).
type SimulationStep struct {
	Path       string
	Type       StepType
	After      time.Duration
	TemplateID string
	Matched    *bool
	WouldSend  *bool
	Reason     string
	Duration   string
}

// simulationStart is the enrolment's virtual time: any fixed instant does, as only offsets
// from it are reported.
var simulationStart = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Simulate runs one contact through a parsed definition from its enrolment, with the same
// interpreter as the local server's engine: conditions are evaluated when they are reached,
// so events performed later do not count for them, and a within window counts back from
// that moment.
func Simulate(def *Definition, in SimulationInput) SimulationResult {
	contact := &Contact{Attributes: in.Attributes, Subscribed: in.Subscribed}
	for _, e := range in.Events {
		contact.Events = append(contact.Events, Event{Name: e.Name, At: simulationStart.Add(e.After)})
	}
	until := maxTime
	if in.Until > 0 {
		until = simulationStart.Add(in.Until)
	}
	var res SimulationResult
	prog := Compile(def)
	cursor := prog.Run(Cursor{At: simulationStart}, until, contact, func(v Visit) {
		after := v.At.Sub(simulationStart)
		res.Steps = append(res.Steps, SimulationStep{
			Path: v.Path, Type: v.Type, After: after, TemplateID: v.TemplateID,
			Matched: v.Matched, WouldSend: v.WouldSend, Reason: v.Reason, Duration: v.Duration,
		})
		if v.WouldSend != nil && *v.WouldSend {
			res.Sends = append(res.Sends, SimulationSend{TemplateID: v.TemplateID, After: after, Path: v.Path})
		}
	})
	res.Completed = prog.Done(cursor) && !cursor.At.After(until)
	return res
}

// ParseOffset reads a time after the enrolment: a duration of the definition format, or
// several joined, largest unit first, such as "2d12h", the way FormatOffset writes them.
func ParseOffset(s string) (time.Duration, error) {
	bad := fmt.Errorf("%q is not a time after the enrolment; write whole numbers with the units w, d, h or m, largest first, such as \"30m\", \"2d\" or \"2d12h\"", s)
	var total time.Duration
	rest, next := s, 0
	for rest != "" {
		digits := len(rest) - len(strings.TrimLeft(rest, "0123456789"))
		if digits == 0 || digits == len(rest) {
			return 0, bad
		}
		i := next
		for i < len(durationUnits) && durationUnits[i].unit != rest[digits] {
			i++
		}
		if i == len(durationUnits) {
			return 0, bad
		}
		n, err := strconv.ParseUint(rest[:digits], 10, 64)
		if err != nil || n > uint64(MaxDuration/durationUnits[i].size) || total > MaxDuration-time.Duration(n)*durationUnits[i].size {
			return 0, fmt.Errorf("%q is too long; times are at most 10 years (3650d)", s)
		}
		total += time.Duration(n) * durationUnits[i].size
		rest, next = rest[digits+1:], i+1
	}
	if next == 0 {
		return 0, bad
	}
	return total, nil
}

// FormatOffset writes an offset in days, hours and minutes, largest first and zeros left
// out, such as "0m", "45m", "2d" or "2d1h30m"; a negative one starts with "-". Seconds, which
// no definition duration has, are dropped.
func FormatOffset(d time.Duration) string {
	var b strings.Builder
	magnitude := uint64(d)
	if d < 0 {
		b.WriteByte('-')
		magnitude = -magnitude
	}
	start := b.Len()
	for _, u := range durationUnits[1:] { // days read more easily than weeks on a timeline
		if n := magnitude / uint64(u.size); n > 0 {
			b.WriteString(strconv.FormatUint(n, 10))
			b.WriteByte(u.unit)
			magnitude -= n * uint64(u.size)
		}
	}
	if b.Len() == start {
		return "0m"
	}
	return b.String()
}
