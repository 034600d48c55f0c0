//! The text report, for people: exchanges grouped by operation, each violation with its
//! location, pointer, message and the spec line it breaks, and the summary last. Colour is
//! written as ANSI styles; `anstream` drops them when the output is not a terminal.

use std::collections::BTreeMap;
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use super::{Coverage, ExchangeResult, PayloadRun, Run, pointer_label};
use crate::validate::{Severity, Verdict, Violation};

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const RED: Style = Style::new()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)))
    .bold();
const YELLOW: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));
const GREEN: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));

fn verdict_style(verdict: Verdict) -> Style {
    match verdict {
        Verdict::Conforming => GREEN,
        Verdict::Violating | Verdict::Unreadable => RED,
        Verdict::Unmatched => YELLOW,
    }
}

/// The rules an operation's exchanges break more than once, most frequent first: "`required`
/// at response.body /result/attemptsLeft in 37 of 1,200 exchanges of verifyOrderEac".
fn repeated_lines(
    out: &mut impl Write,
    operation: &str,
    results: &[&ExchangeResult],
) -> io::Result<()> {
    let mut counts: BTreeMap<(&str, Option<&str>, &str), usize> = BTreeMap::new();
    for result in results {
        let mut seen = std::collections::BTreeSet::new();
        for v in &result.violations {
            seen.insert((
                v.location.as_str(),
                v.pointer.as_deref(),
                v.keyword.as_str(),
            ));
        }
        for rule in seen {
            *counts.entry(rule).or_default() += 1;
        }
    }
    let mut repeated: Vec<_> = counts.into_iter().filter(|(_, n)| *n > 1).collect();
    repeated.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for ((location, pointer, keyword), n) in repeated {
        let at = pointer_label(pointer);
        writeln!(
            out,
            "  {YELLOW}repeated{YELLOW:#} [{keyword}] {location}{at} in {n} of {} exchanges of {operation}",
            results.len()
        )?;
    }
    Ok(())
}

/// How many operations and documented responses the run exercised, and which it never did
/// (the first few of each, for specs with hundreds of operations).
fn coverage_lines(out: &mut impl Write, coverage: &Coverage) -> io::Result<()> {
    const SHOWN: usize = 12;
    let operations = coverage.operations.len();
    if operations == 0 {
        return Ok(());
    }
    let exercised = operations - coverage.unexercised().count();
    let responses = coverage
        .operations
        .iter()
        .map(|o| o.statuses.len())
        .sum::<usize>();
    let seen = coverage
        .operations
        .iter()
        .flat_map(|o| &o.statuses)
        .filter(|s| s.exchanges > 0)
        .count();
    writeln!(
        out,
        "{BOLD}Coverage:{BOLD:#} {exercised} of {operations} operations exercised; {seen} of {responses} documented responses seen"
    )?;
    let never: Vec<String> = coverage
        .unexercised()
        .map(|o| format!("{} {}", o.spec, o.operation))
        .collect();
    list_line(out, "operations never exercised", &never, SHOWN)?;
    let unseen: Vec<String> = coverage
        .operations
        .iter()
        .filter(|o| o.exchanges > 0)
        .filter_map(|o| {
            let missing: Vec<&str> = o
                .statuses
                .iter()
                .filter(|s| s.exchanges == 0)
                .map(|s| s.status.as_str())
                .collect();
            (!missing.is_empty()).then(|| format!("{} {}", o.operation, missing.join(" ")))
        })
        .collect();
    list_line(out, "responses never seen", &unseen, SHOWN)
}

fn list_line(out: &mut impl Write, title: &str, items: &[String], shown: usize) -> io::Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    let more = items.len().saturating_sub(shown);
    let tail = if more > 0 {
        format!(", and {more} more")
    } else {
        String::new()
    };
    writeln!(
        out,
        "  {title}: {}{tail}",
        items[..items.len().min(shown)].join(", ")
    )
}

/// Writes a run over captures as text.
pub fn write_text(out: &mut impl Write, run: &Run) -> io::Result<()> {
    let mut groups: BTreeMap<(String, String), Vec<&ExchangeResult>> = BTreeMap::new();
    let mut unmatched = Vec::new();
    let mut unreadable = Vec::new();
    for result in &run.exchanges {
        match (&result.spec, &result.operation, result.verdict) {
            (_, _, Verdict::Unreadable) => unreadable.push(result),
            (Some(spec), Some(operation), _) => groups
                .entry((spec.clone(), operation.clone()))
                .or_default()
                .push(result),
            _ => unmatched.push(result),
        }
    }

    for ((spec, operation), results) in &groups {
        let violating = results
            .iter()
            .filter(|r| r.verdict == Verdict::Violating)
            .count();
        writeln!(
            out,
            "{BOLD}{spec} {operation}{BOLD:#}  {} exchange{}, {}{violating} violating{:#}",
            results.len(),
            plural(results.len()),
            if violating > 0 { RED } else { GREEN },
            if violating > 0 { RED } else { GREEN },
        )?;
        repeated_lines(out, operation, results)?;
        for result in results.iter().filter(|r| !r.violations.is_empty()) {
            exchange_line(out, result)?;
            for violation in &result.violations {
                violation_lines(out, violation)?;
            }
        }
    }
    if !unmatched.is_empty() {
        writeln!(
            out,
            "{BOLD}unmatched{BOLD:#}  {} exchange{}",
            unmatched.len(),
            plural(unmatched.len())
        )?;
        for result in &unmatched {
            exchange_line(out, result)?;
            if let Some(reason) = &result.reason {
                writeln!(out, "      {reason}")?;
            }
        }
    }
    if !unreadable.is_empty() {
        writeln!(
            out,
            "{BOLD}unreadable{BOLD:#}  {} entr{}",
            unreadable.len(),
            if unreadable.len() == 1 { "y" } else { "ies" }
        )?;
        for result in &unreadable {
            writeln!(
                out,
                "  {RED}{}{RED:#}",
                result.reason.as_deref().unwrap_or("unreadable")
            )?;
        }
    }
    coverage_lines(out, &run.coverage)?;
    let s = run.summary;
    writeln!(
        out,
        "{BOLD}Summary:{BOLD:#} {} exchange{}: {GREEN}{} conforming{GREEN:#}, {}{} violating{:#}, {}{} unmatched{:#}, {}{} unreadable{:#}",
        s.exchanges,
        plural(s.exchanges),
        s.conforming,
        if s.violating > 0 { RED } else { Style::new() },
        s.violating,
        if s.violating > 0 { RED } else { Style::new() },
        if s.unmatched > 0 {
            YELLOW
        } else {
            Style::new()
        },
        s.unmatched,
        if s.unmatched > 0 {
            YELLOW
        } else {
            Style::new()
        },
        if s.unreadable > 0 { RED } else { Style::new() },
        s.unreadable,
        if s.unreadable > 0 { RED } else { Style::new() },
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn exchange_line(out: &mut impl Write, result: &ExchangeResult) -> io::Result<()> {
    let style = verdict_style(result.verdict);
    let status = result
        .status
        .map(|s| format!(" -> {s}"))
        .unwrap_or_default();
    writeln!(
        out,
        "  {DIM}{}#{}{DIM:#} {} {}{status}  {style}{}{style:#}",
        result.source,
        result.index,
        result.method.as_deref().unwrap_or("?"),
        result.url.as_deref().unwrap_or("?"),
        result.verdict,
    )
}

fn violation_lines(out: &mut impl Write, violation: &Violation) -> io::Result<()> {
    let style = match violation.severity {
        Severity::Error => RED,
        Severity::Warning => YELLOW,
    };
    let pointer = pointer_label(violation.pointer.as_deref());
    writeln!(
        out,
        "    {style}{}{style:#} {BOLD}{}{pointer}{BOLD:#} [{}] {}",
        violation.severity.as_str(),
        violation.location,
        violation.keyword,
        violation.message
    )?;
    if let (Some(file), Some(line)) = (&violation.spec_file, violation.spec_line) {
        let path = violation.schema_path.as_deref().unwrap_or("");
        writeln!(out, "      {DIM}{file}:{line}  {path}{DIM:#}")?;
    }
    Ok(())
}

/// Writes a run over payloads as text.
pub fn write_payloads_text(out: &mut impl Write, run: &PayloadRun) -> io::Result<()> {
    for payload in &run.payloads {
        let style = verdict_style(payload.verdict);
        writeln!(
            out,
            "{BOLD}{}{BOLD:#}  {style}{}{style:#}",
            payload.file, payload.verdict
        )?;
        if let Some(reason) = &payload.reason {
            writeln!(out, "    {reason}")?;
        }
        for violation in &payload.violations {
            violation_lines(out, violation)?;
        }
    }
    let s = run.summary;
    writeln!(
        out,
        "{BOLD}Summary:{BOLD:#} {} payload{}: {} conforming, {} violating, {} unreadable",
        s.payloads,
        plural(s.payloads),
        s.conforming,
        s.violating,
        s.unreadable
    )
}
