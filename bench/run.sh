#!/usr/bin/env bash
# The performance harness of docs/guides/performance.md: runs the benchmarks and writes each
# table to bench/results/, with the machine it ran on and the command that reproduces it.
#
#   bench/run.sh [go|plan|paging|load|review]...   (no argument: all five, 15 to 20 minutes on 2 cores)
#
#   go      go test benchmarks: DSL compile against HCL's parse, growth per step, the language
#           server's latencies, the provider's calls against the floor's, CPU profiles of the
#           provider -> dsl-compile.md growth.md lsp.md provider.md provider-profile.md
#           go-bench.txt (benchstat)
#   plan    bench/plan: tofu plan of kraiter_sequence against floor providers and terraform_data,
#           the schema's parts, injected latency; the apply that creates them -> plan.md apply.md
#   paging  bench/paging: the client listing 10,000 and 100,000 enrolled contacts -> paging.md
#   load    bench/load: the local server under 50 concurrent clients -> load.md
#   review  bench/review: kraiter review of plans of 1,000 sequences and of 1,000-step sequences
#           against decoding the same plan JSON alone -> review.md
#
# Settings from the environment: BENCH_PLAN_SIZES (100,1000), BENCH_PLAN_REPS (5),
# BENCH_GO_COUNT (5), BENCH_PAGING_REPS (3), BENCH_LOAD_DURATION (10s), BENCH_REVIEW_REPS (5),
# BENCH_REVIEW_HUGE (true: also 1,000 sequences of 1,000 steps, a 344 MB plan). The CPU profiles
# stay in $TMPDIR/kraiter-bench for `go tool pprof -http=: FILE`.
#
# The figures are wall times on shared cores: run on a quiet machine, one benchmark at a time.
set -euo pipefail
cd "$(dirname "$0")/.."
results=bench/results
profiles="${TMPDIR:-/tmp}/kraiter-bench"
plan_sizes=${BENCH_PLAN_SIZES:-100,1000}
plan_reps=${BENCH_PLAN_REPS:-5}
go_count=${BENCH_GO_COUNT:-5}
paging_reps=${BENCH_PAGING_REPS:-3}
load_duration=${BENCH_LOAD_DURATION:-10s}
review_reps=${BENCH_REVIEW_REPS:-5}
review_huge=${BENCH_REVIEW_HUGE:-true}

say() { printf '\n==> %s\n' "$*" >&2; }

warn_if_busy() {
  local load
  load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
  if awk -v load="$load" 'BEGIN { exit !(load > 1.5) }'; then
    echo "bench: the load average is $load; other work on the machine skews the figures" >&2
  fi
}

# run_shown runs a command given as one string, the same string the result pages show.
run_shown() {
  echo "+ $1" >&2
  eval "$1"
}

bench_go() {
  local cmd table
  cmd="go test -run '^\$' -bench . -benchmem -count $go_count ./definition ./dsl ./stepdiff ./client ./internal/lsp ./bench/providerbench"
  run_shown "$cmd" | tee "$results/go-bench.txt"
  for table in compile:dsl-compile growth:growth lsp:lsp provider:provider; do
    go run ./bench/gobench -table "${table%%:*}" -command "$cmd" -out "$results/${table#*:}.md" <"$results/go-bench.txt"
  done

  rm -rf "$profiles"
  mkdir -p "$profiles"
  local shown=() args=() call
  for call in RefreshPlan Create; do
    cmd="go test -run '^\$' -bench '^BenchmarkProvider\$/^kraiter_sequence\$/^$call\$' -benchtime 5s -o $profiles/providerbench.test -cpuprofile $profiles/$call.pprof ./bench/providerbench"
    run_shown "$cmd" >/dev/null
    shown+=("$cmd")
    args+=("$call=$profiles/$call.pprof")
  done
  go run ./bench/profile -command "${shown[0]} && ${shown[1]}" -out "$results/provider-profile.md" "${args[@]}"
}

bench_plan() {
  go run ./bench/plan -n "$plan_sizes" -reps "$plan_reps"
}

bench_paging() {
  go run ./bench/paging -reps "$paging_reps"
}

bench_load() {
  go run ./bench/load -duration "$load_duration"
}

bench_review() {
  go run ./bench/review -reps "$review_reps" -huge="$review_huge"
}

phases=("$@")
[ ${#phases[@]} -gt 0 ] || phases=(go plan paging load review)
for phase in "${phases[@]}"; do
  case "$phase" in
    go | plan | paging | load | review) ;;
    *) echo "usage: bench/run.sh [go|plan|paging|load|review]...; unknown benchmark \"$phase\"" >&2; exit 2 ;;
  esac
done
mkdir -p "$results"
started=$SECONDS
for phase in "${phases[@]}"; do
  say "bench $phase"
  warn_if_busy
  "bench_$phase"
done
say "done in $(((SECONDS - started) / 60)) min $(((SECONDS - started) % 60)) s; tables in $results/"
