package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// measure runs every phase: at each size the applies and the alternated plans, then at the
// largest the schema's parts and the latency run.
func (b *bench) measure(ctx context.Context) error {
	largest := b.cfg.sizes[len(b.cfg.sizes)-1]
	for _, n := range b.cfg.sizes {
		if err := b.applyAll(ctx, n, mainKinds); err != nil {
			return err
		}
		if err := b.rounds(ctx, n, mainKinds, b.res.plans); err != nil {
			return err
		}
	}
	if b.cfg.parts {
		if err := b.applyAll(ctx, largest, partKinds[1:]); err != nil {
			return err
		}
		if err := b.rounds(ctx, largest, partKinds, b.res.parts); err != nil {
			return err
		}
	}
	if b.cfg.latency > 0 {
		return b.latencyRun(ctx, largest)
	}
	return nil
}

func (b *bench) dir(n int, k kind) string {
	return filepath.Join(b.configs, "n"+strconv.Itoa(n), k.name)
}

// applyAll writes each kind's configuration of n resources and applies it, the CLI's
// parallelism set; right after the largest kraiter_sequence apply it plans once more.
func (b *bench) applyAll(ctx context.Context, n int, kinds []kind) error {
	for _, k := range kinds {
		dir := b.dir(n, k)
		if err := writeConfiguration(dir, k, n, b.definition); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "plan: apply %d %s\n", n, k.name)
		m, err := b.r.run(ctx, dir, k, "apply", "-input=false", "-no-color", "-auto-approve", "-parallelism="+strconv.Itoa(b.cfg.applyParallel))
		if err != nil {
			return fmt.Errorf("apply %d %s: %w", n, k.name, err)
		}
		b.res.applies[sampleKey{n: n, kind: k.name}] = m
		if k == kraiterSequence && n == b.cfg.sizes[len(b.cfg.sizes)-1] {
			if b.res.afterApp, err = b.plan(ctx, n, k); err != nil {
				return err
			}
		}
	}
	return nil
}

// rounds plans each kind reps times in each mode, round-robin: one plan of each kind in
// turn, the first kind rotating, so that a slower or faster stretch of the machine falls on
// every kind alike.
func (b *bench) rounds(ctx context.Context, n int, kinds []kind, into map[sampleKey][]measurement) error {
	for rep := range b.cfg.reps {
		for _, mode := range modes {
			for i := range kinds {
				k := kinds[(i+rep)%len(kinds)]
				fmt.Fprintf(os.Stderr, "plan: %d/%d plan %d %s %s\n", rep+1, b.cfg.reps, n, k.name, mode.name)
				m, err := b.plan(ctx, n, k, mode.args...)
				if err != nil {
					return err
				}
				key := sampleKey{n: n, kind: k.name, mode: mode.name}
				into[key] = append(into[key], m)
			}
		}
	}
	return nil
}

// plan plans a configuration that was applied, which must show no change.
func (b *bench) plan(ctx context.Context, n int, k kind, extra ...string) (measurement, error) {
	args := append([]string{"plan", "-input=false", "-no-color", "-detailed-exitcode"}, extra...)
	m, err := b.r.run(ctx, b.dir(n, k), k, args...)
	var cliErr *cliError
	if errors.As(err, &cliErr) && cliErr.code == 2 {
		return m, fmt.Errorf("the plan of %d %s after apply shows changes; it must show none, or the benchmark measures another thing: %w", n, k.name, err)
	}
	if err != nil {
		return m, fmt.Errorf("plan %d %s: %w", n, k.name, err)
	}
	return m, nil
}

// latencyRun plans kraiter_sequence with refresh while the server delays every request, at
// each parallelism: each refresh waits for its answer, so the time tends to
// n × latency / parallelism, whatever the provider does.
func (b *bench) latencyRun(ctx context.Context, n int) (err error) {
	if err := b.r.server.SetLatency(ctx, b.cfg.latency); err != nil {
		return err
	}
	defer func() {
		if clearErr := b.r.server.SetLatency(context.WithoutCancel(ctx), 0); err == nil {
			err = clearErr
		}
	}()
	for _, p := range b.cfg.parallelisms {
		for rep := range b.cfg.latencyReps {
			fmt.Fprintf(os.Stderr, "plan: %d/%d plan %d kraiter_sequence with %s latency, -parallelism=%d\n", rep+1, b.cfg.latencyReps, n, b.cfg.latency, p)
			m, err := b.plan(ctx, n, kraiterSequence, "-parallelism="+strconv.Itoa(p))
			if err != nil {
				return err
			}
			b.res.latency[p] = append(b.res.latency[p], m)
		}
	}
	return nil
}
