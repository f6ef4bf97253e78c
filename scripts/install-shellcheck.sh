#!/usr/bin/env bash
# Puts ShellCheck, which `make lint` runs on scripts/, in the tools cache outside the clone and
# prints its path. ShellCheck is not a Go program: it comes from Debian's packages, unpacked
# into the cache with `apt-get download` and `dpkg -x`, so nothing is installed on the system.
set -euo pipefail

CACHE="${KRAITER_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-kraiter}"
dir="$CACHE/shellcheck"
bin="$dir/root/usr/bin/shellcheck"
if [ ! -x "$bin" ]; then
  echo "==> unpacking ShellCheck from Debian's packages into $dir (once)" >&2
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  if ! (cd "$work" && apt-get download shellcheck >/dev/null 2>&1); then
    # The package lists may be missing on a fresh machine; refreshing them needs root.
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq >/dev/null
      (cd "$work" && apt-get download shellcheck >/dev/null)
    else
      echo "could not download ShellCheck with apt-get; run 'sudo apt-get update' once, then again" >&2
      exit 1
    fi
  fi
  rm -rf "$dir"
  mkdir -p "$dir"
  dpkg -x "$work"/shellcheck_*.deb "$dir/root"
fi
echo "$bin"
