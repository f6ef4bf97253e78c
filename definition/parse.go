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

// Parse reads definition JSON, checks it against the format and limits of CONTRACT.md
// section 2 and returns it with defaults filled. Every problem is reported at once in a
// *ValidationError. Text that encoding/json would silently change (see CheckStrictJSON) is
// refused with those problems alone.
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
	steps := make([]Step, 0, len(list))
	for i, item := range list {
		if s, ok := p.step(fmt.Sprintf("%s[%d]", path, i), item, depth); ok {
			steps = append(steps, s)
		}
	}
	return steps
}

var stepFields = map[string][]string{
	StepEmail:     {"type", "templateId", "delay"},
	StepDelay:     {"type", "duration"},
	StepCondition: {"type", "if", "then", "else"},
}

func (p *parser) step(path string, raw any, depth int) (Step, bool) {
	p.steps++
	obj, ok := raw.(map[string]any)
	if !ok {
		p.add(path, "a step must be an object with a \"type\", not %s", describe(raw))
		return Step{}, false
	}
	typ, ok := p.requiredString(path, obj, "type", `one of "email", "delay", "condition"`)
	if !ok {
		return Step{}, false
	}
	fields, known := stepFields[typ]
	if !known {
		p.add(path+".type", "unknown step type %q; expected one of \"email\", \"delay\", \"condition\"%s", typ, suggest(typ, []string{StepEmail, StepDelay, StepCondition}))
		return Step{}, false
	}
	p.unknownKeys(path, obj, fields...)
	s := Step{Type: typ}
	switch typ {
	case StepEmail:
		s.TemplateID, _ = p.requiredString(path, obj, "templateId", `a template id such as "tmpl_welcome"`)
		s.Delay = DefaultEmailDelay
		if v, ok := obj["delay"]; ok && v != nil {
			s.Delay = p.duration(path+".delay", v)
		}
	case StepDelay:
		if v, ok := obj["duration"]; ok {
			s.Duration = p.duration(path+".duration", v)
		} else {
			p.add(path+".duration", "is required: a duration such as \"2d\"")
		}
	case StepCondition:
		if depth+1 > MaxDepth {
			p.add(path, "conditions are nested %d deep; at most %d levels are allowed", depth+1, MaxDepth)
			return Step{}, false
		}
		if v, ok := obj["if"]; ok {
			s.If = p.rule(path+".if", v, 1)
		} else {
			p.add(path+".if", "is required: a rule such as {\"attribute\": \"plan\", \"op\": \"eq\", \"value\": \"pro\"}")
		}
		s.Then = p.stepList(path+".then", obj["then"], depth+1)
		s.Else = p.stepList(path+".else", obj["else"], depth+1)
		if s.Then == nil {
			s.Then = []Step{}
		}
		if s.Else == nil {
			s.Else = []Step{}
		}
	}
	return s, true
}

func (p *parser) rule(path string, raw any, depth int) *Rule {
	if depth > MaxDepth {
		p.add(path, "rules are nested %d deep; at most %d levels are allowed", depth, MaxDepth)
		return nil
	}
	obj, ok := raw.(map[string]any)
	if !ok {
		p.add(path, "a rule must be an object (all, any, not, an attribute comparison or an event check), not %s", describe(raw))
		return nil
	}
	var forms []string
	for _, k := range []string{"all", "any", "not", "attribute", "event"} {
		if _, ok := obj[k]; ok {
			forms = append(forms, k)
		}
	}
	switch len(forms) {
	case 0:
		p.add(path, "a rule needs one of the keys \"all\", \"any\", \"not\", \"attribute\" or \"event\"")
		return nil
	case 1:
	default:
		p.add(path, "a rule has exactly one form, but this one has %s; split it with \"all\" or \"any\"", strings.Join(quoteAll(forms), " and "))
		return nil
	}
	r := &Rule{}
	switch forms[0] {
	case "all", "any":
		p.unknownKeys(path, obj, forms[0])
		list, ok := obj[forms[0]].([]any)
		if !ok {
			p.add(path+"."+forms[0], "must be a list of rules, not %s", describe(obj[forms[0]]))
			return nil
		}
		rules := make([]Rule, 0, len(list))
		for i, item := range list {
			if sub := p.rule(fmt.Sprintf("%s.%s[%d]", path, forms[0], i), item, depth+1); sub != nil {
				rules = append(rules, *sub)
			}
		}
		if len(list) == 0 {
			p.add(path+"."+forms[0], "must hold at least one rule")
		}
		if forms[0] == "all" {
			r.All = rules
		} else {
			r.Any = rules
		}
	case "not":
		p.unknownKeys(path, obj, "not")
		r.Not = p.rule(path+".not", obj["not"], depth+1)
		if r.Not == nil {
			return nil
		}
	case "attribute":
		p.unknownKeys(path, obj, "attribute", "op", "value")
		r.Attribute, _ = p.requiredString(path, obj, "attribute", "an attribute name such as \"plan\"")
		op, ok := p.requiredString(path, obj, "op", "one of "+strings.Join(quoteAll(AttributeOps), ", "))
		if ok && !slices.Contains(AttributeOps, op) {
			p.add(path+".op", "unknown attribute operator %q; expected one of %s%s", op, strings.Join(quoteAll(AttributeOps), ", "), suggest(op, AttributeOps))
		}
		r.Op = op
		v, has := obj["value"]
		switch {
		case op == OpExists && has:
			p.add(path+".value", "\"exists\" takes no value; remove it")
		case op != OpExists && slices.Contains(AttributeOps, op) && !has:
			p.add(path+".value", "is required for %q", op)
		case has:
			r.Value = canonicalValue(v)
			if (op == OpGt || op == OpGte || op == OpLt || op == OpLte) && !isNumberOrString(v) {
				p.add(path+".value", "%q compares numbers or strings, not %s", op, describe(v))
			}
		}
	case "event":
		p.unknownKeys(path, obj, "event", "op", "within")
		r.Event, _ = p.requiredString(path, obj, "event", "an event name such as \"purchased\"")
		op, ok := p.requiredString(path, obj, "op", "\"performed\" or \"not_performed\"")
		if ok && !slices.Contains(EventOps, op) {
			p.add(path+".op", "unknown event operator %q; expected \"performed\" or \"not_performed\"%s", op, suggest(op, EventOps))
		}
		r.Op = op
		if v, has := obj["within"]; has && v != nil {
			r.Within = p.duration(path+".within", v)
		}
	}
	return r
}

func (p *parser) requiredString(path string, obj map[string]any, key, want string) (string, bool) {
	v, ok := obj[key]
	if !ok {
		p.add(path+"."+key, "is required: %s", want)
		return "", false
	}
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
		p.add(at, "unknown field %q; expected %s%s", k, strings.Join(quoteAll(allowed), ", "), suggest(k, allowed))
	}
}

// canonicalValue re-encodes a decoded JSON value: object keys sorted, no spaces, numbers in
// their shortest exact form so that 1, 1.0 and 1e0 are the same value.
func canonicalValue(v any) json.RawMessage {
	var b bytes.Buffer
	writeValue(&b, v)
	return b.Bytes()
}

func writeValue(b *bytes.Buffer, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case json.Number:
		b.WriteString(canonicalNumber(x))
	case string:
		writeString(b, x)
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			writeValue(b, e)
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeString(b, k)
			b.WriteByte(':')
			writeValue(b, x[k])
		}
		b.WriteByte('}')
	}
}

func canonicalNumber(n json.Number) string {
	if d, ok := parseDecimal(string(n)); ok {
		return d.String()
	}
	return string(n)
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
