//! The reports of `validate` as a user reads them: JSON Lines streamed, output to a file, gzip
//! captures, text groups, coverage, JUnit.

use serde_json::{Value, json};

use crate::cli::*;
use crate::commands::demo_secrets;

#[test]
fn validate_jsonl_streams_one_line_per_exchange_then_the_summary() {
    let whole = json(&run(
        confirmspec().args(["validate", "--format", "json", DEMO])
    ));
    let ran = run(confirmspec().args(["validate", "--format", "jsonl", DEMO]));
    assert_eq!(ran.code, 1);
    let lines: Vec<Value> = ran
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let (summary, exchanges) = lines.split_last().unwrap();
    assert_eq!(summary["summary"], whole["summary"]);
    assert_eq!(exchanges, whole["exchanges"].as_array().unwrap().as_slice());
}

#[test]
fn output_goes_to_a_file_without_colour() {
    let scratch = Scratch::new("output");
    let text = scratch.0.join("report.txt");
    let ran = run(confirmspec()
        .args(["validate", "--output"])
        .arg(&text)
        .arg(DEMO));
    assert_eq!(ran.code, 1);
    assert!(ran.stdout.is_empty());
    let written = std::fs::read_to_string(&text).unwrap();
    assert!(written.contains("Summary: 34 exchanges"), "{written}");
    assert!(!written.contains('\x1b'));

    let json_file = scratch.0.join("report.json");
    run(confirmspec()
        .args(["validate", "--format", "json", "-o"])
        .arg(&json_file)
        .arg(DEMO));
    let on_stdout = json(&run(
        confirmspec().args(["validate", "--format", "json", DEMO])
    ));
    let in_file: Value =
        serde_json::from_str(&std::fs::read_to_string(&json_file).unwrap()).unwrap();
    assert_eq!(in_file, on_stdout);
}

pub(crate) fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn gzip_captures_are_read_directly_and_a_cut_stream_is_reported() {
    let scratch = Scratch::new("gzip");
    let plain = json(&run(
        confirmspec().args(["validate", "--format", "json", DEMO])
    ));
    let jsonl = scratch.file("demo.jsonl.gz", gzip(&std::fs::read(DEMO).unwrap()));
    let har = scratch.file(
        "petstore.har.gz",
        gzip(&std::fs::read(PETSTORE_HAR).unwrap()),
    );

    let from_gzip = json(&run(confirmspec()
        .args(["validate", "--format", "json"])
        .arg(&jsonl)));
    assert_eq!(from_gzip["summary"], plain["summary"]);
    let har_plain = petstore_report();
    let har_gzip = json(&run(confirmspec()
        .args(["validate", "--format", "json", "--spec", PETSTORE_SPEC])
        .arg(&har)));
    assert_eq!(har_gzip["summary"], har_plain["summary"]);

    // Cut the compressed stream: the lines it still holds are validated, and the loss is
    // reported as one more unreadable entry.
    let compressed = std::fs::read(&jsonl).unwrap();
    let cut = scratch.file("cut.jsonl.gz", &compressed[..compressed.len() * 2 / 3]);
    let ran = run(confirmspec()
        .args(["validate", "--format", "json"])
        .arg(&cut));
    assert_eq!(ran.code, 2);
    let report = json(&ran);
    let exchanges = report["exchanges"].as_array().unwrap();
    let last = exchanges.last().unwrap();
    assert_eq!(last["verdict"], "unreadable");
    let reason = last["reason"].as_str().unwrap();
    assert!(
        reason.contains("cut.jsonl.gz") && reason.contains("gzip"),
        "{reason}"
    );
    let validated = exchanges
        .iter()
        .filter(|e| e["verdict"] != "unreadable")
        .count();
    assert!(validated > 0, "the lines before the cut are validated");
}

#[test]
fn text_groups_a_rule_broken_by_several_exchanges() {
    // The demo twice: every rule one exchange breaks is now broken by two, and each is one
    // group with its count, its first and last exchange, and one example.
    let ran = run(confirmspec().args(["validate", DEMO, DEMO]));
    let lines: Vec<&str> = ran.stdout.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("response.body /result/attemptsLeft [type]"))
        .unwrap_or_else(|| panic!("{}", ran.stdout));
    assert_eq!(
        lines[at],
        format!(
            "  error response.body /result/attemptsLeft [type] in 2 exchanges, first {DEMO}#20, last {DEMO}#20"
        )
    );
    assert!(
        lines[at + 1].starts_with(&format!("    e.g. {DEMO}#20 PUT https://")),
        "{}",
        lines[at + 1]
    );
    assert!(lines[at + 1].ends_with(": \"two\" is not of type \"integer\""));
    // Every group of the single run is there once, counted twice.
    let once = run(confirmspec().args(["validate", DEMO]));
    let groups = |text: &str| {
        text.lines()
            .filter(|l| l.starts_with("  error "))
            .map(|l| l.split(" in ").next().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(groups(&ran.stdout), groups(&once.stdout));
    assert!(
        ran.stdout
            .lines()
            .filter(|l| l.starts_with("  error "))
            .all(|l| l.contains(" in 2 exchanges")),
        "{}",
        ran.stdout
    );
}

#[test]
fn coverage_counts_operations_and_documented_responses() {
    let report = json(&run(
        confirmspec().args(["validate", "--format", "json", DEMO])
    ));
    let operations = report["coverage"]["operations"].as_array().unwrap();
    let mut ids: Vec<&str> = operations
        .iter()
        .map(|o| o["operation"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        crate::BUNDLED_OPERATIONS,
        "every operation of the bundled specs, exercised or not"
    );
    let exchanges = report["exchanges"].as_array().unwrap();
    for operation in operations {
        let id = &operation["operation"];
        let matched: Vec<&Value> = exchanges.iter().filter(|e| e["operation"] == *id).collect();
        assert_eq!(operation["exchanges"], matched.len(), "{id}");
        for status in operation["statuses"].as_array().unwrap() {
            let under = matched
                .iter()
                .filter(|e| e.get("documented_status") == Some(&status["status"]))
                .count();
            assert_eq!(status["exchanges"], under, "{id} {}", status["status"]);
        }
    }
    // A status the operation does not document falls under none of its responses.
    let undocumented = exchanges
        .iter()
        .find(|e| {
            e["violations"]
                .as_array()
                .unwrap()
                .iter()
                .any(|v| v["keyword"] == "status")
        })
        .expect("the demo has an undocumented status");
    assert!(undocumented.get("documented_status").is_none());
    // ... and is counted as seen and undocumented.
    let operation = operations
        .iter()
        .find(|o| o["operation"] == undocumented["operation"])
        .unwrap();
    assert_eq!(
        operation["undocumented"],
        json!([{"status": undocumented["status"].to_string(), "exchanges": 1}])
    );

    let text = run(confirmspec().args(["validate", DEMO]));
    let line = text
        .stdout
        .lines()
        .find(|l| l.starts_with("Coverage:"))
        .unwrap();
    assert!(
        line.starts_with("Coverage: 6 of 6 operations exercised;"),
        "{line}"
    );
    assert!(
        text.stdout.contains("responses never seen: "),
        "{}",
        text.stdout
    );
}

#[test]
fn junit_is_read_by_an_xml_parser_with_a_case_per_exchange() {
    let ran = run(confirmspec().args(["validate", "--format", "junit", DEMO]));
    assert_eq!(ran.code, 1);
    expectorate::assert_contents("tests/snapshots/demo.junit.xml", &ran.stdout);

    let summary = json(&run(
        confirmspec().args(["validate", "--format", "json", DEMO])
    ))["summary"]
        .clone();
    let xml = roxmltree::Document::parse(&ran.stdout).expect("well-formed XML");
    let root = xml.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let number = |node: roxmltree::Node, name: &str| -> u64 {
        node.attribute(name).unwrap().parse().unwrap()
    };
    assert_eq!(
        number(root, "tests"),
        summary["exchanges"].as_u64().unwrap()
    );
    assert_eq!(
        number(root, "failures"),
        summary["violating"].as_u64().unwrap() + summary["unmatched"].as_u64().unwrap()
    );
    let cases: Vec<_> = root
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len() as u64, summary["exchanges"].as_u64().unwrap());
    for suite in root.children().filter(|n| n.has_tag_name("testsuite")) {
        let in_suite = suite
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .count() as u64;
        assert_eq!(number(suite, "tests"), in_suite);
        let failed = suite
            .children()
            .filter(|n| n.children().any(|c| c.has_tag_name("failure")))
            .count() as u64;
        assert_eq!(
            number(suite, "failures"),
            failed,
            "{:?}",
            suite.attribute("name")
        );
    }
    let failure = root
        .descendants()
        .find(|n| {
            n.has_tag_name("failure")
                && n.text().is_some_and(|t| t.contains("/result/attemptsLeft"))
        })
        .expect("a failure names the pointer");
    assert!(
        failure
            .text()
            .unwrap()
            .contains("specs/yandex-market.yaml:")
    );
    for secret in demo_secrets() {
        assert!(
            !ran.stdout.contains(&secret),
            "the JUnit report shows {secret}"
        );
    }

    let refused = run(confirmspec().args(["check", "--format", "junit", "--schema", "X", DEMO]));
    assert_eq!(refused.code, 2);

    // Coverage: every operation has its suite; one no exchange exercised is empty, and the
    // properties of each say which documented responses were seen.
    let first_line: String = std::fs::read_to_string(DEMO)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned();
    let one = run(confirmspec()
        .args(["validate", "--format", "junit", "-"])
        .write_stdin(first_line + "\n"));
    let xml = roxmltree::Document::parse(&one.stdout).expect("well-formed XML");
    let suites: Vec<_> = xml
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    for operation in crate::BUNDLED_OPERATIONS {
        let suite = suites
            .iter()
            .find(|s| {
                s.attribute("name")
                    .is_some_and(|n| n.ends_with(&format!(" {operation}")))
            })
            .unwrap_or_else(|| panic!("a suite for {operation}: {}", one.stdout));
        let property = |name: &str| {
            suite
                .descendants()
                .find(|p| p.has_tag_name("property") && p.attribute("name") == Some(name))
                .and_then(|p| p.attribute("value"))
                .unwrap_or_else(|| panic!("{operation}: {name}"))
                .to_owned()
        };
        let exchanges: u64 = property("coverage.exchanges").parse().unwrap();
        assert_eq!(number(*suite, "tests"), exchanges, "{operation}");
        if exchanges == 0 {
            assert_eq!(property("coverage.responses.seen"), "", "{operation}");
        }
    }
    assert!(
        suites.iter().filter(|s| number(**s, "tests") == 0).count() >= 5,
        "the operations one exchange did not exercise have empty suites"
    );
}
