// Package action tests the scripts of the repository's composite action (action.yml) as the
// runner runs them: with its environment variables, a real kraiter, and a gh on the PATH that
// plays GitHub, serving a release's files and the pull request's comments.
package action

import (
	"archive/tar"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// kraiterBin is a kraiter built for the tests, at version 9.8.7.
var kraiterBin string

func TestMain(m *testing.M) {
	for _, tool := range []string{"bash", "jq", "tar", "sha256sum"} {
		if _, err := exec.LookPath(tool); err != nil {
			fmt.Printf("skipping the action's tests: no %s (%v)\n", tool, err)
			os.Exit(0)
		}
	}
	dir, err := os.MkdirTemp("", "kraiter-action-test")
	if err != nil {
		panic(err)
	}
	kraiterBin = filepath.Join(dir, "kraiter")
	build := exec.Command("go", "build", "-ldflags", "-X main.version=9.8.7", "-o", kraiterBin, "../cmd/kraiter")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Printf("build kraiter: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// runner is the environment of one step of the action: a temporary folder, the PATH with a
// fake gh first, and the files where GitHub reads outputs, PATH additions and the summary.
type runner struct {
	dir, bin string
	env      []string
}

func newRunner(t *testing.T, gh string) *runner {
	t.Helper()
	r := &runner{dir: t.TempDir()}
	r.bin = filepath.Join(r.dir, "bin")
	mustMkdir(t, r.bin)
	mustWrite(t, filepath.Join(r.bin, "gh"), "#!/usr/bin/env bash\nset -euo pipefail\n"+gh, 0o755)
	mustMkdir(t, filepath.Join(r.dir, "temp"))
	for _, name := range []string{"output", "path", "summary"} {
		mustWrite(t, filepath.Join(r.dir, name), "", 0o644)
	}
	r.env = []string{
		"PATH=" + r.bin + string(os.PathListSeparator) + os.Getenv("PATH"),
		"HOME=" + r.dir,
		"RUNNER_TEMP=" + filepath.Join(r.dir, "temp"),
		"GITHUB_OUTPUT=" + filepath.Join(r.dir, "output"),
		"GITHUB_PATH=" + filepath.Join(r.dir, "path"),
		"GITHUB_STEP_SUMMARY=" + filepath.Join(r.dir, "summary"),
		"GITHUB_SERVER_URL=https://github.com",
		"GITHUB_REPOSITORY=acme/sequences",
		"GITHUB_RUN_ID=77",
		"KRAITER_API_KEY=",
	}
	return r
}

// run runs a script of the action in dir with extra environment variables, and returns its
// output and whether it succeeded.
func (r *runner) run(t *testing.T, script, dir string, env ...string) (string, bool) {
	t.Helper()
	path, err := filepath.Abs(script)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path)
	cmd.Dir = dir
	cmd.Env = append(append([]string{}, r.env...), env...)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return string(out), err == nil
}

func (r *runner) read(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(r.dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// The runner's names for this machine's system and architecture.
func runnerPlatform(t *testing.T) (osName, arch string) {
	osName = map[string]string{"linux": "Linux", "darwin": "macOS"}[runtime.GOOS]
	arch = map[string]string{"amd64": "X64", "arm64": "ARM64"}[runtime.GOARCH]
	if osName == "" || arch == "" {
		t.Skipf("no runner platform for %s/%s", runtime.GOOS, runtime.GOARCH)
	}
	return osName, arch
}

// releaseGH is a gh that serves the files of release/ for `gh release download VERSION
// --repo kraiter/terraform-provider-kraiter --dir DIR --pattern P...`.
func releaseGH(release string) string {
	return `[ "$1 $2 $3 $4 $5" = "release download v9.8.7 --repo kraiter/terraform-provider-kraiter" ] || { echo "gh: unexpected $*" >&2; exit 1; }
shift 5
dir=.
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=$2 ;;
    --pattern) cp "` + release + `/$2" "$dir/" ;;
  esac
  shift 2
done
`
}

func TestInstallKraiter(t *testing.T) {
	osName, arch := runnerPlatform(t)
	archive := fmt.Sprintf("kraiter_9.8.7_%s_%s.tar.gz", runtime.GOOS, runtime.GOARCH)
	tests := []struct {
		name      string
		env       []string
		checksums func(sum string) string // the checksums file, given the archive's checksum
		tamper    bool                    // the archive differs from the one summed
		ok        bool
		output    string
	}{
		{
			name:      "installs the release",
			checksums: func(sum string) string { return "0000  other.zip\n" + sum + "  " + archive + "\n" },
			ok:        true,
			output:    "kraiter 9.8.7 (",
		},
		{
			name:      "an archive changed after its checksum",
			checksums: func(sum string) string { return sum + "  " + archive + "\n" },
			tamper:    true,
			output:    "::error::" + archive + " does not match its checksum in kraiter_9.8.7_checksums.txt: it was not installed.",
		},
		{
			name:      "no checksum of the archive",
			checksums: func(sum string) string { return sum + "  kraiter_9.8.7_plan9_amd64.tar.gz\n" },
			output:    "::error::kraiter_9.8.7_checksums.txt of the release v9.8.7 has no checksum of " + archive + ".",
		},
		{
			name:      "not a release",
			env:       []string{"KRAITER_VERSION=latest"},
			checksums: func(sum string) string { return sum + "  " + archive + "\n" },
			output:    `::error::The version input must name a release, such as v0.1.0, not "latest".`,
		},
		{
			name:      "an architecture without a release",
			env:       []string{"RUNNER_ARCH=RISCV64"},
			checksums: func(sum string) string { return sum + "  " + archive + "\n" },
			output:    `::error::kraiter has no release for the runner's architecture, "RISCV64".`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			release := t.TempDir()
			sum := writeArchive(t, filepath.Join(release, archive), kraiterBin)
			if tt.tamper {
				writeArchive(t, filepath.Join(release, archive), "../LICENSE")
			}
			mustWrite(t, filepath.Join(release, "kraiter_9.8.7_checksums.txt"), tt.checksums(sum), 0o644)

			r := newRunner(t, releaseGH(release))
			env := append([]string{"KRAITER_VERSION=v9.8.7", "RUNNER_OS=" + osName, "RUNNER_ARCH=" + arch}, tt.env...)
			out, ok := r.run(t, "install-kraiter.sh", r.dir, env...)
			if ok != tt.ok || !strings.Contains(out, tt.output) {
				t.Fatalf("succeeded %v, want %v; output:\n%s\nwant it to hold %q", ok, tt.ok, out, tt.output)
			}
			path := strings.TrimSpace(r.read(t, "path"))
			if !tt.ok {
				if path != "" {
					t.Errorf("a failed install added %s to the PATH", path)
				}
				return
			}
			if want := filepath.Join(r.dir, "temp", "kraiter-v9.8.7", "bin"); path != want {
				t.Errorf("added %q to the PATH, want %q", path, want)
			}
			if _, err := os.Stat(filepath.Join(path, "kraiter")); err != nil {
				t.Error(err)
			}
		})
	}
}

// writeArchive writes a release archive holding file as kraiter, and returns its SHA-256.
func writeArchive(t *testing.T, path, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.New()
	gz := gzip.NewWriter(io.MultiWriter(f, sum))
	tw := tar.NewWriter(gz)
	if err := tw.WriteHeader(&tar.Header{Name: "kraiter", Mode: 0o755, Size: int64(len(data))}); err != nil {
		t.Fatal(err)
	}
	if _, err := tw.Write(data); err != nil {
		t.Fatal(err)
	}
	for _, c := range []io.Closer{tw, gz, f} {
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return hex.EncodeToString(sum.Sum(nil))
}

const (
	goodSequence = "email {\n  template = \"tmpl_welcome\"\n}\n\ndelay {\n  duration = \"1d\"\n}\n\nemail {\n  template = \"tmpl_tips\"\n}\n"
	goodTest     = "sequence = \"welcome.kraiter.hcl\"\n\ntest \"the welcome, then the tips\" {\n  expect_sends = [\"tmpl_welcome\", \"tmpl_tips\"]\n}\n"
	plan         = "../internal/review/testdata/changes/tofu-1.10.10.plan.json"
)

func TestReview(t *testing.T) {
	planJSON, err := os.ReadFile(plan)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		files  map[string]string // the configuration's files
		env    []string
		failed bool
		holds  []string // what the review holds
		lacks  []string // what it does not
	}{
		{
			name:  "every check passes",
			files: map[string]string{"seq/welcome.kraiter.hcl": goodSequence, "seq/welcome.kraiter.test.hcl": goodTest, "plan.json": string(planJSON)},
			holds: []string{"## Kraiter sequences\n\n**Plan:** 1 to destroy, 1 to replace, 2 to update, 1 to create."},
			lacks: []string{"Failed"},
		},
		{
			name: "failed checks, here and before the action",
			files: map[string]string{
				"seq/welcome.kraiter.hcl":      "email {\n  template   = \"tmpl_welcome\"\n}\n",
				"seq/welcome.kraiter.test.hcl": goodTest,
				"seq/broken.kraiter.hcl":       "delay {\n  duration = \"2 days\"\n}\n",
				"plan.json":                    string(planJSON),
				"tf-test.log":                  "1 passed, 1 failed.\n",
			},
			env:    []string{"KRAITER_TITLE=Production", "KRAITER_FAILED=\nterraform test=tf-test.log\n"},
			failed: true,
			holds: []string{
				"## Production\n", "kraiter dsl fmt --check", "kraiter dsl validate", "kraiter dsl test", "terraform test", "1 passed, 1 failed.",
				"**Plan:** 1 to destroy",
			},
		},
		{
			name:   "no plan, and nothing to say why",
			files:  map[string]string{"seq/welcome.kraiter.hcl": goodSequence},
			failed: true,
			holds:  []string{"No plan JSON at plan.json in .: give the plan input the file that terraform show -json PLANFILE wrote."},
		},
		{
			name:   "no plan, as the plan failed",
			files:  map[string]string{"seq/welcome.kraiter.hcl": goodSequence, "plan.log": "Error: Invalid reference\n"},
			env:    []string{"KRAITER_FAILED=terraform plan=plan.log"},
			failed: true,
			holds:  []string{"terraform plan", "Error: Invalid reference", "No plan to review: planning did not finish."},
			lacks:  []string{"No plan JSON"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRunner(t, "echo 'gh: not called by the review' >&2; exit 1\n")
			r.env[0] = "PATH=" + filepath.Dir(kraiterBin) + string(os.PathListSeparator) + strings.TrimPrefix(r.env[0], "PATH=")
			work := filepath.Join(r.dir, "work")
			for name, content := range tt.files {
				mustMkdir(t, filepath.Dir(filepath.Join(work, name)))
				mustWrite(t, filepath.Join(work, name), content, 0o644)
			}
			env := append([]string{"KRAITER_WORKING_DIRECTORY=.", "KRAITER_PLAN=plan.json", "KRAITER_CONTACTS=review.contacts.hcl"}, tt.env...)
			out, ok := r.run(t, "review.sh", work, env...)
			if !ok {
				t.Fatalf("the review failed:\n%s", out)
			}
			review := filepath.Join(r.dir, "temp", "kraiter-review", "review.md")
			wantOutput := fmt.Sprintf("review=%s\nfailed=%v\n", review, tt.failed)
			if got := r.read(t, "output"); got != wantOutput {
				t.Errorf("outputs:\n%s\nwant:\n%s", got, wantOutput)
			}
			text := r.read(t, "temp/kraiter-review/review.md")
			if !strings.HasPrefix(text, "<!-- kraiter-review ") {
				t.Errorf("the review does not open with its marker:\n%.200s", text)
			}
			for _, want := range tt.holds {
				if !strings.Contains(text, want) {
					t.Errorf("the review lacks %q:\n%s", want, text)
				}
			}
			for _, unwanted := range tt.lacks {
				if strings.Contains(text, unwanted) {
					t.Errorf("the review holds %q:\n%s", unwanted, text)
				}
			}
			if r.read(t, "summary") != text {
				t.Error("the job's summary is not the review")
			}
		})
	}
}

// commentsGH is a gh that lists the comments of comments.json, applying the --jq filter with
// jq as gh does, and records the comments it is asked to write in calls.log, with their body.
const commentsGH = `dir=$(dirname "$0")
if [ "$2" = --method ]; then
  method=$3 endpoint=$4 input=$6
  echo "$method $endpoint" >>"$dir/calls.log"
  jq -r .body "$input" >"$dir/body.md"
  [ "$method" = POST ] && echo 99
  exit 0
fi
[ "$1 $2 $3" = "api --paginate repos/acme/sequences/issues/12/comments" ] || { echo "gh: unexpected $*" >&2; exit 1; }
jq -r "$5" "$dir/comments.json"
`

func TestComment(t *testing.T) {
	const pr = `{"pull_request": {"number": 12, "head": {"sha": "abc123"}}}`
	// The marker of the working directory "." without a title.
	marker := "<!-- kraiter-review " + fmt.Sprintf("%x", sha256.Sum256([]byte(".\n")))[:12] + " -->"
	tests := []struct {
		name     string
		event    string
		comments string
		review   string // the review's text; "" when there is none
		calls    string // the comments written
		body     string // the body written, from its start
	}{
		{
			name:   "not a pull request",
			event:  `{"push": {}}`,
			review: marker + "\n## Kraiter sequences\n",
		},
		{
			name:     "the first review",
			event:    pr,
			comments: `[{"id": 1, "body": "LGTM"}]`,
			review:   marker + "\n## Kraiter sequences\n\nNo Kraiter sequence changes.\n",
			calls:    "POST repos/acme/sequences/issues/12/comments\n",
			body:     marker + "\n## Kraiter sequences\n\nNo Kraiter sequence changes.\n",
		},
		{
			name:  "a review to update",
			event: pr,
			comments: `[{"id": 1, "body": "quoting ` + marker + `"}, {"id": 42, "body": "` + marker + `\nold"},
				{"id": 43, "body": "<!-- kraiter-review 000000000000 -->\nanother configuration"}]`,
			review: marker + "\n## Kraiter sequences\n\nnew\n",
			calls:  "PATCH repos/acme/sequences/issues/comments/42\n",
			body:   marker + "\n## Kraiter sequences\n\nnew\n",
		},
		{
			name:     "no review, as a step before failed",
			event:    pr,
			comments: `[{"id": 42, "body": "` + marker + `\nold"}]`,
			calls:    "PATCH repos/acme/sequences/issues/comments/42\n",
			body:     marker + "\n## Kraiter sequences\n\nThe review of abc123 failed: see the checks of [this run](https://github.com/acme/sequences/actions/runs/77).\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRunner(t, commentsGH)
			mustWrite(t, filepath.Join(r.bin, "comments.json"), tt.comments, 0o644)
			mustWrite(t, filepath.Join(r.dir, "event.json"), tt.event, 0o644)
			env := []string{"GITHUB_EVENT_PATH=" + filepath.Join(r.dir, "event.json"), "KRAITER_WORKING_DIRECTORY=.", "KRAITER_REVIEW="}
			if tt.review != "" {
				mustWrite(t, filepath.Join(r.dir, "review.md"), tt.review, 0o644)
				env[len(env)-1] = "KRAITER_REVIEW=" + filepath.Join(r.dir, "review.md")
			}
			out, ok := r.run(t, "comment.sh", r.dir, env...)
			if !ok {
				t.Fatalf("failed:\n%s", out)
			}
			calls, _ := os.ReadFile(filepath.Join(r.bin, "calls.log"))
			if string(calls) != tt.calls {
				t.Errorf("comments written:\n%s\nwant:\n%s\noutput:\n%s", calls, tt.calls, out)
			}
			if tt.body == "" {
				return
			}
			// jq -r adds a newline to what it prints.
			if body := r.read(t, "bin/body.md"); body != tt.body+"\n" {
				t.Errorf("body:\n%s\nwant:\n%s", body, tt.body)
			}
		})
	}
}

func mustMkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func mustWrite(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
}
