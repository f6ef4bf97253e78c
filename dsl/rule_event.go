package dsl

import (
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// This file compiles event checks: performed("event"), with an optional time window, and
// !performed(...) for not_performed.

// event compiles performed("event") and performed("event", "7d"), negated or not.
func (c *compiler) event(e *hclsyntax.FunctionCallExpr, op, path string) (*definition.Rule, bool) {
	if e.ExpandFinal || len(e.Args) < 1 || len(e.Args) > 2 {
		return c.wrongArgs(e, `performed takes an event name and optionally a time window: performed("purchased") or performed("purchased", "7d").`)
	}
	c.ranges[path] = e.Range()
	c.ranges[path+".event"] = e.Args[0].Range()
	r := &definition.Rule{Op: op}
	name, ok := c.str(e.Args[0], useEvent)
	if ok && name == "" {
		c.diags = append(c.diags, errorAt(e.Args[0].Range(), "Empty event name", `Name the event, as in performed("purchased").`))
		ok = false
	}
	r.Event = name
	if len(e.Args) == 2 {
		c.ranges[path+".within"] = e.Args[1].Range()
		within, wOK := c.duration(e.Args[1], useWithin)
		ok = ok && wOK
		r.Within = within
	}
	return r, ok
}
