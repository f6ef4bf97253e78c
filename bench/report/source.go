package report

import (
	"os"
	"os/exec"
	"strings"
)

// Source names the code measured: the commit checked out in the working directory, and
// whether the working tree differs from it. It never takes git's locks, so that it cannot get
// in the way of someone committing meanwhile.
func Source() string {
	head, err := git("rev-parse", "--short", "HEAD")
	if err != nil || head == "" {
		return "unknown (not a git checkout)"
	}
	if status, err := git("status", "--porcelain", "--untracked-files=no"); err == nil && status != "" {
		return "commit " + head + " with uncommitted changes"
	}
	return "commit " + head
}

func git(args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0")
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}
