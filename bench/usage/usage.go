// Package usage records what a process used: the provider wrapper (bench/rusagewrap) appends
// one Record per provider process to a file, and the plan benchmark reads them back.
package usage

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"syscall"
	"time"
)

// Record is what one provider process used, as its wrapper saw it at exit.
type Record struct {
	// MaxRSSKiB is the provider's peak resident set, in KiB.
	MaxRSSKiB int64 `json:"maxRSSKiB"`
	// CPU is the provider's user and system time.
	CPU time.Duration `json:"cpuNs"`
	// WrapperCPU is the wrapper's own, which the CLI's rusage also counts.
	WrapperCPU time.Duration `json:"wrapperCpuNs"`
}

// CPU is the user and system time in r.
func CPU(r *syscall.Rusage) time.Duration {
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}

// Append adds r to the file at path as one line, written in one call so that processes
// ending together do not interleave.
func Append(path string, r Record) error {
	line, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("encode usage record: %w", err)
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("append usage record: %w", err)
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		_ = f.Close()
		return fmt.Errorf("append usage record to %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("append usage record to %s: %w", path, err)
	}
	return nil
}

// ReadAll reads the records of the file at path; a missing file holds none.
func ReadAll(path string) ([]Record, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read usage records: %w", err)
	}
	defer f.Close()
	var records []Record
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var r Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("read usage records: %s line %d: %w", path, n, err)
		}
		records = append(records, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read usage records from %s: %w", path, err)
	}
	return records, nil
}

// Total is the records of one run taken together: the peak of the peaks, and the sums.
func Total(records []Record) Record {
	var t Record
	for _, r := range records {
		t.MaxRSSKiB = max(t.MaxRSSKiB, r.MaxRSSKiB)
		t.CPU += r.CPU
		t.WrapperCPU += r.WrapperCPU
	}
	return t
}
