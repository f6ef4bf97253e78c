package dsl

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// maxValueBytes bounds any value computed at compile time: nothing larger fits in a
// definition, and the bound keeps locals that double a string from exhausting memory.
const maxValueBytes = definition.MaxBytes

// jsonValue compiles an expression known at compile time to JSON, keeping its type: numbers
// stay numbers, bools stay bools. Quoted literals, lists and objects written out in the
// source are read directly, so strings in them keep their exact text; everything else is
// evaluated.
func (s *scope) jsonValue(expr hclsyntax.Expression, use usage) (json.RawMessage, bool) {
	switch e := expr.(type) {
	case *hclsyntax.ParenthesesExpr:
		return s.jsonValue(e.Expression, use)
	case *hclsyntax.TemplateExpr:
		if raw, ok := rawLiteral(s.src, e); ok {
			return jsonString(raw), true
		}
	case *hclsyntax.TupleConsExpr:
		var b bytes.Buffer
		b.WriteByte('[')
		ok := true
		for i, item := range e.Exprs {
			v, itemOK := s.jsonValue(item, use)
			ok = ok && itemOK
			if i > 0 {
				b.WriteByte(',')
			}
			b.Write(v)
		}
		b.WriteByte(']')
		return b.Bytes(), ok && s.fits(&b, expr, use)
	case *hclsyntax.ObjectConsExpr:
		return s.jsonObject(e, use)
	case *hclsyntax.LiteralValueExpr:
		if text, ok := s.numberLiteral(e, ""); ok {
			return text, true
		}
	case *hclsyntax.UnaryOpExpr:
		if lit, isLit := e.Val.(*hclsyntax.LiteralValueExpr); isLit && e.Op == hclsyntax.OpNegate {
			if text, ok := s.numberLiteral(lit, "-"); ok {
				return text, true
			}
		}
	case *hclsyntax.FunctionCallExpr:
		if e.Name == fnNumber {
			return s.exactNumber(e, use)
		}
	}
	val, ok := s.value(expr, use)
	if !ok {
		return nil, false
	}
	out, err := ctyJSON(val)
	if err != nil {
		s.diags = append(s.diags, errorAt(expr.Range(), "Invalid value", fmt.Sprintf("%s %s.", capitalize(string(use)), err)))
		return nil, false
	}
	return out, true
}

func (s *scope) jsonObject(e *hclsyntax.ObjectConsExpr, use usage) (json.RawMessage, bool) {
	var b bytes.Buffer
	b.WriteByte('{')
	ok := true
	seen := map[string]hcl.Range{}
	for i, item := range e.Items {
		key, keyOK := s.objectKey(item.KeyExpr, use)
		val, valOK := s.jsonValue(item.ValueExpr, use)
		if !keyOK || !valOK {
			ok = false
			continue
		}
		if prev, dup := seen[key]; dup {
			s.diags = append(s.diags, errorAt(item.KeyExpr.Range(), "Duplicate object key",
				fmt.Sprintf("The key %q is already set on line %d; an object holds each key once.", key, prev.Start.Line)))
			ok = false
			continue
		}
		seen[key] = item.KeyExpr.Range()
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(jsonString(key))
		b.WriteByte(':')
		b.Write(val)
	}
	b.WriteByte('}')
	return b.Bytes(), ok && s.fits(&b, e, use)
}

// objectKey reads the key of an object item: a bare name and a quoted literal stand for
// themselves; anything else is evaluated and must be a string.
func (s *scope) objectKey(expr hclsyntax.Expression, use usage) (string, bool) {
	if key, isKey := expr.(*hclsyntax.ObjectConsKeyExpr); isKey {
		if !key.ForceNonLiteral {
			if name := hcl.ExprAsKeyword(key.Wrapped); name != "" {
				return name, true
			}
		}
		expr = key.Wrapped
	}
	return s.str(expr, use+" (an object key)")
}

func (s *scope) fits(b *bytes.Buffer, expr hclsyntax.Expression, use usage) bool {
	if b.Len() <= maxValueBytes {
		return true
	}
	s.diags = append(s.diags, errorAt(expr.Range(), "Value too large",
		fmt.Sprintf("%s is larger than a whole definition may be (%d bytes).", capitalize(string(use)), maxValueBytes)))
	return false
}

// jsonNumber matches a number as HCL's number literals and JSON write it, capturing the sign
// and the number without leading zeros (which JSON does not allow).
var jsonNumber = regexp.MustCompile(`^(-?)0*(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)$`)

// numberLiteral reads a number literal's text from the source, keeping every digit: cty holds
// numbers as 512-bit binary floats, which would round long decimals.
func (s *scope) numberLiteral(lit *hclsyntax.LiteralValueExpr, sign string) (json.RawMessage, bool) {
	rng := lit.SrcRange
	if lit.Val.Type() != cty.Number || rng.Start.Byte < 0 || rng.End.Byte > len(s.src) || rng.Start.Byte > rng.End.Byte {
		return nil, false
	}
	m := jsonNumber.FindStringSubmatch(sign + string(s.src[rng.Start.Byte:rng.End.Byte]))
	if m == nil {
		return nil, false
	}
	return json.RawMessage(m[1] + m[2]), true
}

// exactNumber compiles number("TEXT"), the way to write a number whose exponent is beyond what
// an HCL number literal can hold (about ±600 million).
func (s *scope) exactNumber(call *hclsyntax.FunctionCallExpr, use usage) (json.RawMessage, bool) {
	if len(call.Args) != 1 || call.ExpandFinal {
		s.diags = append(s.diags, errorAt(call.Range(), "Wrong arguments to number",
			`number takes one string, a number written as in JSON, such as number("1e999999999").`))
		return nil, false
	}
	text, ok := s.str(call.Args[0], use)
	if !ok {
		return nil, false
	}
	m := jsonNumber.FindStringSubmatch(text)
	if m == nil {
		s.diags = append(s.diags, errorAt(call.Args[0].Range(), "Invalid number",
			fmt.Sprintf("%q is not a number; write it as in JSON, such as \"-12.5\" or \"1e999999999\".", text)))
		return nil, false
	}
	return json.RawMessage(m[1] + m[2]), true
}

func jsonString(s string) json.RawMessage {
	out, _ := json.Marshal(s)
	return out
}

// ctyJSON writes a known value as JSON. Numbers are written with the shortest decimal text
// that identifies them at cty's precision (0.1 stays 0.1), which definition.Parse then brings
// to its canonical form.
func ctyJSON(val cty.Value) (json.RawMessage, error) {
	var b bytes.Buffer
	if err := writeCty(&b, val); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func writeCty(b *bytes.Buffer, val cty.Value) error {
	ty := val.Type()
	switch {
	case val.IsNull():
		b.WriteString("null")
	case ty == cty.String:
		b.Write(jsonString(val.AsString()))
	case ty == cty.Bool:
		if val.True() {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case ty == cty.Number:
		f := val.AsBigFloat()
		if f.IsInf() {
			return fmt.Errorf("is infinite; only finite numbers can be compared")
		}
		if !numberFits(val) {
			return fmt.Errorf("is a number too large or too small to compute; write it as a literal, or as number(\"TEXT\")")
		}
		b.WriteString(f.Text('g', -1))
	case ty.IsListType(), ty.IsTupleType(), ty.IsSetType():
		b.WriteByte('[')
		for i, it := 0, val.ElementIterator(); it.Next(); i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			_, elem := it.Element()
			if err := writeCty(b, elem); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case ty.IsMapType(), ty.IsObjectType():
		b.WriteByte('{')
		for i, it := 0, val.ElementIterator(); it.Next(); i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			key, elem := it.Element()
			b.Write(jsonString(key.AsString()))
			b.WriteByte(':')
			if err := writeCty(b, elem); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	default:
		return fmt.Errorf("is %s, which has no JSON form", ty.FriendlyName())
	}
	return nil
}

// tooLarge reports whether a value's JSON form would exceed maxValueBytes, without writing it.
func tooLarge(val cty.Value) bool {
	budget := maxValueBytes
	var walk func(v cty.Value) bool
	walk = func(v cty.Value) bool {
		ty := v.Type()
		switch {
		case !v.IsKnown() || v.IsNull():
			budget -= 4
		case ty == cty.String:
			budget -= len(v.AsString()) + 2
		case ty == cty.Number:
			budget -= 24
		case ty.IsCollectionType() || ty.IsTupleType() || ty.IsObjectType():
			budget -= 2
			for it := v.ElementIterator(); it.Next() && budget >= 0; {
				key, elem := it.Element()
				if key.Type() == cty.String {
					budget -= len(key.AsString()) + 3
				}
				if !walk(elem) {
					return false
				}
			}
		default:
			budget -= 8
		}
		return budget >= 0
	}
	return !walk(val)
}
