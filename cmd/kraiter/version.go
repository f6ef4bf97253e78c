package main

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=..."; when it is not, the
// version comes from the build information (see readVersion).
var version string

// versionInfo says which build of kraiter runs.
type versionInfo struct {
	Version string `json:"version"`
	// Commit is the VCS revision the binary was built from; "" when unknown.
	Commit string `json:"commit"`
	// Dirty tells that the working tree had changes that no commit holds.
	Dirty     bool   `json:"dirty"`
	GoVersion string `json:"go"`
}

// shortCommit is how many hex digits of a commit the text shows, as Go's pseudo-versions do.
const shortCommit = 12

// String is what kraiter version prints after the program's name: VERSION (COMMIT, GO).
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
	return fmt.Sprintf("%s (%s, %s)", v.Version, commit, v.GoVersion)
}

// readVersion describes this binary.
func readVersion() versionInfo {
	info, _ := debug.ReadBuildInfo() // nil when the binary records none
	return resolveVersion(version, info)
}

// resolveVersion takes the version from -ldflags when set, else the module's version (set by
// go install ...@v1.2.3, and by go build in a checkout since Go 1.24), else "dev"; the commit
// and dirty flag come from the VCS stamp of a build in a checkout.
func resolveVersion(ldflags string, info *debug.BuildInfo) versionInfo {
	v := versionInfo{Version: ldflags, GoVersion: runtime.Version()}
	if info != nil {
		if v.Version == "" && info.Main.Version != "(devel)" {
			v.Version = info.Main.Version
		}
		if info.GoVersion != "" {
			v.GoVersion = info.GoVersion
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				v.Commit = s.Value
			case "vcs.modified":
				v.Dirty = s.Value == "true"
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
		Long: `Print the version of kraiter, the commit it was built from and the Go version that built
it, as "kraiter VERSION (COMMIT, GO)"; kraiter --version prints the same.

--format json writes {"version": "v1.2.3", "commit": "<full revision>", "dirty": false,
"go": "go1.26.0"}, with "commit" empty when the build does not record it.`,
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
