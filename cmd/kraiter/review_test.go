package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/internal/review"
)

const (
	reviewPlan     = "../../internal/review/testdata/changes/tofu-1.10.10.plan.json"
	reviewContacts = "../../internal/review/testdata/review.contacts.hcl"
	reviewGolden   = "../../internal/review/testdata/changes/tofu-1.10.10.review.md"
)

func TestReview(t *testing.T) {
	t.Setenv(envAPIKey, "")
	golden, err := os.ReadFile(reviewGolden)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := os.ReadFile(reviewPlan)
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runKraiter(t, "", "review", "--offline", "--contacts", reviewContacts, reviewPlan)
	if code != 0 || errOut != "" || out != string(golden) {
		t.Errorf("exit %d, stderr %q, stdout:\n%s\nwant %s", code, errOut, out, reviewGolden)
	}

	out, errOut, code = runKraiter(t, string(plan), "review", "--title", "Production", "-")
	if code != 0 || errOut != "" || !strings.HasPrefix(out, "## Production\n\n**Plan:** 1 to destroy, 1 to replace, 2 to update, 1 to create.\n\n"+
		"_Live figures (enrolments, templates) were not fetched: no API key (set KRAITER_API_KEY to show enrolments and templates)._\n") ||
		strings.Contains(out, "Sample contacts") {
		t.Errorf("from standard input, with a title and no contacts: exit %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
}

func TestReviewErrors(t *testing.T) {
	t.Parallel()
	badContacts := writeTemp(t, "bad.contacts.hcl", "contact \"a\" {\n  seats = 12\n}\n")
	state := writeTemp(t, "state.json", `{"format_version":"1.0","terraform_version":"1.5.7","values":{}}`)

	tests := []struct {
		name   string
		stdin  string
		args   []string
		code   int
		stderr string // a part of the error output
	}{
		{name: "no plan", args: nil, code: 2, stderr: "kraiter review: give one PLAN_JSON (or - for standard input), not 0 arguments\nRun \"kraiter review --help\" for usage.\n"},
		{name: "two plans", args: []string{reviewPlan, reviewPlan}, code: 2, stderr: "not 2 arguments"},
		{name: "unknown flag", args: []string{"--contact", reviewContacts, reviewPlan}, code: 2, stderr: "kraiter review: unknown flag: --contact; did you mean --contacts?\n"},
		{name: "missing plan", args: []string{"missing.json"}, code: 1, stderr: "kraiter review: open missing.json: no such file or directory\n"},
		{name: "not JSON", args: []string{"-"}, stdin: "Plan: 1 to add", code: 1, stderr: "kraiter review: <stdin>: not the JSON of a plan (invalid JSON at byte 1"},
		{name: "state, not plan", args: []string{state}, code: 1, stderr: "kraiter review: " + state + ": not the JSON of a plan (it is the JSON of a state, from show -json without a plan file); give the output of `terraform show -json PLANFILE`"},
		{name: "newer format", args: []string{"-"}, stdin: `{"format_version":"2.0","planned_values":{}}`, code: 1, stderr: `kraiter review: <stdin>: the plan's format_version is "2.0"; kraiter review reads versions >= 0.1, < 2.0`},
		{name: "missing contacts file", args: []string{"--contacts", "missing.hcl", reviewPlan}, code: 1, stderr: "kraiter review: open missing.hcl: no such file or directory\n"},
		{name: "invalid contacts file", args: []string{"--contacts", badContacts, reviewPlan}, code: 1, stderr: badContacts + `:2:3: error: Unknown attribute: Contact blocks take attributes, subscribed, events, until and sequences, not "seats".` + "\n"},
		{name: "--failed without a file", args: []string{"--failed", "dsl test", reviewPlan}, code: 2, stderr: `kraiter review: --failed takes NAME=FILE, such as "dsl test=test.log", not "dsl test"`},
		{name: "--failed with a missing file", args: []string{"--failed", "dsl test=missing.log", reviewPlan}, code: 1, stderr: "kraiter review: --failed dsl test: open missing.log: no such file or directory\n"},
		{name: "a bad --format", args: []string{"--format", "html", reviewPlan}, code: 2, stderr: `invalid argument "html" for "--format"`},
		{name: "a bad --live-timeout", args: []string{"--live-timeout", "0s", reviewPlan}, code: 2, stderr: "kraiter review: --live-timeout must be positive, such as 30s, not 0s\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runKraiter(t, tt.stdin, append([]string{"review"}, tt.args...)...)
			if code != tt.code || out != "" || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("exit %d (want %d), stdout %q, stderr:\n%s\nwant it to hold:\n%s", code, tt.code, out, errOut, tt.stderr)
			}
		})
	}
}

// TestReviewFailedSteps writes a review of failed steps, without a plan.
func TestReviewFailedSteps(t *testing.T) {
	t.Setenv(envAPIKey, "")
	log := writeTemp(t, "plan.log", "Error: Unsupported argument\n\n  on main.tf line 3\n")
	out, errOut, code := runKraiter(t, "", "review", "--failed", "terraform plan="+log)
	want := "## Kraiter sequences\n\n> [!CAUTION]\n> **1 step of this pull request's checks failed:** `terraform plan`." +
		" Fix them before merging; the end of their output follows, and the checks mark the lines.\n\n" +
		"**`terraform plan`**\n\n```text\nError: Unsupported argument\n\n  on main.tf line 3\n```\n\n" +
		"No plan to review: planning did not finish. Fix the failures above and push again.\n"
	if code != 0 || errOut != "" || out != want {
		t.Errorf("exit %d, stderr %q, stdout:\n%s\nwant:\n%s", code, errOut, out, want)
	}
}

// TestReviewOffline makes no call with --offline, though a key and an address are set.
func TestReviewOffline(t *testing.T) {
	called := false
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { called = true }))
	defer srv.Close()
	t.Setenv(envAPIKey, "k")
	t.Setenv(envBaseURL, srv.URL)
	out, errOut, code := runKraiter(t, "", "review", "--offline", "--format", "json", reviewPlan)
	if code != 0 || errOut != "" || called {
		t.Fatalf("exit %d, stderr %q, server called: %v", code, errOut, called)
	}
	var rep struct {
		Live struct {
			Fetched bool   `json:"fetched"`
			Reason  string `json:"reason"`
		} `json:"live"`
		Changes []struct {
			Kind string `json:"kind"`
		} `json:"changes"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Live.Fetched || rep.Live.Reason != "--offline" || len(rep.Changes) != 5 {
		t.Errorf("--format json: %+v (%v):\n%s", rep, err, out)
	}
}

// TestReviewKeepsTheKey checks that an error answer that echoes the API key does not bring
// the key into the comment.
func TestReviewKeepsTheKey(t *testing.T) {
	const key = "secret-key-4711"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"error":{"code":"VALIDATION_ERROR","message":"bad key %s in %s"}}`, key, r.Header.Get("Authorization"))
	}))
	defer srv.Close()
	t.Setenv(envAPIKey, key)
	t.Setenv(envBaseURL, srv.URL)
	out, errOut, code := runKraiter(t, "", "review", reviewPlan)
	if code != 0 || errOut != "" || !strings.Contains(out, "_Live figures not fetched: ") {
		t.Fatalf("exit %d, stderr %q, stdout:\n%s", code, errOut, out)
	}
	if strings.Contains(out, key) {
		t.Errorf("the review holds the API key:\n%s", out)
	}
}

// --marker opens the comment with a hidden line that a bot finds it by, and holds nothing
// that could end the HTML comment.
func TestReviewMarker(t *testing.T) {
	t.Setenv(envAPIKey, "")
	out, errOut, code := runKraiter(t, "", "review", "--offline", "--marker", "kraiter-review 0123abcd", reviewPlan)
	if code != 0 || errOut != "" || !strings.HasPrefix(out, "<!-- kraiter-review 0123abcd -->\n## Kraiter sequences\n") {
		t.Errorf("exit %d, stderr %q, stdout:\n%.200s", code, errOut, out)
	}

	refused := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"two dashes", []string{"--marker", "a--b"}, `--marker "a--b": use at most 100 letters`},
		{"end of a comment", []string{"--marker", "a -->"}, `--marker "a -->": use at most 100 letters`},
		{"a new line", []string{"--marker", "a\nb"}, `--marker "a\nb": use`},
		{"a dash at the end", []string{"--marker", "a-"}, `--marker "a-": use`},
		{"too long", []string{"--marker", strings.Repeat("x", 101)}, `: use at most 100 letters`},
		{"json", []string{"--marker", "a", "--format", "json"}, "--marker marks a Markdown comment; --format json has no place for it"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runKraiter(t, "", append([]string{"review", "--offline"}, append(tt.args, reviewPlan)...)...)
			if code != exitUsage || out != "" || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and %q", code, out, errOut, tt.stderr)
			}
		})
	}
}

// The marker is counted within the limit: a review that fills it is cut down to leave room.
func TestReviewMarkerFitsTheLimit(t *testing.T) {
	var changes []string
	for i := range 60 {
		changes = append(changes, fmt.Sprintf(`{"address":"kraiter_sequence.s%d","mode":"managed","type":"kraiter_sequence","name":"s%d",`+
			`"provider_name":"registry.opentofu.org/kraiter/kraiter","change":{"actions":["create"],"before":null,`+
			`"after":{"id":"seq_%03d","name":"Sequence %d","definition":"{\"steps\":[{\"type\":\"delay\",\"duration\":\"%dd\"}]}","triggers":[]}}}`, i, i, i, i, i+1))
	}
	plan, err := review.ParsePlan([]byte(`{"format_version":"1.2","terraform_version":"1.10.10","planned_values":{},"resource_changes":[` + strings.Join(changes, ",") + `]}`))
	if err != nil {
		t.Fatal(err)
	}
	const marker = "kraiter-review 0123abcd"
	line := "<!-- " + marker + " -->\n"
	full := 0 // limits that the review alone fills to less than the marker's length
	// The review grows by whole parts as the limit grows: some limits are met to the byte.
	for limit := 3000; limit < 3400; limit++ {
		if len(review.Render(t.Context(), plan, review.Options{MaxLength: limit})) > limit-len(line) {
			full++
		}
		out := renderReview(t.Context(), plan, review.Options{MaxLength: limit}, marker)
		if len(out) > limit || !strings.HasPrefix(out, line+"## Kraiter sequences\n") {
			t.Fatalf("limit %d: %d bytes:\n%.200s", limit, len(out), out)
		}
	}
	if full == 0 {
		t.Fatal("no limit was filled to the marker's length: the test proves nothing")
	}
}
