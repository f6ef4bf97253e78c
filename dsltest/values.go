package dsltest

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
)

// This file reads the values of test files and contacts files: a sample contact's
// attributes, events and times, and lists of strings, which both have, and a test's vars.
// Every value is written out.

// reader reads the values of one file and collects its problems: those of the values as HCL
// (dsl.Literals) and those of what they mean here.
type reader struct {
	lit   *dsl.Literals
	diags hcl.Diagnostics
}

// newReader reads the file filename, whose source is src; file names its kind in messages
// and example is a value written out in it.
func newReader(src []byte, filename, file, example string) *reader {
	return &reader{lit: dsl.NewLiterals(src, filename, file, example)}
}

// problems counts the problems found so far, to tell whether a part of the file read cleanly.
func (p *reader) problems() int { return len(p.diags) + len(p.lit.Diagnostics()) }

// diagnostics are every problem found, in the order of the file.
func (p *reader) diagnostics() hcl.Diagnostics {
	all := append(hcl.Diagnostics{}, p.diags...)
	all = append(all, p.lit.Diagnostics()...)
	dsl.SortDiagnostics(all)
	return all
}

// offset reads a time after the enrolment, such as "2d" or "2d12h".
func (p *reader) offset(expr hclsyntax.Expression) (time.Duration, bool) {
	text, ok := p.lit.String(expr, useTestTime)
	if !ok {
		return 0, false
	}
	d, err := definition.ParseOffset(text)
	if err != nil {
		p.diags = append(p.diags, errorAt(expr.Range(), "Invalid time", capitalize(err.Error())+"."))
		return 0, false
	}
	return d, true
}

func (p *reader) until(expr hclsyntax.Expression) time.Duration {
	d, ok := p.offset(expr)
	if ok && d == 0 {
		p.diags = append(p.diags, errorAt(expr.Range(), "Invalid until",
			`The run cannot stop at the enrolment itself; give a later time, such as until = "3d", or leave until out to run to the end.`))
	}
	return d
}

// vars reads an object of var values into into. Vars are strings, as --var gives them;
// numbers and bools are converted.
func (p *reader) vars(expr hclsyntax.Expression, into map[string]string) {
	obj, isObj := expr.(*hclsyntax.ObjectConsExpr)
	if !isObj {
		p.diags = append(p.diags, errorAt(expr.Range(), "Invalid vars",
			`Vars are an object of names and values, such as vars = { locale = "de" }.`))
		return
	}
	for _, item := range obj.Items {
		name, ok := p.lit.Key(item.KeyExpr, useTestVar)
		if !ok {
			continue
		}
		if text, ok := p.lit.Var(item.ValueExpr, name); ok {
			into[name] = text
		}
	}
}

// attributes reads a contact's attributes, keeping their JSON types and every digit of their
// numbers, or nil after a diagnostic; name is the attribute that holds them: contact in a test,
// attributes in a contacts file.
func (p *reader) attributes(expr hclsyntax.Expression, name string) map[string]any {
	raw, ok := p.lit.JSON(expr, useTestContact)
	if !ok {
		return nil
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	var attrs map[string]any
	if err := dec.Decode(&attrs); err != nil || attrs == nil {
		p.diags = append(p.diags, errorAt(expr.Range(), "Invalid "+name,
			fmt.Sprintf(`The contact is an object of attribute names and values, such as %s = { plan = "pro", seats = 12 }.`, name)))
		return nil
	}
	return attrs
}

// events reads a list of events: { name = "purchased", after = "3d" }, or before = "40d" for
// an event before the enrolment.
func (p *reader) events(expr hclsyntax.Expression) []definition.SimulationEvent {
	const example = `events = [{ name = "purchased", after = "3d" }]`
	tuple, isTuple := expr.(*hclsyntax.TupleConsExpr)
	if !isTuple {
		p.diags = append(p.diags, errorAt(expr.Range(), "Invalid events",
			"Events are a list of what the contact does and when, such as "+example+"."))
		return nil
	}
	var events []definition.SimulationEvent
	for _, item := range tuple.Exprs {
		if e, ok := p.event(item, example); ok {
			events = append(events, e)
		}
	}
	return events
}

func (p *reader) event(expr hclsyntax.Expression, example string) (definition.SimulationEvent, bool) {
	obj, isObj := expr.(*hclsyntax.ObjectConsExpr)
	if !isObj {
		p.diags = append(p.diags, errorAt(expr.Range(), "Invalid event",
			"An event is an object with a name and a time, such as "+example+"."))
		return definition.SimulationEvent{}, false
	}
	var e definition.SimulationEvent
	times := 0
	ok := true
	for _, item := range obj.Items {
		key, keyOK := p.lit.Key(item.KeyExpr, useTestEvent)
		if !keyOK {
			ok = false
			continue
		}
		var valid bool
		switch key {
		case testName:
			e.Name, valid = p.lit.String(item.ValueExpr, useTestEvent+" name")
		case testAfter:
			e.After, valid = p.offset(item.ValueExpr)
			times++
		case testBefore:
			var before time.Duration
			before, valid = p.offset(item.ValueExpr)
			e.After = -before
			times++
		default:
			p.diags = append(p.diags, errorAt(item.KeyExpr.Range(), "Unknown event key",
				fmt.Sprintf("An event takes %s, not %q.%s", prose.Quoted(eventKeys, "and"), key, dsl.DidYouMean(key, eventKeys))))
		}
		ok = ok && valid
	}
	if ok && (e.Name == "" || times != 1) {
		ok = false
		p.diags = append(p.diags, errorAt(expr.Range(), "Invalid event",
			`An event needs a name and one time: after = "3d" after the enrolment, or before = "40d" before it, such as { name = "purchased", after = "3d" }.`))
	}
	return e, ok
}

// listItem is a string of a list, with where it is written.
type listItem struct {
	text string
	rng  hcl.Range
}

func texts(items []listItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.text
	}
	return out
}

// stringList reads a list of strings written out, such as ["tmpl_a", "tmpl_b"]; what names
// an item in messages, and summary and detail make the diagnostic of a value that is not a
// list.
func (p *reader) stringList(expr hclsyntax.Expression, what, summary, detail string) ([]listItem, bool) {
	tuple, isTuple := expr.(*hclsyntax.TupleConsExpr)
	if !isTuple {
		p.diags = append(p.diags, errorAt(expr.Range(), summary, detail))
		return nil, false
	}
	items := []listItem{}
	ok := true
	for _, e := range tuple.Exprs {
		text, valid := p.lit.String(e, what)
		ok = ok && valid
		items = append(items, listItem{text, e.Range()})
	}
	return items, ok
}

func errorAt(rng hcl.Range, summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: rng.Ptr()}
}

// fileStart is the range of a file's first character, for problems of the whole file.
func fileStart(filename string) hcl.Range {
	pos := hcl.Pos{Line: 1, Column: 1, Byte: 0}
	return hcl.Range{Filename: filename, Start: pos, End: pos}
}

// capitalize starts a sentence with s.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
