package main

import (
	"archive/zip"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteZipStoresFilesFlatWithTheirModes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	provider := writeFile(t, filepath.Join(dir, "build", "linux_amd64", "terraform-provider-kraiter_v0.1.0"), "binary", 0o755)
	notes := writeFile(t, filepath.Join(dir, "NOTES.txt"), "notes", 0o644)
	out := filepath.Join(dir, "package.zip")

	if err := writeZip(out, []string{provider, notes}); err != nil {
		t.Fatal(err)
	}

	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	want := []struct {
		name, content string
		mode          fs.FileMode
	}{
		{"terraform-provider-kraiter_v0.1.0", "binary", 0o755},
		{"NOTES.txt", "notes", 0o644},
	}
	if len(zr.File) != len(want) {
		t.Fatalf("archive holds %d files, want %d", len(zr.File), len(want))
	}
	for i, w := range want {
		f := zr.File[i]
		if f.Name != w.name || f.Mode() != w.mode {
			t.Errorf("entry %d is %s with mode %v, want %s with mode %v", i, f.Name, f.Mode(), w.name, w.mode)
		}
		if got := readEntry(t, f); got != w.content {
			t.Errorf("%s holds %q, want %q", f.Name, got, w.content)
		}
	}
}

func TestWriteZipFailsWithoutLeavingAnArchive(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := writeFile(t, filepath.Join(dir, "file"), "x", 0o644)
	tests := []struct {
		name    string
		out     string
		files   []string
		wantErr string
	}{
		{"missing file", filepath.Join(dir, "missing.zip"), []string{file, filepath.Join(dir, "absent")}, "add " + filepath.Join(dir, "absent")},
		{"directory", filepath.Join(dir, "dir.zip"), []string{dir}, "not a regular file"},
		{"output folder missing", filepath.Join(dir, "absent", "out.zip"), []string{file}, "create archive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := writeZip(tt.out, tt.files)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("writeZip() error = %v, want one containing %q", err, tt.wantErr)
			}
			if _, statErr := os.Stat(tt.out); !errors.Is(statErr, fs.ErrNotExist) {
				t.Errorf("%s is left behind (stat: %v)", tt.out, statErr)
			}
		})
	}
}

func writeFile(t *testing.T, path, content string, mode fs.FileMode) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	// WriteFile's mode is subject to the umask; set it exactly.
	if err := os.Chmod(path, mode); err != nil {
		t.Fatal(err)
	}
	return path
}

func readEntry(t *testing.T, f *zip.File) string {
	t.Helper()
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
