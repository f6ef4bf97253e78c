package lsp

import (
	"context"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/kraiter/terraform-provider-kraiter/dsltest"
)

// Bounds of the workspace scan: it reads at most maxScanFiles sequence files of at most
// maxScanBytes each, and skips hidden folders and those of dependencies.
const (
	maxScanFiles = 2000
	maxScanBytes = 1 << 20
)

// skippedDirs are folders that hold no one's sequences.
var skippedDirs = []string{"node_modules", "vendor"}

// workspace holds the contact attributes the sequence files of the workspace's folders use,
// read once in the background when the editor names its folders.
type workspace struct {
	mu      sync.Mutex
	contact map[string]bool
}

func newWorkspace() *workspace { return &workspace{contact: map[string]bool{}} }

// scan reads the sequence files under dir in the background. A folder or a file that cannot
// be read is passed over: the scan only adds names to offer.
func (w *workspace) scan(ctx context.Context, dir string) {
	go func() {
		files := 0
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			switch {
			case ctx.Err() != nil || files >= maxScanFiles:
				return filepath.SkipAll
			case err == nil && d.IsDir() && path != dir && (strings.HasPrefix(d.Name(), ".") || slices.Contains(skippedDirs, d.Name())):
				return filepath.SkipDir
			case err == nil && !d.IsDir() && strings.HasSuffix(path, ".kraiter.hcl") && !strings.HasSuffix(path, dsltest.FileSuffix):
				files++
				w.read(path, d)
			}
			return nil
		})
	}()
}

// read adds the contact attributes of one sequence file.
func (w *workspace) read(path string, d fs.DirEntry) {
	if info, err := d.Info(); err != nil || info.Size() > maxScanBytes {
		return
	}
	if src, err := os.ReadFile(path); err == nil {
		w.add(analyze(newText(src), path).contact)
	}
}

func (w *workspace) add(names []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, name := range names {
		w.contact[name] = true
	}
}

// contactAttributes are the attribute names found so far.
func (w *workspace) contactAttributes() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Sorted(maps.Keys(w.contact))
}
