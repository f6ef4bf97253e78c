#!/usr/bin/env bash
# Renders docs/ with tfplugindocs from templates/, examples/ and the provider's schema.
# The schema comes from `tofu providers schema -json` run with dev_overrides (no init, no
# network), so that the provider function is documented too. docs/schemas/ holds the JSON
# Schema of the definition, which a test writes from the step table.
#   scripts/generate-docs.sh          regenerate docs/
#   scripts/generate-docs.sh --check  fail when docs/ is stale or does not validate, or when the
#                                     README or a guide sends a newcomer somewhere that fails
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
check=false
[ "${1:-}" = "--check" ] && check=true

tofu=$(scripts/install-clis.sh tofu)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$work/bin/terraform-provider-kraiter" .
cat > "$work/tofurc" <<CFG
provider_installation {
  dev_overrides {
    "registry.opentofu.org/kraiter/kraiter" = "$work/bin"
  }
  direct {}
}
CFG
mkdir "$work/config"
cat > "$work/config/main.tf" <<'TF'
terraform {
  required_providers {
    kraiter = { source = "kraiter/kraiter" }
  }
}
TF
(cd "$work/config" && TF_CLI_CONFIG_FILE="$work/tofurc" "$tofu" providers schema -json) > "$work/schema-tofu.json"
# tfplugindocs looks the provider up by its short name.
sed 's#"registry.opentofu.org/kraiter/kraiter"#"kraiter"#' "$work/schema-tofu.json" > "$work/schema.json"

# tfplugindocs is a tool of the module in tools/, which keeps its dependencies out of the
# provider's.
tfplugindocs() { (cd "$root/tools" && go tool tfplugindocs "$@"); }

out="$root/docs"
$check && out="$work/docs"
# tfplugindocs takes the output folder relative to the provider's.
tfplugindocs generate \
  --provider-dir "$root" \
  --provider-name kraiter \
  --providers-schema "$work/schema.json" \
  --rendered-website-dir "$(realpath --relative-to="$root" "$out")" >/dev/null
if ! tfplugindocs validate --provider-dir "$root" --provider-name kraiter >"$work/validate.log" 2>&1; then
  grep -v '\[DEBUG\]' "$work/validate.log" >&2
  exit 1
fi

schema_test=(go test ./definition -run '^TestSchemaFileIsCurrent$' -count=1)
if ! $check; then
  "${schema_test[@]}" -update >/dev/null
else
  # docs/design/ is written by hand, not by tfplugindocs, and docs/schemas/ by the schema test.
  if ! diff -ru --exclude=design --exclude=schemas "$root/docs" "$out"; then
    echo "docs/ is stale: run 'make generate' and commit the result" >&2
    exit 1
  fi
  if ! "${schema_test[@]}" >"$work/schema.log" 2>&1; then
    cat "$work/schema.log" >&2
    echo "docs/schemas/ is stale: run 'make generate' and commit the result" >&2
    exit 1
  fi

  # Each of these once failed someone who followed the docs word for word.
  problems=0
  problem() { echo "docs check: $*" >&2; problems=$((problems + 1)); }
  # go install ...@latest fails while nothing is published, and later installs whatever was
  # published last: the docs build from a clone, or name a release.
  if grep -rnE '[[:alnum:]_./-]+@latest' README.md docs templates >&2; then
    problem "the lines above install @latest; show the build from a clone (make install), or a release"
  fi
  started=docs/guides/getting-started.md
  for want in 'make install' 'dev_overrides' '(installing-without-the-registry.md)'; do
    grep -qF -- "$want" "$started" || problem "$started lacks the path from source: $want"
  done
  # The local server is no default address: an export from it names it.
  grep -qE 'kraiter export --base-url http://127\.0\.0\.1:8474' docs/guides/importing.md ||
    problem "docs/guides/importing.md shows no export from the local server with --base-url"
  # Release files are checked with a key whose fingerprint the guide says where to find.
  mirror=docs/guides/installing-without-the-registry.md
  if ! grep -qi 'fingerprint' "$mirror" || ! grep -q '^## Releases$' README.md; then
    problem "$mirror does not say where the signing key's fingerprint is (README.md, ## Releases)"
  fi
  [ "$problems" = 0 ] || exit 1
  echo "docs/ is up to date and valid"
fi
