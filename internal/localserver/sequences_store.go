package localserver

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// sequenceRecord is a live sequence with its internal key.
type sequenceRecord struct {
	pk int64
	Sequence
}

const sequenceColumns = "pk, id, name, definition, status, created_at, updated_at"

type scanner interface{ Scan(dest ...any) error }

func scanSequence(row scanner) (sequenceRecord, error) {
	var rec sequenceRecord
	var created, updated int64
	if err := row.Scan(&rec.pk, &rec.ID, &rec.Name, &rec.Definition, &rec.Status, &created, &updated); err != nil {
		return rec, err
	}
	rec.CreatedAt = formatTime(fromMillis(created))
	rec.UpdatedAt = formatTime(fromMillis(updated))
	return rec, nil
}

// getSequence reads a live sequence with its triggers, or answers NOT_FOUND.
func getSequence(ctx context.Context, tx *sql.Tx, id string) (sequenceRecord, error) {
	rec, err := scanSequence(tx.QueryRowContext(ctx,
		"SELECT "+sequenceColumns+" FROM sequences WHERE id = ? AND deleted_at IS NULL", id))
	if errors.Is(err, sql.ErrNoRows) {
		return rec, notFound("no sequence with id %q", id)
	}
	if err != nil {
		return rec, fmt.Errorf("get sequence %q: %w", id, err)
	}
	recs := []sequenceRecord{rec}
	if err := loadTriggers(ctx, tx, recs); err != nil {
		return rec, fmt.Errorf("get sequence %q: %w", id, err)
	}
	return recs[0], nil
}

func sequenceExists(ctx context.Context, tx *sql.Tx, id string) (bool, error) {
	var n int
	err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sequences WHERE id = ? AND deleted_at IS NULL", id).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("look up sequence %q: %w", id, err)
	}
	return n > 0, nil
}

// listSequences reads up to limit live sequences with ids after the given one, in id order,
// optionally only those with a status.
func listSequences(ctx context.Context, tx *sql.Tx, after, status string, limit int) ([]sequenceRecord, error) {
	rows, err := tx.QueryContext(ctx,
		"SELECT "+sequenceColumns+" FROM sequences WHERE deleted_at IS NULL AND id > ? AND (? = '' OR status = ?) ORDER BY id LIMIT ?",
		after, status, status, limit)
	if err != nil {
		return nil, fmt.Errorf("list sequences: %w", err)
	}
	var recs []sequenceRecord
	for rows.Next() {
		rec, err := scanSequence(rows)
		if err != nil {
			_ = rows.Close()
			return nil, fmt.Errorf("list sequences: %w", err)
		}
		recs = append(recs, rec)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("list sequences: %w", err)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list sequences: %w", err)
	}
	if err := loadTriggers(ctx, tx, recs); err != nil {
		return nil, fmt.Errorf("list sequences: %w", err)
	}
	return recs, nil
}

// loadTriggers reads the triggers of sequences, a page of them in one query rather than one
// a sequence.
func loadTriggers(ctx context.Context, tx *sql.Tx, recs []sequenceRecord) error {
	if len(recs) == 0 {
		return nil
	}
	byPK := make(map[int64]*sequenceRecord, len(recs))
	args := make([]any, len(recs))
	for i := range recs {
		recs[i].Triggers = []Trigger{}
		byPK[recs[i].pk] = &recs[i]
		args[i] = recs[i].pk
	}
	rows, err := tx.QueryContext(ctx,
		"SELECT sequence_pk, type, coalesce(event_name, ''), coalesce(segment_id, '') FROM sequence_triggers WHERE sequence_pk IN (?"+
			strings.Repeat(", ?", len(recs)-1)+") ORDER BY sequence_pk, position", args...)
	if err != nil {
		return fmt.Errorf("read triggers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var pk int64
		var t Trigger
		if err := rows.Scan(&pk, &t.Type, &t.EventName, &t.SegmentID); err != nil {
			return fmt.Errorf("read triggers: %w", err)
		}
		byPK[pk].Triggers = append(byPK[pk].Triggers, t)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read triggers: %w", err)
	}
	return nil
}

func insertSequence(ctx context.Context, tx *sql.Tx, seq Sequence, now time.Time) (int64, error) {
	res, err := tx.ExecContext(ctx,
		"INSERT INTO sequences (id, name, definition, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
		seq.ID, seq.Name, seq.Definition, seq.Status, toMillis(now), toMillis(now))
	if err != nil {
		return 0, fmt.Errorf("insert sequence %q: %w", seq.ID, err)
	}
	pk, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("insert sequence %q: %w", seq.ID, err)
	}
	if err := addSequenceVersion(ctx, tx, sequenceRecord{pk: pk, Sequence: seq}, now); err != nil {
		return 0, err
	}
	return pk, replaceTriggers(ctx, tx, pk, seq.Triggers)
}

// addSequenceVersion stores rec's definition as the sequence's newest version, the one that
// enrolments from now on run.
func addSequenceVersion(ctx context.Context, tx *sql.Tx, rec sequenceRecord, now time.Time) error {
	_, err := tx.ExecContext(ctx,
		`INSERT INTO sequence_versions (sequence_pk, version, definition, created_at)
		 SELECT ?, coalesce(max(version), 0) + 1, ?, ? FROM sequence_versions WHERE sequence_pk = ?`,
		rec.pk, rec.Definition, toMillis(now), rec.pk)
	if err != nil {
		return fmt.Errorf("store a new definition version of sequence %q: %w", rec.ID, err)
	}
	return nil
}

func replaceTriggers(ctx context.Context, tx *sql.Tx, pk int64, triggers []Trigger) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM sequence_triggers WHERE sequence_pk = ?", pk); err != nil {
		return fmt.Errorf("replace triggers: %w", err)
	}
	for i, t := range triggers {
		_, err := tx.ExecContext(ctx,
			"INSERT INTO sequence_triggers (sequence_pk, position, type, event_name, segment_id) VALUES (?, ?, ?, nullif(?, ''), nullif(?, ''))",
			pk, i, t.Type, t.EventName, t.SegmentID)
		if err != nil {
			return fmt.Errorf("store trigger %d: %w", i, err)
		}
	}
	return nil
}

// updateSequence stores a sequence's name, definition and status as they are in rec; a new
// definition also needs its version (addSequenceVersion).
func updateSequence(ctx context.Context, tx *sql.Tx, rec *sequenceRecord, now time.Time) error {
	_, err := tx.ExecContext(ctx,
		"UPDATE sequences SET name = ?, definition = ?, status = ?, updated_at = ? WHERE pk = ?",
		rec.Name, rec.Definition, rec.Status, toMillis(now), rec.pk)
	if err != nil {
		return fmt.Errorf("update sequence %q: %w", rec.ID, err)
	}
	rec.UpdatedAt = formatTime(now)
	return nil
}

// deleteSequence marks a sequence deleted and cancels its active enrolments.
func deleteSequence(ctx context.Context, tx *sql.Tx, rec sequenceRecord, now time.Time) error {
	if _, err := tx.ExecContext(ctx, "UPDATE sequences SET deleted_at = ? WHERE pk = ?", toMillis(now), rec.pk); err != nil {
		return fmt.Errorf("delete sequence %q: %w", rec.ID, err)
	}
	_, err := tx.ExecContext(ctx,
		"UPDATE enrolments SET status = 'cancelled', ended_at = ? WHERE sequence_pk = ? AND status = 'active'",
		toMillis(now), rec.pk)
	if err != nil {
		return fmt.Errorf("cancel enrolments of sequence %q: %w", rec.ID, err)
	}
	return nil
}

// sequenceStatus counts a sequence's enrolments.
func sequenceStatus(ctx context.Context, tx *sql.Tx, rec sequenceRecord) (SequenceStatus, error) {
	st := SequenceStatus{ID: rec.ID, Status: rec.Status}
	err := tx.QueryRowContext(ctx,
		`SELECT count(*), coalesce(sum(status = 'active'), 0), coalesce(sum(status = 'completed'), 0)
		 FROM enrolments WHERE sequence_pk = ?`, rec.pk).Scan(&st.TotalEnrolled, &st.ActiveEnrolments, &st.CompletedCount)
	if err != nil {
		return st, fmt.Errorf("count enrolments of sequence %q: %w", rec.ID, err)
	}
	return st, nil
}
