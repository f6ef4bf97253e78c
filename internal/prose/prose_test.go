package prose

import "testing"

func TestJoin(t *testing.T) {
	t.Parallel()
	tests := []struct {
		items []string
		conj  string
		want  string
	}{
		{nil, "and", ""},
		{[]string{"a"}, "and", "a"},
		{[]string{"a", "b"}, "and", "a and b"},
		{[]string{"a", "b", "c"}, "and", "a, b and c"},
		{[]string{"a", "b", "c"}, "or", "a, b or c"},
	}
	for _, tt := range tests {
		if got := Join(tt.items, tt.conj); got != tt.want {
			t.Errorf("Join(%q, %q) = %q, want %q", tt.items, tt.conj, got, tt.want)
		}
	}
}

func TestQuoted(t *testing.T) {
	t.Parallel()
	if got, want := Quoted([]string{"text", "json", `a"b`}, "or"), `"text", "json" or "a\"b"`; got != want {
		t.Errorf("Quoted = %q, want %q", got, want)
	}
	if got := Quoted(nil, "or"); got != "" {
		t.Errorf("Quoted(nil) = %q, want empty", got)
	}
}

func TestCount(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]string{0: "0 tests", 1: "1 test", 2: "2 tests"} {
		if got := Count(n, "test"); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}
