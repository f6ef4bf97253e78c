package main

import (
	"encoding/json"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
)

func TestResolveVersion(t *testing.T) {
	const rev = "0123456789abcdef0123456789abcdef01234567"
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	tests := []struct {
		name    string
		ldflags string
		info    *debug.BuildInfo
		want    versionInfo
		text    string
	}{
		{
			name:    "ldflags win",
			ldflags: "0.1.0",
			info:    &debug.BuildInfo{GoVersion: "go1.26.0", Main: debug.Module{Version: "v1.2.3"}, Settings: vcs("false")},
			want:    versionInfo{Version: "0.1.0", Commit: rev, GoVersion: "go1.26.0"},
			text:    "0.1.0 (0123456789ab, go1.26.0)",
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
			want: versionInfo{Version: "v0.0.0-20260101000000-0123456789ab+dirty", Commit: rev, Dirty: true, GoVersion: "go1.26.0"},
			text: "v0.0.0-20260101000000-0123456789ab+dirty (0123456789ab-dirty, go1.26.0)",
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

func TestVersionCommand(t *testing.T) {
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
	for _, key := range []string{`"version"`, `"commit"`, `"dirty"`, `"go"`} {
		if !strings.Contains(out, key) {
			t.Errorf("--format json lacks %s: %s", key, out)
		}
	}
}
