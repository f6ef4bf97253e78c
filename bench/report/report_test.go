package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   []int
		want int
	}{
		{nil, 0},
		{[]int{7}, 7},
		{[]int{3, 1, 2}, 2},
		{[]int{4, 1, 3, 2}, 2}, // (2+3)/2 in integers
		{[]int{10, 30, 20, 40}, 25},
	}
	for _, tt := range tests {
		if got := Median(tt.in); got != tt.want {
			t.Errorf("Median(%v) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestMedianLeavesItsInputAlone(t *testing.T) {
	t.Parallel()
	in := []int{3, 1, 2}
	Median(in)
	if in[0] != 3 || in[1] != 1 || in[2] != 2 {
		t.Errorf("Median reordered its input: %v", in)
	}
}

func TestPercentile(t *testing.T) {
	t.Parallel()
	sorted := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	tests := []struct {
		p    float64
		want int
	}{{50, 5}, {99, 10}, {10, 1}, {100, 10}, {0.1, 1}}
	for _, tt := range tests {
		if got := Percentile(sorted, tt.p); got != tt.want {
			t.Errorf("Percentile(1..10, %v) = %d, want %d", tt.p, got, tt.want)
		}
	}
	if got := Percentile([]int{}, 50); got != 0 {
		t.Errorf("Percentile of nothing = %d, want 0", got)
	}
}

func TestFormats(t *testing.T) {
	t.Parallel()
	tests := []struct{ got, want string }{
		{Seconds(4270 * time.Millisecond), "4.27 s"},
		{Millis(2500 * time.Microsecond), "2.50 ms"},
		{Millis(42 * time.Millisecond), "42.0 ms"},
		{Ratio(3, 2), "1.50x"},
		{Ratio(1, 0), "n/a"},
		{MiB(3 << 20), "3.0 MiB"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestTableMarkdown(t *testing.T) {
	t.Parallel()
	tb := &Table{Header: []string{"kind", "time"}}
	tb.Add("a|b", "1 s")
	want := "| kind | time |\n| --- | --- |\n| a\\|b | 1 s |\n"
	if got := tb.Markdown(); got != want {
		t.Errorf("Markdown() =\n%s\nwant\n%s", got, want)
	}
}

func TestTableAddRefusesARowOfTheWrongWidth(t *testing.T) {
	t.Parallel()
	defer func() {
		if recover() == nil {
			t.Error("Add with one cell in a two-column table did not panic")
		}
	}()
	tb := &Table{Header: []string{"a", "b"}}
	tb.Add("only one")
}

func TestPageWrite(t *testing.T) {
	t.Parallel()
	tb := &Table{Header: []string{"x"}}
	tb.Add("1")
	p := &Page{
		Title: "Load", Command: "go run ./bench/load", Machine: Machine{CPU: "Test CPU", Cores: 2, Go: "go1.26", OS: "linux/amd64"},
		Source: "commit abc1234", Setup: []string{"CLI: OpenTofu v1.10.10"}, At: time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC),
	}
	p.Add(Section{Heading: "Requests", Text: "Some text.", Table: tb})
	path := filepath.Join(t.TempDir(), "sub", "load.md")
	if err := p.Write(path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# Load\n", "- Command: `go run ./bench/load`\n", "- Machine: Test CPU, 2 cores, go1.26, linux/amd64\n", "- Source: commit abc1234\n",
		"- CLI: OpenTofu v1.10.10\n", "- Taken: 2026-01-02 03:04 UTC\n", "\n## Requests\n\nSome text.\n\n| x |\n"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the page lacks %q:\n%s", want, data)
		}
	}
}

func TestGoRunCommandQuotesWhatTheShellWouldSplit(t *testing.T) {
	t.Parallel()
	got := GoRunCommand("./bench/plan", []string{"-n", "100,1000", "-note", "it's here", ""})
	want := `go run ./bench/plan -n 100,1000 -note 'it'\''s here' ''`
	if got != want {
		t.Errorf("GoRunCommand = %s, want %s", got, want)
	}
}

func TestCPUModel(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	withModel := filepath.Join(dir, "cpuinfo")
	if err := os.WriteFile(withModel, []byte("processor\t: 0\nmodel name\t: Test CPU @ 2GHz\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ path, want string }{
		{withModel, "Test CPU @ 2GHz"},
		{filepath.Join(dir, "missing"), "unknown CPU"},
	}
	for _, tt := range tests {
		if got := cpuModel(tt.path); got != tt.want {
			t.Errorf("cpuModel(%s) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

func TestSource(t *testing.T) {
	t.Chdir(t.TempDir())
	if got := Source(); got != "unknown (not a git checkout)" {
		t.Errorf("Source outside a checkout = %q", got)
	}
}
