package localserver

import (
	"math/rand/v2"
	"net/http"
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
	// LatencyMs delays every request before it is served.
	LatencyMs int `json:"latencyMs"`
	// AnswerLatencyMs delays every answer after the request was served (its writes
	// committed), as a slow way back would: a client that gives up meanwhile never learns
	// what happened.
	AnswerLatencyMs int `json:"answerLatencyMs"`
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
	f.allow("failRate", "rateLimitRate", "latencyMs", "answerLatencyMs", "dropAfterCommitRate", "retryAfterSeconds", "seed")
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
	if v, ok := f.integer("answerLatencyMs", 0, maxFaultLatencyMs); ok {
		faults.AnswerLatencyMs = int(v)
	}
	if v, ok := f.integer("retryAfterSeconds", 0, maxFaultRetryAfter); ok {
		faults.RetryAfterSeconds = int(v)
	}
	if v, ok := f.integer("seed", -1<<63, 1<<63-1); ok {
		faults.Seed = v
	}
	return faults
}

// InjectedFaults counts what the faults in force did since they were set, for tests that
// report how hard they were pushed.
type InjectedFaults struct {
	// Requests counts the /v1 requests that met faults in force.
	Requests int64 `json:"requests"`
	// Failed counts the requests answered 500 or 503 (failRate).
	Failed int64 `json:"failed"`
	// RateLimited counts the requests answered 429 (rateLimitRate).
	RateLimited int64 `json:"rateLimited"`
	// DroppedAfterCommit counts the writes that committed and got no answer.
	DroppedAfterCommit int64 `json:"droppedAfterCommit"`
	// LatencyMs sums the latency added to requests.
	LatencyMs int64 `json:"latencyMs"`
}

// FaultState is the body of GET /_local/faults: the faults in force and what they injected.
type FaultState struct {
	Faults
	Injected InjectedFaults `json:"injected"`
}

// faultInjector holds the faults in force, their random source and their counts.
type faultInjector struct {
	mu       sync.Mutex
	faults   Faults
	rng      *rand.Rand
	injected InjectedFaults
}

func newFaultInjector() *faultInjector { return &faultInjector{} }

// set puts faults in force and counts from zero.
func (fi *faultInjector) set(f Faults) {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	fi.faults = f
	fi.rng = rand.New(rand.NewPCG(uint64(f.Seed), uint64(f.Seed)^0x9e3779b97f4a7c15))
	fi.injected = InjectedFaults{}
}

// stop ends the faults and keeps their counts.
func (fi *faultInjector) stop() {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	fi.faults = Faults{}
}

func (fi *faultInjector) state() FaultState {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	return FaultState{Faults: fi.faults, Injected: fi.injected}
}

func (fi *faultInjector) countDrop() {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	fi.injected.DroppedAfterCommit++
}

// faultPlan is what happens to one request.
type faultPlan struct {
	latency     time.Duration
	answerDelay time.Duration
	failStatus  int
	rateLimited bool
	retryAfter  int
	drop        bool
}

// draw decides a request's faults and counts them; a drop is counted once it happened. It
// always takes three draws, so that the sequence of outcomes depends only on the seed and
// the order of requests.
func (fi *faultInjector) draw(write bool) faultPlan {
	fi.mu.Lock()
	defer fi.mu.Unlock()
	f := fi.faults
	if f == (Faults{}) || fi.rng == nil {
		return faultPlan{}
	}
	fail, limit, drop := fi.rng.Float64(), fi.rng.Float64(), fi.rng.Float64()
	p := faultPlan{latency: time.Duration(f.LatencyMs) * time.Millisecond, answerDelay: time.Duration(f.AnswerLatencyMs) * time.Millisecond, retryAfter: f.RetryAfterSeconds}
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
	fi.injected.Requests++
	fi.injected.LatencyMs += int64(f.LatencyMs + f.AnswerLatencyMs)
	if p.failStatus != 0 {
		fi.injected.Failed++
	}
	if p.rateLimited {
		fi.injected.RateLimited++
	}
	return p
}
