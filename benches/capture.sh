#!/usr/bin/env bash
# Captures at production scale: throughput against serde_json parsing alone, peak memory for
# a 50 MB and a 500 MB capture, each report format against text, and the ratio to
# openapi-core (Python) and to Redocly's `drift` (Node) per exchange.
#
#   benches/capture.sh [SIZE_MB]     (default 500; needs about 2 GB of disk)
#
# It builds in release, generates the captures with `confirmspec generate` (from the bundled
# specs' examples; seeded, so every run reads the same bytes), installs openapi-core from PyPI
# into a virtual environment and @redocly/cli from npm under target/, and prints Markdown
# tables. Reports go to /dev/null, as a CI job's pipe or file would take them.
set -euo pipefail
cd "$(dirname "$0")/.."

size_mb=${1:-500}
dir=target/bench-captures
mkdir -p "$dir"
cargo build --release --quiet --bin confirmspec --example parse_only
bin=target/release/confirmspec
parse_only=target/release/examples/parse_only

for mb in 50 "$size_mb"; do
    for format in jsonl har; do
        file="$dir/capture-${mb}M.$format"
        [ -s "$file" ] || "$bin" generate --size "${mb}M" --format "$format" --seed 1 -o "$file" 2>/dev/null
    done
done

# Seconds, peak RSS (KB) of a command; its output is discarded (the exit status 1 of a capture
# with violations is expected).
measure() {
    /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$@" >/dev/null 2>&1 || true
    tail -1 "$dir/time.txt"
}

exchanges_of() {
    { "$bin" validate --format jsonl --quiet "$1" || true; } | tail -1 |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["exchanges"])'
}

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo
echo "| capture | MB | exchanges | parse only (serde_json, 1 core) | validate, 1 core | validate, all cores | validate / parse | peak RSS |"
echo "|---|---|---|---|---|---|---|---|"
for mb in 50 "$size_mb"; do
    for format in jsonl har; do
        file="$dir/capture-${mb}M.$format"
        bytes=$(stat -c %s "$file")
        n=$(exchanges_of "$file")
        read -r parse_s _ <<<"$(measure "$parse_only" "$file")"
        read -r one_s _ <<<"$(measure env RAYON_NUM_THREADS=1 "$bin" validate --quiet "$file")"
        read -r all_s rss_kb <<<"$(measure "$bin" validate --quiet "$file")"
        python3 - "$format" "$bytes" "$n" "$parse_s" "$one_s" "$all_s" "$rss_kb" <<'PY'
import sys
fmt, size, n, parse, one, allc, rss = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), *map(float, sys.argv[4:8])
mb = size / 1e6
rate = lambda s: f"{s:.2f} s, {mb / s:.0f} MB/s, {n / s / 1000:.0f}k exch/s"
print(f"| {fmt} | {mb:.0f} | {n} | {rate(parse)} | {rate(one)} | {rate(allc)} | {allc / parse:.2f}x | {rss / 1024:.0f} MB |")
PY
    done
done

# Medians of repeated runs (hyperfine, from Debian's packages): single runs on a shared VM
# vary by 10-20%, more than the differences measured here. Prints "median_s" for a command.
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
median() { # runs command...
    local runs=$1
    shift
    hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$dir/hyperfine.json" "$*" >/dev/null 2>&1
    python3 -c 'import json; print(json.load(open("'"$dir/hyperfine.json"'"))["results"][0]["median"])'
}

# Each report format on the 50 MB HAR, all cores: machine formats are written through one
# buffer and never through the terminal adapter, so they should cost about what text does.
# The formats take turns, a run each, 11 rounds: this VM's speed drifts over a minute by more
# than the differences measured, and turns spread the drift over every format alike.
echo
echo "| --format (50 MB HAR, all cores, median of 11 rounds taken in turns) | seconds | of text | peak RSS |"
echo "|---|---|---|---|"
har50="$dir/capture-50M.har"
python3 - "$bin" "$har50" <<'PY' >"$dir/formats.txt"
import statistics, subprocess, sys, time
binary, capture = sys.argv[1], sys.argv[2]
formats = ["text", "json", "jsonl", "sarif", "junit"]
seconds = {f: [] for f in formats}
for round_ in range(12):
    for f in formats:
        start = time.perf_counter()
        subprocess.run([binary, "validate", "--quiet", "--format", f, capture],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if round_ > 0:  # the first round warms the caches
            seconds[f].append(time.perf_counter() - start)
for f in formats:
    print(f, statistics.median(seconds[f]))
PY
text_s=$(awk '$1 == "text" {print $2}' "$dir/formats.txt")
while read -r format s; do
    read -r _ rss_kb <<<"$(measure "$bin" validate --quiet --format "$format" "$har50")"
    python3 -c "import sys; f, s, t, r = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]); print(f'| {f} | {s:.3f} | {s / t:.2f}x | {r / 1024:.0f} MB |')" \
        "$format" "$s" "$text_s" "$rss_kb"
done <"$dir/formats.txt"

# One defect in 100,000 exchanges (a Yandex Market answer with an unknown verification
# result, copied from the demo capture): the text report is one group with its count, and
# grouping costs nothing measurable: text (grouped) against jsonl, which groups too but writes
# every exchange, and the line count of each.
one_defect="$dir/one-defect-100000.jsonl"
[ -s "$one_defect" ] || python3 - "$one_defect" <<'PY'
import sys
line = next(l for l in open("samples/demo.jsonl") if '"verificationResult": "ACCEPTED"' in l)
with open(sys.argv[1], "w") as out:
    out.write(line)
    out.write(line.replace('"ACCEPTED"', '"MAYBE"') * 100000)
PY
echo
echo "| one defect in 100,000 exchanges (median of 11) | seconds | lines written |"
echo "|---|---|---|"
for format in text jsonl; do
    s=$(median 11 "$bin" validate --quiet --format "$format" "$one_defect")
    lines=$({ "$bin" validate --quiet --format "$format" "$one_defect" || true; } | wc -l)
    printf '| --format %s | %.3f | %s |\n' "$format" "$s" "$lines"
done

# Redocly's drift (installed from npm) and confirmspec --format json on the same HAR of
# DRIFT_EXCHANGES exchanges (default 50,000; distinct: the generator numbers each exchange's
# credentials), against the same three specs.
drift_n=${DRIFT_EXCHANGES:-50000}
drift_har="$dir/drift-$drift_n.har"
[ -s "$drift_har" ] || "$bin" generate --count "$drift_n" --format har --seed 2 -o "$drift_har" 2>/dev/null
node_dir=target/bench-node
redocly="$node_dir/node_modules/.bin/redocly"
if [ ! -x "$redocly" ]; then
    mkdir -p "$node_dir"
    (cd "$node_dir" && npm install --no-audit --no-fund --silent "@redocly/cli@${REDOCLY_VERSION:-2.77.0}")
fi
distinct=$(python3 - "$drift_har" <<'PY'
import hashlib, json, sys
entries = json.load(open(sys.argv[1]))["log"]["entries"]
seen = {hashlib.sha1(json.dumps([e["request"], e["response"]], sort_keys=True).encode()).digest() for e in entries}
print(len(seen))
PY
)
# In turns, as the formats above: a round is one drift run and four of ours, after a round
# that warms the caches; the medians of drift's 3 runs and of our 12.
read -r drift_s ours_json_s < <(python3 - "$redocly" "$bin" "$drift_har" <<'PY'
import statistics, subprocess, sys, time
redocly, binary, capture = sys.argv[1:4]
drift = [redocly, "drift", capture, "--api", "specs/", "--format", "json", "--match-mode", "basepath"]
ours = [binary, "validate", "--quiet", "--format", "json", capture]
def run(command):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start
times = {"drift": [], "ours": []}
for round_ in range(4):
    d = run(drift)
    o = [run(ours) for _ in range(4)]
    if round_ > 0:
        times["drift"].append(d)
        times["ours"].extend(o)
print(statistics.median(times["drift"]), statistics.median(times["ours"]))
PY
)
read -r _ drift_kb <<<"$(measure "$redocly" drift "$drift_har" --api specs/ --format json --match-mode basepath)"
read -r _ ours_kb <<<"$(measure "$bin" validate --quiet --format json "$drift_har")"
echo
python3 - "$drift_n" "$distinct" "$(stat -c %s "$drift_har")" "$drift_s" "$drift_kb" "$ours_json_s" "$ours_kb" "$("$redocly" --version 2>/dev/null | tail -1)" <<'PY'
import sys
n, distinct, size = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
drift_s, drift_kb, ours_s, ours_kb = float(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
print(f"HAR of {n} exchanges ({distinct} distinct), {size / 1e6:.0f} MB, the three bundled specs (medians):")
print(f"| tool | seconds | peak RSS |\n|---|---|---|")
print(f"| redocly drift {sys.argv[8]} --format json (3 runs) | {drift_s:.2f} | {drift_kb / 1024:.0f} MB |")
print(f"| confirmspec validate --format json (12 runs, in turns with drift's) | {ours_s:.3f} | {ours_kb / 1024:.0f} MB |")
print(f"confirmspec is {drift_s / ours_s:.1f}x faster, in {drift_kb / ours_kb:.0f}x less memory")
PY

# openapi-core on the first exchanges of the same capture, and confirmspec on the same ones.
venv=target/bench-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet openapi-core pyyaml
fi
limit=${OPENAPI_CORE_EXCHANGES:-3000}
sample="$dir/sample-$limit.jsonl"
head -n "$limit" "$dir/capture-${size_mb}M.jsonl" >"$sample"
core=$("$venv/bin/python" benches/openapi_core_validate.py "$sample" "$limit" specs/*.yaml)
read -r ours_s _ <<<"$(measure "$bin" validate --quiet "$sample")"
big="$dir/capture-${size_mb}M.jsonl"
read -r big_s _ <<<"$(measure "$bin" validate --quiet "$big")"
big_n=$(exchanges_of "$big")
echo
python3 - "$core" "$ours_s" "$limit" "$big_s" "$big_n" "$("$venv/bin/pip" show openapi-core | awk '/^Version/ {print $2}')" <<'PY'
import json, sys
core = json.loads(sys.argv[1])
ours_s, limit, big_s, big_n, version = float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
ours_small = ours_s / limit * 1e6
ours_big = big_s / big_n * 1e6
print(f"openapi-core {version}: {core['exchanges']} exchanges in {core['seconds']:.2f} s, "
      f"{core['us_per_exchange']:.0f} us per exchange ({core['failed']} raised)")
print(f"confirmspec, the same {limit} exchanges (process start included): {ours_s:.3f} s, {ours_small:.1f} us per exchange: "
      f"{core['us_per_exchange'] / ours_small:.0f}x faster")
print(f"confirmspec, the whole capture ({big_n} exchanges): {ours_big:.2f} us per exchange: "
      f"{core['us_per_exchange'] / ours_big:.0f}x faster")
PY

# The same exchanges through the three specs as written (OpenAPI 3.0) and through their
# faithful 3.1 translation (`openapi: 3.1.0`, `nullable` as type lists, exclusive bounds as
# numbers; formats asserted in both, as 3.0 does): a 3.1 document is read into the same model,
# so it should cost the same. Medians of 11 runs on the 50 MB HAR, all cores.
translated="$dir/specs-3.1"
mkdir -p "$translated"
"$venv/bin/python" - "$translated" specs/*.yaml <<'PY'
import json, sys, yaml
def to_3_1(node):
    if isinstance(node, dict):
        if node.get("nullable") is True and isinstance(node.get("type"), str):
            del node["nullable"]
            node["type"] = [node["type"], "null"]
            if isinstance(node.get("enum"), list):
                node["enum"].append(None)
        for flag, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
            if node.get(flag) is True and bound in node:
                node[flag] = node.pop(bound)
            elif node.get(flag) is False:
                del node[flag]
        for value in node.values():
            to_3_1(value)
    elif isinstance(node, list):
        for value in node:
            to_3_1(value)
out = sys.argv[1]
for path in sys.argv[2:]:
    document = yaml.safe_load(open(path, encoding="utf-8"))
    document["openapi"] = "3.1.0"
    to_3_1(document)
    name = path.rsplit("/", 1)[-1]
    json.dump(document, open(f"{out}/{name}", "w", encoding="utf-8"), ensure_ascii=False)
PY
# The counts, the coverage and each group's fingerprint and count (a group's example names the
# spec's file and line, which differ between the two).
verdicts() {
    { "$bin" validate --quiet --format jsonl "$@" || true; } | tail -1 | python3 -c '
import json, sys
run = json.load(sys.stdin)
groups = sorted((g["fingerprint"], g["exchanges"]) for g in run["groups"]["violations"])
print(json.dumps([run["summary"], run["coverage"], groups, run["groups"]["unmatched"]], sort_keys=True))'
}
as_written=() as_3_1=()
for spec in specs/*.yaml; do
    as_written+=(--spec "$spec")
    as_3_1+=(--spec "$translated/${spec##*/}")
done
same=$([ "$(verdicts "${as_written[@]}" "$har50")" = "$(verdicts --assert-formats "${as_3_1[@]}" "$har50")" ] && echo yes || echo NO)
v30_s=$(median 11 "$bin" validate --quiet "${as_written[@]}" "$har50")
v31_s=$(median 11 "$bin" validate --quiet --assert-formats "${as_3_1[@]}" "$har50")
echo
python3 - "$v30_s" "$v31_s" "$same" <<'PY'
import sys
v30, v31, same = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
print("| the three specs, 50 MB HAR (median of 11) | seconds | of 3.0 |\n|---|---|---|")
print(f"| as written, OpenAPI 3.0 | {v30:.3f} | 1.00x |")
print(f"| translated to OpenAPI 3.1 | {v31:.3f} | {v31 / v30:.2f}x |")
print(f"same summary from both: {same}")
PY
