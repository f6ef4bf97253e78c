#!/usr/bin/env bash
# Puts pre-commit (https://pre-commit.com), which scripts/pre-commit-check.sh runs on
# .pre-commit-hooks.yaml, in the tools cache outside the clone and prints the path of a
# command that runs it. pre-commit is a Python program, and PyPI may be out of reach: it
# comes from the distribution's packages, with the Python libraries it imports, unpacked into
# the cache with `apt-get download` and `dpkg -x`, and runs on the distribution's Python
# (whose version those packages are built for) with PYTHONPATH pointing at them. Nothing is
# installed on the system.
set -euo pipefail
# shellcheck source=scripts/apt.sh
. "$(dirname "$0")/apt.sh"

CACHE="${KRAITER_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-kraiter}"
dir="$CACHE/pre-commit"
bin="$dir/pre-commit"
# What pre-commit imports when it runs hooks of language golang. Its other dependencies
# (virtualenv, nodeenv) serve the languages python and node only.
packages=(pre-commit python3-cfgv python3-identify python3-yaml)
python=/usr/bin/python3

if [ ! -x "$bin" ]; then
  [ -x "$python" ] || { echo "pre-commit needs the distribution's Python, $python; install the python3 package" >&2; exit 1; }
  echo "==> unpacking pre-commit from the distribution's packages into $dir (once)" >&2
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  apt_download "$work" "${packages[@]}"
  rm -rf "$dir"
  mkdir -p "$dir"
  for deb in "$work"/*.deb; do
    dpkg -x "$deb" "$dir/root"
  done
  cat >"$dir/pre-commit.tmp" <<SH
#!/bin/sh
# pre-commit from the distribution's packages in $dir/root (scripts/install-pre-commit.sh).
PYTHONPATH="$dir/root/usr/lib/python3/dist-packages\${PYTHONPATH:+:\$PYTHONPATH}" exec $python -m pre_commit "\$@"
SH
  chmod +x "$dir/pre-commit.tmp"
  if ! "$dir/pre-commit.tmp" --version >/dev/null; then
    echo "the unpacked pre-commit does not run; see the error above" >&2
    exit 1
  fi
  mv "$dir/pre-commit.tmp" "$bin"
fi
echo "$bin"
