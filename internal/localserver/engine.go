package localserver

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// The engine carries enrolments through the program of the definition version they began
// under, against the virtual clock: a definition changed halfway changes nothing for the
// contacts already on their way, since a place in one program means nothing in another. It
// runs lazily, before a request that reads or changes engine state (Server.engineTx), and on
// clock advances: everything due by "now" happens then, at the virtual times it was due, so
// the result is the same as if a scheduler had run in the background.
//
// The database has one connection, so a transaction holds every other request. Long engine
// work (an event that enrols a contact in hundreds of long sequences, a clock advance over
// thousands of due enrolments) is cut into transactions of about engineSlice each, between
// which other requests run. Each slice reads the clock as every transaction does, so sends
// are still recorded in the order of their virtual times.

// engineSlice is how long one transaction of engine work may hold the database.
const engineSlice = 20 * time.Millisecond

// dueBatch is how many due enrolments one transaction reads at most.
const dueBatch = 256

// enrolment is an active enrolment's place in its program.
type enrolment struct {
	pk         int64
	sequencePK int64
	versionPK  int64
	contactID  string
	cursor     definition.Cursor
}

// runner advances enrolments within one transaction at one virtual time, reusing compiled
// programs (by definition version) and loaded contacts.
type runner struct {
	tx       *sql.Tx
	now      time.Time
	programs map[int64]*definition.Program
	contacts map[string]*definition.Contact
}

func newRunner(tx *sql.Tx, now time.Time) *runner {
	return &runner{tx: tx, now: now, programs: map[int64]*definition.Program{}, contacts: map[string]*definition.Contact{}}
}

// processDue advances the active enrolments of active sequences that are due by now, in the
// order they fell due, until the deadline, and reports whether any may be left.
func processDue(ctx context.Context, tx *sql.Tx, now, deadline time.Time) (more bool, err error) {
	rows, err := tx.QueryContext(ctx,
		`SELECT e.pk, e.sequence_pk, e.version_pk, e.contact_id, e.pc, e.due_at
		 FROM enrolments e JOIN sequences s ON s.pk = e.sequence_pk
		 WHERE e.status = 'active' AND e.due_at <= ? AND s.status = 'active' AND s.deleted_at IS NULL
		 ORDER BY e.due_at, e.pk LIMIT ?`, toMillis(now), dueBatch)
	if err != nil {
		return false, fmt.Errorf("find due enrolments: %w", err)
	}
	var due []enrolment
	for rows.Next() {
		var e enrolment
		var at int64
		if err := rows.Scan(&e.pk, &e.sequencePK, &e.versionPK, &e.contactID, &e.cursor.PC, &at); err != nil {
			_ = rows.Close()
			return false, fmt.Errorf("find due enrolments: %w", err)
		}
		e.cursor.At = fromMillis(at)
		due = append(due, e)
	}
	if err := rows.Close(); err != nil {
		return false, fmt.Errorf("find due enrolments: %w", err)
	}
	if err := rows.Err(); err != nil {
		return false, fmt.Errorf("find due enrolments: %w", err)
	}
	r := newRunner(tx, now)
	for i, e := range due {
		if i > 0 && time.Now().After(deadline) {
			return true, nil
		}
		if err := r.advance(ctx, e); err != nil {
			return false, err
		}
	}
	return len(due) == dueBatch, nil
}

// enrol starts a contact on a version of a sequence's definition, the newest, and runs what
// is due at once. It reports false when the contact already has an active enrolment in the
// sequence.
func (r *runner) enrol(ctx context.Context, sequencePK, versionPK int64, contactID string) (bool, error) {
	res, err := r.tx.ExecContext(ctx,
		`INSERT INTO enrolments (sequence_pk, version_pk, contact_id, status, pc, due_at, enrolled_at)
		 VALUES (?, ?, ?, 'active', 0, ?, ?) ON CONFLICT DO NOTHING`,
		sequencePK, versionPK, contactID, toMillis(r.now), toMillis(r.now))
	if err != nil {
		return false, fmt.Errorf("enrol contact %q: %w", contactID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("enrol contact %q: %w", contactID, err)
	}
	if n == 0 {
		return false, nil
	}
	pk, err := res.LastInsertId()
	if err != nil {
		return false, fmt.Errorf("enrol contact %q: %w", contactID, err)
	}
	return true, r.advance(ctx, enrolment{pk: pk, sequencePK: sequencePK, versionPK: versionPK, contactID: contactID, cursor: definition.Cursor{At: r.now}})
}

// advance runs one enrolment up to now: every step that would send (Visit.WouldSend) becomes
// a send at the virtual time it was due, and the enrolment completes once past its last step,
// a trailing delay included.
func (r *runner) advance(ctx context.Context, e enrolment) error {
	prog, err := r.program(ctx, e.versionPK)
	if err != nil {
		return err
	}
	contact, err := r.contact(ctx, e.contactID)
	if err != nil {
		return err
	}
	var sends []definition.Visit
	cursor := prog.Run(e.cursor, r.now, contact, func(v definition.Visit) {
		if v.WouldSend != nil && *v.WouldSend {
			sends = append(sends, v)
		}
	})
	for _, v := range sends {
		_, err := r.tx.ExecContext(ctx,
			"INSERT INTO sends (sequence_pk, contact_id, template_id, status, created_at) VALUES (?, ?, ?, 'sent', ?)",
			e.sequencePK, e.contactID, v.TemplateID, toMillis(v.At))
		if err != nil {
			return fmt.Errorf("record send of %q to contact %q: %w", v.TemplateID, e.contactID, err)
		}
	}
	if prog.Done(cursor) && !cursor.At.After(r.now) {
		_, err = r.tx.ExecContext(ctx,
			"UPDATE enrolments SET status = 'completed', pc = ?, due_at = ?, ended_at = ? WHERE pk = ?",
			cursor.PC, toMillis(cursor.At), toMillis(cursor.At), e.pk)
	} else {
		_, err = r.tx.ExecContext(ctx, "UPDATE enrolments SET pc = ?, due_at = ? WHERE pk = ?",
			cursor.PC, toMillis(cursor.At), e.pk)
	}
	if err != nil {
		return fmt.Errorf("store enrolment of contact %q: %w", e.contactID, err)
	}
	return nil
}

// program compiles a definition version, once per runner.
func (r *runner) program(ctx context.Context, versionPK int64) (*definition.Program, error) {
	if p, ok := r.programs[versionPK]; ok {
		return p, nil
	}
	var text string
	if err := r.tx.QueryRowContext(ctx, "SELECT definition FROM sequence_versions WHERE pk = ?", versionPK).Scan(&text); err != nil {
		return nil, fmt.Errorf("read definition version #%d: %w", versionPK, err)
	}
	def, err := definition.ParseString(text)
	if err != nil {
		return nil, fmt.Errorf("stored definition version #%d: %w", versionPK, err)
	}
	p := definition.Compile(def)
	r.programs[versionPK] = p
	return p, nil
}

func (r *runner) contact(ctx context.Context, id string) (*definition.Contact, error) {
	if c, ok := r.contacts[id]; ok {
		return c, nil
	}
	c, err := interpreterContact(ctx, r.tx, id)
	if err != nil {
		return nil, err
	}
	r.contacts[id] = c
	return c, nil
}

// resumeEnrolments lets a sequence that becomes active again go on from now: steps that fell
// due while it was paused or a draft happen now rather than in the past.
func resumeEnrolments(ctx context.Context, tx *sql.Tx, sequencePK int64, now time.Time) error {
	_, err := tx.ExecContext(ctx,
		"UPDATE enrolments SET due_at = max(due_at, ?) WHERE sequence_pk = ? AND status = 'active'",
		toMillis(now), sequencePK)
	if err != nil {
		return fmt.Errorf("resume enrolments: %w", err)
	}
	return nil
}

// enrolOnEvent enrols a contact in the active sequences with a trigger on the event whose ids
// sort after the id after, in order of id, until the deadline. It returns the ids of the
// sequences the contact newly entered, and the last id it went through when it stopped at
// the deadline ("" when it went through them all).
func enrolOnEvent(ctx context.Context, tx *sql.Tx, now time.Time, contactID, eventName, after string, deadline time.Time) (enrolled []string, stopped string, err error) {
	rows, err := tx.QueryContext(ctx,
		`SELECT DISTINCT s.pk, s.id,
		   (SELECT v.pk FROM sequence_versions v WHERE v.sequence_pk = s.pk ORDER BY v.version DESC LIMIT 1)
		 FROM sequences s JOIN sequence_triggers t ON t.sequence_pk = s.pk
		 WHERE t.type = 'event' AND t.event_name = ? AND s.status = 'active' AND s.deleted_at IS NULL AND s.id > ?
		 ORDER BY s.id`, eventName, after)
	if err != nil {
		return nil, "", fmt.Errorf("find sequences triggered by %q: %w", eventName, err)
	}
	type target struct {
		pk int64
		id string
		// versionPK is the newest version of the sequence's definition, which enrolments start on.
		versionPK int64
	}
	var targets []target
	for rows.Next() {
		var t target
		if err := rows.Scan(&t.pk, &t.id, &t.versionPK); err != nil {
			_ = rows.Close()
			return nil, "", fmt.Errorf("find sequences triggered by %q: %w", eventName, err)
		}
		targets = append(targets, t)
	}
	if err := rows.Close(); err != nil {
		return nil, "", fmt.Errorf("find sequences triggered by %q: %w", eventName, err)
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("find sequences triggered by %q: %w", eventName, err)
	}
	r := newRunner(tx, now)
	enrolled = []string{}
	for i, t := range targets {
		if i > 0 && time.Now().After(deadline) {
			return enrolled, targets[i-1].id, nil
		}
		ok, err := r.enrol(ctx, t.pk, t.versionPK, contactID)
		if err != nil {
			return nil, "", fmt.Errorf("enrol in sequence %q: %w", t.id, err)
		}
		if ok {
			enrolled = append(enrolled, t.id)
		}
	}
	return enrolled, "", nil
}
