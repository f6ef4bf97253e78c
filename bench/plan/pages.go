package main

import (
	"fmt"
	"strconv"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/bench/report"
)

// targets are the bounds on kraiter_sequence / floor_sequence at 1,000 resources, on the
// median wall times: what a user waits for. The CPU ratio beside it tells a noisy run apart
// from a real change (see the performance guide).
var targets = map[string]float64{"refresh": 1.10, "-refresh=false": 1.10}

// latencyTargets bound the same ratio when the server delays every request, at the CLI's
// default parallelism.
var latencyTargets = map[time.Duration]float64{50 * time.Millisecond: 1.25}

// smallTarget bounds a small state's plan in a large account against the same state in an
// account of only its sequences.
const smallTarget = 0.05

const (
	targetSize      = 1000
	smallTargetSize = 5
	defaultParallel = 10
)

// medianOf is the median of one figure of the measurements.
func medianOf[T report.Number](ms []measurement, figure func(measurement) T) T {
	values := make([]T, len(ms))
	for i, m := range ms {
		values[i] = figure(m)
	}
	return report.Median(values)
}

func wall(m measurement) time.Duration    { return m.wall }
func allCPU(m measurement) time.Duration  { return m.cli + m.provider + m.server }
func cliCPU(m measurement) time.Duration  { return m.cli }
func provCPU(m measurement) time.Duration { return m.provider }
func servCPU(m measurement) time.Duration { return m.server }
func peakRSS(m measurement) int64         { return m.peakRSSKiB }
func rss(kib int64) string                { return report.MiB(uint64(kib) * 1024) }
func medianRSS(ms []measurement) string   { return rss(medianOf(ms, peakRSS)) }

// spread is the median of the wall times with the fastest and the slowest, such as
// "7.37 s (6.90-8.12)", so that a noisy run shows.
func spread(ms []measurement) string {
	if len(ms) == 0 {
		return "-"
	}
	lo, hi := ms[0].wall, ms[0].wall
	for _, m := range ms {
		lo, hi = min(lo, m.wall), max(hi, m.wall)
	}
	return fmt.Sprintf("%s (%.2f-%.2f)", report.Seconds(medianOf(ms, wall)), lo.Seconds(), hi.Seconds())
}

func perResource(d time.Duration, n int) string {
	return report.Millis(d / time.Duration(n))
}

// planPage is plan.md, but for what every page shares: the command, the machine, the source.
func planPage(cfg config, res results) *report.Page {
	p := &report.Page{Title: "Plan: kraiter_sequence against the framework's floor", At: time.Now()}
	p.Add(report.Section{
		Heading: fmt.Sprintf("Plan time, median of %d", cfg.reps),
		Text: "Wall time of `tofu plan` on a configuration applied before, which shows no change: the median, and in " +
			"parentheses the fastest and the slowest plan. The kinds ran " +
			"round-robin (one plan of each in turn), so a slower stretch of the machine falls on all alike. " +
			"`floor_min` and `floor_sequence` come from bench/floor: no I/O, no logic, Read hands back the prior state.",
		Table: planTable(cfg, res),
	})
	p.Add(report.Section{Heading: "Ratios", Text: fmt.Sprintf(
		"What each step up costs: the provider process and protocol (floor_min / terraform_data), kraiter_sequence's schema "+
			"(floor_sequence / floor_min), and the provider's own work: the API calls, the definition's checks and semantic "+
			"equality (kraiter_sequence / floor_sequence), on the median wall times, and beside it on the median CPU time of "+
			"all the processes (the CLI, the providers, the server). Targets at %d resources, on wall time: %.2fx with refresh, "+
			"%.2fx without.",
		targetSize, targets["refresh"], targets["-refresh=false"]), Table: ratioTable(cfg, res)})
	p.Add(report.Section{Heading: "Where the time goes",
		Text: "Median CPU time of each process per plan, and the providers' peak RSS (the largest of the provider processes " +
			"of one plan, median over the plans). The CLI's CPU leaves its providers out; the server's is kraiter serve's.",
		Table: cpuTable(cfg, res)})
	if cfg.parts {
		p.Add(report.Section{Heading: fmt.Sprintf("What each part of the schema costs, at %d resources", cfg.sizes[len(cfg.sizes)-1]),
			Text:  fmt.Sprintf("floor_sequence without one part, planned round-robin with it (median, and the fastest and slowest, of %d). The cost of a part is floor_sequence's time less the time without it.", cfg.reps),
			Table: partsTable(cfg, res)})
	}
	if len(cfg.latencies) > 0 {
		n := cfg.sizes[len(cfg.sizes)-1]
		p.Add(report.Section{Heading: fmt.Sprintf("With server latency, at %d resources", n),
			Text: fmt.Sprintf("`POST /_local/faults {\"latencyMs\": ...}` delays every API request; the plans refresh at the CLI's "+
				"default -parallelism=%d, kraiter_sequence in turn with floor_sequence, which makes no request (median, fastest and "+
				"slowest of %d). Read one by one, the refresh alone would wait n x latency / %d. Target at 50ms: %.2fx on wall time.",
				defaultParallel, cfg.latencyReps, defaultParallel, latencyTargets[50*time.Millisecond]),
			Table: latencyTable(cfg, res, n)})
	}
	if len(cfg.smallSizes) > 0 {
		p.Add(report.Section{Heading: fmt.Sprintf("A small state in an account of %d", cfg.account),
			Text: fmt.Sprintf("The same configurations of a few kraiter_sequence, planned with refresh against an account that "+
				"holds only their sequences and against one of %d sequences, round-robin (median, fastest and slowest of %d). "+
				"Target: the large account's plan of %d within %.0f%% of the small one's.", cfg.account, cfg.smallReps, smallTargetSize, 100*smallTarget),
			Table: smallTable(cfg, res)})
	}
	return p
}

func planTable(cfg config, res results) *report.Table {
	t := &report.Table{Header: []string{"resources", "plan"}}
	for _, k := range mainKinds {
		t.Header = append(t.Header, k.name)
	}
	t.Header = append(t.Header, "kraiter_sequence per resource")
	for _, n := range cfg.sizes {
		for _, mode := range modes {
			row := []string{strconv.Itoa(n), mode.name}
			for _, k := range mainKinds {
				row = append(row, spread(res.plans[sampleKey{n, k.name, mode.name}]))
			}
			row = append(row, perResource(medianOf(res.plans[sampleKey{n, kraiterSequence.name, mode.name}], wall), n))
			t.Add(row...)
		}
	}
	return t
}

func ratioTable(cfg config, res results) *report.Table {
	t := &report.Table{Header: []string{"resources", "plan", "floor_min / terraform_data", "floor_sequence / floor_min", "kraiter_sequence / floor_sequence", "the same on CPU", "target"}}
	for _, n := range cfg.sizes {
		for _, mode := range modes {
			med := func(k kind) float64 { return float64(medianOf(res.plans[sampleKey{n, k.name, mode.name}], wall)) }
			cpu := func(k kind) float64 { return float64(medianOf(res.plans[sampleKey{n, k.name, mode.name}], allCPU)) }
			target := "-"
			if n == targetSize {
				target = verdict(med(kraiterSequence)/med(floorSequence), targets[mode.name])
			}
			t.Add(strconv.Itoa(n), mode.name, report.Ratio(med(floorMin), med(terraformData)),
				report.Ratio(med(floorSequence), med(floorMin)), report.Ratio(med(kraiterSequence), med(floorSequence)),
				report.Ratio(cpu(kraiterSequence), cpu(floorSequence)), target)
		}
	}
	return t
}

// verdict judges a ratio against its bound, such as "<= 1.10x: met".
func verdict(ratio, bound float64) string {
	return fmt.Sprintf("<= %.2fx: %s", bound, report.Verdict(ratio <= bound))
}

func cpuTable(cfg config, res results) *report.Table {
	t := &report.Table{Header: []string{"resources", "plan", "kind", "wall", "CPU in all", "CLI CPU", "provider CPU", "server CPU", "provider peak RSS"}}
	for _, n := range cfg.sizes {
		for _, mode := range modes {
			for _, k := range mainKinds {
				ms := res.plans[sampleKey{n, k.name, mode.name}]
				rssCell, provCell := "-", "-"
				if k.provider != "" {
					rssCell, provCell = medianRSS(ms), report.Seconds(medianOf(ms, provCPU))
				}
				servCell := "-"
				if k == kraiterSequence {
					servCell = report.Seconds(medianOf(ms, servCPU))
				}
				t.Add(strconv.Itoa(n), mode.name, k.name, report.Seconds(medianOf(ms, wall)), report.Seconds(medianOf(ms, allCPU)),
					report.Seconds(medianOf(ms, cliCPU)), provCell, servCell, rssCell)
			}
		}
	}
	return t
}

func partsTable(cfg config, res results) *report.Table {
	n := cfg.sizes[len(cfg.sizes)-1]
	t := &report.Table{Header: []string{"kind", "part left out"}}
	for _, mode := range modes {
		t.Header = append(t.Header, "plan, "+mode.name, "cost of the part, "+mode.name)
	}
	left := map[string]string{floorSequence.name: "none", floorNoTimeouts.name: "timeouts", floorNoTriggers.name: "triggers", floorNoTimestamps.name: "created_at, updated_at"}
	for _, k := range partKinds {
		row := []string{k.name, left[k.name]}
		for _, mode := range modes {
			full := medianOf(res.parts[sampleKey{n, floorSequence.name, mode.name}], wall)
			runs := res.parts[sampleKey{n, k.name, mode.name}]
			this := medianOf(runs, wall)
			cost := "-"
			if k != floorSequence {
				cost = fmt.Sprintf("%s (%.0f%%)", report.Seconds(full-this), 100*float64(full-this)/float64(full))
			}
			row = append(row, spread(runs), cost)
		}
		t.Add(row...)
	}
	return t
}

func latencyTable(cfg config, res results, n int) *report.Table {
	t := &report.Table{Header: []string{"latency", "floor_sequence", "kraiter_sequence", "kraiter / floor", "kraiter CPU in all", "one by one: n x latency / 10", "target"}}
	floor := medianOf(res.latencyFloor, wall)
	for _, latency := range cfg.latencies {
		ms := res.latency[latency]
		got := medianOf(ms, wall)
		target := "-"
		if bound, ok := latencyTargets[latency]; ok {
			target = verdict(float64(got)/float64(floor), bound)
		}
		t.Add(latency.String(), spread(res.latencyFloor), spread(ms), report.Ratio(float64(got), float64(floor)),
			report.Seconds(medianOf(ms, allCPU)), report.Seconds(time.Duration(n)*latency/defaultParallel), target)
	}
	return t
}

func smallTable(cfg config, res results) *report.Table {
	t := &report.Table{Header: []string{"in state", "latency", "account of only them", fmt.Sprintf("account of %d", cfg.account), "large / small", "target"}}
	for _, n := range cfg.smallSizes {
		for _, latency := range smallLatencies {
			small, large := res.small[smallKey{n, false, latency}], res.small[smallKey{n, true, latency}]
			ratio := float64(medianOf(large, wall)) / float64(medianOf(small, wall))
			target := "-"
			if n == smallTargetSize {
				target = verdict(ratio, 1+smallTarget)
			}
			t.Add(strconv.Itoa(n), latency.String(), spread(small), spread(large), report.Ratio(ratio, 1), target)
		}
	}
	return t
}

// applyPage is apply.md, as planPage is plan.md.
func applyPage(cfg config, res results, cores int) *report.Page {
	n := cfg.sizes[len(cfg.sizes)-1]
	p := &report.Page{Title: "Apply: creating sequences", At: time.Now()}
	t := &report.Table{Header: []string{"resources", "kind", "apply", "resources/s", "CLI CPU", "provider CPU", "server CPU", "provider peak RSS"}}
	for _, size := range cfg.sizes {
		for _, k := range mainKinds {
			m := res.applies[sampleKey{n: size, kind: k.name}]
			provCell, rssCell, servCell := "-", "-", "-"
			if k.provider != "" {
				provCell, rssCell = report.Seconds(m.provider), rss(m.peakRSSKiB)
			}
			if k == kraiterSequence {
				servCell = report.Seconds(m.server)
			}
			t.Add(strconv.Itoa(size), k.name, report.Seconds(m.wall), fmt.Sprintf("%.0f", float64(size)/m.wall.Seconds()),
				report.Seconds(m.cli), provCell, servCell, rssCell)
		}
	}
	p.Add(report.Section{Heading: fmt.Sprintf("One apply creating each configuration, -parallelism=%d", cfg.applyParallel),
		Text: "Each configuration applied once, onto an empty state (one run each, so expect some noise).", Table: t})

	m, after := res.applies[sampleKey{n: n, kind: kraiterSequence.name}], res.afterApp
	split := &report.Table{Header: []string{"run", "wall", "CLI CPU", "provider CPU", "server CPU", "CPU in all / wall"}}
	for _, row := range []struct {
		name string
		m    measurement
	}{{fmt.Sprintf("apply: create %d kraiter_sequence", n), m}, {"the empty plan right after", after}} {
		all := row.m.cli + row.m.provider + row.m.server
		split.Add(row.name, report.Seconds(row.m.wall), share(row.m.cli, all), share(row.m.provider, all), share(row.m.server, all),
			report.Ratio(float64(all), float64(row.m.wall)))
	}
	p.Add(report.Section{Heading: fmt.Sprintf("Where the time of %d kraiter_sequence goes", n),
		Text: fmt.Sprintf("%.0f sequences created a second. CPU time by process, with its share of the three; CPU in all / wall above 1 "+
			"means the processes ran in parallel on the machine's %d cores. The provider's own profile is in provider-profile.md.",
			float64(n)/m.wall.Seconds(), cores),
		Table: split})
	return p
}

// share is d with its percentage of all, such as "1.20 s (31%)".
func share(d, all time.Duration) string {
	if all == 0 {
		return report.Seconds(d)
	}
	return fmt.Sprintf("%s (%.0f%%)", report.Seconds(d), 100*float64(d)/float64(all))
}
