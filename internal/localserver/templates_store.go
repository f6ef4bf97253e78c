package localserver

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

const templateColumns = "id, name, subject, created_at"

func scanTemplate(row scanner) (Template, error) {
	var t Template
	var created int64
	if err := row.Scan(&t.ID, &t.Name, &t.Subject, &created); err != nil {
		return t, err
	}
	t.CreatedAt = formatTime(fromMillis(created))
	return t, nil
}

func getTemplate(ctx context.Context, tx *sql.Tx, id string) (Template, error) {
	t, err := scanTemplate(tx.QueryRowContext(ctx, "SELECT "+templateColumns+" FROM templates WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, notFound("no template with id %q", id)
	}
	if err != nil {
		return t, fmt.Errorf("get template %q: %w", id, err)
	}
	return t, nil
}

// listTemplates reads up to limit templates with ids after the given one, in id order.
func listTemplates(ctx context.Context, tx *sql.Tx, after string, limit int) ([]Template, error) {
	rows, err := tx.QueryContext(ctx, "SELECT "+templateColumns+" FROM templates WHERE id > ? ORDER BY id LIMIT ?", after, limit)
	if err != nil {
		return nil, fmt.Errorf("list templates: %w", err)
	}
	defer rows.Close()
	var ts []Template
	for rows.Next() {
		t, err := scanTemplate(rows)
		if err != nil {
			return nil, fmt.Errorf("list templates: %w", err)
		}
		ts = append(ts, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list templates: %w", err)
	}
	return ts, nil
}

func templateExists(ctx context.Context, tx *sql.Tx, id string) (bool, error) {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM templates WHERE id = ?", id).Scan(&n); err != nil {
		return false, fmt.Errorf("look up template %q: %w", id, err)
	}
	return n > 0, nil
}

func templateIDs(ctx context.Context, tx *sql.Tx) ([]string, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id FROM templates ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("list templates: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("list templates: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list templates: %w", err)
	}
	return ids, nil
}

func insertTemplate(ctx context.Context, tx *sql.Tx, t Template, now time.Time) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO templates (id, name, subject, created_at) VALUES (?, ?, ?, ?)",
		t.ID, t.Name, t.Subject, toMillis(now))
	if err != nil {
		return fmt.Errorf("insert template %q: %w", t.ID, err)
	}
	return nil
}

// upsertTemplate creates a template or replaces its name and subject.
func upsertTemplate(ctx context.Context, tx *sql.Tx, t Template, now time.Time) error {
	_, err := tx.ExecContext(ctx,
		`INSERT INTO templates (id, name, subject, created_at) VALUES (?, ?, ?, ?)
		 ON CONFLICT (id) DO UPDATE SET name = excluded.name, subject = excluded.subject`,
		t.ID, t.Name, t.Subject, toMillis(now))
	if err != nil {
		return fmt.Errorf("store template %q: %w", t.ID, err)
	}
	return nil
}
