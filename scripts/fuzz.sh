#!/usr/bin/env bash
# Runs every fuzz target of the project for the given time each (default 10s).
# `make test` runs them briefly; `make fuzz` longer.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-10s}
for pkg in ./definition ./dsl; do
  for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
    echo "==> fuzzing $pkg $target for $fuzztime"
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg"
  done
done
