#!/usr/bin/env bash
# Runs every fuzz target of the project for a number of inputs each (default 50000x).
# `make test` runs them briefly; `make fuzz` longer.
# The budget is a count, not a duration: with a duration, go1.26's fuzz coordinator can
# fail a run with "context deadline exceeded" at the deadline (golang/go#75804, fixed in
# go1.27), so a busy CI machine would see failures that are no crash.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-50000x}
# FuzzNestedCalls gets a tenth of the inputs: each of its inputs may drive the compiler to its
# limits of work, a hundred times the work of another target's input.
for pkg in ./definition ./dsl ./internal/review; do
  for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
    count=${fuzztime%x}
    if [[ $target == FuzzNestedCalls ]]; then
      count=$((count / 10))
    fi
    echo "==> fuzzing $pkg $target for $count inputs"
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "${count}x" "$pkg"
  done
done
