package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestResolveVersion(t *testing.T) {
	t.Parallel()
	const (
		rev   = "0123456789abcdef0123456789abcdef01234567"
		other = "fedcba9876543210fedcba9876543210fedcba98"
		when  = "2026-01-02T03:04:05Z"
	)
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.time", Value: when}, {Key: "vcs.modified", Value: modified}}
	}
	tests := []struct {
		name    string
		ldflags versionInfo
		info    *debug.BuildInfo
		want    versionInfo
		text    string
	}{
		{
			name:    "release: ldflags give everything",
			ldflags: versionInfo{Version: "0.1.0", Commit: other, Date: "2026-03-04T05:06:07+02:00"},
			info:    &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.3"}},
			want:    versionInfo{Version: "0.1.0", Commit: other, Date: "2026-03-04T05:06:07+02:00", GoVersion: "go1.26.0"},
			text:    "0.1.0 (fedcba987654, 2026-03-04, go1.26.0)",
		},
		{
			name:    "ldflags commit over another stamp: the stamp's dirty flag and date are not its",
			ldflags: versionInfo{Version: "0.1.0", Commit: other},
			info:    &debug.BuildInfo{GoVersion: "go1.26.0", Settings: vcs("true")},
			want:    versionInfo{Version: "0.1.0", Commit: other, GoVersion: "go1.26.0"},
			text:    "0.1.0 (fedcba987654, go1.26.0)",
		},
		{
			name:    "make build: ldflags version and commit, the stamp's date",
			ldflags: versionInfo{Version: "0.1.0", Commit: rev},
			info:    &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.3"}, Settings: vcs("false")},
			want:    versionInfo{Version: "0.1.0", Commit: rev, Date: when, GoVersion: "go1.26.0"},
			text:    "0.1.0 (0123456789ab, 2026-01-02, go1.26.0)",
		},
		{
			name:    "ldflags version only",
			ldflags: versionInfo{Version: "0.1.0"},
			info:    &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.3"}, Settings: vcs("false")},
			want:    versionInfo{Version: "0.1.0", Commit: rev, Date: when, GoVersion: "go1.26.0"},
			text:    "0.1.0 (0123456789ab, 2026-01-02, go1.26.0)",
		},
		{
			name:    "a date that is no RFC 3339 is shown as it is",
			ldflags: versionInfo{Version: "0.1.0", Commit: rev, Date: "yesterday"},
			want:    versionInfo{Version: "0.1.0", Commit: rev, Date: "yesterday", GoVersion: runtime.Version()},
			text:    "0.1.0 (0123456789ab, yesterday, " + runtime.Version() + ")",
		},
		{
			name: "go install of a release",
			info: &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.3"}},
			want: versionInfo{Version: "v1.2.3", GoVersion: "go1.26.0"},
			text: "v1.2.3 (unknown commit, go1.26.0)",
		},
		{
			name: "local build with changes",
			info: &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v0.0.0-20260101000000-0123456789ab+dirty"}, Settings: vcs("true")},
			want: versionInfo{Version: "v0.0.0-20260101000000-0123456789ab+dirty", Commit: rev, Date: when, Dirty: true, GoVersion: "go1.26.0"},
			text: "v0.0.0-20260101000000-0123456789ab+dirty (0123456789ab-dirty, 2026-01-02, go1.26.0)",
		},
		{
			name: "go run",
			info: &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "(devel)"}},
			want: versionInfo{Version: "dev", GoVersion: "go1.26.0"},
			text: "dev (unknown commit, go1.26.0)",
		},
		{
			name: "no build information",
			want: versionInfo{Version: "dev", GoVersion: runtime.Version()},
			text: "dev (unknown commit, " + runtime.Version() + ")",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := resolveVersion(tt.ldflags, tt.info)
			if got != tt.want {
				t.Errorf("resolveVersion = %+v, want %+v", got, tt.want)
			}
			if got.String() != tt.text {
				t.Errorf("String() = %q, want %q", got.String(), tt.text)
			}
		})
	}
}

// The commit and date that make and the release set with -ldflags reach kraiter version, in
// a build where git stamps nothing.
func TestVersionFromLdflags(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds kraiter")
	}
	bin := filepath.Join(t.TempDir(), "kraiter")
	const ldflags = "-X main.version=9.8.7 -X main.commit=0123456789abcdef0123456789abcdef01234567 -X main.date=2026-01-02T03:04:05Z"
	build := exec.Command("go", "build", "-buildvcs=false", "-ldflags", ldflags, "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if want := "kraiter 9.8.7 (0123456789ab, 2026-01-02, "; err != nil || !strings.HasPrefix(string(out), want) {
		t.Errorf("kraiter version: %v, %q; want it to start with %q", err, out, want)
	}
}

func TestVersionCommand(t *testing.T) {
	t.Parallel()
	want := "kraiter " + readVersion().String() + "\n"
	for _, args := range [][]string{{"version"}, {"--version"}, {"-v"}} {
		if out, errOut, code := runKraiter(t, "", args...); code != 0 || out != want {
			t.Errorf("kraiter %v: exit %d, stderr %q, stdout %q; want %q", args, code, errOut, out, want)
		}
	}
	if !strings.Contains(want, runtime.Version()) {
		t.Errorf("the version does not name the Go version: %q", want)
	}

	out, errOut, code := runKraiter(t, "", "version", "--format", "json")
	var got versionInfo
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil || got != readVersion() {
		t.Errorf("--format json: exit %d, stderr %q, stdout %q", code, errOut, out)
	}
	for _, key := range []string{`"version"`, `"commit"`, `"date"`, `"dirty"`, `"go"`} {
		if !strings.Contains(out, key) {
			t.Errorf("--format json lacks %s: %s", key, out)
		}
	}
}
