#!/usr/bin/env bash
# Runs the project's benchmarks and writes bench/results.txt (benchstat-compatible).
#   bench/run.sh [COUNT]   (default 5 runs of each benchmark)
# Compare two results with: go run golang.org/x/perf/cmd/benchstat@latest old.txt new.txt
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-5}
{
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(go version) on $(nproc) cores; count=$count"
  go test -run '^$' -bench . -benchmem -count "$count" ./definition ./dsl ./client
} | tee bench/results.txt
