package localserver

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

const contactColumns = "id, email, attributes, subscribed, created_at"

func scanContact(row scanner) (Contact, error) {
	var c Contact
	var attrs string
	var created int64
	if err := row.Scan(&c.ID, &c.Email, &attrs, &c.Subscribed, &created); err != nil {
		return c, err
	}
	c.Attributes = json.RawMessage(attrs)
	c.CreatedAt = formatTime(fromMillis(created))
	return c, nil
}

// getContact reads a contact, or answers NOT_FOUND.
func getContact(ctx context.Context, tx *sql.Tx, id string) (Contact, error) {
	c, err := scanContact(tx.QueryRowContext(ctx, "SELECT "+contactColumns+" FROM contacts WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, notFound("no contact with id %q", id)
	}
	if err != nil {
		return c, fmt.Errorf("get contact %q: %w", id, err)
	}
	return c, nil
}

func contactExists(ctx context.Context, tx *sql.Tx, id string) (bool, error) {
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM contacts WHERE id = ?", id).Scan(&n); err != nil {
		return false, fmt.Errorf("look up contact %q: %w", id, err)
	}
	return n > 0, nil
}

func insertContact(ctx context.Context, tx *sql.Tx, c Contact, now time.Time) error {
	_, err := tx.ExecContext(ctx,
		"INSERT INTO contacts (id, email, attributes, subscribed, created_at) VALUES (?, ?, ?, ?, ?)",
		c.ID, c.Email, string(c.Attributes), c.Subscribed, toMillis(now))
	if err != nil {
		return fmt.Errorf("insert contact %q: %w", c.ID, err)
	}
	return nil
}

// upsertContact creates a contact or replaces its email, attributes and subscription.
func upsertContact(ctx context.Context, tx *sql.Tx, c Contact, now time.Time) error {
	_, err := tx.ExecContext(ctx,
		`INSERT INTO contacts (id, email, attributes, subscribed, created_at) VALUES (?, ?, ?, ?, ?)
		 ON CONFLICT (id) DO UPDATE SET email = excluded.email, attributes = excluded.attributes, subscribed = excluded.subscribed`,
		c.ID, c.Email, string(c.Attributes), c.Subscribed, toMillis(now))
	if err != nil {
		return fmt.Errorf("store contact %q: %w", c.ID, err)
	}
	return nil
}

func updateContact(ctx context.Context, tx *sql.Tx, c Contact) error {
	_, err := tx.ExecContext(ctx, "UPDATE contacts SET email = ?, attributes = ?, subscribed = ? WHERE id = ?",
		c.Email, string(c.Attributes), c.Subscribed, c.ID)
	if err != nil {
		return fmt.Errorf("update contact %q: %w", c.ID, err)
	}
	return nil
}

func recordEvent(ctx context.Context, tx *sql.Tx, contactID, name string, at time.Time) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO contact_events (contact_id, name, at) VALUES (?, ?, ?)",
		contactID, name, toMillis(at))
	if err != nil {
		return fmt.Errorf("record event %q of contact %q: %w", name, contactID, err)
	}
	return nil
}

// interpreterContact loads what conditions look at: attributes, subscription, event history.
func interpreterContact(ctx context.Context, tx *sql.Tx, id string) (*definition.Contact, error) {
	c, err := getContact(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	ic := &definition.Contact{Subscribed: c.Subscribed}
	dec := json.NewDecoder(bytes.NewReader(c.Attributes))
	dec.UseNumber()
	if err := dec.Decode(&ic.Attributes); err != nil {
		return nil, fmt.Errorf("decode attributes of contact %q: %w", id, err)
	}
	rows, err := tx.QueryContext(ctx, "SELECT name, at FROM contact_events WHERE contact_id = ? ORDER BY at, pk", id)
	if err != nil {
		return nil, fmt.Errorf("read events of contact %q: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var e definition.Event
		var at int64
		if err := rows.Scan(&e.Name, &at); err != nil {
			return nil, fmt.Errorf("read events of contact %q: %w", id, err)
		}
		e.At = fromMillis(at)
		ic.Events = append(ic.Events, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read events of contact %q: %w", id, err)
	}
	return ic, nil
}

// enrolledContacts pages the contacts with an active enrolment in a sequence, by contact id.
// The range and the order are on the enrolment's contact_id, so that enrolments_by_sequence
// serves each page in order from where the last one ended: ordered by c.id, SQLite sorted
// every remaining enrolment for every page, and listing grew with the square of the contacts.
func enrolledContacts(ctx context.Context, tx *sql.Tx, sequencePK int64, after string, limit int) ([]Contact, error) {
	rows, err := tx.QueryContext(ctx,
		`SELECT c.id, c.email, c.attributes, c.subscribed, c.created_at
		 FROM enrolments e JOIN contacts c ON c.id = e.contact_id
		 WHERE e.sequence_pk = ? AND e.status = 'active' AND e.contact_id > ?
		 ORDER BY e.contact_id LIMIT ?`, sequencePK, after, limit)
	if err != nil {
		return nil, fmt.Errorf("list enrolled contacts: %w", err)
	}
	defer rows.Close()
	list := []Contact{}
	for rows.Next() {
		c, err := scanContact(rows)
		if err != nil {
			return nil, fmt.Errorf("list enrolled contacts: %w", err)
		}
		list = append(list, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list enrolled contacts: %w", err)
	}
	return list, nil
}
