#!/usr/bin/env bash
# Runs the provider's acceptance tests three times, against real CLIs built from the Go module
# proxy: OpenTofu, Terraform 1.5.7 (the last MPL-licensed release) and a current Terraform,
# where the tests of provider functions, which need 1.8, run too (see scripts/install-clis.sh).
# Nothing is downloaded from release sites. Extra arguments go to `go test` (e.g. -run
# TestAccSequence_). KRAITER_ACC_CLIS chooses the CLIs ("tofu terraform terraform-current" by
# default). Independent tests run in
# parallel (resource.ParallelTest), KRAITER_ACC_PARALLEL at a time (4 by default: most of a
# test's time is spent waiting on the CLI and its provider process, not on a core).
set -euo pipefail
cd "$(dirname "$0")/.."

# An empty CLI configuration, so that nothing on this machine (credentials, mirrors,
# dev_overrides) changes what the tests see.
cli_config=$(mktemp)
trap 'rm -f "$cli_config"' EXIT

run() {
  local name=$1; shift
  echo "==> acceptance tests with $name"
  env "$@" TF_ACC=1 TF_CLI_CONFIG_FILE="$cli_config" TF_IN_AUTOMATION=1 \
    go test -count=1 -timeout 60m -parallel "${KRAITER_ACC_PARALLEL:-4}" ./provider/ -run '^TestAcc' "${EXTRA_ARGS[@]}"
}

EXTRA_ARGS=("$@")
version() { TF_CLI_CONFIG_FILE="$cli_config" "$1" version | head -n1; }
for cli in ${KRAITER_ACC_CLIS:-tofu terraform terraform-current}; do
  case "$cli" in
    tofu)
      path=$(scripts/install-clis.sh "$cli")
      run "OpenTofu ($(version "$path"))" TF_ACC_TERRAFORM_PATH="$path" TF_ACC_PROVIDER_HOST=registry.opentofu.org ;;
    terraform | terraform-current)
      path=$(scripts/install-clis.sh "$cli")
      run "Terraform ($(version "$path"))" -u TF_ACC_PROVIDER_HOST TF_ACC_TERRAFORM_PATH="$path" ;;
    *) echo "unknown CLI $cli in KRAITER_ACC_CLIS; use tofu, terraform and/or terraform-current" >&2; exit 2 ;;
  esac
done
