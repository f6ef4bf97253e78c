package localserver

import (
	"context"
	"database/sql"
	_ "embed" // the migrations are SQL files
	"fmt"
)

// The schema's history, one SQL file a version. A migration that was released never changes:
// a database written by that release holds its result, and later ones start from there. A
// change of schema is a new migration, with the data it must carry over.
var (
	// migration 1 creates the schema. Sequences have an internal key (pk) besides their id,
	// so that a deleted sequence's enrolments and sends stay apart from a new sequence with
	// the same id.
	//go:embed migrations/0001_initial.sql
	migration1 string
	// migration 2 keeps every definition a sequence has had as a version, and pins each
	// enrolment to the version it began under, so that a changed definition never moves a
	// contact partway through it. Each existing sequence gets version 1, its current
	// definition, and its enrolments point at that.
	//go:embed migrations/0002_sequence_versions.sql
	migration2 string
)

// migrations[i] takes a database from schema version i (PRAGMA user_version) to i+1.
var migrations = []string{migration1, migration2}

// migrate applies the migrations the database lacks, from its user_version on, each in one
// transaction together with the user_version it reaches, so that a failure leaves the
// database at the last version it reached whole. Open refuses a database from a newer build.
func migrate(ctx context.Context, db *sql.DB) error {
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("the database has schema version %d, newer than the %d this kraiter knows; use a newer kraiter or another file", version, len(migrations))
	}
	for v := version; v < len(migrations); v++ {
		err := inTx(ctx, db, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1))
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate the schema from version %d to %d: %w", v, v+1, err)
		}
	}
	return nil
}
