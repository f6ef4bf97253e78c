package usage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestAppendThenReadAll(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "usage.jsonl")
	want := []Record{
		{MaxRSSKiB: 51200, CPU: 1500 * time.Millisecond, WrapperCPU: 3 * time.Millisecond},
		{MaxRSSKiB: 40960, CPU: 200 * time.Millisecond, WrapperCPU: 2 * time.Millisecond},
	}
	for _, r := range want {
		if err := Append(path, r); err != nil {
			t.Fatal(err)
		}
	}
	got, err := ReadAll(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("ReadAll = %+v, want %+v", got, want)
	}
	total := Total(got)
	if total.MaxRSSKiB != 51200 || total.CPU != 1700*time.Millisecond || total.WrapperCPU != 5*time.Millisecond {
		t.Errorf("Total = %+v, want the peak of the peaks and the sums", total)
	}
}

func TestReadAllOfAMissingFileIsEmpty(t *testing.T) {
	t.Parallel()
	got, err := ReadAll(filepath.Join(t.TempDir(), "none"))
	if err != nil || len(got) != 0 {
		t.Errorf("ReadAll(missing) = %v, %v; want no records and no error", got, err)
	}
}

func TestReadAllNamesTheBadLine(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "usage.jsonl")
	if err := os.WriteFile(path, []byte("{\"maxRSSKiB\":1}\nnot json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadAll(path)
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("ReadAll = %v, want an error naming line 2", err)
	}
}

func TestParseStatCPU(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, stat string
		want       time.Duration
		wantErr    bool
	}{
		{"plain", "1234 (kraiter) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 8 0", 3 * time.Second, false},
		{"a command with spaces and parentheses", "99 (a (b) c) R 1 2 3 4 5 6 7 8 9 10 7 3 0 0", 100 * time.Millisecond, false},
		{"cut short", "99 (x) R 1 2 3", 0, true},
		{"no command", "garbage", 0, true},
		{"not a number", "99 (x) R 1 2 3 4 5 6 7 8 9 10 x 3 0", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseStatCPU(tt.stat)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("parseStatCPU = %v, %v; want %v, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestProcessCPUOfThisProcess(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc on this system")
	}
	if _, err := ProcessCPU(os.Getpid()); err != nil {
		t.Fatal(err)
	}
}
