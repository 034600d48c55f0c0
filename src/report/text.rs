//! The text report, for people: exchanges grouped by operation, each violation with its
//! location, pointer, message and the spec line it breaks, and the summary last. Colour is
//! written as ANSI styles when the caller asks for it ([`Palette`]), and not at all otherwise,
//! so a report to a file or a pipe needs no adapter to strip it.

use std::collections::BTreeMap;
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use crate::run::{PayloadRun, SpecPaths};
use crate::validate::{Coverage, ExchangeResult, Summary};
use crate::validate::{Severity, Verdict, Violation, pointer_label};

/// The styles of the text report: ANSI colour for a terminal, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    bold: Style,
    dim: Style,
    red: Style,
    yellow: Style,
    green: Style,
}

impl Palette {
    /// ANSI styles, for a terminal.
    pub const COLOUR: Palette = Palette {
        bold: Style::new().bold(),
        dim: Style::new().dimmed(),
        red: Style::new()
            .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)))
            .bold(),
        yellow: Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow))),
        green: Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green))),
    };
    /// No styles at all, for files and pipes.
    pub const PLAIN: Palette = Palette {
        bold: Style::new(),
        dim: Style::new(),
        red: Style::new(),
        yellow: Style::new(),
        green: Style::new(),
    };

    /// [`Palette::COLOUR`] when `colour`, else [`Palette::PLAIN`].
    pub fn new(colour: bool) -> Self {
        if colour { Self::COLOUR } else { Self::PLAIN }
    }

    fn verdict(self, verdict: Verdict) -> Style {
        match verdict {
            Verdict::Conforming => self.green,
            Verdict::Violating | Verdict::Unreadable => self.red,
            Verdict::Unmatched => self.yellow,
        }
    }
}

/// A rule: where in the exchange, the body pointer, the keyword.
type Repeat = (String, Option<String>, &'static str);

/// The rules an operation's exchanges break more than once, most frequent first: "`required`
/// at response.body /result/attemptsLeft in 37 of 1,200 exchanges of verifyOrderEac".
fn repeated_lines(
    out: &mut impl Write,
    p: Palette,
    operation: &str,
    group: &Group,
) -> io::Result<()> {
    let Palette { yellow, .. } = p;
    let mut repeated: Vec<_> = group.rules.iter().filter(|(_, n)| **n > 1).collect();
    repeated.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for ((location, pointer, keyword), n) in repeated {
        let at = pointer_label(pointer.as_deref());
        writeln!(
            out,
            "  {yellow}repeated{yellow:#} [{keyword}] {location}{at} in {n} of {} exchanges of {operation}",
            group.exchanges
        )?;
    }
    Ok(())
}

/// How many operations and documented responses the run exercised, and which it never did
/// (the first few of each, for specs with hundreds of operations).
fn coverage_lines(out: &mut impl Write, p: Palette, coverage: &Coverage) -> io::Result<()> {
    let Palette { bold, .. } = p;
    const LISTED: usize = 12;
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
        "{bold}Coverage:{bold:#} {exercised} of {operations} operations exercised; {seen} of {responses} documented responses seen"
    )?;
    let never: Vec<String> = coverage
        .unexercised()
        .map(|o| format!("{} {}", o.spec, o.operation))
        .collect();
    list_line(out, "operations never exercised", &never, LISTED)?;
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
    list_line(out, "responses never seen", &unseen, LISTED)
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

/// How many exchanges of each group the text report shows in full; the rest are counted, and
/// their rules aggregated ("repeated ... in 37 of 1,200 exchanges").
const SHOWN: usize = 20;

/// The exchanges of one operation, as the text report keeps them.
#[derive(Default)]
struct Group {
    exchanges: usize,
    violating: usize,
    /// How many exchanges broke each rule.
    rules: BTreeMap<Repeat, usize>,
    /// The first exchanges with findings, in full.
    shown: Vec<ExchangeResult>,
    /// How many more had findings.
    more: usize,
}

/// The text report, built as results arrive: every count, and the first few exchanges of each
/// operation in full, so that memory does not grow with the capture.
pub struct TextReport<W: Write> {
    out: W,
    palette: Palette,
    summary: Summary,
    coverage: Coverage,
    groups: BTreeMap<(String, String), Group>,
    unmatched: Group,
    unreadable: Vec<ExchangeResult>,
    /// Whether a violation named a spec file (then the report says where they are).
    named_files: bool,
}

impl<W: Write> TextReport<W> {
    /// A report to be written to `out` in `palette`, listing the operations of `coverage`.
    pub fn new(out: W, palette: Palette, coverage: Coverage) -> Self {
        TextReport {
            out,
            palette,
            summary: Summary::default(),
            coverage,
            groups: BTreeMap::new(),
            unmatched: Group::default(),
            unreadable: Vec::new(),
            named_files: false,
        }
    }

    /// Counts one result, and keeps it if it is among the first of its group with findings.
    pub fn push(&mut self, result: ExchangeResult) {
        self.summary.count(result.verdict);
        self.coverage.count(&result);
        self.named_files |= result.violations.iter().any(|v| v.spec_file.is_some());
        let group = match (&result.spec, &result.operation, result.verdict) {
            (_, _, Verdict::Unreadable) => {
                self.unreadable.push(result);
                return;
            }
            (Some(spec), Some(operation), _) => self
                .groups
                .entry((spec.clone(), operation.clone()))
                .or_default(),
            _ => &mut self.unmatched,
        };
        group.exchanges += 1;
        if result.verdict == Verdict::Violating {
            group.violating += 1;
        }
        let mut seen = std::collections::BTreeSet::new();
        for v in &result.violations {
            seen.insert((v.location.to_string(), &v.pointer, v.keyword.as_str()));
        }
        for (location, pointer, keyword) in seen {
            *group
                .rules
                .entry((location, pointer.clone(), keyword))
                .or_default() += 1;
        }
        if result.violations.is_empty() && result.verdict != Verdict::Unmatched {
            return;
        }
        if group.shown.len() < SHOWN {
            group.shown.push(result);
        } else {
            group.more += 1;
        }
    }

    /// Writes the report; returns the counts.
    pub fn finish(mut self) -> io::Result<Summary> {
        let p = self.palette;
        let Palette { bold, red, .. } = p;
        let out = &mut self.out;
        for ((spec, operation), group) in &self.groups {
            let violating = group.violating;
            let style = if violating > 0 { p.red } else { p.green };
            writeln!(
                out,
                "{bold}{spec} {operation}{bold:#}  {} exchange{}, {style}{violating} violating{style:#}",
                group.exchanges,
                plural(group.exchanges),
            )?;
            repeated_lines(out, p, operation, group)?;
            for result in &group.shown {
                exchange_line(out, p, result)?;
                for violation in &result.violations {
                    violation_lines(out, p, violation)?;
                }
            }
            more_line(out, p, group.more)?;
        }
        let unmatched = &self.unmatched;
        if unmatched.exchanges > 0 {
            writeln!(
                out,
                "{bold}unmatched{bold:#}  {} exchange{}",
                unmatched.exchanges,
                plural(unmatched.exchanges)
            )?;
            for result in &unmatched.shown {
                exchange_line(out, p, result)?;
                if let Some(reason) = &result.reason {
                    writeln!(out, "      {reason}")?;
                }
            }
            more_line(out, p, unmatched.more)?;
        }
        if !self.unreadable.is_empty() {
            writeln!(
                out,
                "{bold}unreadable{bold:#}  {} entr{}",
                self.unreadable.len(),
                if self.unreadable.len() == 1 {
                    "y"
                } else {
                    "ies"
                }
            )?;
            for result in &self.unreadable {
                writeln!(
                    out,
                    "  {red}{}{red:#}",
                    result.reason.as_deref().unwrap_or("unreadable")
                )?;
            }
        }
        if self.named_files {
            spec_paths_line(out, p)?;
        }
        coverage_lines(out, p, &self.coverage)?;
        summary_line(out, p, self.summary)?;
        out.flush()?;
        Ok(self.summary)
    }
}

fn more_line(out: &mut impl Write, p: Palette, more: usize) -> io::Result<()> {
    let Palette { dim, .. } = p;
    if more > 0 {
        writeln!(
            out,
            "  {dim}and {more} more exchange{} with findings (every one is in --format json or jsonl){dim:#}",
            plural(more)
        )?;
    }
    Ok(())
}

fn summary_line(out: &mut impl Write, p: Palette, s: Summary) -> io::Result<()> {
    let Palette { bold, green, .. } = p;
    writeln!(
        out,
        "{bold}Summary:{bold:#} {} exchange{}: {green}{} conforming{green:#}, {}{} violating{:#}, {}{} unmatched{:#}, {}{} unreadable{:#}",
        s.exchanges,
        plural(s.exchanges),
        s.conforming,
        if s.violating > 0 { p.red } else { Style::new() },
        s.violating,
        if s.violating > 0 { p.red } else { Style::new() },
        if s.unmatched > 0 {
            p.yellow
        } else {
            Style::new()
        },
        s.unmatched,
        if s.unmatched > 0 {
            p.yellow
        } else {
            Style::new()
        },
        if s.unreadable > 0 {
            p.red
        } else {
            Style::new()
        },
        s.unreadable,
        if s.unreadable > 0 {
            p.red
        } else {
            Style::new()
        },
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn exchange_line(out: &mut impl Write, p: Palette, result: &ExchangeResult) -> io::Result<()> {
    let Palette { dim, .. } = p;
    let style = p.verdict(result.verdict);
    let status = result
        .status
        .map(|s| format!(" -> {s}"))
        .unwrap_or_default();
    writeln!(
        out,
        "  {dim}{}#{}{dim:#} {} {}{status}  {style}{}{style:#}",
        result.source,
        result.index,
        result.method.as_deref().unwrap_or("?"),
        result.url.as_deref().unwrap_or("?"),
        result.verdict,
    )
}

fn violation_lines(out: &mut impl Write, p: Palette, violation: &Violation) -> io::Result<()> {
    let Palette { bold, dim, .. } = p;
    let style = match violation.severity {
        Severity::Error => p.red,
        Severity::Warning => p.yellow,
    };
    let pointer = pointer_label(violation.pointer.as_deref());
    writeln!(
        out,
        "    {style}{}{style:#} {bold}{}{pointer}{bold:#} [{}] {}",
        violation.severity.as_str(),
        violation.location,
        violation.keyword,
        violation.message
    )?;
    if let (Some(file), Some(line)) = (&violation.spec_file, violation.spec_line) {
        let path = violation.schema_path.as_deref().unwrap_or("");
        writeln!(out, "      {dim}{file}:{line}  {path}{dim:#}")?;
    }
    Ok(())
}

/// Where the spec files named above are: the bundled ones, and the others.
fn spec_paths_line(out: &mut impl Write, p: Palette) -> io::Result<()> {
    let Palette { dim, .. } = p;
    let paths = SpecPaths::here();
    writeln!(
        out,
        "{dim}Spec files above: the bundled specs/... are in {}; other relative paths start at {}{dim:#}",
        paths.bundled_relative_to, paths.relative_to
    )
}

/// Writes a run over payloads as text.
pub fn write_payloads_text(out: &mut impl Write, p: Palette, run: &PayloadRun) -> io::Result<()> {
    let Palette { bold, .. } = p;
    for payload in &run.payloads {
        let style = p.verdict(payload.verdict);
        writeln!(
            out,
            "{bold}{}{bold:#}  {style}{}{style:#}",
            payload.file, payload.verdict
        )?;
        if let Some(reason) = &payload.reason {
            writeln!(out, "    {reason}")?;
        }
        for violation in &payload.violations {
            violation_lines(out, p, violation)?;
        }
    }
    if run
        .payloads
        .iter()
        .any(|payload| payload.violations.iter().any(|v| v.spec_file.is_some()))
    {
        spec_paths_line(out, p)?;
    }
    let s = run.summary;
    writeln!(
        out,
        "{bold}Summary:{bold:#} {} payload{}: {} conforming, {} violating, {} unreadable",
        s.payloads,
        plural(s.payloads),
        s.conforming,
        s.violating,
        s.unreadable
    )
}
