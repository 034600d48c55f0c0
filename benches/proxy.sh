#!/usr/bin/env bash
# The proxy's cost: the same load (wrk, PUT verifyOrderEac with a doc-sized body) against a
# fast upstream directly and through `confirmspec proxy` with validation and the report on.
#
#   benches/proxy.sh [SECONDS] [CONNECTIONS]      (defaults 10 and 16)
#
# It builds in release, installs wrk from Debian's packages when it is missing, starts
# examples/upstream.rs on 127.0.0.1:9100 and the proxy on 127.0.0.1:9200, and prints the
# requests per second and the latency percentiles of each run. Everything shares this
# machine's cores: the load generator, the upstream and the proxy.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-10}
connections=${2:-16}
command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null 2>&1 || sudo apt-get install -y wrk >/dev/null; }
cargo build --release --quiet --bin confirmspec --example upstream
dir=target/bench-proxy
mkdir -p "$dir"
cat >"$dir/put.lua" <<'LUA'
wrk.method = "PUT"
wrk.body = '{"code": "4711"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Api-Key"] = "bench-key"
LUA

target/release/examples/upstream 127.0.0.1:9100 2>/dev/null &
upstream=$!
target/release/confirmspec proxy --listen 127.0.0.1:9200 \
    --upstream yandex-market=http://127.0.0.1:9100 --report "$dir/report.jsonl" 2>/dev/null &
proxy=$!
trap 'kill $upstream $proxy 2>/dev/null || true' EXIT
sleep 1

route=/campaigns/21004300/orders/4568001/verifyEac
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; wrk -t1 -c$connections -d${seconds}s"
echo
echo "| target | requests/s | p50 | p90 | p99 |"
echo "|---|---|---|---|---|"
for run in direct proxy; do
    port=9100
    [ "$run" = proxy ] && port=9200
    wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$dir/put.lua" "http://127.0.0.1:$port$route" >"$dir/$run.txt"
    rps=$(awk '/Requests\/sec/ {print $2}' "$dir/$run.txt")
    p50=$(awk '$1 == "50%" {print $2}' "$dir/$run.txt")
    p90=$(awk '$1 == "90%" {print $2}' "$dir/$run.txt")
    p99=$(awk '$1 == "99%" {print $2}' "$dir/$run.txt")
    echo "| $run | $rps | $p50 | $p90 | $p99 |"
done
kill -TERM "$proxy"
wait "$proxy" || true
echo
echo "exchanges in the proxy's report: $(wc -l <"$dir/report.jsonl")"
