#!/usr/bin/env bash
# Runs every fuzz target of the project for a number of inputs each (default 50000x).
# `make test` runs them briefly; `make fuzz` longer.
# The budget is a count, not a duration: with a duration, go1.26's fuzz coordinator can
# fail a run with "context deadline exceeded" at the deadline (golang/go#75804, fixed in
# go1.27), so a busy CI machine would see failures that are no crash.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-50000x}
for pkg in ./definition ./dsl ./internal/review; do
  for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
    echo "==> fuzzing $pkg $target for ${fuzztime%x} inputs"
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg"
  done
done
