"""What benches/openapi_core_validate.py and benches/second_opinion.py share: the bundled specs
loaded into openapi-core by server host, and one exchange (a JSON Lines record) validated as
openapi-core takes it. Imported from the scripts beside it."""

import base64
import json
from urllib.parse import parse_qs, urlsplit

import yaml
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse


def load_apis(spec_paths):
    """An openapi-core `OpenAPI` per server host the specs name."""
    apis = {}
    for path in spec_paths:
        with open(path, encoding="utf-8") as f:
            document = yaml.safe_load(f)
        for server in document.get("servers", []):
            apis[urlsplit(server["url"]).netloc] = OpenAPI.from_file_path(path)
    return apis


def body(record):
    if "body" in record:
        return json.dumps(record["body"]).encode()
    if "body_text" in record:
        return record["body_text"].encode()
    if "body_base64" in record:
        return base64.b64decode(record["body_base64"])
    return None


def validate(apis, exchange):
    """Validates the exchange's request, then its response; raises what openapi-core raises,
    or KeyError when no spec names the request's host."""
    validate_with(apis[urlsplit(exchange["request"]["url"]).netloc], exchange)


def validate_with(api, exchange):
    """Validates the exchange's request, then its response, against one openapi-core `OpenAPI`;
    raises what openapi-core raises."""
    request, response = exchange["request"], exchange.get("response")
    url = urlsplit(request["url"])
    headers = {name: value for name, value in request.get("headers", [])}
    mock_request = MockRequest(
        f"{url.scheme}://{url.netloc}",
        request["method"].lower(),
        url.path,
        args=parse_qs(url.query),
        headers=headers,
        data=body(request),
        content_type=headers.get("Content-Type", "application/json"),
    )
    api.validate_request(mock_request)
    if response is not None:
        response_headers = {n: v for n, v in response.get("headers", [])}
        api.validate_response(mock_request, MockResponse(
            body(response) or b"",
            status_code=response["status"],
            headers=response_headers,
            content_type=response_headers.get("Content-Type", "application/json"),
        ))
