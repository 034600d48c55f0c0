#!/usr/bin/env bash
# Seeds each fuzz target's corpus (fuzz/corpus/<target>/, not committed) from the project's
# specs and samples and from ../shared/corpus when it is there.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/spec_load corpus/har corpus/jsonl corpus/exchange corpus/proxy
cp ../specs/*.yaml corpus/spec_load/
cp ../samples/demo.jsonl corpus/jsonl/
i=0
while IFS= read -r line; do
    printf '%s\n' "$line" >"corpus/exchange/demo-$i.jsonl"
    i=$((i + 1))
done <../samples/demo.jsonl
# The proxy target reads a mode byte (even: forwarding, odd: enforce) and raw HTTP/1.1.
python3 - <<'PY'
import json, urllib.parse
for i, line in enumerate(open("../samples/demo.jsonl", encoding="utf-8")):
    request = json.loads(line)["request"]
    url = urllib.parse.urlsplit(request["url"])
    target = url.path + ("?" + url.query if url.query else "")
    body = request.get("body")
    body = b"" if body is None else json.dumps(body).encode()
    head = f"{request['method']} {target} HTTP/1.1\r\nHost: {url.netloc}\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in request["headers"])
    head += f"Content-Length: {len(body)}\r\n\r\n"
    for mode in (0, 1):
        with open(f"corpus/proxy/demo-{i}-{mode}", "wb") as out:
            out.write(bytes([mode]) + head.encode() + body)
PY
shared=../../shared/corpus
if [ -d "$shared" ]; then
    find "$shared" -name '*.har' -size -2M -exec cp {} corpus/har/ \;
    find "$shared" \( -name '*.yaml' -o -name '*.json' \) -size -512k -exec cp {} corpus/spec_load/ \; 2>/dev/null || true
fi
echo "seeded: $(ls corpus/spec_load | wc -l) specs, $(ls corpus/har | wc -l) HAR, $(ls corpus/exchange | wc -l) exchanges, $(ls corpus/proxy | wc -l) proxy requests"
