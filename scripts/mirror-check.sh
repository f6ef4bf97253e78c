#!/usr/bin/env bash
# Proves docs/guides/installing-without-the-registry.md, offline, with OpenTofu and with
# Terraform: the provider, built as a release builds it, installs from a local mirror with no
# registry and no network. For each CLI, `init` installs it from ~/.terraform.d/plugins
# (unpacked layout) and from a filesystem_mirror of the release zips (packed layout); each
# time the lock file must record the version and the hash of what was built, and `validate`
# must run the provider. Then `providers lock -fs-mirror` records a second platform's hash.
# Last, the guide's build from source (examples/install/build-from-source.sh) runs as it is
# written, in this clone: it must leave the clone as it was, and init must install its build.
# KRAITER_MIRROR_CLIS chooses the CLIs ("tofu terraform terraform-current" by default).
set -euo pipefail
cd "$(dirname "$0")/.."

version=0.1.0
binary="terraform-provider-kraiter_v$version"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

platform="$(go env GOOS)_$(go env GOARCH)"
# A platform this machine is not, as a teammate's or CI's would be.
other=linux_arm64
[ "$platform" = "$other" ] && other=linux_amd64

fail() { echo "mirror check: $*" >&2; exit 1; }

# The h1: hash the CLIs record for a package: dirhash's Hash1 (golang.org/x/mod/sumdb/dirhash)
# of its files, which is the SHA-256 of their sha256sum lines in byte order, in base64.
h1_of() {
  (cd "$1" && export LC_ALL=C && sha256sum -- *) | sha256sum | cut -c1-64 |
    sed 's/../\\x&/g' | { read -r bytes; printf '%b' "$bytes"; } | base64
}

echo "==> building terraform-provider-kraiter $version for $platform and $other"
go build -o "$work/zipfiles" ./scripts/zipfiles
# Each platform's package holds what its release zip holds (see .goreleaser.yml).
for p in "$platform" "$other"; do
  package="$work/build/$p"
  mkdir -p "$package"
  GOOS=${p%_*} GOARCH=${p#*_} CGO_ENABLED=0 \
    go build -trimpath -ldflags "-X main.version=$version" -o "$package/$binary" .
  cp LICENSE "$package/"
  "$work/zipfiles" "$work/build/terraform-provider-kraiter_${version}_$p.zip" "$package/$binary" "$package/LICENSE"
done

# The two layouts, under each CLI's registry host: the zips as released in
# HOST/NAMESPACE/TYPE/, and their contents in HOST/NAMESPACE/TYPE/VERSION/OS_ARCH/.
mkdir -p "$work/home" "$work/empty-home"
: >"$work/empty.tfrc"
for host in registry.opentofu.org registry.terraform.io; do
  packed="$work/mirror/$host/kraiter/kraiter"
  unpacked="$work/home/.terraform.d/plugins/$host/kraiter/kraiter/$version/$platform"
  mkdir -p "$packed" "$unpacked"
  cp "$work"/build/*.zip "$packed/"
  cp "$work/build/$platform"/* "$unpacked/"
done

cat >"$work/main.tf" <<'TF'
terraform {
  required_providers {
    kraiter = { source = "kraiter/kraiter", version = "~> 0.1" }
  }
}

resource "kraiter_sequence" "welcome" {
  id         = "seq_welcome"
  name       = "Welcome"
  definition = jsonencode({ steps = [{ type = "email", templateId = "tmpl_welcome" }] })
  triggers   = [{ type = "event", event_name = "signed_up" }]
}
TF

# run CLI DIR HOME CONFIG ARGS...: runs the CLI in DIR with HOME as its home folder and CONFIG
# as its CLI configuration, nothing else from this machine, and shows its output when it
# fails. The proxy points at a closed port, so that any attempt to reach the network fails
# rather than quietly succeeding on a connected machine.
run() {
  local cli=$1 dir=$2 home=$3 config=$4
  shift 4
  if ! env -u TF_PLUGIN_CACHE_DIR -u TF_DATA_DIR -u XDG_CONFIG_HOME -u XDG_DATA_HOME \
    HOME="$home" TF_CLI_CONFIG_FILE="$config" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1 \
    HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 NO_PROXY= \
    "$cli" -chdir="$dir" "$@" -no-color >"$dir/out.log" 2>&1; then
    cat "$dir/out.log" >&2
    fail "'$(basename "$cli") $*' failed in $dir"
  fi
}

# check_lock DIR HOST PACKAGE...: the lock file in DIR records the provider at $version with
# the h1: hash of each package folder. (A mirror's packages are unsigned: there is no signed
# SHA256SUMS whose zh: hashes could be recorded.)
check_lock() {
  local dir=$1 host=$2 lock="$1/.terraform.lock.hcl" p
  shift 2
  [ -f "$lock" ] || fail "no lock file in $dir"
  grep -qF "provider \"$host/kraiter/kraiter\" {" "$lock" || fail "$lock does not lock $host/kraiter/kraiter"
  grep -qE "^  version += \"$version\"$" "$lock" || fail "$lock does not record version $version"
  for p in "$@"; do
    grep -qF "\"h1:$(h1_of "$p")\"" "$lock" ||
      fail "$lock lacks the h1: hash of the package that was built in $p"
  done
}

# host_of CLI: the registry host whose address the CLI gives the provider.
host_of() {
  case "$1" in
    tofu) echo registry.opentofu.org ;;
    terraform | terraform-current) echo registry.terraform.io ;;
    *) fail "unknown CLI $1 in KRAITER_MIRROR_CLIS; use tofu, terraform and/or terraform-current" ;;
  esac
}

# new_config DIR: a new folder holding the configuration.
new_config() {
  mkdir "$1"
  cp "$work/main.tf" "$1/"
}

for name in ${KRAITER_MIRROR_CLIS:-tofu terraform terraform-current}; do
  host=$(host_of "$name")
  cli=$(scripts/install-clis.sh "$name")
  # Only the mirror: with no direct block, nothing may come from a registry.
  mirror_config="$work/$name.tfrc"
  cat >"$mirror_config" <<CFG
provider_installation {
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["$host/kraiter/kraiter"]
  }
}
CFG

  # No provider_installation block: the CLI looks in ~/.terraform.d/plugins first.
  dir="$work/$name-implied"
  new_config "$dir"
  run "$cli" "$dir" "$work/home" "$work/empty.tfrc" init -input=false
  check_lock "$dir" "$host" "$work/build/$platform"
  run "$cli" "$dir" "$work/home" "$work/empty.tfrc" validate
  echo "ok: $name init and validate from ~/.terraform.d/plugins (unpacked)"

  dir="$work/$name-mirror"
  new_config "$dir"
  run "$cli" "$dir" "$work/empty-home" "$mirror_config" init -input=false
  check_lock "$dir" "$host" "$work/build/$platform"
  run "$cli" "$dir" "$work/empty-home" "$mirror_config" validate
  echo "ok: $name init and validate from a filesystem_mirror of the release zips"

  dir="$work/$name-lock"
  new_config "$dir"
  run "$cli" "$dir" "$work/empty-home" "$mirror_config" providers lock \
    -fs-mirror="$work/mirror" -platform="$platform" -platform="$other"
  check_lock "$dir" "$host" "$work/build/$platform" "$work/build/$other"
  echo "ok: $name providers lock -fs-mirror for $platform and $other"
done

# The guide's build from source, word for word, with a home folder of its own.
echo "==> the guide's build from source (examples/install/build-from-source.sh)"
before=$(git status --porcelain --untracked-files=all)
mkdir -p "$work/source-home"
# Go keeps its caches and settings where they are, not under the new home.
go_env=(GOPATH="$(go env GOPATH)" GOCACHE="$(go env GOCACHE)" GOMODCACHE="$(go env GOMODCACHE)" GOENV="$(go env GOENV)")
env "${go_env[@]}" HOME="$work/source-home" bash examples/install/build-from-source.sh
after=$(git status --porcelain --untracked-files=all)
[ "$after" = "$before" ] || fail "the guide's build from source changed the clone:
$(diff <(echo "$before") <(echo "$after"))"
for name in ${KRAITER_MIRROR_CLIS:-tofu terraform terraform-current}; do
  host=$(host_of "$name")
  cli=$(scripts/install-clis.sh "$name")
  dir="$work/$name-source"
  new_config "$dir"
  run "$cli" "$dir" "$work/source-home" "$work/empty.tfrc" init -input=false
  check_lock "$dir" "$host" "$work/source-home/.terraform.d/plugins/$host/kraiter/kraiter/$version/$platform"
  run "$cli" "$dir" "$work/source-home" "$work/empty.tfrc" validate
  echo "ok: $name init and validate with the guide's build from source, which left the clone as it was"
done
