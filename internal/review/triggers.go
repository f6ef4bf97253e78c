package review

import (
	"slices"
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/internal/markdown"
)

// triggers is a sequence's triggers attribute: "event `signed_up`" or "segment `seg_trial`"
// as text for each trigger, sorted, since they are a set, and each as data for the report.
type triggers struct {
	texts []string
	items []Trigger
	state fieldState
}

// Trigger is one trigger of a sequence: an event's name or a segment's id.
type Trigger struct {
	Type      string `json:"type"`
	EventName string `json:"event_name,omitempty"`
	SegmentID string `json:"segment_id,omitempty"`
}

func readTriggers(o object) triggers {
	v, state := o.attr("triggers")
	if state != fieldKnown {
		return triggers{state: state}
	}
	list, _ := v.([]any)
	t := triggers{state: fieldKnown, items: []Trigger{}}
	for _, item := range list {
		m, _ := item.(map[string]any)
		tr := Trigger{}
		tr.Type, _ = m["type"].(string)
		tr.EventName, _ = m["event_name"].(string)
		tr.SegmentID, _ = m["segment_id"].(string)
		t.items = append(t.items, tr)
		t.texts = append(t.texts, triggerText(tr))
	}
	slices.Sort(t.texts)
	slices.SortFunc(t.items, func(a, b Trigger) int { return strings.Compare(triggerText(a), triggerText(b)) })
	return t
}

// triggerText writes one trigger: its type and the event or segment it names.
func triggerText(t Trigger) string {
	var target string
	switch t.Type {
	case "event":
		target = t.EventName
	case "segment":
		target = t.SegmentID
	}
	switch {
	case t.Type == "":
		return "a trigger without a type"
	case target == "":
		return markdown.CodeSpan(markdown.Shorten(t.Type, maxName))
	}
	return markdown.Text(markdown.Shorten(t.Type, maxName)) + " " + markdown.CodeSpan(markdown.Shorten(target, maxName))
}

// text writes the triggers for a comment.
func (t triggers) text() string {
	switch {
	case t.state != fieldKnown:
		return stateText(t.state)
	case len(t.texts) == 0:
		return "none"
	}
	return strings.Join(t.texts, ", ")
}

// equal reports whether two sets of triggers are the same, null being none; unknown or
// sensitive ones are never said to be.
func (t triggers) equal(o triggers) bool {
	shown := func(s fieldState) bool { return s == fieldKnown || s == fieldNull }
	return shown(t.state) && shown(o.state) && slices.Equal(t.texts, o.texts)
}

// stateText says why a value is not shown.
func stateText(s fieldState) string {
	switch s {
	case fieldUnknown:
		return "_known after apply_"
	case fieldSensitive:
		return "_sensitive, not shown_"
	case fieldNull:
		return "none"
	case fieldKnown:
	}
	return ""
}
