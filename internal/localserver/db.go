package localserver

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// schemaVersion is stored in PRAGMA user_version; Open refuses a database from a newer build.
const schemaVersion = 1

// schema creates version 1. Sequences have an internal key (pk) besides their id, so that a
// deleted sequence's enrolments and sends stay apart from a new sequence with the same id.
const schema = `
CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value INTEGER NOT NULL
);
CREATE TABLE templates (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL,
	subject    TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE TABLE contacts (
	id         TEXT PRIMARY KEY,
	email      TEXT NOT NULL,
	attributes TEXT NOT NULL,
	subscribed INTEGER NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE TABLE contact_events (
	pk         INTEGER PRIMARY KEY,
	contact_id TEXT NOT NULL REFERENCES contacts(id),
	name       TEXT NOT NULL,
	at         INTEGER NOT NULL
);
CREATE INDEX contact_events_by_contact ON contact_events(contact_id, at);
CREATE TABLE sequences (
	pk         INTEGER PRIMARY KEY,
	id         TEXT NOT NULL,
	name       TEXT NOT NULL,
	definition TEXT NOT NULL,
	status     TEXT NOT NULL CHECK (status IN ('draft', 'active', 'paused')),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	deleted_at INTEGER
);
CREATE UNIQUE INDEX sequences_live_id ON sequences(id) WHERE deleted_at IS NULL;
CREATE TABLE sequence_triggers (
	sequence_pk INTEGER NOT NULL REFERENCES sequences(pk),
	position    INTEGER NOT NULL,
	type        TEXT NOT NULL CHECK (type IN ('event', 'segment')),
	event_name  TEXT,
	segment_id  TEXT,
	PRIMARY KEY (sequence_pk, position)
);
CREATE INDEX sequence_triggers_by_event ON sequence_triggers(event_name) WHERE type = 'event';
CREATE TABLE enrolments (
	pk          INTEGER PRIMARY KEY,
	sequence_pk INTEGER NOT NULL REFERENCES sequences(pk),
	contact_id  TEXT NOT NULL REFERENCES contacts(id),
	status      TEXT NOT NULL CHECK (status IN ('active', 'completed', 'cancelled')),
	pc          INTEGER NOT NULL,
	due_at      INTEGER NOT NULL,
	enrolled_at INTEGER NOT NULL,
	ended_at    INTEGER
);
CREATE UNIQUE INDEX enrolments_one_active ON enrolments(sequence_pk, contact_id) WHERE status = 'active';
CREATE INDEX enrolments_due ON enrolments(due_at) WHERE status = 'active';
CREATE INDEX enrolments_by_sequence ON enrolments(sequence_pk, status, contact_id);
CREATE TABLE sends (
	pk          INTEGER PRIMARY KEY,
	sequence_pk INTEGER NOT NULL REFERENCES sequences(pk),
	contact_id  TEXT NOT NULL REFERENCES contacts(id),
	template_id TEXT NOT NULL,
	status      TEXT NOT NULL,
	created_at  INTEGER NOT NULL
);
CREATE INDEX sends_by_sequence ON sends(sequence_pk, pk);
`

// openDB opens (creating if needed) the database and brings its schema up to date.
//
// The pool holds one connection: every request runs in one transaction on it, so writers
// never meet SQLITE_BUSY, and an in-memory database lives as long as that connection.
// WAL with synchronous=NORMAL keeps every committed transaction across a crash of this
// process; only a crash of the machine itself may lose the last ones.
func openDB(ctx context.Context, path string) (*sql.DB, error) {
	if path == "" {
		return nil, fmt.Errorf("no database path; give a file path, or \":memory:\" to keep nothing")
	}
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("database path %q contains \"?\" or \"#\"; choose a path without them", path)
	}
	dsn := path + "?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database %q: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	if err := migrate(ctx, db); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open database %q: %w", path, err)
	}
	return db, nil
}

func migrate(ctx context.Context, db *sql.DB) error {
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	switch {
	case version == schemaVersion:
		return nil
	case version > schemaVersion:
		return fmt.Errorf("the database has schema version %d, newer than the %d this kraiter knows; use a newer kraiter or another file", version, schemaVersion)
	}
	return inTx(ctx, db, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, schema); err != nil {
			return fmt.Errorf("create schema: %w", err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", schemaVersion)); err != nil {
			return fmt.Errorf("set schema version: %w", err)
		}
		return nil
	})
}

// inTx runs fn in a transaction, committing when it returns nil.
func inTx(ctx context.Context, db *sql.DB, fn func(tx *sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
