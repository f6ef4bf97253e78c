package dsl

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
)

// This file reads sequence tests, files named *.kraiter.test.hcl, and runs them: each test
// carries one contact through a sequence with definition.Simulate and checks what it was
// sent. The format is documented in templates/guides/dsl-reference.md.tmpl.

// TestFileSuffix ends the name of every sequence test file.
const TestFileSuffix = ".kraiter.test.hcl"

// Blocks and attributes of a test file.
const (
	testBlock           = "test"
	testExpectSendBlock = "expect_send"

	testSequence        = "sequence"
	testVars            = "vars"
	testContact         = "contact"
	testSubscribed      = "subscribed"
	testEvents          = "events"
	testUntil           = "until"
	testExpectSends     = "expect_sends"
	testExpectNoSend    = "expect_no_send"
	testExpectCompleted = "expect_completed"

	testAfter  = "after"
	testPath   = "path"
	testName   = "name"
	testBefore = "before"
)

var (
	testFileAttrs   = []string{testSequence, testVars}
	testAttrs       = []string{testSequence, testVars, testContact, testSubscribed, testEvents, testUntil, testExpectSends, testExpectNoSend, testExpectCompleted}
	expectSendAttrs = []string{testAfter, testPath}
	eventKeys       = []string{testName, testAfter, testBefore}
)

const (
	useTestSequence usage = "the sequence file"
	useTestVar      usage = "a var's value"
	useTestContact  usage = "the contact's attributes"
	useTestEvent    usage = "the event"
	useTestTime     usage = "the time"
	useTestTemplate usage = "the template id"
	useTestBool     usage = "the value"
	useTestPath     usage = "the step path"
)

// TestResult is the outcome of one test.
type TestResult struct {
	Name string
	// Range is the test block's header, test "NAME".
	Range hcl.Range
	// Failures are the expectations that did not hold, in source order.
	Failures []TestFailure
	// Timeline is the simulated run as Timeline writes it, to show with failures.
	Timeline []string
}

// Passed reports whether every expectation held.
func (r *TestResult) Passed() bool { return len(r.Failures) == 0 }

// TestFailure is an expectation that did not hold: where it is written and what differed.
type TestFailure struct {
	Range   hcl.Range
	Message string
}

// RunTestFile reads a test file and runs its tests. Problems of the file, or of a sequence it
// tests, are diagnostics; a test whose sequence does not compile has no result.
func RunTestFile(path string) ([]TestResult, hcl.Diagnostics) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, hcl.Diagnostics{errorAt(fileStart(path), "Cannot read test file", err.Error())}
	}
	tests, diags := parseTestFile(src, path)
	if diags.HasErrors() {
		return nil, diags
	}
	loader := &sequenceLoader{dir: filepath.Dir(path), loaded: map[string]*definition.Definition{}}
	var results []TestResult
	for _, t := range tests {
		def, loadDiags := loader.load(t)
		diags = append(diags, loadDiags...)
		if def != nil {
			results = append(results, t.run(def))
		}
	}
	return results, diags
}

// sequenceTest is one parsed test block.
type sequenceTest struct {
	name          string
	header        hcl.Range
	sequence      string
	sequenceRange hcl.Range
	vars          map[string]string
	input         definition.SimulationInput
	expectations  []expectation
}

// expectation is one expect_ attribute, list element or block; check says what differed, or
// "" when it held.
type expectation struct {
	rng   hcl.Range
	check func(*simulation) string
}

// simulation is a test's run, for its expectations to look at.
type simulation struct {
	in  definition.SimulationInput
	res definition.SimulationResult
}

func (t *sequenceTest) run(def *definition.Definition) TestResult {
	sim := &simulation{in: t.input, res: definition.Simulate(def, t.input)}
	result := TestResult{Name: t.name, Range: t.header, Timeline: Timeline(def, sim.res)}
	for _, e := range t.expectations {
		if msg := e.check(sim); msg != "" {
			result.Failures = append(result.Failures, TestFailure{Range: e.rng, Message: msg})
		}
	}
	return result
}

// sequenceLoader compiles each sequence once per set of vars; a sequence's problems are
// reported by the first test that uses it.
type sequenceLoader struct {
	dir    string
	loaded map[string]*definition.Definition
}

func (l *sequenceLoader) load(t *sequenceTest) (*definition.Definition, hcl.Diagnostics) {
	path := t.sequence
	if !filepath.IsAbs(path) {
		path = filepath.Join(l.dir, path)
	}
	key := path
	for _, name := range slices.Sorted(maps.Keys(t.vars)) {
		key += "\x00" + name + "=" + t.vars[name]
	}
	if def, seen := l.loaded[key]; seen {
		return def, nil
	}
	l.loaded[key] = nil
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, hcl.Diagnostics{errorAt(t.sequenceRange, "Cannot read sequence",
			fmt.Sprintf("%s. The sequence's path is relative to the test file.", capitalize(err.Error())))}
	}
	res, diags := Compile(src, Options{Filename: path, Vars: t.vars})
	if res == nil {
		return nil, diags
	}
	l.loaded[key] = res.Definition
	return res.Definition, diags
}

// testParser reads a test file. Its values are written out: it has no vars or locals, and
// contact is a value here, not a reference.
type testParser struct {
	*scope
}

// testDefaults are the file's top-level attributes, which every test starts from.
type testDefaults struct {
	sequence      string
	sequenceRange hcl.Range
	vars          map[string]string
}

func parseTestFile(src []byte, filename string) ([]*sequenceTest, hcl.Diagnostics) {
	file, diags := ParseConfig(src, filename)
	if diags.HasErrors() {
		return nil, diags
	}
	body := file.Body.(*hclsyntax.Body)
	p := &testParser{scope: newScope(src, nil, filename)}
	defaults := p.defaults(body)
	var tests []*sequenceTest
	names := map[string]hcl.Range{}
	for _, block := range body.Blocks {
		if block.Type != testBlock {
			p.diags = append(p.diags, errorAt(block.TypeRange, "Unknown block type",
				fmt.Sprintf("%q is not a block of a test file; it holds test blocks, such as test \"a pro user gets the tips\" { ... }.%s", block.Type, didYouMean(block.Type, []string{testBlock}))))
			continue
		}
		t := p.test(block, defaults)
		if t == nil {
			continue
		}
		if first, dup := names[t.name]; dup {
			p.diags = append(p.diags, errorAt(block.LabelRanges[0], "Duplicate test name",
				fmt.Sprintf("A test named %q is already on line %d; give each test a distinct name.", t.name, first.Start.Line)))
		}
		names[t.name] = t.header
		tests = append(tests, t)
	}
	if len(body.Blocks) == 0 {
		p.diags = append(p.diags, errorAt(fileStart(filename), "No tests",
			`A test file holds test blocks, such as test "a pro user gets the tips" { sequence = "onboarding.kraiter.hcl" ... }.`))
	}
	diags = append(diags, p.diags...)
	sortDiagnostics(diags)
	return tests, diags
}

func (p *testParser) defaults(body *hclsyntax.Body) testDefaults {
	d := testDefaults{vars: map[string]string{}}
	for _, attr := range attributesInOrder(body) {
		switch attr.Name {
		case testSequence:
			d.sequence, d.sequenceRange = p.sequencePath(attr)
		case testVars:
			p.vars(attr.Expr, d.vars)
		default:
			p.diags = append(p.diags, errorAt(attr.NameRange, "Unknown attribute",
				fmt.Sprintf("The top level of a test file takes %s, which every test starts from, not %q; the rest belongs in a test block.%s", prose.Quoted(testFileAttrs, "and"), attr.Name, didYouMean(attr.Name, testAttrs))))
		}
	}
	return d
}

func (p *testParser) test(block *hclsyntax.Block, d testDefaults) *sequenceTest {
	if len(block.Labels) != 1 || strings.TrimSpace(block.Labels[0]) == "" {
		p.diags = append(p.diags, errorAt(block.DefRange(), "Invalid test name",
			`A test block takes one label, a name that says what it checks: test "a pro user gets the tips" { ... }.`))
		return nil
	}
	t := &sequenceTest{
		name: block.Labels[0], header: block.DefRange(),
		sequence: d.sequence, sequenceRange: d.sequenceRange,
		vars:  maps.Clone(d.vars),
		input: definition.SimulationInput{Subscribed: true},
	}
	var stillRunning *hcl.Range
	written := map[string]bool{}
	for _, attr := range attributesInOrder(block.Body) {
		written[attr.Name] = true
		switch attr.Name {
		case testSequence:
			t.sequence, t.sequenceRange = p.sequencePath(attr)
		case testVars:
			p.vars(attr.Expr, t.vars)
		case testContact:
			t.input.Attributes, _ = p.contact(attr.Expr)
		case testSubscribed:
			t.input.Subscribed, _ = p.boolean(attr.Expr)
		case testEvents:
			t.input.Events = p.events(attr.Expr)
		case testUntil:
			t.input.Until = p.until(attr.Expr)
		case testExpectSends:
			if want, ok := p.templateList(attr.Expr); ok {
				t.expectations = append(t.expectations, expectation{attr.SrcRange, expectSends(texts(want))})
			}
		case testExpectNoSend:
			want, _ := p.templateList(attr.Expr)
			for _, w := range want {
				t.expectations = append(t.expectations, expectation{w.rng, expectNoSend(w.text)})
			}
		case testExpectCompleted:
			if want, ok := p.boolean(attr.Expr); ok {
				t.expectations = append(t.expectations, expectation{attr.SrcRange, expectCompleted(want)})
				if !want {
					stillRunning = attr.SrcRange.Ptr()
				}
			}
		default:
			p.diags = append(p.diags, errorAt(attr.NameRange, "Unknown attribute",
				fmt.Sprintf("Test blocks take %s, not %q.%s", prose.Quoted(testAttrs, "and"), attr.Name, didYouMean(attr.Name, testAttrs))))
		}
	}
	for _, inner := range block.Body.Blocks {
		written[inner.Type] = true
		if inner.Type != testExpectSendBlock {
			p.diags = append(p.diags, errorAt(inner.TypeRange, "Unknown block type",
				fmt.Sprintf("%q is not a block of a test; a test holds expect_send blocks, such as expect_send \"tmpl_welcome\" { after = \"2d\" }.%s", inner.Type, didYouMean(inner.Type, []string{testExpectSendBlock}))))
			continue
		}
		if e, ok := p.expectSend(inner); ok {
			t.expectations = append(t.expectations, e)
		}
	}
	slices.SortStableFunc(t.expectations, func(a, b expectation) int { return a.rng.Start.Byte - b.rng.Start.Byte })
	p.checkTest(t, written, stillRunning)
	return t
}

// checkTest reports a test that cannot run, and one that cannot fail or cannot pass. What is
// written but wrong was reported where it is written; written holds the names of the test's
// attributes and blocks, so that it is not reported again as missing.
func (p *testParser) checkTest(t *sequenceTest, written map[string]bool, stillRunning *hcl.Range) {
	if t.sequenceRange == (hcl.Range{}) {
		p.diags = append(p.diags, errorAt(t.header, "Missing sequence",
			`A test needs the sequence it runs: sequence = "onboarding.kraiter.hcl", a path relative to the test file, in the test or once at the top of the file.`))
	}
	expects := false
	for name := range written {
		expects = expects || strings.HasPrefix(name, "expect")
	}
	if !expects {
		p.diags = append(p.diags, errorAt(t.header, "No expectations",
			"A test without expectations cannot fail. Say what the contact should get with expect_sends, expect_send, expect_no_send or expect_completed."))
	}
	if stillRunning != nil && !written[testUntil] {
		p.diags = append(p.diags, errorAt(*stillRunning, "Expectation cannot hold",
			`Without until the run goes to the end, so the sequence always completes. Set until, such as until = "3d", to check that it is still running then.`))
	}
}

func (p *testParser) expectSend(block *hclsyntax.Block) (expectation, bool) {
	if len(block.Labels) != 1 || block.Labels[0] == "" {
		p.diags = append(p.diags, errorAt(block.DefRange(), "Invalid expect_send",
			`An expect_send block takes one label, the template id: expect_send "tmpl_welcome" { after = "2d" }.`))
		return expectation{}, false
	}
	want := sendWant{template: block.Labels[0]}
	ok := true
	for _, attr := range attributesInOrder(block.Body) {
		switch attr.Name {
		case testAfter:
			after, valid := p.offset(attr.Expr)
			want.after, ok = &after, ok && valid
		case testPath:
			path, valid := p.string(attr.Expr, useTestPath)
			want.path, ok = path, ok && valid
		default:
			ok = false
			p.diags = append(p.diags, errorAt(attr.NameRange, "Unknown attribute",
				fmt.Sprintf("Expect_send blocks take %s, not %q.%s", prose.Quoted(expectSendAttrs, "and"), attr.Name, didYouMean(attr.Name, expectSendAttrs))))
		}
	}
	for _, inner := range block.Body.Blocks {
		ok = false
		p.diags = append(p.diags, errorAt(inner.TypeRange, "Unexpected block",
			fmt.Sprintf("An expect_send block holds only the attributes %s, not a %q block.", prose.Quoted(expectSendAttrs, "and"), inner.Type)))
	}
	return expectation{block.DefRange(), expectSend(want)}, ok
}

// writtenOut reports references in a test file's expression: its values are written out.
func (p *testParser) writtenOut(expr hclsyntax.Expression) bool {
	ok := true
	for _, trav := range hclsyntax.Variables(expr) {
		ok = false
		p.diags = append(p.diags, errorAt(trav.SourceRange(), "Reference in a test file",
			fmt.Sprintf("A test file has no vars, locals or other names; write the value itself instead of %s, such as contact = { plan = \"pro\" }.", traversalText(trav))))
	}
	return ok
}

func (p *testParser) string(expr hclsyntax.Expression, use usage) (string, bool) {
	if !p.writtenOut(expr) {
		return "", false
	}
	text, ok := p.str(expr, use)
	if ok && text == "" {
		p.diags = append(p.diags, errorAt(expr.Range(), "Empty value", capitalize(string(use))+" cannot be empty."))
		return "", false
	}
	return text, ok
}

// sequencePath reads a sequence attribute; its range is set even when the path is invalid, to
// tell a sequence written wrong from a missing one.
func (p *testParser) sequencePath(attr *hclsyntax.Attribute) (string, hcl.Range) {
	path, _ := p.string(attr.Expr, useTestSequence)
	return path, attr.Expr.Range()
}

func (p *testParser) boolean(expr hclsyntax.Expression) (bool, bool) {
	if !p.writtenOut(expr) {
		return false, false
	}
	val, ok := p.value(expr, useTestBool)
	if !ok {
		return false, false
	}
	if val.IsNull() || val.Type() != cty.Bool {
		p.diags = append(p.diags, errorAt(expr.Range(), "Incorrect type",
			fmt.Sprintf("The value must be true or false, not %s.", describeValue(val))))
		return false, false
	}
	return val.True(), true
}

// offset reads a time after the enrolment, such as "2d" or "2d12h".
func (p *testParser) offset(expr hclsyntax.Expression) (time.Duration, bool) {
	text, ok := p.string(expr, useTestTime)
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

func (p *testParser) until(expr hclsyntax.Expression) time.Duration {
	d, ok := p.offset(expr)
	if ok && d == 0 {
		p.diags = append(p.diags, errorAt(expr.Range(), "Invalid until",
			`The run cannot stop at the enrolment itself; give a later time, such as until = "3d", or leave until out to run to the end.`))
	}
	return d
}

// vars reads an object of var values into into. Vars are strings, as --var gives them;
// numbers and bools are converted.
func (p *testParser) vars(expr hclsyntax.Expression, into map[string]string) {
	obj, isObj := expr.(*hclsyntax.ObjectConsExpr)
	if !isObj {
		p.diags = append(p.diags, errorAt(expr.Range(), "Invalid vars",
			`Vars are an object of names and values, such as vars = { locale = "de" }.`))
		return
	}
	for _, item := range obj.Items {
		name, ok := p.objectKey(item.KeyExpr, useTestVar)
		if !ok || !p.writtenOut(item.ValueExpr) {
			continue
		}
		if raw, isRaw := rawLiteral(p.src, item.ValueExpr); isRaw {
			into[name] = raw
			continue
		}
		val, ok := p.value(item.ValueExpr, useTestVar)
		if !ok {
			continue
		}
		text, err := convert.Convert(val, cty.String)
		if err != nil || text.IsNull() {
			p.diags = append(p.diags, errorAt(item.ValueExpr.Range(), "Incorrect type",
				fmt.Sprintf("var.%s must be a string, number or bool, not %s: vars are strings, as --var gives them.", name, describeValue(val))))
			continue
		}
		into[name] = text.AsString()
	}
}

// contact reads the contact's attributes, keeping their JSON types.
func (p *testParser) contact(expr hclsyntax.Expression) (map[string]any, bool) {
	if !p.writtenOut(expr) {
		return nil, false
	}
	raw, ok := p.jsonValue(expr, useTestContact)
	if !ok {
		return nil, false
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	var attrs map[string]any
	if err := dec.Decode(&attrs); err != nil || attrs == nil {
		p.diags = append(p.diags, errorAt(expr.Range(), "Invalid contact",
			`The contact is an object of attribute names and values, such as contact = { plan = "pro", seats = 12 }.`))
		return nil, false
	}
	return attrs, true
}

// events reads a list of events: { name = "purchased", after = "3d" }, or before = "40d" for
// an event before the enrolment.
func (p *testParser) events(expr hclsyntax.Expression) []definition.SimulationEvent {
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

func (p *testParser) event(expr hclsyntax.Expression, example string) (definition.SimulationEvent, bool) {
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
		key, keyOK := p.objectKey(item.KeyExpr, useTestEvent)
		if !keyOK {
			ok = false
			continue
		}
		var valid bool
		switch key {
		case testName:
			e.Name, valid = p.string(item.ValueExpr, useTestEvent+" name")
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
				fmt.Sprintf("An event takes %s, not %q.%s", prose.Quoted(eventKeys, "and"), key, didYouMean(key, eventKeys))))
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

// templateList reads a list of template ids written out, such as ["tmpl_a", "tmpl_b"].
func (p *testParser) templateList(expr hclsyntax.Expression) ([]listItem, bool) {
	tuple, isTuple := expr.(*hclsyntax.TupleConsExpr)
	if !isTuple {
		p.diags = append(p.diags, errorAt(expr.Range(), "Invalid template list",
			`Write the template ids as a list, such as ["tmpl_welcome", "tmpl_tips"], or [] for none.`))
		return nil, false
	}
	items := []listItem{}
	ok := true
	for _, e := range tuple.Exprs {
		text, valid := p.string(e, useTestTemplate)
		ok = ok && valid
		items = append(items, listItem{text, e.Range()})
	}
	return items, ok
}

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

// Timeline writes a simulated run as text, one line per step passed: its time after the
// enrolment, what it did and its path, such as
//
//	+2d   condition contact.plan == "pro": yes (steps[2])
func Timeline(def *definition.Definition, res definition.SimulationResult) []string {
	steps := map[string]*definition.Step{}
	def.Walk(func(path string, s *definition.Step) { steps[path] = s })
	width := 0
	for _, s := range res.Steps {
		width = max(width, len(definition.FormatOffset(s.After))+1)
	}
	lines := make([]string, 0, len(res.Steps))
	for _, s := range res.Steps {
		lines = append(lines, fmt.Sprintf("%-*s  %s (%s)", width, "+"+definition.FormatOffset(s.After), visitText(s, steps[s.Path]), s.Path))
	}
	return lines
}

// visitText says what a step passed did, as its type's view says, and its outcome: "email
// tmpl_welcome", "wait 2d", "condition RULE: yes", "email tmpl_tips: not sent, unsubscribed".
// A step that the definition does not have, from the result of another one, is named by its
// type alone.
func visitText(s definition.SimulationStep, step *definition.Step) string {
	text := string(s.Type) + " (not in the definition)"
	if step != nil {
		text = viewOf(step.Type).timeline(step)
	}
	if s.WouldSend != nil && !*s.WouldSend {
		text += ": not sent, " + s.Reason
	}
	if s.Matched != nil {
		answer := "no"
		if *s.Matched {
			answer = "yes"
		}
		text += ": " + answer
	}
	return text
}
