package review

import (
	"cmp"
	"slices"
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/internal/markdown"
)

// triggers is a sequence's triggers attribute, sorted by how each is written ("event
// `signed_up`", "segment `seg_trial`"), since they are a set.
type triggers struct {
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
	}
	slices.SortFunc(t.items, func(a, b Trigger) int {
		return cmp.Or(strings.Compare(triggerText(a), triggerText(b)),
			strings.Compare(a.Type, b.Type), strings.Compare(a.EventName, b.EventName), strings.Compare(a.SegmentID, b.SegmentID))
	})
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
	case len(t.items) == 0:
		return "none"
	}
	texts := make([]string, len(t.items))
	for i, tr := range t.items {
		texts[i] = triggerText(tr)
	}
	return strings.Join(texts, ", ")
}

// equal reports whether two sets of triggers are the same, null being none; unknown or
// sensitive ones are never said to be. Triggers are compared whole, not as written, which
// shortens long names.
func (t triggers) equal(o triggers) bool {
	shown := func(s fieldState) bool { return s == fieldKnown || s == fieldNull }
	return shown(t.state) && shown(o.state) && slices.Equal(t.items, o.items)
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
