# shellcheck shell=bash
# What the scripts that drive a local Kraiter server share; sourced, not run.

# start_kraiter KRAITER DIR API_KEY DB SEED starts `kraiter serve` on a free port with its log
# in DIR/server.log, and sets server_pid and base_url once it is ready. When the server stops
# or is not ready within 10 s, it shows the log and exits.
start_kraiter() {
  local kraiter=$1 dir=$2 key=$3 db=$4 seed=$5
  rm -f "$dir/url"
  KRAITER_API_KEY="$key" "$kraiter" serve --addr 127.0.0.1:0 --db "$db" --seed "$seed" \
    --ready-file "$dir/url" 2>"$dir/server.log" &
  server_pid=$!
  for _ in $(seq 100); do
    [ -s "$dir/url" ] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [ ! -s "$dir/url" ]; then
    echo "the local Kraiter server did not start within 10 s; its log:" >&2
    cat "$dir/server.log" >&2
    exit 1
  fi
  # shellcheck disable=SC2034 # read by the script that sources this file
  base_url=$(cat "$dir/url")
}

# stop_kraiter stops the server start_kraiter started, if it is running.
stop_kraiter() {
  if [ -n "${server_pid:-}" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}

# logged LOG COMMAND... runs COMMAND with its output in LOG, which is shown, after the
# command, only when it fails; then it exits.
logged() {
  local log=$1
  shift
  if ! "$@" >"$log" 2>&1; then
    echo "failed: $*" >&2
    cat "$log" >&2
    exit 1
  fi
}
