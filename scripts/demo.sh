#!/usr/bin/env bash
# The demo: manage a sequence written in the DSL with OpenTofu against a local Kraiter
# server, watch contacts move through it, then clean up. Works offline on a fresh machine:
# OpenTofu is built from the Go module proxy (once, then cached) and the provider is used
# through dev_overrides, so no `init` and no registry are needed.
#
# Every step checks its outcome and stops the demo with a message when it is not the one
# expected; values are read from the configuration's outputs, not scraped from text.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
root=$(pwd)
demo="$root/.demo"
api_key="demo-key-$RANDOM$RANDOM"

if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
say() { printf '\n%s==> %s%s\n' "$bold" "$*" "$plain"; }
fail() { printf '\ndemo failed: %s\n' "$*" >&2; exit 1; }
indent() { sed 's/^/    /'; }

say "Building the provider and the kraiter CLI"
make --no-print-directory build >/dev/null
tofu=$(scripts/install-clis.sh tofu)

rm -rf "$demo"
mkdir -p "$demo/plugins"
cp bin/terraform-provider-kraiter "$demo/plugins/"
cp -r examples/quickstart "$demo/quickstart"

say "Starting a local Kraiter server (SQLite in .demo/, seeded with templates and contacts)"
trap stop_kraiter EXIT
start_kraiter bin/kraiter "$demo" "$api_key" "$demo/kraiter.db" examples/quickstart/seed.json
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
tf() { "$tofu" -chdir="$demo/quickstart" "$@" -no-color; }
# output reads one string output of the configuration.
output() { "$tofu" -chdir="$demo/quickstart" output -raw "$1"; }

# api calls a local-server route, the demo's only use of the API outside Terraform; curl -f
# turns an error answer into a failure.
api() {
  local method=$1 path=$2 body=${3:-}
  curl -fsS -X "$method" -H "Authorization: Bearer $api_key" -H 'Content-Type: application/json' \
    ${body:+--data "$body"} "$base_url$path"
}

say "tofu plan: onboarding.kraiter.hcl compiles into the sequence's definition"
tf plan -compact-warnings -out="$demo/plan" -detailed-exitcode >"$demo/plan.log" && rc=0 || rc=$?
[ "$rc" = 2 ] || { cat "$demo/plan.log" >&2; fail "tofu plan exited with $rc; a plan with changes (2) was expected"; }
"$tofu" -chdir="$demo/quickstart" show -json "$demo/plan" >"$demo/plan.json"
bin/kraiter review --title "The plan" "$demo/plan.json" | indent

say "tofu apply; the dry run shows Ada's path through the sequence"
logged "$demo/apply.log" tf apply -compact-warnings "$demo/plan"
echo "    $(output sequence)"
{ output dry_run_for_ada; echo; } | indent

say "Three contacts sign up; the sequence enrols them"
for contact in con_ada con_grace con_linus; do
  printf '    %s -> %s\n' "$contact" "$(api POST /v1/events "{\"contactId\":\"$contact\",\"eventName\":\"signed_up\"}")"
done
logged "$demo/refresh.log" tf apply -refresh-only -auto-approve -compact-warnings
echo "    $(output enrolments)"

say "Four days pass on the server's virtual clock"
api POST /_local/clock/advance '{"duration":"4d"}' >/dev/null
logged "$demo/refresh.log" tf apply -refresh-only -auto-approve -compact-warnings
echo "    $(output enrolments)"
echo "    sends: $(output sends)"

say "A second plan shows no changes"
tf plan -compact-warnings -detailed-exitcode >"$demo/plan.log" && rc=0 || rc=$?
case "$rc" in
  0) echo "    no changes" ;;
  2) cat "$demo/plan.log" >&2; fail "the plan after apply is not empty" ;;
  *) cat "$demo/plan.log" >&2; fail "tofu plan exited with $rc" ;;
esac

say "tofu destroy, and the server stops"
logged "$demo/destroy.log" tf destroy -auto-approve -compact-warnings
remaining=$(api GET /v1/sequences)
[ "$remaining" = '{"data":[],"nextCursor":null}' ] || fail "sequences remain after destroy: $remaining"
echo "    destroyed; the server holds no sequence"
