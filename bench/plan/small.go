package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/bench/harness"
	"github.com/kraiter/terraform-provider-kraiter/internal/testgen"
)

// smallLatencies are the server latencies of the small-state run: none, and a real network's.
var smallLatencies = []time.Duration{0, 50 * time.Millisecond}

// smallStateRun plans small states twice: in an account that holds only them, and in one of
// cfg.account sequences, with refresh, round-robin. Reading many sequences at once must not
// make a small state in a large account pay for the account's size.
func (b *bench) smallStateRun(ctx context.Context) (err error) {
	servers := map[bool]*harness.Server{}
	for _, large := range []bool{false, true} {
		server, err := b.r.startServer(ctx, filepath.Join(b.work, "account-"+accountName(large)))
		if err != nil {
			return err
		}
		defer server.StopInto(&err)
		servers[large] = server
	}
	if err := b.fillAccount(ctx, servers[true], b.cfg.account-sum(b.cfg.smallSizes)); err != nil {
		return err
	}
	for _, n := range b.cfg.smallSizes {
		for _, large := range []bool{false, true} {
			dir := b.smallDir(n, large)
			if err := writeConfiguration(dir, kraiterSequence, n, b.definition); err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "plan: apply %d kraiter_sequence in the %s account\n", n, accountName(large))
			if _, err := b.r.runOn(ctx, servers[large], dir, kraiterSequence, "apply", "-input=false", "-no-color", "-auto-approve"); err != nil {
				return fmt.Errorf("apply %d kraiter_sequence in the %s account: %w", n, accountName(large), err)
			}
		}
	}
	for rep := range b.cfg.smallReps {
		for _, n := range b.cfg.smallSizes {
			for _, latency := range smallLatencies {
				for i := range 2 {
					large := (i+rep)%2 == 1
					fmt.Fprintf(os.Stderr, "plan: %d/%d plan %d kraiter_sequence in the %s account, %s latency\n", rep+1, b.cfg.smallReps, n, accountName(large), latency)
					m, err := planWithLatency(ctx, servers[large], latency, func() (measurement, error) {
						return b.planOn(ctx, servers[large], b.smallDir(n, large), n, kraiterSequence)
					})
					if err != nil {
						return err
					}
					key := smallKey{n: n, large: large, latency: latency}
					b.res.small[key] = append(b.res.small[key], m)
				}
			}
		}
	}
	return nil
}

func accountName(large bool) string {
	if large {
		return "large"
	}
	return "small"
}

func (b *bench) smallDir(n int, large bool) string {
	return filepath.Join(b.configs, "small", accountName(large), "n"+strconv.Itoa(n))
}

// fillAccount creates n sequences that no configuration manages, eight at a time.
func (b *bench) fillAccount(ctx context.Context, server *harness.Server, n int) error {
	fmt.Fprintf(os.Stderr, "plan: creating %d sequences in the large account\n", n)
	ids := make(chan int)
	errs := make(chan error, 8)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for i := range ids {
				body := map[string]any{"id": fmt.Sprintf("seq_other_%05d", i), "name": fmt.Sprintf("Other %d", i), "definition": testgen.Typical()}
				if err := server.Call(ctx, http.MethodPost, "/v1/sequences", body, http.StatusCreated, nil); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	var err error
feed:
	for i := range n {
		select {
		case ids <- i:
		case err = <-errs:
			break feed
		}
	}
	close(ids)
	wg.Wait()
	close(errs)
	if err == nil {
		err = <-errs
	}
	return err
}
