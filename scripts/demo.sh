#!/usr/bin/env bash
# The demo: manage a sequence written in the DSL with OpenTofu against a local Kraiter
# server, watch contacts move through it, then clean up. Works offline on a fresh machine:
# OpenTofu is built from the Go module proxy (once, then cached) and the provider is used
# through dev_overrides, so no `init` and no registry are needed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
demo="$root/.demo"
api_key="demo-key-$RANDOM$RANDOM"

if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
say() { printf '\n%s==> %s%s\n' "$bold" "$*" "$plain"; }

say "Building the provider and the kraiter CLI"
make --no-print-directory build >/dev/null
tofu=$(scripts/install-clis.sh tofu)

rm -rf "$demo"
mkdir -p "$demo/plugins"
cp bin/terraform-provider-kraiter "$demo/plugins/"
cp -r examples/quickstart "$demo/quickstart"

say "Starting a local Kraiter server (SQLite in .demo/, seeded with templates and contacts)"
bin/kraiter serve --addr 127.0.0.1:0 --db "$demo/kraiter.db" --api-key "$api_key" \
  --seed examples/quickstart/seed.json --ready-file "$demo/url" 2>"$demo/server.log" &
server_pid=$!
cleanup() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 100); do
  [ -s "$demo/url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$demo/server.log" >&2; exit 1; }
  sleep 0.1
done
[ -s "$demo/url" ] || { echo "the server did not start; see $demo/server.log" >&2; exit 1; }
base_url=$(cat "$demo/url")
echo "    serving at $base_url"

cat > "$demo/tofurc" <<CFG
provider_installation {
  dev_overrides {
    "registry.opentofu.org/kraiter/kraiter" = "$demo/plugins"
  }
  direct {}
}
CFG
export TF_CLI_CONFIG_FILE="$demo/tofurc" KRAITER_BASE_URL="$base_url" KRAITER_API_KEY="$api_key"
export TF_IN_AUTOMATION=1
# -compact-warnings folds the dev_overrides warning into one line, which the filters drop.
tf() { "$tofu" -chdir="$demo/quickstart" "$@"; }

# Calls a local-server route; the demo's only use of the API outside Terraform.
api() {
  local method=$1 path=$2 body=${3:-}
  curl -fsS -X "$method" -H "Authorization: Bearer $api_key" -H 'Content-Type: application/json' \
    ${body:+--data "$body"} "$base_url$path"
}

say "tofu plan: onboarding.kraiter.hcl compiles into the sequence's definition"
tf plan -no-color -compact-warnings | grep -E '^  # |^Plan:' | sed 's/^/    /'

say "tofu apply; the dry run shows Ada's path through the sequence"
tf apply -auto-approve -no-color -compact-warnings | grep -E '^Apply complete' | sed 's/^/    /'
{ tf output -raw dry_run_for_ada; echo; } | sed 's/^/    /'

say "Three contacts sign up; the sequence enrols them"
for contact in con_ada con_grace con_linus; do
  printf '    %s -> %s\n' "$contact" "$(api POST /v1/events "{\"contactId\":\"$contact\",\"eventName\":\"signed_up\"}")"
done
tf apply -refresh-only -auto-approve -no-color -compact-warnings >/dev/null
echo "    $(tf output -raw enrolments)"

say "Four days pass on the server's virtual clock"
api POST /_local/clock/advance '{"duration":"4d"}' >/dev/null
tf apply -refresh-only -auto-approve -no-color -compact-warnings >/dev/null
echo "    $(tf output -raw enrolments)"
echo "    sends: $(api GET /v1/sequences/seq_onboarding/sends | grep -o '"templateId":"[^"]*","status":"[^"]*"' | sed 's/"templateId":"\([^"]*\)","status":"\([^"]*\)"/\1 (\2)/' | sort | uniq -c | awk '{printf "%s%s x%s", sep, $2" "$3, $1; sep=", "}')"

say "A second plan shows no changes"
tf plan -no-color -compact-warnings -detailed-exitcode >/dev/null && echo "    no changes"

say "tofu destroy, and the server stops"
tf destroy -auto-approve -no-color -compact-warnings | grep -E '^Destroy complete' | sed 's/^/    /'
