package dsl

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// Every input here once took gigabytes, minutes or the process's stack. Each must now stop at
// one diagnostic within these bounds, whatever the machine: the real figures are a part of
// them (see docs/guides/reliability.md).
const (
	maxLimitTime = time.Second
	maxLimitHeap = 100 << 20
)

// measure runs f and returns how long it took and how far the heap grew above where it
// started, sampled every 100 µs: the memory the process needed, garbage not yet collected
// included.
func measure(f func()) (took time.Duration, peak uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	heap := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	runtime.GC()
	base := heap()
	done, sampled := make(chan struct{}), make(chan uint64)
	go func() {
		var top uint64
		tick := time.NewTicker(100 * time.Microsecond)
		defer tick.Stop()
		for {
			top = max(top, heap())
			select {
			case <-done:
				sampled <- top
				return
			case <-tick.C:
			}
		}
	}()
	start := time.Now()
	f()
	took = time.Since(start)
	close(done)
	if top := max(<-sampled, heap()); top > base {
		peak = top - base
	}
	return took, peak
}

// nest writes n calls of format around inner: format has one %s, where the inner call goes.
func nest(n int, format, inner string) string {
	for range n {
		inner = fmt.Sprintf(format, inner)
	}
	return inner
}

// email is a file of one email whose template is expr.
func email(expr string) string {
	return "email {\n  template = " + expr + "\n}\n"
}

// letters is a list of n one-letter strings, built by split.
func letters(n int) string {
	return `split("", "` + strings.Repeat("a", n) + `")`
}

var (
	big = map[string]string{"big": strings.Repeat("x", 200_000)}
	// thousand is a locals block of a list of 1,000 items, for loops to run over.
	thousand = "locals {\n  l = " + letters(1000) + "\n}\n"
)

var limitCases = []diagnosticCase{
	// The parser.
	{name: "100,000 nested parentheses", src: email(strings.Repeat("(", 100_000) + `"t"` + strings.Repeat(")", 100_000)),
		want: []wantDiag{{"Nested too deep", 2, 269, "more than 256 levels deep"}}},
	{name: "nested negations", src: "condition {\n  when = " + strings.Repeat("!", 100_000) + "exists(contact.a)\n}\n",
		want: []wantDiag{{"Nested too deep", 2, 265, "more than 256 levels deep"}}},
	{name: "nested interpolations", src: email(strings.Repeat(`"${`, 300) + `"t"` + strings.Repeat(`}"`, 300)),
		want: []wantDiag{{"Nested too deep", 2, 396, "more than 256 levels deep"}}},
	{name: "nested template directives", src: email(`"` + strings.Repeat("%{ if true }", 300) + strings.Repeat("%{ endif }", 300) + `"`),
		want: []wantDiag{{"Nested too deep", 2, 3054, "more than 256 levels deep"}}},
	{name: "chained conditionals", src: email(strings.Repeat("true ? \"t\" : ", 300) + `"f"`),
		want: []wantDiag{{"Nested too deep", 2, 3323, "more than 256 levels deep"}}},
	{name: "long chain of operators", src: email("tostring(" + strings.Repeat("1 + ", 5000) + "1)"),
		want: []wantDiag{{"Expression too long", 2, 16409, "more than 4096 operators"}}},
	{name: "file over 1 MiB", src: email(`"t"`) + "# " + strings.Repeat("x", MaxSourceBytes),
		want: []wantDiag{{"File too large", 1, 1, "at most 1048576 are allowed"}}},

	// Functions whose result outgrows their arguments.
	{name: "eight nested replace calls", src: email(nest(8, `replace(%s, "x", "xxxxxxxxxxxxxxxx")`, `"x"`)),
		want: []wantDiag{{"Value too large", 2, 38, "replace would return 1048576 bytes"}}},
	{name: "join with a long separator", src: email(`join(var.big, ["a", "b", "c"])`), vars: big,
		want: []wantDiag{{"Value too large", 2, 14, "join would return at least 400003 bytes"}}},
	{name: "split into too many pieces", src: email(`tostring(length(split("", var.big)))`), vars: big,
		want: []wantDiag{{"Value too large", 2, 30, "split would return a list of 800002 bytes"}}},
	{name: "concat of a long list with itself", src: "locals {\n  l = " + letters(45_000) + "\n}\n" + email("tostring(length(concat(local.l, local.l)))"),
		want: []wantDiag{{"Value too large", 5, 30, "concat would return a list of at least"}}},
	{name: "format repeating an argument", src: email(`format("` + strings.Repeat("%[1]s", 100) + `", var.big)`), vars: big,
		want: []wantDiag{{"Too much computation", 2, 14, "more work than allowed"}}},
	{name: "regular expression with counted repetitions", src: email(`regex_replace(var.big, "` + strings.Repeat("(a{1000})", 100) + `", "y")`), vars: big,
		want: []wantDiag{{"Too much computation", 2, 14, "more work than allowed"}}},
	{name: "regex_replace doubling every character", src: email(`regex_replace(var.big, ".", "$0$0")`), vars: big,
		want: []wantDiag{{"Value too large", 2, 14, "regex_replace could return up to 1200000 bytes"}}},

	// Templates and loops.
	{name: "template repeating a large var", src: email(`"` + strings.Repeat("${var.big}", 5000) + `"`), vars: big,
		want: []wantDiag{{"Too much computation", 2, 847, "more work than allowed"}}},
	{name: "loops over loops", src: thousand + email("tostring(length([for a in local.l : [for b in local.l : [for c in local.l : 1]]]))"),
		want: []wantDiag{{"Too much computation", 5, 80, "more work than allowed"}}},
	{name: "template loop over a long list", src: thousand + email(`"%{ for a in local.l }%{ for b in local.l }${var.big}%{ endfor }%{ endfor }"`), vars: big,
		want: []wantDiag{{"Too much computation", 5, 59, "more work than allowed"}}},
	{name: "loop whose body always fails", src: "locals {\n  l = " + letters(50_000) + "\n}\n" + email(`tostring(length([for a in local.l : substr(a)]))`),
		want: []wantDiag{{"Too much computation", 5, 40, "more work than allowed"}}},
	{name: "long number text parsed in a loop", src: thousand + email(`tostring(length([for a in local.l : var.digits + 1]))`), vars: map[string]string{"digits": strings.Repeat("0", 200_000) + "1"},
		want: []wantDiag{{"Too much computation", 5, 50, "more work than allowed"}}},

	// Numbers too large to write as text.
	{name: "huge number in a template", src: email(`"a${1e300000000}"`),
		want: []wantDiag{{"Invalid value", 2, 18, "too large or too small to compute with"}}},
	{name: "tiny number in a template", src: email(`"a${1e-300000000}"`),
		want: []wantDiag{{"Invalid value", 2, 18, "too large or too small to compute with"}}},
	{name: "huge number in a conditional", src: email(`true ? 1e30000000 : "a"`),
		want: []wantDiag{{"Invalid value", 2, 21, "too large or too small to compute with"}}},
	{name: "huge number as an object key", src: email(`{ (1e30000000) = "a" }["x"]`),
		want: []wantDiag{{"Invalid value", 2, 17, "too large or too small to compute with"}}},
	{name: "huge number as an index", src: email(`{ a = "b" }[1e30000000]`),
		want: []wantDiag{{"Invalid value", 2, 25, "too large or too small to compute with"}}},
	{name: "floor of a huge number", src: email(`tostring(floor(1e30000000))`),
		want: []wantDiag{{"Invalid value", 2, 29, "too large or too small to compute with"}}},
	{name: "huge number formatted", src: email(`format("%f", 1e30000000)`),
		want: []wantDiag{{"Invalid value", 2, 27, "too large or too small to compute with"}}},
	{name: "huge number from text", src: email(`format("%d", "1e30000000")`),
		want: []wantDiag{{"Invalid value", 2, 14, "too large or too small to compute with"}}},
}

// TestLimits checks that each input above fails with its one diagnostic, in less than
// maxLimitTime and with less than maxLimitAlloc allocated.
func TestLimits(t *testing.T) {
	// Not parallel: it measures the time and peak memory of each input.
	for _, tc := range limitCases {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			var res *Result
			var diags hcl.Diagnostics
			took, peak := measure(func() {
				res, diags = Compile(src, Options{Filename: "bad.kraiter.hcl", Vars: tc.vars})
			})
			checkDiags(t, res, diags, tc.want)
			if took > maxLimitTime || peak > maxLimitHeap {
				t.Errorf("took %v and %d MB; at most %v and %d MB are allowed", took, peak>>20, maxLimitTime, maxLimitHeap>>20)
			}
			t.Logf("%d-byte file: %v, heap %.1f MB", len(src), took.Round(time.Millisecond), float64(peak)/(1<<20))
		})
	}
}

// TestWithinLimits compiles files near the limits, which must keep working.
func TestWithinLimits(t *testing.T) {
	// Not parallel: it measures the time and peak memory of each input.
	deepWhen := strings.Repeat("contact.a == \"x\" || ", 200) + "exists(contact.b)"
	tests := []struct {
		name, src string
		vars      map[string]string
		template  string // the first email's template, or "" to check only that it compiles
	}{
		{"a replace result just within a definition", email(`substr(replace("aa", "a", var.big), 0, 3)`), map[string]string{"big": strings.Repeat("x", 130_000)}, "xxx"},
		{"a loop over a thousand items", thousand + email(`join("", [for i, a in local.l : a if i < 3])`), nil, "aaa"},
		{"a template loop", email(`"%{ for a in ["x", "y"] }${upper(a)}%{ endfor }"`), nil, "XY"},
		{"regex_replace with a group", email(`regex_replace("tmpl-welcome", "^tmpl-(.*)$", "t_$1")`), nil, "t_welcome"},
		{"the widest format", email(`trimspace(format("%1000s", "t"))`), nil, "t"},
		{"numbers within range", email(`tostring(floor(1e4000 / 1e3999))`), nil, "10"},
		{"conditions 31 deep, then a long when", nested(31, strings.Replace(nested(1, email(`"t"`)), "exists(contact.a)", deepWhen, 1)), nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, diags := Compile([]byte(tt.src), Options{Filename: "ok.kraiter.hcl", Vars: tt.vars})
			if diags.HasErrors() {
				t.Fatalf("did not compile:\n%s", describeDiags(diags))
			}
			if tt.template != "" && res.Definition.Steps[0].TemplateID != tt.template {
				t.Errorf("template %q, want %q", res.Definition.Steps[0].TemplateID, tt.template)
			}
		})
	}
}

// wrappers are the ways FuzzNestedCalls wraps an expression: %[1]s is the expression, %[2]s
// a string the fuzzer chose. Between them they reach every function that builds strings or
// lists, templates, both kinds of loop, and conversions between numbers and text.
var wrappers = []string{
	`replace(%[1]s, "x", %[2]s)`,
	`replace(%[1]s, "", %[1]s)`,
	`regex_replace(%[1]s, %[2]s, "$0$0")`,
	`join(%[2]s, [%[1]s, %[1]s, %[1]s])`,
	`join("", concat(split("", %[1]s), split(%[2]s, %[1]s)))`,
	`format("%%s%%[1]s%%[2]q%%[2]1000s", %[1]s, %[2]s)`,
	`format("%%d%%f", length(split("", %[1]s)), tonumber(%[2]s))`,
	`"${%[1]s}${%[2]s}${%[1]s}"`,
	`"%%{ for c in split("", %[1]s) }${%[1]s}%%{ endfor }"`,
	`join("", [for c in split("", %[1]s) : join(c, [for d in split("", %[1]s) : %[1]s])])`,
	`tostring(tonumber("1${%[1]s}") * 1e4000)`,
	`(length(%[1]s) > 3 ? %[1]s : %[2]s)`,
	`strrev(title(upper(%[1]s)))`,
	`substr(trimspace(%[1]s), 0, 4000)`,
}

// nestedCalls writes a file whose email template nests the wrappers that shape picks around
// leaf. A wrapper that uses its expression more than once gets it from a local, so that the
// file grows linearly with the nesting while its values may grow exponentially.
func nestedCalls(shape []byte, leaf, arg string) string {
	var locals strings.Builder
	expr := Quote(leaf)
	for i, b := range shape {
		wrapper := wrappers[int(b)%len(wrappers)]
		if strings.Count(wrapper, "%[1]s") > 1 {
			fmt.Fprintf(&locals, "  l%d = %s\n", i, expr)
			expr = fmt.Sprintf("local.l%d", i)
		}
		expr = fmt.Sprintf(wrapper, expr, Quote(arg))
	}
	return "locals {\n" + locals.String() + "}\n" + email(expr)
}

// FuzzNestedCalls compiles nested calls of functions, templates and loops, and checks that
// each file compiles or fails with placed diagnostics within maxLimitTime and maxLimitAlloc,
// that it never panics, and that what compiles fits in a definition.
func FuzzNestedCalls(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0}, "x", "xxxxxxxxxxxxxxxx") // the eight nested replace calls of issue 15
	for i := range wrappers {
		f.Add([]byte{byte(i), byte(i), byte(i)}, "ab", "x")
	}
	f.Add([]byte{8, 9, 7, 1, 2}, strings.Repeat("a", 64), "a")
	f.Add([]byte{10, 6, 5, 11}, "99", "1e9")
	f.Fuzz(func(t *testing.T, shape []byte, leaf, arg string) {
		if len(shape) > 16 || len(leaf)+len(arg) > 4096 {
			t.Skip("the limits are reached well within 16 wrappers around 4 KiB of text")
		}
		src := []byte(nestedCalls(shape, leaf, arg))
		// Measuring the heap's peak takes a collection before each input, most of the
		// fuzzing time; all that is allocated bounds the peak from above at no cost.
		// Fuzzing instruments the code and runs a worker on each core, so the bounds are
		// looser than TestLimits's.
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		res, diags := Compile(src, Options{Filename: "fuzz.kraiter.hcl"})
		took := time.Since(start)
		runtime.ReadMemStats(&after)
		if alloc := after.TotalAlloc - before.TotalAlloc; took > 2*maxLimitTime || alloc > 3*maxLimitHeap {
			t.Fatalf("took %v and allocated %d MB:\n%s", took, alloc>>20, src)
		}
		for _, d := range diags {
			if d.Subject == nil || d.Subject.Start.Line < 1 || d.Subject.Start.Column < 1 {
				t.Fatalf("a diagnostic without a place: %#v", d)
			}
		}
		if res == nil {
			if !diags.HasErrors() {
				t.Fatal("no result and no error")
			}
			return
		}
		if len(res.JSON) > definition.MaxBytes {
			t.Fatalf("compiled to %d bytes, more than a definition may hold", len(res.JSON))
		}
	})
}
