package localserver_test

import (
	"database/sql"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
	"github.com/kraiter/terraform-provider-kraiter/internal/localserver/localservertest"
)

// A database as the release before definition versions wrote it (schema version 1), holding
// a contact halfway through a sequence, opens with its data carried over and the contact
// going on.
func TestMigrationFromSchemaVersion1(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "v1.db")
	schema, err := os.ReadFile(filepath.Join("migrations", "0001_initial.sql"))
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	// The welcome was sent a day ago; a 2-day wait ends tomorrow, and then the tips follow.
	// In that release an enrolment's pc counts operations of the flattened definition: send
	// the welcome (0), wait 2d (1), send the tips (2).
	now := time.Now()
	enrolled, due := now.Add(-day).UnixMilli(), now.Add(day).UnixMilli()
	for _, stmt := range []string{
		string(schema),
		"PRAGMA user_version = 1",
		"INSERT INTO templates VALUES ('tmpl_welcome', 'Welcome', 'Hi', ?1), ('tmpl_tips', 'Tips', 'Tips', ?1)",
		`INSERT INTO contacts VALUES ('con_ada', 'ada@example.com', '{}', 1, ?1)`,
		`INSERT INTO sequences (pk, id, name, definition, status, created_at, updated_at)
		 VALUES (1, 'seq_old', 'Old', '{"steps":[{"type":"email","templateId":"tmpl_welcome"},{"type":"delay","duration":"2d"},{"type":"email","templateId":"tmpl_tips"}]}', 'active', ?1, ?1)`,
		"INSERT INTO sequence_triggers VALUES (1, 0, 'event', 'signed_up', NULL)",
		"INSERT INTO enrolments (sequence_pk, contact_id, status, pc, due_at, enrolled_at) VALUES (1, 'con_ada', 'active', 2, ?2, ?1)",
		"INSERT INTO sends (sequence_pk, contact_id, template_id, status, created_at) VALUES (1, 'con_ada', 'tmpl_welcome', 'sent', ?1)",
	} {
		if _, err := db.Exec(stmt, enrolled, due); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	srv := localservertest.Start(t, localservertest.WithDatabase(path))
	if st := srv.Status(t, "seq_old"); st.ActiveEnrolments != 1 {
		t.Fatalf("status after migrating %+v, want the enrolment still active", st)
	}
	srv.AdvanceClock(t, "1d")
	want := map[string][]string{"con_ada": {"tmpl_welcome +0s", "tmpl_tips +48h0m0s"}}
	if got := sendLog(t, srv, "seq_old"); !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("sends\n got %q\nwant %q", got, want)
	}
	if st := srv.Status(t, "seq_old"); st.CompletedCount != 1 || st.ActiveEnrolments != 0 {
		t.Errorf("status %+v, want the enrolment completed", st)
	}
	// The migrated sequence enrols as any other.
	if got := srv.SendEvent(t, "con_ada", "signed_up"); !slices.Equal(got, []string{"seq_old"}) {
		t.Errorf("signed_up enrolled in %v", got)
	}
	if got := srv.GetSequence(t, "seq_old"); got.Triggers[0] != (localserver.Trigger{Type: "event", EventName: "signed_up"}) {
		t.Errorf("migrated sequence %+v", got)
	}
}
