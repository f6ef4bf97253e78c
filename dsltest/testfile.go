package dsltest

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

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
	*reader
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
	p := &testParser{newReader(src, filename, "test file", `contact = { plan = "pro" }`)}
	defaults := p.defaults(body)
	var tests []*sequenceTest
	names := map[string]hcl.Range{}
	for _, block := range body.Blocks {
		if block.Type != testBlock {
			p.diags = append(p.diags, errorAt(block.TypeRange, "Unknown block type",
				fmt.Sprintf("%q is not a block of a test file; it holds test blocks, such as test \"a pro user gets the tips\" { ... }.%s", block.Type, dsl.DidYouMean(block.Type, []string{testBlock}))))
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
	diags = append(diags, p.diagnostics()...)
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
				fmt.Sprintf("The top level of a test file takes %s, which every test starts from, not %q; the rest belongs in a test block.%s", prose.Quoted(testFileAttrs, "and"), attr.Name, dsl.DidYouMean(attr.Name, testAttrs))))
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
			t.input.Attributes = p.attributes(attr.Expr, testContact)
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
				fmt.Sprintf("Test blocks take %s, not %q.%s", prose.Quoted(testAttrs, "and"), attr.Name, dsl.DidYouMean(attr.Name, testAttrs))))
		}
	}
	for _, inner := range block.Body.Blocks {
		written[inner.Type] = true
		if inner.Type != testExpectSendBlock {
			p.diags = append(p.diags, errorAt(inner.TypeRange, "Unknown block type",
				fmt.Sprintf("%q is not a block of a test; a test holds expect_send blocks, such as expect_send \"tmpl_welcome\" { after = \"2d\" }.%s", inner.Type, dsl.DidYouMean(inner.Type, []string{testExpectSendBlock}))))
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
				fmt.Sprintf("Expect_send blocks take %s, not %q.%s", prose.Quoted(expectSendAttrs, "and"), attr.Name, dsl.DidYouMean(attr.Name, expectSendAttrs))))
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

// templateList reads a list of template ids written out, such as ["tmpl_a", "tmpl_b"].
func (p *testParser) templateList(expr hclsyntax.Expression) ([]listItem, bool) {
	return p.stringList(expr, useTestTemplate, "Invalid template list",
		`Write the template ids as a list, such as ["tmpl_welcome", "tmpl_tips"], or [] for none.`)
}
