package main

import (
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"testing"
)

func TestParseArgs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args    []string
		want    []profileArg
		wantErr bool
	}{
		{[]string{"RefreshPlan=a.pprof", "Create=b.pprof"}, []profileArg{{"RefreshPlan", "a.pprof"}, {"Create", "b.pprof"}}, false},
		{nil, nil, true},
		{[]string{"a.pprof"}, nil, true},
		{[]string{"=a.pprof"}, nil, true},
		{[]string{"Plan="}, nil, true},
	}
	for _, tt := range tests {
		got, err := parseArgs(tt.args)
		if (err != nil) != tt.wantErr || len(got) != len(tt.want) {
			t.Errorf("parseArgs(%v) = %v, %v; want %v, error %v", tt.args, got, err, tt.want, tt.wantErr)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("parseArgs(%v)[%d] = %v, want %v", tt.args, i, got[i], tt.want[i])
			}
		}
	}
}

func TestRunWritesTheTopOfEachProfile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	profile := filepath.Join(dir, "cpu.pprof")
	f, err := os.Create(profile)
	if err != nil {
		t.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		t.Fatal(err)
	}
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "profile.md")
	if err := run("go test -cpuprofile cpu.pprof", out, 5, `^testing\.`, []string{"Plan=" + profile}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## Plan: top 5, flat", "## Plan: top 5, cumulative", "```text\n"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the page lacks %q:\n%s", want, data)
		}
	}
}

func TestRunSaysWhichProfileItCannotRead(t *testing.T) {
	t.Parallel()
	missing := filepath.Join(t.TempDir(), "missing.pprof")
	err := run("x", filepath.Join(t.TempDir(), "p.md"), 5, "", []string{"Plan=" + missing})
	if err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("run = %v, want an error naming %s", err, missing)
	}
}
