#!/usr/bin/env bash
# Writes the real plan JSON that internal/review's golden tests render, one plan per scenario
# under internal/review/testdata/ and per CLI. For each scenario, with OpenTofu and with
# Terraform 1.5.7 in turn, against a fresh local Kraiter server: applies SCENARIO/before,
# makes the calls of SCENARIO/outside.calls to the API when there is such a file (a change
# made outside Terraform, one "METHOD PATH BODY" a line), plans SCENARIO/after against that
# and writes `show -json` of the plan to SCENARIO/<cli>-<version>.plan.json.
#
#   changes  creates, updates, a replacement and a destroy
#   drift    sequences edited in Kraiter after the apply, then an unrelated change
#   rename   a resource renamed without a moved block
#   checks   a check block that fails (a warning)
#   errored  a postcondition that fails: the plan errors, and is saved marked errored
#
# Offline: the CLIs are built from the Go module proxy (scripts/install-clis.sh) and the
# provider is used through dev_overrides, so there is no init.
#
# Then refresh the golden reviews and the guide's examples of them:
#   go test ./internal/review ./cmd/kraiter -run 'Golden|Guide|Live' -update
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
root=$(pwd)
testdata="$root/internal/review/testdata"
api_key="review-key-$RANDOM$RANDOM"
# Each scenario, and whether its plan fails (it errors, and is saved all the same).
scenarios=(changes:ok drift:ok rename:ok checks:ok errored:fails)

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

# outside SCENARIO makes the scenario's calls to the API, as an edit in Kraiter's app would.
outside() {
  local calls="$testdata/$1/outside.calls" method path body
  [ -f "$calls" ] || return 0
  while read -r method path body; do
    curl -fsS -o /dev/null -X "$method" -H "Authorization: Bearer $api_key" \
      -H 'Content-Type: application/json' --data "$body" "$base_url$path"
  done <"$calls"
}

# plan_with CLI SCENARIO OUTCOME writes the plan JSON of CLI for the scenario, named after the
# CLI's name and version.
plan_with() {
  local cli=$1 scenario=$2 outcome=$3 name version dir
  name=$(basename "$cli")
  version=$("$cli" version -json | sed -n 's/^[[:space:]]*"terraform_version": "\(.*\)",$/\1/p')
  [ -n "$version" ] || { echo "cannot read the version of $cli" >&2; exit 1; }
  dir="$work/$name-$scenario"
  echo "==> $scenario, $name $version: apply before/, plan after/" >&2

  start_kraiter "$work/kraiter" "$work" "$api_key" :memory: "$testdata/seed.json"
  export KRAITER_BASE_URL=$base_url
  mkdir -p "$dir"
  cp "$testdata/$scenario"/before/* "$dir/"
  logged "$work/command.log" "$cli" -chdir="$dir" apply -auto-approve -input=false -no-color -compact-warnings
  outside "$scenario"
  find "$dir" -maxdepth 1 -type f \( -name '*.tf' -o -name '*.kraiter.hcl' \) -delete
  cp "$testdata/$scenario"/after/* "$dir/"
  if [ "$outcome" = fails ]; then
    if "$cli" -chdir="$dir" plan -input=false -no-color -compact-warnings -out=plan.tfplan >"$work/command.log" 2>&1; then
      echo "the plan of $scenario was expected to fail, and did not:" >&2
      cat "$work/command.log" >&2
      exit 1
    fi
  else
    logged "$work/command.log" "$cli" -chdir="$dir" plan -input=false -no-color -compact-warnings -out=plan.tfplan
  fi
  "$cli" -chdir="$dir" show -json plan.tfplan >"$testdata/$scenario/$name-$version.plan.json"
  stop_kraiter
  echo "    wrote internal/review/testdata/$scenario/$name-$version.plan.json" >&2
}

for entry in "${scenarios[@]}"; do
  for cli in "$tofu" "$terraform"; do
    plan_with "$cli" "${entry%%:*}" "${entry#*:}"
  done
done
