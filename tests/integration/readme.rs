//! The README as a newcomer runs it: every shell block marked `<!-- readme-test: run GROUP -->`
//! runs (the blocks of a group in one shell, in the README's order) with the built
//! `confirmspec` on the PATH, in a scratch directory that holds the files the README marks
//! `<!-- readme-test: file PATH -->` and, as `confirmspec`, this checkout. So the embedding
//! snippet builds as written and talks to the mock, and the curl flows and the proxy's
//! offline recipe answer as the README says. (The README's Rust blocks are doctests.)

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

#[test]
fn every_runnable_readme_block_runs_as_written() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let marked = marked(&readme);
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
        "each runnable group of the README has its expectations here"
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
