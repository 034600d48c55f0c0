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
from urllib.parse import parse_qs, urlsplit

import yaml
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse


def main():
    capture, limit, spec_paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    apis = {}
    for path in spec_paths:
        with open(path, encoding="utf-8") as f:
            document = yaml.safe_load(f)
        for server in document.get("servers", []):
            apis[urlsplit(server["url"]).netloc] = OpenAPI.from_file_path(path)

    exchanges = []
    with open(capture, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                exchanges.append(json.loads(line))
            if len(exchanges) == limit:
                break

    def body(record):
        if "body" in record:
            return json.dumps(record["body"]).encode()
        if "body_text" in record:
            return record["body_text"].encode()
        return None

    failed = 0
    started = time.perf_counter()
    for exchange in exchanges:
        request, response = exchange["request"], exchange.get("response")
        url = urlsplit(request["url"])
        headers = {name: value for name, value in request.get("headers", [])}
        api = apis.get(url.netloc)
        if api is None:
            failed += 1
            continue
        mock_request = MockRequest(
            f"{url.scheme}://{url.netloc}",
            request["method"].lower(),
            url.path,
            args=parse_qs(url.query),
            headers=headers,
            data=body(request),
            content_type=headers.get("Content-Type", "application/json"),
        )
        ok = True
        try:
            api.validate_request(mock_request)
        except Exception:
            ok = False
        if response is not None:
            response_headers = {n: v for n, v in response.get("headers", [])}
            mock_response = MockResponse(
                body(response) or b"",
                status_code=response["status"],
                headers=response_headers,
                content_type=response_headers.get("Content-Type", "application/json"),
            )
            try:
                api.validate_response(mock_request, mock_response)
            except Exception:
                ok = False
        failed += not ok
    seconds = time.perf_counter() - started
    print(json.dumps({
        "exchanges": len(exchanges),
        "seconds": seconds,
        "us_per_exchange": seconds / max(len(exchanges), 1) * 1e6,
        "failed": failed,
    }))


if __name__ == "__main__":
    main()
