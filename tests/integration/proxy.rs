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

const KEY: &str = "proxy-test-api-key-5f1c";
const ROUTE: &str = "/campaigns/21004300/orders/4568001/verifyEac";
const BROKEN_ROUTE: &str = "/campaigns/21004300/orders/4568002/verifyEac";

/// The report, written by the proxy's report thread and read by the test.
#[derive(Clone, Default)]
struct Shared(Arc<Mutex<Vec<u8>>>);

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
    stop: oneshot::Sender<()>,
    done: tokio::task::JoinHandle<io::Result<Summary>>,
    report: Shared,
    recording: Shared,
}

impl Running {
    async fn start(upstream: &str, enforce: bool, upstream_timeout: Duration) -> Running {
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
    async fn stop(self) -> (Summary, String, Vec<Value>) {
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

async fn put(url: &str, body: &str) -> reqwest::Response {
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
async fn report_lines(proxy: &Running, count: usize) -> usize {
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
async fn untouched_upstream() -> MockServer {
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

/// The documented verifyOrderEac request with its credential, as raw HTTP/1.1 with the
/// `Connection` header given.
#[cfg(unix)]
fn raw_put(address: std::net::SocketAddr, connection: &str) -> String {
    format!(
        "PUT {ROUTE} HTTP/1.1\r\nHost: {address}\r\nApi-Key: {KEY}\r\nContent-Type: application/json\r\nContent-Length: 16\r\nConnection: {connection}\r\n\r\n{{\"code\": \"4711\"}}"
    )
}

/// The command as a user runs it: it says where it listens, and on SIGTERM it stops, its
/// report and its HAR recording complete.
#[cfg(unix)]
#[test]
fn the_command_stops_on_sigterm_with_its_report_and_recording_complete() {
    use std::io::Read;

    let scratch = Scratch::new("proxy-command");
    let report = scratch.0.join("report.jsonl");
    let record = scratch.0.join("traffic.har");
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    // One forwarding thread: the smallest runtime serves and stops as the default does.
    let proxy = ProxyProcess::start([
        "--threads".into(),
        "1".into(),
        "--upstream".into(),
        format!("yandex-market=http://127.0.0.1:{port}").into(),
        "--report".into(),
        report.clone().into_os_string(),
        "--record".into(),
        record.clone().into_os_string(),
    ]);
    let address = proxy.address;

    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .write_all(raw_put(address, "close").as_bytes())
        .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 502"), "{answer}");

    let (status, rest) = proxy.terminate();
    assert!(status.success(), "{status}: {rest}");
    assert!(rest.contains("stopped: 1 exchanges"), "{rest}");

    let lines = std::fs::read_to_string(&report).unwrap();
    assert_eq!(lines.lines().count(), 1, "{lines}");
    let har: Value = serde_json::from_str(&std::fs::read_to_string(&record).unwrap()).unwrap();
    assert_eq!(har["log"]["entries"].as_array().unwrap().len(), 1);
    for text in [&lines, &har.to_string()] {
        assert!(!text.contains(KEY) && !text.contains("4711"), "{text}");
    }
}

/// A SIGTERM sent as soon as the command says it listens (a supervisor that changes its mind)
/// stops it gracefully, with its report written, not by the signal's default action.
#[cfg(unix)]
#[test]
fn a_sigterm_right_after_start_is_a_graceful_stop() {
    let scratch = Scratch::new("proxy-early-sigterm");
    let report = scratch.0.join("report.jsonl");
    for _ in 0..5 {
        let proxy = ProxyProcess::start([
            "--upstream".into(),
            "yandex-market=http://127.0.0.1:9".into(),
            "--report".into(),
            report.clone().into_os_string(),
        ]);
        let (status, rest) = proxy.terminate();
        assert!(status.success(), "{status}: {rest}");
        assert!(rest.contains("stopped: 0 exchanges"), "{rest}");
        assert!(report.exists());
    }
}

/// With several forwarding threads, each listening on the same port, every connection is
/// served and every exchange lands in the one report, with an id of its own.
#[cfg(unix)]
#[test]
fn the_command_serves_many_connections_on_several_threads_into_one_report() {
    use std::io::Read;

    let scratch = Scratch::new("proxy-threads");
    let report = scratch.0.join("report.jsonl");
    let proxy = ProxyProcess::start([
        "--threads",
        "4",
        "--upstream",
        "yandex-market=http://127.0.0.1:9",
        "--report",
        report.to_str().unwrap(),
    ]);
    let address = proxy.address;
    let clients: Vec<_> = (0..24)
        .map(|_| {
            std::thread::spawn(move || {
                let mut stream = std::net::TcpStream::connect(address).unwrap();
                for connection in ["keep-alive", "close"] {
                    stream
                        .write_all(raw_put(address, connection).as_bytes())
                        .unwrap();
                }
                let mut answers = String::new();
                stream.read_to_string(&mut answers).unwrap();
                answers.matches("HTTP/1.1 502").count()
            })
        })
        .collect();
    let answered: usize = clients.into_iter().map(|c| c.join().unwrap()).sum();
    assert_eq!(answered, 48);

    let (status, rest) = proxy.terminate();
    assert!(status.success(), "{status}: {rest}");
    assert!(rest.contains("stopped: 48 exchanges"), "{rest}");
    let text = std::fs::read_to_string(&report).unwrap();
    let mut ids: Vec<u64> = text
        .lines()
        .map(|line| {
            serde_json::from_str::<Value>(line).unwrap()["id"]
                .as_u64()
                .unwrap()
        })
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, (0..48).collect::<Vec<u64>>(), "{text}");
}

/// A port another process listens on is an error, not shared, even when that process is
/// another proxy, whose sockets allow sharing among its own threads.
#[cfg(unix)]
#[test]
fn the_command_refuses_a_port_in_use() {
    let first = ProxyProcess::start(["--upstream", "yandex-market=http://127.0.0.1:9"]);
    let address = first.address.to_string();
    let mut second = std::process::Command::new(assert_cmd::cargo::cargo_bin("confirmspec"))
        .args(["proxy", "--listen", &address])
        .args(["--upstream", "yandex-market=http://127.0.0.1:9"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // One that shares the port serves until stopped: it is given some seconds to fail.
    let started = std::time::Instant::now();
    while second.try_wait().unwrap().is_none() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(50));
    }
    if second.try_wait().unwrap().is_none() {
        second.kill().unwrap();
        panic!("a second proxy listens on {address} too");
    }
    let output = second.wait_with_output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("cannot listen on {address}")),
        "{stderr}"
    );
    let (status, rest) = first.terminate();
    assert!(status.success(), "{status}: {rest}");
}

/// An upstream that sends its head and part of its body, then hangs up.
async fn breaking_upstream() -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let mut head = vec![0; 4096];
            let _ = stream.read(&mut head).await;
            let _ = stream
                .write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"status\": \"OK\", ",
                )
                .await;
            let _ = stream.flush().await;
            // Dropped: the connection closes 983 bytes short.
        }
    });
    url
}

#[tokio::test]
async fn an_upstream_that_breaks_off_mid_body_cuts_the_clients_body_and_is_reported() {
    let upstream = breaking_upstream().await;
    let proxy = Running::start(&upstream, false, Duration::from_secs(5)).await;
    let answer = put(&format!("{}{ROUTE}", proxy.url), r#"{"code": "4711"}"#).await;
    assert_eq!(answer.status(), 200, "the head had gone before the break");
    assert!(
        answer.bytes().await.is_err(),
        "the client sees its body cut short"
    );
    let (summary, text, lines) = proxy.stop().await;
    assert_eq!(summary.exchanges, 1, "{text}");
    let fault = lines[0]["fault"].as_str().unwrap_or_default();
    assert!(
        fault.contains("broke off") || fault.contains("went away"),
        "{text}"
    );
}

#[tokio::test]
async fn a_client_that_leaves_before_the_answer_still_gets_its_exchange_reported() {
    use tokio::io::AsyncWriteExt;
    let upstream = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"status": "OK", "result": {"verificationResult": "ACCEPTED", "attemptsLeft": 2}}))
                .set_delay(Duration::from_millis(500)),
        )
        .expect(1)
        .mount(&upstream)
        .await;
    let proxy = Running::start(&upstream.uri(), false, Duration::from_secs(5)).await;
    let address = proxy.url.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
    let body = r#"{"code": "4711"}"#;
    stream
        .write_all(
            format!(
                "PUT {ROUTE} HTTP/1.1\r\nHost: {address}\r\nApi-Key: {KEY}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )
            .as_bytes(),
        )
        .await
        .unwrap();
    // Gone while the upstream takes its time, with a reset (a close could pass for a client
    // that only shut its side): the payment may be confirmed all the same, and the report
    // says what the upstream answered.
    tokio::time::sleep(Duration::from_millis(100)).await;
    stream.set_zero_linger().unwrap();
    drop(stream);
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let (summary, text, lines) = proxy.stop().await;
    assert_eq!(summary.exchanges, 1, "{text}");
    assert_eq!(lines[0]["status"], 200, "{text}");
    assert_eq!(lines[0]["verdict"], "conforming", "{text}");
    upstream.verify().await;
}

#[tokio::test]
async fn a_client_that_never_finishes_its_body_gets_408() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let upstream = untouched_upstream().await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let config = Config {
        upstreams: vec![("yandex-market".into(), upstream.uri().parse().unwrap())],
        body_timeout: Duration::from_millis(300),
        ..Config::default()
    };
    let done = tokio::spawn(serve(
        listener,
        Validator::new(confirmspec::bundled_specs(), Options::default()).unwrap(),
        config,
        Shared::default(),
        None,
        async {
            let _ = stopped.await;
        },
    ));
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    stream
        .write_all(
            format!("PUT {ROUTE} HTTP/1.1\r\nHost: {address}\r\nContent-Length: 100\r\n\r\n{{\"co")
                .as_bytes(),
        )
        .await
        .unwrap();
    let mut answer = vec![0; 4096];
    let n = tokio::time::timeout(Duration::from_secs(5), stream.read(&mut answer))
        .await
        .expect("the proxy answers without waiting for the rest")
        .unwrap();
    let answer = String::from_utf8_lossy(&answer[..n]);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    stop.send(()).unwrap();
    let summary = done.await.unwrap().unwrap();
    assert_eq!((summary.exchanges, summary.unreadable), (1, 1));
    upstream.verify().await;
}

/// An HTTPS upstream on 127.0.0.1 with a certificate of a CA made for the test; returns its
/// URL and the CA's certificate.
async fn https_upstream(
    body: &'static str,
) -> (String, rustls::pki_types::CertificateDer<'static>) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["127.0.0.1".to_owned()])
        .unwrap()
        .signed_by(&key, &Issuer::new(ca_params, ca_key))
        .unwrap();
    let server = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::aws_lc_rs::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(
        vec![leaf.der().clone()],
        rustls::pki_types::PrivateKeyDer::try_from(key.serialize_der()).unwrap(),
    )
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(server));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("https://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                // A client that refuses the certificate ends the handshake; that is all.
                let Ok(stream) = acceptor.accept(stream).await else {
                    return;
                };
                let service = hyper::service::service_fn(|_request| async {
                    let mut response =
                        hyper::Response::new(http_body_util::Full::new(bytes::Bytes::from(body)));
                    response.headers_mut().insert(
                        "content-type",
                        hyper::header::HeaderValue::from_static("application/json"),
                    );
                    Ok::<_, std::convert::Infallible>(response)
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    (url, ca.der().clone())
}

#[tokio::test]
async fn https_upstreams_are_verified_against_the_platform_and_the_given_roots() {
    let body = r#"{"status":"OK","result":{"verificationResult":"ACCEPTED","attemptsLeft":2}}"#;
    let (upstream, ca) = https_upstream(body).await;

    // Trusted through `upstream_roots` (`--upstream-ca`): the client gets the upstream's bytes.
    let proxy = Running::with(Config {
        upstreams: vec![("yandex-market".into(), upstream.parse().unwrap())],
        upstream_roots: vec![ca],
        ..Config::default()
    })
    .await;
    let answer = put(&format!("{}{ROUTE}", proxy.url), r#"{"code": "4711"}"#).await;
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.bytes().await.unwrap(), body.as_bytes());
    let (summary, text, _) = proxy.stop().await;
    assert_eq!((summary.exchanges, summary.conforming), (1, 1), "{text}");

    // Not trusted by the platform: the certificate is refused, and the client gets a 502
    // that says why.
    let proxy = Running::start(&upstream, false, Duration::from_secs(5)).await;
    let answer = put(&format!("{}{ROUTE}", proxy.url), r#"{"code": "4711"}"#).await;
    assert_eq!(answer.status(), 502);
    let problem: Value = answer.json().await.unwrap();
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .to_ascii_lowercase()
            .contains("certificate"),
        "{problem}"
    );
    proxy.stop().await;
}

/// When a raw upstream closes the connections it answered on.
#[derive(Clone, Copy)]
enum Closes {
    /// Never: it answers every request a connection brings.
    Never,
    /// After each answer, saying so with `Connection: close`.
    SayingSo,
    /// A moment after each answer, without saying so, as an upstream's idle timeout does.
    WhenIdle,
}

/// Reads one request from a raw upstream's connection, its body too (as long as its
/// `Content-Length` says): its head, or `None` once the connection has ended.
pub(crate) async fn read_request(
    stream: &mut tokio::io::BufReader<tokio::net::TcpStream>,
) -> Option<String> {
    use tokio::io::{AsyncBufReadExt, AsyncReadExt};
    let mut head = String::new();
    loop {
        let start = head.len();
        if stream.read_line(&mut head).await.ok()? == 0 {
            return None;
        }
        if &head[start..] == "\r\n" {
            break;
        }
    }
    let length = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    let mut body = vec![0; length];
    stream.read_exact(&mut body).await.ok()?;
    Some(head)
}

/// What a counting upstream has seen.
#[derive(Default)]
struct Seen {
    connections: std::sync::atomic::AtomicUsize,
    requests: std::sync::atomic::AtomicUsize,
    /// Connections the proxy closed.
    closed: std::sync::atomic::AtomicUsize,
}

impl Seen {
    fn connections(&self) -> usize {
        self.connections.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn requests(&self) -> usize {
        self.requests.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn closed(&self) -> usize {
        self.closed.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// An upstream that answers every request `{"status":"OK"}` and counts the connections it
/// accepts and the requests it answers.
async fn counting_upstream(closes: Closes) -> (String, Arc<Seen>) {
    use std::sync::atomic::Ordering::SeqCst;
    use tokio::io::{AsyncWriteExt, BufReader};
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Seen::default());
    let count = seen.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            count.connections.fetch_add(1, SeqCst);
            let count = count.clone();
            tokio::spawn(async move {
                let mut stream = BufReader::new(stream);
                loop {
                    if read_request(&mut stream).await.is_none() {
                        count.closed.fetch_add(1, SeqCst);
                        return;
                    }
                    let close = if matches!(closes, Closes::SayingSo) {
                        "Connection: close\r\n"
                    } else {
                        ""
                    };
                    let answer = format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{close}Content-Length: 15\r\n\r\n{{\"status\":\"OK\"}}"
                    );
                    count.requests.fetch_add(1, SeqCst);
                    stream.write_all(answer.as_bytes()).await.unwrap();
                    match closes {
                        Closes::Never => {}
                        Closes::SayingSo => return,
                        Closes::WhenIdle => {
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            return;
                        }
                    }
                }
            });
        }
    });
    (url, seen)
}

/// A request on `client`'s connection (kept alive between calls), with no credentials.
async fn put_on(client: &reqwest::Client, url: &str) -> reqwest::Response {
    client
        .put(url)
        .body(r#"{"code": "4711"}"#)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn upstream_connections_outlive_requests_and_client_connections() {
    let (upstream, seen) = counting_upstream(Closes::Never).await;
    let proxy = Running::start(&upstream, false, Duration::from_secs(5)).await;
    let url = format!("{}{ROUTE}", proxy.url);
    // One client connection: its requests share one upstream connection.
    let client = reqwest::Client::new();
    for _ in 0..10 {
        let answer = put_on(&client, &url).await;
        assert_eq!(answer.text().await.unwrap(), r#"{"status":"OK"}"#);
    }
    assert_eq!(seen.connections(), 1);
    drop(client);
    // Client connections one after another: each takes the upstream connection the one
    // before it left (the moment's wait lets the proxy see each one close).
    for _ in 0..5 {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let answer = put(&url, r#"{"code": "4711"}"#).await;
        assert_eq!(answer.status(), 200);
    }
    assert!(
        seen.connections() <= 2,
        "{} upstream connections for 6 client connections",
        seen.connections()
    );
    let (summary, text, _) = proxy.stop().await;
    assert_eq!(summary.exchanges, 15, "{text}");
}

#[tokio::test]
async fn idle_upstream_connections_are_closed_after_the_idle_timeout() {
    let (upstream, seen) = counting_upstream(Closes::Never).await;
    let proxy = Running::with(Config {
        upstreams: vec![("yandex-market".into(), upstream.parse().unwrap())],
        upstream_idle_timeout: Duration::from_millis(300),
        ..Config::default()
    })
    .await;
    let answer = put(&format!("{}{ROUTE}", proxy.url), r#"{"code": "4711"}"#).await;
    assert_eq!(answer.status(), 200);
    drop(answer);
    assert_eq!((seen.connections(), seen.closed()), (1, 0));
    // Left idle by its client connection, it is closed within the timeout and half again.
    let mut waited = Duration::ZERO;
    while seen.closed() == 0 && waited < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(50)).await;
        waited += Duration::from_millis(50);
    }
    assert_eq!(seen.closed(), 1, "still open after {waited:?}");
    proxy.stop().await;
}

#[tokio::test]
async fn an_upstream_that_closes_its_connections_costs_no_request() {
    for closes in [Closes::SayingSo, Closes::WhenIdle] {
        let (upstream, seen) = counting_upstream(closes).await;
        let proxy = Running::start(&upstream, false, Duration::from_secs(5)).await;
        let url = format!("{}{ROUTE}", proxy.url);
        let client = reqwest::Client::new();
        for _ in 0..5 {
            let answer = put_on(&client, &url).await;
            assert_eq!(answer.status(), 200);
            assert_eq!(answer.text().await.unwrap(), r#"{"status":"OK"}"#);
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        assert_eq!(seen.connections(), 5, "a new connection for each request");
        let (summary, text, lines) = proxy.stop().await;
        assert_eq!(summary.exchanges, 5, "{text}");
        assert!(
            lines.iter().all(|line| line.get("fault").is_none()),
            "{text}"
        );
    }
}

#[tokio::test]
async fn each_request_goes_to_the_upstream_of_its_spec() {
    let (invoicebox, to_invoicebox) = counting_upstream(Closes::Never).await;
    let (market, to_market) = counting_upstream(Closes::Never).await;
    let proxy = Running::with(Config {
        upstreams: vec![
            ("invoicebox".into(), invoicebox.parse().unwrap()),
            ("yandex-market".into(), market.parse().unwrap()),
        ],
        ..Config::default()
    })
    .await;
    let client = reqwest::Client::new();
    let pay =
        "/v3/billing/api/order/ffffffff-ffff-ffff-ffff-ffffffffffff/payment-method-action/pay";
    let requests = [
        ("PUT", ROUTE, (0, 1)),
        ("POST", pay, (1, 1)),
        ("PUT", BROKEN_ROUTE, (1, 2)),
        // Matching no operation (an unknown path, a method the path does not document):
        // the first upstream.
        ("GET", "/nowhere", (2, 2)),
        ("GET", ROUTE, (3, 2)),
    ];
    for (method, path, (invoicebox, market)) in requests {
        let answer = client
            .request(method.parse().unwrap(), format!("{}{path}", proxy.url))
            .body("{}")
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 200);
        assert_eq!(
            (to_invoicebox.requests(), to_market.requests()),
            (invoicebox, market),
            "{method} {path}"
        );
    }
    let (summary, text, _) = proxy.stop().await;
    assert_eq!((summary.exchanges, summary.unmatched), (5, 2), "{text}");
}

#[tokio::test]
async fn request_heads_over_the_limits_get_431() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let upstream = untouched_upstream().await;
    let proxy = Running::with(Config {
        upstreams: vec![("yandex-market".into(), upstream.uri().parse().unwrap())],
        max_head: 16 << 10,
        max_headers: 20,
        ..Config::default()
    })
    .await;
    let address = proxy.url.trim_start_matches("http://").to_owned();
    let many: String = (0..30).map(|i| format!("X-Header-{i}: {i}\r\n")).collect();
    let long = format!("X-Long: {}\r\n", "a".repeat(20 << 10));
    for extra in [many, long] {
        let mut stream = tokio::net::TcpStream::connect(&address).await.unwrap();
        let head =
            format!("PUT {ROUTE} HTTP/1.1\r\nHost: {address}\r\n{extra}Content-Length: 0\r\n\r\n");
        // The proxy may answer and close before it has read the whole head.
        let _ = stream.write_all(head.as_bytes()).await;
        let mut answer = Vec::new();
        let _ = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer))
            .await
            .expect("the proxy answers at once");
        let answer = String::from_utf8_lossy(&answer);
        assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");
    }
    // Refused, and still accounted for: each is an unreadable line that says why.
    let (summary, text, lines) = proxy.stop().await;
    assert_eq!((summary.exchanges, summary.unreadable), (2, 2), "{text}");
    for line in &lines {
        assert_eq!(line["verdict"], "unreadable", "{text}");
        assert!(
            line["reason"].to_string().contains("answered 431"),
            "{text}"
        );
    }
    upstream.verify().await;
}

/// `confirmspec proxy` run as a process, as a user starts it.
#[cfg(unix)]
pub(crate) struct ProxyProcess {
    child: std::process::Child,
    stderr: std::io::BufReader<std::process::ChildStderr>,
    /// Where it says it listens.
    pub(crate) address: std::net::SocketAddr,
}

/// A test that fails part-way leaves no proxy running.
#[cfg(unix)]
impl Drop for ProxyProcess {
    fn drop(&mut self) {
        // After `terminate` it has exited already, and this does nothing.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(unix)]
impl ProxyProcess {
    /// Starts `confirmspec proxy --listen 127.0.0.1:0` followed by `args`, and reads the line
    /// that says where it listens.
    pub(crate) fn start<I, S>(args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        use std::io::BufRead;
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("confirmspec"))
            .args(["proxy", "--listen", "127.0.0.1:0"])
            .args(args)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
        let mut first = String::new();
        stderr.read_line(&mut first).unwrap();
        assert!(first.contains("listening on"), "{first}");
        let address = first.trim().rsplit(' ').next().unwrap().parse().unwrap();
        Self {
            child,
            stderr,
            address,
        }
    }

    /// Its process id.
    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends SIGTERM and waits: whether it exited with 0, and the rest of what it wrote.
    pub(crate) fn terminate(mut self) -> (std::process::ExitStatus, String) {
        use std::io::Read;
        let killed = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = self.child.wait().unwrap();
        let mut rest = String::new();
        self.stderr.read_to_string(&mut rest).unwrap();
        (status, rest)
    }
}
