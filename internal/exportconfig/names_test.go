package exportconfig

import (
	"strings"
	"testing"
)

func TestResourceName(t *testing.T) {
	t.Parallel()
	tests := []struct{ id, want string }{
		{"seq_onboarding", "seq_onboarding"},
		{"Seq-A", "Seq-A"},
		{"_private", "_private"},
		{"9lives", "s_9lives"},
		{"-x", "s_-x"},
		{"0", "s_0"},
	}
	for _, tt := range tests {
		if got := resourceName(tt.id); got != tt.want {
			t.Errorf("resourceName(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
}

func TestUniqueName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		key  func(string) string
		ids  []string
		want string
	}{
		{"ids that map to one name", identity, []string{"s_9lives", "9lives", "-x", "seq_a"}, "s_9lives s_9lives_2 s_-x seq_a"},
		{"a name taken by a suffix", identity, []string{"a", "a", "a_2", "a"}, "a a_2 a_2_2 a_3"},
		{"case kept apart", identity, []string{"A", "a"}, "A a"},
		{"case folded", strings.ToLower, []string{"A", "a", "a_2"}, "A a_2 a_2_2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			taken := map[string]bool{}
			var got []string
			for _, id := range tt.ids {
				got = append(got, uniqueName(resourceName(id), taken, tt.key))
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("names = %v, want %s", got, tt.want)
			}
		})
	}
}
