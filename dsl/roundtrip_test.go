package dsl

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// checkRoundTrip asserts Compile(Decompile(d)) == d for a valid definition, and that the
// decompiled text is already formatted.
func checkRoundTrip(t testing.TB, def *definition.Definition) {
	t.Helper()
	text := Decompile(def)
	res, diags := Compile(text, Options{Filename: "decompiled.kraiter.hcl"})
	if diags.HasErrors() {
		t.Fatalf("the decompiled text does not compile: %s\ndefinition: %s\ntext:\n%s", diags.Error(), def.Canonical(), text)
	}
	if got, want := string(res.JSON), def.Canonical(); got != want {
		t.Fatalf("round trip changed the definition:\n got %s\nwant %s\ntext:\n%s", got, want, text)
	}
	formatted, diags := Format(text, "decompiled.kraiter.hcl")
	if diags.HasErrors() || !bytes.Equal(formatted, text) {
		t.Fatalf("the decompiled text is not canonically formatted:\n%s\nformatted:\n%s", text, formatted)
	}
}

// TestRoundTripEdgeCases covers the definitions whose DSL form needs care.
func TestRoundTripEdgeCases(t *testing.T) {
	t.Parallel()
	for name, doc := range roundTripCases() {
		t.Run(name, func(t *testing.T) {
			def, err := definition.ParseString(doc)
			if err != nil {
				t.Fatalf("test case is not a valid definition: %v", err)
			}
			checkRoundTrip(t, def)
		})
	}
}

// roundTripSeeds are the edge cases as a list, for the fuzz corpus.
func roundTripSeeds() []string {
	var docs []string
	for _, doc := range roundTripCases() {
		docs = append(docs, doc)
	}
	slices.Sort(docs)
	return docs
}

// roundTripCases are definitions whose DSL form needs care, by name.
func roundTripCases() map[string]string {
	cond := func(rule string) string {
		return `{"steps":[{"type":"condition","if":` + rule + `}]}`
	}
	attr := func(name, op, value string) string {
		return `{"attribute":` + strconv.Quote(name) + `,"op":"` + op + `","value":` + value + `}`
	}
	eq := func(value string) string { return cond(attr("a", "eq", value)) }
	ev := `{"event":"e","op":"performed"}`
	nev := `{"event":"e","op":"not_performed","within":"7d"}`
	a, b, c := attr("a", "eq", "1"), attr("b", "eq", "2"), attr("c", "eq", "3")
	// Chains too long for one line, which Decompile breaks at && and ||, in one another.
	longChains := cond(`{"any":[{"all":[` + attr(strings.Repeat("a", 40), "eq", `"`+strings.Repeat("x", 40)+`"`) +
		`,{"not":{"any":[` + a + `,` + attr("b", "ne", `"`+strings.Repeat("y", 60)+`"`) + `]}}]},` +
		`{"all":[` + attr("c", "eq", `"`+strings.Repeat("z", 80)+`"`) + `]},` + c + `]}`)
	return map[string]string{
		"all of one":             cond(`{"all":[` + a + `]}`),
		"any of one":             cond(`{"any":[` + a + `]}`),
		"all of one all":         cond(`{"all":[{"all":[` + a + `,` + b + `]}]}`),
		"flat all":               cond(`{"all":[` + a + `,` + b + `,` + c + `]}`),
		"nested all first":       cond(`{"all":[{"all":[` + a + `,` + b + `]},` + c + `]}`),
		"nested all last":        cond(`{"all":[` + a + `,{"all":[` + b + `,` + c + `]}]}`),
		"nested any":             cond(`{"any":[{"any":[` + a + `,` + b + `]},` + c + `]}`),
		"any in all":             cond(`{"all":[{"any":[` + a + `,` + b + `]},` + c + `]}`),
		"all in any":             cond(`{"any":[{"all":[` + a + `,` + b + `]},` + c + `]}`),
		"not performed":          cond(nev),
		"not of performed":       cond(`{"not":` + ev + `}`),
		"not of not_performed":   cond(`{"not":` + nev + `}`),
		"not of not":             cond(`{"not":{"not":` + a + `}}`),
		"not of all":             cond(`{"not":{"all":[` + a + `,` + b + `]}}`),
		"not of all of one":      cond(`{"not":{"all":[` + a + `]}}`),
		"not of exists":          cond(`{"not":{"attribute":"a","op":"exists"}}`),
		"not of comparison":      cond(`{"not":` + a + `}`),
		"name with space":        cond(attr("first name", "eq", `"x"`)),
		"name with dash":         cond(attr("first-name", "eq", `"x"`)),
		"keyword names":          cond(`{"all":[` + attr("null", "eq", "1") + `,` + attr("true", "eq", "1") + `,` + attr("for", "eq", "1") + `,` + attr("if", "eq", "1") + `]}`),
		"name with quote":        cond(attr(`a"b\c`, "eq", "1")),
		"name that is a number":  cond(attr("0", "eq", "1")),
		"big integer":            eq("123456789012345678901234567890123456789012345678901234567890"),
		"long decimal":           eq("0.1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890"),
		"tiny number":            eq("1.5e-400"),
		"huge exponent":          eq("-1e999999999999"),
		"negative zero":          eq("-0"),
		"bool":                   eq("true"),
		"null":                   eq("null"),
		"list":                   eq(`[1,"a",null,[true],{"k":[]}]`),
		"object":                 eq(`{"b":1,"a":{"x y":"${z}","%{":"%"},"":0}`),
		"empty list and object":  cond(`{"any":[` + attr("a", "eq", "[]") + `,` + attr("a", "eq", "{}") + `]}`),
		"template sequences":     `{"steps":[{"type":"email","templateId":"${x}%{if}$${y}$$%%{"}]}`,
		"escapes":                `{"steps":[{"type":"email","templateId":"a\"b\\c\nd\te\r\u0001\u001f\u007f\u2028\ufeff"}]}`,
		"non-NFC text":           `{"steps":[{"type":"email","templateId":"e\u0301"},{"type":"condition","if":{"all":[{"event":"Cafe\u0301","op":"performed"},` + attr("e\u0301 x", "eq", `{"e\u0301":"e\u0301"}`) + `]}}]}`,
		"astral characters":      `{"steps":[{"type":"email","templateId":"😀\udb40\udc01"}]}`,
		"email delay":            `{"steps":[{"type":"email","templateId":"t","delay":"0012h"}]}`,
		"only else":              `{"steps":[{"type":"condition","if":` + a + `,"then":[],"else":[{"type":"delay","duration":"1d"}]}]}`,
		"every op":               cond(`{"all":[` + attr("a", "ne", `"x"`) + `,` + attr("a", "gt", "1") + `,` + attr("a", "gte", `"b"`) + `,` + attr("a", "lt", "-1.5") + `,` + attr("a", "lte", "2") + `,` + attr("a", "contains", `["x"]`) + `,{"attribute":"a","op":"exists"}]}`),
		"event within":           cond(`{"event":"a b \"c\" ${d}","op":"performed","within":"30m"}`),
		"rules 32 deep":          cond(strings.Repeat(`{"not":`, 31) + a + strings.Repeat(`}`, 31)),
		"conditions 32 deep":     strings.Repeat(`{"steps":[{"type":"condition","if":`+a+`,"then":[`, 1) + strings.Repeat(`{"type":"condition","if":`+a+`,"then":[`, 31) + `{"type":"delay","duration":"1d"}` + strings.Repeat(`]}`, 32) + `]}`,
		"long all chain":         cond(`{"all":[` + strings.TrimSuffix(strings.Repeat(a+",", 200), ",") + `]}`),
		"long nested chains":     longChains,
		"contact name is escape": cond(`{"attribute":"$${","op":"exists"}`),
	}
}

// TestRoundTripRandom checks the round trip on random valid definitions.
func TestRoundTripRandom(t *testing.T) {
	t.Parallel()
	n := 3000
	if testing.Short() {
		n = 300
	}
	// The seeds run in shards, in parallel: the longest test of the package otherwise.
	const shards = 4
	for shard := range uint64(shards) {
		t.Run(fmt.Sprintf("shard %d of %d", shard+1, shards), func(t *testing.T) {
			t.Parallel()
			for seed := shard; seed < uint64(n); seed += shards {
				g := &generator{r: rand.New(rand.NewPCG(seed, 0x5eed))}
				doc := g.definition()
				def, err := definition.ParseString(doc)
				if err != nil {
					t.Fatalf("seed %d: the generator made an invalid definition: %v\n%s", seed, err, doc)
				}
				checkRoundTrip(t, def)
			}
		})
	}
}

// generator writes random valid definition JSON, leaning on the cases that are hard to
// write in the DSL.
type generator struct {
	r     *rand.Rand
	count int // steps written so far
}

func (g *generator) definition() string {
	return `{"steps":` + g.stepList(1+g.r.IntN(4), 0) + `}`
}

func (g *generator) stepList(n, depth int) string {
	parts := make([]string, 0, n)
	for range n {
		if g.count >= 200 {
			break
		}
		g.count++
		parts = append(parts, g.step(depth))
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func (g *generator) step(depth int) string {
	switch k := g.r.IntN(10); {
	case k < 4:
		s := `{"type":"email","templateId":` + g.text()
		if g.r.IntN(2) == 0 {
			s += `,"delay":` + strconv.Quote(g.duration())
		}
		return s + "}"
	case k < 6 || depth >= definition.MaxDepth:
		return `{"type":"delay","duration":` + strconv.Quote(g.duration()) + "}"
	default:
		s := `{"type":"condition","if":` + g.rule(1)
		if g.r.IntN(3) > 0 {
			s += `,"then":` + g.stepList(g.r.IntN(3), depth+1)
		}
		if g.r.IntN(3) > 0 {
			s += `,"else":` + g.stepList(g.r.IntN(3), depth+1)
		}
		return s + "}"
	}
}

func (g *generator) rule(depth int) string {
	k := g.r.IntN(12)
	if depth >= definition.MaxDepth || depth > 4 && k < 5 {
		k += 5
	}
	switch {
	case k < 2:
		kind := []string{"all", "any"}[k]
		n := 1 + g.r.IntN(3)
		parts := make([]string, n)
		for i := range parts {
			parts[i] = g.rule(depth + 1)
		}
		return `{"` + kind + `":[` + strings.Join(parts, ",") + "]}"
	case k < 4:
		return `{"not":` + g.rule(depth+1) + "}"
	case k < 6:
		s := `{"event":` + g.text() + `,"op":"` + []string{"performed", "not_performed"}[g.r.IntN(2)] + `"`
		if g.r.IntN(2) == 0 {
			s += `,"within":` + strconv.Quote(g.duration())
		}
		return s + "}"
	default:
		op := definition.AttributeOps[g.r.IntN(len(definition.AttributeOps))]
		s := `{"attribute":` + g.name() + `,"op":"` + op + `"`
		switch op {
		case definition.OpExists:
		case definition.OpGt, definition.OpGte, definition.OpLt, definition.OpLte:
			if g.r.IntN(2) == 0 {
				s += `,"value":` + g.number()
			} else {
				s += `,"value":` + g.text()
			}
		default:
			s += `,"value":` + g.value(0)
		}
		return s + "}"
	}
}

func (g *generator) duration() string {
	units := "mhdw"
	return strconv.Itoa(g.r.IntN(100)) + string(units[g.r.IntN(4)])
}

var nameSamples = []string{
	"plan", "first_name", "first name", "first-name", "null", "true", "false", "for", "if", "in",
	"contact", "var", "local", "0", "a.b", "x[0]", `q"uote`, `back\slash`, "e\u0301", "é", "日本", "${x}", "%{y}",
}

func (g *generator) name() string {
	if g.r.IntN(3) == 0 {
		return g.text()
	}
	return strconv.Quote(nameSamples[g.r.IntN(len(nameSamples))])
}

// text writes a random non-empty JSON string.
func (g *generator) text() string {
	pieces := []string{"tmpl_welcome", "a", " ", "$", "%", "{", "}", "${", "%{", "$${", `\"`, `\\`, `\n`, `\t`, `\u0001`, `\u007f`, `\u2028`, "e\u0301", "\u00e9", "😀", "日本", "\ufeff", "\u0301", "~", "'"}
	var b strings.Builder
	for range 1 + g.r.IntN(5) {
		b.WriteString(pieces[g.r.IntN(len(pieces))])
	}
	return `"` + b.String() + `"`
}

func (g *generator) number() string {
	var s string
	switch g.r.IntN(6) {
	case 0:
		s = strconv.Itoa(g.r.IntN(1000))
	case 1:
		s = strconv.FormatFloat(g.r.Float64()*1e6, 'g', -1, 64)
	case 2:
		s = strconv.FormatUint(g.r.Uint64(), 10) + strconv.FormatUint(g.r.Uint64(), 10)
	case 3:
		s = fmt.Sprintf("%d.%de%d", g.r.IntN(10), g.r.Uint64(), g.r.IntN(2000)-1000)
	case 4:
		s = fmt.Sprintf("1e%d", g.r.Int64N(2e12)-1e12)
	default:
		s = fmt.Sprintf("0.%030d%d", 0, g.r.Uint64())
	}
	if g.r.IntN(3) == 0 {
		s = "-" + s
	}
	return s
}

func (g *generator) value(depth int) string {
	k := g.r.IntN(7)
	if depth > 3 {
		k %= 4
	}
	switch k {
	case 0:
		return "null"
	case 1:
		return []string{"true", "false"}[g.r.IntN(2)]
	case 2:
		return g.number()
	case 3:
		return g.text()
	case 4, 5:
		n := g.r.IntN(4)
		parts := make([]string, n)
		for i := range parts {
			parts[i] = g.value(depth + 1)
		}
		return "[" + strings.Join(parts, ",") + "]"
	default:
		n := g.r.IntN(4)
		parts := make([]string, n)
		for i := range parts {
			parts[i] = g.text() + ":" + g.value(depth+1)
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
}
