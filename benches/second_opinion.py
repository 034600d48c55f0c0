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

from openapi_core_exchange import load_apis, validate


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
    apis = load_apis(spec_paths)
    print("| decision | the pages | openapi-core | agree |")
    print("|---|---|---|---|")
    agreed = total = 0
    with open(edges, encoding="utf-8") as f:
        for line in f:
            edge = json.loads(line)
            verdict = "conforming"
            try:
                validate(apis, edge)
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
