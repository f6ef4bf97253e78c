package localserver_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

// dripDef: a welcome now; two days later a pro tip for pro contacts who have not purchased
// in the last 7 days, an upgrade offer to the others; a day after that, tips.
const dripDef = `{"steps": [
  {"type": "email", "templateId": "tmpl_welcome", "delay": "0d"},
  {"type": "delay", "duration": "2d"},
  {"type": "condition",
   "if": {"all": [{"attribute": "plan", "op": "eq", "value": "pro"},
                  {"event": "purchased", "op": "not_performed", "within": "7d"}]},
   "then": [{"type": "email", "templateId": "tmpl_pro"}],
   "else": [{"type": "email", "templateId": "tmpl_upgrade"}]},
  {"type": "email", "templateId": "tmpl_tips", "delay": "1d"}
]}`

var signedUp = localserver.Trigger{Type: localserver.TriggerEvent, EventName: "signed_up"}

const day = 24 * time.Hour

// sendLog is a sequence's sends by contact, each as "template +offset" from the contact's
// first send, in the order they were recorded.
func sendLog(t *testing.T, srv *localservertest.Instance, seqID string) map[string][]string {
	t.Helper()
	log := map[string][]string{}
	first := map[string]time.Time{}
	for _, s := range srv.Sends(t, seqID) {
		at, err := time.Parse(time.RFC3339, s.CreatedAt)
		if err != nil {
			t.Fatalf("send createdAt %q: %v", s.CreatedAt, err)
		}
		if s.SequenceID != seqID || s.Status != "sent" {
			t.Errorf("send %+v: want sequence %s, status sent", s, seqID)
		}
		if _, ok := first[s.ContactID]; !ok {
			first[s.ContactID] = at
		}
		log[s.ContactID] = append(log[s.ContactID], s.TemplateID+" +"+at.Sub(first[s.ContactID]).String())
	}
	return log
}

func contactIDs(cs []localserver.Contact) []string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}

func TestEngineOverDays(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	srv.CreateSequence(t, "seq_drip", "Drip", dripDef, signedUp)
	srv.CreateContact(t, "con_ada", "ada@example.com", map[string]any{"plan": "pro"}, true)
	srv.CreateContact(t, "con_bob", "bob@example.com", map[string]any{"plan": "free"}, true)
	srv.CreateContact(t, "con_cy", "cy@example.com", map[string]any{"plan": "pro"}, true)
	srv.CreateContact(t, "con_dan", "dan@example.com", map[string]any{"plan": "pro"}, false)

	if got := srv.SendEvent(t, "con_cy", "purchased"); len(got) != 0 {
		t.Errorf("an event without a trigger enrolled in %v", got)
	}
	for _, c := range []string{"con_ada", "con_bob", "con_cy", "con_dan"} {
		if got := srv.SendEvent(t, c, "signed_up"); !slices.Equal(got, []string{"seq_drip"}) {
			t.Fatalf("signed_up of %s enrolled in %v", c, got)
		}
	}
	if got := srv.SendEvent(t, "con_ada", "signed_up"); len(got) != 0 {
		t.Errorf("a second signed_up while enrolled enrolled again in %v", got)
	}
	sends := srv.Sends(t, "seq_drip")
	if len(sends) != 3 {
		t.Fatalf("sends right after enrolment: %+v, want three welcomes (not dan, unsubscribed)", sends)
	}
	start, _ := time.Parse(time.RFC3339, sends[0].CreatedAt)
	if now := srv.Now(t); now.Sub(start) < 0 || now.Sub(start) > time.Minute {
		t.Fatalf("the welcome was sent at %s, not now (%s)", start, now)
	}

	srv.AdvanceClock(t, "1d")
	if got := srv.Sends(t, "seq_drip"); len(got) != 3 {
		t.Errorf("after 1d: %d sends, want still 3", len(got))
	}
	// Bob turns pro before the condition is evaluated on day 2: the condition sees it.
	srv.UpdateContact(t, "con_bob", map[string]any{"attributes": map[string]any{"plan": "pro"}})
	srv.AdvanceClock(t, "1d")
	if st := srv.Status(t, "seq_drip"); st.ActiveEnrolments != 4 || st.CompletedCount != 0 || st.TotalEnrolled != 4 {
		t.Errorf("status on day 2: %+v", st)
	}
	srv.AdvanceClock(t, "2d")

	want := map[string][]string{
		"con_ada": {"tmpl_welcome +0s", "tmpl_pro +48h0m0s", "tmpl_tips +72h0m0s"},
		"con_bob": {"tmpl_welcome +0s", "tmpl_pro +48h0m0s", "tmpl_tips +72h0m0s"},
		"con_cy":  {"tmpl_welcome +0s", "tmpl_upgrade +48h0m0s", "tmpl_tips +72h0m0s"},
	}
	if got := sendLog(t, srv, "seq_drip"); !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("sends\n got %q\nwant %q", got, want)
	}
	st := srv.Status(t, "seq_drip")
	if st != (localserver.SequenceStatus{ID: "seq_drip", Status: "active", TotalEnrolled: 4, ActiveEnrolments: 0, CompletedCount: 4}) {
		t.Errorf("final status %+v", st)
	}
	if got := srv.Contacts(t, "seq_drip"); len(got) != 0 {
		t.Errorf("contacts still enrolled: %v", contactIDs(got))
	}
	// Completed, ada can enter again.
	if got := srv.SendEvent(t, "con_ada", "signed_up"); !slices.Equal(got, []string{"seq_drip"}) {
		t.Errorf("signed_up after completion enrolled in %v", got)
	}
	if st := srv.Status(t, "seq_drip"); st.TotalEnrolled != 5 || st.ActiveEnrolments != 1 {
		t.Errorf("status after re-enrolment %+v", st)
	}
}

func TestEnrolledContactsAndTrailingDelay(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	srv.CreateSequence(t, "seq_wait", "Wait", `{"steps":[{"type":"email","templateId":"tmpl_welcome"},{"type":"delay","duration":"1w"}]}`, signedUp)
	for _, c := range []string{"con_c", "con_a", "con_b"} {
		srv.CreateContact(t, c, c+"@example.com", nil, true)
		srv.SendEvent(t, c, "signed_up")
	}
	if got := contactIDs(srv.Contacts(t, "seq_wait")); !slices.Equal(got, []string{"con_a", "con_b", "con_c"}) {
		t.Errorf("enrolled contacts %v, want a, b, c in id order", got)
	}
	var page localserver.Page[localserver.Contact]
	srv.Do(t, http.MethodGet, "/v1/sequences/seq_wait/contacts?limit=2", nil).Decode(t, &page)
	if len(page.Data) != 2 || page.NextCursor == nil {
		t.Fatalf("first page of 2: %+v", page)
	}
	c := page.Data[0]
	var attrs map[string]any
	if err := json.Unmarshal(c.Attributes, &attrs); err != nil || c.Email != "con_a@example.com" || !c.Subscribed || c.CreatedAt == "" {
		t.Errorf("contact %+v (%v)", c, err)
	}
	srv.AdvanceClock(t, "6d")
	if st := srv.Status(t, "seq_wait"); st.ActiveEnrolments != 3 {
		t.Errorf("during the trailing delay: %+v, want all still active", st)
	}
	srv.AdvanceClock(t, "1d")
	if st := srv.Status(t, "seq_wait"); st.ActiveEnrolments != 0 || st.CompletedCount != 3 {
		t.Errorf("after the trailing delay: %+v, want all completed", st)
	}
}

func TestPausedAndDraftSequences(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	srv.CreateSequence(t, "seq_drip", "Drip", dripDef, signedUp)
	srv.CreateContact(t, "con_ada", "ada@example.com", map[string]any{"plan": "pro"}, true)
	srv.CreateContact(t, "con_bob", "bob@example.com", nil, true)
	srv.SendEvent(t, "con_ada", "signed_up")
	start := srv.Now(t)

	srv.SetSequenceStatus(t, "seq_drip", "paused")
	if got := srv.GetSequence(t, "seq_drip").Status; got != "paused" {
		t.Fatalf("status %q after pausing", got)
	}
	if got := srv.SendEvent(t, "con_bob", "signed_up"); len(got) != 0 {
		t.Errorf("a paused sequence enrolled bob: %v", got)
	}
	srv.AdvanceClock(t, "5d")
	if got := srv.Sends(t, "seq_drip"); len(got) != 1 {
		t.Errorf("a paused sequence advanced: %d sends, want the welcome only", len(got))
	}
	resumed := srv.Now(t)
	srv.SetSequenceStatus(t, "seq_drip", "active")
	sends := srv.Sends(t, "seq_drip")
	if len(sends) != 2 || sends[1].TemplateID != "tmpl_pro" {
		t.Fatalf("after resuming: %+v, want the overdue pro email", sends)
	}
	if at, _ := time.Parse(time.RFC3339, sends[1].CreatedAt); at.Before(resumed) || at.Sub(resumed) > time.Minute {
		t.Errorf("the overdue email was sent at %s, want when resumed (%s), not in the past", at, resumed)
	}
	srv.AdvanceClock(t, "1d")
	if got := srv.Sends(t, "seq_drip"); len(got) != 3 || got[2].TemplateID != "tmpl_tips" {
		t.Errorf("a day after resuming: %+v", got)
	}
	if resumed.Sub(start) < 5*day {
		t.Errorf("clock moved %s, want at least 5d", resumed.Sub(start))
	}

	srv.SetSequenceStatus(t, "seq_drip", "draft")
	if got := srv.SendEvent(t, "con_bob", "signed_up"); len(got) != 0 {
		t.Errorf("a draft sequence enrolled bob: %v", got)
	}
	bad := srv.Do(t, http.MethodPost, "/_local/sequences/seq_drip/status", map[string]any{"status": "activ"})
	if bad.Status != http.StatusUnprocessableEntity || detailPaths(bad.Error(t))[0] != "status" {
		t.Errorf("bad status: %d %s", bad.Status, bad.Body)
	}
	if resp := srv.Do(t, http.MethodPost, "/_local/sequences/seq_nope/status", map[string]any{"status": "active"}); resp.Status != http.StatusNotFound {
		t.Errorf("status of a missing sequence: %d", resp.Status)
	}
}

func TestDeleteCancelsEnrolments(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	srv.CreateSequence(t, "seq_drip", "Drip", dripDef, signedUp)
	srv.CreateContact(t, "con_ada", "ada@example.com", nil, true)
	srv.SendEvent(t, "con_ada", "signed_up")
	srv.DeleteSequence(t, "seq_drip")

	got, err := srv.Server.EnrolmentStatuses(context.Background(), "con_ada")
	if err != nil || !slices.Equal(got, []string{"seq_drip:cancelled"}) {
		t.Fatalf("enrolments after delete: %v (%v)", got, err)
	}
	if enrolled := srv.SendEvent(t, "con_ada", "signed_up"); len(enrolled) != 0 {
		t.Errorf("a deleted sequence enrolled: %v", enrolled)
	}
	srv.CreateSequence(t, "seq_drip", "Drip again", dripDef, signedUp)
	srv.AdvanceClock(t, "3d")
	if st := srv.Status(t, "seq_drip"); st.TotalEnrolled != 0 {
		t.Errorf("the new sequence inherited enrolments: %+v", st)
	}
	if sends := srv.Sends(t, "seq_drip"); len(sends) != 0 {
		t.Errorf("the new sequence inherited sends: %+v", sends)
	}
	if enrolled := srv.SendEvent(t, "con_ada", "signed_up"); !slices.Equal(enrolled, []string{"seq_drip"}) {
		t.Errorf("the new sequence did not enrol: %v", enrolled)
	}
}

func TestDryRun(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	srv.CreateSequence(t, "seq_drip", "Drip", dripDef, signedUp)
	srv.CreateContact(t, "con_ada", "ada@example.com", map[string]any{"plan": "pro"}, true)
	srv.CreateContact(t, "con_dan", "dan@example.com", map[string]any{"plan": "pro"}, false)
	srv.SendEvent(t, "con_ada", "purchased")

	yes, no := true, false
	tests := []struct {
		contact string
		want    []localserver.DryRunStep
	}{
		{"con_ada", []localserver.DryRunStep{
			{Path: "steps[0]", Type: "email", TemplateID: "tmpl_welcome", WouldSend: &yes},
			{Path: "steps[1]", Type: "delay", Duration: "2d"},
			{Path: "steps[2]", Type: "condition", Matched: &no},
			{Path: "steps[2].else[0]", Type: "email", TemplateID: "tmpl_upgrade", WouldSend: &yes},
			{Path: "steps[3]", Type: "email", TemplateID: "tmpl_tips", WouldSend: &yes, Duration: "1d"},
		}},
		{"con_dan", []localserver.DryRunStep{
			{Path: "steps[0]", Type: "email", TemplateID: "tmpl_welcome", WouldSend: &no, Reason: "unsubscribed"},
			{Path: "steps[1]", Type: "delay", Duration: "2d"},
			{Path: "steps[2]", Type: "condition", Matched: &yes},
			{Path: "steps[2].then[0]", Type: "email", TemplateID: "tmpl_pro", WouldSend: &no, Reason: "unsubscribed"},
			{Path: "steps[3]", Type: "email", TemplateID: "tmpl_tips", WouldSend: &no, Duration: "1d", Reason: "unsubscribed"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.contact, func(t *testing.T) {
			resp := srv.Do(t, http.MethodPost, "/v1/sequences/seq_drip/dry-run", map[string]any{"contactId": tc.contact})
			if resp.Status != http.StatusOK {
				t.Fatalf("status %d: %s", resp.Status, resp.Body)
			}
			var res localserver.DryRunResult
			resp.Decode(t, &res)
			if res.SequenceID != "seq_drip" || res.ContactID != tc.contact {
				t.Errorf("result ids %q %q", res.SequenceID, res.ContactID)
			}
			if got, want := stepsJSON(t, res.Steps), stepsJSON(t, tc.want); got != want {
				t.Errorf("steps\n got %s\nwant %s", got, want)
			}
		})
	}
	if st := srv.Status(t, "seq_drip"); st.TotalEnrolled != 0 || len(srv.Sends(t, "seq_drip")) != 0 {
		t.Errorf("a dry run recorded something: %+v", st)
	}
	for _, tc := range []struct {
		path   string
		body   any
		status int
	}{
		{"/v1/sequences/seq_nope/dry-run", map[string]any{"contactId": "con_ada"}, http.StatusNotFound},
		{"/v1/sequences/seq_drip/dry-run", map[string]any{"contactId": "con_nope"}, http.StatusNotFound},
		{"/v1/sequences/seq_drip/dry-run", map[string]any{}, http.StatusUnprocessableEntity},
	} {
		if resp := srv.Do(t, http.MethodPost, tc.path, tc.body); resp.Status != tc.status {
			t.Errorf("POST %s %v: status %d, want %d: %s", tc.path, tc.body, resp.Status, tc.status, resp.Body)
		}
	}
}

func stepsJSON(t *testing.T, steps []localserver.DryRunStep) string {
	t.Helper()
	b, err := json.Marshal(steps)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Requests that run the engine while the clock advances see time move forward only: each
// reads the clock inside its transaction, after the advances committed before it.
func TestEngineTimeOnlyMovesForward(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	srv.CreateSequence(t, "seq_now", "Now", welcomeDef, signedUp)
	const posters, perPoster = 6, 8
	for i := range posters * perPoster {
		srv.CreateContact(t, fmt.Sprintf("con_%02d", i), fmt.Sprintf("c%02d@example.com", i), nil, true)
	}
	post := func(path, body string) error {
		req, err := http.NewRequest(http.MethodPost, srv.URL+path, strings.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+srv.APIKey)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("POST %s: status %d", path, resp.StatusCode)
		}
		return nil
	}
	errs := make(chan error, posters*perPoster+posters*perPoster)
	var wg sync.WaitGroup
	wg.Go(func() {
		for range posters * perPoster {
			errs <- post("/_local/clock/advance", `{"duration":"1h"}`)
		}
	})
	for p := range posters {
		wg.Go(func() {
			for i := range perPoster {
				errs <- post("/v1/events", fmt.Sprintf(`{"contactId":"con_%02d","eventName":"signed_up"}`, p*perPoster+i))
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	sends := srv.Sends(t, "seq_now")
	if len(sends) != posters*perPoster {
		t.Fatalf("%d sends, want %d", len(sends), posters*perPoster)
	}
	for i := 1; i < len(sends); i++ {
		if sends[i].CreatedAt < sends[i-1].CreatedAt {
			t.Errorf("send %s at %s was recorded after send %s at %s", sends[i].ID, sends[i].CreatedAt, sends[i-1].ID, sends[i-1].CreatedAt)
		}
	}
}

// stallSequences is how many sequences of 1,000 steps TestLongEngineWorkLetsOthersIn runs;
// issue 15 measured 500, which takes about 20 s of setup and work here.
var stallSequences = flag.Int("stall-sequences", 100, "sequences of 1,000 steps in TestLongEngineWorkLetsOthersIn")

// TestLongEngineWorkLetsOthersIn runs an event that enrols a contact in many sequences of
// 1,000 emails, and a clock advance that brings as many enrolments due, while a reader times
// its requests: none may wait for the whole of the work.
func TestLongEngineWorkLetsOthersIn(t *testing.T) {
	// Not parallel: it bounds how long a read waits for the engine.
	const maxWait = 500 * time.Millisecond
	emails := func(n int) string {
		return strings.TrimSuffix(strings.Repeat(`{"type":"email","templateId":"tmpl_welcome"},`, n), ",")
	}
	tests := []struct {
		name, def string
		work      func(srv *localservertest.Instance)
	}{
		{"an event", `{"steps":[` + emails(1000) + `]}`, func(srv *localservertest.Instance) {
			if enrolled := srv.SendEvent(t, "con_ada", "signed_up"); len(enrolled) != *stallSequences {
				t.Errorf("enrolled in %d sequences, want %d", len(enrolled), *stallSequences)
			}
		}},
		{"a clock advance", `{"steps":[{"type":"delay","duration":"1d"},` + emails(999) + `]}`, func(srv *localservertest.Instance) {
			srv.SendEvent(t, "con_ada", "signed_up")
			srv.AdvanceClock(t, "2d")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := startWithTemplates(t)
			srv.CreateContact(t, "con_ada", "ada@example.com", nil, true)
			for i := range *stallSequences {
				srv.CreateSequence(t, fmt.Sprintf("seq_%04d", i), "Long", tc.def, signedUp)
			}
			done := make(chan time.Duration)
			go func() {
				start := time.Now()
				tc.work(srv)
				done <- time.Since(start)
			}()
			var worst time.Duration
			reads := 0
			for took := time.Duration(0); took == 0; {
				start := time.Now()
				if resp := srv.Do(t, http.MethodGet, "/v1/templates", nil); resp.Status != http.StatusOK {
					t.Fatalf("GET /v1/templates: %d", resp.Status)
				}
				worst, reads = max(worst, time.Since(start)), reads+1
				select {
				case took = <-done:
					t.Logf("%d sequences of 1,000 steps: %s took %v; the longest of %d reads meanwhile %v", *stallSequences, tc.name, took, reads, worst)
				case <-time.After(10 * time.Millisecond):
				}
			}
			if worst > maxWait {
				t.Errorf("a read waited %v for the engine; at most %v is allowed", worst, maxWait)
			}
			for _, id := range []string{"seq_0000", fmt.Sprintf("seq_%04d", *stallSequences-1)} {
				if st := srv.Status(t, id); st.TotalEnrolled != 1 || st.CompletedCount != 1 {
					t.Errorf("%s: %+v, want the contact's one enrolment completed", id, st)
				}
			}
		})
	}
}
