//! diff on whole documents: a spec against itself or redescribed, edits to each bundled spec, and
//! the command's formats and exit statuses.

use std::path::Path;

use confirmspec_validator::Spec;
use serde_json::{Value, json};

use crate::cli::{confirmspec, run};

use crate::diff::*;

/// Every `description` and `summary` text of a document rewritten (a property named so, whose
/// value is a schema, stays), written as JSON text.
fn redescribed(document: &Value) -> String {
    fn walk(node: &mut Value) {
        match node {
            Value::Object(map) => {
                for (key, value) in map.iter_mut() {
                    if (key == "description" || key == "summary") && value.is_string() {
                        *value = json!("Rewritten for the test.");
                    } else {
                        walk(value);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    let mut copy = document.clone();
    walk(&mut copy);
    copy.to_string()
}

#[test]
fn a_spec_against_itself_or_new_descriptions_changes_nothing() {
    for vendor in confirmspec::vendors::VENDORS {
        let (name, file) = (vendor.name, vendor.file);
        let spec = spec(name, vendor.text);
        assert_eq!(summary(&spec, &spec), vec![], "{file}");
        let other = Spec::from_text(name, Path::new(file), &redescribed(&spec.document)).unwrap();
        assert_ne!(
            other.document, spec.document,
            "{file}: the test changed nothing"
        );
        let found = changes(&spec, &other);
        assert!(found.is_empty(), "{file}: {found:#?}");
    }
    for version in ["2024-06-13", "2025-07-18", "2026-07-17"] {
        assert_eq!(
            summary(&history(version), &history(version)),
            vec![],
            "{version}"
        );
    }
}

/// A bundled spec with edits.
fn bundled_edited(name: &str, edits: &[(&str, &str)]) -> (Spec, Spec) {
    let vendor = confirmspec::vendors::vendor(name).unwrap();
    let (file, text) = (vendor.file, vendor.text);
    let mut new = text.to_string();
    for (from, to) in edits {
        assert_eq!(new.matches(from).count(), 1, "{file}: {from:?}");
        new = new.replacen(from, to, 1);
    }
    (
        spec(name, text),
        Spec::from_text(name, Path::new(file), &new).unwrap(),
    )
}

#[test]
fn changes_to_each_bundled_spec() {
    // Invoicebox: a new value of pay's result, which the old client cannot decode.
    let (old, new) = bundled_edited(
        "invoicebox",
        &[(
            "enum: [alreadyPaid, wrongCode,",
            "enum: [alreadyPaid, refunded, wrongCode,",
        )],
    );
    let found = changes(&old, &new);
    assert!(
        found
            .iter()
            .any(|c| c["rule"] == "response-enum-value-added"
                && c["class"] == "breaking"
                && c["operation"] == "pay"),
        "{found:#?}"
    );
    // VIA: the transaction's amount removed.
    let (old, new) = bundled_edited(
        "via",
        &[(
            "          description: The VIA merchant's id.\n        amount:\n          type: integer\n          format: int64\n          description: The amount in tiyin (1/100 of a sum).\n",
            "          description: The VIA merchant's id.\n",
        )],
    );
    let found = changes(&old, &new);
    let removed = found
        .iter()
        .find(|c| c["rule"] == "response-property-removed")
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert_eq!(removed["field"], "/amount");
    assert!(
        removed["client"]
            .as_str()
            .unwrap()
            .contains("Transaction.amount"),
        "{removed:#}"
    );
    // Yandex Market: the request's code required, as the vendor did in 2025.
    let (old, new) = bundled_edited(
        "yandex-market",
        &[(
            "    VerifyOrderEacRequest:\n      type: object\n",
            "    VerifyOrderEacRequest:\n      type: object\n      required: [code]\n",
        )],
    );
    let found = changes(&old, &new);
    assert!(
        found
            .iter()
            .any(|c| c["rule"] == "request-property-made-required"
                && c["field"] == "/code"
                && c["operation"] == "verifyOrderEac"),
        "{found:#?}"
    );
}

#[test]
fn the_command_prints_each_format_and_fails_on_its_class() {
    let old = format!("{HISTORY}/2025-07-18.yaml");
    let new = format!("{HISTORY}/2026-07-17.yaml");

    let ran = run(confirmspec().args(["diff", &old, &new, "--format", "json"]));
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    let report: Value = serde_json::from_str(&ran.stdout).unwrap();
    crate::cli::assert_valid_report("diff", &report);
    assert_eq!(
        report["summary"],
        json!({"breaking": 2, "warning": 0, "info": 0})
    );

    let ran = run(confirmspec().args([
        "diff",
        &old,
        &new,
        "--format",
        "markdown",
        "--fail-on",
        "never",
    ]));
    assert_eq!(ran.code, 0);
    assert!(ran.stdout.contains("## Breaking changes"), "{}", ran.stdout);
    assert!(ran.stdout.contains("`operation-moved`"), "{}", ran.stdout);

    let ran = run(confirmspec().args(["diff", &old, &new]));
    assert_eq!(ran.code, 1);
    assert!(
        ran.stdout.ends_with("2 breaking, 0 warning, 0 info\n"),
        "{}",
        ran.stdout
    );

    // Only info between the bundled spec and itself, found by name; warnings fail only with
    // --fail-on warning.
    let ran = run(confirmspec().args([
        "diff",
        "yandex-market",
        "specs/yandex-market.yaml",
        "--fail-on",
        "warning",
    ]));
    assert_eq!(
        (ran.code, ran.stdout.as_str()),
        (0, "0 breaking, 0 warning, 0 info\n")
    );
    let scratch = crate::cli::Scratch::new("diff");
    let warned = scratch.file("warned.yaml", edited(&[("enum: [v1, v2]", "enum: [v1]")]));
    let base = "tests/data/diff/base.yaml";
    let warned = warned.to_str().unwrap();
    assert_eq!(run(confirmspec().args(["diff", base, warned])).code, 0);
    assert_eq!(
        run(confirmspec().args(["diff", base, warned, "--fail-on", "warning"])).code,
        1
    );

    // A spec that cannot be read: status 2, naming the file.
    let ran = run(confirmspec().args(["diff", base, "no-such-spec.yaml"]));
    assert_eq!(ran.code, 2);
    assert!(ran.stderr.contains("no-such-spec.yaml"), "{}", ran.stderr);
}
