"""A second opinion on the specs' decisions: openapi-core, the Python validator, on the edge
exchanges of tests/data/edges.jsonl, beside the verdict the vendor pages give each one.

Each exchange's request and response are validated against the bundled spec whose server host
the URL names. Prints a Markdown table: the decision (`why`), the pages' verdict, openapi-core's
(`conforming`, or what it raised, in one line), and whether they agree. specs/README.md records
where and why they differ. Run it in the virtual environment benches/capture.sh makes:

    target/bench-venv/bin/python benches/second_opinion.py tests/data/edges.jsonl specs/*.yaml
"""

import json
import sys
from urllib.parse import parse_qs, urlsplit

import yaml
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse


def body(record):
    if "body" in record:
        return json.dumps(record["body"]).encode()
    if "body_text" in record:
        return record["body_text"].encode()
    return None


def explain(error):
    """What openapi-core raised, in one line: its type, and the innermost cause's message."""
    names = [type(error).__name__]
    cause = error.__cause__ or getattr(error, "__context__", None)
    while cause is not None:
        names.append(type(cause).__name__)
        detail = getattr(cause, "schema_errors", None)
        if detail:
            return f"{' > '.join(names)}: {detail[0].message}"
        cause = cause.__cause__
    return f"{' > '.join(names)}: {error}".replace("\n", " ")[:200]


def main():
    edges, spec_paths = sys.argv[1], sys.argv[2:]
    apis = {}
    for path in spec_paths:
        with open(path, encoding="utf-8") as f:
            document = yaml.safe_load(f)
        for server in document.get("servers", []):
            apis[urlsplit(server["url"]).netloc] = OpenAPI.from_file_path(path)

    print("| decision | the pages | openapi-core | agree |")
    print("|---|---|---|---|")
    agreed = total = 0
    with open(edges, encoding="utf-8") as f:
        for line in f:
            edge = json.loads(line)
            request, response = edge["request"], edge.get("response")
            url = urlsplit(request["url"])
            headers = {name: value for name, value in request.get("headers", [])}
            api = apis[url.netloc]
            mock_request = MockRequest(
                f"{url.scheme}://{url.netloc}",
                request["method"].lower(),
                url.path,
                args=parse_qs(url.query),
                headers=headers,
                data=body(request),
                content_type=headers.get("Content-Type", "application/json"),
            )
            verdict = "conforming"
            try:
                api.validate_request(mock_request)
                if response is not None:
                    response_headers = {n: v for n, v in response.get("headers", [])}
                    api.validate_response(mock_request, MockResponse(
                        body(response) or b"",
                        status_code=response["status"],
                        headers=response_headers,
                        content_type=response_headers.get("Content-Type", "application/json"),
                    ))
            except Exception as error:  # openapi-core raises a class per kind of finding
                verdict = explain(error)
            expected = edge["expect"]["verdict"]
            agree = (verdict == "conforming") == (expected == "conforming")
            agreed += agree
            total += 1
            print(f"| {edge['why']} | {expected} | {verdict} | {'yes' if agree else '**no**'} |")
    print()
    print(f"{agreed} of {total} agree")


if __name__ == "__main__":
    main()
