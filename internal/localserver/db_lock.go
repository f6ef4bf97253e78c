package localserver

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// DatabaseInUseError is Open's error when another server holds the database file.
type DatabaseInUseError struct {
	Path string
}

func (e *DatabaseInUseError) Error() string {
	return fmt.Sprintf("the database %s is in use by another kraiter serve (pid unknown); stop it or use another --db", e.Path)
}

// lockDB takes the database file for this server alone. In locking mode EXCLUSIVE (set on the
// connection by openDB) SQLite keeps the lock of a write transaction until the connection
// closes, on every OS, and the operating system drops it when the process dies, however it
// dies. A second server on the same file would otherwise start, then fail its requests with
// "database is locked".
func lockDB(ctx context.Context, db *sql.DB, path string) error {
	_, err := db.ExecContext(ctx, "BEGIN EXCLUSIVE; COMMIT")
	var sqliteErr *sqlite.Error
	if errors.As(err, &sqliteErr) && sqliteErr.Code()&0xff == sqlite3.SQLITE_BUSY {
		return &DatabaseInUseError{Path: path}
	}
	if err != nil {
		return fmt.Errorf("lock database %q: %w", path, err)
	}
	return nil
}
