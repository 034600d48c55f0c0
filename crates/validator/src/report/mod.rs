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

use schemars::JsonSchema;
use serde::Serialize;

use crate::run::{ExchangeResult, PayloadRun, SpecPaths};
use crate::tally::{Coverage, Groups, Summary, Tally};
use crate::validate::Validator;
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

/// A report being written as the results of a run arrive, in input order. The run's totals
/// are its [`Tally`]'s, which counts each result before the printer takes it.
pub trait Printer {
    /// How this report writes a result, when it can be made apart from it (a machine format
    /// writes each result alone): then [`Printer::exchange`] takes the bytes with it.
    fn render(&self) -> Option<Render> {
        None
    }
    /// Takes the next result, counted in the run's tally already, and the bytes
    /// [`Printer::render`]'s function made of it (when it has one, and they were made).
    fn exchange(&mut self, result: ExchangeResult, rendered: Option<Vec<u8>>) -> io::Result<()>;
    /// Writes what remains, the run's totals from `tally`, and flushes.
    fn finish(self: Box<Self>, tally: &Tally) -> io::Result<()>;
}

/// The printer of `format` (text in `palette`, as detailed as `detail` says), naming spec files
/// by `paths`, writing to `out`. Give it a buffered writer: it writes a piece at a time.
pub fn printer<'a>(
    format: Format,
    palette: Palette,
    detail: Detail,
    paths: SpecPaths,
    out: impl Write + 'a,
) -> Box<dyn Printer + 'a> {
    match format {
        Format::Text => Box::new(TextReport::new(out, palette, detail, paths)),
        Format::Markdown | Format::Html => Box::new(PageReport {
            out,
            format,
            page: Page {
                paths,
                unreadable: Vec::new(),
            },
        }),
        Format::Json => Box::new(JsonReport::new(out, paths)),
        Format::Jsonl => Box::new(JsonLinesReport::new(out)),
        Format::Junit => Box::new(JunitReport {
            out,
            paths,
            exchanges: Vec::new(),
        }),
        Format::Sarif => Box::new(SarifReport::new(out, paths)),
    }
}

impl<W: Write> Printer for TextReport<W> {
    fn exchange(&mut self, result: ExchangeResult, _: Option<Vec<u8>>) -> io::Result<()> {
        TextReport::exchange(self, result)
    }

    fn finish(self: Box<Self>, tally: &Tally) -> io::Result<()> {
        TextReport::finish(*self, tally)
    }
}

/// A whole run over captures: the `--format json` document (the JUnit report reads it too).
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct Run {
    /// The counts.
    pub summary: Summary,
    /// Which operations and documented responses the traffic exercised.
    pub coverage: Coverage,
    /// The violations grouped by fingerprint, and the unmatched requests by reason.
    pub groups: Groups,
    /// Every exchange, in input order.
    pub exchanges: Vec<ExchangeResult>,
    /// Where the spec files the violations name are.
    pub spec_paths: SpecPaths,
}

/// `--format junit`: every result kept, the XML written at the end.
struct JunitReport<W> {
    out: W,
    paths: SpecPaths,
    exchanges: Vec<ExchangeResult>,
}

impl<W: Write> Printer for JunitReport<W> {
    fn exchange(&mut self, result: ExchangeResult, _: Option<Vec<u8>>) -> io::Result<()> {
        self.exchanges.push(result);
        Ok(())
    }

    fn finish(mut self: Box<Self>, tally: &Tally) -> io::Result<()> {
        let run = Run {
            summary: tally.summary,
            coverage: tally.coverage.clone(),
            groups: Groups::default(),
            exchanges: std::mem::take(&mut self.exchanges),
            spec_paths: std::mem::take(&mut self.paths),
        };
        write_junit(&mut self.out, &run)?;
        self.out.flush()
    }
}

/// What a page (Markdown, HTML) shows of a run besides its tally (the counts, coverage and
/// groups): the unreadable entries, and where spec files are; written whole at the end, its
/// size bounded by the distinct defects, not by the exchanges.
struct Page {
    paths: SpecPaths,
    unreadable: Vec<ExchangeResult>,
}

/// `--format markdown` and `--format html`.
struct PageReport<W> {
    out: W,
    format: Format,
    page: Page,
}

impl<W: Write> Printer for PageReport<W> {
    fn exchange(&mut self, result: ExchangeResult, _: Option<Vec<u8>>) -> io::Result<()> {
        if result.verdict == crate::validate::Verdict::Unreadable {
            self.page.unreadable.push(result);
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, tally: &Tally) -> io::Result<()> {
        match self.format {
            Format::Html => html::write(&mut self.out, &self.page, tally)?,
            _ => markdown::write(&mut self.out, &self.page, tally)?,
        }
        self.out.flush()
    }
}

/// Validates every entry of `captures` (in parallel, as [`validate_captures`](crate::validate_captures)
/// does) and writes `printer`'s report of them; returns the run's tally.
pub fn write_run<'a, I>(
    validator: &Validator,
    captures: I,
    mut printer: Box<dyn Printer + '_>,
) -> io::Result<Tally>
where
    I: IntoIterator<Item = crate::Capture<'a>>,
    I::IntoIter: Send,
{
    let mut tally = Tally::new(validator);
    let mut failed = None;
    let render = printer.render();
    crate::validate_captures_rendered(
        validator,
        captures,
        |result| render.map(|render| render(result)),
        |result, rendered| {
            tally.add(&result, 0);
            match printer.exchange(result, rendered) {
                Ok(()) => std::ops::ControlFlow::Continue(()),
                Err(e) => {
                    failed = Some(e);
                    std::ops::ControlFlow::Break(())
                }
            }
        },
    );
    if let Some(e) = failed {
        return Err(e);
    }
    printer.finish(&tally)?;
    Ok(tally)
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
