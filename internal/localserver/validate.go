package localserver

import (
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"unicode/utf8"
)

const (
	maxNameChars    = 200
	maxSubjectChars = 998 // the longest line RFC 5322 allows
)

var idPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// Statuses lists the sequence statuses.
var Statuses = []string{StatusDraft, StatusActive, StatusPaused}

// idField reads a required id field: 1 to 64 letters, digits, "_" or "-".
func (f *fields) idField(name, example string) (string, bool) {
	id, ok := f.str(name, "an id such as "+fmt.Sprintf("%q", example), true)
	if !ok {
		return "", false
	}
	if !idPattern.MatchString(id) {
		f.add(name, "%q is not a valid id; use 1 to 64 letters, digits, \"_\" or \"-\", such as %q", id, example)
		return "", false
	}
	return id, true
}

// textField reads a text field of 1 to max characters.
func (f *fields) textField(name, want string, max int, required bool) (string, bool) {
	s, ok := f.str(name, want, required)
	if !ok {
		return "", false
	}
	if n := utf8.RuneCountInString(s); n == 0 || n > max {
		f.add(name, "must be 1 to %d characters long, not %d", max, n)
		return "", false
	}
	return s, true
}

// emailField reads an email address.
func (f *fields) emailField(name string, required bool) (string, bool) {
	s, ok := f.str(name, `an email address such as "ada@example.com"`, required)
	if !ok {
		return "", false
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s {
		f.add(name, "%q is not an email address; write one such as \"ada@example.com\"", s)
		return "", false
	}
	return s, true
}

// statusField reads a sequence status.
func (f *fields) statusField(name string) (string, bool) {
	s, ok := f.str(name, `"draft", "active" or "paused"`, true)
	if !ok {
		return "", false
	}
	if !slices.Contains(Statuses, s) {
		f.add(name, "unknown status %q; expected %s%s", s, quoteList(Statuses), didYouMean(s, Statuses))
		return "", false
	}
	return s, true
}

var triggerFields = map[string][]string{
	TriggerEvent:   {"type", "eventName"},
	TriggerSegment: {"type", "segmentId"},
}

// triggersField reads a list of triggers, reporting each problem at its path such as
// "triggers[0].type". An empty list is valid (it clears the triggers).
func (f *fields) triggersField(name string) ([]Trigger, bool) {
	items, ok := f.list(name)
	if !ok {
		return nil, false
	}
	before := len(f.problems)
	triggers := make([]Trigger, 0, len(items))
	for i, item := range items {
		path := fmt.Sprintf("%s[%d]", name, i)
		sub, err := parseFields(item)
		if err != nil {
			f.add(path, "a trigger must be an object such as {\"type\": \"event\", \"eventName\": \"signed_up\"}, not %s", describeJSON(item))
			continue
		}
		t, ok := sub.trigger()
		for _, p := range sub.problems {
			f.add(path+"."+p.Path, "%s", p.Message)
		}
		if ok {
			triggers = append(triggers, t)
		}
	}
	return triggers, len(f.problems) == before
}

func (f *fields) trigger() (Trigger, bool) {
	typ, ok := f.str("type", `"event" or "segment"`, true)
	if !ok {
		return Trigger{}, false
	}
	allowed, known := triggerFields[typ]
	if !known {
		types := []string{TriggerEvent, TriggerSegment}
		f.add("type", "unknown trigger type %q; expected %s%s", typ, quoteList(types), didYouMean(typ, types))
		return Trigger{}, false
	}
	f.allow(allowed...)
	t := Trigger{Type: typ}
	switch typ {
	case TriggerEvent:
		t.EventName, ok = f.textField("eventName", `an event name such as "signed_up"`, maxNameChars, true)
	case TriggerSegment:
		t.SegmentID, ok = f.idField("segmentId", "seg_trial_users")
	}
	return t, ok && len(f.problems) == 0
}
