//! Every version of OpenAPI read into the one form: real OpenAPI 3.1 and Swagger 2.0
//! documents nobody here wrote (tests/data/versions/, sources in tests/data/README.md), with
//! exchanges written for them; form and multipart bodies against Stripe's spec and the 2.0
//! Petstore; `diff` of a document against a faithful translation of it; the mock serving a
//! 3.1 document.

use std::collections::HashMap;
use std::path::Path;

use confirmspec_validator::{Options, Severity, Spec, Validator, Verdict, Version, read_jsonl};
use serde_json::{Value, json};

const EXCHANGES: &str = "tests/data/versions/exchanges.jsonl";

#[test]
fn every_exchange_gets_its_verdict_at_its_place_in_every_version() {
    let text = std::fs::read_to_string(EXCHANGES).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut validators: HashMap<(String, bool), Validator> = HashMap::new();
    let mut failures = Vec::new();
    let mut seen = 0;
    read_jsonl(EXCHANGES, text.as_bytes(), |index, exchange| {
        seen += 1;
        let line = &lines[index];
        let why = line["why"].as_str().unwrap();
        let spec = line["spec"].as_str().unwrap().to_owned();
        let assert_formats = line["options"]["assert_formats"] == json!(true);
        let validator = validators
            .entry((spec.clone(), assert_formats))
            .or_insert_with(|| {
                let loaded = Spec::load(Path::new(&spec)).unwrap_or_else(|e| panic!("{e}"));
                let options = Options {
                    assert_formats,
                    ..Options::default()
                };
                Validator::new(vec![loaded], options).unwrap_or_else(|e| panic!("{spec}: {e}"))
            });
        let report = validator.validate(&exchange.expect("every exchange reads"));
        let expect = &line["expect"];
        let errors: Vec<_> = report
            .violations
            .iter()
            .filter(|v| v.severity == Severity::Error)
            .collect();
        match expect["verdict"].as_str().unwrap() {
            "conforming" => {
                if report.verdict != Verdict::Conforming || !report.violations.is_empty() {
                    failures.push(format!(
                        "{why}: {:?} {:#?}",
                        report.verdict, report.violations
                    ));
                }
            }
            _ => {
                let found = errors.iter().any(|v| {
                    v.location == expect["location"].as_str().unwrap()
                        && v.pointer.as_deref() == expect["pointer"].as_str()
                        && v.keyword.as_str() == expect["rule"]
                });
                if report.verdict != Verdict::Violating || !found {
                    failures.push(format!(
                        "{why}: expected {expect}, got {:#?}",
                        report.violations
                    ));
                }
                // Each violation names the file and line the rule is written at.
                for violation in &errors {
                    if violation.spec_line.is_none() && violation.schema_path.is_some() {
                        failures.push(format!("{why}: no line for {violation:?}"));
                    }
                }
            }
        }
    });
    assert_eq!(seen, lines.len());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn documents_of_each_version_load_as_what_they_are() {
    for (file, version) in [
        ("tests/data/versions/petstore-2.0.yaml", Version::Swagger2),
        (
            "tests/data/versions/petstore-2.0.converted-3.0.yaml",
            Version::V30,
        ),
        ("tests/data/versions/petstore-3.1.yaml", Version::V31),
        ("tests/data/versions/museum-3.1.yaml", Version::V31),
        ("tests/data/versions/tictactoe-3.1.yaml", Version::V31),
        ("tests/data/versions/defects-2.0.yaml", Version::Swagger2),
        ("tests/data/versions/defects-3.1.json", Version::V31),
    ] {
        let spec = Spec::load(Path::new(file)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(spec.version, version, "{file}");
        let validator = Validator::new(vec![spec], Options::default()).unwrap();
        validator
            .compile_all()
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(validator.operations().count() > 0, "{file}");
    }
}

#[test]
fn a_swagger_2_violation_names_the_line_and_pointer_of_the_2_0_file() {
    let file = "tests/data/versions/petstore-2.0.yaml";
    let spec = Spec::load(Path::new(file)).unwrap();
    let validator = Validator::new(vec![spec], Options::default()).unwrap();
    let text = std::fs::read_to_string(EXCHANGES).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("x-nullable-free"))
        .unwrap();
    let mut report = None;
    read_jsonl("line", line.as_bytes(), |_, exchange| {
        report = Some(validator.validate(&exchange.unwrap()));
    });
    let report = report.unwrap();
    let violation = &report.violations[0];
    assert_eq!(
        violation.schema_path.as_deref(),
        Some("/definitions/Order/properties/quantity/type")
    );
    // The line of `quantity:`'s `type:` in the Order definition, as written in the 2.0 file.
    let source = std::fs::read_to_string(file).unwrap();
    let order = source.find("\n  Order:").unwrap();
    let quantity = order + source[order..].find("quantity:").unwrap();
    let type_line = source[..quantity + source[quantity..].find("type:").unwrap()]
        .lines()
        .count();
    assert_eq!(violation.spec_line, Some(type_line));
    assert!(
        violation
            .spec_file
            .as_deref()
            .unwrap()
            .ends_with("petstore-2.0.yaml")
    );
}

/// A faithful 3.1 translation of a 3.0 document: `nullable` as a type list (and `null` in an
/// enum), dropped where the schema names no kind of value at all (it allows null as it is),
/// boolean exclusive bounds as numbers.
fn to_3_1(node: &mut Value) {
    match node {
        Value::Object(object) => {
            if object.get("nullable") == Some(&json!(true))
                && let Some(Value::String(kind)) = object.get("type").cloned()
            {
                object.remove("nullable");
                object.insert("type".into(), json!([kind, "null"]));
                if let Some(Value::Array(values)) = object.get_mut("enum") {
                    values.push(Value::Null);
                }
            } else if object.get("nullable") == Some(&json!(true))
                && ["type", "enum", "$ref", "allOf", "anyOf", "oneOf", "not"]
                    .iter()
                    .all(|key| !object.contains_key(*key))
            {
                object.remove("nullable");
            }
            for (flag, bound) in [
                ("exclusiveMinimum", "minimum"),
                ("exclusiveMaximum", "maximum"),
            ] {
                if object.get(flag) == Some(&json!(true))
                    && let Some(value) = object.remove(bound)
                {
                    object.insert(flag.into(), value);
                } else if object.get(flag) == Some(&json!(false)) {
                    object.remove(flag);
                }
            }
            object.values_mut().for_each(to_3_1);
        }
        Value::Array(items) => items.iter_mut().for_each(to_3_1),
        _ => {}
    }
}

#[test]
fn diff_of_a_3_0_document_and_its_3_1_translation_finds_no_change() {
    let scratch = crate::cli::Scratch::new("versions-diff");
    let mut translated_nullable = 0;
    for file in [
        "specs/via.yaml",
        "specs/invoicebox.yaml",
        "specs/yandex-market.yaml",
        "../shared/corpus/yandex-market/verifyEac-history/2026-07-17.yaml",
        "../shared/corpus/stripe/spec3.json",
        // Seven typeless `nullable: true`, which the translation drops.
        "../shared/corpus/twilio/twilio_api_v2010.json",
    ] {
        let text = std::fs::read_to_string(file).unwrap();
        let mut document: Value = if file.ends_with(".json") {
            serde_json::from_str(&text).unwrap()
        } else {
            yaml_serde::from_str(&text).unwrap()
        };
        let before = document.to_string().matches("\"nullable\":true").count();
        document["openapi"] = json!("3.1.0");
        to_3_1(&mut document);
        translated_nullable += before - document.to_string().matches("\"nullable\":true").count();
        let name = Path::new(file).file_name().unwrap().to_str().unwrap();
        let new = scratch.0.join(format!("3.1-{name}"));
        std::fs::write(&new, serde_json::to_string(&document).unwrap()).unwrap();
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_confirmspec"))
            .args(["diff", "--format", "json", file])
            .arg(&new)
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("{file}: {e}: {}", String::from_utf8_lossy(&output.stderr)));
        let changes = report["changes"].as_array().unwrap();
        assert!(
            changes.is_empty(),
            "{file} against its 3.1 translation: {} changes, the first {:#}",
            changes.len(),
            changes[0]
        );
        assert_eq!(output.status.code(), Some(0), "{file}");
    }
    // Stripe's spec alone has thousands: the translation was exercised.
    assert!(translated_nullable > 1000, "{translated_nullable}");
}

#[test]
fn diff_of_a_2_0_document_and_its_3_0_conversion_by_swagger2openapi_finds_no_change() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_confirmspec"))
        .args([
            "diff",
            "--format",
            "json",
            "tests/data/versions/petstore-2.0.yaml",
            "tests/data/versions/petstore-2.0.converted-3.0.yaml",
        ])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["changes"], json!([]));
    assert_eq!(output.status.code(), Some(0));
}

#[tokio::test]
async fn the_mock_serves_a_3_1_document_and_only_what_it_documents() {
    let museum = Spec::load(Path::new("tests/data/versions/museum-3.1.yaml")).unwrap();
    let server = confirmspec::mock::sandbox()
        .spec(museum.clone())
        .start("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let validator = Validator::new(vec![museum], Options::default()).unwrap();
    let http = reqwest::Client::new();
    let base = "/_mock/docs/openapi/museum-api";
    for (method, path, body) in [
        ("GET", "/museum-hours?startDate=2023-02-23", None),
        ("GET", "/special-events", None),
        (
            "POST",
            "/tickets",
            Some(
                json!({"ticketType": "general", "ticketDate": "2023-09-07", "email": "todd@example.com"}),
            ),
        ),
    ] {
        let url = format!("{}{base}{path}", server.url());
        let mut request = http
            .request(method.parse().unwrap(), &url)
            .header("authorization", "Basic dXNlcjpwYXNz");
        if let Some(body) = &body {
            request = request.json(body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_owned());
        let answer = response.bytes().await.unwrap();
        assert!((200..300).contains(&status), "{path}: {status}");
        let mut request_headers =
            vec![("authorization".to_owned(), "Basic dXNlcjpwYXNz".to_owned())];
        if body.is_some() {
            request_headers.push(("content-type".into(), "application/json".into()));
        }
        let exchange = confirmspec_validator::Exchange {
            request: confirmspec_validator::Request {
                method: method.into(),
                url,
                headers: request_headers,
                body: body.map(|b| b.to_string().into_bytes()),
                unrecorded: None,
            },
            response: Some(confirmspec_validator::Response {
                status,
                headers: content_type
                    .map(|t| vec![("content-type".to_owned(), t)])
                    .unwrap_or_default(),
                body: Some(answer.to_vec()),
                unrecorded: None,
            }),
        };
        let report = validator.validate(&exchange);
        assert_eq!(
            report.verdict,
            Verdict::Conforming,
            "{path}: {:?}",
            report.violations
        );
    }
    // Not documented: not answered as if it were.
    let response = http
        .get(format!("{}{base}/gift-shop", server.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 404);
    assert_eq!(server.replaced_answers(), 0);
}

/// A 3.1 document of our own, for what the real ones above do not use between them: type lists
/// with `null`, `const`, `prefixItems`, `unevaluatedProperties`, and a form body whose
/// confirmation code is `format: password`.
const OWN_3_1: &str = r##"
openapi: 3.1.0
info: {title: payments, version: "1"}
paths:
  /payments/{id}/confirm:
    post:
      operationId: confirm
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [code]
              properties:
                code: {type: string, format: password, pattern: "^[0-9]{6}$"}
                attempt: {type: integer, minimum: 1}
      responses:
        "200":
          description: confirmed
          content:
            application/json:
              schema:
                type: object
                unevaluatedProperties: false
                required: [status, payer, window]
                properties:
                  status: {const: confirmed}
                  payer: {type: [string, "null"]}
                  window: {type: array, prefixItems: [{type: integer}, {type: string}], items: false}
"##;

fn own_exchange(body: &str, response: Value) -> confirmspec_validator::Exchange {
    confirmspec_validator::Exchange {
        request: confirmspec_validator::Request {
            method: "POST".into(),
            url: "https://pay.example/payments/p1/confirm".into(),
            headers: vec![(
                "Content-Type".into(),
                "application/x-www-form-urlencoded".into(),
            )],
            body: Some(body.as_bytes().to_vec()),
            unrecorded: None,
        },
        response: Some(confirmspec_validator::Response {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: Some(response.to_string().into_bytes()),
            unrecorded: None,
        }),
    }
}

#[test]
fn json_schema_2020_keywords_of_a_3_1_document_are_checked() {
    let spec = Spec::from_text("payments", Path::new("payments.yaml"), OWN_3_1).unwrap();
    let validator = Validator::new(vec![spec], Options::default()).unwrap();
    let fine = json!({"status": "confirmed", "payer": null, "window": [30, "s"]});
    let report = validator.validate(&own_exchange("code=483920&attempt=1", fine.clone()));
    assert_eq!(
        report.verdict,
        Verdict::Conforming,
        "{:?}",
        report.violations
    );
    for (response, pointer, rule) in [
        // `const: c` is read as `enum: [c]`, so it is reported as an enum.
        (
            json!({"status": "pending", "payer": null, "window": [30, "s"]}),
            "/status",
            "enum",
        ),
        (
            json!({"status": "confirmed", "payer": 7, "window": [30, "s"]}),
            "/payer",
            "type",
        ),
        (
            json!({"status": "confirmed", "payer": null, "window": ["30", "s"]}),
            "/window/0",
            "type",
        ),
        (
            json!({"status": "confirmed", "payer": null, "window": [30, "s", 1]}),
            "/window/2",
            "items",
        ),
        (
            json!({"status": "confirmed", "payer": null, "window": [30, "s"], "extra": 1}),
            "",
            "unevaluatedProperties",
        ),
    ] {
        let report = validator.validate(&own_exchange("code=483920", response.clone()));
        let found: Vec<_> = report
            .violations
            .iter()
            .map(|v| {
                (
                    v.location.to_string(),
                    v.pointer.clone(),
                    v.keyword.to_string(),
                )
            })
            .collect();
        let wanted = (
            "response.body".to_owned(),
            Some(pointer.to_owned()),
            rule.to_owned(),
        );
        assert!(found.contains(&wanted), "{response}: {found:?}");
    }
}

#[test]
fn a_form_body_code_is_checked_and_never_shown() {
    let spec = Spec::from_text("payments", Path::new("payments.yaml"), OWN_3_1).unwrap();
    let validator = Validator::new(vec![spec], Options::default()).unwrap();
    let fine = json!({"status": "confirmed", "payer": null, "window": [30, "s"]});
    // A code that breaks its pattern: the violation is at /code, its value never in the message.
    let exchange = own_exchange("code=48392X&attempt=0", fine);
    let report = validator.validate(&exchange);
    let code = report
        .violations
        .iter()
        .find(|v| v.pointer.as_deref() == Some("/code"))
        .unwrap_or_else(|| panic!("{:?}", report.violations));
    assert_eq!(code.keyword.as_str(), "pattern");
    assert!(!code.message.contains("48392X"), "{}", code.message);
    assert!(
        report
            .violations
            .iter()
            .any(|v| v.pointer.as_deref() == Some("/attempt") && v.keyword.as_str() == "minimum")
    );
    // A recording of the exchange keeps the form, with the code masked.
    let redacted = validator.redacted(&exchange);
    let body = String::from_utf8(redacted.request.body.unwrap()).unwrap();
    assert_eq!(body, "code=***&attempt=0");
}

/// The exchanges of `exchanges.jsonl` written for `spec`, as a capture of their own.
fn exchanges_of(scratch: &crate::cli::Scratch, spec: &str) -> std::path::PathBuf {
    let text = std::fs::read_to_string(EXCHANGES).unwrap();
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(&format!("\"spec\": \"{spec}\"")))
        .collect();
    assert!(lines.len() >= 4, "{spec}: {} exchanges", lines.len());
    let name = Path::new(spec).file_name().unwrap().to_str().unwrap();
    scratch.file(&format!("{name}.jsonl"), lines.join("\n") + "\n")
}

#[test]
fn a_defect_of_one_schema_costs_its_keyword_with_a_warning_not_the_document() {
    let scratch = crate::cli::Scratch::new("spec-defects");
    for (spec, defects) in [
        (
            "tests/data/versions/defects-2.0.yaml",
            &[
                (
                    "/definitions/conversation_response/properties/position/items",
                    "`items` is a list of schemas (JSON Schema draft 4's tuple form); read as `prefixItems`",
                ),
                (
                    "/definitions/objs_conversation/items",
                    "`items` is a list of schemas (JSON Schema draft 4's tuple form); read as `prefixItems`",
                ),
            ][..],
        ),
        (
            "tests/data/versions/defects-3.1.json",
            &[
                (
                    "/components/schemas/Element/properties/element_id/pattern",
                    "the pattern \"^e[0-9+$\" is not a regular expression the validator can \
                     compile; left out",
                ),
                (
                    "/components/schemas/Element/properties/type/required",
                    "`required` must be a list of property names; left out",
                ),
                (
                    "/components/schemas/partition_parameters/properties/files/required",
                    "`required` must be a list of property names; left out",
                ),
            ][..],
        ),
    ] {
        let capture = exchanges_of(&scratch, spec);
        let ran = crate::cli::run(
            crate::cli::confirmspec()
                .args(["validate", "--format", "json", "--spec", spec])
                .arg(&capture),
        );
        // Every exchange got its verdict (the expected ones: `every_exchange_gets_...`).
        assert_eq!(ran.code, 1, "{spec}: {}", ran.stderr);
        let report: Value = serde_json::from_str(&ran.stdout).unwrap();
        assert_eq!(report["summary"]["unmatched"], 0, "{spec}");
        assert_eq!(report["summary"]["unreadable"], 0, "{spec}");
        assert!(
            report["summary"]["violating"].as_u64().unwrap() >= 2,
            "{spec}"
        );
        assert!(!ran.stdout.contains("cannot be used"), "{spec}");

        // One warning per defect, with the file, the line and the pointer, once in the run.
        let source = std::fs::read_to_string(spec).unwrap();
        let warnings: Vec<&str> = ran.stderr.lines().collect();
        assert_eq!(warnings.len(), defects.len(), "{spec}: {}", ran.stderr);
        for (warning, (pointer, problem)) in warnings.iter().zip(defects) {
            let rest = warning
                .strip_prefix(&format!("confirmspec: warning: {spec}:"))
                .unwrap_or_else(|| panic!("{warning}"));
            let (line, rest) = rest.split_once(": ").unwrap();
            let line: usize = line.parse().unwrap();
            assert_eq!(rest, format!("{pointer}: {problem}"), "{warning}");
            // The line is the keyword's own.
            let at = source.lines().nth(line - 1).unwrap();
            let keyword = pointer.rsplit('/').next().unwrap();
            assert!(at.contains(keyword), "{warning}: line {line} is {at:?}");
        }

        // --strict-spec keeps the refusal: the first defect, where it is, and exit 2.
        let ran = crate::cli::run(
            crate::cli::confirmspec()
                .args(["validate", "--strict-spec", "--spec", spec])
                .arg(&capture),
        );
        assert_eq!(ran.code, 2, "{spec}: {}", ran.stderr);
        let (pointer, ..) = defects
            .iter()
            .find(|(p, ..)| ran.stderr.contains(p))
            .unwrap_or_else(|| panic!("{spec}: {}", ran.stderr));
        assert!(
            ran.stderr
                .starts_with(&format!("confirmspec: error: {spec}:")),
            "{}",
            ran.stderr
        );
        assert!(
            ran.stderr.contains(&format!("schema at {pointer}: ")),
            "{}",
            ran.stderr
        );
    }
}
