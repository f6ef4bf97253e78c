package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

const welcomeDef = `{"steps":[{"type":"email","templateId":"tmpl_welcome"},{"type":"delay","duration":"2d"},{"type":"email","templateId":"tmpl_tips","delay":"0d"}]}`

type testEnv struct {
	inst  *localservertest.Instance
	api   *client.Client
	check *contractChecker
}

// setup starts a local server behind the contract checker, with two templates, and a client
// that retries quickly.
func setup(t *testing.T, configure ...func(*client.Config)) *testEnv {
	t.Helper()
	check := newContractChecker(t)
	inst := localservertest.Start(t, localservertest.WithMiddleware(check.wrap))
	inst.CreateTemplate(t, "tmpl_welcome", "Welcome", "Welcome aboard")
	inst.CreateTemplate(t, "tmpl_tips", "Tips", "Three tips")
	cfg := client.Config{
		BaseURL:      inst.URL,
		APIKey:       inst.APIKey,
		UserAgent:    "kraiter-client-test/1.0",
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 5 * time.Millisecond,
	}
	for _, f := range configure {
		f(&cfg)
	}
	api, err := client.New(cfg)
	if err != nil {
		t.Fatalf("client.New: %v", err)
	}
	return &testEnv{inst: inst, api: api, check: check}
}

func TestNewChecksConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, baseURL, key string
		// wantBase is the base URL the client keeps, when New succeeds.
		wantBase string
		wantErr  string
	}{
		{"default base URL", "", "k", "https://api.kraiter.com", ""},
		{"https anywhere", "https://api.example.com/kraiter/", "k", "https://api.example.com/kraiter", ""},
		{"http on 127.0.0.1", "http://127.0.0.1:8474", "k", "http://127.0.0.1:8474", ""},
		{"http on localhost", "http://localhost:8474", "k", "http://localhost:8474", ""},
		{"http on ::1", "http://[::1]:8474", "k", "http://[::1]:8474", ""},
		{"a trailing /v1", "https://api.kraiter.com/v1", "k", "https://api.kraiter.com", ""},
		{"a trailing /v1/", "https://api.kraiter.com/v1/", "k", "https://api.kraiter.com", ""},
		{"/v1 under a path", "https://api.example.com/kraiter/v1/", "k", "https://api.example.com/kraiter", ""},
		{"only the last /v1", "https://api.example.com/v1/v1", "k", "https://api.example.com/v1", ""},
		{"a host named v1", "https://v1", "k", "https://v1", ""},
		{"a path ending in v1", "https://api.example.com/apiv1", "k", "https://api.example.com/apiv1", ""},
		{"/v10", "https://api.example.com/v10", "k", "https://api.example.com/v10", ""},
		{"http elsewhere", "http://api.example.com", "k", "", "plain http is only allowed on a loopback host"},
		{"no scheme", "api.kraiter.com", "k", "", "not an absolute http(s) URL"},
		{"other scheme", "ftp://api.kraiter.com", "k", "", "not an absolute http(s) URL"},
		{"query", "https://api.kraiter.com?x=1", "k", "", "must not carry a query"},
		{"empty query", "https://api.kraiter.com/?", "k", "", "must not carry a query"},
		{"fragment", "https://api.kraiter.com#top", "k", "", "must not carry a query, fragment"},
		{"user info", "https://user:secret@api.kraiter.com", "k", "", "must not carry a query, fragment or user info"},
		{"no key", "https://api.kraiter.com", "", "", "an API key is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := client.New(client.Config{BaseURL: tt.baseURL, APIKey: tt.key})
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				if got := c.BaseURL(); got != tt.wantBase {
					t.Fatalf("BaseURL() = %q, want %q", got, tt.wantBase)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("New error = %v, want it to say %q", err, tt.wantErr)
			}
		})
	}
}

func TestSequenceLifecycle(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	triggers := []client.Trigger{{Type: client.TriggerEvent, EventName: "signed_up"}, {Type: client.TriggerSegment, SegmentID: "seg_trial"}}

	created, err := e.api.Sequences.Create(ctx, client.CreateSequenceInput{ID: "seq_onboarding", Name: "Onboarding", Definition: welcomeDef, Triggers: triggers})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if created.Status != client.StatusActive || created.Definition != welcomeDef || len(created.Triggers) != 2 || created.CreatedAt.IsZero() {
		t.Fatalf("Create returned %+v", created)
	}

	got, err := e.api.Sequences.Get(ctx, "seq_onboarding")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if got.Name != "Onboarding" || got.Definition != welcomeDef {
		t.Fatalf("Get returned %+v", got)
	}

	name := "Onboarding v2"
	updated, err := e.api.Sequences.Update(ctx, "seq_onboarding", client.UpdateSequenceInput{Name: &name})
	if err != nil {
		t.Fatalf("Update name: %v", err)
	}
	if updated.Name != name || updated.Definition != welcomeDef || len(updated.Triggers) != 2 {
		t.Fatalf("an update of the name changed more: %+v", updated)
	}
	if body := string(e.check.last(http.MethodPatch, "/v1/sequences/seq_onboarding").Body); body != `{"name":"Onboarding v2"}` {
		t.Fatalf("Update sent %s, want only the name", body)
	}

	updated, err = e.api.Sequences.Update(ctx, "seq_onboarding", client.UpdateSequenceInput{Triggers: &[]client.Trigger{}})
	if err != nil {
		t.Fatalf("Update triggers: %v", err)
	}
	if len(updated.Triggers) != 0 || updated.Name != name {
		t.Fatalf("clearing triggers gave %+v", updated)
	}
	if body := string(e.check.last(http.MethodPatch, "/v1/sequences/seq_onboarding").Body); body != `{"triggers":[]}` {
		t.Fatalf("clearing triggers sent %s, want {\"triggers\":[]}", body)
	}

	if err := e.api.Sequences.Delete(ctx, "seq_onboarding"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := e.api.Sequences.Get(ctx, "seq_onboarding"); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("Get after Delete: %v, want ErrNotFound", err)
	}
	if err := e.api.Sequences.Delete(ctx, "seq_onboarding"); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("second Delete: %v, want ErrNotFound", err)
	}
	e.check.checkRequestsConform()

	ua := e.check.last(http.MethodGet, "/v1/sequences/seq_onboarding").Header.Get("User-Agent")
	if ua != "kraiter-client-test/1.0" {
		t.Fatalf("User-Agent = %q", ua)
	}
}

func TestErrorCodes(t *testing.T) {
	t.Parallel()
	e := setup(t, func(c *client.Config) { c.MaxRetries = -1 })
	ctx := context.Background()
	if _, err := e.api.Sequences.Create(ctx, client.CreateSequenceInput{ID: "seq_a", Name: "A", Definition: welcomeDef}); err != nil {
		t.Fatalf("Create: %v", err)
	}

	t.Run("conflict", func(t *testing.T) {
		_, err := e.api.Sequences.Create(ctx, client.CreateSequenceInput{ID: "seq_a", Name: "A", Definition: welcomeDef})
		var apiErr *client.Error
		if !errors.Is(err, client.ErrConflict) || !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusConflict {
			t.Fatalf("duplicate Create: %v, want CONFLICT 409", err)
		}
	})

	t.Run("validation with every path", func(t *testing.T) {
		bad := `{"steps":[{"type":"emial","templateId":"tmpl_welcome"},{"type":"delay","duration":"2 days"},{"type":"email","templateId":"tmpl_nope"}]}`
		_, err := e.api.Sequences.Create(ctx, client.CreateSequenceInput{ID: "seq_bad", Name: "Bad", Definition: bad})
		var apiErr *client.Error
		if !errors.Is(err, client.ErrValidation) || !errors.As(err, &apiErr) {
			t.Fatalf("Create with a bad definition: %v, want VALIDATION_ERROR", err)
		}
		paths := map[string]bool{}
		for _, d := range apiErr.Details {
			paths[d.Path] = true
		}
		for _, want := range []string{"steps[0].type", "steps[1].duration"} {
			if !paths[want] {
				t.Errorf("details %+v lack %s", apiErr.Details, want)
			}
		}
	})

	t.Run("unknown template names the step", func(t *testing.T) {
		_, err := e.api.Sequences.Create(ctx, client.CreateSequenceInput{ID: "seq_bad", Name: "Bad", Definition: `{"steps":[{"type":"email","templateId":"tmpl_welcome"},{"type":"email","templateId":"tmpl_nope"}]}`})
		var apiErr *client.Error
		if !errors.As(err, &apiErr) || apiErr.Code != client.CodeValidationError || len(apiErr.Details) != 1 || apiErr.Details[0].Path != "steps[1].templateId" {
			t.Fatalf("unknown template: %v, want one detail at steps[1].templateId", err)
		}
		if !strings.Contains(err.Error(), "tmpl_nope") {
			t.Fatalf("error %q does not name the template", err)
		}
	})

	t.Run("not found everywhere", func(t *testing.T) {
		calls := map[string]func() error{
			"Get": func() error { _, err := e.api.Sequences.Get(ctx, "seq_missing"); return err },
			"Update": func() error {
				n := "x"
				_, err := e.api.Sequences.Update(ctx, "seq_missing", client.UpdateSequenceInput{Name: &n})
				return err
			},
			"Delete":    func() error { return e.api.Sequences.Delete(ctx, "seq_missing") },
			"GetStatus": func() error { _, err := e.api.Sequences.GetStatus(ctx, "seq_missing"); return err },
			"DryRun":    func() error { _, err := e.api.Sequences.DryRun(ctx, "seq_missing", "con_x"); return err },
			"GetContacts": func() error {
				for _, err := range e.api.Sequences.GetContacts(ctx, "seq_missing", client.PageOptions{}) {
					return err
				}
				return nil
			},
			"GetSends": func() error {
				for _, err := range e.api.Sequences.GetSends(ctx, "seq_missing", client.PageOptions{}) {
					return err
				}
				return nil
			},
		}
		for name, call := range calls {
			if err := call(); !errors.Is(err, client.ErrNotFound) || !strings.Contains(err.Error(), "seq_missing") {
				t.Errorf("%s: %v, want ErrNotFound naming the id", name, err)
			}
		}
	})

	t.Run("unauthorized, and the key stays secret", func(t *testing.T) {
		var logged []string
		bad, err := client.New(client.Config{BaseURL: e.inst.URL, APIKey: "wrong-secret-key", Log: func(_ context.Context, msg string, f map[string]any) {
			logged = append(logged, fmt.Sprint(msg, f))
		}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = bad.Sequences.Get(ctx, "seq_a")
		if !errors.Is(err, client.ErrUnauthorized) {
			t.Fatalf("Get with a wrong key: %v, want ErrUnauthorized", err)
		}
		if strings.Contains(err.Error(), "wrong-secret-key") || strings.Contains(strings.Join(logged, "\n"), "wrong-secret-key") || len(logged) == 0 {
			t.Fatalf("the key leaked or nothing was logged: error %q, logs %q", err, logged)
		}
	})

	t.Run("rate limited without retries", func(t *testing.T) {
		e.inst.SetFaults(t, localservertest.Faults{RateLimitRate: 1})
		defer e.inst.ClearFaults(t)
		_, err := e.api.Sequences.Get(ctx, "seq_a")
		if !errors.Is(err, client.ErrRateLimited) {
			t.Fatalf("Get under rate limiting: %v, want ErrRateLimited", err)
		}
	})

	t.Run("page size out of range", func(t *testing.T) {
		var errs []error
		for _, err := range e.api.Sequences.List(ctx, client.ListOptions{Limit: 101}) {
			errs = append(errs, err)
		}
		if len(errs) != 1 || errs[0] == nil || !strings.Contains(errs[0].Error(), "1 to 100") {
			t.Fatalf("List with limit 101 yielded %v, want one error asking for 1 to 100", errs)
		}
	})
}

func TestListFollowsCursorsLazily(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	const n = 1000
	for i := range n {
		if _, err := e.api.Sequences.Create(ctx, client.CreateSequenceInput{ID: fmt.Sprintf("seq_%04d", i), Name: "S", Definition: welcomeDef}); err != nil {
			t.Fatalf("Create %d: %v", i, err)
		}
	}
	for i := range 7 {
		e.inst.SetSequenceStatus(t, fmt.Sprintf("seq_%04d", i*100), client.StatusPaused)
	}

	seen := map[string]bool{}
	for seq, err := range e.api.Sequences.List(ctx, client.ListOptions{Limit: 100}) {
		if err != nil {
			t.Fatalf("List: %v", err)
		}
		if seen[seq.ID] {
			t.Fatalf("List yielded %s twice", seq.ID)
		}
		seen[seq.ID] = true
	}
	if len(seen) != n {
		t.Fatalf("List yielded %d sequences, want %d", len(seen), n)
	}
	if pages := e.check.count(http.MethodGet, "/v1/sequences"); pages != n/100 {
		t.Fatalf("List read %d pages, want %d", pages, n/100)
	}

	before := e.check.count(http.MethodGet, "/v1/sequences")
	taken := 0
	for _, err := range e.api.Sequences.List(ctx, client.ListOptions{Limit: 10}) {
		if err != nil {
			t.Fatal(err)
		}
		if taken++; taken == 15 {
			break
		}
	}
	if pages := e.check.count(http.MethodGet, "/v1/sequences") - before; pages != 2 {
		t.Fatalf("taking 15 items with pages of 10 read %d pages, want 2", pages)
	}

	paused := 0
	for seq, err := range e.api.Sequences.List(ctx, client.ListOptions{Status: client.StatusPaused}) {
		if err != nil {
			t.Fatal(err)
		}
		if seq.Status != client.StatusPaused {
			t.Fatalf("status filter let through %+v", seq)
		}
		paused++
	}
	if paused != 7 {
		t.Fatalf("paused sequences = %d, want 7", paused)
	}
	e.check.checkRequestsConform()
}

func TestEnrolmentsStatusContactsSendsDryRun(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	e.inst.CreateTemplate(t, "tmpl_pro", "Pro", "Pro tips")
	def := `{"steps":[{"type":"email","templateId":"tmpl_welcome"},{"type":"delay","duration":"1d"},
		{"type":"condition","if":{"attribute":"plan","op":"eq","value":"pro"},
		 "then":[{"type":"email","templateId":"tmpl_pro"}],"else":[{"type":"email","templateId":"tmpl_tips"}]}]}`
	if _, err := e.api.Sequences.Create(ctx, client.CreateSequenceInput{ID: "seq_drip", Name: "Drip", Definition: def,
		Triggers: []client.Trigger{{Type: client.TriggerEvent, EventName: "signed_up"}}}); err != nil {
		t.Fatal(err)
	}
	e.inst.CreateContact(t, "con_pro", "pro@example.com", map[string]any{"plan": "pro"}, true)
	e.inst.CreateContact(t, "con_free", "free@example.com", map[string]any{"plan": "free"}, true)
	e.inst.CreateContact(t, "con_gone", "gone@example.com", map[string]any{"plan": "pro"}, false)
	for _, id := range []string{"con_pro", "con_free"} {
		if got := e.inst.SendEvent(t, id, "signed_up"); len(got) != 1 || got[0] != "seq_drip" {
			t.Fatalf("event for %s enrolled in %v", id, got)
		}
	}

	st, err := e.api.Sequences.GetStatus(ctx, "seq_drip")
	if err != nil {
		t.Fatal(err)
	}
	if st.TotalEnrolled != 2 || st.ActiveEnrolments != 2 || st.CompletedCount != 0 || st.Status != client.StatusActive {
		t.Fatalf("status after enrolment = %+v", st)
	}
	var contacts []string
	for c, err := range e.api.Sequences.GetContacts(ctx, "seq_drip", client.PageOptions{Limit: 1}) {
		if err != nil {
			t.Fatal(err)
		}
		contacts = append(contacts, c.ID)
	}
	if strings.Join(contacts, ",") != "con_free,con_pro" {
		t.Fatalf("enrolled contacts = %v", contacts)
	}

	e.inst.AdvanceClock(t, "2d")
	st, err = e.api.Sequences.GetStatus(ctx, "seq_drip")
	if err != nil {
		t.Fatal(err)
	}
	if st.ActiveEnrolments != 0 || st.CompletedCount != 2 {
		t.Fatalf("status after two days = %+v", st)
	}
	sent := map[string][]string{}
	for s, err := range e.api.Sequences.GetSends(ctx, "seq_drip", client.PageOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		sent[s.ContactID] = append(sent[s.ContactID], s.TemplateID)
	}
	if got := fmt.Sprint(sent); got != "map[con_free:[tmpl_welcome tmpl_tips] con_pro:[tmpl_welcome tmpl_pro]]" {
		t.Fatalf("sends = %s", got)
	}

	dry, err := e.api.Sequences.DryRun(ctx, "seq_drip", "con_gone")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(dry.Steps)
	want := `[{"path":"steps[0]","type":"email","templateId":"tmpl_welcome","wouldSend":false,"reason":"unsubscribed"},` +
		`{"path":"steps[1]","type":"delay","duration":"1d"},` +
		`{"path":"steps[2]","type":"condition","matched":true},` +
		`{"path":"steps[2].then[0]","type":"email","templateId":"tmpl_pro","wouldSend":false,"reason":"unsubscribed"}]`
	if string(got) != want {
		t.Fatalf("dry run steps =\n%s\nwant\n%s", got, want)
	}
	if _, err := e.api.Sequences.DryRun(ctx, "seq_drip", "con_missing"); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("dry run of a missing contact: %v", err)
	}
	e.check.checkRequestsConform()
}

// The default retry count rides out 30% of transient failures: 20% server errors and 10%
// rate limiting (Retry-After: 0 here, to keep the test fast).
func TestDefaultRetriesRideOutTransientFaults(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	// Of the 80% of requests that do not fail, 12.5% are rate limited: 10% of all. The seed
	// gives a run of failures longer than the 4 retries the defaults used to allow.
	e.inst.SetFaults(t, localservertest.Faults{FailRate: 0.2, RateLimitRate: 0.125, RetryAfterSeconds: 0, Seed: 7})
	name := "S2"
	for i := range 100 {
		id := fmt.Sprintf("seq_%03d", i)
		if _, err := e.api.Sequences.Create(ctx, client.CreateSequenceInput{ID: id, Name: "S", Definition: welcomeDef}); err != nil {
			t.Fatalf("Create %s under faults: %v", id, err)
		}
		if _, err := e.api.Sequences.Get(ctx, id); err != nil {
			t.Fatalf("Get %s under faults: %v", id, err)
		}
		if _, err := e.api.Sequences.Update(ctx, id, client.UpdateSequenceInput{Name: &name}); err != nil {
			t.Fatalf("Update %s under faults: %v", id, err)
		}
	}
	if run := e.check.longestFailureRun(); run <= 4 {
		t.Fatalf("at most %d attempts in a row failed: the faults did not test more than the old 4 retries", run)
	}
}

func TestRetriesAreBounded(t *testing.T) {
	t.Parallel()
	e := setup(t, func(c *client.Config) { c.MaxRetries = 2 })
	e.inst.SetFaults(t, localservertest.Faults{FailRate: 1})
	_, err := e.api.Sequences.Get(context.Background(), "seq_x")
	if !errors.Is(err, client.ErrInternal) {
		t.Fatalf("Get against a failing server: %v, want ErrInternal", err)
	}
	if n := e.check.count(http.MethodGet, "/v1/sequences/seq_x"); n != 3 {
		t.Fatalf("sent %d attempts, want 1 + 2 retries", n)
	}
}

func TestRetriesStopWithTheContext(t *testing.T) {
	t.Parallel()
	e := setup(t, func(c *client.Config) {
		c.MaxRetries = 100
		c.RetryWaitMin = 50 * time.Millisecond
		c.RetryWaitMax = 50 * time.Millisecond
	})
	e.inst.SetFaults(t, localservertest.Faults{FailRate: 1})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := e.api.Sequences.Get(ctx, "seq_x")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Get with an expiring context: %v, want the context's error", err)
	}
	if n := e.check.count(http.MethodGet, "/v1/sequences/seq_x"); n > 10 {
		t.Fatalf("%d attempts after the context expired", n)
	}
}

func TestCreateWhoseAnswerWasLost(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	in := client.CreateSequenceInput{ID: "seq_lost", Name: "Lost", Definition: welcomeDef, Triggers: []client.Trigger{{Type: client.TriggerEvent, EventName: "x"}}}
	e.inst.SetFaults(t, localservertest.Faults{DropAfterCommitRate: 1})
	seq, err := e.api.Sequences.Create(ctx, in)
	if err != nil {
		t.Fatalf("Create whose first answer was lost: %v", err)
	}
	if seq.ID != "seq_lost" || seq.Name != "Lost" {
		t.Fatalf("Create returned %+v", seq)
	}
	if n := e.check.count(http.MethodPost, "/v1/sequences"); n < 2 {
		t.Fatalf("the create was sent %d times; the fault did not drop the first answer", n)
	}

	// The retry meets NOT_FOUND: Kraiter's answer about the sequence, which the caller acts
	// on once it has proved the API (the provider does).
	if err := e.api.Sequences.Delete(ctx, "seq_lost"); !errors.Is(err, client.ErrNotFound) || errors.Is(err, client.ErrOutcomeUnknown) {
		t.Fatalf("Delete whose first answer was lost: %v, want the retry's NOT_FOUND", err)
	}
	e.inst.ClearFaults(t)
	if _, err := e.api.Sequences.Get(ctx, "seq_lost"); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("the sequence survived its delete: %v", err)
	}
}

// A lost answer, then CONFLICT over other content: the first attempt may have created it and
// someone changed it since, or someone else created it; the caller settles which.
func TestCreateConflictAfterUncertainAttemptWithOtherContent(t *testing.T) {
	t.Parallel()
	flaky := &flakyTransport{next: http.DefaultTransport}
	e := setup(t, func(c *client.Config) { c.HTTPClient = &http.Client{Transport: flaky} })
	ctx := context.Background()
	if _, err := e.api.Sequences.Create(ctx, client.CreateSequenceInput{ID: "seq_taken", Name: "Original", Definition: welcomeDef}); err != nil {
		t.Fatal(err)
	}
	flaky.n.Store(1)
	_, err := e.api.Sequences.Create(ctx, client.CreateSequenceInput{ID: "seq_taken", Name: "Someone else's", Definition: welcomeDef})
	if !errors.Is(err, client.ErrConflict) || !errors.Is(err, client.ErrOutcomeUnknown) {
		t.Fatalf("Create over a different existing sequence after a lost answer: %v, want ErrConflict in an unknown outcome", err)
	}
}

// Request bodies keep "<", ">" and "&" as they are, so that their escaped form is at most
// twice their size.
func TestRequestBodiesAreNotHTMLEscaped(t *testing.T) {
	t.Parallel()
	e := setup(t)
	in := client.CreateSequenceInput{ID: "seq_html", Name: "Tips & <tricks>", Definition: welcomeDef}
	if _, err := e.api.Sequences.Create(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	if body := string(e.check.last(http.MethodPost, "/v1/sequences").Body); !strings.Contains(body, `"name":"Tips & <tricks>"`) {
		t.Fatalf("Create sent %s, want the name unescaped", body)
	}
}

func TestTemplates(t *testing.T) {
	t.Parallel()
	e := setup(t)
	ctx := context.Background()
	for i := range 120 {
		e.inst.CreateTemplate(t, fmt.Sprintf("tmpl_%03d", i), fmt.Sprintf("Template %d", i), "Subject")
	}
	got, err := e.api.Templates.Get(ctx, "tmpl_welcome")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if *got != (client.Template{ID: "tmpl_welcome", Name: "Welcome", Subject: "Welcome aboard"}) {
		t.Fatalf("Get = %+v", got)
	}
	if _, err := e.api.Templates.Get(ctx, "tmpl_nope"); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("Get of an unknown template: %v, want ErrNotFound", err)
	}
	var ids []string
	for tmpl, err := range e.api.Templates.List(ctx, client.PageOptions{Limit: 50}) {
		if err != nil {
			t.Fatalf("List: %v", err)
		}
		ids = append(ids, tmpl.ID)
	}
	// 120 made here and the two of setup, in id order.
	if len(ids) != 122 || ids[0] != "tmpl_000" || ids[121] != "tmpl_welcome" {
		t.Fatalf("List yielded %d templates from %v", len(ids), ids[:3])
	}
	if pages := e.check.count(http.MethodGet, "/v1/templates"); pages != 3 {
		t.Fatalf("List read %d pages of 50, want 3", pages)
	}
	e.check.checkRequestsConform()
}
