// Package localservertest starts a local Kraiter server for tests, on 127.0.0.1 with a
// SQLite file in the test's temporary directory, and gives helpers that set up fixtures and
// drive the server (its clock, sequence statuses, faults), failing the test on any error.
package localservertest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/internal/localserver"
)

// APIKey is the key every Instance accepts.
const APIKey = "test-key"

// Faults are the faults SetFaults injects into /v1 requests.
type Faults = localserver.Faults

// InjectedFaults counts what the faults injected since SetFaults.
type InjectedFaults = localserver.InjectedFaults

// Option configures Start.
type Option func(*options)

type options struct {
	seed       *localserver.Seed
	dbPath     string
	logged     bool
	middleware func(http.Handler) http.Handler
}

// WithSeed applies a seed of templates and contacts when the server opens.
func WithSeed(seed *localserver.Seed) Option {
	return func(o *options) { o.seed = seed }
}

// WithDatabase serves the SQLite file at path, such as one a test wrote as an older release
// would have, instead of a new file in the test's temporary directory.
func WithDatabase(path string) Option {
	return func(o *options) { o.dbPath = path }
}

// WithMiddleware wraps the server's handler, to watch or check the traffic.
func WithMiddleware(mw func(http.Handler) http.Handler) Option {
	return func(o *options) { o.middleware = mw }
}

// WithLog sends the server's log, requests included, to the test's log.
func WithLog() Option {
	return func(o *options) { o.logged = true }
}

// Instance is a running local server.
type Instance struct {
	// URL is the base URL, such as "http://127.0.0.1:40123".
	URL    string
	APIKey string
	// DBPath is the SQLite file, which outlives Restart.
	DBPath string
	// Server is the server currently behind URL (Restart replaces it).
	Server *localserver.Server

	mu     sync.RWMutex // guards Server against Restart
	cfg    localserver.Config
	client *http.Client
}

// Start starts a server that t.Cleanup stops.
func Start(t testing.TB, opts ...Option) *Instance {
	t.Helper()
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	if o.dbPath == "" {
		o.dbPath = filepath.Join(t.TempDir(), "kraiter.db")
	}
	cfg := localserver.Config{DBPath: o.dbPath, APIKey: APIKey, Seed: o.seed}
	if o.logged {
		cfg.Logger = testLogger(t)
	}
	srv, err := localserver.Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("start local server: %v", err)
	}
	i := &Instance{APIKey: APIKey, DBPath: cfg.DBPath, Server: srv, cfg: cfg}
	var handler http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i.mu.RLock()
		h := i.Server.Handler()
		i.mu.RUnlock()
		h.ServeHTTP(w, r)
	})
	if o.middleware != nil {
		handler = o.middleware(handler)
	}
	ts := httptest.NewServer(handler)
	i.URL = ts.URL
	i.client = ts.Client()
	i.client.Timeout = 30 * time.Second
	t.Cleanup(func() {
		ts.Close()
		i.mu.Lock()
		defer i.mu.Unlock()
		if err := i.Server.Close(); err != nil {
			t.Errorf("stop local server: %v", err)
		}
	})
	return i
}

// Restart closes the server and opens a new one on the same database behind the same URL,
// as a restarted process would be. Faults are not kept; everything stored is.
func (i *Instance) Restart(t testing.TB) {
	t.Helper()
	i.mu.Lock()
	defer i.mu.Unlock()
	if err := i.Server.Close(); err != nil {
		t.Fatalf("restart local server: %v", err)
	}
	srv, err := localserver.Open(context.Background(), i.cfg)
	if err != nil {
		t.Fatalf("restart local server: %v", err)
	}
	i.Server = srv
}
