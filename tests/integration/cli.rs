//! The `confirmspec` binary as a user runs it: commands, output formats, exit statuses, bad
//! input, and secrets kept out of every output.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

pub(crate) const DEMO: &str = "samples/demo.jsonl";
pub(crate) const PETSTORE_SPEC: &str = "../shared/corpus/petstore/petstore1.oas3.0.1.json";
pub(crate) const PETSTORE_HAR: &str = "../shared/corpus/petstore/petstore.swagger.io.har";

pub(crate) fn confirmspec() -> Command {
    Command::cargo_bin("confirmspec").expect("the binary is built")
}

/// A scratch directory for one test, removed when dropped.
pub(crate) struct Scratch(pub(crate) PathBuf);

impl Scratch {
    pub(crate) fn new(test: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("confirmspec-cli-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    pub(crate) fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub(crate) struct Ran {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

pub(crate) fn run(command: &mut Command) -> Ran {
    let output = command.output().expect("the binary runs");
    Ran {
        code: output.status.code().expect("an exit status, not a signal"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 output"),
    }
}

pub(crate) fn json(ran: &Ran) -> Value {
    serde_json::from_str(&ran.stdout).unwrap_or_else(|e| panic!("{e}: {}", ran.stdout))
}

/// The committed schema of a `--format json` document (see docs/).
pub(crate) fn report_schema(name: &str) -> jsonschema::Validator {
    let path = format!("docs/{name}-report.schema.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub(crate) fn assert_valid_report(name: &str, report: &Value) {
    let schema = report_schema(name);
    let errors: Vec<String> = schema
        .iter_errors(report)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "the {name} report breaks its schema: {errors:#?}"
    );
}

/// The JSON report of the Petstore capture against its own spec.
pub(crate) fn petstore_report() -> Value {
    json(&run(confirmspec().args([
        "validate",
        "--format",
        "json",
        "--spec",
        PETSTORE_SPEC,
        PETSTORE_HAR,
    ])))
}

pub(crate) fn summary(report: &Value) -> [u64; 5] {
    let s = &report["summary"];
    [
        "exchanges",
        "conforming",
        "violating",
        "unmatched",
        "unreadable",
    ]
    .map(|k| s[k].as_u64().unwrap_or_else(|| panic!("summary.{k}")))
}

#[test]
fn the_demo_runs_explains_and_exits_0() {
    let ran = run(confirmspec().arg("demo"));
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let lines = std::fs::read_to_string(DEMO)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    assert!(
        ran.stdout.contains(&format!("Summary: {lines} exchanges")),
        "{}",
        ran.stdout
    );
    assert!(
        ran.stdout
            .contains("Next (`cargo install --locked --path crates/cli`")
    );
    assert!(ran.stdout.contains("confirmspec validate"));
}

#[test]
fn validate_json_is_the_documented_contract() {
    let ran = run(confirmspec().args(["validate", "--format", "json", DEMO]));
    assert_eq!(ran.code, 1, "the demo holds violations: {}", ran.stderr);
    let report = json(&ran);
    assert_valid_report("validate", &report);

    let [exchanges, conforming, violating, unmatched, unreadable] = summary(&report);
    assert_eq!(exchanges, conforming + violating + unmatched + unreadable);
    let listed = report["exchanges"].as_array().unwrap();
    assert_eq!(listed.len() as u64, exchanges);
    let lines = std::fs::read_to_string(DEMO).unwrap().lines().count() as u64;
    assert_eq!(exchanges, lines, "every line is accounted for");
    assert!(conforming > 0 && violating > 0 && unmatched > 0);

    for (position, exchange) in listed.iter().enumerate() {
        assert_eq!(
            exchange["index"], position,
            "index is the position in the input, from 0"
        );
        for key in [
            "method",
            "url",
            "spec",
            "operation",
            "status",
            "verdict",
            "violations",
        ] {
            assert!(
                exchange.get(key).is_some(),
                "exchange {position} has no {key}"
            );
        }
        let verdict = exchange["verdict"].as_str().unwrap();
        let violations = exchange["violations"].as_array().unwrap();
        assert_eq!(
            verdict == "violating",
            !violations.is_empty(),
            "exchange {position}"
        );
        for violation in violations {
            let location = violation["location"].as_str().unwrap();
            assert!(
                location.starts_with("request.") || location.starts_with("response."),
                "{location}"
            );
            assert_eq!(
                violation.get("pointer").is_some(),
                location.ends_with(".body"),
                "{violation}"
            );
            assert!(["error", "warning"].contains(&violation["severity"].as_str().unwrap()));
            assert!(!violation["keyword"].as_str().unwrap().is_empty());
            assert!(
                !violation["message"].as_str().unwrap().contains('\n'),
                "one line: {violation}"
            );
        }
    }
}

#[test]
fn validate_exits_0_when_everything_conforms() {
    let report = json(&run(
        confirmspec().args(["validate", "--format", "json", DEMO])
    ));
    let conforming: Vec<usize> = report["exchanges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["verdict"] == "conforming")
        .map(|e| e["index"].as_u64().unwrap() as usize)
        .collect();
    let text = std::fs::read_to_string(DEMO).unwrap();
    let lines: Vec<&str> = text
        .lines()
        .enumerate()
        .filter(|(i, _)| conforming.contains(i))
        .map(|(_, l)| l)
        .collect();
    let scratch = Scratch::new("conforming");
    let capture = scratch.file("conforming.jsonl", lines.join("\n"));

    let ran = run(confirmspec().arg("validate").arg(&capture));
    assert_eq!(ran.code, 0, "{}", ran.stdout);
    assert!(
        ran.stdout.contains(&format!(
            "Summary: {} exchanges: {} conforming",
            lines.len(),
            lines.len()
        )),
        "{}",
        ran.stdout
    );
}

#[test]
fn validate_reads_stdin_with_a_dash_or_no_file_at_all() {
    let capture = std::fs::read(DEMO).unwrap();
    let from_file = json(&run(
        confirmspec().args(["validate", "--format", "json", DEMO])
    ));
    let dash = run(confirmspec()
        .args(["validate", "--format", "json", "-"])
        .write_stdin(capture.clone()));
    let bare = run(confirmspec()
        .args(["validate", "--format", "json"])
        .write_stdin(capture));
    for ran in [dash, bare] {
        assert_eq!(ran.code, 1);
        let report = json(&ran);
        assert_eq!(report["summary"], from_file["summary"]);
        assert_eq!(report["exchanges"][0]["source"], "-");
    }
}

#[test]
fn validate_text_groups_by_operation_and_names_spec_lines() {
    let ran = run(confirmspec().args(["validate", DEMO]));
    assert_eq!(ran.code, 1);
    assert!(
        !ran.stdout.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
    for operation in [
        "validate",
        "sendCode",
        "pay",
        "verifyOrderEac",
        "confirmPay",
        "confirmPayVerify",
    ] {
        let group = ran
            .stdout
            .lines()
            .any(|l| !l.starts_with(' ') && l.split_whitespace().nth(1) == Some(operation));
        assert!(group, "no group for {operation}:\n{}", ran.stdout);
    }
    assert!(
        ran.stdout.contains("specs/yandex-market.yaml:"),
        "violations name the spec line"
    );
    assert!(ran.stdout.lines().last().unwrap().starts_with("Summary:"));
}

#[test]
fn a_petstore_har_against_its_own_spec() {
    let ran = run(confirmspec().args([
        "validate",
        "--format",
        "json",
        "--spec",
        PETSTORE_SPEC,
        PETSTORE_HAR,
    ]));
    assert_eq!(ran.code, 1);
    let report = json(&ran);
    assert_valid_report("validate", &report);
    assert_eq!(
        report["exchanges"][1]["spec"], "petstore1.oas3.0.1",
        "named by the file stem"
    );
}

#[test]
fn a_truncated_har_names_the_file_the_entry_and_the_offset_and_keeps_earlier_entries() {
    let har = std::fs::read(PETSTORE_HAR).unwrap();
    // Cut in the middle of the fourth entry (index 3).
    let entries: Value = serde_json::from_slice(&har).unwrap();
    let fourth = serde_json::to_string(&entries["log"]["entries"][3]["request"]["url"]).unwrap();
    let cut = find(&har, fourth.as_bytes()) + fourth.len() / 2;
    let scratch = Scratch::new("truncated");
    let capture = scratch.file("cut.har", &har[..cut]);

    let ran = run(confirmspec()
        .args(["validate", "--format", "json", "--spec", PETSTORE_SPEC])
        .arg(&capture));
    assert_eq!(ran.code, 2, "unreadable input is exit status 2");
    let report = json(&ran);
    let [exchanges, .., unreadable] = summary(&report);
    assert_eq!(
        (exchanges, unreadable),
        (4, 1),
        "entries 0-2 validated, entry 3 reported"
    );
    let broken = &report["exchanges"][3];
    assert_eq!(
        (broken["index"].as_u64(), broken["verdict"].as_str()),
        (Some(3), Some("unreadable"))
    );
    let offset = broken["offset"].as_u64().expect("the byte offset") as usize;
    assert!(
        offset <= cut && offset + 16 >= cut,
        "offset {offset}, cut at {cut}"
    );
    let reason = broken["reason"].as_str().unwrap();
    assert!(
        reason.contains("cut.har") && reason.contains("entry 3"),
        "{reason}"
    );

    let text = run(confirmspec()
        .args(["validate", "--spec", PETSTORE_SPEC])
        .arg(&capture));
    assert!(
        text.stdout.contains("cut.har: entry 3 (byte offset"),
        "{}",
        text.stdout
    );
}

pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("present")
}

#[test]
fn input_that_is_not_a_capture_gets_a_clear_error() {
    let scratch = Scratch::new("bad-input");
    let cases: Vec<(PathBuf, &str)> = vec![
        (
            scratch.file("not-a-har.har", r#"{"log": {"version": "1.2"}}"#),
            "entries",
        ),
        (
            scratch.file("object.json", r#"{"hello": "world"}"#),
            "not-a-har",
        ),
        (
            scratch.file(
                "latin1.jsonl",
                b"{\"request\": {\"method\": \"GET\", \"url\": \"/caf\xe9\"}}\n",
            ),
            "UTF-8",
        ),
        (scratch.file("latin1.har", latin1_har()), "UTF-8"),
        (
            scratch.file("missing.jsonl", "{\"request\": {\"method\": \"GET\"}}\n"),
            "url",
        ),
    ];
    for (path, expected) in &cases {
        let ran = run(confirmspec()
            .args(["validate", "--format", "json"])
            .arg(path));
        assert_eq!(ran.code, 2, "{}: {}", path.display(), ran.stdout);
        let report = json(&ran);
        let unreadable = report["exchanges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["verdict"] == "unreadable")
            .unwrap_or_else(|| panic!("{}: {}", path.display(), ran.stdout));
        let reason = unreadable["reason"].as_str().unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(reason.contains(name), "the file is named: {reason}");
        if *expected != "not-a-har" {
            assert!(
                reason.contains(expected),
                "{reason} should mention {expected}"
            );
        }
    }
    // A capture that cannot be opened: one line that names it, exit 2, no report.
    let missing = run(confirmspec().args(["validate", DEMO, "does-not-exist.har"]));
    assert_eq!(missing.code, 2);
    assert_eq!(missing.stdout, "", "no report of what was never read");
    assert_eq!(
        missing.stderr.trim(),
        "confirmspec: error: does-not-exist.har: cannot open: No such file or directory (os error 2)"
    );
}

#[test]
fn a_name_that_matches_nothing_gets_the_nearest_and_the_list() {
    // A bundled spec's name mistyped, to diff.
    let ran = run(confirmspec().args(["diff", "yandexmarket", "via"]));
    assert_eq!(ran.code, 2);
    assert_eq!(
        ran.stderr.trim(),
        "confirmspec: error: yandexmarket: no such file; no bundled spec is named `yandexmarket`; \
         did you mean `yandex-market`? The bundled specs: invoicebox, yandex-market, via."
    );
    // A schema, and an operation, to check.
    let scratch = Scratch::new("nearest");
    let payload = scratch.file("p.json", "{}");
    let ran = run(confirmspec()
        .args(["check", "--schema", "ConfirmPayRequst"])
        .arg(&payload));
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr.contains(
            "no component schema is named `ConfirmPayRequst`; did you mean `ConfirmPayRequest`?"
        ),
        "{}",
        ran.stderr
    );
    assert!(
        ran.stderr.contains("`confirmspec check --list` lists them"),
        "{}",
        ran.stderr
    );
    let ran = run(confirmspec()
        .args(["check", "--operation", "verifyOrderEAC", "--request"])
        .arg(&payload));
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr.contains("no operation is named `verifyOrderEAC`; did you mean `verifyOrderEac`? The operations: "),
        "{}",
        ran.stderr
    );
    // A spec's upstream, to the proxy.
    let ran = run(confirmspec().args(["proxy", "--upstream", "invoicebx=http://127.0.0.1:9"]));
    assert_eq!(ran.code, 2);
    assert!(
        ran.stderr.contains("did you mean `invoicebox`?"),
        "{}",
        ran.stderr
    );

    // The names there are, from check and from schemas alike.
    let listed = run(confirmspec().args(["check", "--list"]));
    assert_eq!(listed.code, 0, "{}", listed.stderr);
    assert!(
        listed.stdout.contains("via schema ConfirmPayRequest\n"),
        "{}",
        listed.stdout
    );
    for operation in crate::BUNDLED_OPERATIONS {
        assert!(
            listed.stdout.contains(&format!(" operation {operation} ")),
            "{operation}: {}",
            listed.stdout
        );
    }
    assert_eq!(
        run(confirmspec().args(["schemas", "--list"])).stdout,
        listed.stdout
    );
}

/// The Petstore capture with a Latin-1 byte in its second entry's URL.
pub(crate) fn latin1_har() -> Vec<u8> {
    let mut har = std::fs::read(PETSTORE_HAR).unwrap();
    let entries: Value = serde_json::from_slice(&har).unwrap();
    let url = entries["log"]["entries"][1]["request"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let at = find(&har, url.as_bytes()) + url.len();
    har.insert(at, 0xE9);
    har
}

#[test]
fn a_har_entry_missing_fields_is_reported_and_the_others_are_validated() {
    let mut har: Value = serde_json::from_slice(&std::fs::read(PETSTORE_HAR).unwrap()).unwrap();
    let entries = har["log"]["entries"].as_array_mut().unwrap();
    let total = entries.len();
    entries[2].as_object_mut().unwrap().remove("request");
    let scratch = Scratch::new("missing-fields");
    let capture = scratch.file("gap.har", serde_json::to_vec(&har).unwrap());

    let ran = run(confirmspec()
        .args(["validate", "--format", "json", "--spec", PETSTORE_SPEC])
        .arg(&capture));
    assert_eq!(ran.code, 2);
    let report = json(&ran);
    let [exchanges, .., unreadable] = summary(&report);
    assert_eq!((exchanges as usize, unreadable), (total, 1));
    let reason = report["exchanges"][2]["reason"].as_str().unwrap();
    assert!(
        reason.contains("gap.har") && reason.contains("entry 2") && reason.contains("request"),
        "{reason}"
    );
}

#[test]
fn a_broken_spec_names_the_file_and_line() {
    let scratch = Scratch::new("broken-spec");
    let spec = scratch.file(
        "api.yaml",
        "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n  /a:\n    get: [\n",
    );
    let ran = run(confirmspec().args(["validate", DEMO, "--spec"]).arg(&spec));
    assert_eq!(ran.code, 2);
    assert!(ran.stderr.contains("api.yaml:"), "{}", ran.stderr);
    assert!(ran.stdout.is_empty());
}
