package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/kraiter/terraform-provider-kraiter/bench/usage"
)

func TestRunReportsTheChildAndItsStatus(t *testing.T) {
	t.Parallel()
	shell, err := os.Stat("/bin/sh")
	if err != nil || shell.IsDir() {
		t.Skip("no /bin/sh to run as the child")
	}
	tests := []struct {
		script   string
		wantCode int
	}{
		{"exit 0", 0},
		{"exit 3", 3},
	}
	for _, tt := range tests {
		report := filepath.Join(t.TempDir(), "usage.jsonl")
		code, err := run("/bin/sh", report, []string{"-c", tt.script})
		if err != nil || code != tt.wantCode {
			t.Errorf("run(sh -c %q) = %d, %v; want %d", tt.script, code, err, tt.wantCode)
		}
		records, err := usage.ReadAll(report)
		if err != nil {
			t.Fatal(err)
		}
		if len(records) != 1 || records[0].MaxRSSKiB <= 0 {
			t.Errorf("records = %+v, want one with the child's peak RSS", records)
		}
	}
}

func TestRunWantsItsSettings(t *testing.T) {
	t.Parallel()
	tests := []struct{ target, report string }{{"", "x"}, {"/bin/sh", ""}}
	for _, tt := range tests {
		if code, err := run(tt.target, tt.report, nil); err == nil || code != 2 {
			t.Errorf("run(%q, %q) = %d, %v; want 2 and an error", tt.target, tt.report, code, err)
		}
	}
}

func TestRunSaysWhenTheTargetCannotStart(t *testing.T) {
	t.Parallel()
	code, err := run(filepath.Join(t.TempDir(), "missing"), filepath.Join(t.TempDir(), "u"), nil)
	if err == nil || code != 1 {
		t.Errorf("run(missing) = %d, %v; want 1 and an error", code, err)
	}
}
