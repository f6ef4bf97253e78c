// Package localserver is a local Kraiter server: the wire contract of Kraiter's sequences API
// (client/openapi.yaml) backed by SQLite, with an engine that enrols contacts on events and
// sends emails against a virtual clock, plus admin routes under /_local/ for tests and demos
// (advance the clock, set a sequence's status, inject faults).
package localserver

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// Config configures a Server.
type Config struct {
	// DBPath is the SQLite file, created if missing, or ":memory:" to keep nothing.
	DBPath string
	// APIKey is required: every /v1 and /_local route wants "Authorization: Bearer <key>".
	APIKey string
	// Seed, when set, is applied at Open: its templates and contacts are created or updated.
	Seed *Seed
	// Logger receives a line per request at debug level and failures at error level; nil
	// logs nothing. The API key is never logged.
	Logger *slog.Logger
}

// Server serves the API from one database.
type Server struct {
	db      *sql.DB
	apiKey  string
	log     *slog.Logger
	clock   *virtualClock
	faults  *faultInjector
	handler http.Handler

	closeOnce sync.Once
	closeErr  error
}

// Open opens (or creates) the database, applies the seed and returns a server ready to serve.
func Open(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.APIKey == "" {
		return nil, errors.New("no API key; every request must carry one, so the server needs one to check")
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	db, err := openDB(ctx, cfg.DBPath)
	if err != nil {
		return nil, err
	}
	clock, err := loadClock(ctx, db)
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	s := &Server{db: db, apiKey: cfg.APIKey, log: log, clock: clock, faults: newFaultInjector()}
	if cfg.Seed != nil {
		if err := s.applySeed(ctx, cfg.Seed); err != nil {
			_ = db.Close()
			return nil, err
		}
	}
	s.handler = s.routes()
	return s, nil
}

// Handler is the HTTP handler of every route.
func (s *Server) Handler() http.Handler { return s.handler }

// Close closes the database. Requests still running fail; stop the HTTP server first.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		if err := s.db.Close(); err != nil {
			s.closeErr = fmt.Errorf("close database: %w", err)
		}
	})
	return s.closeErr
}

// tx runs fn in one transaction of the request at the virtual time now, read once the
// transaction holds the database's only connection: every transaction then sees a time no
// earlier than the ones committed before it, a clock advance's included.
func (s *Server) tx(ctx context.Context, fn func(tx *sql.Tx, now time.Time) error) error {
	return inTx(ctx, s.db, func(tx *sql.Tx) error { return fn(tx, s.clock.now()) })
}

// engineTx is tx once everything due by now has run, for each request that reads or changes
// what the engine works on: enrolments, sends, a sequence's status or definition, a contact.
// Due work beyond one slice is committed slice by slice first (see engineSlice); fn runs in
// the transaction that finds nothing more due.
func (s *Server) engineTx(ctx context.Context, fn func(tx *sql.Tx, now time.Time) error) error {
	for {
		ran := false
		err := s.tx(ctx, func(tx *sql.Tx, now time.Time) error {
			more, err := processDue(ctx, tx, now, time.Now().Add(engineSlice))
			if err != nil || more {
				return err
			}
			ran = true
			return fn(tx, now)
		})
		if err != nil || ran {
			return err
		}
	}
}

// runDue runs everything due by now, one slice per transaction.
func (s *Server) runDue(ctx context.Context) error {
	return s.engineTx(ctx, func(*sql.Tx, time.Time) error { return nil })
}
