#!/usr/bin/env bash
# Builds the Terraform-compatible CLIs the acceptance tests and the demo run against, from the
# Go module proxy (nothing here can reach release sites), into a cache keyed by version that
# lives outside the clone, so that a fresh clone (as CI uses) reuses them.
#
# Usage: scripts/install-clis.sh [tofu|terraform|all]   (prints nothing on a cache hit)
set -euo pipefail

TOFU_VERSION="${TOFU_VERSION:-1.10.10}"
TERRAFORM_VERSION="${TERRAFORM_VERSION:-1.5.7}"
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

case "${1:-all}" in
  tofu) build_tofu; echo "$CACHE/tofu-$TOFU_VERSION/tofu" ;;
  terraform) build_terraform; echo "$CACHE/terraform-$TERRAFORM_VERSION/terraform" ;;
  all) build_tofu; build_terraform ;;
  *) echo "usage: $0 [tofu|terraform|all]" >&2; exit 2 ;;
esac
