package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/bench/harness"
	"github.com/kraiter/terraform-provider-kraiter/internal/testgen"
)

// operation is one kind of request: request builds the i-th request of a client.
type operation struct {
	name    string
	want    int
	request func(ctx context.Context, base string, client, i int, rng *rand.Rand) (*http.Request, error)
}

// storedID is the id of the i-th sequence storeSequences stores.
func storedID(i int) string { return fmt.Sprintf("seq_load_%05d", i) }

func sequenceBody(id string) ([]byte, error) {
	return json.Marshal(map[string]any{
		"id": id, "name": "Load " + id, "definition": testgen.Typical(),
		"triggers": []any{map[string]string{"type": "event", "eventName": "signed_up"}},
	})
}

func operations(stored int) []operation {
	return []operation{
		{name: "get", want: http.StatusOK, request: func(ctx context.Context, base string, _, _ int, rng *rand.Rand) (*http.Request, error) {
			return http.NewRequestWithContext(ctx, http.MethodGet, base+"/v1/sequences/"+storedID(rng.IntN(stored)), nil)
		}},
		{name: "list", want: http.StatusOK, request: func(ctx context.Context, base string, _, _ int, _ *rand.Rand) (*http.Request, error) {
			return http.NewRequestWithContext(ctx, http.MethodGet, base+"/v1/sequences?limit=100", nil)
		}},
		{name: "create", want: http.StatusCreated, request: func(ctx context.Context, base string, client, i int, _ *rand.Rand) (*http.Request, error) {
			body, err := sequenceBody(fmt.Sprintf("seq_new_%d_%d", client, i))
			if err != nil {
				return nil, err
			}
			return http.NewRequestWithContext(ctx, http.MethodPost, base+"/v1/sequences", bytes.NewReader(body))
		}},
	}
}

// storeSequences creates n sequences for the gets and lists to find.
func storeSequences(ctx context.Context, s *harness.Server, n int) error {
	for i := range n {
		body, err := sequenceBody(storedID(i))
		if err != nil {
			return err
		}
		if err := s.Call(ctx, http.MethodPost, "/v1/sequences", json.RawMessage(body), http.StatusCreated, nil); err != nil {
			return fmt.Errorf("store sequence %d of %d: %w", i+1, n, err)
		}
	}
	return nil
}

// generator sends requests from a number of clients sharing one connection pool.
type generator struct {
	base    string
	clients int
	http    *http.Client
}

func newGenerator(base string, clients int) *generator {
	transport := &http.Transport{MaxIdleConnsPerHost: clients, MaxIdleConns: clients, IdleConnTimeout: time.Minute}
	return &generator{base: base, clients: clients, http: &http.Client{Transport: transport, Timeout: time.Minute}}
}

// outcome is what one run of an operation measured.
type outcome struct {
	latencies  []time.Duration // sorted, successful requests only
	errors     int
	firstError string
	elapsed    time.Duration
}

// run sends op's requests from every client, back to back, until d has passed; requests
// under way then finish.
func (g *generator) run(ctx context.Context, op operation, d time.Duration) (outcome, error) {
	var (
		mu  sync.Mutex
		out outcome
		wg  sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(d)
	for c := range g.clients {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(c), 1))
			var mine []time.Duration
			errs, first := 0, ""
			for i := 0; time.Now().Before(deadline) && ctx.Err() == nil; i++ {
				took, err := g.send(ctx, op, c, i, rng)
				if err != nil {
					if errs == 0 {
						first = err.Error()
					}
					errs++
					continue
				}
				mine = append(mine, took)
			}
			mu.Lock()
			defer mu.Unlock()
			out.latencies = append(out.latencies, mine...)
			if out.errors == 0 {
				out.firstError = first
			}
			out.errors += errs
		})
	}
	wg.Wait()
	out.elapsed = time.Since(start)
	if err := ctx.Err(); err != nil {
		return out, err
	}
	slices.Sort(out.latencies)
	return out, nil
}

// send sends one request and reads its answer to the end.
func (g *generator) send(ctx context.Context, op operation, client, i int, rng *rand.Rand) (time.Duration, error) {
	req, err := op.request(ctx, g.base, client, i, rng)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+harness.APIKey)
	req.Header.Set("Content-Type", "application/json")
	start := time.Now()
	resp, err := g.http.Do(req)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", op.name, err)
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	took := time.Since(start)
	if err != nil {
		return 0, fmt.Errorf("%s: read the answer: %w", op.name, err)
	}
	if resp.StatusCode != op.want {
		return 0, fmt.Errorf("%s: answered %d, want %d: %.200s", op.name, resp.StatusCode, op.want, body)
	}
	return took, nil
}
