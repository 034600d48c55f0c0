//! Reports a team reads: grouped text and Markdown, and `--format html` looked at in a real
//! browser (Debian's chromium, headless): the page renders, its numbers are the JSON report's,
//! and it asks nothing of the network.
//!
//! The browser's every request goes to a listener of the test's own (`--proxy-server`, with
//! loopback not bypassed); a control page with one external image shows the listener sees what
//! a page fetches, so "no request" is measured, not assumed. Chromium calls services of its own
//! whatever the page (the component updater, sign-in, the network clock, even with the flags
//! that quiet them); those three hosts are set apart by name, and any other request fails.

use std::collections::BTreeMap;
use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

use crate::cli::{DEMO, Scratch, confirmspec, json, run};

/// Debian's chromium: `CHROMIUM` when set, else `/usr/bin/chromium`. Absent, the test fails
/// saying how to install it (`.ci/run` does).
fn chromium() -> PathBuf {
    let path = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.exists(),
        "{} is missing: the HTML report is tested in Debian's chromium \
         (`apt-get install chromium`, as .ci/run does), or set CHROMIUM to another build",
        path.display()
    );
    path
}

/// A listener standing for the whole network: it records the first line of every request the
/// browser sends through it.
struct Network {
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Network {
    fn new() -> Network {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut head = [0u8; 512];
                let n = stream.read(&mut head).unwrap_or(0);
                let text = String::from_utf8_lossy(&head[..n]);
                let line = text.lines().next().unwrap_or("(nothing)").to_owned();
                seen.lock().unwrap().push(line);
                // Dropped unanswered: the browser gives up on it.
            }
        });
        Network { port, requests }
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }

    /// The requests that are not chromium's calls to its own services.
    fn page_requests(&self) -> Vec<String> {
        const CHROMIUMS_OWN: [&str; 3] = [
            "update.googleapis.com",
            "accounts.google.com",
            "clients2.google.com",
        ];
        self.requests()
            .into_iter()
            .filter(|line| {
                let target = line.split(' ').nth(1).unwrap_or("");
                let host = target
                    .trim_start_matches("http://")
                    .trim_start_matches("https://");
                let host = host.split(['/', ':']).next().unwrap_or("");
                !CHROMIUMS_OWN.contains(&host)
            })
            .collect()
    }
}

/// Runs headless chromium on `page` with `mode` (`--dump-dom`, `--screenshot=...`), every
/// request through `network`; returns its stdout.
fn browse(scratch: &Scratch, network: &Network, page: &str, mode: &str) -> String {
    let profile = scratch.0.join(format!("profile-{}", fastrand_name()));
    let output = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--disable-domain-reliability",
            "--disable-client-side-phishing-detection",
            "--disable-field-trial-config",
            "--no-pings",
            "--metrics-recording-only",
            "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,Translate,MediaRouter,CertificateTransparencyComponentUpdater",
            "--hide-scrollbars",
            "--window-size=1280,1400",
            "--virtual-time-budget=3000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--proxy-server=http://127.0.0.1:{}", network.port))
        .arg("--proxy-bypass-list=<-loopback>")
        .arg(mode)
        .arg(page)
        .output()
        .expect("chromium runs");
    assert!(
        output.status.success(),
        "chromium {mode} {page}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 DOM")
}

/// A name no other call of this process uses.
fn fastrand_name() -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed).to_string()
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

/// Every `name="value"` attribute in `dom`, with the text right after its element's `>`.
fn attributes<'a>(dom: &'a str, name: &str) -> Vec<(&'a str, &'a str, &'a str)> {
    let needle = format!("{name}=\"");
    let mut found = Vec::new();
    let mut rest = dom;
    while let Some(at) = rest.find(&needle) {
        let after = &rest[at + needle.len()..];
        let end = after.find('"').unwrap();
        let value = &after[..end];
        let tag_rest = &after[end..];
        let close = tag_rest.find('>').unwrap();
        let attrs = &tag_rest[..close];
        let text = &tag_rest[close + 1..];
        let text = &text[..text.find('<').unwrap_or(text.len())];
        found.push((value, attrs, text));
        rest = &after[end..];
    }
    found
}

/// The value of `name="..."` among an element's other attributes.
fn attribute<'a>(attrs: &'a str, name: &str) -> &'a str {
    let needle = format!("{name}=\"");
    let at = attrs
        .find(&needle)
        .unwrap_or_else(|| panic!("{name} in {attrs}"))
        + needle.len();
    &attrs[at..at + attrs[at..].find('"').unwrap()]
}

#[test]
fn the_html_report_renders_in_chromium_with_the_json_reports_numbers_and_no_request() {
    let scratch = Scratch::new("html-report");
    let network = Network::new();

    // The detector works: a page that fetches one image is seen fetching it.
    let control = scratch.file(
        "control.html",
        "<!DOCTYPE html><p>control</p><img src=\"http://control.invalid/pixel.png\">",
    );
    browse(&scratch, &network, &file_url(&control), "--dump-dom");
    let seen = network.page_requests();
    assert!(
        seen.iter().any(|r| r.contains("control.invalid/pixel.png")),
        "the listener saw no request of the control page: {seen:?}"
    );
    let before = seen.len();

    let report = scratch.0.join("report.html");
    let ran = run(confirmspec()
        .args(["validate", "--format", "html", "-o"])
        .arg(&report)
        .arg(DEMO));
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    let page = file_url(&report);
    let dom = browse(&scratch, &network, &page, "--dump-dom");
    let shot = scratch.0.join("report.png");
    browse(
        &scratch,
        &network,
        &page,
        &format!("--screenshot={}", shot.display()),
    );
    let blank_shot = scratch.0.join("blank.png");
    let blank = scratch.file("blank.html", "<!DOCTYPE html><title>blank</title>");
    browse(
        &scratch,
        &network,
        &file_url(&blank),
        &format!("--screenshot={}", blank_shot.display()),
    );
    let requests = network.page_requests();
    assert_eq!(
        requests[before..],
        [] as [String; 0],
        "the report page (or chromium for it) made requests"
    );

    // It rendered: the browser parsed the whole page, and painted more than a blank one.
    assert!(dom.contains("</footer>"), "{dom}");
    let png = std::fs::read(&shot).unwrap();
    let blank_png = std::fs::read(&blank_shot).unwrap();
    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
    assert!(
        png.len() > 4 * blank_png.len(),
        "the screenshot ({} bytes) is hardly more than a blank page's ({} bytes)",
        png.len(),
        blank_png.len()
    );

    // Its numbers are the JSON report's.
    let json_report = json(&run(confirmspec()
        .args(["validate", "--format", "json"])
        .arg(DEMO)));
    let summary: BTreeMap<&str, u64> = attributes(&dom, "data-summary")
        .into_iter()
        .map(|(name, _, text)| (name, text.trim().parse().unwrap()))
        .collect();
    assert_eq!(summary.len(), 5, "{summary:?}");
    for (name, n) in &summary {
        assert_eq!(json_report["summary"][name].as_u64(), Some(*n), "{name}");
    }
    let groups = json_report["groups"]["violations"].as_array().unwrap();
    let on_page: BTreeMap<&str, (u64, u64)> = attributes(&dom, "data-group")
        .into_iter()
        .map(|(fingerprint, attrs, _)| {
            let n = |name| attribute(attrs, name).parse::<u64>().unwrap();
            (fingerprint, (n("data-exchanges"), n("data-violations")))
        })
        .collect();
    assert_eq!(on_page.len(), groups.len());
    for group in groups {
        let fingerprint = group["fingerprint"].as_str().unwrap();
        assert_eq!(
            on_page.get(fingerprint),
            Some(&(
                group["exchanges"].as_u64().unwrap(),
                group["violations"].as_u64().unwrap()
            )),
            "{group}"
        );
    }
    let operations = json_report["coverage"]["operations"].as_array().unwrap();
    let coverage: BTreeMap<&str, u64> = attributes(&dom, "data-coverage")
        .into_iter()
        .map(|(name, _, text)| (name, text.parse().unwrap()))
        .collect();
    let statuses = || {
        operations
            .iter()
            .flat_map(|o| o["statuses"].as_array().unwrap())
    };
    assert_eq!(coverage["operations"], operations.len() as u64);
    assert_eq!(
        coverage["exercised"],
        operations.iter().filter(|o| o["exchanges"] != 0).count() as u64
    );
    assert_eq!(coverage["documented"], statuses().count() as u64);
    assert_eq!(
        coverage["seen"],
        statuses().filter(|s| s["exchanges"] != 0).count() as u64
    );
    let undocumented: usize = operations
        .iter()
        .map(|o| o["undocumented"].as_array().unwrap().len())
        .sum();
    assert_eq!(coverage["undocumented"], undocumented as u64);
    assert!(undocumented > 0, "the demo has a 302 nobody documented");

    // Links go to the spec file that holds the rule, at its line.
    let spec_link = format!(
        "file://{}/specs/yandex-market.yaml\">specs/yandex-market.yaml:",
        env!("CARGO_MANIFEST_DIR")
    );
    assert!(dom.contains(&spec_link), "no link {spec_link}");
}

/// A capture of `copies` exchanges sharing one defect (a Yandex Market answer with an unknown
/// verification result), and one conforming exchange.
fn one_defect(scratch: &Scratch, copies: usize) -> PathBuf {
    let demo = std::fs::read_to_string(DEMO).unwrap();
    let line = demo
        .lines()
        .find(|l| l.contains("\"verificationResult\": \"ACCEPTED\""))
        .expect("the demo has an accepted code");
    let mut capture = String::with_capacity((copies + 1) * (line.len() + 1));
    capture.push_str(line);
    capture.push('\n');
    let defect = line.replace("\"ACCEPTED\"", "\"MAYBE\"");
    for _ in 0..copies {
        capture.push_str(&defect);
        capture.push('\n');
    }
    scratch.file(&format!("one-defect-{copies}.jsonl"), capture)
}

#[test]
fn one_defect_in_thousands_of_exchanges_is_one_group_with_its_count() {
    let scratch = Scratch::new("one-group");
    let copies = 20_000;
    let capture = one_defect(&scratch, copies);
    let text = run(confirmspec().arg("validate").arg(&capture));
    assert_eq!(text.code, 1, "{}", text.stderr);
    let groups: Vec<&str> = text
        .stdout
        .lines()
        .filter(|l| l.contains("[enum] in "))
        .collect();
    assert_eq!(
        groups,
        [format!(
            "  error response.body /result/verificationResult [enum] in {copies} exchanges, first {}#1, last {}#{copies}",
            capture.display(),
            capture.display()
        )],
        "{}",
        text.stdout
    );
    assert!(text.stdout.lines().count() < 12, "{}", text.stdout);

    // --verbose keeps a line per exchange.
    let verbose = run(confirmspec().args(["validate", "--verbose"]).arg(&capture));
    let lines = verbose
        .stdout
        .lines()
        .filter(|l| l.ends_with("violating") && l.contains("PUT "))
        .count();
    assert_eq!(lines, copies);

    // Markdown: one row with the count.
    let markdown = run(confirmspec()
        .args(["validate", "--format", "markdown"])
        .arg(&capture));
    let rows: Vec<&str> = markdown
        .stdout
        .lines()
        .filter(|l| l.starts_with("| yandex-market `verifyOrderEac`") && l.contains("`enum`"))
        .collect();
    assert_eq!(rows.len(), 1, "{}", markdown.stdout);
    assert!(rows[0].contains(&format!("| {copies} |")), "{}", rows[0]);

    // JSON keeps every violation and adds the group.
    let report = json(&run(confirmspec()
        .args(["validate", "--format", "json"])
        .arg(&capture)));
    assert_eq!(report["exchanges"].as_array().unwrap().len(), copies + 1);
    let groups = report["groups"]["violations"].as_array().unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0]["exchanges"], copies);
    assert_eq!(groups[0]["first"]["index"], 1);
    assert_eq!(groups[0]["last"]["index"], copies);

    // The page's size is the groups', not the traffic's: 10 copies or 20,000, the same page
    // but for the digits of the counts.
    let few = one_defect(&scratch, 10);
    let size = |capture: &Path| {
        let page = run(confirmspec()
            .args(["validate", "--format", "html"])
            .arg(capture));
        page.stdout.len()
    };
    let (small, large) = (size(&few), size(&capture));
    assert!(
        large.abs_diff(small) < 100,
        "10 copies: {small} bytes, {copies}: {large} bytes"
    );
}

#[test]
fn verbose_is_for_text_only() {
    let ran = run(confirmspec()
        .args(["validate", "--verbose", "--format", "json"])
        .arg(DEMO));
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert!(
        ran.stderr.contains("--verbose is for --format text"),
        "{}",
        ran.stderr
    );
}
