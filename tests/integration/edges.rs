//! The decisions of `specs/README.md`, each as the exchange at its edge (tests/data/edges.jsonl)
//! and the verdict the vendor pages give it: a conforming one gets no violation at all, a
//! violating one gets the violation at its location, pointer and rule.

use confirmspec_validator::{Options, Severity, Validator, Verdict, read_jsonl};
use serde_json::Value;

const EDGES: &str = "tests/data/edges.jsonl";

#[test]
fn every_edge_exchange_gets_the_verdict_the_pages_give_it() {
    let text = std::fs::read_to_string(EDGES).unwrap();
    let expectations: Vec<Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let validator = Validator::new(confirmspec::bundled_specs(), Options::default()).unwrap();
    let mut failures = Vec::new();
    let read = read_jsonl(EDGES, text.as_bytes(), |index, exchange| {
        let line = &expectations[index];
        let why = line["why"].as_str().unwrap();
        let expect = &line["expect"];
        let report = validator.validate(&exchange.expect("every edge exchange reads"));
        let verdict = serde_json::to_value(report.verdict).unwrap();
        if verdict != expect["verdict"] {
            failures.push(format!(
                "{why}: {verdict} ({:?}), the pages say {}",
                report.violations, expect["verdict"]
            ));
            return;
        }
        match report.verdict {
            Verdict::Conforming => {
                if !report.violations.is_empty() {
                    failures.push(format!("{why}: warnings {:?}", report.violations));
                }
            }
            Verdict::Violating => {
                let found = report.violations.iter().any(|v| {
                    v.severity == Severity::Error
                        && v.location == expect["location"].as_str().unwrap()
                        && v.keyword == expect["keyword"].as_str().unwrap()
                        && v.pointer.as_deref() == expect["pointer"].as_str()
                });
                if !found {
                    failures.push(format!(
                        "{why}: expected {} {} [{}], found {:?}",
                        expect["location"], expect["pointer"], expect["keyword"], report.violations
                    ));
                }
            }
            Verdict::Unmatched | Verdict::Unreadable => {}
        }
    });
    assert_eq!(read, expectations.len(), "every line is an exchange");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
