package dsl

import (
	"errors"
	"fmt"
	"runtime"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// A few bytes of source can ask for gigabytes: eight nested replace calls, a template that
// repeats a large local, loops over loops, or a number with a billion digits turned into
// text. HCL evaluates an expression in one recursive call that this package cannot enter,
// so before evaluating, scope.value rewrites a copy of the expression so that every value
// that one part computes for another passes through a guard: a function call to the meter,
// under a name no source can write. The guard refuses a value larger than a whole
// definition, or a number too large to write, and charges the value's size to the file's
// allowance of work; a loop's collection is charged for every iteration before the loop
// runs. The evaluation runs in a goroutine of its own, which a guard that hits a limit ends
// at once (runtime.Goexit), wherever HCL is in it; the limit is then reported once, at that
// guard's place. The functions that could build a huge value before any guard sees it work
// out their result's size first (see bounded.go).

const (
	// maxWork is a file's allowance of work, in bytes: about what evaluating its expressions
	// may allocate, 256 times the largest definition, and a fraction of a second.
	maxWork = 256 * maxValueBytes
	// guardCost is the work charged for each value that passes a guard: the guard's call and
	// HCL's machinery around it allocate about this much, whatever the value.
	guardCost = 4 << 10
	// sizeWeight multiplies the size of a value that passes a guard: what uses it, a template
	// or a function, copies it a few times over as it builds its result.
	sizeWeight = 4
	// elementCost is charged for each element of a collection that passes a guard: cty walks
	// every value given to a function, and allocates for each element.
	elementCost = 256
	// maxComputedExponent bounds the binary exponent of a computed number (about 10^4932):
	// writing a number as text takes time and memory in proportion to its exponent.
	maxComputedExponent = 1 << 14
	// numberTextScale: parsing a number from text takes time in proportion to the square of
	// its length, so a string used where a number is expected is charged its length squared
	// divided by this, besides its length.
	numberTextScale = 1024
)

// Names of the guards; the space keeps them out of reach of the source.
const (
	guardValue  = "kraiter value"
	guardNumber = "kraiter number" // where HCL may parse a string as a number
	guardLoop   = "kraiter loop"   // the collection of a for or splat: each item is charged
)

// meter holds the work left for one file, and the limit the current evaluation hit, if any.
type meter struct {
	left int // the work left of the file's allowance; below zero, nothing more is evaluated

	failure *limitError // the limit the current evaluation hit
	where   *hcl.Range  // the place of the guard that ended the evaluation
	places  []hcl.Range // the places of the current evaluation's guards, by their number
}

func newMeter() *meter {
	return &meter{left: maxWork}
}

// evaluate evaluates expr with guards, in a goroutine that a guard can end. A panic in the
// evaluation is raised again here, as if there were no goroutine.
func (m *meter) evaluate(expr hclsyntax.Expression, ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	m.failure, m.where, m.places = nil, nil, m.places[:0]
	guarded := m.guarded(expr)
	if len(m.places) == 0 { // nothing is computed: no guard to end the evaluation
		return expr.Value(ctx)
	}
	var val cty.Value
	var diags hcl.Diagnostics
	var panicked any
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() { panicked = recover() }()
		val, diags = guarded.Value(ctx)
	}()
	<-done
	if panicked != nil {
		panic(panicked)
	}
	if m.failure != nil {
		where := expr.Range()
		if m.where != nil {
			where = *m.where
		}
		return cty.NilVal, hcl.Diagnostics{errorAt(where, m.failure.summary, m.failure.detail)}
	}
	unguardDiagnostics(diags)
	return val, diags
}

// fail records a limit hit. A guard then ends the evaluation; a bounded function returns an
// unknown value to the guard around its call, which ends it there.
func (m *meter) fail(err error) {
	var limit *limitError
	if m.failure == nil && errors.As(err, &limit) {
		m.failure = limit
	}
}

// limitError is a limit hit while evaluating; scope.value turns it into a diagnostic at the
// expression that hit it.
type limitError struct {
	summary, detail string
}

func (e *limitError) Error() string { return e.detail }

func tooLargeError(what string, size int) *limitError {
	return &limitError{"Value too large", fmt.Sprintf("%s %d bytes, larger than a whole definition may be (%d bytes).", what, size, maxValueBytes)}
}

var errNumberTooLarge = &limitError{"Invalid value",
	"This number is too large or too small to compute with (beyond about 10^4932); where a rule compares with it, write it as a literal or as number(\"TEXT\")."}

var errTooMuchWork = &limitError{"Too much computation",
	fmt.Sprintf("Computing the values of this file takes more work than allowed (%d bytes computed or read); the allowance ran out here. Loops over long lists, and functions of long strings, use it fastest.", maxWork)}

// charge takes work from the file's allowance.
func (m *meter) charge(work int) error {
	m.left -= work
	if m.exhausted() {
		return errTooMuchWork
	}
	return nil
}

// exhausted reports whether the file's allowance is spent.
func (m *meter) exhausted() bool { return m.left < 0 }

// pass is a guard: it lets a value through, or ends the evaluation. place is the guard's
// number, kind its name. A loop's collection is charged for the iterations before they run,
// so that a loop whose body fails, and so never reaches a guard, is counted too.
func (m *meter) pass(val cty.Value, place int, kind string) cty.Value {
	if m.failure == nil {
		_, work, err := weigh(val, kind == guardNumber)
		if kind == guardLoop && val.IsKnown() && !val.IsNull() && val.CanIterateElements() {
			work += guardCost * val.LengthInt()
		}
		if err == nil {
			err = m.charge(guardCost + work)
		}
		if err == nil {
			return val
		}
		m.fail(err)
	}
	where := m.places[place]
	m.where = &where
	runtime.Goexit()
	return cty.NilVal
}

// weigh measures a value: the size of its JSON form, and the work of handling it: its size,
// weighted, each element of its collections, and for a string used as a number the cost of
// parsing it. It refuses a value larger than maxValueBytes, or holding a number beyond
// maxComputedExponent, and stops walking as soon as it does.
func weigh(val cty.Value, number bool) (size, work int, err error) {
	elements, parsing := 0, 0
	var walk func(v cty.Value) error
	walk = func(v cty.Value) error {
		ty := v.Type()
		switch {
		case !v.IsKnown() || v.IsNull():
			size += 4
		case ty == cty.String:
			n := len(v.AsString())
			size += n + 2
			if number {
				parsing += n * n / numberTextScale
			}
		case ty == cty.Number:
			if !numberFits(v) {
				return errNumberTooLarge
			}
			size += 24
		case ty.IsCollectionType() || ty.IsTupleType() || ty.IsObjectType():
			size += 2
			for it := v.ElementIterator(); it.Next() && size <= maxValueBytes; {
				key, elem := it.Element()
				elements++
				if key.Type() == cty.String {
					size += len(key.AsString()) + 3
				}
				if err := walk(elem); err != nil {
					return err
				}
			}
		default:
			size += 8
		}
		if size > maxValueBytes {
			return tooLargeError("This value is at least", size)
		}
		return nil
	}
	if err := walk(val); err != nil {
		return 0, 0, err
	}
	return size, sizeWeight*size + elementCost*elements + parsing, nil
}

// numberFits reports whether a known number is small enough to write as text.
func numberFits(v cty.Value) bool {
	f := v.AsBigFloat()
	exp := f.MantExp(nil)
	return f.IsInf() || (exp <= maxComputedExponent && exp >= -maxComputedExponent)
}

// guards are the meter's guard functions. Their second argument is the guard's number.
func (m *meter) guards() map[string]function.Function {
	guard := func(kind string) function.Function {
		return function.New(&function.Spec{
			Params: []function.Parameter{
				// AllowMarked spares cty a walk of the whole value to look for marks.
				{Name: "value", Type: cty.DynamicPseudoType, AllowNull: true, AllowUnknown: true, AllowDynamicType: true, AllowMarked: true},
				{Name: "place", Type: cty.Number},
			},
			Type: func(args []cty.Value) (cty.Type, error) { return args[0].Type(), nil },
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				place, _ := args[1].AsBigFloat().Int64()
				return m.pass(args[0], int(place), kind), nil
			},
		})
	}
	return map[string]function.Function{guardValue: guard(guardValue), guardNumber: guard(guardNumber), guardLoop: guard(guardLoop)}
}

// unguardDiagnostics makes HCL's diagnostics of a guarded evaluation what they would have
// been without the guards: a diagnostic about a guard's argument is about the expression it
// guards.
func unguardDiagnostics(diags hcl.Diagnostics) {
	for _, d := range diags {
		if call, ok := d.Expression.(*hclsyntax.FunctionCallExpr); ok && isGuard(call.Name) {
			if d.Subject != nil && *d.Subject == call.StartRange() {
				d.Subject = call.Args[0].StartRange().Ptr()
			}
			d.Expression = call.Args[0]
		}
	}
}

func isGuard(name string) bool {
	return name == guardValue || name == guardNumber || name == guardLoop
}

// guarded returns a copy of expr in which every value a part computes for another passes a
// guard. Values that only pass through (parentheses, the items of a list) are guarded where
// they are used; literals are part of the source and already bounded by its size.
func (m *meter) guarded(expr hclsyntax.Expression) hclsyntax.Expression {
	switch e := expr.(type) {
	case *hclsyntax.LiteralValueExpr:
		if e.Val.Type() == cty.Number && e.Val.IsKnown() && !e.Val.IsNull() && !numberFits(e.Val) {
			return m.guard(guardValue, e) // which refuses it
		}
		return e
	case *hclsyntax.ScopeTraversalExpr:
		return m.splitTraversal(e, e.Traversal[:1], e.Traversal[1:])
	case *hclsyntax.RelativeTraversalExpr:
		c := *e
		c.Source = m.guard(guardValue, m.guarded(e.Source))
		return m.splitTraversal(&c, nil, e.Traversal)
	case *hclsyntax.FunctionCallExpr:
		c := *e
		c.Args = make([]hclsyntax.Expression, len(e.Args))
		for i, arg := range e.Args {
			c.Args[i] = m.guard(argGuard(e.Name, i), m.guarded(arg))
		}
		if _, ok := boundedChecks[e.Name]; ok {
			return m.guard(guardValue, &c) // which ends the evaluation when the function refused
		}
		return &c
	case *hclsyntax.ConditionalExpr:
		c := *e
		c.Condition = m.guard(guardValue, m.guarded(e.Condition))
		c.TrueResult = m.guard(guardValue, m.guarded(e.TrueResult))
		c.FalseResult = m.guard(guardValue, m.guarded(e.FalseResult))
		return &c
	case *hclsyntax.BinaryOpExpr:
		c := *e
		name := guardNumber // arithmetic, comparison and logic convert strings
		if e.Op == hclsyntax.OpEqual || e.Op == hclsyntax.OpNotEqual {
			name = guardValue
		}
		c.LHS = m.guard(name, m.guarded(e.LHS))
		c.RHS = m.guard(name, m.guarded(e.RHS))
		return &c
	case *hclsyntax.UnaryOpExpr:
		c := *e
		c.Val = m.guard(guardNumber, m.guarded(e.Val))
		return &c
	case *hclsyntax.ParenthesesExpr:
		c := *e
		c.Expression = m.guarded(e.Expression)
		return &c
	case *hclsyntax.TemplateExpr:
		c := *e
		c.Parts = make([]hclsyntax.Expression, len(e.Parts))
		for i, part := range e.Parts {
			if lit, ok := part.(*hclsyntax.LiteralValueExpr); ok && lit.Val.Type() == cty.String {
				c.Parts[i] = part
				continue
			}
			c.Parts[i] = m.guard(guardValue, m.guarded(part))
		}
		return &c
	case *hclsyntax.TemplateWrapExpr:
		c := *e
		c.Wrapped = m.guarded(e.Wrapped)
		return &c
	case *hclsyntax.TemplateJoinExpr:
		c := *e
		c.Tuple = m.guarded(e.Tuple) // a for expression, whose parts are guarded
		return &c
	case *hclsyntax.TupleConsExpr:
		c := *e
		c.Exprs = make([]hclsyntax.Expression, len(e.Exprs))
		for i, item := range e.Exprs {
			c.Exprs[i] = m.guarded(item)
		}
		return &c
	case *hclsyntax.ObjectConsExpr:
		c := *e
		c.Items = make([]hclsyntax.ObjectConsItem, len(e.Items))
		for i, item := range e.Items {
			c.Items[i] = hclsyntax.ObjectConsItem{KeyExpr: m.guardedKey(item.KeyExpr), ValueExpr: m.guarded(item.ValueExpr)}
		}
		return &c
	case *hclsyntax.ForExpr:
		// The collection is guarded so that the iterations are charged before they run, and
		// so that, once a limit is hit, the loop does not run at all.
		c := *e
		c.CollExpr = m.guard(guardLoop, m.guarded(e.CollExpr))
		if e.KeyExpr != nil {
			c.KeyExpr = m.guard(guardValue, m.guarded(e.KeyExpr))
		}
		c.ValExpr = m.guard(guardValue, m.guarded(e.ValExpr))
		if e.CondExpr != nil {
			c.CondExpr = m.guard(guardValue, m.guarded(e.CondExpr))
		}
		return &c
	case *hclsyntax.SplatExpr:
		c := *e // Each reads the items by traversal; only the source computes
		c.Source = m.guard(guardLoop, m.guarded(e.Source))
		return &c
	}
	return expr
}

// guardedKey guards an object key unless it is a bare name, which stands for itself.
func (m *meter) guardedKey(expr hclsyntax.Expression) hclsyntax.Expression {
	key, ok := expr.(*hclsyntax.ObjectConsKeyExpr)
	if !ok {
		return m.guard(guardValue, m.guarded(expr))
	}
	if !key.ForceNonLiteral && hcl.ExprAsKeyword(key.Wrapped) != "" {
		return key
	}
	c := *key
	c.Wrapped = m.guard(guardValue, m.guarded(key.Wrapped))
	return &c
}

// splitTraversal turns the index steps of a traversal into index expressions, so that their
// keys pass a guard too: a key may be a number too large to write, or text parsed as a
// number to index a list. head is the part already split off (nil for a relative traversal,
// whose source is expr).
func (m *meter) splitTraversal(expr hclsyntax.Expression, head, rest hcl.Traversal) hclsyntax.Expression {
	for i, step := range rest {
		index, ok := step.(hcl.TraverseIndex)
		if !ok {
			continue
		}
		var coll hclsyntax.Expression
		if head != nil {
			t := append(append(hcl.Traversal{}, head...), rest[:i]...)
			coll = &hclsyntax.ScopeTraversalExpr{Traversal: t, SrcRange: t.SourceRange()}
		} else {
			src := expr.(*hclsyntax.RelativeTraversalExpr).Source
			coll = src
			if i > 0 {
				coll = &hclsyntax.RelativeTraversalExpr{Source: src, Traversal: rest[:i], SrcRange: hcl.RangeBetween(src.Range(), rest[i-1].SourceRange())}
			}
		}
		key := &hclsyntax.LiteralValueExpr{Val: index.Key, SrcRange: index.SrcRange}
		indexed := &hclsyntax.IndexExpr{
			Collection: coll, Key: m.guard(guardNumber, key),
			SrcRange: hcl.RangeBetween(coll.Range(), index.SrcRange), OpenRange: index.SrcRange, BracketRange: index.SrcRange,
		}
		after := rest[i+1:]
		if len(after) == 0 {
			return indexed
		}
		return m.splitTraversal(&hclsyntax.RelativeTraversalExpr{Source: indexed, Traversal: after, SrcRange: expr.Range()}, nil, after)
	}
	return expr
}

// argGuard names the guard of a function's argument: a number parameter parses strings.
func argGuard(name string, i int) string {
	f, known := functions[name]
	if !known {
		return guardValue
	}
	param := f.VarParam()
	if params := f.Params(); i < len(params) {
		param = &params[i]
	}
	if name == "tonumber" || (param != nil && param.Type == cty.Number) {
		return guardNumber
	}
	return guardValue
}

// guard wraps expr in a call to the named guard, at expr's place in the source.
func (m *meter) guard(name string, expr hclsyntax.Expression) hclsyntax.Expression {
	rng := expr.Range()
	m.places = append(m.places, rng)
	place := &hclsyntax.LiteralValueExpr{Val: cty.NumberIntVal(int64(len(m.places) - 1)), SrcRange: rng}
	return &hclsyntax.FunctionCallExpr{Name: name, Args: []hclsyntax.Expression{expr, place}, NameRange: rng, OpenParenRange: rng, CloseParenRange: rng}
}
