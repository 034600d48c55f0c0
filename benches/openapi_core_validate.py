"""openapi-core, the Python validator, on the first exchanges of a JSON Lines capture.

Each exchange's request and response are validated against the bundled spec whose server
host the URL names, as `confirmspec validate` does. Prints one line of JSON: exchanges,
seconds, microseconds per exchange, and how many raised a validation error. Run by
benches/capture.sh inside a virtual environment with openapi-core from PyPI.

    python benches/openapi_core_validate.py CAPTURE.jsonl LIMIT specs/*.yaml
"""

import json
import sys
import time

from openapi_core_exchange import load_apis, validate


def main():
    capture, limit, spec_paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    apis = load_apis(spec_paths)

    exchanges = []
    with open(capture, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                exchanges.append(json.loads(line))
            if len(exchanges) == limit:
                break

    failed = 0
    started = time.perf_counter()
    for exchange in exchanges:
        try:
            validate(apis, exchange)
        except Exception:  # a finding, or a host no spec names
            failed += 1
    seconds = time.perf_counter() - started
    print(json.dumps({
        "exchanges": len(exchanges),
        "seconds": seconds,
        "us_per_exchange": seconds / max(len(exchanges), 1) * 1e6,
        "failed": failed,
    }))


if __name__ == "__main__":
    main()
