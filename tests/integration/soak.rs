//! The proxy command under a short soak on 127.0.0.1: thousands of requests, valid, invalid and
//! malformed, over several connections at once, to an upstream that sometimes answers HTML,
//! breaks off in the middle of a body, or is too slow. The proxy must not crash, must give
//! back its connections and file descriptors, keep its memory flat, and report every exchange
//! it answered.
#![cfg(target_os = "linux")]

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

use crate::cli::Scratch;
use crate::proxy_command::ProxyProcess;
use crate::proxy_upstreams::read_request;

const GOOD: &str = r#"{"status":"OK","result":{"verificationResult":"ACCEPTED","attemptsLeft":2}}"#;

/// What the upstream does with a request for order `id`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Upstream {
    Answers,
    Html,
    BreaksOff,
    TooSlow,
}

/// Chosen among the requests `sent_for` makes valid (`i % 10` of 0 to 4), so that each fault
/// reaches the upstream. Too slow is rare: each one holds a client for `UPSTREAM_TIMEOUT`.
fn upstream_for(id: usize) -> Upstream {
    if id % 100 == 10 {
        return Upstream::TooSlow;
    }
    match id % 20 {
        3 | 13 => Upstream::Html,
        4 | 14 => Upstream::BreaksOff,
        _ => Upstream::Answers,
    }
}

/// The proxy's `--upstream-timeout`: long enough that a loaded machine's ordinary answers
/// make it, short of how long the too-slow upstream sleeps.
const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(3);
const TOO_SLOW: Duration = Duration::from_secs(8);

/// A raw upstream: reads a request, then answers as `upstream_for` its order id says, and
/// closes the connection.
async fn faulty_upstream() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut stream = BufReader::new(stream);
                let Some(head) = read_request(&mut stream).await else {
                    return;
                };
                let id = head
                    .split('/')
                    .nth(4)
                    .and_then(|id| id.parse().ok())
                    .unwrap_or(0);
                let answer = match upstream_for(id) {
                    Upstream::Answers => format!(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{GOOD}",
                        GOOD.len()
                    ),
                    Upstream::Html => {
                        let page = "<html><body>502 Bad Gateway</body></html>";
                        format!(
                            "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
                            page.len()
                        )
                    }
                    Upstream::BreaksOff => {
                        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"status\": ".into()
                    }
                    Upstream::TooSlow => {
                        tokio::time::sleep(TOO_SLOW).await;
                        return;
                    }
                };
                let _ = stream.write_all(answer.as_bytes()).await;
                let _ = stream.shutdown().await;
            });
        }
    });
    address
}

/// What a client sends, by its request's number.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sent {
    Valid,
    InvalidBody,
    Unmatched,
    Garbage,
    HugeHead,
    CutBody,
}

fn sent_for(i: usize) -> Sent {
    match i % 10 {
        5 => Sent::InvalidBody,
        6 => Sent::Unmatched,
        7 => Sent::Garbage,
        8 => Sent::HugeHead,
        9 => Sent::CutBody,
        _ => Sent::Valid,
    }
}

/// Sends request `i` on a connection of its own; whether a status line came back.
async fn send(proxy: SocketAddr, i: usize) -> bool {
    let route = format!("/campaigns/21004300/orders/{i}/verifyEac");
    let keyed = "Api-Key: soak-key-31d9\r\nContent-Type: application/json\r\n";
    let request = match sent_for(i) {
        Sent::Valid => format!(
            "PUT {route} HTTP/1.1\r\nHost: x\r\n{keyed}Content-Length: 16\r\n\r\n{{\"code\": \"4711\"}}"
        ),
        Sent::InvalidBody => {
            format!(
                "PUT {route} HTTP/1.1\r\nHost: x\r\n{keyed}Content-Length: 14\r\n\r\n{{\"code\": 4711}}"
            )
        }
        Sent::Unmatched => format!("GET /nowhere/{i} HTTP/1.1\r\nHost: x\r\n\r\n"),
        Sent::Garbage => "\u{1}\u{2}NOT HTTP AT ALL\r\n\r\n".into(),
        Sent::HugeHead => format!(
            "PUT {route} HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
            "b".repeat(80 << 10)
        ),
        Sent::CutBody => format!(
            "PUT {route} HTTP/1.1\r\nHost: x\r\n{keyed}Content-Length: 100\r\n\r\n{{\"code\""
        ),
    };
    let mut stream = TcpStream::connect(proxy).await.unwrap();
    // The proxy may answer (431) and close before it has read everything.
    let _ = stream.write_all(request.as_bytes()).await;
    let _ = stream.shutdown().await;
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer))
        .await
        .expect("the proxy answers or closes within 10 s");
    answer.starts_with(b"HTTP/1.1 ")
}

fn proc_status(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/{pid}/status"))
}

fn open_files(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .unwrap()
        .count()
}

/// Runs requests `range` from `clients` tasks at once; how many got an answer. A request
/// whose upstream breaks off mid-body may get none: when the break comes before the proxy
/// has written the head on, the client's connection is closed without one. Any other request
/// without an answer fails the test.
async fn load(proxy: SocketAddr, range: std::ops::Range<usize>, clients: usize) -> usize {
    let unanswered = Arc::new(std::sync::Mutex::new(Vec::new()));
    let answered = Arc::new(AtomicUsize::new(0));
    let next = Arc::new(AtomicUsize::new(range.start));
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (answered, next, end) = (answered.clone(), next.clone(), range.end);
        let unanswered = unanswered.clone();
        tasks.push(tokio::spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= end {
                    break;
                }
                if send(proxy, i).await {
                    answered.fetch_add(1, Ordering::Relaxed);
                } else if !reaches(i, Upstream::BreaksOff) {
                    unanswered
                        .lock()
                        .unwrap()
                        .push((i, sent_for(i), upstream_for(i)));
                }
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let unanswered = unanswered.lock().unwrap();
    assert!(unanswered.is_empty(), "no answer to {unanswered:?}");
    answered.load(Ordering::Relaxed)
}

/// Whether request `i` reaches an upstream that does `what`.
fn reaches(i: usize, what: Upstream) -> bool {
    matches!(sent_for(i), Sent::Valid | Sent::InvalidBody) && upstream_for(i) == what
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_proxy_survives_a_soak_with_flat_memory_and_every_exchange_reported() {
    const WARM_UP: usize = 1_000;
    const TOTAL: usize = 4_000;
    let upstream = faulty_upstream().await;
    let scratch = Scratch::new("soak");
    let report = scratch.0.join("report.jsonl");
    let process = ProxyProcess::start([
        "--upstream-timeout".into(),
        UPSTREAM_TIMEOUT.as_secs_f64().to_string().into(),
        "--upstream".into(),
        format!("yandex-market=http://{upstream}").into(),
        "--report".into(),
        report.clone().into_os_string(),
    ]);
    let (proxy, pid) = (process.address, process.pid());

    let mut answered = load(proxy, 0..WARM_UP, 8).await;
    // Connections the clients closed are closed by the proxy too.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (warm_rss, warm_files) = (proc_status(pid, "VmRSS:"), open_files(pid));

    answered += load(proxy, WARM_UP..TOTAL, 8).await;
    // The too-slow upstream closes its last connections after `TOO_SLOW`; the proxy gave up
    // on them long before.
    tokio::time::sleep(TOO_SLOW + Duration::from_millis(500)).await;
    let (end_rss, end_files) = (proc_status(pid, "VmRSS:"), open_files(pid));
    assert!(
        end_files <= warm_files + 2,
        "file descriptors: {warm_files} after {WARM_UP} requests, {end_files} after {TOTAL}"
    );
    assert!(
        end_rss < warm_rss + 8 * 1024,
        "resident memory: {warm_rss} kB after {WARM_UP} requests, {end_rss} kB after {TOTAL}"
    );

    let (status, rest) = process.terminate();
    assert!(
        status.success(),
        "the proxy stops cleanly: {status}: {rest}"
    );

    // Every request is a line of the report, under an id of its own, answered or cut off.
    let text = std::fs::read_to_string(&report).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let broke_off = (0..TOTAL)
        .filter(|&i| reaches(i, Upstream::BreaksOff))
        .count();
    assert!(
        (TOTAL - broke_off..=TOTAL).contains(&answered),
        "every request gets an answer: {answered} of {TOTAL}"
    );
    assert_eq!(lines.len(), TOTAL, "one report line per request");
    let ids: HashSet<u64> = lines.iter().map(|l| l["id"].as_u64().unwrap()).collect();
    assert_eq!(ids.len(), lines.len(), "ids are unique");
    let count = |verdict: &str| lines.iter().filter(|l| l["verdict"] == verdict).count();
    let refused = (0..TOTAL)
        .filter(|&i| matches!(sent_for(i), Sent::Garbage | Sent::HugeHead | Sent::CutBody))
        .count();
    // How the unreadable ones were answered, for a failure's message.
    let mut answers = std::collections::BTreeMap::<&str, usize>::new();
    for line in lines.iter().filter(|l| l["verdict"] == "unreadable") {
        let reason = line["reason"].as_str().unwrap();
        *answers
            .entry(reason.rsplit("; ").next().unwrap())
            .or_default() += 1;
    }
    assert_eq!(count("unreadable"), refused, "{answers:?}");
    // Each upstream fault is reported, as what it was, and nothing else is a fault.
    let expected = |fault: Upstream| (0..TOTAL).filter(|&i| reaches(i, fault)).count();
    let faults: Vec<&str> = lines.iter().filter_map(|l| l["fault"].as_str()).collect();
    let reported = |what: &str| faults.iter().filter(|f| f.contains(what)).count();
    let kinds: HashSet<&str> = faults.iter().copied().collect();
    assert!(expected(Upstream::TooSlow) > 0 && expected(Upstream::BreaksOff) > 0);
    assert_eq!(
        reported("did not answer within"),
        expected(Upstream::TooSlow),
        "{kinds:?}"
    );
    assert_eq!(
        reported("body broke off"),
        expected(Upstream::BreaksOff),
        "{kinds:?}"
    );
    assert_eq!(
        faults.len(),
        expected(Upstream::TooSlow) + expected(Upstream::BreaksOff),
        "{kinds:?}"
    );
    assert!(!text.contains("soak-key-31d9") && !text.contains("4711"));
}
