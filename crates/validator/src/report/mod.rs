//! One printer per output format, taking a run's results in input order and reading nothing.
//!
//! The JSON documents are a contract for scripts (see the README): field names only grow.

mod html;
mod json;
mod junit;
mod markdown;
mod sarif;
mod text;
mod uri;

use std::io::{self, Write};

use serde::Serialize;

use crate::run::{PayloadRun, Run};
use crate::validate::Validator;
use crate::tally::{Coverage, Groups, Summary};
use crate::run::ExchangeResult;
pub use confirmspec_spec::diff::{DiffFormat, write_diff};
use json::{JsonLinesReport, JsonReport};
pub use junit::write_junit;
pub use sarif::{SarifReport, write_payloads_sarif};
pub use text::{Detail, Palette, TextReport, write_payloads_text};

/// The report formats (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Format {
    /// For people: violations grouped by operation, place and rule with their counts, an
    /// example each, a summary last (`--verbose` adds a line per exchange).
    Text,
    /// One JSON document for scripts (see the README for its fields), written as results
    /// arrive.
    Json,
    /// One JSON line per exchange as soon as it is validated, then a `{"summary": ...}` line
    /// (`validate` only).
    Jsonl,
    /// JUnit XML for CI servers: a test suite per operation, a test case per exchange
    /// (`validate` only; held in memory until the end of the run).
    Junit,
    /// SARIF 2.1.0 for code-scanning pages: a result per violation, at the spec line of the
    /// rule it breaks.
    Sarif,
    /// Markdown for a pull request or a wiki: the summary, the groups as a table, coverage
    /// (`validate` only).
    Markdown,
    /// One self-contained HTML page (no script, font or request to anywhere): the summary, a
    /// picture of coverage, the groups with their examples and links to the spec's lines
    /// (`validate` only).
    Html,
}

impl Format {
    /// Whether the format is for machines: written through one buffer, never with colour.
    pub fn is_machine(self) -> bool {
        !matches!(self, Format::Text | Format::Markdown)
    }
}

/// The bytes a report writes for one result, made apart from the report (on the core that
/// validated the result, say).
pub type Render = fn(&ExchangeResult) -> Vec<u8>;

/// A report being written as the results of a run arrive, in input order.
pub trait Printer {
    /// Takes the next result.
    fn push(&mut self, result: ExchangeResult) -> io::Result<()>;
    /// How this report writes a result, when it can be made apart from it (a machine format
    /// writes each result alone): then [`Printer::push_rendered`] takes the bytes with it.
    fn render(&self) -> Option<Render> {
        None
    }
    /// Takes the next result and the bytes [`Printer::render`]'s function made of it.
    fn push_rendered(&mut self, result: ExchangeResult, _rendered: Vec<u8>) -> io::Result<()> {
        self.push(result)
    }
    /// Writes what remains and flushes; returns the run's counts.
    fn finish(self: Box<Self>) -> io::Result<Summary>;
}

/// The printer of `format` (text in `palette`, as detailed as `detail` says), for a run
/// against `validator`'s specs, writing to `out`. Give it a buffered writer: it writes a piece
/// at a time.
pub fn printer<'a>(
    format: Format,
    palette: Palette,
    detail: Detail,
    validator: &Validator,
    out: impl Write + 'a,
) -> Box<dyn Printer + 'a> {
    let coverage = Coverage::new(validator);
    let paths = crate::run::SpecPaths::of(validator);
    match format {
        Format::Text => Box::new(TextReport::new(out, palette, detail, coverage, paths)),
        Format::Markdown | Format::Html => Box::new(PageReport {
            out,
            format,
            page: Page::new(coverage, paths),
        }),
        Format::Json => Box::new(JsonReport::new(out, coverage, paths)),
        Format::Jsonl => Box::new(JsonLinesReport::new(out, coverage)),
        Format::Junit => Box::new(JunitReport {
            out,
            run: Run {
                coverage,
                spec_paths: paths,
                ..Run::default()
            },
        }),
        Format::Sarif => Box::new(SarifReport::new(out, coverage, paths)),
    }
}

impl<W: Write> Printer for TextReport<W> {
    fn push(&mut self, result: ExchangeResult) -> io::Result<()> {
        TextReport::push(self, result)
    }

    fn finish(self: Box<Self>) -> io::Result<Summary> {
        TextReport::finish(*self)
    }
}

/// `--format junit`: every result kept, the XML written at the end.
struct JunitReport<W> {
    out: W,
    run: Run,
}

impl<W: Write> Printer for JunitReport<W> {
    fn push(&mut self, result: ExchangeResult) -> io::Result<()> {
        self.run.push(result);
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<Summary> {
        write_junit(&mut self.out, &self.run)?;
        self.out.flush()?;
        Ok(self.run.summary)
    }
}

/// What a page (Markdown, HTML) shows of a run: counts, coverage, groups and the unreadable
/// entries; written whole at the end, its size bounded by the distinct defects, not by the
/// exchanges.
struct Page {
    paths: crate::run::SpecPaths,
    summary: Summary,
    coverage: Coverage,
    groups: Groups,
    unreadable: Vec<ExchangeResult>,
}

impl Page {
    fn new(coverage: Coverage, paths: crate::run::SpecPaths) -> Self {
        Page {
            paths,
            summary: Summary::default(),
            coverage,
            groups: Groups::default(),
            unreadable: Vec::new(),
        }
    }
}

/// `--format markdown` and `--format html`.
struct PageReport<W> {
    out: W,
    format: Format,
    page: Page,
}

impl<W: Write> Printer for PageReport<W> {
    fn push(&mut self, result: ExchangeResult) -> io::Result<()> {
        let page = &mut self.page;
        page.summary.count(result.verdict);
        page.coverage.count(&result);
        page.groups.push(&result);
        if result.verdict == crate::validate::Verdict::Unreadable {
            page.unreadable.push(result);
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<Summary> {
        match self.format {
            Format::Html => html::write(&mut self.out, &self.page)?,
            _ => markdown::write(&mut self.out, &self.page)?,
        }
        self.out.flush()?;
        Ok(self.page.summary)
    }
}

/// Writes one JSON value on one line.
pub fn write_json_line(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)
}

/// Writes one JSON document and a newline.
pub fn write_json(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// The JSON Schemas (draft-07) of the `--format json` documents: `("validate", ...)` for a run
/// over captures, `("check", ...)` for a run over payloads and `("diff", ...)` for a diff of
/// two specs. They are committed as `docs/*-report.schema.json` so scripts can check what they
/// parse.
pub fn json_schemas() -> [(&'static str, serde_json::Value); 3] {
    let to_value = |schema| serde_json::to_value(schema).expect("a schema serialises");
    [
        ("validate", to_value(schemars::schema_for!(Run))),
        ("check", to_value(schemars::schema_for!(PayloadRun))),
        (
            "diff",
            to_value(schemars::schema_for!(confirmspec_spec::diff::Diff)),
        ),
    ]
}
