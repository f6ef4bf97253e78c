package dsl

import (
	"errors"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
)

// The guards see a function's result only once it is built, and a few functions can build
// one far larger than their arguments: replace("aa", "a", LONG) is twice LONG, and eight of
// them nested are gigabytes. Those functions are wrapped here to work out, from their
// arguments, how large the result will be, and to refuse or charge it before building it.

// boundedChecks are the checks of the functions that can build a value far larger than
// their arguments, by function name.
var boundedChecks = map[string]func(m *meter, args []cty.Value) error{
	"concat":        (*meter).concatCheck,
	"format":        (*meter).formatCheck,
	"join":          (*meter).joinCheck,
	"regex_replace": (*meter).regexReplaceCheck,
	"replace":       (*meter).replaceCheck,
	"split":         (*meter).splitCheck,
}

// functions returns the functions an evaluation may call: the meter's guards, and the
// functions of the DSL, those in boundedChecks with their check.
func (m *meter) functions() map[string]function.Function {
	fns := m.guards()
	for name, f := range functions {
		fns[name] = f
		if check, ok := boundedChecks[name]; ok {
			fns[name] = m.bounded(f, func(args []cty.Value) error { return check(m, args) })
		}
	}
	return fns
}

// bounded wraps f so that check runs on the arguments first; check charges the work the call
// will do, or refuses it.
func (m *meter) bounded(f function.Function, check func(args []cty.Value) error) function.Function {
	return function.New(&function.Spec{
		Description: f.Description(),
		Params:      f.Params(),
		VarParam:    f.VarParam(),
		Type:        func(args []cty.Value) (cty.Type, error) { return f.ReturnTypeForValues(args) },
		Impl: func(args []cty.Value, retType cty.Type) (cty.Value, error) {
			for _, arg := range args {
				if !arg.IsWhollyKnown() {
					return f.Call(args)
				}
			}
			if err := check(args); err != nil {
				var limit *limitError
				if !errors.As(err, &limit) {
					return cty.NilVal, err
				}
				m.fail(limit)
				return cty.UnknownVal(retType), nil
			}
			return f.Call(args)
		},
	})
}

// replaceCheck: the result's size follows from the number of matches.
func (m *meter) replaceCheck(args []cty.Value) error {
	str, old, repl := args[0].AsString(), args[1].AsString(), args[2].AsString()
	size := len(str) + strings.Count(str, old)*(len(repl)-len(old))
	if size > maxValueBytes {
		return tooLargeError("replace would return", size)
	}
	return m.charge(size)
}

// splitCheck: the list is measured as its JSON form, and charged as a value with one element
// per piece.
func (m *meter) splitCheck(args []cty.Value) error {
	sep, str := args[0].AsString(), args[1].AsString()
	var size, pieces int
	if sep == "" {
		pieces = utf8.RuneCountInString(str)
		size = len(str) + 3*pieces + 2
	} else {
		pieces = strings.Count(str, sep) + 1
		size = len(str) - (pieces-1)*len(sep) + 3*pieces + 2
	}
	if size > maxValueBytes {
		return tooLargeError("split would return a list of", size)
	}
	return m.charge(sizeWeight*size + elementCost*pieces)
}

// concatCheck: the lists share their elements with the result, but the result's size is
// their sum.
func (m *meter) concatCheck(args []cty.Value) error {
	size, work := 0, 0
	for _, arg := range args {
		n, w, err := weigh(arg, false)
		if err != nil {
			return err
		}
		size, work = size+n, work+w
		if size > maxValueBytes {
			return tooLargeError("concat would return a list of at least", size)
		}
	}
	return m.charge(work)
}

// joinCheck: the elements are strings by now; the separator comes between each two.
func (m *meter) joinCheck(args []cty.Value) error {
	sep := args[0].AsString()
	size, count := 0, 0
	for _, list := range args[1:] {
		for it := list.ElementIterator(); it.Next(); {
			if _, elem := it.Element(); !elem.IsNull() {
				size += len(elem.AsString())
			}
			count++
			if count > 1 {
				size += len(sep)
			}
			if size > maxValueBytes {
				return tooLargeError("join would return at least", size)
			}
		}
	}
	return m.charge(size)
}

// regexReplaceCheck charges the matching, which takes time in proportion to the text times
// the size of the compiled pattern, then bounds the result: the text less what matched, plus
// one replacement per match, in which each $ may stand for a copy of the match.
func (m *meter) regexReplaceCheck(args []cty.Value) error {
	str, pattern, repl := args[0].AsString(), args[1].AsString(), args[2].AsString()
	parsed, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return err // as regexp.Compile words it, in the function
	}
	if err := m.charge((len(str) + 1) * programSize(parsed)); err != nil {
		return err
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return err
	}
	matches, matched := 0, 0
	re.ReplaceAllStringFunc(str, func(match string) string {
		matches++
		matched += len(match)
		return ""
	})
	refs := strings.Count(repl, "$")
	size := len(str) - matched + matches*len(repl) + refs*matched
	if size > maxValueBytes {
		what := "regex_replace would return"
		if refs > 0 {
			what = "regex_replace could return up to"
		}
		return tooLargeError(what, size)
	}
	return m.charge(size)
}

// programSize estimates the instructions a parsed pattern compiles to, repetitions counted
// out as the compiler does: a{1000} is a thousand.
func programSize(re *syntax.Regexp) int {
	size := 1 + len(re.Rune)
	for _, sub := range re.Sub {
		size += programSize(sub)
	}
	if re.Op == syntax.OpRepeat {
		n := re.Max
		if n < 0 {
			n = re.Min + 1
		}
		size *= max(n, 1)
	}
	return size
}

// maxFormatWidth bounds the width and precision of a format verb: the padding is allocated in
// full, so format("%999999999s", "") would otherwise take a gigabyte.
const maxFormatWidth = 1000

// formatVerbs matches %% and each verb: its argument index, width, precision and letter.
var formatVerbs = regexp.MustCompile(`%(?:%|[-+# 0]*(?:\[(\d+)\])?(\d*)(?:\.(\d*))?([a-zA-Z]?))`)

// formatCheck refuses widths and precisions above maxFormatWidth and charges an upper bound
// of the result: for each verb, its argument written as JSON with every character escaped,
// or a number's digits in binary, plus the padding.
func (m *meter) formatCheck(args []cty.Value) error {
	format, vals := args[0].AsString(), args[1:]
	size, next := len(format), 0
	for _, verb := range formatVerbs.FindAllStringSubmatch(format, -1) {
		if verb[0] == "%%" {
			continue
		}
		for _, n := range verb[2:4] {
			if v, err := strconv.Atoi(n); n != "" && (err != nil || v > maxFormatWidth) {
				return function.NewArgErrorf(0, "a width or precision of %s is too large; at most %d is allowed", n, maxFormatWidth)
			}
		}
		i := next
		if verb[1] != "" {
			n, err := strconv.Atoi(verb[1])
			if err != nil {
				continue // the function reports it
			}
			i = n - 1
		}
		next = i + 1
		size += 2*maxFormatWidth + 16
		if i < 0 || i >= len(vals) {
			continue
		}
		arg := vals[i]
		if verb[4] != "" && strings.Contains("bdoxXeEfgG", verb[4]) {
			n, err := m.numberText(arg)
			if err != nil {
				return err
			}
			size += 4 * n
			continue
		}
		n, _, err := weigh(arg, false)
		if err != nil {
			return err
		}
		size += 6 * n
	}
	return m.charge(size)
}

// numberText returns the length of arg written in decimal, once converted to a number as
// format does, or 0 when it is not a number (format reports that).
func (m *meter) numberText(arg cty.Value) (int, error) {
	if arg.Type() == cty.String {
		n := len(arg.AsString())
		if err := m.charge(n * n / numberTextScale); err != nil {
			return 0, err
		}
	}
	if num, err := convert.Convert(arg, cty.Number); err == nil && !num.IsNull() {
		if !numberFits(num) {
			return 0, errNumberTooLarge
		}
		return len(num.AsBigFloat().Text('f', -1)), nil
	}
	return 0, nil
}
