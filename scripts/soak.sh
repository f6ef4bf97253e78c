#!/usr/bin/env bash
# The soak of docs/guides/reliability.md: TestAccSoak with 200 kraiter_sequence resources
# (KRAITER_SOAK_RESOURCES), -parallelism 10 (the CLIs' default) and the provider's default
# settings, through a local server injecting faults, once with each CLI. Each run writes its
# figures to bench/results/soak-<cli>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
for cli in ${KRAITER_ACC_CLIS:-tofu terraform}; do
  KRAITER_ACC_CLIS=$cli KRAITER_SOAK_RESOURCES="${KRAITER_SOAK_RESOURCES:-200}" \
    KRAITER_SOAK_REPORT="$PWD/bench/results/soak-$cli.md" scripts/testacc.sh -run '^TestAccSoak$' -v
  cat "bench/results/soak-$cli.md"
done
