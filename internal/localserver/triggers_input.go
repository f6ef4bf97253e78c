package localserver

import (
	"fmt"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/definition"
)

var triggerFields = map[string][]string{
	TriggerEvent:   {"type", "eventName"},
	TriggerSegment: {"type", "segmentId"},
}

// triggersField reads a list of triggers, reporting each problem at its path such as
// "triggers[0].type". An empty list is valid (it clears the triggers); a list may hold at
// most client.MaxTriggers, each once.
func (f *fields) triggersField(name string) ([]Trigger, bool) {
	items, ok := f.list(name)
	if !ok {
		return nil, false
	}
	before := len(f.problems)
	if len(items) > client.MaxTriggers {
		f.add(name, "has %d triggers; at most %d are allowed", len(items), client.MaxTriggers)
	}
	triggers := make([]Trigger, 0, len(items))
	seen := map[Trigger]string{}
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
		if !ok {
			continue
		}
		if first, dup := seen[t]; dup {
			f.add(path, "repeats %s (%s); list each trigger once", first, describeTrigger(t))
			continue
		}
		seen[t] = path
		triggers = append(triggers, t)
	}
	return triggers, len(f.problems) == before
}

func (f *fields) trigger() (Trigger, bool) {
	typ, ok := f.str("type", quoteList(client.TriggerTypes), true)
	if !ok {
		return Trigger{}, false
	}
	allowed, known := triggerFields[typ]
	if !known {
		f.add("type", "unknown trigger type %q; expected %s%s", typ, quoteList(client.TriggerTypes), definition.DidYouMean(typ, client.TriggerTypes))
		return Trigger{}, false
	}
	f.allow(allowed...)
	t := Trigger{Type: typ}
	switch typ {
	case TriggerEvent:
		t.EventName, ok = f.eventNameField("eventName")
	case TriggerSegment:
		t.SegmentID, ok = f.idField("segmentId", "seg_trial_users")
	}
	return t, ok && len(f.problems) == 0
}

// describeTrigger names a trigger for messages, such as `event "signed_up"`.
func describeTrigger(t Trigger) string {
	if t.Type == TriggerSegment {
		return fmt.Sprintf("segment %q", t.SegmentID)
	}
	return fmt.Sprintf("event %q", t.EventName)
}
