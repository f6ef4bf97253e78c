#!/usr/bin/env bash
# Installs the kraiter release KRAITER_VERSION (such as v0.1.0) for the runner's system and
# architecture: downloads its archive and the release's checksums of the kraiter archives with
# gh, checks the archive against them, and puts kraiter on the PATH of the job's next steps.
# KRAITER_REPOSITORY names the repository of the releases.
set -euo pipefail

version=${KRAITER_VERSION:-}
repository=${KRAITER_REPOSITORY:-kraiter/terraform-provider-kraiter}
if ! [[ $version =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
  echo "::error::The version input must name a release, such as v0.1.0, not \"$version\"."
  exit 1
fi

case "${RUNNER_OS:-}" in
  Linux) os=linux ;;
  macOS) os=darwin ;;
  Windows) os=windows ;;
  *) echo "::error::kraiter has no release for the runner's system, \"${RUNNER_OS:-}\"."; exit 1 ;;
esac
case "${RUNNER_ARCH:-}" in
  X64) arch=amd64 ;;
  ARM64) arch=arm64 ;;
  X86) arch=386 ;;
  ARM) arch=arm ;;
  *) echo "::error::kraiter has no release for the runner's architecture, \"${RUNNER_ARCH:-}\"."; exit 1 ;;
esac
ext=tar.gz
exe=kraiter
if [ "$os" = windows ]; then
  ext=zip
  exe=kraiter.exe
fi
# The names .goreleaser.yml gives, with the version without its v.
archive="kraiter_${version#v}_${os}_${arch}.$ext"
checksums="kraiter_${version#v}_checksums.txt"

dir="$RUNNER_TEMP/kraiter-$version"
rm -rf "$dir"
mkdir -p "$dir/bin"
if ! gh release download "$version" --repo "$repository" --dir "$dir" --pattern "$archive" --pattern "$checksums"; then
  echo "::error::Could not download $archive and $checksums from the release $version of $repository."
  exit 1
fi

# The archive's own line of the checksums, and only it: a line missing is a failure too.
if ! grep -E "^[0-9a-f]{64}  $archive\$" "$dir/$checksums" >"$dir/$archive.sha256"; then
  echo "::error::$checksums of the release $version has no checksum of $archive."
  exit 1
fi
if command -v sha256sum >/dev/null; then
  check=(sha256sum --check --strict)
else
  check=(shasum --algorithm 256 --check --strict) # macOS
fi
if ! (cd "$dir" && "${check[@]}" "$archive.sha256"); then
  echo "::error::$archive does not match its checksum in $checksums: it was not installed."
  exit 1
fi

if [ "$ext" = zip ]; then
  unzip -q -o "$dir/$archive" "$exe" -d "$dir/bin"
else
  tar -xzf "$dir/$archive" -C "$dir/bin" "$exe"
fi
echo "$dir/bin" >>"$GITHUB_PATH"
"$dir/bin/$exe" version
