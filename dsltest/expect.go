package dsltest

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// This file checks a test's expectations against its simulated run; each says what differed,
// or "" when it held.

func expectSends(want []string) func(*simulation) string {
	return func(s *simulation) string {
		got := sentTemplates(s.res.Sends)
		if slices.Equal(got, want) {
			return ""
		}
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		msg := fmt.Sprintf("expected sends %s, got %s: ", listText(want), listText(got))
		if i < len(got) {
			send := s.res.Sends[i]
			return msg + fmt.Sprintf("%s sent %s at %s", send.Path, send.TemplateID, definition.FormatOffset(send.After))
		}
		if i == 0 {
			return msg + "nothing was sent" + s.whyNothingMore()
		}
		last := s.res.Sends[i-1]
		return msg + fmt.Sprintf("nothing was sent after %s at %s", last.TemplateID, definition.FormatOffset(last.After)) + s.whyNothingMore()
	}
}

// sendWant is an expect_send block: a template sent, optionally at a time and by a step.
type sendWant struct {
	template string
	after    *time.Duration
	path     string
}

// where says when and by which step the template is expected: " at 2d by steps[2].then[0]".
func (w sendWant) where() string {
	text := ""
	if w.after != nil {
		text += " at " + definition.FormatOffset(*w.after)
	}
	if w.path != "" {
		text += " by " + w.path
	}
	return text
}

func expectSend(want sendWant) func(*simulation) string {
	return func(s *simulation) string {
		expected := fmt.Sprintf("expected %s to be sent%s", want.template, want.where())
		var sent []string
		for _, send := range s.res.Sends {
			if send.TemplateID != want.template {
				continue
			}
			if (want.after == nil || send.After == *want.after) && (want.path == "" || send.Path == want.path) {
				return ""
			}
			sent = append(sent, fmt.Sprintf("at %s by %s", definition.FormatOffset(send.After), send.Path))
		}
		if len(sent) > 0 {
			return fmt.Sprintf("%s, but it was sent %s", expected, strings.Join(sent, " and "))
		}
		for _, step := range s.res.Steps {
			if step.TemplateID == want.template && step.WouldSend != nil && !*step.WouldSend {
				return fmt.Sprintf("%s, but %s at %s did not send it: %s", expected, step.Path, definition.FormatOffset(step.After), reasonText(step.Reason))
			}
		}
		return fmt.Sprintf("%s, but it was not; sent: %s", expected, listText(sentTemplates(s.res.Sends))) + s.whyNothingMore()
	}
}

// reasonText says why an email was not sent, in words.
func reasonText(reason string) string {
	if reason == definition.ReasonUnsubscribed {
		return "the contact is unsubscribed"
	}
	return reason
}

func expectNoSend(template string) func(*simulation) string {
	return func(s *simulation) string {
		for _, send := range s.res.Sends {
			if send.TemplateID == template {
				return fmt.Sprintf("expected %s never to be sent, but %s sent it at %s", template, send.Path, definition.FormatOffset(send.After))
			}
		}
		return ""
	}
}

func expectCompleted(want bool) func(*simulation) string {
	return func(s *simulation) string {
		until := definition.FormatOffset(s.in.Until)
		switch {
		case want == s.res.Completed:
			return ""
		case want && len(s.res.Steps) == 0:
			return fmt.Sprintf("expected the sequence to complete by until = %s, but no step was due by then", until)
		case want:
			last := s.res.Steps[len(s.res.Steps)-1]
			return fmt.Sprintf("expected the sequence to complete by until = %s, but it was still running: the last step reached was %s (%s) at %s",
				until, last.Path, last.Type, definition.FormatOffset(last.After))
		default:
			return fmt.Sprintf("expected the sequence still to be running at until = %s, but it had completed", until)
		}
	}
}

// whyNothingMore says why a run may have sent less than expected.
func (s *simulation) whyNothingMore() string {
	var why []string
	if !s.in.Subscribed {
		why = append(why, reasonText(definition.ReasonUnsubscribed))
	}
	if s.in.Until > 0 && !s.res.Completed {
		why = append(why, "the run stopped at until = "+definition.FormatOffset(s.in.Until))
	}
	if len(why) == 0 {
		return ""
	}
	return " (" + strings.Join(why, "; ") + ")"
}

func sentTemplates(sends []definition.SimulationSend) []string {
	out := make([]string, len(sends))
	for i, s := range sends {
		out[i] = s.TemplateID
	}
	return out
}

// listText writes template ids as Go prints a slice: [a b].
func listText(items []string) string {
	return "[" + strings.Join(items, " ") + "]"
}
