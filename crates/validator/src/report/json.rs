//! `--format json` (one [`Run`](super::Run) document, written as results arrive) and
//! `--format jsonl` (a line per exchange, then the summary).

use std::io::{self, Write};

use serde::Serialize;

use super::{Printer, write_json_line};
use crate::run::{ExchangeResult, SpecPaths};
use crate::tally::Tally;

/// `--format json`: the [`Run`](super::Run) document, its exchanges written as they arrive
/// and the run's totals (from its tally) after them.
pub(super) struct JsonReport<W> {
    out: W,
    paths: SpecPaths,
    count: usize,
    /// A value serialized whole, then written at once: serde_json writes a token at a time,
    /// which through the output's (dynamic) writer costs more than into a `Vec`.
    buf: Vec<u8>,
}

impl<W: Write> JsonReport<W> {
    pub(super) fn new(out: W, paths: SpecPaths) -> Self {
        JsonReport {
            out,
            paths,
            count: 0,
            buf: Vec::with_capacity(4096),
        }
    }

    /// Writes `value` pretty-printed (two spaces a level) as if it stood `depth` levels deep:
    /// its lines after the first are indented by that many levels, in one pass.
    fn write_at(&mut self, value: &impl Serialize, depth: usize) -> io::Result<()> {
        self.buf.clear();
        let mut serializer =
            serde_json::Serializer::with_formatter(&mut self.buf, Indented::at(depth));
        value.serialize(&mut serializer).map_err(io::Error::from)?;
        self.out.write_all(&self.buf)
    }
}

/// An exchange as the JSON document holds it: pretty-printed two levels deep.
fn exchange_in_document(result: &ExchangeResult) -> Vec<u8> {
    let mut out = Vec::with_capacity(512);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, Indented::at(2));
    result
        .serialize(&mut serializer)
        .expect("an exchange serializes into memory");
    out
}

impl<W: Write> Printer for JsonReport<W> {
    fn render(&self) -> Option<super::Render> {
        Some(exchange_in_document)
    }

    fn exchange(&mut self, result: ExchangeResult, rendered: Option<Vec<u8>>) -> io::Result<()> {
        let head: &[u8] = if self.count == 0 {
            b"{\n  \"exchanges\": [\n    "
        } else {
            b",\n    "
        };
        self.count += 1;
        self.out.write_all(head)?;
        match rendered {
            Some(bytes) => self.out.write_all(&bytes),
            None => self.write_at(&result, 2),
        }
    }

    fn finish(mut self: Box<Self>, tally: &Tally) -> io::Result<()> {
        let head: &[u8] = if self.count == 0 {
            b"{\n  \"exchanges\": [],\n  \"summary\": "
        } else {
            b"\n  ],\n  \"summary\": "
        };
        self.out.write_all(head)?;
        self.write_at(&tally.summary, 1)?;
        self.out.write_all(b",\n  \"coverage\": ")?;
        self.write_at(&tally.coverage, 1)?;
        self.out.write_all(b",\n  \"groups\": ")?;
        self.write_at(&tally.groups, 1)?;
        self.out.write_all(b",\n  \"spec_paths\": ")?;
        let paths = std::mem::take(&mut self.paths);
        self.write_at(&paths, 1)?;
        self.out.write_all(b"\n}\n")?;
        self.out.flush()
    }
}

/// serde_json's pretty format (two spaces a level, `": "` between key and value), starting
/// `depth` levels deep, so a value written inside a document needs no second pass to indent.
struct Indented {
    depth: usize,
    has_value: bool,
}

impl Indented {
    fn at(depth: usize) -> Self {
        Indented {
            depth,
            has_value: false,
        }
    }

    /// A newline and the indentation of the current depth; one write for the usual depths.
    fn newline<W: ?Sized + Write>(&self, out: &mut W) -> io::Result<()> {
        const LINE: &[u8] = b"\n                                                                ";
        let spaces = 2 * self.depth;
        if spaces < LINE.len() {
            return out.write_all(&LINE[..1 + spaces]);
        }
        out.write_all(b"\n")?;
        for _ in 0..self.depth {
            out.write_all(b"  ")?;
        }
        Ok(())
    }
}

impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline(out)?;
        }
        out.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        if !first {
            out.write_all(b",")?;
        }
        self.newline(out)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.newline(out)?;
        }
        out.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        if !first {
            out.write_all(b",")?;
        }
        self.newline(out)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// `--format jsonl`: a line per exchange as it arrives, then `{"summary", "coverage",
/// "groups"}` from the run's tally.
pub(super) struct JsonLinesReport<W> {
    out: W,
    /// A line serialized whole, then written at once: serde_json writes a piece at a time.
    line: Vec<u8>,
}

impl<W: Write> JsonLinesReport<W> {
    pub(super) fn new(out: W) -> Self {
        JsonLinesReport {
            out,
            line: Vec::with_capacity(1024),
        }
    }
}

/// An exchange's line.
fn exchange_line(result: &ExchangeResult) -> Vec<u8> {
    let mut line = Vec::with_capacity(512);
    write_json_line(&mut line, result).expect("an exchange serializes into memory");
    line
}

impl<W: Write> Printer for JsonLinesReport<W> {
    fn render(&self) -> Option<super::Render> {
        Some(exchange_line)
    }

    fn exchange(&mut self, result: ExchangeResult, rendered: Option<Vec<u8>>) -> io::Result<()> {
        match rendered {
            Some(bytes) => self.out.write_all(&bytes),
            None => {
                self.line.clear();
                write_json_line(&mut self.line, &result)?;
                self.out.write_all(&self.line)
            }
        }
    }

    fn finish(mut self: Box<Self>, tally: &Tally) -> io::Result<()> {
        write_json_line(
            &mut self.out,
            &serde_json::json!({
                "summary": tally.summary,
                "coverage": tally.coverage,
                "groups": tally.groups,
            }),
        )?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_written_at_a_depth_is_serde_json_pretty_indented_by_that_depth() {
        let value = serde_json::json!({
            "a": [1, {"b": [], "c": {}}, [[]]],
            "d": {"e": "f\nno newline of ours", "g": null},
            "h": []
        });
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        for depth in [0, 1, 2, 40] {
            let mut out = Vec::new();
            let mut serializer =
                serde_json::Serializer::with_formatter(&mut out, Indented::at(depth));
            value.serialize(&mut serializer).unwrap();
            let indent = "  ".repeat(depth);
            let expected = pretty.replace('\n', &format!("\n{indent}"));
            assert_eq!(String::from_utf8(out).unwrap(), expected, "depth {depth}");
        }
    }
}
