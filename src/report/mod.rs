//! One printer per output format, taking a run's results in input order and reading nothing.
//!
//! The JSON documents are a contract for scripts (see the README): field names only grow.

mod diff;
mod json;
mod junit;
mod sarif;
mod text;

use std::io::{self, Write};

use serde::Serialize;

use crate::run::{PayloadRun, Run};
use crate::validate::Validator;
use crate::validate::{Coverage, ExchangeResult, Summary};
pub use diff::{DiffFormat, write_diff};
use json::{JsonLinesReport, JsonReport};
pub use junit::write_junit;
pub use sarif::{SarifReport, write_payloads_sarif};
pub use text::{Palette, TextReport, write_payloads_text};

/// The report formats (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Format {
    /// For people: grouped by operation, repeated rules aggregated, a summary last.
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
}

impl Format {
    /// Whether the format is for machines: written through one buffer, never with colour.
    pub fn is_machine(self) -> bool {
        self != Format::Text
    }
}

/// A report being written as the results of a run arrive, in input order.
pub trait Printer {
    /// Takes the next result.
    fn push(&mut self, result: ExchangeResult) -> io::Result<()>;
    /// Writes what remains and flushes; returns the run's counts.
    fn finish(self: Box<Self>) -> io::Result<Summary>;
}

/// The printer of `format` (text in `palette`), for a run against `validator`'s specs,
/// writing to `out`. Give it a buffered writer: it writes a piece at a time.
pub fn printer<'a>(
    format: Format,
    palette: Palette,
    validator: &Validator,
    out: impl Write + 'a,
) -> Box<dyn Printer + 'a> {
    let coverage = Coverage::new(validator);
    match format {
        Format::Text => Box::new(TextReport::new(out, palette, coverage)),
        Format::Json => Box::new(JsonReport::new(out, coverage)),
        Format::Jsonl => Box::new(JsonLinesReport::new(out, coverage)),
        Format::Junit => Box::new(JunitReport {
            out,
            run: Run {
                coverage,
                ..Run::default()
            },
        }),
        Format::Sarif => Box::new(SarifReport::new(out, coverage)),
    }
}

impl<W: Write> Printer for TextReport<W> {
    fn push(&mut self, result: ExchangeResult) -> io::Result<()> {
        TextReport::push(self, result);
        Ok(())
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
        ("diff", to_value(schemars::schema_for!(crate::diff::Diff))),
    ]
}
