//! The commands' options and names as a user types them: what each command offers, the bundled
//! specs by name, payloads checked, schemas written, help and usage errors, and no secret in any
//! output.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::cli::*;

#[test]
fn check_validates_payloads_and_prints_the_payloads_document() {
    let scratch = Scratch::new("check");
    let good = scratch.file(
        "good.json",
        r#"{"status": "OK", "result": {"verificationResult": "ACCEPTED", "attemptsLeft": 2}}"#,
    );
    let bad = scratch.file(
        "bad.json",
        r#"{"status": "OK", "result": {"verificationResult": "MAYBE"}}"#,
    );
    let not_json = scratch.file("page.json", "<html>502 Bad Gateway</html>");

    let ok = run(confirmspec()
        .args([
            "check",
            "--operation",
            "verifyOrderEac",
            "--response",
            "200",
        ])
        .arg(&good));
    assert_eq!(ok.code, 0, "{}{}", ok.stdout, ok.stderr);

    let check_json = |payloads: &[&PathBuf]| {
        run(confirmspec()
            .args([
                "check",
                "--format",
                "json",
                "--schema",
                "VerifyOrderEacResponse",
            ])
            .args(payloads))
    };
    let ran = check_json(&[&good, &bad]);
    assert_eq!(ran.code, 1);
    let report = json(&ran);
    assert_valid_report("check", &report);
    assert_eq!(report["summary"]["payloads"], 2);
    let payloads = report["payloads"].as_array().unwrap();
    assert_eq!(payloads[0]["verdict"], "conforming");
    assert_eq!(payloads[1]["verdict"], "violating");
    let violation = &payloads[1]["violations"][0];
    assert_eq!(
        (violation["keyword"].as_str(), violation["pointer"].as_str()),
        (Some("enum"), Some("/result/verificationResult"))
    );

    let ran = check_json(&[&not_json]);
    assert_eq!(ran.code, 2, "a payload that is not JSON cannot be checked");
    assert_eq!(json(&ran)["payloads"][0]["verdict"], "unreadable");

    let unknown = run(confirmspec()
        .args(["check", "--schema", "NoSuchSchema"])
        .arg(&good));
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("NoSuchSchema"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn schemas_writes_one_2020_12_document_per_spec() {
    let scratch = Scratch::new("schemas");
    let out = scratch.0.join("out");
    let ran = run(confirmspec().args(["schemas", "--out"]).arg(&out));
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    for name in ["invoicebox", "yandex-market", "via"] {
        let path = out.join(format!("{name}.schema.json"));
        let document: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(
            document["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        jsonschema::validator_for(&document).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(ran.stdout.contains(&path.display().to_string()));
    }
}

#[test]
fn every_command_has_help_and_usage_errors_exit_2() {
    for command in ["validate", "check", "demo", "schemas"] {
        let ran = run(confirmspec().args([command, "--help"]));
        assert_eq!(ran.code, 0);
        assert!(ran.stdout.contains("Usage: confirmspec"), "{command}");
    }
    let ran = run(confirmspec().args(["validate", "--format", "xml", DEMO]));
    assert_eq!(ran.code, 2);
    let ran = run(confirmspec().args(["check", "--operation", "verifyOrderEac", "payload.json"]));
    assert_eq!(ran.code, 2);
}

#[test]
fn the_report_schemas_in_docs_are_current() {
    for (name, schema) in confirmspec_validator::report::json_schemas() {
        let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        expectorate::assert_contents(
            Path::new("docs").join(format!("{name}-report.schema.json")),
            &text,
        );
    }
}

/// The credentials and confirmation codes in the demo capture.
pub(crate) fn demo_secrets() -> Vec<String> {
    let mut secrets = Vec::new();
    for line in std::fs::read_to_string(DEMO).unwrap().lines() {
        let exchange: Value = serde_json::from_str(line).unwrap();
        for header in exchange["request"]["headers"].as_array().unwrap() {
            let (name, value) = (
                header[0].as_str().unwrap().to_ascii_lowercase(),
                header[1].as_str().unwrap(),
            );
            match name.as_str() {
                "authorization" => secrets.push(value.trim_start_matches("Bearer ").to_owned()),
                "api-key" | "client-secret" => secrets.push(value.to_owned()),
                _ => {}
            }
        }
        // The fields the specs mark `format: password`.
        let body = &exchange["request"]["body"];
        for pointer in [
            "/code",
            "/verifyCode",
            "/card/pan",
            "/card/expiry",
            "/confirmationData/code",
        ] {
            match body.pointer(pointer) {
                Some(Value::String(s)) => secrets.push(s.clone()),
                Some(Value::Number(n)) => secrets.push(n.to_string()),
                _ => {}
            }
        }
    }
    secrets.sort();
    secrets.dedup();
    secrets
}

#[test]
fn no_output_shows_a_credential_or_a_confirmation_code() {
    let secrets = demo_secrets();
    assert!(secrets.len() > 10, "{secrets:?}");
    let outputs = [
        run(confirmspec().arg("demo")),
        run(confirmspec().args(["validate", DEMO])),
        run(confirmspec().args(["validate", "--format", "json", DEMO])),
        run(confirmspec().args(["validate", "--format", "json", "--strict", DEMO])),
        run(confirmspec().args(["validate", "--format", "jsonl", DEMO])),
        run(confirmspec().args(["validate", "--format", "sarif", DEMO])),
    ];
    for ran in &outputs {
        for secret in &secrets {
            for (stream, text) in [("stdout", &ran.stdout), ("stderr", &ran.stderr)] {
                assert!(
                    !text.contains(secret.as_str()),
                    "{stream} shows the secret {secret}"
                );
            }
        }
    }
    // The checks saw the secrets (a confirmation code sent as a number is reported) without
    // showing them.
    let report: Value = serde_json::from_str(&outputs[2].stdout).unwrap();
    let numeric_code = report["exchanges"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["violations"].as_array().unwrap())
        .find(|v| v["pointer"] == "/verifyCode")
        .expect("the numeric verifyCode is reported");
    assert_eq!(numeric_code["keyword"], "type");
}

#[test]
fn each_command_offers_only_the_options_that_affect_it() {
    let options = |command: &str| -> Vec<String> {
        let ran = run(confirmspec().args([command, "--help"]));
        assert_eq!(ran.code, 0, "{}", ran.stderr);
        ran.stdout
            .lines()
            .filter_map(|line| {
                let line = line.trim_start();
                let line = line.strip_prefix("-X ").map_or(line, |_| "-X");
                let flag = line.split([' ', ',']).find(|w| w.starts_with("--"))?;
                Some(flag.trim_end_matches(',').to_owned())
            })
            .collect()
    };
    let spec = ["--spec", "--max-spec-size"];
    let rules = ["--strict", "--config"];
    let body = ["--max-body", "--max-depth"];
    let exchanges = ["--match-hosts", "--max-headers", "--max-head"];
    for (command, takes, refuses) in [
        (
            "generate",
            &spec[..],
            [&rules[..], &body[..], &exchanges[..]].concat(),
        ),
        (
            "schemas",
            &[&spec[..], &rules[..]].concat()[..],
            [&body[..], &exchanges[..]].concat(),
        ),
        (
            "check",
            &[&spec[..], &rules[..], &body[..]].concat()[..],
            exchanges.to_vec(),
        ),
        (
            "validate",
            &[&spec[..], &rules[..], &body[..], &exchanges[..]].concat()[..],
            vec![],
        ),
        (
            "proxy",
            &[&spec[..], &rules[..], &body[..], &exchanges[..]].concat()[..],
            vec![],
        ),
        (
            "consume",
            &[&spec[..], &rules[..], &body[..], &exchanges[..]].concat()[..],
            vec![],
        ),
    ] {
        let offered = options(command);
        for option in takes {
            assert!(
                offered.iter().any(|o| o == option),
                "{command} takes {option}: {offered:?}"
            );
        }
        for option in refuses {
            assert!(
                !offered.iter().any(|o| o == option),
                "{command} offers {option}, which does nothing for it"
            );
        }
    }
}

#[test]
fn a_bundled_spec_is_taken_by_its_name_wherever_a_spec_is_asked_for() {
    // validate: only VIA's spec, so the other vendors' exchanges of the demo match nothing.
    let report =
        json(&run(confirmspec().args([
            "validate", "--format", "json", "--spec", "via", DEMO,
        ])));
    let specs: std::collections::BTreeSet<&str> = report["exchanges"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["spec"].as_str())
        .collect();
    assert_eq!(specs, ["via"].into());
    assert!(report["summary"]["unmatched"].as_u64().unwrap() > 2);
    // check: a component schema of the named spec.
    let scratch = Scratch::new("bundled-by-name");
    let payload = scratch.file(
        "body.json",
        r#"{"status": "OK", "result": {"verificationResult": "MAYBE"}}"#,
    );
    let ran = run(confirmspec()
        .args([
            "check",
            "--spec",
            "yandex-market",
            "--operation",
            "verifyOrderEac",
        ])
        .args(["--response", "200"])
        .arg(&payload));
    assert_eq!(ran.code, 1, "{}{}", ran.stdout, ran.stderr);
    // A name that is neither a file nor a bundled spec: the nearest name.
    let ran = run(confirmspec().args(["validate", "--spec", "yandexmarket", DEMO]));
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr.contains("did you mean `yandex-market`?"),
        "{}",
        ran.stderr
    );
}

#[test]
fn a_mistyped_operation_is_named_before_the_side_to_check_is_asked_for() {
    let scratch = Scratch::new("mistyped-operation");
    let payload = scratch.file("body.json", "{}");
    let ran = run(confirmspec()
        .args(["check", "--operation", "verifyOrderEAC"])
        .arg(&payload));
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr
            .contains("no operation is named `verifyOrderEAC`; did you mean `verifyOrderEac`?"),
        "{}",
        ran.stderr
    );
    let ran = run(confirmspec()
        .args(["check", "--operation", "verifyOrderEac"])
        .arg(&payload));
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr
            .contains("--operation verifyOrderEac needs --request, or --response STATUS"),
        "{}",
        ran.stderr
    );
}

#[test]
fn the_text_report_says_where_spec_files_are_only_for_the_files_it_names() {
    let scratch = Scratch::new("spec-paths-line");
    // A spec given by a relative path: no word of the bundled specs.
    std::fs::copy("specs/yandex-market.yaml", scratch.0.join("ym.yaml")).unwrap();
    std::fs::copy(DEMO, scratch.0.join("demo.jsonl")).unwrap();
    let ran = run(confirmspec().current_dir(&scratch.0).args([
        "validate",
        "--spec",
        "ym.yaml",
        "demo.jsonl",
    ]));
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    let line = ran
        .stdout
        .lines()
        .find(|l| l.starts_with("Spec files above:"))
        .unwrap_or_else(|| panic!("{}", ran.stdout));
    assert!(!line.contains("bundled"), "{line}");
    assert!(line.contains("relative paths start at"), "{line}");
    // The bundled specs: their directory, and nothing of other relative paths.
    let ran = run(confirmspec().args(["validate", DEMO]));
    let line = ran
        .stdout
        .lines()
        .find(|l| l.starts_with("Spec files above:"))
        .unwrap();
    assert!(line.contains("the bundled specs/... are in"), "{line}");
    assert!(!line.contains("relative paths start at"), "{line}");
}
