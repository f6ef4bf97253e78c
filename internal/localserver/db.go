package localserver

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// openDB opens (creating if needed) the database, takes it for this server alone and brings
// its schema up to date.
//
// The pool holds one connection: every request runs in one transaction on it, so writers
// never meet SQLITE_BUSY, and an in-memory database lives as long as that connection. That
// connection keeps the file locked until it closes (see lockDB), so busy_timeout only bounds
// how long Open waits for a server that is just letting go of the file.
// WAL with synchronous=NORMAL keeps every committed transaction across a crash of this
// process; only a crash of the machine itself may lose the last ones.
func openDB(ctx context.Context, path string) (*sql.DB, error) {
	if path == "" {
		return nil, fmt.Errorf("no database path; give a file path, or \":memory:\" to keep nothing")
	}
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("database path %q contains \"?\" or \"#\"; choose a path without them", path)
	}
	dsn := path + "?_pragma=locking_mode(EXCLUSIVE)&_pragma=busy_timeout(250)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database %q: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	if err := lockDB(ctx, db, path); err != nil {
		_ = db.Close()
		return nil, err
	}
	if err := migrate(ctx, db); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open database %q: %w", path, err)
	}
	return db, nil
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
