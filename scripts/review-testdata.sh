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
root=$(pwd)
config="$root/internal/review/testdata/plan"
out="$root/internal/review/testdata"
api_key="review-key-$RANDOM$RANDOM"

work=$(mktemp -d)
server_pid=
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
cleanup() {
  stop_server
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

# start_server starts an empty server on a free port and exports its URL as KRAITER_BASE_URL.
start_server() {
  rm -f "$work/url"
  "$work/kraiter" serve --addr 127.0.0.1:0 --db :memory: --api-key "$api_key" \
    --seed "$config/seed.json" --ready-file "$work/url" 2>"$work/server.log" &
  server_pid=$!
  for _ in $(seq 100); do
    [ -s "$work/url" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.1
  done
  [ -s "$work/url" ] || { echo "the server did not start:" >&2; cat "$work/server.log" >&2; exit 1; }
  KRAITER_BASE_URL=$(cat "$work/url")
  export KRAITER_BASE_URL
}

# logged runs a command with its output in a log, shown only when it fails.
logged() {
  local log="$work/command.log"
  if ! "$@" >"$log" 2>&1; then
    echo "failed: $*" >&2
    cat "$log" >&2
    exit 1
  fi
}

# plan_with CLI writes the plan JSON of CLI, named after its name and version.
plan_with() {
  local cli=$1 name version dir
  name=$(basename "$cli")
  version=$("$cli" version -json | sed -n 's/^[[:space:]]*"terraform_version": "\(.*\)",$/\1/p')
  [ -n "$version" ] || { echo "cannot read the version of $cli" >&2; exit 1; }
  dir="$work/$name"
  echo "==> $name $version: apply before/, plan after/" >&2

  start_server
  mkdir -p "$dir"
  cp "$config"/before/* "$dir/"
  logged "$cli" -chdir="$dir" apply -auto-approve -input=false -no-color -compact-warnings
  rm "$dir"/*.tf "$dir"/*.kraiter.hcl
  cp "$config"/after/* "$dir/"
  logged "$cli" -chdir="$dir" plan -input=false -no-color -compact-warnings -out=plan.tfplan
  "$cli" -chdir="$dir" show -json plan.tfplan >"$out/$name-$version.plan.json"
  stop_server
  echo "    wrote internal/review/testdata/$name-$version.plan.json" >&2
}

plan_with "$tofu"
plan_with "$terraform"
