package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestParseFlags(t *testing.T) {
	t.Parallel()
	cfg, err := parseFlags([]string{"-n", "1000, 100", "-reps", "3", "-latency", "50ms, 1s"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(cfg.sizes, []int{100, 1000}) || cfg.reps != 3 || !slices.Equal(cfg.latencies, []time.Duration{50 * time.Millisecond, time.Second}) ||
		!slices.Equal(cfg.smallSizes, []int{5, 100}) || cfg.account != 5000 {
		t.Errorf("parseFlags = %+v", cfg)
	}
	if cfg, err := parseFlags([]string{"-latency", "", "-small", ""}); err != nil || cfg.latencies != nil || cfg.smallSizes != nil {
		t.Errorf("empty -latency and -small: %+v, %v; want both runs skipped", cfg, err)
	}
	for _, bad := range [][]string{{"-n", "100,x"}, {"-n", "0"}, {"-reps", "0"}, {"-latency", "fast"}, {"-latency", "0s"}, {"-small", "5", "-account", "5"}, {"-small-reps", "0"}} {
		if _, err := parseFlags(bad); err == nil {
			t.Errorf("parseFlags(%v) accepted it", bad)
		}
	}
}

func TestTail(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "log")
	if err := os.WriteFile(path, []byte("one\ntwo\nthree\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		n    int
		want string
	}{{2, "two\nthree"}, {5, "one\ntwo\nthree"}}
	for _, tt := range tests {
		if got := tail(path, tt.n); got != tt.want {
			t.Errorf("tail(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestRatioTableJudgesTheTargetsAtAThousand(t *testing.T) {
	t.Parallel()
	cfg := config{sizes: []int{1000}}
	res := results{plans: map[sampleKey][]measurement{}}
	times := map[string]map[string]time.Duration{
		"refresh":        {"terraform_data": 4 * time.Second, "floor_min": 6 * time.Second, "floor_sequence": 10 * time.Second, "kraiter_sequence": 11 * time.Second},
		"-refresh=false": {"terraform_data": 4 * time.Second, "floor_min": 6 * time.Second, "floor_sequence": 10 * time.Second, "kraiter_sequence": 12 * time.Second},
	}
	for mode, byKind := range times {
		for k, d := range byKind {
			res.plans[sampleKey{1000, k, mode}] = []measurement{{wall: d, cli: d / 2, provider: d / 2}}
		}
	}
	table := ratioTable(cfg, res)
	want := [][]string{
		{"1000", "refresh", "1.50x", "1.67x", "1.10x", "1.10x", "<= 1.10x: met"},
		{"1000", "-refresh=false", "1.50x", "1.67x", "1.20x", "1.20x", "<= 1.10x: NOT met"},
	}
	for i, row := range want {
		if !slices.Equal(table.Rows[i], row) {
			t.Errorf("row %d = %v, want %v", i, table.Rows[i], row)
		}
	}
}

func TestShare(t *testing.T) {
	t.Parallel()
	if got := share(time.Second, 4*time.Second); got != "1.00 s (25%)" {
		t.Errorf("share = %q", got)
	}
	if got := share(time.Second, 0); got != "1.00 s" {
		t.Errorf("share of nothing = %q", got)
	}
}

func TestSpread(t *testing.T) {
	t.Parallel()
	ms := []measurement{{wall: 7 * time.Second}, {wall: 9 * time.Second}, {wall: 8 * time.Second}}
	if got := spread(ms); got != "8.00 s (7.00-9.00)" {
		t.Errorf("spread = %q", got)
	}
	if got := spread(nil); got != "-" {
		t.Errorf("spread of nothing = %q", got)
	}
}

func TestLatencyAndSmallTablesJudgeTheirTargets(t *testing.T) {
	t.Parallel()
	ms := func(ds ...time.Duration) []measurement {
		var out []measurement
		for _, d := range ds {
			out = append(out, measurement{wall: d})
		}
		return out
	}
	cfg := config{latencies: []time.Duration{50 * time.Millisecond, 200 * time.Millisecond}, smallSizes: []int{5}, account: 5000}
	res := results{
		latencyFloor: ms(8*time.Second, 9*time.Second, 7*time.Second),
		latency: map[time.Duration][]measurement{
			50 * time.Millisecond:  ms(10 * time.Second),
			200 * time.Millisecond: ms(12 * time.Second),
		},
		small: map[smallKey][]measurement{
			{5, false, 0}: ms(time.Second), {5, true, 0}: ms(1040 * time.Millisecond),
			{5, false, 50 * time.Millisecond}: ms(time.Second), {5, true, 50 * time.Millisecond}: ms(1100 * time.Millisecond),
		},
	}
	lat := latencyTable(cfg, res, 1000)
	if got := lat.Rows[0][3:]; !slices.Equal(got, []string{"1.25x", "0.00 s", "5.00 s", "<= 1.25x: met"}) {
		t.Errorf("50ms row = %v", got)
	}
	if got := lat.Rows[1][6]; got != "-" {
		t.Errorf("200ms row has target %q; it has none", got)
	}
	small := smallTable(cfg, res)
	if got := small.Rows[0][4:]; !slices.Equal(got, []string{"1.04x", "<= 1.05x: met"}) {
		t.Errorf("small row without latency = %v", got)
	}
	if got := small.Rows[1][4:]; !slices.Equal(got, []string{"1.10x", "<= 1.05x: NOT met"}) {
		t.Errorf("small row with latency = %v", got)
	}
}
