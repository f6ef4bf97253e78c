package exportconfig

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	t.Parallel()
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
	t.Parallel()
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
	t.Parallel()
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(file, "sub") // a file stands where a folder should be
	if _, err := Write(dir, map[string][]byte{"a.tf": nil}, false); err == nil || !strings.HasPrefix(err.Error(), "create "+dir+": ") {
		t.Errorf("Write under a file: %v", err)
	}
}

// oldExport is a folder holding a previous export: ten DSL files and the configuration, each
// holding "old".
func oldExport(t *testing.T) (dir string, files map[string][]byte) {
	t.Helper()
	dir = t.TempDir()
	files = map[string][]byte{ConfigFile: []byte("new\n")}
	for i := range 10 {
		name := fmt.Sprintf("seq_%d.kraiter.hcl", i)
		files[name] = []byte("new\n")
		if err := os.WriteFile(filepath.Join(dir, name), []byte("old\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir, files
}

// checkUnchanged checks that dir holds what oldExport left, besides the entries in extra,
// and no temporary folder.
func checkUnchanged(t *testing.T, dir string, extra ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if slices.Contains(extra, e.Name()) {
			continue
		}
		if got, err := os.ReadFile(filepath.Join(dir, e.Name())); err != nil || string(got) != "old\n" {
			t.Errorf("%s holds %q (%v), want it unchanged", e.Name(), got, err)
		}
	}
	if len(entries) != 10+len(extra) {
		t.Errorf("%s holds %d entries, want %d", dir, len(entries), 10+len(extra))
	}
}

func TestWriteReplacesFilesKeepingTheirPermissions(t *testing.T) {
	t.Parallel()
	dir, files := oldExport(t)
	if _, err := Write(dir, files, true); err != nil {
		t.Fatal(err)
	}
	for name := range files {
		info, err := os.Stat(filepath.Join(dir, name))
		got, _ := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != "new\n" || (name != ConfigFile && info.Mode().Perm() != 0o600) {
			t.Errorf("%s: %q, %v, %v", name, got, info.Mode(), err)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != len(files) {
		t.Errorf("%d entries, want %d: a temporary folder is left", len(entries), len(files))
	}
}

// A symbolic link in the way is refused, and the file it points to, outside the folder, is
// never written.
func TestWriteNeverWritesThroughALink(t *testing.T) {
	t.Parallel()
	dir, files := oldExport(t)
	outside := filepath.Join(t.TempDir(), "precious.tf")
	if err := os.WriteFile(outside, []byte("precious\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, ConfigFile)
	if err := os.Symlink(outside, link); err != nil {
		t.Fatal(err)
	}
	_, err := Write(dir, files, true)
	want := link + " is a symbolic link (to " + outside + "); export does not write through links"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("Write: %v\nwant %s...", err, want)
	}
	if got, _ := os.ReadFile(outside); string(got) != "precious\n" {
		t.Errorf("the file outside holds %q", got)
	}
	if target, err := os.Readlink(link); err != nil || target != outside {
		t.Errorf("the link now points to %q (%v)", target, err)
	}
	checkUnchanged(t, dir, ConfigFile)
}

// A folder where a file goes is refused before anything is written.
func TestWriteRefusesAFolderInTheWay(t *testing.T) {
	t.Parallel()
	dir, files := oldExport(t)
	if err := os.Mkdir(filepath.Join(dir, ConfigFile), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := Write(dir, files, true)
	if want := filepath.Join(dir, ConfigFile) + " is a folder, not a file"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("Write: %v\nwant %s...", err, want)
	}
	checkUnchanged(t, dir, ConfigFile)
}

// A failure partway through the renames puts every old file back and removes the new ones.
func TestWriteUndoesAFailurePartway(t *testing.T) {
	for _, failAt := range []int{1, 2, 12, 21} {
		t.Run(fmt.Sprint(failAt), func(t *testing.T) {
			dir, files := oldExport(t)
			calls := 0
			rename = func(from, to string) error {
				if calls++; calls == failAt {
					return errors.New("disk on fire")
				}
				return os.Rename(from, to)
			}
			t.Cleanup(func() { rename = os.Rename })
			if _, err := Write(dir, files, true); err == nil || !strings.Contains(err.Error(), "disk on fire") {
				t.Fatalf("Write: %v", err)
			}
			checkUnchanged(t, dir)
		})
	}
}

// A folder that cannot be written to is an error that names it, and its files stay.
func TestWriteIntoAnUnwritableFolder(t *testing.T) {
	t.Parallel()
	dir, files := oldExport(t)
	makeUnwritable(t, dir)
	_, err := Write(dir, files, true)
	if want := "write into " + dir + ": "; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("Write: %v\nwant %s...", err, want)
	}
	checkUnchanged(t, dir)
}

// makeUnwritable takes away the right to write into dir: its permissions, and for root, who
// ignores them, the immutable attribute.
func makeUnwritable(t *testing.T, dir string) {
	t.Helper()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o755) })
	if os.Geteuid() != 0 {
		return
	}
	if out, err := exec.Command("chattr", "+i", dir).CombinedOutput(); err != nil {
		t.Skipf("running as root, and chattr +i failed: %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("chattr", "-i", dir).Run() })
}

// The folder itself may be a link, as the user named it.
func TestWriteIntoALinkedFolder(t *testing.T) {
	t.Parallel()
	target := t.TempDir()
	link := filepath.Join(t.TempDir(), "export")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(link, map[string][]byte{"a.tf": []byte("a\n")}, false); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(target, "a.tf")); err != nil || string(got) != "a\n" {
		t.Errorf("a.tf: %q, %v", got, err)
	}
}
