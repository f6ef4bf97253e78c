#!/usr/bin/env bash
# Puts ShellCheck, which `make lint` runs on scripts/, in the tools cache outside the clone and
# prints its path. ShellCheck is not a Go program: it comes from Debian's packages, unpacked
# into the cache with `apt-get download` and `dpkg -x`, so nothing is installed on the system.
set -euo pipefail
# shellcheck source=scripts/apt.sh
. "$(dirname "$0")/apt.sh"

CACHE="${KRAITER_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-kraiter}"
dir="$CACHE/shellcheck"
bin="$dir/root/usr/bin/shellcheck"
if [ ! -x "$bin" ]; then
  echo "==> unpacking ShellCheck from Debian's packages into $dir (once)" >&2
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  apt_download "$work" shellcheck
  rm -rf "$dir"
  mkdir -p "$dir"
  dpkg -x "$work"/shellcheck_*.deb "$dir/root"
fi
echo "$bin"
