# shellcheck shell=bash
# What the action's scripts share; sourced, not run.

# review_marker prints the marker of the review's comment, which the comment opens with
# (hidden) and is found by: one per working directory and title, so that the configurations a
# pull request plans each keep a comment of their own.
review_marker() {
  local key
  key=$(printf '%s\n%s' "${KRAITER_WORKING_DIRECTORY:-.}" "${KRAITER_TITLE:-}" | sha256sum | cut -c1-12)
  echo "kraiter-review $key"
}
