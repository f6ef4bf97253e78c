package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExtract(t *testing.T) {
	tests := []struct {
		name   string
		action string
		files  map[string]string // step file names to their content after the header
		err    string
	}{
		{
			name: "run blocks, not uses steps",
			action: `runs:
  using: composite
  steps:
    - uses: actions/checkout@v6
    - name: Install
      shell: bash
      env: {VERSION: "${{ inputs.version }}"}
      run: '"$GITHUB_ACTION_PATH/install.sh"'
    - name: Check
      shell: bash
      run: |
        echo "$VERSION"
        exit 1
`,
			files: map[string]string{"step-2.sh": `"$GITHUB_ACTION_PATH/install.sh"`, "step-3.sh": "echo \"$VERSION\"\nexit 1\n"},
		},
		{
			name: "an expression in a run block",
			action: `runs:
  using: composite
  steps:
    - name: Greet
      shell: bash
      run: echo "${{ inputs.title }}"
`,
			err: `step 1 ("Greet"): its run block holds a ${{ }} expression; pass the value through env and read the variable`,
		},
		{
			name: "another shell",
			action: `runs:
  using: composite
  steps:
    - name: Greet
      shell: pwsh
      run: Write-Output hi
`,
			err: `step 1 ("Greet"): shell is "pwsh"; the run blocks are checked as bash, so use shell: bash`,
		},
		{
			name:   "not composite",
			action: "runs:\n  using: node24\n  main: index.js\n",
			err:    `runs.using is "node24"; only a composite action has run blocks`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "action.yml")
			if err := os.WriteFile(file, []byte(tt.action), 0o644); err != nil {
				t.Fatal(err)
			}
			out := t.TempDir()
			paths, err := extract(file, out)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one holding %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(paths) != len(tt.files) {
				t.Errorf("paths %v, want %d", paths, len(tt.files))
			}
			for name, want := range tt.files {
				got, err := os.ReadFile(filepath.Join(out, name))
				if err != nil {
					t.Fatal(err)
				}
				header, body, _ := strings.Cut(strings.TrimPrefix(string(got), "#!/usr/bin/env bash\n"), "\n")
				if body != want || !strings.HasPrefix(header, "# "+file+": step ") {
					t.Errorf("%s:\n%s\nwant the body:\n%s", name, got, want)
				}
			}
		})
	}
}

// The repository's own action passes.
func TestTheAction(t *testing.T) {
	if _, err := extract("../../action.yml", t.TempDir()); err != nil {
		t.Error(err)
	}
}
