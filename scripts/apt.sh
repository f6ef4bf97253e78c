# shellcheck shell=bash
# What the scripts that take tools from the distribution's packages share; sourced, not run.

# apt_download DIR PACKAGE... downloads the packages' .deb files into DIR with apt-get
# download, which installs nothing and needs no root; only refreshing missing package lists
# does, which it does when it runs as root.
apt_download() {
  local dir=$1
  shift
  if (cd "$dir" && apt-get download "$@" >/dev/null 2>&1); then
    return 0
  fi
  # The package lists may be missing on a fresh machine; refreshing them needs root.
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null
    (cd "$dir" && apt-get download "$@" >/dev/null)
  else
    echo "could not download $* with apt-get; run 'sudo apt-get update' once, then again" >&2
    exit 1
  fi
}
