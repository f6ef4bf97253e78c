package exportconfig

import (
	"bytes"
	"fmt"
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

// Write writes files into dir, which it creates when missing, and returns their names,
// sorted. Unless overwrite is set, it writes nothing when any of them exists, and fails with
// an *ExistingFilesError.
func Write(dir string, files map[string][]byte, overwrite bool) ([]string, error) {
	names := slices.Sorted(maps.Keys(files))
	if !overwrite {
		var existing []string
		for _, name := range names {
			if _, err := os.Lstat(filepath.Join(dir, name)); err == nil {
				existing = append(existing, name)
			}
		}
		if len(existing) > 0 {
			return nil, &ExistingFilesError{Dir: dir, Names: existing}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	for _, name := range names {
		data := files[name]
		if !bytes.HasSuffix(data, []byte("\n")) {
			data = append(data[:len(data):len(data)], '\n') // a copy: the caller's slice stays as it is
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return nil, fmt.Errorf("write %s: %w", name, err)
		}
	}
	return names, nil
}
