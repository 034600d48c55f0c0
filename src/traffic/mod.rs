//! Exchanges in: HAR 1.2/1.3 captures and JSON Lines of exchanges.
//!
//! Readers hand each entry to a callback as soon as it is read, with its position in the
//! input (from 0). An entry that cannot be read is handed over as a [`ReadError`] naming the
//! file, the entry and the byte offset, and reading goes on with the next one where the
//! format allows it (JSON Lines always; HAR until the JSON itself breaks off).
//!
//! # The JSON Lines format
//!
//! One exchange per line; blank lines are skipped:
//!
//! ```json
//! {"request": {"method": "POST", "url": "https://api.invoicebox.ru/v3/...",
//!              "headers": {"Content-Type": "application/json"}, "body": {"paymentMethodId": "1"}},
//!  "response": {"status": 200, "headers": [["Content-Type", "application/json"]],
//!               "body_text": "{\"data\": {}}"}}
//! ```
//!
//! - `request.method` and `request.url` are required; the URL may be absolute or a path.
//! - `headers` is an object (`{"name": "value"}`), a list of pairs, or a list of
//!   `{"name", "value"}` objects (as in HAR).
//! - A body is given as `body` (any JSON value: the payload itself), `body_text` (the exact
//!   text), or `body_base64` (bytes); none of them means no body.
//! - `response` is optional, for a request whose answer was not recorded.

mod har;
mod jsonl;

use std::fmt;

use base64::Engine as _;

use crate::validate::Exchange;
pub use har::read_har;
pub use jsonl::read_jsonl;

/// An entry of a capture that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// The input's name (a file path, or `-` for stdin).
    pub source: String,
    /// The entry's position in the input, from 0, when the problem belongs to one.
    pub index: Option<usize>,
    /// The byte offset in the input where the problem is.
    pub offset: Option<usize>,
    /// What is wrong.
    pub problem: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.source)?;
        if let Some(index) = self.index {
            write!(f, ": entry {index}")?;
        }
        if let Some(offset) = self.offset {
            write!(f, " (byte offset {offset})")?;
        }
        write!(f, ": {}", self.problem)
    }
}

impl std::error::Error for ReadError {}

/// The kinds of capture this module reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// HTTP Archive 1.2/1.3.
    Har,
    /// One exchange per line (the format documented above).
    JsonLines,
}

/// Guesses a capture's format from its name (a `.gz` suffix aside), then its first bytes.
pub fn detect(name: &str, bytes: &[u8]) -> Format {
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
    if lower.ends_with(".har") {
        return Format::Har;
    }
    if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
        return Format::JsonLines;
    }
    let first_line = bytes
        .split(|b| *b == b'\n')
        .find(|l| !l.trim_ascii().is_empty())
        .unwrap_or(b"");
    let trimmed = first_line.trim_ascii();
    // A JSON Lines exchange is a whole object on its first line, and it has a request.
    if trimmed.starts_with(b"{")
        && trimmed.ends_with(b"}")
        && serde_json::from_slice::<serde_json::Value>(trimmed)
            .is_ok_and(|v| v.get("request").is_some())
    {
        Format::JsonLines
    } else {
        Format::Har
    }
}

/// The bytes of a capture as recorded: gzip-compressed input (recognised by its magic bytes,
/// whatever its name) is decompressed, anything else is returned as it is. A gzip stream that
/// breaks off still gives what it decompressed so far, with the error: the entries in it can
/// be read, and the error says where the rest was lost.
pub fn decompressed(name: &str, bytes: Vec<u8>) -> (Vec<u8>, Option<ReadError>) {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return (bytes, None);
    }
    let mut out = Vec::new();
    let mut decoder = flate2::read::MultiGzDecoder::new(&bytes[..]);
    let error = std::io::Read::read_to_end(&mut decoder, &mut out)
        .err()
        .map(|e| ReadError {
            source: name.to_owned(),
            index: None,
            offset: None,
            problem: format!(
                "the gzip stream breaks off after {} bytes of capture: {e}",
                out.len()
            ),
        });
    (out, error)
}

/// Reads a capture of either format, handing every entry to `sink`. Returns the number of
/// entries handed over (read or not).
pub fn read(
    name: &str,
    bytes: &[u8],
    sink: impl FnMut(usize, Result<Exchange, ReadError>),
) -> usize {
    match detect(name, bytes) {
        Format::Har => read_har(name, bytes, sink),
        Format::JsonLines => read_jsonl(name, bytes, sink),
    }
}

/// A body as recorded: text, or base64 of bytes.
pub(crate) fn body_bytes(
    text: Option<&str>,
    encoding: Option<&str>,
) -> Result<Option<Vec<u8>>, String> {
    match (text, encoding) {
        (None, _) => Ok(None),
        (Some(text), Some(encoding)) if encoding.eq_ignore_ascii_case("base64") => {
            base64::engine::general_purpose::STANDARD
                .decode(text.trim())
                .map(Some)
                .map_err(|e| format!("the body is marked base64 but does not decode: {e}"))
        }
        (Some(text), _) => Ok(Some(text.as_bytes().to_vec())),
    }
}

/// 0-based byte offset of a 1-based line and column, as serde_json reports them.
pub(crate) fn offset_of(bytes: &[u8], line: usize, column: usize) -> usize {
    let mut offset = 0;
    for _ in 1..line {
        match bytes[offset..].iter().position(|b| *b == b'\n') {
            Some(i) => offset += i + 1,
            None => return bytes.len(),
        }
    }
    (offset + column.saturating_sub(1)).min(bytes.len())
}
