package dsltest

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
	"github.com/kraiter/terraform-provider-kraiter/stepdiff"
)

// FileSuffix ends the name of every sequence test file.
const FileSuffix = ".kraiter.test.hcl"

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

// What the values of a test file are, for messages.
const (
	useTestSequence = "the sequence file"
	useTestVar      = "a var's value"
	useTestContact  = "the contact's attributes"
	useTestEvent    = "the event"
	useTestTime     = "the time"
	useTestTemplate = "the template id"
	useTestBool     = "the value"
	useTestPath     = "the step path"
)

// Result is the outcome of one test.
type Result struct {
	Name string
	// Range is the test block's header, test "NAME".
	Range hcl.Range
	// Failures are the expectations that did not hold, in source order.
	Failures []Failure
	// Timeline is the simulated run as Timeline writes it, to show with failures.
	Timeline []string
}

// Passed reports whether every expectation held.
func (r *Result) Passed() bool { return len(r.Failures) == 0 }

// Failure is an expectation that did not hold: where it is written and what differed.
type Failure struct {
	Range   hcl.Range
	Message string
}

// RunFile reads a test file and runs its tests. Problems of the file, or of a sequence it
// tests, are diagnostics; a test whose sequence does not compile has no result.
func RunFile(path string) ([]Result, hcl.Diagnostics) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, hcl.Diagnostics{errorAt(fileStart(path), "Cannot read test file", err.Error())}
	}
	tests, diags := parseTestFile(src, path)
	if diags.HasErrors() {
		return nil, diags
	}
	loader := &sequenceLoader{dir: filepath.Dir(path), loaded: map[string]*definition.Definition{}}
	var results []Result
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

func (t *sequenceTest) run(def *definition.Definition) Result {
	sim := &simulation{in: t.input, res: definition.Simulate(def, t.input)}
	result := Result{Name: t.name, Range: t.header, Timeline: stepdiff.Timeline(def, sim.res)}
	for _, e := range t.expectations {
		if msg := e.check(sim); msg != "" {
			result.Failures = append(result.Failures, Failure{Range: e.rng, Message: msg})
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
	res, diags := dsl.Compile(src, dsl.Options{Filename: path, Vars: t.vars})
	if res == nil {
		return nil, diags
	}
	l.loaded[key] = res.Definition
	return res.Definition, diags
}

// testParser reads a test file. Its values are written out: it has no vars or locals, and
// contact is a value here, not a reference.
type testParser struct {
	lit   *dsl.Literals
	diags hcl.Diagnostics
}

// testDefaults are the file's top-level attributes, which every test starts from.
type testDefaults struct {
	sequence      string
	sequenceRange hcl.Range
	vars          map[string]string
}

func parseTestFile(src []byte, filename string) ([]*sequenceTest, hcl.Diagnostics) {
	file, diags := dsl.ParseConfig(src, filename)
	if diags.HasErrors() {
		return nil, diags
	}
	body := file.Body.(*hclsyntax.Body)
	p := &testParser{lit: dsl.NewLiterals(src, filename, "test file", `contact = { plan = "pro" }`)}
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
	diags = append(diags, p.lit.Diagnostics()...)
	dsl.SortDiagnostics(diags)
	return tests, diags
}

func (p *testParser) defaults(body *hclsyntax.Body) testDefaults {
	d := testDefaults{vars: map[string]string{}}
	for _, attr := range dsl.AttributesInOrder(body) {
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
	for _, attr := range dsl.AttributesInOrder(block.Body) {
		written[attr.Name] = true
		switch attr.Name {
		case testSequence:
			t.sequence, t.sequenceRange = p.sequencePath(attr)
		case testVars:
			p.vars(attr.Expr, t.vars)
		case testContact:
			t.input.Attributes, _ = p.contact(attr.Expr)
		case testSubscribed:
			t.input.Subscribed, _ = p.lit.Bool(attr.Expr, useTestBool)
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
			if want, ok := p.lit.Bool(attr.Expr, useTestBool); ok {
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
	for _, attr := range dsl.AttributesInOrder(block.Body) {
		switch attr.Name {
		case testAfter:
			after, valid := p.offset(attr.Expr)
			want.after, ok = &after, ok && valid
		case testPath:
			path, valid := p.lit.String(attr.Expr, useTestPath)
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

// sequencePath reads a sequence attribute; its range is set even when the path is invalid, to
// tell a sequence written wrong from a missing one.
func (p *testParser) sequencePath(attr *hclsyntax.Attribute) (string, hcl.Range) {
	path, _ := p.lit.String(attr.Expr, useTestSequence)
	return path, attr.Expr.Range()
}

// offset reads a time after the enrolment, such as "2d" or "2d12h".
func (p *testParser) offset(expr hclsyntax.Expression) (time.Duration, bool) {
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
		name, ok := p.lit.Key(item.KeyExpr, useTestVar)
		if !ok {
			continue
		}
		if text, ok := p.lit.Var(item.ValueExpr, name); ok {
			into[name] = text
		}
	}
}

// contact reads the contact's attributes, keeping their JSON types.
func (p *testParser) contact(expr hclsyntax.Expression) (map[string]any, bool) {
	raw, ok := p.lit.JSON(expr, useTestContact)
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
		text, valid := p.lit.String(e, useTestTemplate)
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

func errorAt(rng hcl.Range, summary, detail string) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: detail, Subject: rng.Ptr()}
}

// fileStart is the range of a file's first character, for problems of the whole file.
func fileStart(filename string) hcl.Range {
	pos := hcl.Pos{Line: 1, Column: 1, Byte: 0}
	return hcl.Range{Filename: filename, Start: pos, End: pos}
}

// didYouMean ends a diagnostic's detail with the candidate closest to name, if any.
func didYouMean(name string, candidates []string) string {
	if best := definition.Suggest(name, candidates); best != "" {
		return " Did you mean " + strconv.Quote(best) + "?"
	}
	return ""
}

// capitalize starts a sentence with s.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
