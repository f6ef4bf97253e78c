#!/usr/bin/env bash
# Builds the Terraform-compatible CLIs the acceptance tests and the demo run against, from the
# Go module proxy (nothing here can reach release sites), into a cache keyed by version that
# lives outside the clone, so that a fresh clone (as CI uses) reuses them.
#
# Usage: scripts/install-clis.sh [tofu|terraform|terraform-current|all]
# With one CLI, prints its path; building progress goes to standard error.
#   tofu               OpenTofu
#   terraform          Terraform 1.5.7, the last MPL-licensed release
#   terraform-current  a current Terraform (BUSL-licensed), for what 1.5.7 lacks, such as
#                      provider functions
set -euo pipefail

TOFU_VERSION="${TOFU_VERSION:-1.10.10}"
TERRAFORM_VERSION="${TERRAFORM_VERSION:-1.5.7}"
# The newest Terraform the Go module proxy served (1.16.5 and 1.17.0 were not) that builds
# with Go 1.26.
TERRAFORM_CURRENT_VERSION="${TERRAFORM_CURRENT_VERSION:-1.16.4}"
CACHE="${KRAITER_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-kraiter}"

build_tofu() {
  local dir="$CACHE/tofu-$TOFU_VERSION"
  [ -x "$dir/tofu" ] && return 0
  echo "==> building OpenTofu $TOFU_VERSION from the Go module proxy (about 3 minutes on 2 cores)" >&2
  local src
  src=$(go mod download -json "github.com/opentofu/opentofu@v$TOFU_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$src" ] || { echo "could not download github.com/opentofu/opentofu@v$TOFU_VERSION" >&2; exit 1; }
  mkdir -p "$dir"
  # go install refuses a module with replace directives, so build inside its directory.
  # dev=no makes it report its release version rather than a -dev prerelease.
  (cd "$src" && GOFLAGS=-mod=mod go build -ldflags "-X github.com/opentofu/opentofu/version.dev=no" -o "$dir/tofu.tmp" ./cmd/tofu)
  mv "$dir/tofu.tmp" "$dir/tofu"
}

build_terraform() {
  local dir="$CACHE/terraform-$TERRAFORM_VERSION"
  [ -x "$dir/terraform" ] && return 0
  echo "==> building Terraform $TERRAFORM_VERSION from the Go module proxy" >&2
  mkdir -p "$dir/bin.tmp"
  GOBIN="$dir/bin.tmp" go install "github.com/hashicorp/terraform@v$TERRAFORM_VERSION"
  mv "$dir/bin.tmp/terraform" "$dir/terraform"
  rmdir "$dir/bin.tmp"
}

# Since 1.9, some of Terraform's remote-state backends (azurerm, consul, cos, gcs, kubernetes,
# oci, oss, pg, s3) are modules of their own inside its repository, replaced by ./internal/...
# folders in its go.mod; module zips leave nested modules out, and the proxy does not serve
# them. So Terraform is built from a copy without them: their replace and require lines are
# dropped from go.mod, and their import and registration from the backend table, the one file
# that imports them (a build that finds them elsewhere fails, naming the file). The local,
# http, inmem, remote and cloud backends, the provider protocol and the rest are Terraform's
# own; the acceptance tests use the local backend.
build_terraform_current() {
  local version=$TERRAFORM_CURRENT_VERSION dir="$CACHE/terraform-$TERRAFORM_CURRENT_VERSION"
  [ -x "$dir/terraform" ] && return 0
  echo "==> building Terraform $version from the Go module proxy, without the remote-state backends it does not serve (about 2.5 minutes on 2 cores)" >&2
  local src work
  src=$(go mod download -json "github.com/hashicorp/terraform@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$src" ] || { echo "could not download github.com/hashicorp/terraform@v$version" >&2; exit 1; }
  work=$(mktemp -d)
  # shellcheck disable=SC2064 # the folder is known now
  trap "rm -rf '$work'" EXIT
  cp -R "$src" "$work/src"
  chmod -R u+w "$work/src"
  local table=internal/backend/init/init.go module folder alias
  while read -r module folder; do
    [ -d "$work/src/$folder" ] && continue
    (cd "$work/src" && go mod edit -dropreplace="$module" -droprequire="$module")
    alias=$(sed -n "s#^[[:space:]]*\([[:alnum:]_]*\) \"$module\"\$#\1#p" "$work/src/$table")
    if [ -n "$alias" ]; then
      sed -i -e "\#\"$module\"\$#d" -e "/[^[:alnum:]_]$alias\.New(/d" "$work/src/$table"
    fi
  done < <(sed -n 's#^replace \([^ ]*\) => \./\(.*\)$#\1 \2#p' "$work/src/go.mod")
  mkdir -p "$dir"
  # dev=no makes it report its release version rather than a -dev prerelease.
  (cd "$work/src" && GOFLAGS=-mod=mod go build -ldflags "-X github.com/hashicorp/terraform/version.dev=no" -o "$dir/terraform.tmp" .)
  mv "$dir/terraform.tmp" "$dir/terraform"
}

case "${1:-all}" in
  tofu) build_tofu; echo "$CACHE/tofu-$TOFU_VERSION/tofu" ;;
  terraform) build_terraform; echo "$CACHE/terraform-$TERRAFORM_VERSION/terraform" ;;
  terraform-current) build_terraform_current; echo "$CACHE/terraform-$TERRAFORM_CURRENT_VERSION/terraform" ;;
  all) build_tofu; build_terraform; build_terraform_current ;;
  *) echo "usage: $0 [tofu|terraform|terraform-current|all]" >&2; exit 2 ;;
esac
