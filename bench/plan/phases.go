package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/bench/harness"
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
	if len(b.cfg.latencies) > 0 {
		if err := b.latencyRun(ctx, largest); err != nil {
			return err
		}
	}
	if len(b.cfg.smallSizes) > 0 {
		return b.smallStateRun(ctx)
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
	return b.planOn(ctx, b.r.server, b.dir(n, k), n, k, extra...)
}

// planOn is plan, of the configuration in dir, against server.
func (b *bench) planOn(ctx context.Context, server *harness.Server, dir string, n int, k kind, extra ...string) (measurement, error) {
	args := append([]string{"plan", "-input=false", "-no-color", "-detailed-exitcode"}, extra...)
	m, err := b.r.runOn(ctx, server, dir, k, args...)
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
// the CLI's default parallelism, in turn with floor_sequence (which makes no request, so the
// latency does not touch it): one refresh reading its sequences one by one would wait
// n x latency / 10.
func (b *bench) latencyRun(ctx context.Context, n int) error {
	for rep := range b.cfg.latencyReps {
		for i := range len(b.cfg.latencies) + 1 {
			// The floor's turn moves through the round, as the kinds do in rounds.
			turn := (i + rep) % (len(b.cfg.latencies) + 1)
			if turn == len(b.cfg.latencies) {
				fmt.Fprintf(os.Stderr, "plan: %d/%d plan %d floor_sequence (latency run)\n", rep+1, b.cfg.latencyReps, n)
				m, err := b.plan(ctx, n, floorSequence)
				if err != nil {
					return err
				}
				b.res.latencyFloor = append(b.res.latencyFloor, m)
				continue
			}
			latency := b.cfg.latencies[turn]
			fmt.Fprintf(os.Stderr, "plan: %d/%d plan %d kraiter_sequence with %s latency\n", rep+1, b.cfg.latencyReps, n, latency)
			m, err := planWithLatency(ctx, b.r.server, latency, func() (measurement, error) { return b.plan(ctx, n, kraiterSequence) })
			if err != nil {
				return err
			}
			b.res.latency[latency] = append(b.res.latency[latency], m)
		}
	}
	return nil
}

// planWithLatency runs plan while server delays every request by latency (none when 0).
func planWithLatency(ctx context.Context, server *harness.Server, latency time.Duration, plan func() (measurement, error)) (m measurement, err error) {
	if latency == 0 {
		return plan()
	}
	if err := server.SetLatency(ctx, latency); err != nil {
		return m, err
	}
	defer func() {
		if clearErr := server.SetLatency(context.WithoutCancel(ctx), 0); err == nil {
			err = clearErr
		}
	}()
	return plan()
}
