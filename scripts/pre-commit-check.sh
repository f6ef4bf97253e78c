#!/usr/bin/env bash
# Proves .pre-commit-hooks.yaml with the real pre-commit: `pre-commit try-repo` installs the
# hooks from this clone as it would from GitHub (language: golang: go install, from the Go
# module proxy) and runs them all in a throwaway repository, once on good files, where each
# must pass, and once on bad ones, where each must fail and say why. try-repo takes the
# clone's committed files and its changes to tracked ones.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
pre_commit=$(scripts/install-pre-commit.sh)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "pre-commit check: $*" >&2; exit 1; }

# The hooks' builds share this machine's module and build caches, and -trimpath lets the
# build in each new clone that try-repo makes reuse the compiled packages of the last.
export GOMODCACHE GOCACHE GOFLAGS PRE_COMMIT_HOME="$work/pre-commit-home"
GOMODCACHE=$(go env GOMODCACHE)
GOCACHE=$(go env GOCACHE)
GOFLAGS="$(go env GOFLAGS) -trimpath"

repo="$work/repo"
mkdir "$repo"
git -C "$repo" init -q

# try_repo LOG: runs every hook of this clone on every file of the repository, with its
# output in LOG, and returns pre-commit's status.
try_repo() {
  (cd "$repo" && git add -A && "$pre_commit" try-repo --all-files --color never "$root") >"$1" 2>&1
}

# expect LOG TEXT...: LOG holds each TEXT, as a line or part of one.
expect() {
  local log=$1 text
  shift
  for text in "$@"; do
    grep -qF -- "$text" "$log" || { cat "$log" >&2; fail "the output above lacks: $text"; }
  done
}

cat >"$repo/welcome.kraiter.hcl" <<'HCL'
email {
  template = "tmpl_welcome"
}

delay {
  duration = "1d"
}

email {
  template = "tmpl_tips"
}
HCL
cat >"$repo/welcome.kraiter.test.hcl" <<'HCL'
sequence = "welcome.kraiter.hcl"

test "the welcome, then the tips" {
  expect_sends = ["tmpl_welcome", "tmpl_tips"]
}
HCL

echo "==> pre-commit try-repo on good files (builds kraiter with go install)"
if ! try_repo "$work/good.log"; then
  cat "$work/good.log" >&2
  fail "the hooks failed on good files"
fi
for hook in fmt validate test; do
  grep -qE "^kraiter dsl $hook\.+Passed$" "$work/good.log" || { cat "$work/good.log" >&2; fail "kraiter dsl $hook did not pass"; }
done
echo "ok: kraiter-dsl-fmt, kraiter-dsl-validate and kraiter-dsl-test pass on good files"

# An unformatted file, an invalid one, and a test that expects the sends in the wrong order.
printf 'email {\n  template   = "tmpl_welcome"\n}\n' >"$repo/messy.kraiter.hcl"
printf 'delay {\n  duration = "2 days"\n}\n' >"$repo/invalid.kraiter.hcl"
sed -i 's/\["tmpl_welcome", "tmpl_tips"\]/["tmpl_tips", "tmpl_welcome"]/' "$repo/welcome.kraiter.test.hcl"

echo "==> pre-commit try-repo on bad files"
if try_repo "$work/bad.log"; then
  cat "$work/bad.log" >&2
  fail "the hooks passed on bad files"
fi
for hook in fmt validate test; do
  grep -qE "^kraiter dsl $hook\.+Failed$" "$work/bad.log" || { cat "$work/bad.log" >&2; fail "kraiter dsl $hook did not fail"; }
done
expect "$work/bad.log" \
  "messy.kraiter.hcl" \
  "invalid.kraiter.hcl:2:14: error: Invalid duration: \"2 days\" is not a duration" \
  "--- FAIL: the welcome, then the tips (welcome.kraiter.test.hcl:3)" \
  "expected sends [tmpl_tips tmpl_welcome], got [tmpl_welcome tmpl_tips]"
# The formatting hook rewrote the file it listed, as pre-commit's formatters do.
grep -qx '  template = "tmpl_welcome"' "$repo/messy.kraiter.hcl" || fail "kraiter-dsl-fmt did not rewrite messy.kraiter.hcl"
echo "ok: each hook fails on bad files and says why; kraiter-dsl-fmt rewrote the file"
