// Package report writes the benchmarks' results: Markdown pages under bench/results that
// say what was measured, on which machine, and the exact command that reproduces it.
package report

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strings"
)

// Machine is what a figure was measured on.
type Machine struct {
	CPU   string
	Cores int
	Go    string
	OS    string
}

// ThisMachine describes the machine the program runs on; the CPU model comes from
// /proc/cpuinfo and reads "unknown CPU" where there is none.
func ThisMachine() Machine {
	return Machine{CPU: cpuModel("/proc/cpuinfo"), Cores: runtime.NumCPU(), Go: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH}
}

func (m Machine) String() string {
	return fmt.Sprintf("%s, %d cores, %s, %s", m.CPU, m.Cores, m.Go, m.OS)
}

func cpuModel(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return "unknown CPU"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(key) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return "unknown CPU"
}
