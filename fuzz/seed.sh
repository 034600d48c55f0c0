#!/usr/bin/env bash
# Seeds each fuzz target's corpus (fuzz/corpus/<target>/, not committed) from the project's
# specs and samples and from ../shared/corpus when it is there.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/spec_load corpus/har corpus/jsonl corpus/exchange
cp ../specs/*.yaml corpus/spec_load/
cp ../samples/demo.jsonl corpus/jsonl/
i=0
while IFS= read -r line; do
    printf '%s\n' "$line" >"corpus/exchange/demo-$i.jsonl"
    i=$((i + 1))
done <../samples/demo.jsonl
shared=../../shared/corpus
if [ -d "$shared" ]; then
    find "$shared" -name '*.har' -size -2M -exec cp {} corpus/har/ \;
    find "$shared" \( -name '*.yaml' -o -name '*.json' \) -size -512k -exec cp {} corpus/spec_load/ \; 2>/dev/null || true
fi
echo "seeded: $(ls corpus/spec_load | wc -l) specs, $(ls corpus/har | wc -l) HAR, $(ls corpus/exchange | wc -l) exchanges"
