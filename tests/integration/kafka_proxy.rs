//! `confirmspec proxy --publish-to` against a real broker: proxy -> topic -> member ->
//! verdicts, the bytes forwarded unchanged, and the payment path still served with the
//! brokers away.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use confirmspec::yandex_market::sandbox::API_KEY as YANDEX_MARKET_API_KEY;
use serde_json::Value;

use crate::broker::{broker, unique};
use crate::cli::Scratch;

/// One request on a connection of its own: the status line and the body.
fn http(address: &str, head: &str, body: &str) -> (String, String) {
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    write!(
        stream,
        "{head}\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    (
        head.lines().next().unwrap_or_default().to_owned(),
        body.to_owned(),
    )
}

/// The proxy in front of `upstream`, publishing to `target`; its address and its stderr.
fn start_proxy(
    upstream: &str,
    target: &str,
    extra: &[&str],
) -> (Child, String, BufReader<std::process::ChildStderr>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_confirmspec"))
        .args(["proxy", "--listen", "127.0.0.1:0", "--threads", "1"])
        .args(["--upstream", &format!("yandex-market={upstream}")])
        .args(["--publish-to", target, "--report", "/dev/null"])
        .args(extra)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    let address = loop {
        line.clear();
        if stderr.read_line(&mut line).unwrap() == 0 {
            break None;
        }
        if let Some(address) = line.trim().strip_prefix("confirmspec proxy listening on ") {
            break Some(address.to_owned());
        }
    };
    match address {
        Some(address) => (child, address, stderr),
        None => {
            let status = child.wait().unwrap();
            panic!("the proxy ended before it listened: {status:?}");
        }
    }
}

fn stop(mut child: Child, mut stderr: BufReader<std::process::ChildStderr>) -> String {
    let sent = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let status = child.wait().unwrap();
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    assert!(status.success(), "{status:?}: {rest}");
    rest
}

/// Sends `count` verifyEac checks (wrong codes, so that the mock's answers vary) through the
/// proxy; returns each answer's status line and body.
fn checks(proxy: &str, count: usize) -> Vec<(String, String)> {
    (0..count)
        .map(|i| {
            http(
                proxy,
                &format!(
                    "PUT /campaigns/1/orders/{}/verifyEac HTTP/1.1\r\nApi-Key: {YANDEX_MARKET_API_KEY}",
                    100 + i / 2
                ),
                &format!(r#"{{"code": "wrong{i}"}}"#),
            )
        })
        .collect()
}

#[test]
fn the_proxy_publishes_each_exchange_redacted_for_a_member_to_validate() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mock = runtime
        .block_on(
            confirmspec::mock::sandbox()
                .seed(4)
                .start("127.0.0.1:0".parse().unwrap()),
        )
        .unwrap();
    let topic = unique("published");
    broker().create_topic(&topic, 2);
    let target = format!("{}/{topic}", broker().address);
    let (proxy, address, stderr) = start_proxy(mock.url(), &target, &[]);
    let answers = checks(&address, 40);
    let rest = stop(proxy, stderr);
    assert!(rest.contains("40 published, 0 not published"), "{rest}");

    // Each exchange is on the topic once, redacted, with the answer the client got.
    let records = broker().read_topic(&topic, 2, 40);
    assert_eq!(records.len(), 40);
    let mut bodies: Vec<String> = Vec::new();
    for (_, _, _, value) in &records {
        assert!(!value.contains(YANDEX_MARKET_API_KEY), "{value}");
        let record: Value = serde_json::from_str(value).unwrap();
        let headers = record["request"]["headers"].as_array().unwrap();
        assert!(
            headers.iter().any(|h| h[0] == "api-key" && h[1] == "***"),
            "{record}"
        );
        let response = &record["response"];
        bodies.push(match response.get("body") {
            Some(body) => body.to_string(),
            None => response["body_text"].as_str().unwrap().to_owned(),
        });
    }
    for (status, body) in &answers {
        assert!(status.contains(" 200 "), "{status}");
        // The client got the upstream's bytes, which are what was published.
        assert!(
            bodies.contains(body),
            "{body} was not published as it was answered"
        );
    }

    // A member validates what the proxy published: every exchange conforms.
    let scratch = Scratch::new("kafka-proxy");
    let output = scratch.0.join("verdicts.jsonl");
    let mut member = Command::new(env!("CARGO_BIN_EXE_confirmspec"))
        .args(["consume", "--brokers", &broker().address, "--topic", &topic])
        .args([
            "--group",
            &unique("proxied"),
            "--all",
            "--summary-every",
            "0",
            "-o",
        ])
        .arg(&output)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    let lines = loop {
        let text = std::fs::read_to_string(&output).unwrap_or_default();
        if text.lines().count() >= 40 || std::time::Instant::now() > deadline {
            break text;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let _ = Command::new("kill")
        .args(["-TERM", &member.id().to_string()])
        .status();
    assert!(member.wait().unwrap().success());
    let verdicts: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(verdicts.len(), 40);
    for verdict in &verdicts {
        assert_eq!(verdict["verdict"], "conforming", "{verdict}");
        assert_eq!(verdict["operation"], "verifyOrderEac");
    }
    runtime.block_on(mock.stop()).unwrap();
}

#[test]
fn the_proxy_still_answers_with_the_brokers_away_and_counts_what_was_not_published() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mock = runtime
        .block_on(
            confirmspec::mock::sandbox()
                .seed(5)
                .start("127.0.0.1:0".parse().unwrap()),
        )
        .unwrap();
    // A port nothing listens on.
    let away = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let (proxy, address, stderr) = start_proxy(
        mock.url(),
        &format!("{away}/exchanges"),
        &["-X", "message.timeout.ms=1000"],
    );
    let answers = checks(&address, 10);
    for (status, body) in &answers {
        assert!(status.contains(" 200 "), "{status}: {body}");
    }
    let rest = stop(proxy, stderr);
    assert!(rest.contains("0 published, 10 not published"), "{rest}");
    runtime.block_on(mock.stop()).unwrap();
}
