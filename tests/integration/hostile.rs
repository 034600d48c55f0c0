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
                .contains("nests arrays and objects 128 levels deep (line 1, column 128)"),
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

#[test]
fn a_chain_of_10000_refs_loads_and_points_at_its_last_schema() {
    const LENGTH: usize = 10_000;
    let scratch = Scratch::new("ref-chain");
    let mut spec = String::from(
        "openapi: 3.0.3\ninfo: {title: chain, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n",
    );
    for i in 0..LENGTH {
        spec.push_str(&format!(
            "    S{i}: {{$ref: '#/components/schemas/S{}'}}\n",
            i + 1
        ));
    }
    spec.push_str(&format!("    S{LENGTH}: {{type: string}}\n"));
    let spec = scratch.file("chain.yaml", spec);
    let good = scratch.file("good.json", "\"text\"");
    let bad = scratch.file("bad.json", "5");
    let ran = run(confirmspec()
        .args(["check", "--format", "json", "--spec"])
        .arg(&spec)
        .args(["--schema", "S0"])
        .arg(&good)
        .arg(&bad));
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    let report: Value = json(&ran);
    assert_eq!(report["payloads"][0]["verdict"], "conforming");
    let violation = &report["payloads"][1]["violations"][0];
    assert_eq!(violation["keyword"], "type", "{violation}");
    // The rule is the last schema's: its line in the file (the header is five lines).
    assert_eq!(violation["spec_line"], LENGTH + 6, "{violation}");
}

#[test]
fn a_spec_nested_100000_deep_is_refused_at_once_with_its_place() {
    let scratch = Scratch::new("deep-spec");
    let header = "openapi: 3.0.3\ninfo: {title: deep, version: '1'}\npaths: {}\nx-deep: ";
    let json = format!(
        r#"{{"openapi": "3.0.3", "info": {{"title": "deep", "version": "1"}}, "paths": {{}}, "x-deep": {}}}"#,
        deep()
    );
    // YAML's scanner slows with the square of the depth (a minute for this one): the loader
    // stops at the thousandth bracket, on line 4 after the eight characters of `x-deep: `.
    for (name, text, place, problem) in [
        (
            "deep.yaml",
            format!("{header}{}\n", deep()),
            "deep.yaml:4:1009:",
            "deeper than 1000",
        ),
        ("deep.json", json, "deep.json:1:", "recursion limit"),
    ] {
        let spec = scratch.file(name, text);
        let payload = scratch.file("payload.json", "{}");
        let ran = run(confirmspec()
            .args(["check", "--spec"])
            .arg(&spec)
            .args(["--schema", "X"])
            .arg(&payload));
        assert_eq!(ran.code, 2, "{name}: {}", ran.stderr);
        assert!(
            ran.stderr.contains(place) && ran.stderr.contains(problem),
            "{name}: {}",
            ran.stderr
        );
    }
}

/// One `verifyEac` exchange as a JSON Lines record, with `extra` request headers and a raw body.
fn exchange_line(extra: &[(String, String)], body: &str) -> String {
    let url = "https://api.partner.market.yandex.ru/campaigns/1/orders/2/verifyEac";
    let mut headers = vec![
        json!(["Api-Key", "limits-key-7c1f"]),
        json!(["Content-Type", "application/json"]),
    ];
    headers.extend(extra.iter().map(|(n, v)| json!([n, v])));
    let line =
        json!({"request": {"method": "PUT", "url": url, "headers": headers, "body_text": body}});
    format!("{line}\n")
}

/// The first violation of the one exchange `validate` reads from `file` with `flags`.
fn first_violation(file: &std::path::Path, flags: &[&str]) -> Value {
    let ran = run(confirmspec()
        .args(["validate", "--format", "json"])
        .args(flags)
        .arg(file));
    let report = json(&ran);
    report["exchanges"][0]["violations"][0].clone()
}

#[test]
fn each_limit_is_configurable_and_names_what_it_found() {
    let scratch = Scratch::new("limits");
    let nested = format!(r#"{{"code": {}"1"{}}}"#, "[".repeat(20), "]".repeat(20));
    let big = format!(r#"{{"code": "{}"}}"#, "1".repeat(4000));
    let many: Vec<(String, String)> = (0..30).map(|i| (format!("X-{i}"), i.to_string())).collect();
    let long = vec![("X-Long".to_owned(), "v".repeat(10_000))];
    let cases = [
        (
            "depth",
            exchange_line(&[], &nested),
            "--max-depth",
            "10",
            "more than 10 levels deep (byte 18)",
        ),
        (
            "body",
            exchange_line(&[], &big),
            "--max-body",
            "1K",
            "more than the limit of 1024 bytes",
        ),
        (
            "count",
            exchange_line(&many, "{}"),
            "--max-headers",
            "20",
            "32 headers, more than the limit of 20",
        ),
        (
            "bytes",
            exchange_line(&long, "{}"),
            "--max-head",
            "8K",
            "more than the limit of 8192 bytes",
        ),
    ];
    for (name, line, flag, value, message) in cases {
        let file = scratch.file(&format!("{name}.jsonl"), &line);
        // Within the defaults, the exchange is read and checked as usual.
        let default = first_violation(&file, &[]);
        assert_ne!(default["keyword"], "limit", "{name}: {default}");
        let limited = first_violation(&file, &[flag, value]);
        assert_eq!(limited["keyword"], "limit", "{name}: {limited}");
        assert_eq!(limited["severity"], "error", "{name}: {limited}");
        let text = limited["message"].as_str().unwrap();
        assert!(text.contains(message), "{name}: {text}");
        assert!(!limited.to_string().contains("limits-key-7c1f"));
    }
    let over = run(confirmspec()
        .args(["validate", "--max-depth", "129"])
        .arg(scratch.file("x.jsonl", "")));
    assert_eq!(over.code, 2, "{}", over.stderr);
    assert!(over.stderr.contains("--max-depth"), "{}", over.stderr);
}

#[test]
fn max_entries_stops_with_a_report_of_what_was_read() {
    let demo = crate::root().join("samples/demo.jsonl");
    let ran = run(confirmspec()
        .args(["validate", "--format", "json", "--max-entries", "5"])
        .arg(&demo));
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert!(
        ran.stderr.contains("stopped at entry 5 (--max-entries 5)"),
        "{}",
        ran.stderr
    );
    let report = json(&ran);
    assert_eq!(report["summary"]["exchanges"], 5);
    assert_eq!(report["exchanges"].as_array().unwrap().len(), 5);
}

#[test]
fn a_spec_over_the_size_limit_is_refused_with_its_file() {
    let scratch = Scratch::new("spec-size");
    let spec = crate::root().join("specs/invoicebox.yaml");
    let size = std::fs::metadata(&spec).unwrap().len();
    let within = run(confirmspec()
        .args(["validate", "--spec"])
        .arg(&spec)
        .args(["--max-spec-size", &format!("{size}")])
        .arg(scratch.file("empty.jsonl", "")));
    assert!(
        !within.stderr.contains("larger than the limit"),
        "{}",
        within.stderr
    );
    let over = run(confirmspec()
        .args(["validate", "--spec"])
        .arg(&spec)
        .args(["--max-spec-size", &format!("{}", size - 1)])
        .arg(scratch.file("empty2.jsonl", "")));
    assert_eq!(over.code, 2, "{}", over.stderr);
    assert!(
        over.stderr.contains("invoicebox.yaml")
            && over
                .stderr
                .contains(&format!("larger than the limit of {} bytes", size - 1)),
        "{}",
        over.stderr
    );
}
