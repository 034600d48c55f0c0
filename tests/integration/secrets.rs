//! No secret leaves: captures full of credentials and confirmation codes, read in every output
//! format, checked as standalone payloads, and sent through the proxy (its report, its HAR
//! recording, its 422 answers), never show one of them.
//!
//! Every credential and code of the demo capture is replaced by a value of its own, the same
//! JSON type as before (a code sent as a number stays a number), so a leak names the exchange.

use std::time::Duration;

use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::cli::{Scratch, confirmspec, run};
use crate::proxy::Running;
use confirmspec_validator::proxy::Config;

/// Headers whose values are credentials, and body fields the specs mark `format: password`.
const CREDENTIAL_HEADERS: [&str; 3] = ["authorization", "api-key", "client-secret"];
const SECRET_FIELDS: [&str; 4] = ["code", "verifyCode", "pan", "expiry"];

/// The demo capture's exchanges, and two more `pay` requests, with secrets of their own.
struct Capture {
    exchanges: Vec<Value>,
    secrets: Vec<String>,
}

impl Capture {
    fn new() -> Capture {
        let demo = std::fs::read_to_string(crate::root().join("samples/demo.jsonl")).unwrap();
        let mut exchanges: Vec<Value> = demo
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let pay = "https://api.invoicebox.ru/v3/billing/api/order/ffffffff-ffff-ffff-ffff-ffffffffffff/payment-method-action/pay";
        for code in [json!(1), json!("x")] {
            exchanges.push(json!({"request": {
                "method": "POST", "url": pay,
                "headers": [["Authorization", "Bearer t"], ["Content-Type", "application/json"], ["User-Agent", "a/1"]],
                "body": {"paymentMethodId": "39363265", "customer": {"name": "P"},
                         "customerPaymentData": {"publicCode": 7, "code": code}}},
                "response": {"status": 200, "headers": [["Content-Type", "application/json"]],
                             "body": {"data": {"code": code}}}}));
        }
        let mut capture = Capture {
            exchanges: Vec::new(),
            secrets: Vec::new(),
        };
        for (i, mut exchange) in exchanges.into_iter().enumerate() {
            capture.plant(i, &mut exchange["request"]);
            capture.exchanges.push(exchange);
        }
        assert!(capture.secrets.len() > 40, "{:?}", capture.secrets);
        capture
    }

    /// Gives a message's credentials and secret fields values nobody else has.
    fn plant(&mut self, i: usize, request: &mut Value) {
        for header in request["headers"].as_array_mut().unwrap() {
            let name = header[0].as_str().unwrap().to_ascii_lowercase();
            if CREDENTIAL_HEADERS.contains(&name.as_str()) {
                let secret = format!("cred{i:02}SECRETqz");
                self.secrets.push(secret.clone());
                header[1] = json!(if name == "authorization" {
                    format!("Bearer {secret}")
                } else {
                    secret
                });
            }
        }
        self.plant_fields(i, &mut request["body"]);
    }

    fn plant_fields(&mut self, i: usize, value: &mut Value) {
        match value {
            Value::Object(map) => {
                for (key, field) in map.iter_mut() {
                    if SECRET_FIELDS.contains(&key.as_str()) && !field.is_object() {
                        let n = self.secrets.len();
                        let digits = 97_530_000 + (i * 100 + n) as u64;
                        self.secrets.push(digits.to_string());
                        *field = if field.is_number() {
                            json!(digits)
                        } else {
                            json!(digits.to_string())
                        };
                    } else {
                        self.plant_fields(i, field);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.plant_fields(i, v)),
            _ => {}
        }
    }

    fn jsonl(&self) -> String {
        self.exchanges.iter().map(|e| format!("{e}\n")).collect()
    }

    /// The same exchanges as a HAR file, as a browser would record them.
    fn har(&self) -> String {
        let pairs = |headers: &Value| -> Value {
            headers
                .as_array()
                .unwrap()
                .iter()
                .map(|h| json!({"name": h[0], "value": h[1]}))
                .collect()
        };
        let entries: Vec<Value> = self
            .exchanges
            .iter()
            .map(|e| {
                let request = &e["request"];
                let response = &e["response"];
                let mut entry = json!({
                    "startedDateTime": "2026-11-22T10:00:00.000Z",
                    "request": {"method": request["method"], "url": request["url"],
                                "headers": pairs(&request["headers"])},
                    "response": {"status": response["status"], "headers": pairs(&response["headers"]),
                                 "content": {"mimeType": "application/json", "text": response["body"].to_string()}},
                });
                if !request["body"].is_null() {
                    entry["request"]["postData"] =
                        json!({"mimeType": "application/json", "text": request["body"].to_string()});
                }
                entry
            })
            .collect();
        json!({"log": {"version": "1.2", "entries": entries}}).to_string()
    }

    /// Fails naming each secret `text` shows.
    fn assert_absent(&self, what: &str, text: &str) {
        let shown: Vec<&String> = self.secrets.iter().filter(|s| text.contains(*s)).collect();
        assert!(shown.is_empty(), "{what} shows {shown:?}:\n{text}");
    }
}

#[test]
fn no_report_format_shows_a_secret() {
    let capture = Capture::new();
    let scratch = Scratch::new("secrets-formats");
    let jsonl = scratch.file("secrets.jsonl", capture.jsonl());
    let har = scratch.file("secrets.har", capture.har());
    for file in [&jsonl, &har] {
        for format in [
            "text", "json", "jsonl", "junit", "sarif", "markdown", "html", "verbose",
        ] {
            for strict in [false, true] {
                let mut command = confirmspec();
                match format {
                    "verbose" => command.args(["validate", "--verbose"]).arg(file),
                    _ => command.args(["validate", "--format", format]).arg(file),
                };
                if strict {
                    command.arg("--strict");
                }
                let ran = run(&mut command);
                assert_eq!(ran.code, 1, "{format}: {}", ran.stderr);
                let what = format!("validate --format {format} {}", file.display());
                capture.assert_absent(&what, &ran.stdout);
                capture.assert_absent(&what, &ran.stderr);
            }
        }
    }
}

#[test]
fn check_shows_no_secret_of_a_payload() {
    let capture = Capture::new();
    let scratch = Scratch::new("secrets-check");
    for (i, exchange) in capture.exchanges.iter().enumerate() {
        let body = &exchange["request"]["body"];
        if body.is_null() {
            continue;
        }
        let payload = scratch.file(&format!("{i}.json"), body.to_string());
        let operation = json!(
            run(confirmspec()
                .args(["validate", "--format", "json"])
                .arg(scratch.file(&format!("{i}.jsonl"), format!("{exchange}\n"))))
            .stdout
        );
        let report: Value = serde_json::from_str(operation.as_str().unwrap()).unwrap();
        let Some(operation) = report["exchanges"][0]["operation"].as_str() else {
            continue;
        };
        for format in ["text", "json", "sarif"] {
            let ran = run(confirmspec()
                .args([
                    "check",
                    "--format",
                    format,
                    "--request",
                    "--operation",
                    operation,
                ])
                .arg(&payload));
            let what = format!("check --format {format} --operation {operation} (exchange {i})");
            capture.assert_absent(&what, &ran.stdout);
            capture.assert_absent(&what, &ran.stderr);
        }
    }
}

#[tokio::test]
async fn the_proxys_report_recording_and_answers_show_no_secret() {
    let capture = Capture::new();
    for enforce in [false, true] {
        let upstream = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_raw(
                r#"{"status":"OK","result":{"verificationResult":"ACCEPTED"}}"#,
                "application/json",
            ))
            .mount(&upstream)
            .await;
        let base: hyper::Uri = upstream.uri().parse().unwrap();
        let proxy = Running::with(Config {
            upstreams: ["invoicebox", "yandex-market", "via"]
                .iter()
                .map(|spec| (spec.to_string(), base.clone()))
                .collect(),
            enforce,
            upstream_timeout: Duration::from_secs(5),
            ..Config::default()
        })
        .await;
        let client = reqwest::Client::new();
        let mut answers = String::new();
        for exchange in &capture.exchanges {
            let request = &exchange["request"];
            let url = request["url"].as_str().unwrap();
            let path = &url[url.find("://").unwrap() + 3..];
            let path = &path[path.find('/').unwrap()..];
            let method: reqwest::Method = request["method"].as_str().unwrap().parse().unwrap();
            let mut call = client.request(method, format!("{}{path}", proxy.url));
            for header in request["headers"].as_array().unwrap() {
                call = call.header(header[0].as_str().unwrap(), header[1].as_str().unwrap());
            }
            if !request["body"].is_null() {
                call = call.body(request["body"].to_string());
            }
            let answer = call.send().await.unwrap();
            let refused = answer.status() == 422;
            let text = answer.text().await.unwrap();
            if refused {
                answers.push_str(&text);
            }
        }
        let (summary, report, _, recording) = proxy.stop_and_record().await;
        assert_eq!(summary.exchanges, capture.exchanges.len(), "{report}");
        if enforce {
            assert!(!answers.is_empty(), "some requests are refused");
            capture.assert_absent("the proxy's 422 answers", &answers);
        }
        capture.assert_absent("the proxy's report", &report);
        capture.assert_absent(
            "the proxy's recording",
            &String::from_utf8(recording).unwrap(),
        );
    }
}

#[test]
fn a_secret_is_redacted_however_its_key_is_spelt_and_a_body_without_one_is_kept_as_it_is() {
    use confirmspec_validator::{Exchange, Options, Request, Response, Validator};
    let validator = Validator::new(confirmspec::bundled_specs(), Options::default()).unwrap();
    let exchange = |body: &str| Exchange {
        request: Request {
            method: "PUT".into(),
            url: "/campaigns/1/orders/2/verifyEac".into(),
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: Some(body.as_bytes().to_vec()),
            unrecorded: None,
        },
        response: Some(Response {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: Some(
                br#"{"status": "OK", "result": {"verificationResult": "ACCEPTED"}}"#.to_vec(),
            ),
            unrecorded: None,
        }),
    };
    for body in [r#"{"code": "SECRET1"}"#, r#"{"co\u0064e": "SECRET1"}"#] {
        let redacted = validator.redacted(&exchange(body));
        let text = String::from_utf8(redacted.request.body.unwrap()).unwrap();
        assert!(!text.contains("SECRET1"), "{body} -> {text}");
    }
    // A body with no secret's name in it is not rewritten: byte for byte as it came.
    let redacted = validator.redacted(&exchange(r#"{"code": "SECRET1"}"#));
    assert_eq!(
        redacted.response.unwrap().body.unwrap(),
        br#"{"status": "OK", "result": {"verificationResult": "ACCEPTED"}}"#.to_vec()
    );
}
