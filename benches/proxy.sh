#!/usr/bin/env bash
# The proxy's cost: the same requests (PUT verifyOrderEac with a doc-sized body) against a
# fast upstream directly, through nginx as a plain reverse proxy (what any proxy costs here,
# with no validation), through examples/forward.rs (hyper forwarding alone, as commonly
# written: tokio's multi-threaded runtime and hyper-util's pool), through
# examples/forward_conn.rs (the proxy's design with none of its work: a single-threaded
# runtime per core, one upstream connection per client connection) and through `confirmspec
# proxy` with validation and the report on, and again publishing every exchange to a Kafka
# topic (`--publish-to`, a Tansu broker on this machine too).
#
#   benches/proxy.sh [SECONDS] [CONNECTIONS] [RATES]   (defaults 10, 16, "5000 10000 20000 30000")
#
# Two kinds of load. wrk sends each client's next request as soon as the last is answered
# (closed loop): the most each target serves, with CONNECTIONS clients and then with one,
# with the CPU time per request of the server in the middle. oha sends RATES requests per
# second on schedule over CONNECTIONS connections (open loop; with --latency-correction a
# request sent late because answers were slow counts its wait): the same load for every
# target, and the latency each hop adds at that rate.
#
# It builds in release, installs wrk and nginx from Debian's packages, and oha 1.16 from
# crates.io (into target/bench-tools, a four-minute build once), when they are missing;
# starts examples/upstream.rs on 127.0.0.1:9100, nginx on 127.0.0.1:9300 (its default of a
# worker per core, keep-alive to the upstream), examples/forward.rs on 127.0.0.1:9400,
# examples/forward_conn.rs on 127.0.0.1:9500 and the proxy on 127.0.0.1:9200, and prints a
# table for each load, with the hypervisor's steal during each run. Everything shares this
# machine's cores: the load generator, the upstream and the server in the middle.
#
# On a shared VM the hypervisor can take a third of the machine for minutes (steal), and a
# run it hit says nothing of the target. A run with more than MAX_STEAL percent of steal
# (default 5) is run again after 15 s, up to TRIES times in all (default 4); the table keeps
# the last attempt and shows its steal.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-10}
connections=${2:-16}
rates=${3:-5000 10000 20000 30000}
max_steal=${MAX_STEAL:-5}
tries=${TRIES:-4}
for tool in wrk nginx; do
    package=$tool
    [ "$tool" = nginx ] && package=nginx-light
    command -v $tool >/dev/null || [ -x /usr/sbin/$tool ] ||
        { apt-get install -y $package >/dev/null 2>&1 || sudo apt-get install -y $package >/dev/null; }
done
oha=$(command -v oha || echo target/bench-tools/bin/oha)
[ -x "$oha" ] || cargo install oha --version 1.16.0 --locked --quiet --root target/bench-tools
export PATH="$HOME/.cargo/bin:$PATH"
command -v tansu >/dev/null || cargo install tansu --locked --features dynostore
cargo build --release --quiet --bin confirmspec --example upstream --example forward --example forward_conn \
    --example kafka_bench
dir=target/bench-proxy
mkdir -p "$dir"

cat >"$dir/nginx.conf" <<NGINX
worker_processes auto;
pid $PWD/$dir/nginx.pid;
error_log $PWD/$dir/nginx-error.log;
events { worker_connections 4096; }
http {
    access_log off;
    upstream bench { server 127.0.0.1:9100; keepalive 64; }
    server {
        listen 127.0.0.1:9300;
        location / {
            proxy_pass http://bench;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
NGINX

target/release/examples/upstream 127.0.0.1:9100 2>/dev/null &
upstream=$!
/usr/sbin/nginx -c "$PWD/$dir/nginx.conf" -g 'daemon off;' &
nginx=$!
target/release/examples/forward 127.0.0.1:9400 http://127.0.0.1:9100 2>/dev/null &
forward=$!
target/release/examples/forward_conn 127.0.0.1:9500 127.0.0.1:9100 2>/dev/null &
forward_conn=$!
target/release/confirmspec proxy --listen 127.0.0.1:9200 \
    --upstream yandex-market=http://127.0.0.1:9100 --report "$dir/report.jsonl" 2>/dev/null &
proxy=$!
tansu broker --kafka-listener-url tcp://127.0.0.1:9092 --kafka-advertised-listener-url tcp://127.0.0.1:9092 \
    --storage-engine memory://tansu/ >"$dir/tansu.log" 2>&1 &
tansu=$!
for _ in $(seq 100); do
    target/release/examples/kafka_bench create 127.0.0.1:9092 bench-exchanges 4 2>/dev/null && break
    sleep 0.2
done
target/release/confirmspec proxy --listen 127.0.0.1:9600 \
    --upstream yandex-market=http://127.0.0.1:9100 --report "$dir/report-publish.jsonl" \
    --publish-to 127.0.0.1:9092/bench-exchanges 2>"$dir/publish.log" &
publish=$!
trap 'kill $upstream $proxy $publish $nginx $forward $forward_conn $tansu 2>/dev/null || true' EXIT
sleep 1

route=/campaigns/21004300/orders/4568001/verifyEac
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; wrk -t1 -d${seconds}s"
# The CPU time (user and system, in clock ticks) the processes given have used so far.
ticks() {
    local total=0 pid
    for pid in "$@"; do
        total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
    done
    echo "$total"
}
# The machine's CPU time so far, all of it and the part the hypervisor took (steal).
machine() { awk '/^cpu / {print $2+$3+$4+$5+$6+$7+$8+$9, $9}' /proc/stat; }
hz=$(getconf CLK_TCK)
# The port each target listens on.
port_of() {
    case $1 in
        direct) echo 9100 ;;
        nginx) echo 9300 ;;
        forward) echo 9400 ;;
        forward_conn) echo 9500 ;;
        proxy) echo 9200 ;;
        publish) echo 9600 ;;
    esac
}

# Runs "$@" (which sets $row and $steal) until its steal is at most MAX_STEAL percent, at
# most TRIES times, then prints the last row.
steady() {
    local attempt
    for attempt in $(seq "$tries"); do
        "$@"
        [ "$steal" -le "$max_steal" ] && break
        if [ "$attempt" -lt "$tries" ]; then
            echo "($3: ${steal}% steal, over ${max_steal}%: again in 15 s)" >&2
            sleep 15
        fi
    done
    echo "$row"
}
# The steal since the machine() reading given, in percent.
steal_since() {
    local all_before=$1 steal_before=$2 all_after steal_after
    read -r all_after steal_after < <(machine)
    awk -v s=$((steal_after - steal_before)) -v a=$((all_after - all_before)) \
        'BEGIN {printf "%d", a ? 100 * s / a : 0}'
}

# Requests per second and latency say what a client sees, and swing with the neighbours of a
# shared VM; the CPU time per request of the server in the middle (the upstream alone when
# direct) is what each one costs, and holds still. Steal is the share of the run the
# hypervisor gave to others.
# closed CLIENTS TARGET: wrk with CLIENTS connections against TARGET.
closed() {
    local clients=$1 run=$2 port pids before after all_before steal_before out requests
    port=$(port_of "$run")
    case $run in
        direct) pids=$upstream ;;
        nginx) pids="$nginx $(pgrep -P "$nginx" | tr '\n' ' ')" ;;
        forward) pids=$forward ;;
        forward_conn) pids=$forward_conn ;;
        proxy) pids=$proxy ;;
        publish) pids=$publish ;;
    esac
    # shellcheck disable=SC2086 # pids is a list
    before=$(ticks $pids)
    read -r all_before steal_before < <(machine)
    out="$dir/$run-$clients.txt"
    wrk -t1 -c"$clients" -d"${seconds}s" --latency -s benches/put.lua \
        "http://127.0.0.1:$port$route" >"$out"
    # shellcheck disable=SC2086
    after=$(ticks $pids)
    steal=$(steal_since "$all_before" "$steal_before")
    requests=$(awk '/requests in/ {print $1}' "$out")
    row=$(awk -v t=$((after - before)) -v hz="$hz" -v n="$requests" -v run="$run" \
        -v steal="$steal" '
        /Requests\/sec/ {rps = $2}
        $1 == "50%" {p50 = $2} $1 == "90%" {p90 = $2} $1 == "99%" {p99 = $2}
        END {printf "| %s | %s | %s | %s | %s | %.1f us | %d%% |", run, rps, p50, p90, p99,
            t / hz * 1e6 / n, steal}' "$out")
}

# open RATE TARGET: oha sending RATE requests a second to TARGET.
open_loop() {
    local rate=$1 run=$2 port all_before steal_before
    port=$(port_of "$run")
    read -r all_before steal_before < <(machine)
    "$oha" -z "${seconds}s" -c "$connections" -q "$rate" --latency-correction -w --no-tui \
        -m PUT -T application/json -H "Api-Key: bench-key" -d '{"code": "4711"}' \
        --output-format json -o "$dir/$run-rate-$rate.json" "http://127.0.0.1:$port$route"
    steal=$(steal_since "$all_before" "$steal_before")
    row=$(python3 - "$dir/$run-rate-$rate.json" "$run" "$rate" "$steal" <<'PYTHON'
import json, sys
path, run, rate, steal = sys.argv[1:]
result = json.load(open(path))
summary, percentiles = result["summary"], result["latencyPercentiles"]
statuses = result["statusCodeDistribution"]
ok = statuses.get("200", 0)
other = sum(statuses.values()) - ok + sum(result["errorDistribution"].values())
us = lambda p: f"{percentiles[p] * 1e6:,.0f} us"
print(f"| {run} | {summary['requestsPerSec']:,.0f} of {int(rate):,} | {ok:,} | {other:,} "
      f"| {us('p50')} | {us('p90')} | {us('p99')} | {us('p99.9')} | {steal}% |")
PYTHON
    )
}

# One table at full load (CONNECTIONS clients), one with a single client: its latency is what
# each hop adds to a request when nothing queues.
for clients in "$connections" 1; do
    echo
    echo "$clients connection(s):"
    echo
    echo "| target | requests/s | p50 | p90 | p99 | CPU per request | steal |"
    echo "|---|---|---|---|---|---|---|"
    for run in direct nginx forward forward_conn proxy publish; do
        steady closed "$clients" "$run"
    done
done

echo
echo "the same load for all, oha -c$connections -q RATE --latency-correction -w -z${seconds}s:"
echo
echo "| target | requests/s | answered 200 | other | p50 | p90 | p99 | p99.9 | steal |"
echo "|---|---|---|---|---|---|---|---|---|"
for rate in $rates; do
    for run in direct nginx forward forward_conn proxy publish; do
        steady open_loop "$rate" "$run"
    done
done
kill -TERM "$proxy" "$publish"
wait "$proxy" || true
wait "$publish" || true
echo
echo "exchanges in the proxy's report: $(wc -l <"$dir/report.jsonl")"
echo "exchanges in the publishing proxy's report: $(wc -l <"$dir/report-publish.jsonl"); $(grep -o '[0-9]* published, [0-9]* not published' "$dir/publish.log")"
