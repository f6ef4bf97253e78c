package localserver

import (
	"bytes"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Faults makes /v1 requests fail on purpose, so that a client's retries can be tested. Every
// request draws from a random source seeded with Seed, so a run is reproducible.
type Faults struct {
	// FailRate answers that share of requests 500 or 503 INTERNAL before doing anything.
	FailRate float64 `json:"failRate"`
	// RateLimitRate answers that share 429 RATE_LIMITED with Retry-After: RetryAfterSeconds.
	RateLimitRate float64 `json:"rateLimitRate"`
	// LatencyMs delays every request.
	LatencyMs int `json:"latencyMs"`
	// DropAfterCommitRate makes that share of successful writes commit and then close the
	// connection without an answer, as a network failure after the server acted would.
	DropAfterCommitRate float64 `json:"dropAfterCommitRate"`
	// RetryAfterSeconds is the Retry-After of injected 429s; omitted in JSON it is 1.
	RetryAfterSeconds int `json:"retryAfterSeconds"`
	// Seed seeds the draws; omitted in JSON, one is chosen and shown in the response.
	Seed int64 `json:"seed"`
}

const (
	maxFaultLatencyMs  = 60_000
	maxFaultRetryAfter = 3600
)

// readFaults reads the body of POST /_local/faults.
func readFaults(f *fields) Faults {
	f.allow("failRate", "rateLimitRate", "latencyMs", "dropAfterCommitRate", "retryAfterSeconds", "seed")
	faults := Faults{RetryAfterSeconds: 1, Seed: time.Now().UnixNano()}
	if v, ok := f.number("failRate", 0, 1); ok {
		faults.FailRate = v
	}
	if v, ok := f.number("rateLimitRate", 0, 1); ok {
		faults.RateLimitRate = v
	}
	if v, ok := f.number("dropAfterCommitRate", 0, 1); ok {
		faults.DropAfterCommitRate = v
	}
	if v, ok := f.integer("latencyMs", 0, maxFaultLatencyMs); ok {
		faults.LatencyMs = int(v)
	}
	if v, ok := f.integer("retryAfterSeconds", 0, maxFaultRetryAfter); ok {
		faults.RetryAfterSeconds = int(v)
	}
	if v, ok := f.integer("seed", -1<<63, 1<<63-1); ok {
		faults.Seed = v
	}
	return faults
}

// faultInjector holds the faults in force and their random source.
type faultInjector struct {
	mu     sync.Mutex
	faults Faults
	rng    *rand.Rand
}

func newFaultInjector() *faultInjector { return &faultInjector{} }

func (fi *faultInjector) set(f Faults) {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	fi.faults = f
	fi.rng = rand.New(rand.NewPCG(uint64(f.Seed), uint64(f.Seed)^0x9e3779b97f4a7c15))
}

func (fi *faultInjector) get() Faults {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	return fi.faults
}

// faultPlan is what happens to one request.
type faultPlan struct {
	latency     time.Duration
	failStatus  int
	rateLimited bool
	retryAfter  int
	drop        bool
}

// draw decides a request's faults. It always takes three draws, so that the sequence of
// outcomes depends only on the seed and the order of requests.
func (fi *faultInjector) draw(write bool) faultPlan {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	f := fi.faults
	if f == (Faults{}) || fi.rng == nil {
		return faultPlan{}
	}
	fail, limit, drop := fi.rng.Float64(), fi.rng.Float64(), fi.rng.Float64()
	p := faultPlan{latency: time.Duration(f.LatencyMs) * time.Millisecond, retryAfter: f.RetryAfterSeconds}
	switch {
	case fail < f.FailRate/2:
		p.failStatus = http.StatusInternalServerError
	case fail < f.FailRate:
		p.failStatus = http.StatusServiceUnavailable
	case limit < f.RateLimitRate:
		p.rateLimited = true
	case write && drop < f.DropAfterCommitRate:
		p.drop = true
	}
	return p
}

func isWrite(method string) bool {
	return method == http.MethodPost || method == http.MethodPatch || method == http.MethodPut || method == http.MethodDelete
}

// withFaults applies the faults in force to a request.
func (s *Server) withFaults(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := s.faults.draw(isWrite(r.Method))
		if p.latency > 0 {
			t := time.NewTimer(p.latency)
			select {
			case <-t.C:
			case <-r.Context().Done():
				t.Stop()
				return
			}
		}
		switch {
		case p.failStatus != 0:
			writeError(w, &apiError{status: p.failStatus, body: APIError{Code: CodeInternal,
				Message: "injected fault: the local server failed this request on purpose (failRate); retry it"}})
		case p.rateLimited:
			w.Header().Set("Retry-After", strconv.Itoa(p.retryAfter))
			writeError(w, &apiError{status: http.StatusTooManyRequests, body: APIError{Code: CodeRateLimited,
				Message: "injected fault: too many requests (rateLimitRate); retry after " + strconv.Itoa(p.retryAfter) + " s"}})
		case p.drop:
			s.serveThenDrop(next, w, r)
		default:
			next.ServeHTTP(w, r)
		}
	})
}

// serveThenDrop runs the request to the end (its transaction commits) but, when it
// succeeded, closes the connection instead of answering.
func (s *Server) serveThenDrop(next http.Handler, w http.ResponseWriter, r *http.Request) {
	buf := &bufferedResponse{header: http.Header{}, status: http.StatusOK}
	next.ServeHTTP(buf, r)
	if buf.status >= 300 {
		buf.copyTo(w)
		return
	}
	s.log.Debug("injected fault: dropping the connection after commit", "method", r.Method, "path", r.URL.Path)
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		// Without hijacking (HTTP/2), aborting the handler resets the stream instead.
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// bufferedResponse holds a response back until it is known whether to send it.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header         { return b.header }
func (b *bufferedResponse) WriteHeader(status int)      { b.status = status }
func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }

func (b *bufferedResponse) copyTo(w http.ResponseWriter) {
	for k, v := range b.header {
		w.Header()[k] = v
	}
	w.WriteHeader(b.status)
	_, _ = w.Write(b.body.Bytes())
}
