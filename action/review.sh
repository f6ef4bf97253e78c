#!/usr/bin/env bash
# Checks the DSL files under the working directory (kraiter dsl fmt --check, kraiter dsl
# validate), runs the sequence tests (kraiter dsl test), and writes the review of the plan,
# listing first the checks that failed, here and in KRAITER_FAILED. A check that fails does
# not stop the others nor the review: the output failed=true says it, for the action's last
# step. The script itself fails only when the review cannot be written.
#
# Environment: KRAITER_PLAN (the plan's JSON), KRAITER_CONTACTS (sample contacts, used when
# the file exists), KRAITER_TITLE, KRAITER_VARS (NAME=VALUE lines), KRAITER_FAILED (NAME=FILE
# lines), and what the review reads the account with (KRAITER_API_KEY, KRAITER_BASE_URL).
set -euo pipefail
# shellcheck source=action/lib.sh
. "$(dirname "$0")/lib.sh"

out="$RUNNER_TEMP/kraiter-review"
rm -rf "$out"
mkdir -p "$out"
failed=()

# check NAME LOG COMMAND...: runs a check with its output in the job's log, where GitHub
# reads the annotations, and in LOG; a failure is noted for the review.
check() {
  local name=$1 log=$2 status=0
  shift 2
  echo "::group::$name"
  "$@" 2>&1 | tee "$log" || status=$?
  echo "::endgroup::"
  if [ "$status" -ne 0 ]; then
    echo "::error::$name failed."
    failed+=(--failed "$name=$log")
  fi
}

shopt -s globstar nullglob
sequences=(**/*.kraiter.hcl) # not the tests, which end in .test.hcl
tests=(**/*.kraiter.test.hcl)
vars=()
while IFS= read -r line; do
  [ -n "${line// /}" ] && vars+=(--var "$line")
done <<<"${KRAITER_VARS:-}"

if [ $((${#sequences[@]} + ${#tests[@]})) -gt 0 ]; then
  check "kraiter dsl fmt --check" "$out/fmt.log" kraiter dsl fmt --check "${sequences[@]}" "${tests[@]}"
fi
if [ ${#sequences[@]} -gt 0 ]; then
  check "kraiter dsl validate" "$out/validate.log" kraiter dsl validate --format github "${vars[@]}" "${sequences[@]}"
fi
check "kraiter dsl test" "$out/test.log" kraiter dsl test --format github

# The steps before the action that failed, NAME=FILE a line.
while IFS= read -r line; do
  [ -n "${line// /}" ] && failed+=(--failed "$line")
done <<<"${KRAITER_FAILED:-}"

args=(--marker "$(review_marker)")
[ -n "${KRAITER_TITLE:-}" ] && args+=(--title "$KRAITER_TITLE")
[ -n "${KRAITER_CONTACTS:-}" ] && [ -f "$KRAITER_CONTACTS" ] && args+=(--contacts "$KRAITER_CONTACTS")
plan=${KRAITER_PLAN:-}
if [ -n "$plan" ] && [ -s "$plan" ]; then
  args+=("$plan")
elif [ ${#failed[@]} -eq 0 ]; then
  # Nothing failed, yet there is no plan: the workflow did not make one where the action
  # looks. That is a failure too, or the comment would say nothing.
  echo "No plan JSON at ${plan:-(the plan input is empty)} in ${KRAITER_WORKING_DIRECTORY:-.}: give the plan input the file that terraform show -json PLANFILE wrote." >"$out/plan.log"
  echo "::error::$(cat "$out/plan.log")"
  failed+=(--failed "plan=$out/plan.log")
fi

kraiter review "${args[@]}" "${failed[@]}" >"$out/review.md"
cat "$out/review.md" >>"$GITHUB_STEP_SUMMARY"
{
  echo "review=$out/review.md"
  if [ ${#failed[@]} -gt 0 ]; then echo "failed=true"; else echo "failed=false"; fi
} >>"$GITHUB_OUTPUT"
