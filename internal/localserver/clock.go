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
	mu     sync.Mutex // guards offset
	offset time.Duration
	wall   func() time.Time
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

func (c *virtualClock) currentOffset() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.offset
}

// swapOffset sets the offset to next if it is still was.
func (c *virtualClock) swapOffset(was, next time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.offset == was {
		c.offset = next
	}
}

// advance moves the clock forward by d and stores the new offset, in one transaction. Like
// every request's transaction (Server.tx) it reads the clock once it holds the database's
// only connection, and it moves the clock before letting go of it, so advances never lose
// one another and every later transaction sees the new time. A commit that fails puts the
// clock back.
func (c *virtualClock) advance(ctx context.Context, db *sql.DB, d time.Duration) (time.Time, error) {
	var before, after time.Duration
	var now time.Time
	err := inTx(ctx, db, func(tx *sql.Tx) error {
		before = c.currentOffset()
		after = before + d
		if after > maxClockOffset {
			return invalid("clock advance", []definition.Problem{{Path: "duration",
				Message: fmt.Sprintf("the virtual clock would run %s ahead of wall time, more than the 100 years allowed", after)}})
		}
		now = c.at(after)
		_, err := tx.ExecContext(ctx,
			"INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
			clockOffsetKey, after.Milliseconds())
		if err != nil {
			return fmt.Errorf("store the virtual clock: %w", err)
		}
		c.swapOffset(before, after)
		return nil
	})
	if err != nil {
		c.swapOffset(after, before)
		return time.Time{}, err
	}
	return now, nil
}
