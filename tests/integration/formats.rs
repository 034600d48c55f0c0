//! Every report format of `validate` against a golden file, and each read back by a real
//! consumer: serde_json for JSON and JSON Lines, the SARIF 2.1.0 JSON Schema and serde-sarif's
//! types for SARIF (the JUnit report is parsed by an XML parser in `cli.rs`).
//!
//! After an intended change of a report, accept the new golden files with
//! `EXPECTORATE=overwrite cargo test formats` and review the diff.

use std::path::PathBuf;

use serde_json::Value;

use crate::cli::{DEMO, Scratch, confirmspec, json, run};
use crate::commands::demo_secrets;

#[test]
fn every_format_of_the_demo_capture_matches_its_golden_file() {
    for (format, golden) in [
        ("text", "tests/snapshots/demo.txt"),
        ("json", "tests/snapshots/demo.json"),
        ("jsonl", "tests/snapshots/demo.jsonl"),
        ("sarif", "tests/snapshots/demo.sarif"),
        ("markdown", "tests/snapshots/demo.md"),
        ("html", "tests/snapshots/demo.html"),
    ] {
        let ran = run(confirmspec().args(["validate", "--format", format, DEMO]));
        assert_eq!(ran.code, 1, "{format}: {}", ran.stderr);
        assert!(ran.stderr.is_empty(), "{format}: {}", ran.stderr);
        // The directory spec paths start from is this checkout's, wherever it is.
        let here = std::env::current_dir().unwrap().display().to_string();
        expectorate::assert_contents(golden, &ran.stdout.replace(&here, "<checkout>"));
    }
}

/// The SARIF 2.1.0 schema as the serde-sarif crate ships it (the OASIS schema its types are
/// generated from), found through `cargo metadata` so that no copy of it lives here.
fn sarif_schema() -> jsonschema::Validator {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let metadata = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .output()
        .expect("cargo metadata runs");
    assert!(
        metadata.status.success(),
        "{}",
        String::from_utf8_lossy(&metadata.stderr)
    );
    let metadata: Value = serde_json::from_slice(&metadata.stdout).unwrap();
    let manifest = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "serde-sarif")
        .expect("serde-sarif is a dev-dependency")["manifest_path"]
        .as_str()
        .unwrap();
    let path = PathBuf::from(manifest).with_file_name("src/schema.json");
    // The schema's one pattern (of `language`) has an unescaped `]`: a literal in ECMAScript,
    // an error to Rust's regex engines. Escaping it keeps its meaning.
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("[a-zA-Z]{2}]?$", "[a-zA-Z]{2}\\\\]?$");
    let schema: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(schema["properties"]["version"]["enum"][0], "2.1.0");
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn assert_valid_sarif(schema: &jsonschema::Validator, text: &str) -> Value {
    let document: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let errors: Vec<String> = schema
        .iter_errors(&document)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "not SARIF 2.1.0: {errors:#?}");
    serde_json::from_str::<serde_sarif::sarif::Sarif>(text).expect("serde-sarif reads it");
    document
}

#[test]
fn sarif_is_valid_2_1_0_with_a_result_per_violation_at_its_spec_line() {
    let schema = sarif_schema();
    let ran = run(confirmspec().args(["validate", "--format", "sarif", DEMO]));
    let sarif = assert_valid_sarif(&schema, &ran.stdout);
    let report = json(&run(
        confirmspec().args(["validate", "--format", "json", DEMO])
    ));

    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let exchanges = report["exchanges"].as_array().unwrap();
    let violations: Vec<&Value> = exchanges
        .iter()
        .flat_map(|e| e["violations"].as_array().unwrap())
        .collect();
    let unmatched = exchanges
        .iter()
        .filter(|e| e["verdict"] == "unmatched")
        .count();
    assert_eq!(results.len(), violations.len() + unmatched);

    // Each violation's result points at the spec file and line of the rule it breaks, and its
    // message names the exchange.
    for violation in &violations {
        let file = violation["spec_file"].as_str().unwrap();
        let line = violation["spec_line"].as_u64().unwrap();
        let found = results.iter().any(|r| {
            let at = &r["locations"][0]["physicalLocation"];
            r["ruleId"] == violation["keyword"]
                && at["artifactLocation"]["uri"] == file
                && at["region"]["startLine"] == line
                && r["message"]["text"]
                    .as_str()
                    .unwrap()
                    .contains(violation["message"].as_str().unwrap())
        });
        assert!(found, "no SARIF result for {violation}");
    }
    let attempts = results
        .iter()
        .find(|r| {
            r["message"]["text"]
                .as_str()
                .unwrap()
                .contains("/result/attemptsLeft")
        })
        .expect("the attemptsLeft violation");
    let text = attempts["message"]["text"].as_str().unwrap();
    assert!(
        text.contains("demo.jsonl #"),
        "the exchange is named: {text}"
    );
    assert_eq!(
        attempts["locations"][0]["logicalLocations"][0]["name"],
        "verifyOrderEac"
    );
    // Every rule a result uses is described.
    let rules: Vec<&str> = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for result in results {
        assert!(rules.contains(&result["ruleId"].as_str().unwrap()));
    }
    assert_eq!(sarif["runs"][0]["properties"]["summary"], report["summary"]);
    for secret in demo_secrets() {
        assert!(!ran.stdout.contains(&secret), "SARIF shows {secret}");
    }
}

#[test]
fn sarif_reports_unreadable_entries_as_notifications_and_check_speaks_it_too() {
    let schema = sarif_schema();
    let scratch = Scratch::new("sarif");
    let broken = scratch.file("broken.jsonl", "{\"request\": {\"method\": \"GET\"}}\n");
    let ran = run(confirmspec()
        .args(["validate", "--format", "sarif"])
        .arg(&broken));
    assert_eq!(ran.code, 2);
    let sarif = assert_valid_sarif(&schema, &ran.stdout);
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notification = invocation["toolExecutionNotifications"][0]["message"]["text"]
        .as_str()
        .unwrap();
    assert!(notification.contains("broken.jsonl"), "{notification}");
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));

    let payload = scratch.file("payload.json", r#"{"data": {"result": "maybe"}}"#);
    let checked = run(confirmspec()
        .args([
            "check",
            "--format",
            "sarif",
            "--operation",
            "validate",
            "--response",
            "200",
        ])
        .arg(&payload));
    assert_eq!(checked.code, 1, "{}", checked.stderr);
    let sarif = assert_valid_sarif(&schema, &checked.stdout);
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "enum");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "specs/invoicebox.yaml"
    );
    assert!(
        result["message"]["text"]
            .as_str()
            .unwrap()
            .contains("payload.json")
    );
}

#[test]
fn spec_files_in_reports_can_be_found_from_wherever_the_command_ran() {
    let scratch = Scratch::new("spec-roots");
    let demo = std::env::current_dir().unwrap().join(DEMO);
    let own_spec = std::env::current_dir().unwrap().join("specs/via.yaml");
    std::fs::copy(&own_spec, scratch.0.join("via-copy.yaml")).unwrap();
    for args in [vec![], vec!["--spec", "via-copy.yaml"]] {
        // SARIF: each relative location names its base, and the base says where it is.
        let ran = run(confirmspec()
            .current_dir(&scratch.0)
            .args(["validate", "--format", "sarif"])
            .args(&args)
            .arg(&demo));
        let sarif: Value = serde_json::from_str(&ran.stdout).unwrap();
        let run_object = &sarif["runs"][0];
        let mut found = 0;
        for result in run_object["results"].as_array().unwrap() {
            let Some(physical) = result["locations"][0].get("physicalLocation") else {
                continue;
            };
            let location = &physical["artifactLocation"];
            let base = location["uriBaseId"]
                .as_str()
                .expect("a relative URI names its base");
            let root = run_object["originalUriBaseIds"][base]["uri"]
                .as_str()
                .unwrap();
            let path = PathBuf::from(root.strip_prefix("file://").unwrap())
                .join(location["uri"].as_str().unwrap());
            let lines = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                .lines()
                .count();
            assert!(physical["region"]["startLine"].as_u64().unwrap() as usize <= lines);
            found += 1;
        }
        assert!(found > 0, "{args:?}: {}", ran.stdout);
        // JSON: the directories relative spec paths start from.
        let report = json(&run(confirmspec()
            .current_dir(&scratch.0)
            .args(["validate", "--format", "json"])
            .args(&args)
            .arg(&demo)));
        let paths = &report["spec_paths"];
        assert_eq!(
            paths["relative_to"].as_str().unwrap(),
            scratch.0.display().to_string()
        );
        for exchange in report["exchanges"].as_array().unwrap() {
            for violation in exchange["violations"].as_array().unwrap() {
                let Some(file) = violation["spec_file"].as_str() else {
                    continue;
                };
                let root = if file.starts_with("specs/") && args.is_empty() {
                    paths["bundled_relative_to"].as_str().unwrap()
                } else {
                    paths["relative_to"].as_str().unwrap()
                };
                assert!(PathBuf::from(root).join(file).is_file(), "{root} / {file}");
            }
        }
    }
}

/// A HAR of one Yandex Market exchange whose response body the recorder left out (its size
/// recorded, its text not), and one with more headers than `--max-headers 20` allows.
fn har_with_unrecorded_and_crowded_entries() -> String {
    let url = "https://api.partner.market.yandex.ru/campaigns/1/orders/2/verifyEac";
    let entry = |headers: &str, content: &str| {
        format!(
            r#"{{"request": {{"method": "PUT", "url": "{url}", "httpVersion": "HTTP/1.1",
                "headers": [{{"name": "Api-Key", "value": "k"}},
                            {{"name": "Content-Type", "value": "application/json"}}{headers}],
                "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 16,
                "postData": {{"mimeType": "application/json", "text": "{{\"code\": \"1234\"}}"}}}},
              "response": {{"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1",
                "headers": [{{"name": "Content-Type", "value": "application/json"}}],
                "cookies": [], "content": {content}, "redirectURL": "",
                "headersSize": -1, "bodySize": 89}},
              "cache": {{}}, "timings": {{"send": 0, "wait": 0, "receive": 0}},
              "startedDateTime": "2026-12-07T00:00:00Z", "time": 0}}"#
        )
    };
    let crowded: String = (0..30)
        .map(|i| format!(r#", {{"name": "X-Extra-{i}", "value": "v"}}"#))
        .collect();
    let full = r#"{"size": 2, "mimeType": "application/json", "text": "{}"}"#;
    let cut = r#"{"size": 89, "mimeType": "application/json"}"#;
    format!(
        r#"{{"log": {{"version": "1.2", "creator": {{"name": "test", "version": "1"}},
            "entries": [{}, {}]}}}}"#,
        entry("", cut),
        entry(&crowded, full)
    )
}

#[test]
fn every_sarif_result_of_every_rule_has_a_file_and_a_line() {
    let schema = sarif_schema();
    let scratch = Scratch::new("sarif-places");
    // Every kind of finding there is: the demo's schema keywords and unmatched requests, the
    // generated capture's statuses, credentials, media types and paths, a body over
    // `--max-body`, headers over `--max-headers`, a body the recorder left out.
    let generated = scratch.0.join("generated.jsonl");
    let ran = run(confirmspec()
        .args([
            "generate", "--count", "500", "--seed", "7", "--format", "jsonl", "-o",
        ])
        .arg(&generated));
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let har = scratch.file("recorded.har", har_with_unrecorded_and_crowded_entries());
    let ran = run(confirmspec()
        .args([
            "validate",
            "--format",
            "sarif",
            "--max-body",
            "2K",
            "--max-headers",
            "20",
            DEMO,
        ])
        .arg(&generated)
        .arg(&har));
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    let sarif = assert_valid_sarif(&schema, &ran.stdout);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let mut rules = std::collections::BTreeSet::new();
    for result in results {
        let rule = result["ruleId"].as_str().unwrap();
        rules.insert(rule);
        // What code scanning needs of each result (GitHub refuses the whole file otherwise).
        let place = &result["locations"][0]["physicalLocation"];
        let uri = place["artifactLocation"]["uri"].as_str().unwrap_or("");
        assert!(!uri.is_empty(), "{rule}: no file: {result:#}");
        let line = place["region"]["startLine"].as_u64().unwrap_or(0);
        assert!(line >= 1, "{rule}: no line: {result:#}");
        // The file and line are real: the line exists in that file.
        let file = if uri.starts_with("file://") {
            PathBuf::from(uri.trim_start_matches("file://"))
        } else {
            PathBuf::from(uri)
        };
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("{rule}: {}: {e}", file.display()));
        assert!(text.lines().count() as u64 >= line, "{rule}: {uri}:{line}");
    }
    for expected in [
        "unmatched",
        "limit",
        "unrecorded",
        "status",
        "security",
        "contentType",
        "required",
        "enum",
        "type",
    ] {
        assert!(rules.contains(expected), "no {expected} result: {rules:?}");
    }

    // An unmatched request points where it would be documented: a method the path does not
    // document at the path's item, a later path at the `paths` of the spec it is nearest.
    let text_of = |r: &Value| r["message"]["text"].as_str().unwrap().to_owned();
    let unmatched: Vec<&Value> = results
        .iter()
        .filter(|r| r["ruleId"] == "unmatched")
        .collect();
    let later = unmatched
        .iter()
        .find(|r| text_of(r).contains("/v2/campaigns/"))
        .expect("the demo's later Yandex Market path");
    let at = &later["locations"][0];
    assert_eq!(
        at["physicalLocation"]["artifactLocation"]["uri"],
        "specs/yandex-market.yaml"
    );
    assert_eq!(at["logicalLocations"][0]["name"], "/paths");
    let line = at["physicalLocation"]["region"]["startLine"]
        .as_u64()
        .unwrap() as usize;
    let spec = std::fs::read_to_string("specs/yandex-market.yaml").unwrap();
    assert_eq!(spec.lines().nth(line - 1), Some("paths:"));
    let method = unmatched
        .iter()
        .find(|r| text_of(r).contains("documented for POST only, not GET"))
        .expect("the demo's GET of a POST operation");
    let at = &method["locations"][0];
    assert_eq!(
        at["logicalLocations"][0]["name"],
        "/paths/~1partner~1merchant~1confirm~1pay"
    );
    let line = at["physicalLocation"]["region"]["startLine"]
        .as_u64()
        .unwrap() as usize;
    let spec = std::fs::read_to_string("specs/via.yaml").unwrap();
    assert_eq!(
        spec.lines().nth(line - 1).map(str::trim),
        Some("/partner/merchant/confirm/pay:")
    );
}
