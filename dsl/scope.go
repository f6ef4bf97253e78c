package dsl

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// scope evaluates expressions known at compile time: literals, var.NAME, local.NAME and
// function calls. It checks every reference before evaluating, so that an undefined name gets
// a message that says which names exist, and a reference to a local that already failed
// stays silent instead of repeating that failure.
type scope struct {
	src      []byte
	vars     map[string]cty.Value // by NFC name
	varNames []string             // given names, sorted, for messages
	locals   map[string]*local    // by name
	order    []string             // local names in source order
	ctx      *hcl.EvalContext
	meter    *meter
	diags    hcl.Diagnostics
}

func newScope(src []byte, vars map[string]string, filename string) *scope {
	s := &scope{src: src, vars: map[string]cty.Value{}, locals: map[string]*local{}, meter: newMeter()}
	for name, value := range vars {
		key := cty.NormalizeString(name)
		if _, dup := s.vars[key]; dup {
			s.diags = append(s.diags, errorAt(fileStart(filename), "Duplicate var",
				fmt.Sprintf("Two vars are named %q once Unicode-normalized; give each var a distinct name.", key)))
		}
		s.vars[key] = cty.StringVal(value)
		s.varNames = append(s.varNames, name)
	}
	slices.Sort(s.varNames)
	s.ctx = &hcl.EvalContext{
		Variables: map[string]cty.Value{rootVar: cty.ObjectVal(s.vars), rootLocal: cty.EmptyObjectVal},
		Functions: s.meter.functions(),
	}
	return s
}

// checkRefs reports the references and calls in expr that cannot be evaluated at compile
// time. ok is false when expr must not be evaluated.
func (s *scope) checkRefs(expr hclsyntax.Expression, use usage) bool {
	ok := true
	for _, trav := range hclsyntax.Variables(expr) {
		if !s.checkTraversal(trav, use) {
			ok = false
		}
	}
	diags := hclsyntax.VisitAll(expr, func(n hclsyntax.Node) hcl.Diagnostics {
		call, isCall := n.(*hclsyntax.FunctionCallExpr)
		if !isCall {
			return nil
		}
		if _, known := functions[call.Name]; !known {
			return hcl.Diagnostics{errorAt(call.NameRange, "Unknown function",
				fmt.Sprintf("There is no function named %q here. %s", call.Name, functionHint(call.Name)))}
		}
		return nil
	})
	s.diags = append(s.diags, diags...)
	return ok && !diags.HasErrors()
}

func (s *scope) checkTraversal(trav hcl.Traversal, use usage) bool {
	root := trav.RootName()
	name, hasName := traversalName(trav)
	switch root {
	case rootVar:
		if !hasName {
			return true
		}
		if _, given := s.vars[cty.NormalizeString(name)]; given {
			return true
		}
		given := "No vars were given."
		if len(s.varNames) > 0 {
			given = "Vars given: " + strings.Join(s.varNames, ", ") + "."
		}
		s.diags = append(s.diags, errorAt(trav.SourceRange(), "Undefined var",
			fmt.Sprintf("var.%s has no value. %s%s Give it one: --var %s=VALUE for kraiter dsl compile, or %s = \"...\" in the vars of kraiter_sequence_definition or compile_sequence.",
				name, given, DidYouMean(name, s.varNames), name, name)))
		return false
	case rootLocal:
		if !hasName {
			return true
		}
		l, defined := s.locals[name]
		if !defined {
			defined := "No locals are defined."
			if len(s.order) > 0 {
				defined = "Locals defined: " + strings.Join(s.order, ", ") + "."
			}
			s.diags = append(s.diags, errorAt(trav.SourceRange(), "Undefined local",
				fmt.Sprintf("local.%s is not defined. %s%s Define it in a locals block: locals { %s = \"...\" }.",
					name, defined, DidYouMean(name, s.order), name)))
			return false
		}
		return l.state != localFailed
	case rootContact:
		s.diags = append(s.diags, errorAt(trav.SourceRange(), "Value not known at compile time",
			fmt.Sprintf("%s is a contact attribute, known only when the sequence runs, but %s must be known when the sequence is compiled. %s",
				traversalText(trav), use, contactHint(use))))
		return false
	default:
		s.diags = append(s.diags, errorAt(trav.SourceRange(), "Unknown name",
			fmt.Sprintf("%q is not defined. Expressions can refer to var.NAME (a value given to the compiler), local.NAME (a locals entry) and, in when, contact.NAME.%s",
				root, DidYouMean(root, references))))
		return false
	}
}

func contactHint(use usage) string {
	if use == useComparison {
		return "A comparison takes contact.ATTR on one side and a value known at compile time on the other; rules cannot compare two contact attributes or a computed one."
	}
	return "To act on a contact's attributes, branch with a condition block."
}

// traversalName is the name after the root: "x" in var.x and var["x"].
func traversalName(trav hcl.Traversal) (string, bool) {
	if len(trav) < 2 {
		return "", false
	}
	switch step := trav[1].(type) {
	case hcl.TraverseAttr:
		return step.Name, true
	case hcl.TraverseIndex:
		if step.Key.Type() == cty.String && step.Key.IsKnown() && !step.Key.IsNull() {
			return step.Key.AsString(), true
		}
	}
	return "", false
}

// traversalText writes a traversal as source-like text for messages.
func traversalText(trav hcl.Traversal) string {
	var b strings.Builder
	for _, step := range trav {
		switch st := step.(type) {
		case hcl.TraverseRoot:
			b.WriteString(st.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + st.Name)
		case hcl.TraverseIndex:
			b.WriteString("[...]")
		case hcl.TraverseSplat:
			b.WriteString("[*]")
		}
	}
	return b.String()
}

// value evaluates expr, which must be known at compile time, within the limits of the meter.
// Once the file's allowance of work is spent, nothing more is evaluated: the one error that
// says so is enough.
func (s *scope) value(expr hclsyntax.Expression, use usage) (cty.Value, bool) {
	if !s.checkRefs(expr, use) || s.meter.exhausted() {
		return cty.NilVal, false
	}
	val, diags := s.meter.evaluate(expr, s.ctx)
	s.diags = append(s.diags, diags...)
	if diags.HasErrors() {
		return cty.NilVal, false
	}
	if !val.IsWhollyKnown() {
		s.diags = append(s.diags, errorAt(expr.Range(), "Value not known at compile time",
			fmt.Sprintf("%s cannot be computed when the sequence is compiled. Use literals, var.NAME, local.NAME and functions of them.", capitalize(string(use)))))
		return cty.NilVal, false
	}
	if tooLarge(val) {
		s.diags = append(s.diags, errorAt(expr.Range(), "Value too large",
			fmt.Sprintf("%s is larger than a whole definition may be (%d bytes).", capitalize(string(use)), maxValueBytes)))
		return cty.NilVal, false
	}
	return val, true
}

// str evaluates expr to a string. Plain quoted literals are read from the source so that
// their text is kept exactly (see rawLiteral).
func (s *scope) str(expr hclsyntax.Expression, use usage) (string, bool) {
	text, null, ok := s.strOrNull(expr, use)
	if null {
		s.typeError(expr, use, cty.NullVal(cty.String))
		return "", false
	}
	return text, ok
}

// strOrNull is str for an optional attribute, where null means "not set".
func (s *scope) strOrNull(expr hclsyntax.Expression, use usage) (text string, null, ok bool) {
	if raw, ok := rawLiteral(s.src, expr); ok {
		return raw, false, true
	}
	val, ok := s.value(expr, use)
	switch {
	case !ok:
		return "", false, false
	case val.IsNull():
		return "", true, true
	case val.Type() != cty.String:
		s.typeError(expr, use, val)
		return "", false, false
	}
	return val.AsString(), false, true
}

func (s *scope) typeError(expr hclsyntax.Expression, use usage, val cty.Value) {
	s.diags = append(s.diags, errorAt(expr.Range(), "Incorrect type",
		fmt.Sprintf("%s must be a string, not %s. Write it in quotes, or convert it with tostring(...).", capitalize(string(use)), describeValue(val))))
}

// capitalize starts a sentence with s; references such as local.x keep their case.
func capitalize(s string) string {
	if s == "" || strings.HasPrefix(s, rootLocal+".") {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// describeValue names the type of val for messages: "a number", "null".
func describeValue(val cty.Value) string {
	ty := val.Type()
	switch {
	case val.IsNull():
		return "null"
	case ty == cty.String:
		return "a string"
	case ty == cty.Number:
		return "a number"
	case ty == cty.Bool:
		return "a bool"
	case ty.IsListType(), ty.IsTupleType(), ty.IsSetType():
		return "a list"
	case ty.IsMapType(), ty.IsObjectType():
		return "an object"
	}
	return ty.FriendlyName()
}
