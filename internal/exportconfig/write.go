package exportconfig

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// ExistingFilesError is an export that would overwrite files.
type ExistingFilesError struct {
	Dir string
	// Names are the files that exist, sorted.
	Names []string
}

func (e *ExistingFilesError) Error() string {
	return fmt.Sprintf("%s already holds %s", e.Dir, strings.Join(e.Names, ", "))
}

// rename is os.Rename; a test makes it fail partway to check that Write undoes what it did.
var rename = os.Rename

// tempPrefix names the temporary folders Write works in.
const tempPrefix = ".kraiter-export-"

// Write writes files into dir, which it creates when missing, and returns their names,
// sorted. Unless overwrite is set, it writes nothing when any of them exists, and fails with
// an *ExistingFilesError.
//
// It never writes through a symbolic link: a link, a folder or anything else but a regular
// file where a file goes is an error that names it, and nothing is written; dir itself may
// be a link, as the caller named it. The files are written into a temporary folder on the
// same file system, then renamed into place, each old file set aside until all are in; a
// failure puts the old files back, so dir is left as it was.
func Write(dir string, files map[string][]byte, overwrite bool) ([]string, error) {
	names := slices.Sorted(maps.Keys(files))
	for _, name := range names {
		if name != filepath.Base(name) || strings.HasPrefix(name, tempPrefix) {
			return nil, fmt.Errorf("write %s: not a plain file name", name)
		}
	}
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return names, writeNewDir(dir, names, files)
	case err != nil:
		return nil, fmt.Errorf("create %s: %w", dir, err)
	case !info.IsDir():
		return nil, fmt.Errorf("create %s: it is a %s, not a folder", dir, describeMode(info.Mode()))
	}
	old := map[string]fs.FileMode{} // the files that exist, with their permissions
	for _, name := range names {
		path := filepath.Join(dir, name)
		info, err := os.Lstat(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			return nil, fmt.Errorf("read %s: %w", path, err)
		case info.Mode()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(path)
			return nil, fmt.Errorf("%s is a symbolic link (to %s); export does not write through links: remove it, or choose another --dir", path, target)
		case !info.Mode().IsRegular():
			return nil, fmt.Errorf("%s is a %s, not a file; move it, or choose another --dir", path, describeMode(info.Mode()))
		}
		old[name] = info.Mode().Perm()
	}
	if !overwrite && len(old) > 0 {
		return nil, &ExistingFilesError{Dir: dir, Names: slices.Sorted(maps.Keys(old))}
	}
	return names, replaceFiles(dir, names, files, old)
}

// describeMode names what is in the way of a folder or a file (links are refused before).
func describeMode(mode fs.FileMode) string {
	switch {
	case mode.IsDir():
		return "folder"
	case mode.IsRegular():
		return "file"
	}
	return "special file"
}

// writeNewDir writes the files into a folder beside dir and renames it to dir.
func writeNewDir(dir string, names []string, files map[string][]byte) error {
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	tmp, err := os.MkdirTemp(parent, tempPrefix)
	if err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	defer os.RemoveAll(tmp)
	// A folder made by Mkdir gets the umask's permissions, unlike MkdirTemp's.
	staged := filepath.Join(tmp, "dir")
	if err := os.Mkdir(staged, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	for _, name := range names {
		if err := writeFile(filepath.Join(staged, name), files[name], 0o644); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	if err := rename(staged, dir); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	return nil
}

// replaceFiles writes the files into a temporary folder inside dir, so that renames stay on
// one file system even when dir is a mount point, then moves each old file into the folder
// and the new one into its place. On a failure it moves the old files back and removes the
// new ones.
func replaceFiles(dir string, names []string, files map[string][]byte, old map[string]fs.FileMode) (err error) {
	tmp, err := os.MkdirTemp(dir, tempPrefix)
	if err != nil {
		return fmt.Errorf("write into %s: %w", dir, err)
	}
	keep := false // set when the old files could not all be put back
	defer func() {
		if !keep {
			os.RemoveAll(tmp)
		}
	}()
	staged, kept := filepath.Join(tmp, "new"), filepath.Join(tmp, "old")
	for _, folder := range []string{staged, kept} {
		if err := os.Mkdir(folder, 0o700); err != nil {
			return fmt.Errorf("write into %s: %w", dir, err)
		}
	}
	for _, name := range names {
		path := filepath.Join(staged, name)
		err := writeFile(path, files[name], 0o644)
		if perm, exists := old[name]; exists && err == nil {
			err = os.Chmod(path, perm) // a new file replaces it, with its permissions
		}
		if err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	var placed []string // names whose new file is in place
	defer func() {
		if err == nil {
			return
		}
		for _, name := range slices.Backward(placed) {
			target := filepath.Join(dir, name)
			undo := os.Remove(target)
			if errors.Is(undo, fs.ErrNotExist) {
				undo = nil // its new file never got there
			}
			if _, exists := old[name]; exists {
				undo = rename(filepath.Join(kept, name), target)
			}
			if undo != nil {
				err = fmt.Errorf("%w; putting %s back failed too: %w (its old content is in %s)", err, name, undo, kept)
				keep = true
			}
		}
	}()
	for _, name := range names {
		target := filepath.Join(dir, name)
		if _, exists := old[name]; exists {
			if err := rename(target, filepath.Join(kept, name)); err != nil {
				return fmt.Errorf("write %s: %w", name, err)
			}
		}
		placed = append(placed, name)
		if err := rename(filepath.Join(staged, name), target); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	return nil
}

// writeFile creates a new file, failing if anything is at path, and writes data to the disk
// with a final newline.
func writeFile(path string, data []byte, perm fs.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	if !bytes.HasSuffix(data, []byte("\n")) {
		data = append(data[:len(data):len(data)], '\n') // a copy: the caller's slice stays as it is
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	return errors.Join(err, f.Close())
}
