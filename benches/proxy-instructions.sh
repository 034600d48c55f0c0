#!/usr/bin/env bash
# The proxy's cost in instructions per exchange, which a shared VM's neighbours do not swing
# (requests per second and CPU time do: see benches/proxy.sh). Each server in the middle runs
# under valgrind's callgrind while wrk sends the same PUT verifyOrderEac as benches/proxy.sh:
# examples/forward.rs (hyper forwarding alone), examples/forward_conn.rs (the same with one
# upstream connection per client connection and a single-threaded runtime per core) and
# `confirmspec proxy` validating both directions and writing its report. Counters are zeroed
# after a second of warm-up, so neither start-up (loading the specs) nor the schemas compiled
# on first use are counted (the count starts once the proxy's report has caught up with the
# warm-up).
#
#   benches/proxy-instructions.sh [SECONDS]      (default 10)
#
# Needs valgrind and wrk (installed from Debian's packages when missing). Under callgrind a
# server runs some fifty times slower, so a run serves a few thousand requests.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-10}
for tool in wrk valgrind; do
    command -v $tool >/dev/null ||
        { apt-get install -y $tool >/dev/null 2>&1 || sudo apt-get install -y $tool >/dev/null; }
done
cargo build --release --quiet --bin confirmspec --example upstream --example forward --example forward_conn
dir=target/bench-proxy
mkdir -p "$dir"
target/release/examples/upstream 127.0.0.1:9100 2>/dev/null &
upstream=$!
trap 'kill $upstream 2>/dev/null || true' EXIT
route=/campaigns/21004300/orders/4568001/verifyEac
report=$dir/callgrind-report.jsonl
rm -f "$report"

# measure NAME PORT COMMAND...: runs COMMAND under callgrind, loads it, prints its line.
measure() {
    local name=$1 port=$2
    shift 2
    valgrind --tool=callgrind --fair-sched=yes --callgrind-out-file="$dir/callgrind.$name" \
        "$@" 2>"$dir/callgrind.$name.log" &
    local server=$!
    for _ in $(seq 120); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
        sleep 0.5
    done
    wrk -t1 -c1 -d1s -s benches/put.lua "http://127.0.0.1:$port$route" >/dev/null
    # The proxy validates on its report thread, a little behind the traffic, and compiles
    # each schema on first use: counting starts once its report has stopped growing.
    local lines=-1
    while [ -f "$report" ] && [ "$lines" != "$(wc -l <"$report")" ]; do
        lines=$(wc -l <"$report")
        sleep 1
    done
    callgrind_control --zero "$server" >/dev/null 2>&1
    wrk -t1 -c16 -d"${seconds}s" -s benches/put.lua "http://127.0.0.1:$port$route" \
        >"$dir/callgrind.$name.wrk"
    kill -TERM "$server"
    wait "$server" || true
    local requests instructions
    requests=$(awk '/requests in/ {print $1}' "$dir/callgrind.$name.wrk")
    instructions=$(grep -o 'Collected : [0-9]*' "$dir/callgrind.$name.log" | grep -o '[0-9]*$')
    echo "| $name | $requests | $((instructions / requests)) |"
}

echo "| server in the middle | requests | instructions per request |"
echo "|---|---|---|"
measure forward 9400 target/release/examples/forward 127.0.0.1:9400 http://127.0.0.1:9100
measure forward_conn 9500 target/release/examples/forward_conn 127.0.0.1:9500 127.0.0.1:9100
measure proxy 9200 target/release/confirmspec proxy --listen 127.0.0.1:9200 \
    --upstream yandex-market=http://127.0.0.1:9100 --report "$report"
echo
echo "callgrind_annotate --inclusive=yes $dir/callgrind.proxy | head -60   # where they go"
