//! `--format json` (one [`Run`](crate::Run) document, written as results arrive) and
//! `--format jsonl` (a line per exchange, then the summary).

use std::io::{self, Write};

use serde::Serialize;

use super::{Printer, write_json_line};
use crate::run::{Coverage, ExchangeResult, Summary};

/// `--format json`: the [`Run`] document, its exchanges written as they arrive and the summary
/// and coverage after them.
pub(super) struct JsonReport<W> {
    out: W,
    summary: Summary,
    coverage: Coverage,
    count: usize,
    buf: Vec<u8>,
}

impl<W: Write> JsonReport<W> {
    pub(super) fn new(out: W, coverage: Coverage) -> Self {
        JsonReport {
            out,
            summary: Summary::default(),
            coverage,
            count: 0,
            buf: Vec::new(),
        }
    }

    /// Writes `value` pretty-printed, each of its lines after the first indented by `indent`.
    fn write_indented(&mut self, value: &impl Serialize, indent: &[u8]) -> io::Result<()> {
        self.buf.clear();
        serde_json::to_writer_pretty(&mut self.buf, value)?;
        // Strings escape their newlines: every newline here is the printer's.
        for (i, line) in self.buf.split(|b| *b == b'\n').enumerate() {
            if i > 0 {
                self.out.write_all(b"\n")?;
                self.out.write_all(indent)?;
            }
            self.out.write_all(line)?;
        }
        Ok(())
    }
}

impl<W: Write> Printer for JsonReport<W> {
    fn push(&mut self, result: ExchangeResult) -> io::Result<()> {
        self.summary.count(result.verdict);
        self.coverage.count(&result);
        let head: &[u8] = if self.count == 0 {
            b"{\n  \"exchanges\": [\n    "
        } else {
            b",\n    "
        };
        self.out.write_all(head)?;
        self.count += 1;
        self.write_indented(&result, b"    ")
    }

    fn finish(mut self: Box<Self>) -> io::Result<Summary> {
        let head: &[u8] = if self.count == 0 {
            b"{\n  \"exchanges\": [],\n  \"summary\": "
        } else {
            b"\n  ],\n  \"summary\": "
        };
        self.out.write_all(head)?;
        let summary = self.summary;
        self.write_indented(&summary, b"  ")?;
        self.out.write_all(b",\n  \"coverage\": ")?;
        let coverage = std::mem::take(&mut self.coverage);
        self.write_indented(&coverage, b"  ")?;
        self.out.write_all(b"\n}\n")?;
        self.out.flush()?;
        Ok(summary)
    }
}

/// `--format jsonl`: a line per exchange as it arrives, then `{"summary", "coverage"}`.
pub(super) struct JsonLinesReport<W> {
    out: W,
    summary: Summary,
    coverage: Coverage,
}

impl<W: Write> JsonLinesReport<W> {
    pub(super) fn new(out: W, coverage: Coverage) -> Self {
        JsonLinesReport {
            out,
            summary: Summary::default(),
            coverage,
        }
    }
}

impl<W: Write> Printer for JsonLinesReport<W> {
    fn push(&mut self, result: ExchangeResult) -> io::Result<()> {
        self.summary.count(result.verdict);
        self.coverage.count(&result);
        write_json_line(&mut self.out, &result)
    }

    fn finish(mut self: Box<Self>) -> io::Result<Summary> {
        write_json_line(
            &mut self.out,
            &serde_json::json!({ "summary": self.summary, "coverage": self.coverage }),
        )?;
        self.out.flush()?;
        Ok(self.summary)
    }
}
