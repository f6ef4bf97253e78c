package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestParseFlags(t *testing.T) {
	cfg, err := parseFlags([]string{"-n", "1000, 100", "-reps", "3", "-latency-parallelism", "5"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(cfg.sizes, []int{100, 1000}) || cfg.reps != 3 || !slices.Equal(cfg.parallelisms, []int{5}) || cfg.latency != 50*time.Millisecond {
		t.Errorf("parseFlags = %+v", cfg)
	}
	for _, bad := range [][]string{{"-n", "100,x"}, {"-n", "0"}, {"-reps", "0"}, {"-latency-parallelism", ""}} {
		if _, err := parseFlags(bad); err == nil {
			t.Errorf("parseFlags(%v) accepted it", bad)
		}
	}
}

func TestTail(t *testing.T) {
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
	cfg := config{sizes: []int{1000}}
	res := results{plans: map[sampleKey][]measurement{}}
	times := map[string]map[string]time.Duration{
		"refresh":        {"terraform_data": 4 * time.Second, "floor_min": 6 * time.Second, "floor_sequence": 10 * time.Second, "kraiter_sequence": 11 * time.Second},
		"-refresh=false": {"terraform_data": 4 * time.Second, "floor_min": 6 * time.Second, "floor_sequence": 10 * time.Second, "kraiter_sequence": 12 * time.Second},
	}
	for mode, byKind := range times {
		for k, d := range byKind {
			res.plans[sampleKey{1000, k, mode}] = []measurement{{wall: d}}
		}
	}
	table := ratioTable(cfg, res)
	want := [][]string{
		{"1000", "refresh", "1.50x", "1.67x", "1.10x", "<= 1.15x: met"},
		{"1000", "-refresh=false", "1.50x", "1.67x", "1.20x", "<= 1.10x: NOT met"},
	}
	for i, row := range want {
		if !slices.Equal(table.Rows[i], row) {
			t.Errorf("row %d = %v, want %v", i, table.Rows[i], row)
		}
	}
}

func TestShare(t *testing.T) {
	if got := share(time.Second, 4*time.Second); got != "1.00 s (25%)" {
		t.Errorf("share = %q", got)
	}
	if got := share(time.Second, 0); got != "1.00 s" {
		t.Errorf("share of nothing = %q", got)
	}
}

func TestSpread(t *testing.T) {
	ms := []measurement{{wall: 7 * time.Second}, {wall: 9 * time.Second}, {wall: 8 * time.Second}}
	if got := spread(ms); got != "8.00 s (7.00-9.00)" {
		t.Errorf("spread = %q", got)
	}
	if got := spread(nil); got != "-" {
		t.Errorf("spread of nothing = %q", got)
	}
}
