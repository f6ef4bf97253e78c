package review

import (
	"slices"
	"strings"

	"github.com/kraiter/terraform-provider-kraiter/internal/markdown"
)

// triggers is a sequence's triggers attribute, as text: "event `signed_up`" or
// "segment `seg_trial`" for each trigger, sorted, since they are a set.
type triggers struct {
	texts []string
	state fieldState
}

func readTriggers(o object) triggers {
	v, state := o.attr("triggers")
	if state != fieldKnown {
		return triggers{state: state}
	}
	list, _ := v.([]any)
	t := triggers{state: fieldKnown}
	for _, item := range list {
		t.texts = append(t.texts, triggerText(item))
	}
	slices.Sort(t.texts)
	return t
}

// triggerText writes one trigger: its type and the event or segment it names.
func triggerText(item any) string {
	m, _ := item.(map[string]any)
	kind, _ := m["type"].(string)
	var target string
	switch kind {
	case "event":
		target, _ = m["event_name"].(string)
	case "segment":
		target, _ = m["segment_id"].(string)
	}
	switch {
	case kind == "":
		return "a trigger without a type"
	case target == "":
		return markdown.CodeSpan(kind)
	}
	return kind + " " + markdown.CodeSpan(target)
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
	}
	return ""
}
