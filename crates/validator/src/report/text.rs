//! The text report, for people: exchanges grouped by operation, each violation with its
//! location, pointer, message and the spec line it breaks, and the summary last. Colour is
//! written as ANSI styles when the caller asks for it ([`Palette`]), and not at all otherwise,
//! so a report to a file or a pipe needs no adapter to strip it.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use crate::run::{ExchangeResult, PayloadRun, SpecPaths};
use crate::tally::{Coverage, Example, Group, Summary, Tally, UnmatchedGroup};
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

    fn severity(self, severity: Severity) -> Style {
        match severity {
            Severity::Error => self.red,
            Severity::Warning => self.yellow,
        }
    }

    fn verdict(self, verdict: Verdict) -> Style {
        match verdict {
            Verdict::Conforming => self.green,
            Verdict::Violating | Verdict::Unreadable => self.red,
            Verdict::Unmatched => self.yellow,
        }
    }
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

/// How many groups of unmatched requests the text report lists; the rest are counted.
const SHOWN: usize = 20;

/// How much the text report says of each exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detail {
    /// The violations grouped by what they are (spec, operation, place, rule), each group with
    /// its count, its first and last exchange and one example.
    #[default]
    Grouped,
    /// Also a line per exchange with findings, and its violations, as it is validated.
    Verbose,
}

/// The text report: each result as it arrives (with `--verbose`), then the run's groups,
/// coverage and counts from its tally, so that memory grows with the number of distinct
/// defects, not with the capture.
pub struct TextReport<W: Write> {
    out: W,
    palette: Palette,
    detail: Detail,
    unreadable: Vec<ExchangeResult>,
    /// Which kinds of spec file violations named (the report then says where they are).
    named: NamedFiles,
    paths: SpecPaths,
}

impl<W: Write> TextReport<W> {
    /// A report to be written to `out` in `palette`, naming spec files by `paths`.
    pub fn new(out: W, palette: Palette, detail: Detail, paths: SpecPaths) -> Self {
        TextReport {
            out,
            palette,
            detail,
            unreadable: Vec::new(),
            named: NamedFiles::default(),
            paths,
        }
    }

    /// Takes one result (counted in the run's tally); with [`Detail::Verbose`], writes it if
    /// it has findings.
    pub fn exchange(&mut self, result: ExchangeResult) -> io::Result<()> {
        self.named.add(&result.violations, &self.paths);
        if self.detail == Detail::Verbose
            && (!result.violations.is_empty() || result.verdict != Verdict::Conforming)
        {
            let p = self.palette;
            exchange_line(&mut self.out, p, &result)?;
            if let Some(reason) = &result.reason {
                writeln!(self.out, "      {reason}")?;
            }
            for violation in &result.violations {
                violation_lines(&mut self.out, p, violation)?;
            }
        }
        if result.verdict == Verdict::Unreadable {
            self.unreadable.push(result);
        }
        Ok(())
    }

    /// Writes the report: the run's groups, coverage and counts from `tally`.
    pub fn finish(mut self, tally: &Tally) -> io::Result<()> {
        let p = self.palette;
        let Palette { bold, red, .. } = p;
        let out = &mut self.out;
        let summary = tally.summary;
        if self.detail == Detail::Verbose && summary.exchanges > summary.conforming {
            writeln!(out)?;
        }
        let groups = tally.groups.groups();
        let mut groups = groups.iter().peekable();
        for (spec, operation, counts) in tally.operations() {
            let violating = counts.violating;
            let style = if violating > 0 { p.red } else { p.green };
            writeln!(
                out,
                "{bold}{spec} {operation}{bold:#}  {} exchange{}, {style}{violating} violating{style:#}",
                counts.exchanges,
                plural(counts.exchanges),
            )?;
            while let Some(group) = groups.peek() {
                let key = (
                    group.spec.as_str(),
                    group.operation.as_deref().unwrap_or(""),
                );
                if key > (spec, operation) {
                    break;
                }
                group_lines(out, p, group)?;
                groups.next();
            }
        }
        for group in groups {
            group_lines(out, p, group)?;
        }
        let unmatched = tally.groups.unmatched();
        if summary.unmatched > 0 {
            writeln!(
                out,
                "{bold}unmatched{bold:#}  {} exchange{}",
                summary.unmatched,
                plural(summary.unmatched)
            )?;
            for group in unmatched.iter().take(SHOWN) {
                unmatched_lines(out, p, group)?;
            }
            more_line(out, p, unmatched.len().saturating_sub(SHOWN))?;
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
        spec_paths_line(out, p, self.named, &self.paths)?;
        coverage_lines(out, p, &tally.coverage)?;
        summary_line(out, p, summary)?;
        out.flush()
    }
}

/// One group: its place, rule and count, then its example exchange with the message and the
/// spec line.
fn group_lines(out: &mut impl Write, p: Palette, group: &Group) -> io::Result<()> {
    let Palette { bold, dim, .. } = p;
    let style = p.severity(group.severity);
    writeln!(
        out,
        "  {style}{}{style:#} {bold}{}{bold:#} [{}] {}",
        group.severity.as_str(),
        group.place(),
        group.rule,
        group.count_text(),
    )?;
    let example = &group.example;
    let Some(violation) = &example.violation else {
        return Ok(());
    };
    let at = match &violation.pointer {
        Some(actual) if Some(actual) != group.pointer.as_ref() => format!(" at {actual}"),
        _ => String::new(),
    };
    writeln!(
        out,
        "    {dim}{}{}{at}:{dim:#} {}",
        if group.exchanges > 1 { "e.g. " } else { "" },
        request_text(example),
        violation.message
    )?;
    spec_line(out, p, violation)
}

/// "a.har#3 POST https://... -> 200".
fn request_text(example: &Example) -> String {
    let status = example
        .status
        .map(|s| format!(" -> {s}"))
        .unwrap_or_default();
    format!(
        "{} {} {}{status}",
        example.seen,
        example.method.as_deref().unwrap_or("?"),
        example.url.as_deref().unwrap_or("?"),
    )
}

/// One group of unmatched requests: its count and reason, and its first request.
fn unmatched_lines(out: &mut impl Write, p: Palette, group: &UnmatchedGroup) -> io::Result<()> {
    let Palette { yellow, dim, .. } = p;
    let count = group.count_text();
    writeln!(
        out,
        "  {yellow}{}:{yellow:#} {}",
        count.trim_start_matches("in "),
        group.reason,
    )?;
    writeln!(
        out,
        "    {dim}{}{}{dim:#}",
        if group.exchanges > 1 { "e.g. " } else { "" },
        request_text(&group.example)
    )
}

fn more_line(out: &mut impl Write, p: Palette, more: usize) -> io::Result<()> {
    let Palette { dim, .. } = p;
    if more > 0 {
        writeln!(
            out,
            "  {dim}and {more} more group{} (every one is in --format json){dim:#}",
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
    let Palette { bold, .. } = p;
    let style = p.severity(violation.severity);
    let pointer = pointer_label(violation.pointer.as_deref());
    writeln!(
        out,
        "    {style}{}{style:#} {bold}{}{pointer}{bold:#} [{}] {}",
        violation.severity.as_str(),
        violation.location,
        violation.keyword,
        violation.message
    )?;
    spec_line(out, p, violation)
}

/// The spec file, line and pointer of the rule a violation breaks, when known.
fn spec_line(out: &mut impl Write, p: Palette, violation: &Violation) -> io::Result<()> {
    let Palette { dim, .. } = p;
    if let (Some(file), Some(line)) = (&violation.spec_file, violation.spec_line) {
        let path = violation.schema_path.as_deref().unwrap_or("");
        writeln!(out, "      {dim}{file}:{line}  {path}{dim:#}")?;
    }
    Ok(())
}

/// Which kinds of spec file the violations of a report name: a bundled spec's (`specs/...`),
/// and another file's by a relative path.
#[derive(Debug, Clone, Copy, Default)]
struct NamedFiles {
    bundled: bool,
    relative: bool,
}

impl NamedFiles {
    fn add(&mut self, violations: &[Violation], paths: &SpecPaths) {
        for file in violations.iter().filter_map(|v| v.spec_file.as_deref()) {
            if std::path::Path::new(file).is_absolute() {
                continue;
            }
            if paths.is_bundled(file) {
                self.bundled = true;
            } else {
                self.relative = true;
            }
        }
    }
}

/// Where the spec files named above are: the bundled ones (when named), and the others given
/// by a relative path (when named). Nothing when every file was named by its absolute path.
fn spec_paths_line(
    out: &mut impl Write,
    p: Palette,
    named: NamedFiles,
    paths: &SpecPaths,
) -> io::Result<()> {
    let Palette { dim, .. } = p;
    let mut parts = Vec::new();
    if named.bundled {
        parts.push(match paths.bundled_source() {
            Some(dir) => format!("the bundled specs/... are in {}", dir.display()),
            None => "specs/... are the specs built into confirmspec (its source's specs/ \
                     directory)"
                .to_owned(),
        });
    }
    if named.relative {
        parts.push(format!("relative paths start at {}", paths.relative_to));
    }
    if parts.is_empty() {
        return Ok(());
    }
    writeln!(out, "{dim}Spec files above: {}{dim:#}", parts.join("; "))
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
    let mut named = NamedFiles::default();
    for payload in &run.payloads {
        named.add(&payload.violations, &run.spec_paths);
    }
    spec_paths_line(out, p, named, &run.spec_paths)?;
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
