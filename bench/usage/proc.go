package usage

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// clockTicks is the unit of /proc/PID/stat's CPU times: USER_HZ, 100 on every Linux
// architecture Go runs on.
const clockTicks = 100

// ProcessCPU is the user and system time a running process has used so far, from
// /proc/PID/stat: how the benchmarks measure a server that outlives each measured run.
func ProcessCPU(pid int) (time.Duration, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("read CPU time of process %d: %w", pid, err)
	}
	return parseStatCPU(string(data))
}

// parseStatCPU reads utime and stime, fields 14 and 15 of a stat line; the command name,
// field 2, is in parentheses and may hold spaces, so fields count from its closing one.
func parseStatCPU(stat string) (time.Duration, error) {
	end := strings.LastIndexByte(stat, ')')
	if end < 0 {
		return 0, fmt.Errorf("read CPU time: %q is not a /proc/PID/stat line", stat)
	}
	fields := strings.Fields(stat[end+1:])
	// fields[0] is field 3 (state), so utime (14) and stime (15) are fields[11] and [12].
	if len(fields) < 13 {
		return 0, fmt.Errorf("read CPU time: the stat line has %d fields after the command, want at least 13", len(fields))
	}
	var ticks int64
	for _, f := range fields[11:13] {
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("read CPU time: field %q is not a number", f)
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / clockTicks, nil
}
