//! `confirmspec consume` against a real Kafka-protocol broker (Tansu, `broker.rs`): the
//! verdicts `validate` gives the same records as a file, partitions split between members,
//! a member killed with SIGKILL and one joining without a record lost, dead letters with
//! their coordinates, metrics that add up, and no secret in any output.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::broker::{broker, unique};
use crate::cli::Scratch;

pub(crate) const PARTITIONS: i32 = 4;

/// The demo capture's exchanges, each credential replaced by a distinct secret that must never
/// appear in an output.
pub(crate) fn demo_exchanges() -> Vec<Value> {
    std::fs::read_to_string(crate::cli::DEMO)
        .unwrap()
        .lines()
        .enumerate()
        .map(|(n, line)| {
            let mut exchange: Value = serde_json::from_str(line).unwrap();
            for pair in exchange["request"]["headers"].as_array_mut().unwrap() {
                let name = pair[0].as_str().unwrap().to_ascii_lowercase();
                let secret = match name.as_str() {
                    "authorization" => {
                        let scheme = pair[1].as_str().unwrap().split(' ').next().unwrap();
                        format!("{scheme} SECRET{n}auth")
                    }
                    "api-key" => format!("SECRET{n}key"),
                    "client-secret" => format!("SECRET{n}clientsecret"),
                    _ => continue,
                };
                pair[1] = json!(secret);
            }
            exchange
        })
        .collect()
}

pub(crate) fn body_text(message: &Value) -> Option<String> {
    if let Some(text) = message["body_text"].as_str() {
        return Some(text.to_owned());
    }
    message.get("body").map(|body| body.to_string())
}

pub(crate) fn header_object(message: &Value, kong: bool) -> Value {
    let mut headers = serde_json::Map::new();
    for pair in message["headers"].as_array().unwrap() {
        let name = pair[0].as_str().unwrap().to_ascii_lowercase();
        let mut value = pair[1].clone();
        if kong && (name == "authorization" || name == "proxy-authorization") {
            value = json!("REDACTED");
        }
        headers.insert(name, value);
    }
    if let Some(body) = body_text(message) {
        headers.insert("content-length".into(), json!(body.len().to_string()));
    }
    Value::Object(headers)
}

pub(crate) fn path_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.find('/').map_or("/".into(), |i| rest[i..].to_owned())
}

/// One exchange in each of the four record formats.
pub(crate) fn in_each_format(exchange: &Value) -> [Value; 4] {
    let request = &exchange["request"];
    let response = &exchange["response"];
    let url = request["url"].as_str().unwrap();
    let har_headers = |message: &Value| -> Value {
        message["headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| json!({"name": p[0], "value": p[1]}))
            .collect()
    };
    let content_type = |message: &Value| -> String {
        message["headers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p[0].as_str().unwrap().eq_ignore_ascii_case("content-type"))
            .map_or(String::new(), |p| p[1].as_str().unwrap().to_owned())
    };
    let mut har = json!({
        "startedDateTime": "2026-12-01T10:00:00.000Z", "time": 12,
        "request": {"method": request["method"], "url": url, "httpVersion": "HTTP/1.1",
                    "headers": har_headers(request), "queryString": [], "cookies": [],
                    "headersSize": -1, "bodySize": -1},
        "response": {"status": response["status"], "statusText": "", "httpVersion": "HTTP/1.1",
                     "headers": har_headers(response), "cookies": [],
                     "content": {"size": -1, "mimeType": content_type(response)},
                     "redirectURL": "", "headersSize": -1, "bodySize": -1},
        "cache": {}, "timings": {"send": 0, "wait": 12, "receive": 0}
    });
    if let Some(body) = body_text(request) {
        har["request"]["postData"] = json!({"mimeType": content_type(request), "text": body});
    }
    if let Some(body) = body_text(response) {
        har["response"]["content"]["text"] = json!(body);
    }
    let path = path_of(url);
    let mut apisix = json!({
        "request": {"url": format!("http://gateway:9080{path}"), "uri": path,
                    "method": request["method"], "headers": header_object(request, false),
                    "querystring": {}, "size": 300},
        "response": {"status": response["status"], "headers": header_object(response, false),
                     "size": 400},
        "server": {"hostname": "gateway", "version": "3.11.0"}, "upstream": "10.0.0.1:443",
        "service_id": "", "route_id": "1", "client_ip": "10.0.0.9",
        "start_time": 1_764_583_200_000i64, "latency": 12.5, "upstream_latency": 12,
        "apisix_latency": 0.5
    });
    if let Some(body) = body_text(request) {
        apisix["request"]["body"] = json!(body);
    }
    if let Some(body) = body_text(response) {
        apisix["response"]["body"] = json!(body);
    }
    let kong = json!({
        "request": {"url": format!("http://gateway:8000{path}"), "uri": path,
                    "method": request["method"], "headers": header_object(request, true),
                    "querystring": {}, "size": 300},
        "upstream_uri": path,
        "response": {"status": response["status"], "headers": header_object(response, false),
                     "size": 400},
        "tries": [], "latencies": {"kong": 1, "proxy": 12, "request": 13},
        "client_ip": "10.0.0.9", "started_at": 1_764_583_200_000i64,
        "route": {"id": "r"}, "service": {"id": "s"}
    });
    [exchange.clone(), har, apisix, kong]
}

/// The test topic's records: the demo in all four formats, `rounds` times, APISIX batches
/// (a list of entries per record), and broken records. Record `i` goes to partition
/// `i % PARTITIONS`. Returns the records and how many exchanges each holds.
pub(crate) fn records(rounds: usize) -> Vec<(i32, Vec<u8>, usize)> {
    let exchanges = demo_exchanges();
    let mut payloads: Vec<(Vec<u8>, usize)> = Vec::new();
    for round in 0..rounds {
        for exchange in &exchanges {
            for record in in_each_format(exchange) {
                payloads.push((record.to_string().into_bytes(), 1));
            }
        }
        // An APISIX batch of three entries.
        let batch: Vec<Value> = (0..3)
            .map(|i| in_each_format(&exchanges[(round + i) % exchanges.len()])[2].clone())
            .collect();
        payloads.push((Value::Array(batch).to_string().into_bytes(), 3));
    }
    for broken in broken_records() {
        payloads.push((broken.into_bytes(), 1));
    }
    payloads
        .into_iter()
        .enumerate()
        .map(|(i, (payload, count))| (i as i32 % PARTITIONS, payload, count))
        .collect()
}

/// Records that are not exchanges (over a 64 KiB `--max-body`, the last).
pub(crate) fn broken_records() -> Vec<String> {
    vec![
        "not json {".into(),
        r#"{"hello": "world"}"#.into(),
        r#"{"request": {"uri": "/a", "method": "GET"}}"#.into(),
        "[{\"request\": ".into(),
        "x".repeat(70_000),
    ]
}

/// A `confirmspec consume` process.
pub(crate) struct Member {
    pub(crate) child: Child,
    pub(crate) output: PathBuf,
    pub(crate) stderr: Arc<Mutex<String>>,
}

pub(crate) fn start_member(topic: &str, group: &str, output: &Path, extra: &[&str]) -> Member {
    let mut command = Command::new(env!("CARGO_BIN_EXE_confirmspec"));
    command
        .args(["consume", "--brokers", &broker().address, "--topic", topic])
        .args(["--group", group, "--summary-every", "0", "--batch", "64"]);
    // Verdicts go to a file unless they go to a topic.
    if !extra.contains(&"--to-topic") {
        command.arg("-o").arg(output);
    }
    let mut child = command
        // A member that dies is noticed in seconds, not in librdkafka's default 45.
        .args([
            "-X",
            "session.timeout.ms=6000",
            "-X",
            "heartbeat.interval.ms=500",
        ])
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let stderr = Arc::new(Mutex::new(String::new()));
    let pipe = child.stderr.take().unwrap();
    let collected = stderr.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
            let mut text = collected.lock().unwrap();
            text.push_str(&line);
            text.push('\n');
        }
    });
    Member {
        child,
        output: output.to_owned(),
        stderr,
    }
}

impl Member {
    pub(crate) fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    pub(crate) fn lines(&self) -> Vec<Value> {
        output_lines(&self.output)
    }

    /// SIGTERM, then its exit status and what it printed.
    pub(crate) fn terminate(mut self) -> (std::process::ExitStatus, String) {
        signal(&self.child, "TERM");
        let status = wait_for_exit(&mut self.child, Duration::from_secs(60));
        // The stderr thread ends with the pipe.
        std::thread::sleep(Duration::from_millis(100));
        (status, self.stderr())
    }

    /// The partitions it holds, by its last `assigned` line.
    pub(crate) fn assigned(&self) -> Option<BTreeSet<i32>> {
        let stderr = self.stderr();
        let line = stderr
            .lines()
            .rev()
            .find(|l| l.contains("partitions assigned: "))?;
        Some(
            line.split_once("partitions assigned: ")?
                .1
                .split(", ")
                .filter_map(|p| p.rsplit_once('[')?.1.trim_end_matches(']').parse().ok())
                .collect(),
        )
    }
}

pub(crate) fn signal(child: &Child, name: &str) {
    let sent = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
}

pub(crate) fn wait_for_exit(child: &mut Child, limit: Duration) -> std::process::ExitStatus {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the member did not stop within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

pub(crate) fn output_lines(path: &Path) -> Vec<Value> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    // A line being written may be cut short: only whole lines count.
    text.split_inclusive('\n')
        .filter(|line| line.ends_with('\n'))
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

pub(crate) fn wait_until(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !done() {
        assert!(Instant::now() < deadline, "waited {limit:?} for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The parts of a verdict that must agree between `consume` and `validate`.
pub(crate) fn essentials(line: &Value) -> Value {
    if line["verdict"] == "unreadable" {
        return json!({"verdict": "unreadable"});
    }
    let violations: Vec<Value> = line["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            json!([
                v["location"],
                v["pointer"],
                v["keyword"],
                v["message"],
                v["severity"]
            ])
        })
        .collect();
    json!({
        "verdict": line["verdict"], "spec": line["spec"], "operation": line["operation"],
        "status": line["status"], "documented_status": line["documented_status"],
        "violations": violations,
    })
}

pub(crate) fn scrape(address: &str) -> String {
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    write!(
        stream,
        "GET /metrics HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut page = String::new();
    stream.read_to_string(&mut page).unwrap();
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    page
}

/// The sum of a metric's samples over its labels.
pub(crate) fn total(page: &str, metric: &str) -> f64 {
    page.lines()
        .filter(|line| {
            line.strip_prefix(metric)
                .is_some_and(|rest| rest.starts_with('{') || rest.starts_with(' '))
        })
        .filter_map(|line| line.rsplit_once(' ')?.1.parse::<f64>().ok())
        .sum()
}

#[test]
fn one_member_gives_the_verdicts_validate_gives_the_same_records_as_a_file() {
    let scratch = Scratch::new("kafka-equivalence");
    let topic = unique("equivalence");
    broker().create_topic(&topic, PARTITIONS);
    let records = records(15);
    let expected: usize = records.iter().map(|(_, _, count)| count).sum();
    assert!(expected > 2000, "a few thousand exchanges: {expected}");

    let output = scratch.0.join("verdicts.jsonl");
    let member = start_member(
        &topic,
        &unique("group"),
        &output,
        &["--all", "--max-body", "64K", "--metrics", "127.0.0.1:0"],
    );
    let payloads: Vec<(i32, Vec<u8>)> = records.iter().map(|(p, r, _)| (*p, r.clone())).collect();
    broker().produce(&topic, &payloads);
    wait_until(
        "a verdict for every exchange",
        Duration::from_secs(120),
        || member.lines().len() >= expected,
    );
    let stderr = member.stderr();
    let metrics = stderr
        .split("metrics on http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no metrics address in {stderr}"))
        .to_owned();
    // The commit follows the verdicts: wait for the counters of the last batch.
    wait_until(
        "the metrics of every record",
        Duration::from_secs(30),
        || total(&scrape(&metrics), "confirmspec_records_total") as usize == records.len(),
    );
    let page = scrape(&metrics);
    let lines = member.lines();
    let (status, stderr) = member.terminate();
    assert!(status.success(), "{status:?}: {stderr}");
    assert!(stderr.contains("consume stopped"), "{stderr}");

    // Every exchange of every record has exactly one verdict, named by its coordinates.
    assert_eq!(lines.len(), expected, "{stderr}");
    let mut by_place: BTreeMap<(usize, usize), &Value> = BTreeMap::new();
    for line in &lines {
        let (partition, offset) = (
            line["record"]["partition"].as_i64().unwrap(),
            line["record"]["offset"].as_i64().unwrap(),
        );
        let record = offset as usize * PARTITIONS as usize + partition as usize;
        let entry = line["record"]["entry"].as_u64().unwrap_or(0) as usize;
        if let Some(before) = by_place.insert((record, entry), line) {
            panic!("two verdicts for record {record} entry {entry}: {before}\n{line}\n{stderr}");
        }
    }

    // The same records as a file, one per line, through `validate`.
    let dump: Vec<u8> = records
        .iter()
        .flat_map(|(_, record, _)| record.iter().copied().chain([b'\n']))
        .collect();
    let file = scratch.file("dump.jsonl", &dump);
    let ran = crate::cli::run(
        crate::cli::confirmspec()
            .args(["validate", "--format", "jsonl", "--max-body", "64K"])
            .arg(&file),
    );
    assert_eq!(
        ran.code, 2,
        "unreadable records make it exit 2: {}",
        ran.stderr
    );
    let validated: Vec<Value> = ran
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &Value| v.get("summary").is_none())
        .collect();
    assert_eq!(validated.len(), expected);
    let mut places = Vec::new();
    for (record, (_, _, count)) in records.iter().enumerate() {
        places.extend((0..*count).map(|entry| (record, entry)));
    }
    let mut verdicts: HashMap<String, usize> = HashMap::new();
    let mut formats: HashMap<String, usize> = HashMap::new();
    for (place, from_file) in places.iter().zip(&validated) {
        let from_topic = by_place[place];
        assert_eq!(
            essentials(from_topic),
            essentials(from_file),
            "record {} entry {}",
            place.0,
            place.1
        );
        *verdicts
            .entry(from_topic["verdict"].as_str().unwrap().into())
            .or_default() += 1;
        if let Some(format) = from_topic["record"]["format"].as_str() {
            *formats.entry(format.into()).or_default() += 1;
        }
    }
    // Each verdict and each format is there: the comparison covers them all.
    for verdict in ["conforming", "violating", "unmatched", "unreadable"] {
        assert!(
            verdicts.get(verdict).is_some_and(|n| *n > 0),
            "{verdicts:?}"
        );
    }
    for format in ["exchange", "har-entry", "apisix", "kong"] {
        assert!(formats.get(format).is_some_and(|n| *n > 0), "{formats:?}");
    }
    assert_eq!(verdicts["unreadable"], broken_records().len());

    // The metrics add up to what was read.
    assert_eq!(
        total(&page, "confirmspec_records_total") as usize,
        records.len(),
        "{page}"
    );
    assert_eq!(
        (total(&page, "confirmspec_exchanges_total")
            + total(&page, "confirmspec_bad_records_total")) as usize,
        expected,
        "{page}"
    );
    assert_eq!(
        total(&page, "confirmspec_bad_records_total") as usize,
        verdicts["unreadable"]
    );
    assert_eq!(
        total(&page, "confirmspec_unmatched_total") as usize,
        verdicts["unmatched"]
    );
    assert_eq!(
        total(&page, "confirmspec_verdicts_written_total") as usize,
        expected
    );
    assert!(
        total(&page, "confirmspec_validation_seconds_count") as usize > 0,
        "{page}"
    );

    // No credential in any output.
    let verdict_text = std::fs::read_to_string(&output).unwrap();
    for text in [&verdict_text, &page, &stderr] {
        assert!(!text.contains("SECRET"), "a secret in an output");
    }
}
