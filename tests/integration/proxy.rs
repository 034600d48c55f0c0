//! The validating proxy between clients and a real upstream on 127.0.0.1 (wiremock): the
//! client gets the upstream's bytes, violations are reported with their locations, `enforce`
//! refuses what breaks the spec, and upstream faults become 502 and 504.

use std::io::{self, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use confirmspec::yandex_market;
use confirmspec_validator::Summary;
use confirmspec_validator::proxy::{Config, serve};
use confirmspec_validator::{Options, Validator};

use crate::cli::{Scratch, confirmspec, json, run};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub(crate) const KEY: &str = "proxy-test-api-key-5f1c";
pub(crate) const ROUTE: &str = "/campaigns/21004300/orders/4568001/verifyEac";
pub(crate) const BROKEN_ROUTE: &str = "/campaigns/21004300/orders/4568002/verifyEac";

/// The report, written by the proxy's report thread and read by the test.
#[derive(Clone, Default)]
pub(crate) struct Shared(Arc<Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub(crate) struct Running {
    pub(crate) url: String,
    pub(crate) stop: oneshot::Sender<()>,
    pub(crate) done: tokio::task::JoinHandle<io::Result<Summary>>,
    pub(crate) report: Shared,
    pub(crate) recording: Shared,
}

impl Running {
    pub(crate) async fn start(
        upstream: &str,
        enforce: bool,
        upstream_timeout: Duration,
    ) -> Running {
        Running::with(Config {
            upstreams: vec![("yandex-market".into(), upstream.parse().unwrap())],
            enforce,
            upstream_timeout,
            ..Config::default()
        })
        .await
    }

    pub(crate) async fn with(config: Config) -> Running {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = oneshot::channel::<()>();
        let report = Shared::default();
        let recording = Shared::default();
        let validator = Validator::new(confirmspec::bundled_specs(), Options::default()).unwrap();
        let record: Box<dyn Write + Send> = Box::new(recording.clone());
        let done = tokio::spawn(serve(
            listener,
            validator,
            config,
            report.clone(),
            Some(record),
            async {
                let _ = stopped.await;
            },
        ));
        Running {
            url,
            stop,
            done,
            report,
            recording,
        }
    }

    /// Stops the proxy (it finishes what is in flight) and reads its report.
    pub(crate) async fn stop(self) -> (Summary, String, Vec<Value>) {
        let (summary, text, lines, _) = self.stop_and_record().await;
        (summary, text, lines)
    }

    /// Stops the proxy, and reads its report and its HAR recording.
    pub(crate) async fn stop_and_record(self) -> (Summary, String, Vec<Value>, Vec<u8>) {
        self.stop.send(()).unwrap();
        let summary = self.done.await.unwrap().expect("the proxy stops cleanly");
        let recording = self.recording.0.lock().unwrap().clone();
        let text = String::from_utf8(self.report.0.lock().unwrap().clone()).unwrap();
        let lines = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect();
        (summary, text, lines, recording)
    }
}

pub(crate) async fn put(url: &str, body: &str) -> reqwest::Response {
    reqwest::Client::new()
        .put(url)
        .header("Api-Key", KEY)
        .header("Content-Type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn clients_get_the_upstreams_bytes_and_violations_are_reported_with_their_place() {
    let upstream = MockServer::start().await;
    // Bytes as a server writes them: key order, spacing and a header of its own kept.
    let good = r#"{"status":"OK",  "result":{"attemptsLeft":2,"verificationResult":"ACCEPTED"}}"#;
    let broken = r#"{"status":"OK","result":{"verificationResult":"MAYBE"}}"#;
    for (route, body) in [(ROUTE, good), (BROKEN_ROUTE, broken)] {
        Mock::given(method("PUT"))
            .and(path(route))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("X-Upstream", "wiremock")
                    .set_body_raw(body, "application/json"),
            )
            .mount(&upstream)
            .await;
    }
    let proxy = Running::start(&upstream.uri(), false, Duration::from_secs(5)).await;

    // The generated client, pointed at the proxy, works as against the upstream.
    let client = yandex_market::Client::builder(yandex_market::Auth::ApiKey(KEY.into()))
        .base_url(&proxy.url)
        .build()
        .unwrap();
    let answer = client
        .verify_order_eac(
            21_004_300,
            4_568_001,
            yandex_market::types::VerifyOrderEacRequest {
                code: Some("4711".into()),
            },
        )
        .await
        .expect("the call succeeds through the proxy");
    assert_eq!(answer.result.unwrap().attempts_left, Some(2));

    // Byte for byte, with the upstream's own header.
    let direct = put(&format!("{}{ROUTE}", upstream.uri()), r#"{"code": "4711"}"#).await;
    let proxied = put(&format!("{}{ROUTE}", proxy.url), r#"{"code": "4711"}"#).await;
    assert_eq!(proxied.status(), direct.status());
    assert_eq!(proxied.headers()["x-upstream"], "wiremock");
    assert_eq!(
        proxied.headers()["content-type"],
        direct.headers()["content-type"]
    );
    assert_eq!(proxied.bytes().await.unwrap(), good.as_bytes());

    let broken_answer = put(
        &format!("{}{BROKEN_ROUTE}", proxy.url),
        r#"{"code": "4711"}"#,
    )
    .await;
    assert_eq!(broken_answer.bytes().await.unwrap(), broken.as_bytes());

    let (summary, text, lines, recording) = proxy.stop_and_record().await;
    assert_eq!(summary.exchanges, 3, "{text}");
    assert_eq!((summary.conforming, summary.violating), (2, 1), "{text}");
    let ids: Vec<u64> = lines.iter().map(|l| l["id"].as_u64().unwrap()).collect();
    assert_eq!(ids.len(), 3);
    let violating = lines
        .iter()
        .find(|l| l["verdict"] == "violating")
        .expect("the broken response is reported");
    assert_eq!(violating["operation"], "verifyOrderEac");
    let violation = &violating["violations"][0];
    assert_eq!(violation["location"], "response.body");
    assert_eq!(violation["pointer"], "/result/verificationResult");
    assert_eq!(violation["keyword"], "enum");
    assert!(violation["spec_line"].as_u64().is_some());
    assert!(violating["time"].as_str().unwrap().ends_with('Z'));
    assert!(!text.contains(KEY), "the report shows the API key");
    assert!(
        !text.contains("4711"),
        "the report shows the confirmation code"
    );

    // The recording keeps the headers' names, not the secrets, and `validate` reads it back
    // to the same verdicts.
    let har = String::from_utf8(recording).unwrap();
    assert!(!har.contains(KEY) && !har.contains("4711"), "{har}");
    assert!(har.to_ascii_lowercase().contains("\"api-key\""), "{har}");
    let scratch = Scratch::new("proxy-recording");
    let file = scratch.file("proxy.har", &har);
    let read_back = json(&run(confirmspec()
        .args(["validate", "--format", "json"])
        .arg(&file)));
    let verdicts = |list: Vec<&Value>| -> Vec<String> {
        list.iter()
            .map(|e| e["verdict"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        verdicts(read_back["exchanges"].as_array().unwrap().iter().collect()),
        verdicts(lines.iter().collect()),
        "{har}"
    );
}

/// The report's lines so far, waiting up to 10 s for there to be `count`.
pub(crate) async fn report_lines(proxy: &Running, count: usize) -> usize {
    for _ in 0..1000 {
        let lines = proxy
            .report
            .0
            .lock()
            .unwrap()
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        if lines >= count {
            return lines;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("the report never reached {count} lines");
}

#[tokio::test]
async fn a_report_too_far_behind_lets_bodies_go_unchecked_but_forwards_and_reports_them() {
    let upstream = MockServer::start().await;
    let broken = r#"{"status":"OK","result":{"verificationResult":"MAYBE"}}"#;
    Mock::given(method("PUT"))
        .and(path(BROKEN_ROUTE))
        .respond_with(ResponseTemplate::new(200).set_body_raw(broken, "application/json"))
        .mount(&upstream)
        .await;
    let request = r#"{"code": "4711"}"#;
    // Room for the bodies of one exchange, and one byte less.
    let one = request.len() + broken.len();
    for (max_backlog, kept) in [(one, true), (one - 1, false)] {
        let proxy = Running::with(Config {
            upstreams: vec![("yandex-market".into(), upstream.uri().parse().unwrap())],
            max_backlog,
            ..Config::default()
        })
        .await;
        // One at a time, each once the last is in the report: with room for one exchange,
        // each finds the backlog empty again.
        for n in 1..=3 {
            let answer = put(&format!("{}{BROKEN_ROUTE}", proxy.url), request).await;
            assert_eq!(answer.status(), 200);
            assert_eq!(answer.bytes().await.unwrap(), broken.as_bytes());
            report_lines(&proxy, n).await;
        }
        let (summary, text, lines, recording) = proxy.stop_and_record().await;
        assert_eq!(summary.exchanges, 3, "{text}");
        for line in &lines {
            let keywords: Vec<&str> = line["violations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v["keyword"].as_str().unwrap())
                .collect();
            if kept {
                assert_eq!(line["verdict"], "violating", "{text}");
                assert_eq!(keywords, ["enum"], "{text}");
            } else {
                // Both bodies let go, each said so; the exchange still reported.
                assert_eq!(keywords, ["unrecorded", "unrecorded"], "{text}");
                assert!(
                    text.contains("too far behind to keep the body (16 bytes)"),
                    "{text}"
                );
                assert_eq!(line["operation"], "verifyOrderEac");
            }
        }
        if !kept {
            // The recording says the bodies were there, and `validate` reads it so.
            let har = String::from_utf8(recording).unwrap();
            assert!(!har.contains("MAYBE"), "{har}");
            let scratch = Scratch::new("proxy-shed");
            let file = scratch.file("proxy.har", &har);
            let read_back = json(&run(confirmspec()
                .args(["validate", "--format", "json"])
                .arg(&file)));
            let violations = &read_back["exchanges"][0]["violations"];
            assert_eq!(violations[0]["keyword"], "unrecorded", "{read_back}");
            assert_eq!(violations[1]["keyword"], "unrecorded", "{read_back}");
        }
    }
}

/// An upstream the test expects no request to reach (`verify` checks it).
pub(crate) async fn untouched_upstream() -> MockServer {
    let upstream = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&upstream)
        .await;
    upstream
}

#[tokio::test]
async fn enforce_answers_422_and_never_forwards() {
    let upstream = untouched_upstream().await;
    let proxy = Running::start(&upstream.uri(), true, Duration::from_secs(5)).await;

    // The code must be a string.
    let refused = put(&format!("{}{ROUTE}", proxy.url), r#"{"code": 4711}"#).await;
    assert_eq!(refused.status(), 422);
    assert_eq!(
        refused.headers()["content-type"],
        "application/problem+json"
    );
    let problem: Value = refused.json().await.unwrap();
    assert_eq!(problem["status"], 422);
    assert_eq!(problem["violations"][0]["keyword"], "type");
    assert_eq!(problem["violations"][0]["pointer"], "/code");

    let (summary, text, lines) = proxy.stop().await;
    assert_eq!(summary.violating, 1);
    assert_eq!(lines[0]["refused"], true);
    assert!(!text.contains(KEY));
    upstream.verify().await;
}

#[tokio::test]
async fn a_refusal_is_reported_with_its_violations_though_its_body_could_not_be_kept() {
    let upstream = untouched_upstream().await;
    // No room for any body: past the backlog, a refused request's line still gives what it
    // was refused for, as its 422 does.
    let proxy = Running::with(Config {
        upstreams: vec![("yandex-market".into(), upstream.uri().parse().unwrap())],
        enforce: true,
        max_backlog: 1,
        ..Config::default()
    })
    .await;
    let refused = put(&format!("{}{ROUTE}", proxy.url), r#"{"code": 4711}"#).await;
    assert_eq!(refused.status(), 422);

    let (summary, text, lines) = proxy.stop().await;
    assert_eq!(summary.violating, 1, "{text}");
    assert_eq!(lines[0]["refused"], true, "{text}");
    assert_eq!(lines[0]["violations"][0]["keyword"], "type", "{text}");
    assert_eq!(lines[0]["violations"][0]["pointer"], "/code", "{text}");
    assert!(!text.contains("unrecorded"), "{text}");
    upstream.verify().await;
}

#[tokio::test]
async fn unmatched_requests_are_forwarded_and_reported() {
    let upstream = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/somewhere"))
        .respond_with(ResponseTemplate::new(203).set_body_string("elsewhere"))
        .expect(1)
        .mount(&upstream)
        .await;
    let proxy = Running::start(&upstream.uri(), true, Duration::from_secs(5)).await;
    let answer = reqwest::get(format!("{}/v2/somewhere", proxy.url))
        .await
        .unwrap();
    assert_eq!(answer.status(), 203);
    assert_eq!(answer.text().await.unwrap(), "elsewhere");
    let (summary, _, lines) = proxy.stop().await;
    assert_eq!(summary.unmatched, 1);
    assert_eq!(lines[0]["verdict"], "unmatched");
    upstream.verify().await;
}

#[tokio::test]
async fn a_refused_upstream_is_502_and_a_slow_one_504() {
    // A port nothing listens on any more.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let proxy = Running::start(
        &format!("http://127.0.0.1:{port}"),
        false,
        Duration::from_secs(5),
    )
    .await;
    let answer = put(&format!("{}{ROUTE}", proxy.url), r#"{"code": "4711"}"#).await;
    assert_eq!(answer.status(), 502);
    assert_eq!(answer.headers()["content-type"], "application/problem+json");
    let problem: Value = answer.json().await.unwrap();
    assert!(
        problem["detail"].as_str().unwrap().contains("127.0.0.1"),
        "{problem}"
    );
    let (_, _, lines) = proxy.stop().await;
    assert!(lines[0]["fault"].as_str().is_some(), "{:?}", lines[0]);

    let slow = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"status": "OK"}))
                .set_delay(Duration::from_secs(3)),
        )
        .mount(&slow)
        .await;
    let proxy = Running::start(&slow.uri(), false, Duration::from_millis(200)).await;
    let answer = put(&format!("{}{ROUTE}", proxy.url), r#"{"code": "4711"}"#).await;
    assert_eq!(answer.status(), 504);
    // The proxy goes on serving others.
    let again = put(&format!("{}{ROUTE}", proxy.url), r#"{"code": "4711"}"#).await;
    assert_eq!(again.status(), 504);
    let (summary, _, lines) = proxy.stop().await;
    assert_eq!(summary.exchanges, 2);
    assert!(
        lines[0]["fault"]
            .as_str()
            .unwrap()
            .contains("did not answer within")
    );
}
