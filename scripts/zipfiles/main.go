// Command zipfiles writes a zip archive holding the named files at its top level, keeping
// their modes. scripts/mirror-check.sh packs the provider with it as a release zip is packed,
// so that the check needs no zip tool on the machine.
//
// Usage: go run ./scripts/zipfiles OUT.zip FILE...
package main

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: zipfiles OUT.zip FILE...")
		os.Exit(2)
	}
	if err := writeZip(os.Args[1], os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "zipfiles:", err)
		os.Exit(1)
	}
}

// writeZip creates out with each file stored under its base name. On failure it removes out,
// so that a half-written archive is never taken for a package.
func writeZip(out string, files []string) error {
	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("create archive: %w", err)
	}
	err = writeEntries(f, files)
	if closeErr := f.Close(); err == nil && closeErr != nil {
		err = fmt.Errorf("close archive: %w", closeErr)
	}
	if err != nil {
		return errors.Join(fmt.Errorf("write %s: %w", out, err), os.Remove(out))
	}
	return nil
}

func writeEntries(w io.Writer, files []string) error {
	zw := zip.NewWriter(w)
	for _, name := range files {
		if err := addFile(zw, name); err != nil {
			return fmt.Errorf("add %s: %w", name, err)
		}
	}
	return zw.Close()
}

func addFile(zw *zip.Writer, name string) error {
	src, err := os.Open(name)
	if err != nil {
		return err
	}
	defer src.Close()
	info, err := src.Stat()
	if err != nil {
		return err
	}
	if !info.Mode().IsRegular() {
		return errors.New("not a regular file")
	}
	// FileInfoHeader keeps the mode, so that the provider is still executable once unpacked.
	header, err := zip.FileInfoHeader(info)
	if err != nil {
		return err
	}
	header.Name = filepath.Base(name)
	header.Method = zip.Deflate
	dst, err := zw.CreateHeader(header)
	if err != nil {
		return err
	}
	_, err = io.Copy(dst, src)
	return err
}
