package provider

import (
	"errors"
	"iter"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// countingSeq yields 1..n, then err if it is set, and counts the items the loop asked for.
func countingSeq(n int, err error, asked *int) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for i := 1; i <= n; i++ {
			*asked = i
			if !yield(i, nil) {
				return
			}
		}
		if err != nil {
			yield(0, err)
		}
	}
}

func TestCollect(t *testing.T) {
	t.Parallel()
	double := func(i *int) int { return 2 * *i }
	failure := errors.New("page 2 failed")
	tests := []struct {
		name      string
		n         int
		err       error
		limit     types.Int64
		want      []int
		wantAsked int
		wantErr   error
	}{
		{"no limit reads everything", 5, nil, types.Int64Null(), []int{2, 4, 6, 8, 10}, 5, nil},
		{"limit stops early", 5, nil, types.Int64Value(2), []int{2, 4}, 2, nil},
		{"limit beyond the end", 3, nil, types.Int64Value(10), []int{2, 4, 6}, 3, nil},
		{"empty is an empty list", 0, nil, types.Int64Null(), []int{}, 0, nil},
		{"error ends the listing", 3, failure, types.Int64Null(), nil, 3, failure},
		{"limit reached before the error", 3, failure, types.Int64Value(3), []int{2, 4, 6}, 3, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			asked := 0
			got, err := collect(countingSeq(tt.n, tt.err, &asked), tt.limit, double)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("error %v, want %v", err, tt.wantErr)
			}
			if !slices.Equal(got, tt.want) || (got == nil) != (tt.want == nil) {
				t.Errorf("collect = %#v, want %#v", got, tt.want)
			}
			if asked != tt.wantAsked {
				t.Errorf("the loop asked for %d items, want %d", asked, tt.wantAsked)
			}
		})
	}
}

func TestPageSize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		limit types.Int64
		want  int
	}{
		{types.Int64Null(), client.MaxPageSize},
		{types.Int64Unknown(), client.MaxPageSize},
		{types.Int64Value(1), 1},
		{types.Int64Value(42), 42},
		{types.Int64Value(client.MaxPageSize), client.MaxPageSize},
		{types.Int64Value(5000), client.MaxPageSize},
	}
	for _, tt := range tests {
		if got := pageSize(tt.limit); got != tt.want {
			t.Errorf("pageSize(%s) = %d, want %d", tt.limit, got, tt.want)
		}
	}
}
