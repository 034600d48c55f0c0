//! The `confirmspec` binary as a user runs it: commands, output formats, exit statuses, bad
//! input, and secrets kept out of every output.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{Value, json};

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
fn report_schema(name: &str) -> jsonschema::Validator {
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
fn latin1_har() -> Vec<u8> {
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
