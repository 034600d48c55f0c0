#!/usr/bin/env bash
# A Kafka stream of exchanges: how fast one `confirmspec consume` member validates a topic,
# against a bare librdkafka consumer that only reads it (the broker's ceiling here) and
# against `confirmspec validate` on the same exchanges as a file; its peak memory; and its
# end-to-end latency (record produced -> verdict written and offset committed) at a fixed
# produce rate.
#
#   benches/stream.sh [EXCHANGES] [RATE] [SECONDS]   (defaults 200000, 5000/s, 20 s)
#
# It builds in release, starts Tansu (installed with `cargo install tansu --locked --features
# dynostore` when missing) on a free port of 127.0.0.1 with in-memory storage, generates a
# seeded capture with `confirmspec generate`, produces it to a topic of 4 partitions, and
# prints Markdown tables. Everything runs on this machine, sharing its cores.
set -euo pipefail
cd "$(dirname "$0")/.."

count=${1:-200000}
rate=${2:-5000}
seconds=${3:-20}
dir=target/bench-stream
mkdir -p "$dir"
export PATH="$HOME/.cargo/bin:$PATH"
command -v tansu >/dev/null || cargo install tansu --locked --features dynostore
cargo build --release --quiet --bin confirmspec --example kafka_bench
bin=target/release/confirmspec
kb=target/release/examples/kafka_bench

capture="$dir/capture-$count.jsonl"
[ -s "$capture" ] || "$bin" generate --count "$count" --format jsonl --seed 1 -o "$capture" >/dev/null 2>&1

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
brokers="127.0.0.1:$port"
tansu broker --kafka-listener-url "tcp://$brokers" --kafka-advertised-listener-url "tcp://$brokers" \
    --storage-engine memory://tansu/ >"$dir/tansu.log" 2>&1 &
tansu_pid=$!
members=()
cleanup() {
    for pid in "${members[@]}"; do pkill -P "$pid" 2>/dev/null || true; done
    kill "$tansu_pid" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 100); do
    "$kb" create "$brokers" ready-check 1 2>/dev/null && break
    sleep 0.2
done

# Records of the metric `name` summed over its labels, from a member's /metrics page.
metric() {
    { curl -s "http://$1/metrics" || true; } | awk -v m="$2" '$1 == m || index($1, m "{") == 1 { s += $NF } END { printf "%d\n", s }'
}

# Starts a member on topic $1, verdicts to /dev/null, metrics on $2, under GNU time (its
# peak RSS to member-rss.txt); sets $timer to time's pid.
start_member() {
    /usr/bin/time -f "%M" -o "$dir/member-rss.txt" \
        "$bin" consume --brokers "$brokers" --topic "$1" --group "bench-$1" --summary-every 0 \
        --metrics "$2" -o /dev/null >/dev/null 2>"$dir/member-$1.log" &
    timer=$!
    members+=("$timer")
}

# SIGTERM to the member under time $1 (time itself does not pass it on), then waits.
stop_member() {
    pkill -TERM -P "$1" || true
    wait "$1" || true
}

free_address() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print("127.0.0.1:%d" % s.getsockname()[1])'
}

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(uname -sr); $(tansu --version)"
echo "capture: $count exchanges, $(stat -c %s "$capture" | awk '{printf "%.0f MB", $1/1e6}') of JSON Lines"
echo

# Throughput: the whole capture on a topic, read by a bare consumer, then by a member; and a
# member on a quarter of it, whose peak memory should be the same (flat).
topic="throughput-$$"
"$kb" create "$brokers" "$topic" 4
"$kb" produce "$brokers" "$topic" "$capture" | tee "$dir/produce.txt"
read_line=$("$kb" read "$brokers" "$topic" "$count")
bare_rate=$(echo "$read_line" | sed -E 's/.*\(([0-9]+)\/s\).*/\1/')

# A member reading topic $1 to its $2 records: sets $member_rate (from its first record to its
# last, by its metrics) and $member_rss.
member_run() {
    local address start="" first=0 end n
    address=$(free_address)
    start_member "$1" "$address"
    while :; do
        n=$(metric "$address" confirmspec_records_total 2>/dev/null)
        if [ -z "$start" ] && [ "${n:-0}" -gt 0 ]; then start=$(date +%s.%N); first=$n; fi
        [ "${n:-0}" -ge "$2" ] && break
        sleep 0.05
    done
    end=$(date +%s.%N)
    stop_member "$timer"
    member_rss=$(tail -1 "$dir/member-rss.txt")
    member_rate=$(python3 -c "print(round(($2 - $first) / ($end - $start)))")
}
member_run "$topic" "$count"
full_rate=$member_rate full_rss=$member_rss
quarter=$((count / 4))
head -n "$quarter" "$capture" >"$dir/quarter.jsonl"
"$kb" create "$brokers" "$topic-quarter" 4
"$kb" produce "$brokers" "$topic-quarter" "$dir/quarter.jsonl" >/dev/null
member_run "$topic-quarter" "$quarter"

/usr/bin/time -f "%e %M" -o "$dir/validate-time.txt" "$bin" validate --quiet --format jsonl "$capture" >/dev/null 2>&1 || true
read -r validate_s validate_rss <<<"$(tail -1 "$dir/validate-time.txt")"
file_rate=$(python3 -c "print(round($count / $validate_s))")

echo
echo "| reader | exchanges/s | of the bare consumer | of validate on the file | peak RSS |"
echo "|---|---|---|---|---|"
echo "| bare rdkafka consumer (reads only), $count records | $bare_rate | 1.00x | | |"
python3 - "$full_rate" "$bare_rate" "$file_rate" "$full_rss" "$validate_rss" "$member_rate" "$member_rss" "$count" "$quarter" <<'PY'
import sys
member, bare, file, member_rss, validate_rss, q_rate, q_rss = map(float, sys.argv[1:8])
count, quarter = sys.argv[8:10]
print(f"| confirmspec consume, one member, {count} records | {member:.0f} | {member / bare:.2f}x | {member / file:.2f}x | {member_rss / 1024:.0f} MB |")
print(f"| confirmspec consume, one member, {quarter} records | {q_rate:.0f} | | | {q_rss / 1024:.0f} MB |")
print(f"| confirmspec validate, the file of {count} | {file:.0f} | | 1.00x | {validate_rss / 1024:.0f} MB |")
PY
# Latency at a fixed rate: a bare consumer, then a member, each on a topic of its own that
# it waits on while RATE records a second are produced for SECONDS. The bare consumer measures
# each record's timestamp -> read: what the broker and librdkafka take (a broker that holds a
# fetch until `fetch.wait.max.ms`, 500 ms by default, as Tansu does, adds up to that). The
# member's end-to-end histogram gives timestamp -> verdict written and offset committed; its
# buckets are 25% apart, so a quantile is given as its bucket's upper bound.
head -n $((rate * seconds)) "$capture" >"$dir/latency.jsonl"
total=$((rate * seconds))
topic="latency-bare-$$"
"$kb" create "$brokers" "$topic" 4
"$kb" read "$brokers" "$topic" "$total" >"$dir/bare-latency.txt" &
bare=$!
sleep 5
"$kb" produce "$brokers" "$topic" "$dir/latency.jsonl" "$rate" >/dev/null
wait "$bare"
topic="latency-member-$$"
"$kb" create "$brokers" "$topic" 4
address=$(free_address)
start_member "$topic" "$address"
sleep 5
"$kb" produce "$brokers" "$topic" "$dir/latency.jsonl" "$rate" >/dev/null
for _ in $(seq 600); do
    [ "$(metric "$address" confirmspec_records_total)" -ge "$total" ] && break
    sleep 0.1
done
curl -s "http://$address/metrics" >"$dir/latency-metrics.txt"
stop_member "$timer"
echo
echo "| at $rate records/s for $seconds s ($total records) | p50 | p99 |"
echo "|---|---|---|"
python3 - "$dir/latency-metrics.txt" "$dir/bare-latency.txt" <<'PY'
import re, sys
buckets = []
for line in open(sys.argv[1]):
    m = re.match(r'confirmspec_end_to_end_seconds_bucket\{le="([^"]+)"\} (\d+)', line)
    if m:
        buckets.append((float("inf") if m.group(1) == "+Inf" else float(m.group(1)), int(m.group(2))))
total = buckets[-1][1]
def quantile(q):
    for le, n in buckets:
        if n >= q * total:
            return le
bare = re.search(r"p50 (\d+) ms, p99 (\d+) ms", open(sys.argv[2]).read())
print(f"| bare consumer: timestamp -> read | {bare.group(1)} ms | {bare.group(2)} ms |")
print(f"| member: timestamp -> verdict written, offset committed | <= {quantile(0.5) * 1000:.0f} ms "
      f"| <= {quantile(0.99) * 1000:.0f} ms |")
PY
