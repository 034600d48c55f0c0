//! The README and the book (`docs/`) as a newcomer runs them: every shell block marked
//! `<!-- readme-test: run GROUP -->` runs (the blocks of a group in one shell, in the order of
//! the README then the book's chapters) with the built `confirmspec` on the PATH, in a scratch
//! directory that holds the files they mark `<!-- readme-test: file PATH -->` and, as
//! `confirmspec`, this checkout. So the embedding snippet builds as written and talks to the
//! mock, and the curl flows and the proxy's offline recipe answer as the manual says. (Their
//! Rust blocks are doctests: `src/lib.rs`.) The book builds with `mdbook build docs`.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use crate::cli::Scratch;

/// The marked blocks: files to write, and shell groups to run.
struct Marked {
    files: Vec<(String, String)>,
    groups: BTreeMap<usize, (String, String)>,
}

fn marked(readme: &str) -> Marked {
    let mut files = Vec::new();
    let mut groups: BTreeMap<usize, (String, String)> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let lines: Vec<&str> = readme.lines().collect();
    let mut at = 0;
    while at < lines.len() {
        let line = lines[at].trim();
        at += 1;
        let Some(mark) = line
            .strip_prefix("<!-- readme-test: ")
            .and_then(|rest| rest.strip_suffix(" -->"))
        else {
            continue;
        };
        assert!(
            lines.get(at).is_some_and(|l| l.starts_with("```")),
            "a readme-test mark stands right above a fenced block: {line}"
        );
        let body: Vec<&str> = lines[at + 1..]
            .iter()
            .take_while(|l| !l.starts_with("```"))
            .copied()
            .collect();
        at += body.len() + 2;
        let body = body.join("\n") + "\n";
        match mark.split_once(' ') {
            Some(("file", path)) => files.push((path.to_owned(), body)),
            Some(("run", group)) => {
                let index = order.iter().position(|g| g == group).unwrap_or_else(|| {
                    order.push(group.to_owned());
                    order.len() - 1
                });
                groups
                    .entry(index)
                    .or_insert_with(|| (group.to_owned(), String::new()))
                    .1
                    .push_str(&body);
            }
            _ => panic!("an unknown readme-test mark: {line}"),
        }
    }
    Marked { files, groups }
}

/// The README, then the book's chapters in the order of its `SUMMARY.md`.
fn documentation() -> String {
    let mut text = std::fs::read_to_string("README.md").unwrap();
    let summary = std::fs::read_to_string("docs/src/SUMMARY.md").unwrap();
    for chapter in chapters(&summary) {
        let path = Path::new("docs/src").join(&chapter);
        text.push('\n');
        text.push_str(
            &std::fs::read_to_string(&path).unwrap_or_else(|e| {
                panic!("{}: named in docs/src/SUMMARY.md: {e}", path.display())
            }),
        );
    }
    text
}

/// The files a book's `SUMMARY.md` links to, in order.
fn chapters(summary: &str) -> Vec<String> {
    summary
        .lines()
        .filter_map(|line| {
            let start = line.find("](")? + 2;
            let end = start + line[start..].find(')')?;
            Some(line[start..end].to_owned())
        })
        .collect()
}

#[test]
fn every_runnable_readme_and_book_block_runs_as_written() {
    let marked = marked(&documentation());
    let scratch = Scratch::new("readme");
    let repo = std::env::current_dir().unwrap();
    // The README's `path = "../confirmspec"`: this checkout, beside the service.
    std::os::unix::fs::symlink(&repo, scratch.0.join("confirmspec")).unwrap();
    for (path, text) in &marked.files {
        let path = scratch.0.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
    }
    // The service resolves the crates this checkout pinned.
    if scratch.0.join("my-service").exists() {
        std::fs::copy("Cargo.lock", scratch.0.join("my-service/Cargo.lock")).unwrap();
    }
    let binary = Path::new(env!("CARGO_BIN_EXE_confirmspec"));
    // The broker of the Kafka recipe: found as the Kafka tests find it, or they say how to
    // install it.
    let tansu = crate::broker::tansu();
    let path = format!(
        "{}:{}:{}",
        binary.parent().unwrap().display(),
        tansu.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // What each group's output shows when it did what the README says.
    let expected: BTreeMap<&str, &[&str]> = BTreeMap::from([
        (
            "embed",
            &[
                "Some(Rejected), Some(2) attempts left",
                "Some(Accepted), None attempts left",
            ][..],
        ),
        (
            "mock-flows",
            &[
                r#""verificationResult":"ACCEPTED""#,
                r#""result":"success""#,
                r#""status":"SUCCESS""#,
            ][..],
        ),
        (
            "consume-local",
            &[
                "18\n",
                "20 records",
                "20 exchanges: 18 conforming, 1 violating, 1 unmatched, 0 unreadable",
                "20 verdicts written",
            ][..],
        ),
        (
            "proxy-offline",
            &[
                r#""verificationResult":"REJECTED""#,
                r#""operation":"verifyOrderEac","status":200,"documented_status":"200","verdict":"conforming""#,
                "Summary: 2 exchanges: 2 conforming",
            ][..],
        ),
    ]);
    let groups: Vec<&str> = marked.groups.values().map(|(g, _)| g.as_str()).collect();
    assert_eq!(
        groups,
        ["proxy-offline", "consume-local", "embed", "mock-flows"],
        "each runnable group of the README and the book has its expectations here"
    );
    for (group, script) in marked.groups.values() {
        let output = Command::new("bash")
            .args(["-euo", "pipefail", "-c", script])
            .current_dir(&scratch.0)
            .env("PATH", &path)
            // The service's build, kept between runs.
            .env("CARGO_TARGET_DIR", repo.join("target/readme-service"))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "{group}: {:?}\n{stdout}\n{stderr}",
            output.status
        );
        for shown in expected[group.as_str()] {
            assert!(
                stdout.contains(shown),
                "{group} should show {shown}:\n{stdout}"
            );
        }
    }
}

#[test]
fn the_readme_test_command_is_the_one_ci_runs() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(
        readme.contains("```sh\n.ci/test\n```"),
        "the README gives .ci/test as its test command"
    );
    let ci = std::fs::read_to_string(".ci/run").unwrap();
    assert!(
        ci.lines().any(|line| line.trim() == "exec .ci/test"),
        ".ci/run runs the same script"
    );
}

#[test]
fn every_chapter_is_in_the_summary_and_every_link_between_pages_lands() {
    let summary = std::fs::read_to_string("docs/src/SUMMARY.md").unwrap();
    let listed = chapters(&summary);
    let mut on_disk: Vec<String> = std::fs::read_dir("docs/src")
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".md") && name != "SUMMARY.md")
        .collect();
    on_disk.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(
        sorted, on_disk,
        "docs/src/SUMMARY.md lists every chapter, once"
    );
    // A link to a page of the book (from the README or from a chapter) names a page that is
    // there and, after `#`, a heading that page has.
    let mut pages = vec!["README.md".to_owned()];
    pages.extend(listed.iter().map(|c| format!("docs/src/{c}")));
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        let base = if page == "README.md" { "" } else { "docs/src/" };
        for target in links(&text) {
            if target.starts_with("http") || target.starts_with("mailto:") {
                continue;
            }
            let (file, anchor) = target.split_once('#').unwrap_or((&target, ""));
            let file = if file.is_empty() {
                page.clone()
            } else {
                format!("{base}{file}")
            };
            let Ok(linked) = std::fs::read_to_string(&file) else {
                assert!(
                    Path::new(&file).exists(),
                    "{page}: a link to {target}: no {file}"
                );
                continue;
            };
            if !anchor.is_empty() {
                assert!(
                    headings(&linked).iter().any(|h| h == anchor),
                    "{page}: a link to {target}: {file} has no heading #{anchor}"
                );
            }
        }
    }
}

/// A page's lines outside its fenced code blocks (the fences themselves left out too).
fn prose(text: &str) -> impl Iterator<Item = &str> {
    let mut fenced = false;
    text.lines().filter(move |line| {
        if line.starts_with("```") {
            fenced = !fenced;
            return false;
        }
        !fenced
    })
}

/// The targets of a page's Markdown links (`[text](target)`), outside code blocks.
fn links(text: &str) -> Vec<String> {
    let mut targets = Vec::new();
    for line in prose(text) {
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            rest = &rest[at + 2..];
            if let Some(end) = rest.find(')') {
                targets.push(rest[..end].to_owned());
                rest = &rest[end..];
            }
        }
    }
    targets
}

/// The anchors of a page's headings, as GitHub and mdBook make them.
fn headings(text: &str) -> Vec<String> {
    prose(text)
        .filter_map(|line| line.strip_prefix('#'))
        .map(|heading| {
            heading
                .trim_start_matches('#')
                .trim()
                .to_lowercase()
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_' || *c == ' ')
                .map(|c| if c == ' ' { '-' } else { c })
                .collect()
        })
        .collect()
}
