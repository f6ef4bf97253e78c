package localserver_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

func TestPersistenceAcrossRestart(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	srv.CreateSequence(t, "seq_drip", "Drip", dripDef, signedUp)
	srv.CreateContact(t, "con_ada", "ada@example.com", map[string]any{"plan": "pro"}, true)
	srv.SendEvent(t, "con_ada", "signed_up")
	srv.AdvanceClock(t, "1d")
	seq := srv.GetSequence(t, "seq_drip")
	clock := srv.Now(t)

	srv.Restart(t)

	if got := srv.GetSequence(t, "seq_drip"); !sameSequence(got, seq) {
		t.Errorf("after restart %+v, want %+v", got, seq)
	}
	if now := srv.Now(t); now.Sub(clock) < 0 || now.Sub(clock) > time.Minute {
		t.Errorf("virtual clock after restart %s, want about %s (the advance kept)", now, clock)
	}
	if st := srv.Status(t, "seq_drip"); st.ActiveEnrolments != 1 {
		t.Errorf("enrolment lost: %+v", st)
	}
	srv.AdvanceClock(t, "2d")
	if sends := srv.Sends(t, "seq_drip"); len(sends) != 3 {
		t.Errorf("after restart the enrolment did not go on: %d sends, want 3", len(sends))
	}
}

func TestOpenCloseOpen(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kraiter.db")
	cfg := localserver.Config{DBPath: path, APIKey: "k"}

	first, err := localserver.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(first.Handler())
	body := `{"id":"tmpl_a","name":"A","subject":"Hello"}`
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/v1/templates", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer k")
	req.Header.Set("Content-Type", "application/json")
	resp, err := ts.Client().Do(req)
	if err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("create template: %v %v", resp, err)
	}
	resp.Body.Close()
	ts.Close()
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	if err := first.Close(); err != nil {
		t.Errorf("a second Close: %v", err)
	}

	second, err := localserver.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	rec := httptest.NewRecorder()
	req = httptest.NewRequest(http.MethodGet, "/v1/templates/tmpl_a", nil)
	req.Header.Set("Authorization", "Bearer k")
	second.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"subject":"Hello"`) {
		t.Errorf("after reopening: %d %s", rec.Code, rec.Body)
	}
}

// A second server on a database file refuses to start, at once, while the first goes on.
func TestOneServerPerDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cfg := localserver.Config{DBPath: filepath.Join(t.TempDir(), "kraiter.db"), APIKey: "k"}
	first, err := localserver.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()

	start := time.Now()
	second, err := localserver.Open(ctx, cfg)
	var inUse *localserver.DatabaseInUseError
	if !errors.As(err, &inUse) {
		if second != nil {
			second.Close()
		}
		t.Fatalf("a second Open on the same file: %v, want a DatabaseInUseError", err)
	}
	want := "the database " + cfg.DBPath + " is in use by another kraiter serve (pid unknown); stop it or use another --db"
	if err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("the refusal took %s", took)
	}

	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/v1/templates", strings.NewReader(`{"id":"tmpl_a","name":"A","subject":"S"}`))
	req.Header.Set("Authorization", "Bearer k")
	req.Header.Set("Content-Type", "application/json")
	first.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusCreated {
		t.Errorf("the first server after the refusal: %d %s", rec.Code, rec.Body)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	third, err := localserver.Open(ctx, cfg)
	if err != nil {
		t.Fatalf("Open once the first server closed: %v", err)
	}
	third.Close()
}

func TestMemoryDatabaseKeepsNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	cfg := localserver.Config{DBPath: ":memory:", APIKey: "k"}
	for range 2 {
		srv, err := localserver.Open(ctx, cfg)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []int{http.StatusCreated, http.StatusConflict} {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodPost, "/v1/templates", strings.NewReader(`{"id":"tmpl_a","name":"A","subject":"S"}`))
			req.Header.Set("Authorization", "Bearer k")
			req.Header.Set("Content-Type", "application/json")
			srv.Handler().ServeHTTP(rec, req)
			if rec.Code != want {
				t.Errorf("create: %d, want %d: %s", rec.Code, want, rec.Body)
			}
		}
		if err := srv.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenErrors(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	newer := filepath.Join(dir, "newer.db")
	db, err := sql.Open("sqlite", newer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	tests := []struct {
		name string
		cfg  localserver.Config
		want string
	}{
		{"no key", localserver.Config{DBPath: ":memory:"}, "no API key"},
		{"no path", localserver.Config{APIKey: "k"}, "no database path"},
		{"query in path", localserver.Config{DBPath: filepath.Join(dir, "a?b.db"), APIKey: "k"}, `contains "?"`},
		{"newer schema", localserver.Config{DBPath: newer, APIKey: "k"}, "schema version 99"},
		{"missing directory", localserver.Config{DBPath: filepath.Join(dir, "no", "such", "dir.db"), APIKey: "k"}, "dir.db"},
		{"bad seed", localserver.Config{DBPath: ":memory:", APIKey: "k", Seed: &localserver.Seed{
			Templates: []localserver.SeedTemplate{{ID: "tmpl ok?", Name: "A", Subject: "S"}},
			Contacts:  []localserver.SeedContact{{ID: "con_a", Email: "not-an-email"}},
		}}, `templates[0].id: "tmpl ok?" is not a valid id`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv, err := localserver.Open(ctx, tc.cfg)
			if err == nil {
				srv.Close()
				t.Fatal("Open succeeded")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to mention %q", err, tc.want)
			}
		})
	}
}

// The seed is applied at every Open, updating what it names and leaving the rest.
func TestSeedIsIdempotent(t *testing.T) {
	t.Parallel()
	seedFile := filepath.Join(t.TempDir(), "seed.json")
	writeFile(t, seedFile, `{
	  "templates": [{"id": "tmpl_welcome", "name": "Welcome", "subject": "Hi"}],
	  "contacts": [{"id": "con_ada", "email": "ada@example.com", "attributes": {"plan": "pro", "seats": 3}},
	               {"id": "con_bob", "email": "bob@example.com", "subscribed": false}]
	}`)
	seed, err := localserver.LoadSeed(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	if !seed.Contacts[0].Subscribed || seed.Contacts[1].Subscribed {
		t.Errorf("subscribed defaults: %+v", seed.Contacts)
	}
	srv := localservertest.Start(t, localservertest.WithSeed(seed))
	srv.CreateSequence(t, "seq_a", "A", welcomeDef)
	resp := srv.Do(t, http.MethodGet, "/v1/contacts/con_ada", nil)
	if resp.Status != http.StatusOK || !strings.Contains(string(resp.Body), `"attributes":{"plan":"pro","seats":3}`) {
		t.Errorf("seeded contact: %d %s", resp.Status, resp.Body)
	}
	srv.UpdateContact(t, "con_bob", map[string]any{"subscribed": true})
	seed.Templates[0].Subject = "Hello again"
	srv.Restart(t)

	if resp := srv.Do(t, http.MethodGet, "/v1/templates/tmpl_welcome", nil); !strings.Contains(string(resp.Body), `"subject":"Hello again"`) {
		t.Errorf("template not updated by the seed: %s", resp.Body)
	}
	if resp := srv.Do(t, http.MethodGet, "/v1/contacts/con_bob", nil); !strings.Contains(string(resp.Body), `"subscribed":false`) {
		t.Errorf("contact not reset by the seed: %s", resp.Body)
	}
	srv.GetSequence(t, "seq_a")
}

func TestLoadSeedErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tests := []struct{ name, content, want string }{
		{"unknown field", `{"templates": [{"id": "t", "name": "n", "subject": "s", "body": "x"}]}`, `unknown field "body"`},
		{"unknown contact field", `{"contacts": [{"id": "c", "email": "c@example.com", "plan": "pro"}]}`, `unknown field "plan"`},
		{"not JSON", `{"templates": `, "unexpected EOF"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".json")
			writeFile(t, path, tc.content)
			if _, err := localserver.LoadSeed(path); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("LoadSeed error %v, want %q", err, tc.want)
			}
		})
	}
	if _, err := localserver.LoadSeed(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("LoadSeed of a missing file succeeded")
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// Concurrent writers and readers all succeed: one connection serializes them, so none
// meets SQLITE_BUSY.
func TestConcurrentRequests(t *testing.T) {
	t.Parallel()
	srv := startWithTemplates(t)
	srv.CreateContact(t, "con_a", "a@example.com", nil, true)
	const n = 24
	statuses := make(chan string, 2*n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := fmt.Sprintf(`{"id":"seq_%02d","name":"S","definition":%q,"triggers":[{"type":"event","eventName":"go_%02d"}]}`, i, welcomeDef, i)
			for _, r := range []struct{ method, path, body string }{
				{http.MethodPost, "/v1/sequences", body},
				{http.MethodPost, "/v1/events", fmt.Sprintf(`{"contactId":"con_a","eventName":"go_%02d"}`, i)},
			} {
				req, _ := http.NewRequest(r.method, srv.URL+r.path, strings.NewReader(r.body))
				req.Header.Set("Authorization", "Bearer "+srv.APIKey)
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					statuses <- err.Error()
					continue
				}
				resp.Body.Close()
				statuses <- fmt.Sprint(r.path, " ", resp.StatusCode)
			}
		}()
	}
	wg.Wait()
	close(statuses)
	for s := range statuses {
		if s != "/v1/sequences 201" && s != "/v1/events 200" {
			t.Errorf("concurrent request: %s", s)
		}
	}
	var total int64
	for i := range n {
		st := srv.Status(t, fmt.Sprintf("seq_%02d", i))
		total += st.TotalEnrolled
		if st.TotalEnrolled != 1 || st.CompletedCount != 1 {
			t.Errorf("seq_%02d: %+v, want one enrolment, completed", i, st)
		}
	}
	if total != n {
		t.Errorf("%d enrolments, want %d", total, n)
	}
}
