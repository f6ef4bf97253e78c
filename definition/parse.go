package definition

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// Problem is one thing wrong with a definition, at a path such as "steps[2].templateId".
type Problem struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// ValidationError lists every problem found in a definition, in document order.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.String()
	}
	return "invalid definition: " + strings.Join(parts, "; ")
}

// Parse reads definition JSON, checks it against the format and limits of the definition
// (docs/design/contract.md, section "2. The definition") and returns it with defaults
// filled. Every problem is reported at once in a *ValidationError. Text that encoding/json
// would silently change (see CheckStrictJSON) is refused with those problems alone.
func Parse(data []byte) (*Definition, error) {
	if len(data) > MaxBytes {
		return nil, &ValidationError{Problems: []Problem{{Message: fmt.Sprintf("the definition is %d bytes; at most %d bytes are allowed", len(data), MaxBytes)}}}
	}
	if problems := CheckStrictJSON(data); len(problems) > 0 {
		return nil, &ValidationError{Problems: problems}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var raw any
	if err := dec.Decode(&raw); err != nil {
		return nil, &ValidationError{Problems: []Problem{{Message: "not valid JSON: " + jsonErrorText(data, err)}}}
	}
	// Decoder.More does not see a stray "}" or "]", so look at what follows the value.
	if rest := bytes.TrimLeft(data[dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
		line, col := lineCol(data, len(data)-len(rest))
		return nil, &ValidationError{Problems: []Problem{{Message: fmt.Sprintf("not valid JSON: unexpected content after the top-level object (line %d, column %d)", line, col)}}}
	}
	p := &parser{}
	def := p.definition(raw)
	if len(p.problems) > 0 {
		return nil, &ValidationError{Problems: p.problems}
	}
	return def, nil
}

// ParseString is Parse for a string.
func ParseString(s string) (*Definition, error) { return Parse([]byte(s)) }

// Canonicalize parses definition JSON and returns its canonical form.
func Canonicalize(data []byte) (string, error) {
	d, err := Parse(data)
	if err != nil {
		return "", err
	}
	return d.Canonical(), nil
}

// Equal reports whether two definition documents mean the same. Either failing to parse is
// an error.
func Equal(a, b string) (bool, error) {
	ca, err := Canonicalize([]byte(a))
	if err != nil {
		return false, err
	}
	cb, err := Canonicalize([]byte(b))
	if err != nil {
		return false, err
	}
	return ca == cb, nil
}

func jsonErrorText(data []byte, err error) string {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		// Offset counts the offending byte itself.
		line, col := lineCol(data, int(syn.Offset)-1)
		return fmt.Sprintf("%s (line %d, column %d)", syn.Error(), line, col)
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return typ.Error()
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "the document ends too early"
	}
	return err.Error()
}

// lineCol gives the 1-based line and column of the byte at offset.
func lineCol(data []byte, offset int) (int, int) {
	offset = min(max(offset, 0), len(data))
	line, col := 1, 1
	for _, c := range data[:offset] {
		if c == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

type parser struct {
	problems []Problem
	steps    int
}

func (p *parser) add(path, format string, args ...any) {
	p.problems = append(p.problems, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

func (p *parser) definition(raw any) *Definition {
	obj, ok := raw.(map[string]any)
	if !ok {
		p.add("", "the definition must be a JSON object like {\"steps\": [...]}, not %s", describe(raw))
		return nil
	}
	p.unknownKeys("", obj, "steps")
	rawSteps, ok := obj["steps"]
	if !ok {
		p.add("steps", "is required: a list of at least one step")
		return nil
	}
	steps := p.stepList("steps", rawSteps, 0)
	// Count the steps written, not the valid ones: a lone bad step already has its problem.
	if list, isList := rawSteps.([]any); rawSteps == nil || (isList && len(list) == 0) {
		p.add("steps", "must hold at least one step")
	}
	if p.steps > MaxSteps {
		p.add("steps", "the definition has %d steps; at most %d are allowed", p.steps, MaxSteps)
	}
	return &Definition{Steps: steps}
}

// stepList parses a list of steps; depth counts enclosing conditions.
func (p *parser) stepList(path string, raw any, depth int) []Step {
	if raw == nil {
		return []Step{}
	}
	list, ok := raw.([]any)
	if !ok {
		p.add(path, "must be a list of steps, not %s", describe(raw))
		return nil
	}
	// Each step is parsed in its place in the list, which has room for all of them, so that
	// parsing a step allocates no Step of its own.
	steps := make([]Step, 0, len(list))
	for i, item := range list {
		steps = append(steps, Step{})
		if !p.step(fmt.Sprintf("%s[%d]", path, i), item, depth, &steps[len(steps)-1]) {
			steps = steps[:len(steps)-1]
		}
	}
	return steps
}

// step parses one step into s by its type's entry of the table, and reports whether it could;
// depth counts the enclosing steps that hold steps.
func (p *parser) step(path string, raw any, depth int, s *Step) bool {
	p.steps++
	obj, ok := raw.(map[string]any)
	if !ok {
		p.add(path, "a step must be an object with a \"type\", not %s", describe(raw))
		return false
	}
	typ, ok := p.requiredString(path, obj, "type", stepTypeWant)
	if !ok {
		return false
	}
	spec := StepType(typ).spec()
	if spec == nil {
		p.add(path+".type", "unknown step type %q; expected one of %s%s", typ, stepTypesText, DidYouMean(typ, stepTypeNames))
		return false
	}
	p.unknownKeys(path, obj, spec.keys...)
	if len(spec.lists) > 0 && depth+1 > MaxDepth {
		p.add(path, "%ss are nested %d deep; at most %d levels are allowed", spec.typ, depth+1, MaxDepth)
		return false
	}
	s.Type = spec.typ
	for i := range spec.fields {
		p.field(path, obj, &spec.fields[i], s, depth)
	}
	return true
}

// field parses one field of a step into s. A missing required field is a problem; a missing
// optional one takes its default, and a missing step list is empty.
func (p *parser) field(path string, obj map[string]any, f *Field, s *Step, depth int) {
	v, has := obj[f.Name]
	if f.Kind.Shape() == ShapeSteps {
		f.SetSteps(s, p.stepList(path+"."+f.Name, v, depth+1))
		return
	}
	if !has || (v == nil && !f.Required) {
		switch {
		case f.Required:
			p.add(path+"."+f.Name, "is required: %s", f.want)
		case f.Kind.IsText():
			f.SetText(s, f.Default)
		}
		return
	}
	switch f.Kind.Shape() {
	case ShapeText:
		f.SetText(s, f.Kind.spec().parse(p, path, f.Name, v, f.want))
	case ShapeRule:
		f.SetRule(s, p.rule(path+"."+f.Name, v, 1))
	case ShapeSteps: // read above, present or not
	default:
		p.add(path+"."+f.Name, "cannot be read: the step table gives it the unknown kind %v", f.Kind)
	}
}

func (p *parser) requiredString(path string, obj map[string]any, key, want string) (string, bool) {
	v, ok := obj[key]
	if !ok {
		p.add(path+"."+key, "is required: %s", want)
		return "", false
	}
	return p.nonEmptyString(path, key, v, want)
}

// nonEmptyString reads the value v of the key at path as a string that is not empty.
func (p *parser) nonEmptyString(path, key string, v any, want string) (string, bool) {
	s, ok := v.(string)
	if !ok {
		p.add(path+"."+key, "must be a string (%s), not %s", want, describe(v))
		return "", false
	}
	if s == "" {
		p.add(path+"."+key, "must not be empty: %s", want)
		return "", false
	}
	return s, true
}

func (p *parser) duration(path string, v any) string {
	s, ok := v.(string)
	if !ok {
		p.add(path, "must be a duration string such as \"2d\", not %s", describe(v))
		return ""
	}
	canon, err := CanonicalDuration(s)
	if err != nil {
		p.add(path, "%s", err)
		return s
	}
	return canon
}

func (p *parser) unknownKeys(path string, obj map[string]any, allowed ...string) {
	var unknown []string
	for k := range obj {
		if !slices.Contains(allowed, k) {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		at := k
		if path != "" {
			at = path + "." + k
		}
		p.add(at, "unknown field %q; expected %s%s", k, strings.Join(quoteAll(allowed), ", "), DidYouMean(k, allowed))
	}
}

func isNumberOrString(v any) bool {
	switch v.(type) {
	case json.Number, string:
		return true
	}
	return false
}

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		return "the number " + string(x)
	case string:
		return fmt.Sprintf("the string %q", x)
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

func quoteAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = strconv.Quote(s)
	}
	return out
}
