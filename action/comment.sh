#!/usr/bin/env bash
# Posts the review (the file KRAITER_REVIEW) on the pull request, or updates the comment of an
# earlier run, found by the marker it opens with, so that the pull request keeps one comment
# per configuration. When there is no review, because an earlier step of the action failed,
# the comment says that the review failed instead: the last one no longer matches the pull
# request. Outside a pull request the review is in the job's summary only.
set -euo pipefail
# shellcheck source=action/lib.sh
. "$(dirname "$0")/lib.sh"

pr=$(jq -r '.pull_request.number // empty' "$GITHUB_EVENT_PATH")
if [ -z "$pr" ]; then
  echo "Not a pull request: the review is in the job's summary only."
  exit 0
fi

marker="<!-- $(review_marker) -->"
body=$(mktemp)
trap 'rm -f "$body" "$body.json"' EXIT
review=${KRAITER_REVIEW:-}
if [ -n "$review" ] && [ -s "$review" ]; then
  cp "$review" "$body"
else
  sha=$(jq -r '.pull_request.head.sha' "$GITHUB_EVENT_PATH")
  run="$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID"
  printf '%s\n## Kraiter sequences\n\nThe review of %s failed: see the checks of [this run](%s).\n' "$marker" "$sha" "$run" >"$body"
fi
# The review opens with the marker, which kraiter review --marker wrote.
[ "$(head -n1 "$body")" = "$marker" ] || { echo "::error::The review does not open with its marker, $marker."; exit 1; }
jq --raw-input --slurp '{body: .}' <"$body" >"$body.json"

# The comments are listed oldest first: the first with the marker is the one to update.
ids=$(gh api --paginate "repos/$GITHUB_REPOSITORY/issues/$pr/comments" \
  --jq ".[] | select(.body | startswith(\"$marker\")) | .id")
id=${ids%%$'\n'*}
if [ -n "$id" ]; then
  gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$id" --input "$body.json" >/dev/null
  echo "Updated the review comment: $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/pull/$pr#issuecomment-$id"
else
  id=$(gh api --method POST "repos/$GITHUB_REPOSITORY/issues/$pr/comments" --input "$body.json" --jq .id)
  echo "Posted the review comment: $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/pull/$pr#issuecomment-$id"
fi
