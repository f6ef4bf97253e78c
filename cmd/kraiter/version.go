package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// Set at build time, by make and by the release, with -ldflags "-X main.version=... -X
// main.commit=... -X main.date=...": the version, the commit it was built from and that
// commit's date (RFC 3339). Whatever is not set comes from the build information (see
// readVersion), which lacks the commit in a build without git, such as one from a source
// archive.
var version, commit, date string

// versionInfo says which build of kraiter runs.
type versionInfo struct {
	Version string `json:"version"`
	// Commit is the VCS revision the binary was built from; "" when unknown.
	Commit string `json:"commit"`
	// Date is the commit's date, in RFC 3339; "" when unknown.
	Date string `json:"date"`
	// Dirty tells that the working tree had changes that no commit holds.
	Dirty     bool   `json:"dirty"`
	GoVersion string `json:"go"`
}

// shortCommit is how many hex digits of a commit the text shows, as Go's pseudo-versions do.
const shortCommit = 12

// String is what kraiter version prints after the program's name: VERSION (COMMIT, DATE, GO),
// the date as a day, and left out when unknown.
func (v versionInfo) String() string {
	commit := v.Commit
	if len(commit) > shortCommit {
		commit = commit[:shortCommit]
	}
	if commit == "" {
		commit = "unknown commit"
	}
	if v.Dirty {
		commit += "-dirty"
	}
	parts := []string{commit}
	if v.Date != "" {
		day := v.Date
		if t, err := time.Parse(time.RFC3339, v.Date); err == nil {
			day = t.UTC().Format(time.DateOnly)
		}
		parts = append(parts, day)
	}
	return fmt.Sprintf("%s (%s)", v.Version, strings.Join(append(parts, v.GoVersion), ", "))
}

// readVersion describes this binary.
func readVersion() versionInfo {
	info, _ := debug.ReadBuildInfo() // nil when the binary records none
	return resolveVersion(versionInfo{Version: version, Commit: commit, Date: date}, info)
}

// resolveVersion completes what -ldflags set. The version, when not set, is the module's
// (set by go install ...@v1.2.3, and by go build in a checkout since Go 1.24), else "dev";
// the commit and its date, when not set, come from the VCS stamp of a build in a checkout.
// The stamp's dirty flag counts only for the commit it names.
func resolveVersion(ldflags versionInfo, info *debug.BuildInfo) versionInfo {
	v := ldflags
	v.GoVersion = runtime.Version()
	if info != nil {
		if v.Version == "" && info.Main.Version != "(devel)" {
			v.Version = info.Main.Version
		}
		if info.GoVersion != "" {
			v.GoVersion = info.GoVersion
		}
		var stamp struct {
			revision, time string
			modified       bool
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				stamp.revision = s.Value
			case "vcs.time":
				stamp.time = s.Value
			case "vcs.modified":
				stamp.modified = s.Value == "true"
			}
		}
		if v.Commit == "" {
			v.Commit = stamp.revision
		}
		if v.Commit == stamp.revision {
			v.Dirty = stamp.modified
			if v.Date == "" {
				v.Date = stamp.time
			}
		}
	}
	if v.Version == "" {
		v.Version = "dev"
	}
	return v
}

func newVersionCmd(v versionInfo) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version of kraiter",
		Long: `Print the version of kraiter, the commit it was built from, that commit's date and the Go
version that built it, as "kraiter VERSION (COMMIT, DATE, GO)"; kraiter --version prints
the same.

--format json writes {"version": "v1.2.3", "commit": "<full revision>",
"date": "2026-01-02T03:04:05Z", "dirty": false, "go": "go1.26.0"}, with "commit" and
"date" empty when the build does not record them.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format == formatJSON {
				return writeJSON(cmd.OutOrStdout(), v)
			}
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "%s %s\n", cmd.Root().Name(), v)
			return err
		},
	}
	addEnumFlag(cmd, &format, "format", formatText, "output format", formatText, formatJSON)
	return cmd
}
