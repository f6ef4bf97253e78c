package dsl

import (
	"encoding/json"
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// Literals reads the values of a file in which every value is written out, with no vars,
// locals or other names: a sequence test file or a contacts file (package dsltest). Values
// are read as Compile reads them: quoted strings byte for byte, numbers exactly, within the
// same limits. Each problem is a diagnostic at the value; Diagnostics returns them.
type Literals struct {
	scope *scope
	// file names the kind of file and example is a value written out in it, for the message
	// about a reference: "test file", `contact = { plan = "pro" }`.
	file, example string
}

// NewLiterals reads the values of the file filename, whose source is src; file names its kind
// in messages ("test file") and example is a value written out in it.
func NewLiterals(src []byte, filename, file, example string) *Literals {
	return &Literals{scope: newScope(src, nil, filename), file: file, example: example}
}

// Diagnostics are the problems found so far, in the order they were found.
func (l *Literals) Diagnostics() hcl.Diagnostics { return l.scope.diags }

// writtenOut reports references in expr, which a file of literals cannot have.
func (l *Literals) writtenOut(expr hclsyntax.Expression) bool {
	ok := true
	for _, trav := range hclsyntax.Variables(expr) {
		ok = false
		l.scope.diags = append(l.scope.diags, errorAt(trav.SourceRange(), "Reference in a "+l.file,
			fmt.Sprintf("A %s has no vars, locals or other names; write the value itself instead of %s, such as %s.", l.file, traversalText(trav), l.example)))
	}
	return ok
}

// String reads a string that is not empty; what names it in messages: "the event name".
func (l *Literals) String(expr hclsyntax.Expression, what string) (string, bool) {
	if !l.writtenOut(expr) {
		return "", false
	}
	text, ok := l.scope.str(expr, usage(what))
	if ok && text == "" {
		l.scope.diags = append(l.scope.diags, errorAt(expr.Range(), "Empty value", capitalize(what)+" cannot be empty."))
		return "", false
	}
	return text, ok
}

// Bool reads true or false; what names the value in messages.
func (l *Literals) Bool(expr hclsyntax.Expression, what string) (bool, bool) {
	if !l.writtenOut(expr) {
		return false, false
	}
	val, ok := l.scope.value(expr, usage(what))
	if !ok {
		return false, false
	}
	if val.IsNull() || val.Type() != cty.Bool {
		l.scope.diags = append(l.scope.diags, errorAt(expr.Range(), "Incorrect type",
			fmt.Sprintf("The value must be true or false, not %s.", describeValue(val))))
		return false, false
	}
	return val.True(), true
}

// JSON reads any value as JSON, keeping its type and every digit of its numbers, as Compile
// reads the value of a comparison.
func (l *Literals) JSON(expr hclsyntax.Expression, what string) (json.RawMessage, bool) {
	if !l.writtenOut(expr) {
		return nil, false
	}
	return l.scope.jsonValue(expr, usage(what))
}

// Key reads the key of an object item: a bare name or a quoted string.
func (l *Literals) Key(expr hclsyntax.Expression, what string) (string, bool) {
	return l.scope.objectKey(expr, usage(what))
}

// Var reads the value of the var name as Compile's vars hold it: a string, or a number or
// bool written as text, as --var gives it.
func (l *Literals) Var(expr hclsyntax.Expression, name string) (string, bool) {
	if !l.writtenOut(expr) {
		return "", false
	}
	if raw, isRaw := rawLiteral(l.scope.src, expr); isRaw {
		return raw, true
	}
	val, ok := l.scope.value(expr, "a var's value")
	if !ok {
		return "", false
	}
	text, err := convert.Convert(val, cty.String)
	if err != nil || text.IsNull() {
		l.scope.diags = append(l.scope.diags, errorAt(expr.Range(), "Incorrect type",
			fmt.Sprintf("var.%s must be a string, number or bool, not %s: vars are strings, as --var gives them.", name, describeValue(val))))
		return "", false
	}
	return text.AsString(), true
}
