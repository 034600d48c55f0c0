//! The JUnit XML report: one test suite per operation (and one each for unmatched and
//! unreadable exchanges), one test case per exchange, the violations in its failure. Every
//! operation of the specs has its suite, an empty one when no exchange exercised it, and
//! each operation suite's properties give its coverage.

use std::collections::BTreeMap;
use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::BytesText;

use super::Run;
use crate::run::ExchangeResult;
use crate::tally::OperationCoverage;
use crate::validate::{Severity, Verdict, pointer_label};

/// Writes a run over captures as JUnit XML, the dialect Jenkins, GitLab and GitHub read.
pub fn write_junit(out: &mut impl Write, run: &Run) -> io::Result<()> {
    let mut suites: BTreeMap<String, Vec<&ExchangeResult>> = BTreeMap::new();
    // Every operation has its suite, exercised or not: an empty one says "never exercised".
    let mut coverage: BTreeMap<String, &OperationCoverage> = BTreeMap::new();
    for operation in &run.coverage.operations {
        let name = format!("{} {}", operation.spec, operation.operation);
        suites.entry(name.clone()).or_default();
        coverage.insert(name, operation);
    }
    for result in &run.exchanges {
        let suite = match (&result.spec, &result.operation, result.verdict) {
            (_, _, Verdict::Unreadable) => "unreadable".to_owned(),
            (Some(spec), Some(operation), _) => format!("{spec} {operation}"),
            _ => "unmatched".to_owned(),
        };
        suites.entry(suite).or_default().push(result);
    }
    let failing =
        |r: &&&ExchangeResult| matches!(r.verdict, Verdict::Violating | Verdict::Unmatched);
    let erring = |r: &&&ExchangeResult| r.verdict == Verdict::Unreadable;

    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    let mut writer = Writer::new_with_indent(&mut *out, b' ', 2);
    let s = run.summary;
    writer
        .create_element("testsuites")
        .with_attribute(("name", "confirmspec"))
        .with_attribute(("tests", s.exchanges.to_string().as_str()))
        .with_attribute(("failures", (s.violating + s.unmatched).to_string().as_str()))
        .with_attribute(("errors", s.unreadable.to_string().as_str()))
        .write_inner_content(|w| {
            for (name, results) in &suites {
                let failures = results.iter().filter(failing).count();
                let errors = results.iter().filter(erring).count();
                w.create_element("testsuite")
                    .with_attribute(("name", name.as_str()))
                    .with_attribute(("tests", results.len().to_string().as_str()))
                    .with_attribute(("failures", failures.to_string().as_str()))
                    .with_attribute(("errors", errors.to_string().as_str()))
                    .with_attribute(("skipped", "0"))
                    .write_inner_content(|w| {
                        if let Some(operation) = coverage.get(name) {
                            coverage_properties(w, operation)?;
                        }
                        for result in results {
                            test_case(w, name, result)?;
                        }
                        Ok(())
                    })?;
            }
            Ok(())
        })?;
    writeln!(out)
}

/// An operation suite's coverage, as properties: how many exchanges, and which documented
/// responses were seen and which never were.
fn coverage_properties<W: Write>(
    w: &mut Writer<W>,
    operation: &OperationCoverage,
) -> io::Result<()> {
    let statuses = |seen: bool| {
        operation
            .statuses
            .iter()
            .filter(|s| (s.exchanges > 0) == seen)
            .map(|s| s.status.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let exchanges = operation.exchanges.to_string();
    let properties = [
        ("coverage.exchanges", exchanges.as_str()),
        ("coverage.responses.seen", &statuses(true)),
        ("coverage.responses.unseen", &statuses(false)),
    ];
    w.create_element("properties").write_inner_content(|w| {
        for (name, value) in properties {
            w.create_element("property")
                .with_attribute(("name", name))
                .with_attribute(("value", value))
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

fn test_case<W: Write>(w: &mut Writer<W>, suite: &str, result: &ExchangeResult) -> io::Result<()> {
    let name = match (&result.method, &result.url, result.status) {
        (Some(method), Some(url), Some(status)) => {
            format!(
                "{}#{} {method} {url} -> {status}",
                result.source, result.index
            )
        }
        (Some(method), Some(url), None) => {
            format!("{}#{} {method} {url}", result.source, result.index)
        }
        _ => format!("{}#{}", result.source, result.index),
    };
    let element = w
        .create_element("testcase")
        .with_attribute(("name", name.as_str()))
        .with_attribute(("classname", suite.replace(' ', ".").as_str()));
    let details = || {
        result
            .violations
            .iter()
            .map(|v| {
                let source = match (&v.spec_file, v.spec_line) {
                    (Some(file), Some(line)) => format!(" ({file}:{line})"),
                    _ => String::new(),
                };
                format!(
                    "{} {}{} [{}] {}{source}",
                    v.severity.as_str(),
                    v.location,
                    pointer_label(v.pointer.as_deref()),
                    v.keyword,
                    v.message
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    match result.verdict {
        Verdict::Conforming if result.violations.is_empty() => {
            element.write_empty()?;
        }
        Verdict::Conforming => {
            element.write_inner_content(|w| {
                w.create_element("system-out")
                    .write_text_content(BytesText::new(&details()))?;
                Ok(())
            })?;
        }
        Verdict::Violating => {
            let errors = result
                .violations
                .iter()
                .filter(|v| v.severity == Severity::Error)
                .count();
            let message = format!("{errors} violation{}", if errors == 1 { "" } else { "s" });
            element.write_inner_content(|w| {
                w.create_element("failure")
                    .with_attribute(("type", "violating"))
                    .with_attribute(("message", message.as_str()))
                    .write_text_content(BytesText::new(&details()))?;
                Ok(())
            })?;
        }
        Verdict::Unmatched | Verdict::Unreadable => {
            let (tag, kind) = if result.verdict == Verdict::Unmatched {
                ("failure", "unmatched")
            } else {
                ("error", "unreadable")
            };
            let reason = result.reason.as_deref().unwrap_or(kind);
            element.write_inner_content(|w| {
                w.create_element(tag)
                    .with_attribute(("type", kind))
                    .with_attribute(("message", reason))
                    .write_empty()?;
                Ok(())
            })?;
        }
    }
    Ok(())
}
