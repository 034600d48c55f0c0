//! Input built to hurt: nesting far deeper than any stack allows, and a schema that refers to
//! itself. Each gets an answer, not a crash or a loop.

use serde_json::{Value, json};

use crate::cli::{Scratch, confirmspec, json, run};

const DEPTH: usize = 100_000;

fn deep() -> String {
    format!("{}{}", "[".repeat(DEPTH), "]".repeat(DEPTH))
}

#[test]
fn a_body_nested_100000_deep_is_a_violation_not_a_stack_overflow() {
    let scratch = Scratch::new("deep");
    let url = "https://api.partner.market.yandex.ru/campaigns/1/orders/2/verifyEac";
    let headers = json!([["Api-Key", "k"], ["Content-Type", "application/json"]]);
    let as_text = json!({
        "request": {"method": "PUT", "url": url, "headers": headers, "body_text": deep()},
    });
    // The same depth as the line's own JSON.
    let as_json = format!(
        r#"{{"request": {{"method": "PUT", "url": "{url}", "headers": {headers}, "body": {}}}}}"#,
        deep()
    );
    let har = json!({"log": {"entries": [{
        "request": {"method": "PUT", "url": url, "headers": [
            {"name": "Api-Key", "value": "k"}, {"name": "Content-Type", "value": "application/json"}],
            "postData": {"mimeType": "application/json", "text": deep()}},
        "response": {"status": 0}
    }]}});
    for (name, contents) in [
        ("text.jsonl", format!("{as_text}\n")),
        ("raw.jsonl", format!("{as_json}\n")),
        ("deep.har", har.to_string()),
    ] {
        let file = scratch.file(name, contents);
        let ran = run(confirmspec()
            .args(["validate", "--format", "json"])
            .arg(&file));
        assert_eq!(ran.code, 1, "{name}: {}", ran.stderr);
        let report = json(&ran);
        let violation = &report["exchanges"][0]["violations"][0];
        assert_eq!(violation["keyword"], "json", "{name}: {violation}");
        assert!(
            violation["message"]
                .as_str()
                .unwrap()
                .contains("more than 128 levels deep"),
            "{name}: {violation}"
        );
    }
}

#[test]
fn a_schema_that_refers_to_itself_validates_without_looping() {
    let scratch = Scratch::new("cycle");
    let spec = scratch.file(
        "cycle.yaml",
        "openapi: 3.0.3\ninfo: {title: cycle, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Node:\n      type: object\n      properties:\n        name: {type: string}\n        next:\n          $ref: '#/components/schemas/Node'\n",
    );
    let mut node = json!({"name": "last"});
    for i in 0..60 {
        node = json!({"name": i.to_string(), "next": node});
    }
    let good = scratch.file("good.json", node.to_string());
    let bad = scratch.file(
        "bad.json",
        json!({"name": "a", "next": {"next": {"name": 5}}}).to_string(),
    );
    let ran = run(confirmspec()
        .args(["check", "--format", "json", "--spec"])
        .arg(&spec)
        .args(["--schema", "Node"])
        .arg(&good)
        .arg(&bad));
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    let report: Value = json(&ran);
    assert_eq!(report["payloads"][0]["verdict"], "conforming");
    assert_eq!(
        report["payloads"][1]["violations"][0]["pointer"],
        "/next/next/name"
    );
}
