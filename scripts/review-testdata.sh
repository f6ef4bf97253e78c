#!/usr/bin/env bash
# Writes the real plan JSON that internal/review's golden tests render. With OpenTofu and with
# Terraform 1.5.7 in turn, against a fresh local Kraiter server: applies
# internal/review/testdata/plan/before, plans internal/review/testdata/plan/after against that
# state and writes `show -json` of the plan to internal/review/testdata/<cli>-<version>.plan.json.
# Offline: the CLIs are built from the Go module proxy (scripts/install-clis.sh) and the
# provider is used through dev_overrides, so there is no init.
#
# Then refresh the golden reviews: go test ./internal/review -update
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
root=$(pwd)
config="$root/internal/review/testdata/plan"
out="$root/internal/review/testdata"
api_key="review-key-$RANDOM$RANDOM"

work=$(mktemp -d)
cleanup() {
  stop_kraiter
  rm -rf "$work"
}
trap cleanup EXIT

echo "==> building the provider and kraiter" >&2
go build -o "$work/plugins/terraform-provider-kraiter" .
go build -o "$work/kraiter" ./cmd/kraiter
tofu=$(scripts/install-clis.sh tofu)
terraform=$(scripts/install-clis.sh terraform)

# Both registries' addresses, as each CLI resolves "kraiter/kraiter" to its own.
cat >"$work/cli.tfrc" <<CFG
provider_installation {
  dev_overrides {
    "registry.opentofu.org/kraiter/kraiter" = "$work/plugins"
    "registry.terraform.io/kraiter/kraiter" = "$work/plugins"
  }
  direct {}
}
CFG
export TF_CLI_CONFIG_FILE="$work/cli.tfrc" KRAITER_API_KEY="$api_key" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

# plan_with CLI writes the plan JSON of CLI, named after its name and version.
plan_with() {
  local cli=$1 name version dir
  name=$(basename "$cli")
  version=$("$cli" version -json | sed -n 's/^[[:space:]]*"terraform_version": "\(.*\)",$/\1/p')
  [ -n "$version" ] || { echo "cannot read the version of $cli" >&2; exit 1; }
  dir="$work/$name"
  echo "==> $name $version: apply before/, plan after/" >&2

  start_kraiter "$work/kraiter" "$work" "$api_key" :memory: "$config/seed.json"
  export KRAITER_BASE_URL=$base_url
  mkdir -p "$dir"
  cp "$config"/before/* "$dir/"
  logged "$work/command.log" "$cli" -chdir="$dir" apply -auto-approve -input=false -no-color -compact-warnings
  rm "$dir"/*.tf "$dir"/*.kraiter.hcl
  cp "$config"/after/* "$dir/"
  logged "$work/command.log" "$cli" -chdir="$dir" plan -input=false -no-color -compact-warnings -out=plan.tfplan
  "$cli" -chdir="$dir" show -json plan.tfplan >"$out/$name-$version.plan.json"
  stop_kraiter
  echo "    wrote internal/review/testdata/$name-$version.plan.json" >&2
}

plan_with "$tofu"
plan_with "$terraform"
