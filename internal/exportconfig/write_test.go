package exportconfig

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "folder")
	content := []byte("no newline")
	files := map[string][]byte{"b.kraiter.hcl": content, "a.tf": []byte("ends\n")}
	names, err := Write(dir, files, false)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(names, []string{"a.tf", "b.kraiter.hcl"}) {
		t.Errorf("names %v", names)
	}
	for name, want := range map[string]string{"a.tf": "ends\n", "b.kraiter.hcl": "no newline\n"} {
		if got, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(got) != want {
			t.Errorf("%s holds %q (%v), want %q", name, got, err, want)
		}
	}
	if string(content) != "no newline" {
		t.Errorf("Write changed the caller's data to %q", content)
	}
}

// Without overwrite, existing files are named and nothing is written.
func TestWriteRefusesExistingFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "b.tf"), []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{"a.kraiter.hcl": []byte("a\n"), "b.tf": []byte("b\n")}

	_, err := Write(dir, files, false)
	var existing *ExistingFilesError
	if !errors.As(err, &existing) || existing.Dir != dir || !slices.Equal(existing.Names, []string{"b.tf"}) ||
		err.Error() != dir+" already holds b.tf" {
		t.Fatalf("Write: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "a.kraiter.hcl")); !os.IsNotExist(err) {
		t.Error("a refused export wrote a file")
	}

	if _, err := Write(dir, files, true); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "b.tf")); string(got) != "b\n" {
		t.Errorf("overwrite: b.tf holds %q", got)
	}
}

func TestWriteSaysWhereItFailed(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(file, "sub") // a file stands where a folder should be
	if _, err := Write(dir, map[string][]byte{"a.tf": nil}, false); err == nil || !strings.HasPrefix(err.Error(), "create "+dir+": ") {
		t.Errorf("Write under a file: %v", err)
	}
}
