package review

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsltest"
)

// This file renders comments in which every piece of text from outside (a plan's names, ids,
// addresses, triggers, template ids and check messages, a contacts file's names, a failed
// step's output, the account's template names and error messages) is hostile, with a
// renderer of GitHub-flavoured Markdown that passes raw HTML through as GitHub does, and
// checks that the text stays where it was put.

// hostileTexts are the names of issue 15 and others that broke out of a comment, or would.
var hostileTexts = []string{
	"Welcome (v2)\n\n<!--",
	"# Heading\n\n## Another",
	"![pixel](https://evil.example/x.png)",
	"@someone please approve",
	"No Kraiter sequence changes.",
	"\n\nNo Kraiter sequence changes.\n\n",
	"a | b | c",
	"| --- | --- |",
	"</details><details><summary>x</summary>",
	"```\n# fenced",
	"`code` `` ```",
	"<img src=x onerror=alert(1)>",
	"[link](javascript:alert(1))",
	"\r\n---\r\n",
	"> [!CAUTION]\n> fake",
	"$$\\int$$ $x$",
	"<script>alert(1)</script>",
	"\\",
	"*emph* **strong** ~~del~~ _u_",
	"- item\n- item",
	"1. first",
	"&lt;b&gt; &#64;someone",
	"\x00\x1b[31m\u2028\u2029\x85",
	"",
}

// The sentinel sequence follows the hostile one: its change must stay visible.
const (
	sentinelName  = "Sentinel invoices"
	sentinelOld   = "tmpl_invoice"
	sentinelNew   = "tmpl_phishing_reset_password"
	hostileLimit  = 20000
	sentinelCheck = "sentinel check message"
)

func TestHostileText(t *testing.T) {
	t.Parallel()
	for _, s := range hostileTexts {
		t.Run(fmt.Sprintf("%q", s), func(t *testing.T) { checkContained(t, s) })
	}
	t.Run("a 70,000-character for_each key", func(t *testing.T) { checkContained(t, strings.Repeat("k", 70000)) })
}

func FuzzHostileText(f *testing.F) {
	for _, s := range hostileTexts {
		f.Add(s)
	}
	f.Fuzz(checkContained)
}

// Markers around the hostile text: private-use characters, which every escape keeps as they
// are and Shorten keeps at both ends, so that the rendered comment shows where each piece of
// outside text begins and ends.
const (
	markOpen     = '\uE000'
	markClose    = '\uE001'
	markBoundary = '\uE002' // where inspect saw an element open or close
)

// checkContained renders the comment of a plan whose every piece of outside text is
// hostile, and checks that each piece stayed on its line and inside its element (it opened
// no block, no emphasis, no link, no image, no HTML), that none is hidden, that none
// mentions anyone, that the changes after it are still visible, and that the comment keeps
// its limit with its fences and folds closed.
func checkContained(t *testing.T, hostile string) {
	if strings.ContainsAny(hostile, string([]rune{markOpen, markClose, markBoundary})) {
		t.Skip("the text holds the test's markers")
	}
	marked := string(markOpen) + hostile + string(markClose)
	for _, limit := range []int{0, hostileLimit} {
		got := renderWith(marked, limit)
		if len(got) > cmp.Or(limit, GitHubCommentLimit) {
			t.Fatalf("limit %d: the comment is %d bytes long", limit, len(got))
		}
		checkBalanced(t, got)
		// Code blocks hold text as it is, on as many lines as it has: their fences, longer
		// than any run of backticks inside, are what keeps it in, which checkBalanced checks.
		prose := outsideFences(got)
		for _, span := range markedSpans.FindAllString(prose, -1) {
			if strings.ContainsAny(span, "\r\n\u0085\u2028\u2029") {
				t.Fatalf("limit %d: the text %q breaks its line\ncomment:\n%s", limit, span, got)
			}
		}
		doc := inspect(got)
		if raw, seen := strings.Count(prose, string(markOpen)), strings.Count(doc.stream, string(markOpen)); raw != seen {
			t.Fatalf("limit %d: %d of the %d pieces of text are hidden\ncomment:\n%s", limit, raw-seen, raw, got)
		}
		for _, i := range indexes(doc.stream, markOpen) {
			rest := []rune(doc.stream[i+len(string(markOpen)):])
			if j := slices.IndexFunc(rest, func(r rune) bool { return r == markClose || r == markOpen || r == markBoundary }); j < 0 || rest[j] != markClose {
				t.Fatalf("limit %d: a piece of text does not end in the element it starts in: %q\ncomment:\n%s", limit, string(rest[:min(len(rest), 200)]), got)
			}
		}
		if doc.images > 0 {
			t.Fatalf("limit %d: the comment shows %d images\ncomment:\n%s", limit, doc.images, got)
		}
		if m := mention.FindString(doc.prose); m != "" {
			t.Fatalf("limit %d: the comment mentions %q\ncomment:\n%s", limit, m, got)
		}
		// A failed step's output is a code block, whose lines may start with "### ".
		if headings := strings.Count("\n"+prose, "\n### "); headings != doc.headings {
			t.Fatalf("limit %d: %d headings written, %d rendered\ncomment:\n%s", limit, headings, doc.headings, got)
		}
		for _, visible := range []string{sentinelName, sentinelNew, sentinelCheck} {
			if strings.Contains(got, visible) && !strings.Contains(doc.stream, visible) {
				t.Fatalf("limit %d: %q is hidden\ncomment:\n%s", limit, visible, got)
			}
		}
	}
}

// outsideFences is markdown without the lines of its fenced code blocks.
func outsideFences(markdown string) string {
	var b strings.Builder
	fence := ""
	for _, line := range strings.SplitAfter(markdown, "\n") {
		body := strings.TrimLeft(strings.TrimSuffix(line, "\n"), "`")
		ticks := strings.TrimSuffix(line, "\n")[:len(strings.TrimSuffix(line, "\n"))-len(body)]
		switch {
		case fence == "" && len(ticks) >= 3:
			fence = ticks
		case fence != "" && ticks == fence && body == "":
			fence = ""
		case fence == "":
			b.WriteString(line)
		}
	}
	return b.String()
}

var markedSpans = regexp.MustCompile(string(markOpen) + `[^` + string(markClose) + `]*` + string(markClose))

func indexes(s string, r rune) []int {
	var out []int
	for i, c := range s {
		if c == r {
			out = append(out, i)
		}
	}
	return out
}

// mention is what GitHub reads as a mention of a user.
var mention = regexp.MustCompile(`(^|[^\w])@[A-Za-z0-9]`)

// renderWith renders a plan whose every piece of outside text is s.
func renderWith(s string, limit int) string {
	def := func(template string) string {
		return `{"steps":[{"type":"email","templateId":` + quote(template) + `},{"type":"delay","duration":"1d"}]}`
	}
	hostile := resourceChange(`kraiter_sequence.hostile["`+s+`"]`, actUpdate,
		sequenceValues(s, s, def("tmpl_a"), eventTrigger(s)), sequenceValues(s, s+" (v2)", def(s), eventTrigger(s), segmentTrigger(s)))
	created := resourceChange(`kraiter_sequence.created["`+s+`"]`, actCreate, nil, sequenceValues(s+"_c", s, def(s)))
	sentinel := resourceChange("kraiter_sequence.sentinel", actUpdate,
		sequenceValues("seq_sentinel", sentinelName, def(sentinelOld)), sequenceValues("seq_sentinel", sentinelName, def(sentinelNew)))
	drift := resourceChange(hostile.Address, actUpdate, sequenceValues(s, s+" (state)", def("tmpl_a"), eventTrigger(s)), sequenceValues(s, s, def("tmpl_a"), eventTrigger(s)))
	plan := planOf(hostile, created, sentinel)
	plan.ResourceDrift = []*tfjson.ResourceChange{drift}
	plan.Checks = []tfjson.CheckResultStatic{
		{Address: tfjson.CheckStaticAddress{ToDisplay: "check." + s, Kind: tfjson.CheckKindCheckBlock}, Status: tfjson.CheckStatusFail,
			Instances: []tfjson.CheckResultDynamic{{Address: tfjson.CheckDynamicAddress{ToDisplay: "check." + s}, Status: tfjson.CheckStatusFail,
				Problems: []tfjson.CheckResultProblem{{Message: s}, {Message: sentinelCheck}}}}}}
	contacts := []dsltest.Contact{{Name: s, Input: definition.SimulationInput{Subscribed: true}}}
	return Render(context.Background(), plan, Options{Title: s, Contacts: contacts, MaxLength: limit,
		Failed: []FailedStep{{Name: s, Output: s + "\n" + s}}, Account: hostileAccount{text: s}})
}

func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString(`\` + string(r))
		case r < ' ':
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String() + `"`
}

// hostileAccount answers with the hostile text: as a template's name and subject, and as
// the message of an error.
type hostileAccount struct{ text string }

func (a hostileAccount) SequenceStatus(context.Context, string) (SequenceStatus, error) {
	return SequenceStatus{}, errors.New(a.text)
}

func (a hostileAccount) SequenceExists(context.Context, string) (bool, error) { return true, nil }

func (a hostileAccount) Template(context.Context, string) (*Template, error) {
	return &Template{Name: a.text, Subject: a.text}, nil
}

// rendered is what a comment renders to, as inspect sees it.
type rendered struct {
	// stream is the text a reader sees, code included, HTML left out, with markBoundary
	// where an element other than text opens or closes.
	stream string
	// prose is the text outside code, where GitHub reads mentions.
	prose            string
	images, headings int
}

var gfm = goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(html.WithUnsafe()))

func inspect(markdown string) rendered {
	src := []byte(markdown)
	doc := gfm.Parser().Parse(text.NewReader(src))
	var r rendered
	var stream, prose strings.Builder
	inCode := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Document:
		case *ast.Text:
			if entering {
				stream.Write(n.Segment.Value(src))
				if inCode == 0 {
					prose.Write(n.Segment.Value(src))
				}
				if n.SoftLineBreak() || n.HardLineBreak() {
					stream.WriteRune(markBoundary)
				}
			}
		case *ast.String:
			if entering {
				stream.Write(n.Value)
				if inCode == 0 {
					prose.Write(n.Value)
				}
			}
		case *ast.RawHTML, *ast.HTMLBlock:
			if entering {
				stream.WriteRune(markBoundary)
			}
			return ast.WalkSkipChildren, nil
		default:
			stream.WriteRune(markBoundary)
			prose.WriteRune(' ')
			if n.Kind() == ast.KindCodeSpan {
				if entering {
					inCode++
				} else {
					inCode--
				}
			}
			if entering && n.Kind() == ast.KindImage {
				r.images++
			}
			if h, ok := n.(*ast.Heading); ok && entering && h.Level == 3 {
				r.headings++
			}
		}
		return ast.WalkContinue, nil
	})
	r.stream, r.prose = stream.String(), prose.String()
	return r
}
