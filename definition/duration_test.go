package definition_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

func TestParseDuration(t *testing.T) {
	t.Parallel()
	day := 24 * time.Hour
	tests := []struct {
		in      string
		want    time.Duration
		wantErr string
	}{
		{in: "0d", want: 0},
		{in: "0m", want: 0},
		{in: "30m", want: 30 * time.Minute},
		{in: "12h", want: 12 * time.Hour},
		{in: "2d", want: 2 * day},
		{in: "1w", want: 7 * day},
		{in: "007h", want: 7 * time.Hour},
		{in: "3650d", want: definition.MaxDuration},
		{in: "87600h", want: definition.MaxDuration},
		{in: "5256000m", want: definition.MaxDuration},
		{in: "521w", want: 521 * 7 * day},

		{in: "3651d", wantErr: "is too long"},
		{in: "522w", wantErr: "is too long"},
		{in: "99999999w", wantErr: "is too long"},
		{in: "99999999999999999999999d", wantErr: "is too long"},

		{in: "", wantErr: "is not a duration"},
		{in: "d", wantErr: "is not a duration"},
		{in: "2", wantErr: "is not a duration"},
		{in: "2 days", wantErr: "is not a duration"},
		{in: "2 d", wantErr: "is not a duration"},
		{in: "1y", wantErr: "is not a duration"},
		{in: "1s", wantErr: "is not a duration"},
		{in: "1D", wantErr: "is not a duration"},
		{in: "-1d", wantErr: "is not a duration"},
		{in: "+1d", wantErr: "is not a duration"},
		{in: "1.5d", wantErr: "is not a duration"},
		{in: "1e2d", wantErr: "is not a duration"},
		{in: " 1d", wantErr: "is not a duration"},
		{in: "1d ", wantErr: "is not a duration"},
		{in: "1h30m", wantErr: "is not a duration"},
		{in: "١d", wantErr: "is not a duration"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := definition.ParseDuration(tt.in)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("ParseDuration(%q) = %v, want an error", tt.in, got)
				}
				for _, s := range []string{tt.wantErr, `"` + tt.in + `"`} {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("error %q does not contain %q", err, s)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDuration(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseDuration(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestCanonicalDuration(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"2d", "2d"},
		{"02d", "2d"},
		{"0000d", "0d"},
		{"0w", "0d"}, // every zero is "0d"
		{"0010m", "10m"},
		{"24h", "24h"}, // the unit stays as written
	}
	for _, tt := range tests {
		got, err := definition.CanonicalDuration(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("CanonicalDuration(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if got, err := definition.CanonicalDuration("2 days"); err == nil {
		t.Errorf("CanonicalDuration(\"2 days\") = %q, want an error", got)
	}
}
