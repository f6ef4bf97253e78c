package localserver

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

// maxClockOffset bounds how far the virtual clock may run ahead of wall time, far beyond
// any test yet well inside what Unix milliseconds hold.
const maxClockOffset = 100 * 365 * 24 * time.Hour

const clockOffsetKey = "clock_offset_ms"

// virtualClock is wall time plus an offset that /_local/clock/advance grows. The offset is
// stored in the database so that a restarted server goes on from the same virtual time.
type virtualClock struct {
	advancing sync.Mutex // held through a whole advance
	mu        sync.Mutex // guards offset
	offset    time.Duration
	wall      func() time.Time
}

func loadClock(ctx context.Context, db *sql.DB) (*virtualClock, error) {
	var ms int64
	err := db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", clockOffsetKey).Scan(&ms)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read the virtual clock: %w", err)
	}
	return &virtualClock{offset: time.Duration(ms) * time.Millisecond, wall: time.Now}, nil
}

// now is the current virtual time, to the millisecond that storage keeps.
func (c *virtualClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.at(c.offset)
}

func (c *virtualClock) at(offset time.Duration) time.Time {
	return c.wall().Add(offset).UTC().Truncate(time.Millisecond)
}

// advance moves the clock forward by d: in one transaction it stores the new offset and
// runs then at the new virtual time, and only once that committed do readers see the new
// time. Advances are serialized so that none is lost.
func (c *virtualClock) advance(ctx context.Context, db *sql.DB, d time.Duration, then func(tx *sql.Tx, now time.Time) error) (time.Time, error) {
	c.advancing.Lock()
	defer c.advancing.Unlock()
	c.mu.Lock()
	offset := c.offset + d
	c.mu.Unlock()
	if offset > maxClockOffset {
		return time.Time{}, invalid("clock advance", []definition.Problem{{Path: "duration",
			Message: fmt.Sprintf("the virtual clock would run %s ahead of wall time, more than the 100 years allowed", offset)}})
	}
	now := c.at(offset)
	err := inTx(ctx, db, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx,
			"INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
			clockOffsetKey, offset.Milliseconds())
		if err != nil {
			return fmt.Errorf("store the virtual clock: %w", err)
		}
		return then(tx, now)
	})
	if err != nil {
		return time.Time{}, err
	}
	c.mu.Lock()
	c.offset = offset
	c.mu.Unlock()
	return now, nil
}
