//! Reports a team reads: grouped text and Markdown, and `--format html` looked at in a real
//! browser (Debian's chromium, headless): the page renders, its numbers are the JSON report's,
//! and it asks nothing of the network.
//!
//! The page's requests are read from its own tab's network events (see `browser`); a control
//! page with one external image is seen making its request, so "no request" is measured, not
//! assumed. The browser's calls to its own services are not the page's and are not counted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::browser::Browser;
use crate::cli::{DEMO, Scratch, confirmspec, json, run};

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
    let mut browser = Browser::start(&scratch.0);

    // The detector works: a page that fetches one image is seen fetching it.
    let control = scratch.file(
        "control.html",
        "<!DOCTYPE html><p>control</p><img src=\"http://control.invalid/pixel.png\">",
    );
    let seen = browser.visit(&file_url(&control)).requests;
    assert_eq!(
        seen,
        ["http://control.invalid/pixel.png"],
        "the control page's one request, and nothing else"
    );

    let report = scratch.0.join("report.html");
    let ran = run(confirmspec()
        .args(["validate", "--format", "html", "-o"])
        .arg(&report)
        .arg(DEMO));
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    let visit = browser.visit(&file_url(&report));
    assert_eq!(
        visit.requests,
        [] as [String; 0],
        "the report page made requests"
    );
    let blank = scratch.file("blank.html", "<!DOCTYPE html><title>blank</title>");
    let blank = browser.visit(&file_url(&blank));
    let (dom, png, blank_png) = (visit.dom, visit.screenshot, blank.screenshot);

    // It rendered: the browser parsed the whole page, and painted more than a blank one.
    assert!(dom.contains("</footer>"), "{dom}");
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
        crate::root().display()
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
