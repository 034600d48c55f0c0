//! The example programs and the `confirmspec mock` command: a whole flow against the mock, records,
//! SIGTERM, a recording that cannot be written.

use confirmspec::mock::MockServer;
use confirmspec::yandex_market;

use crate::mock::{ORDER, code, eac, market, start};

/// The path of an example program that `cargo test` built beside this test binary.
fn example(name: &str) -> std::path::PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("examples")
        .join(name)
}

/// Runs an example against the mock: reads its output up to the line that asks for the code,
/// looks the code up as a test would (`key` picks the mock's key from that line), types it in.
async fn run_example(
    name: &str,
    env: &[(&str, String)],
    args: &[&str],
    vendor: &'static str,
    key: fn(&str) -> Option<String>,
    server: &MockServer,
) -> String {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new(example(name))
        .args(args)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", example(name).display()));
    let stdout = child.stdout.take().unwrap();
    let (prompt, mut lines) = tokio::task::spawn_blocking(move || {
        let mut lines = BufReader::new(stdout).lines();
        let prompt = lines.next().expect("a prompt").unwrap();
        (prompt, lines)
    })
    .await
    .unwrap();
    let key = key(&prompt).unwrap_or_else(|| panic!("{name}: no key in {prompt:?}"));
    let (code, _) = code(server, vendor, &key).await;
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{code}").unwrap();
    drop(stdin);
    tokio::task::spawn_blocking(move || {
        let rest: Vec<String> = lines.by_ref().map(Result::unwrap).collect();
        let status = child.wait().unwrap();
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        assert!(status.success(), "{prompt}\n{rest:?}\n{stderr}");
        rest.join("\n")
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_example_programs_run_a_whole_flow_against_the_mock() {
    let server = start().await;
    let out = run_example(
        "via",
        &[
            (
                "VIA_CLIENT_ID",
                confirmspec::via::sandbox::CLIENT_ID.to_owned(),
            ),
            (
                "VIA_CLIENT_SECRET",
                confirmspec::via::sandbox::CLIENT_SECRET.to_owned(),
            ),
            ("VIA_MERCHANT", "mrt_2V4M5svbNoQ68tB0ul8LoLWJOZQ".to_owned()),
            ("VIA_BASE_URL", server.url().to_owned()),
        ],
        &["8600123412341234", "2712", "500000"],
        "via",
        |prompt| {
            prompt
                .split_whitespace()
                .find(|w| w.starts_with("trx_"))
                .map(|w| w.trim_end_matches(';').to_owned())
        },
        &server,
    )
    .await;
    assert!(
        out.starts_with("Some(Success): transaction Some(\"trx_"),
        "{out}"
    );

    let out = run_example(
        "invoicebox",
        &[
            (
                "INVOICEBOX_TOKEN",
                confirmspec::invoicebox::sandbox::TOKEN.to_owned(),
            ),
            ("INVOICEBOX_ORDER", ORDER.to_owned()),
            ("INVOICEBOX_BASE_URL", server.url().to_owned()),
        ],
        &[],
        "invoicebox",
        |_| Some(ORDER.to_owned()),
        &server,
    )
    .await;
    assert_eq!(out, "result: Success");

    // Yandex Market's program takes the code as an argument: a wrong one, then the right one.
    let (right, _) = code(&server, "yandex-market", "4568001").await;
    for (given, expected) in [
        ("000000x", "wrong code; 2 attempts left"),
        (right.as_str(), "code accepted"),
    ] {
        let (given, url) = (given.to_owned(), server.url().to_owned());
        // Off the runtime's threads: the mock answers on them.
        let output = tokio::task::spawn_blocking(move || {
            std::process::Command::new(example("yandex_market"))
                .args(["21004300", "4568001", &given])
                .env(
                    "YANDEX_MARKET_API_KEY",
                    confirmspec::yandex_market::sandbox::API_KEY,
                )
                .env("YANDEX_MARKET_BASE_URL", url)
                .output()
                .unwrap()
        })
        .await
        .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert!(
            output.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(stdout.trim(), expected);
    }
    assert_eq!(server.replaced_answers(), 0);
}

/// One HTTP/1.1 exchange over a plain socket: the status line and body of the answer.
fn exchange_raw(addr: &str, head: &str, body: &str) -> (String, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "{head}\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer.lines().next().unwrap_or_default().to_owned();
    let body = answer
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_owned();
    (status, body)
}

#[test]
fn the_command_serves_records_and_stops_on_sigterm() {
    use std::io::{BufRead, BufReader};
    let scratch = crate::cli::Scratch::new("mock");
    let har = scratch.0.join("mock.har");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_confirmspec"))
        .args(["mock", "--listen", "127.0.0.1:0", "--seed", "5", "--record"])
        .arg(&har)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let addr = line
        .trim()
        .strip_prefix("confirmspec mock: listening on http://")
        .unwrap_or_else(|| panic!("{line:?}"))
        .to_owned();

    let (status, _) = exchange_raw(&addr, "GET /__mock/codes/yandex-market/42 HTTP/1.1", "");
    assert!(status.contains(" 200 "), "{status}");
    let (status, body) = exchange_raw(
        &addr,
        &format!(
            "PUT /campaigns/1/orders/42/verifyEac HTTP/1.1\r\nApi-Key: {}",
            confirmspec::yandex_market::sandbox::API_KEY
        ),
        r#"{"code": "not-it"}"#,
    );
    assert!(status.contains(" 200 "), "{status}");
    assert!(body.contains("REJECTED"), "{body}");

    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert!(status.success(), "{status:?}: {rest}");
    assert!(rest.contains("stopped"), "{rest}");

    // The recording holds the one exchange with the vendor (not the mock's own endpoint), and
    // validates.
    let ran = crate::cli::run(
        crate::cli::confirmspec()
            .args(["validate", "--format", "json"])
            .arg(&har),
    );
    assert_eq!(ran.code, 0, "{}{}", ran.stdout, ran.stderr);
    let report = crate::cli::json(&ran);
    assert_eq!(report["summary"]["exchanges"], 1, "{report}");
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn a_recording_that_cannot_be_written_is_reported_when_the_mock_stops() {
    let server = confirmspec::mock::sandbox()
        .record("/dev/full")
        .start("127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    // The call is still answered; the recording is what failed.
    let (code, _) = code(&server, "yandex-market", "1").await;
    market(
        &server,
        yandex_market::Auth::ApiKey(confirmspec::yandex_market::sandbox::API_KEY.into()),
    )
    .verify_order_eac(1, 1, eac(Some(&code)))
    .await
    .unwrap();
    let error = server.stop().await.expect_err("the recording failed");
    assert!(
        error.to_string().contains("the recording stopped"),
        "{error}"
    );
}
