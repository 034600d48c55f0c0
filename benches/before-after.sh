#!/usr/bin/env bash
# Two builds of the command compared on the same captures, in the same run: is a change's
# speed unchanged within noise? Per exchange (the 50 MB JSON Lines and HAR captures of
# benches/capture.sh, one core and all cores, text and JSON reports) and the ratio to Redocly's
# `drift` on its 50,000-exchange HAR. Every measure is taken in turns (before, after, drift),
# a round that warms the caches first, then ROUNDS rounds (default 3); medians are printed.
#
#   benches/before-after.sh BEFORE_BINARY AFTER_BINARY
#
# Run benches/capture.sh once first: it makes the captures and installs Redocly under target/.
set -euo pipefail
cd "$(dirname "$0")/.."

before=${1:?the binary before the change}
after=${2:?the binary after the change}
rounds=${ROUNDS:-3}
dir=target/bench-captures
redocly=target/bench-node/node_modules/.bin/redocly
for file in "$dir/capture-50M.jsonl" "$dir/capture-50M.har" "$dir/drift-50000.har"; do
    [ -s "$file" ] || { echo "$file is missing: run benches/capture.sh first" >&2; exit 2; }
done
[ -x "$redocly" ] || { echo "$redocly is missing: run benches/capture.sh first" >&2; exit 2; }

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; $(date -u +%F)"
python3 - "$before" "$after" "$redocly" "$dir" "$rounds" <<'PY'
import json, os, statistics, subprocess, sys, time

before, after, redocly, dir_, rounds = sys.argv[1:6]
rounds = int(rounds)
jsonl, har, drift_har = (f"{dir_}/capture-50M.jsonl", f"{dir_}/capture-50M.har", f"{dir_}/drift-50000.har")

def exchanges(binary, capture):
    out = subprocess.run([binary, "validate", "--quiet", "--format", "jsonl", capture],
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    return json.loads(out)["summary"]["exchanges"]

def run(command, env=None):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, **(env or {})})
    return time.perf_counter() - start

one = {"RAYON_NUM_THREADS": "1"}
measures = [
    ("jsonl 50 MB, 1 core, text", jsonl, ["validate", "--quiet"], one),
    ("jsonl 50 MB, all cores, text", jsonl, ["validate", "--quiet"], None),
    ("har 50 MB, all cores, text", har, ["validate", "--quiet"], None),
    ("jsonl 50 MB, all cores, json", jsonl, ["validate", "--quiet", "--format", "json"], None),
    ("drift's HAR, all cores, json", drift_har, ["validate", "--quiet", "--format", "json"], None),
]
counts = {capture: exchanges(after, capture) for _, capture, _, _ in measures}
assert all(exchanges(before, c) == n for c, n in counts.items()), "both builds read as many exchanges"
drift = [redocly, "drift", drift_har, "--api", "specs/", "--format", "json", "--match-mode", "basepath"]
times = {(name, side): [] for name, *_ in measures for side in ("before", "after")}
times["drift"] = []
for round_ in range(rounds + 1):
    for name, capture, args, env in measures:
        for side, binary in (("before", before), ("after", after)):
            t = run([binary, *args, capture], env)
            if round_ > 0:
                times[(name, side)].append(t)
    t = run(drift)
    if round_ > 0:
        times["drift"].append(t)

print()
print(f"| measure (median of {rounds}, in turns) | before | after | after / before |")
print("|---|---|---|---|")
for name, capture, _, _ in measures:
    n = counts[capture]
    b, a = (statistics.median(times[(name, s)]) for s in ("before", "after"))
    print(f"| {name} ({n} exchanges) | {b:.3f} s, {b / n * 1e6:.2f} us/exch | {a:.3f} s, {a / n * 1e6:.2f} us/exch | {a / b:.3f} |")
d = statistics.median(times["drift"])
b, a = (statistics.median(times[("drift's HAR, all cores, json", s)]) for s in ("before", "after"))
print(f"| redocly drift on the same HAR | {d:.2f} s | | |")
print(f"drift ratio: before {d / b:.1f}x, after {d / a:.1f}x")
PY
