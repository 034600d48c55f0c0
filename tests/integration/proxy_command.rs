//! The `confirmspec proxy` command as a user runs it: stopped by SIGTERM with its report and
//! recording complete, many connections on several threads, a port in use.

use std::io::Write;
use std::time::Duration;

use crate::cli::Scratch;
use serde_json::Value;

use crate::proxy::*;

/// The documented verifyOrderEac request with its credential, as raw HTTP/1.1 with the
/// `Connection` header given.
#[cfg(unix)]
pub(crate) fn raw_put(address: std::net::SocketAddr, connection: &str) -> String {
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

/// `confirmspec proxy` run as a process, as a user starts it.
#[cfg(unix)]
pub(crate) struct ProxyProcess {
    pub(crate) child: std::process::Child,
    pub(crate) stderr: std::io::BufReader<std::process::ChildStderr>,
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
