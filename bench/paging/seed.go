package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/kraiter/terraform-provider-kraiter/bench/harness"
)

// sampleContact is the contact enrolled through the API, whose rows the bulk copies.
const sampleContact = "con_sample"

// sequenceID is the sequence whose enrolled contacts number n.
func sequenceID(n int) string { return fmt.Sprintf("seq_paging_%d", n) }

// enrolSample creates a sequence per size and enrols one contact in all of them through the
// API: the rows the engine writes are then the model of the bulk ones. The definition waits
// a year first, so the enrolments stay active while the benchmark reads them.
func enrolSample(ctx context.Context, s *harness.Server, sizes []int) error {
	if err := s.CreateTemplates(ctx, []string{"tmpl_paging"}); err != nil {
		return err
	}
	for _, n := range sizes {
		body := map[string]any{
			"id": sequenceID(n), "name": fmt.Sprintf("Paging %d", n),
			"definition": `{"steps":[{"type":"delay","duration":"365d"},{"type":"email","templateId":"tmpl_paging"}]}`,
			"triggers":   []any{map[string]string{"type": "event", "eventName": "paging_started"}},
		}
		if err := s.Call(ctx, http.MethodPost, "/v1/sequences", body, http.StatusCreated, nil); err != nil {
			return err
		}
	}
	contact := map[string]any{"id": sampleContact, "email": "sample@example.com", "attributes": map[string]any{"plan": "pro", "seats": 3}}
	if err := s.Call(ctx, http.MethodPost, "/v1/contacts", contact, http.StatusCreated, nil); err != nil {
		return err
	}
	return s.Call(ctx, http.MethodPost, "/v1/events", map[string]string{"contactId": sampleContact, "eventName": "paging_started"}, http.StatusOK, nil)
}

// bulkEnrol copies the sample contact into the largest size's number of contacts, and its
// enrolment in each size's sequence to the first n of them, straight into the database of a
// stopped server: a hundred thousand events through the API would take minutes.
func bulkEnrol(ctx context.Context, dbPath string, sizes []int) error {
	db, err := sql.Open("sqlite", dbPath)
	if err != nil {
		return fmt.Errorf("open %s: %w", dbPath, err)
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("bulk enrol: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	largest := sizes[len(sizes)-1]
	_, err = tx.ExecContext(ctx, `
		WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
		INSERT INTO contacts (id, email, attributes, subscribed, created_at)
		SELECT printf('con_%07d', i), printf('c%07d@example.com', i), c.attributes, c.subscribed, c.created_at
		FROM n, contacts c WHERE c.id = ?`, largest, sampleContact)
	if err != nil {
		return fmt.Errorf("bulk-create %d contacts: %w", largest, err)
	}
	for _, size := range sizes {
		res, err := tx.ExecContext(ctx, `
			INSERT INTO enrolments (sequence_pk, version_pk, contact_id, status, pc, due_at, enrolled_at)
			SELECT e.sequence_pk, e.version_pk, c.id, e.status, e.pc, e.due_at, e.enrolled_at
			FROM enrolments e JOIN sequences s ON s.pk = e.sequence_pk, contacts c
			WHERE s.id = ? AND s.deleted_at IS NULL AND e.contact_id = ? AND e.status = 'active'
			  AND c.id GLOB 'con_[0-9]*' AND c.id < printf('con_%07d', ?)`, sequenceID(size), sampleContact, size)
		if err != nil {
			return fmt.Errorf("bulk-enrol %d contacts: %w", size, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("bulk-enrol %d contacts: %w", size, err)
		}
		if n != int64(size) {
			return fmt.Errorf("bulk-enrol %d contacts: enrolled %d; the sample contact's enrolment is missing or no longer active", size, n)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("bulk enrol: %w", err)
	}
	return nil
}
