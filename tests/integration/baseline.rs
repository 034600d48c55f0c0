//! Fingerprints and baselines: a team turns validation on for traffic that is already noisy,
//! and fails only on what is new.

use serde_json::Value;

use crate::cli::{DEMO, Scratch, confirmspec, json, run};

/// Every violation's fingerprint in a JSON report.
fn fingerprints(report: &Value) -> Vec<String> {
    report["exchanges"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["violations"].as_array().unwrap().iter())
        .map(|v| v["fingerprint"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_report_as_its_own_baseline_hides_everything_and_a_new_defect_fails_alone() {
    let scratch = Scratch::new("baseline");
    let first = run(confirmspec().args(["validate", "--format", "json", DEMO]));
    assert_eq!(first.code, 1);
    let report = json(&first);
    let known = fingerprints(&report);
    assert!(known.len() > 10, "{}", known.len());
    assert!(known.iter().all(|f| f.len() == 16), "{known:?}");
    let baseline = scratch.file("baseline.json", &first.stdout);

    // The same traffic against its own report: nothing new, exit 0, and it says what it hid.
    let again = run(confirmspec()
        .args(["validate", "--format", "json", "--baseline"])
        .arg(&baseline)
        .arg(DEMO));
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(fingerprints(&json(&again)).is_empty());
    let unmatched = report["summary"]["unmatched"].as_u64().unwrap() as usize;
    assert!(unmatched > 0, "the demo has unmatched requests");
    assert!(
        again
            .stderr
            .contains(&format!("hid {} violations", known.len() + unmatched)),
        "{}",
        again.stderr
    );

    // One new defect: a Yandex Market answer with an unknown verification result.
    let mut capture = std::fs::read_to_string(DEMO).unwrap();
    let line = capture
        .lines()
        .find(|l| l.contains("\"verificationResult\": \"ACCEPTED\""))
        .expect("the demo has an accepted code")
        .to_owned();
    capture.push_str(&line.replace("\"ACCEPTED\"", "\"MAYBE\""));
    capture.push('\n');
    let traffic = scratch.file("traffic.jsonl", capture);
    let new = run(confirmspec()
        .args(["validate", "--format", "json", "--baseline"])
        .arg(&baseline)
        .arg(&traffic));
    assert_eq!(new.code, 1, "{}", new.stderr);
    let report = json(&new);
    let violating: Vec<&Value> = report["exchanges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !e["violations"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(violating.len(), 1, "{report:#}");
    let violation = &violating[0]["violations"][0];
    assert_eq!(violation["keyword"], "enum");
    assert_eq!(violation["pointer"], "/result/verificationResult");
    assert!(!known.contains(&violation["fingerprint"].as_str().unwrap().to_owned()));
    assert_eq!(report["summary"]["violating"], 1);
}

#[test]
fn the_same_defect_in_another_array_item_has_the_same_fingerprint() {
    let a = confirmspec_fingerprint("/items/0/price");
    assert_eq!(a, confirmspec_fingerprint("/items/7/price"));
    assert_ne!(a, confirmspec_fingerprint("/items/0/amount"));
}

/// The fingerprint of a `type` violation at `pointer` of a standalone payload, by `check`.
fn confirmspec_fingerprint(pointer: &str) -> String {
    let scratch = Scratch::new(&format!("fingerprint-{}", pointer.replace('/', "-")));
    // A payload whose only defect is at `pointer`: a string where the schema wants a number.
    let segments: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
    let mut value = Value::String("x".into());
    for segment in segments.iter().rev() {
        value = match segment.parse::<usize>() {
            Ok(index) => {
                let mut items: Vec<Value> = (0..=index).map(|_| serde_json::json!({})).collect();
                items[index] = value;
                Value::Array(items)
            }
            Err(_) => serde_json::json!({ *segment: value }),
        };
    }
    let spec = scratch.file(
        "spec.yaml",
        r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Order:
      type: object
      properties:
        items:
          type: array
          items:
            type: object
            properties:
              price: {type: number}
              amount: {type: number}
"#,
    );
    let payload = scratch.file("payload.json", value.to_string());
    let ran = run(confirmspec()
        .args(["check", "--format", "json", "--schema", "Order", "--spec"])
        .arg(&spec)
        .arg(&payload));
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    let report = json(&ran);
    let violation = &report["payloads"][0]["violations"][0];
    assert_eq!(violation["pointer"], pointer);
    violation["fingerprint"].as_str().unwrap().to_owned()
}
