"""A second opinion on tests/data/versions/exchanges.jsonl: openapi-core's verdict on each
exchange beside the one the test expects, as a Markdown table.

Each line names its spec. openapi-core reads OpenAPI 3.0-3.2, not Swagger 2.0: a 2.0 spec is
given to it as its conversion by swagger2openapi (the `.converted-3.0.yaml` beside it; one
without a conversion is not compared). A document that breaks OpenAPI's own schema is judged
with openapi-core's check of the document off, and the run says so. Form
and multipart bodies are passed as the bytes recorded. Run it in the virtual environment
benches/capture.sh makes:

    target/bench-venv/bin/python benches/second_opinion_versions.py tests/data/versions/exchanges.jsonl
"""

import json
import sys

from openapi_core import Config, OpenAPI
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from openapi_core_exchange import validate_with
from second_opinion import explain


def main():
    apis = {}
    refused = set()
    print("| exchange | expected | openapi-core | agree |")
    print("|---|---|---|---|")
    agreed = total = 0
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            exchange = json.loads(line)
            spec = exchange["spec"]
            if spec.endswith("-2.0.yaml"):
                spec = spec.replace("-2.0.yaml", "-2.0.converted-3.0.yaml")
            if spec not in apis:
                try:
                    apis[spec] = OpenAPI.from_file_path(spec)
                except OpenAPIValidationError:
                    # The document breaks OpenAPI's own schema (`required: "true"`): judged
                    # with that check off, as confirmspec judges it with a warning.
                    refused.add(spec)
                    try:
                        apis[spec] = OpenAPI.from_file_path(
                            spec, config=Config(spec_validator_cls=None)
                        )
                    except Exception as error:
                        apis[spec] = f"cannot load the spec: {type(error).__name__}: {error}"[:160]
                except Exception as error:  # the spec itself is refused
                    apis[spec] = f"cannot load the spec: {type(error).__name__}: {error}"[:160]
            verdict = "conforming"
            if isinstance(apis[spec], str):
                verdict = apis[spec]
            else:
                try:
                    validate_with(apis[spec], exchange)
                except Exception as error:  # openapi-core raises a class per kind of finding
                    verdict = explain(error)
            expected = exchange["expect"]["verdict"]
            if expected != "conforming":
                expected = f"{exchange['expect']['location']} {exchange['expect'].get('pointer', '')} [{exchange['expect']['rule']}]"
            if isinstance(apis[spec], str) or "DeserializeError" in verdict:
                # openapi-core could not read the spec, or the body: nothing to compare.
                agree = None
            else:
                agree = (verdict == "conforming") == (exchange["expect"]["verdict"] == "conforming")
            total += agree is not None
            agreed += bool(agree)
            shown = {True: "yes", False: "**no**", None: "-"}[agree]
            print(f"| {exchange['why']} | {expected} | {verdict} | {shown} |")
    print()
    print(f"{agreed} of {total} compared agree")
    for spec in sorted(refused):
        print(f"openapi-core refuses {spec} as a document (OpenAPI's schema); judged with that check off")


if __name__ == "__main__":
    main()
