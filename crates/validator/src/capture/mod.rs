//! Exchanges in and out: HAR 1.2/1.3 captures and JSON Lines of exchanges, read in batches
//! ([`Capture`]) and written an exchange at a time ([`CaptureWriter`]).
//!
//! A [`Capture`] reads from any `io::Read` (a file, stdin, a gzip stream) in [`Batch`]es of
//! whole entries, so memory holds a few batches whatever the capture's size; each entry of a
//! batch is then read on its own, which lets a batch be validated on every core. An entry
//! that cannot be read is handed over as a [`ReadError`] naming the file, the entry and the
//! byte offset, and reading goes on with the next one: the next line of JSON Lines, the next
//! whole entry of a HAR file after a damaged one.
//!
//! A HAR file is one JSON document; it is not parsed whole; a scanner follows its strings and
//! nesting to find each entry of `log.entries`, and serde reads each entry alone.
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
//!
//! A line may also be a record of a log stream in another format (a HAR entry, an APISIX or
//! Kong log record), or a JSON array of records: a file dump of a topic reads as the topic
//! does (see [`RecordFormat`]).

mod batch;
mod gateway;
mod har;
mod headers;
mod jsonl;
mod record;
mod scan;
pub(crate) mod strings;
mod write;

use std::borrow::Cow;

use base64::Engine as _;

use crate::exchange::Exchange;
pub use batch::{Batch, Capture};
#[cfg(feature = "kafka")]
pub(crate) use jsonl::write_record;
pub use record::{ListError, RecordFormat, array_elements, detect_record, read_jsonl, read_record};
pub use write::CaptureWriter;

/// An entry of a capture that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{input}{}{}: {problem}", entry(*index), at_offset(*offset))]
pub struct ReadError {
    /// The input's name (a file path, or `-` for stdin).
    pub input: String,
    /// The entry's position in the input, from 0, when the problem belongs to one.
    pub index: Option<usize>,
    /// The byte offset in the input where the problem is.
    pub offset: Option<usize>,
    /// What is wrong.
    pub problem: String,
}

/// `: entry N`, where the problem belongs to one.
fn entry(index: Option<usize>) -> String {
    index.map_or_else(String::new, |index| format!(": entry {index}"))
}

/// ` (byte offset N)`, where the problem has one.
fn at_offset(offset: Option<usize>) -> String {
    offset.map_or_else(String::new, |offset| format!(" (byte offset {offset})"))
}

/// The kinds of capture read and written: detected on reading, chosen on writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum CaptureFormat {
    /// HTTP Archive 1.2/1.3.
    Har,
    /// JSON Lines, one exchange per line (the format documented above).
    #[cfg_attr(feature = "clap", value(name = "jsonl"))]
    JsonLines,
}

/// Guesses a capture's format from its name (a `.gz` suffix aside), then its first bytes.
pub fn detect(name: &str, bytes: &[u8]) -> CaptureFormat {
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
    if lower.ends_with(".har") {
        return CaptureFormat::Har;
    }
    if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
        return CaptureFormat::JsonLines;
    }
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let rest = &bytes[start..];
    let end = memchr::memchr(b'\n', rest);
    let trimmed = rest[..end.unwrap_or(rest.len())].trim_ascii();
    // A dump of a log stream whose records are lists (APISIX's batches) is JSON Lines too.
    if trimmed.starts_with(b"[") && end.is_some() {
        return CaptureFormat::JsonLines;
    }
    if end.is_none() && trimmed.starts_with(b"{") {
        // The first line is not all at hand (or has no end): its first key tells.
        let key = trimmed[1..].trim_ascii_start();
        return if key.starts_with(b"\"request\"") || key.starts_with(b"\"response\"") {
            CaptureFormat::JsonLines
        } else {
            CaptureFormat::Har
        };
    }
    // A JSON Lines exchange is a whole object on its first line, and it has a request.
    if trimmed.starts_with(b"{")
        && trimmed.ends_with(b"}")
        && serde_json::from_slice::<serde_json::Value>(trimmed)
            .is_ok_and(|v| v.get("request").is_some())
    {
        CaptureFormat::JsonLines
    } else {
        CaptureFormat::Har
    }
}

/// Reads a capture held in memory (HAR or JSON Lines, gzip-compressed or not), handing every
/// entry to `sink` with its index. Returns the number of entries handed over (read or not).
pub fn read(
    name: &str,
    bytes: &[u8],
    mut sink: impl FnMut(usize, Result<Exchange, ReadError>),
) -> usize {
    let mut count = 0;
    for batch in Capture::open(name, bytes) {
        for i in 0..batch.len() {
            let (index, read) = batch.read(i);
            sink(index, read);
            count += 1;
        }
    }
    count
}

/// Why a recorded request or response cannot be read (its record's error says which).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum MessageError {
    /// A body marked base64 that does not decode.
    #[error("the body is marked base64 but does not decode: {0}")]
    Base64(#[from] base64::DecodeError),
    /// More than one of `body`, `body_text` and `body_base64`.
    #[error("give one of `body`, `body_text` and `body_base64`, not several")]
    SeveralBodies,
    /// A header whose value is neither a string nor a list of strings.
    #[error("header `{0}` must be a string or a list of strings")]
    HeaderValue(String),
}

/// A body as recorded: text, or base64 of bytes.
///
/// Text the reader owns already becomes the body without a copy (bodies are most of a
/// capture's bytes).
pub(crate) fn body_bytes(
    text: Option<Cow<'_, str>>,
    encoding: Option<&str>,
) -> Result<Option<Vec<u8>>, MessageError> {
    match (text, encoding) {
        (None, _) => Ok(None),
        (Some(text), Some(encoding)) if encoding.eq_ignore_ascii_case("base64") => {
            base64::engine::general_purpose::STANDARD
                .decode(text.trim())
                .map(Some)
                .map_err(MessageError::Base64)
        }
        (Some(text), _) => Ok(Some(text.into_owned().into_bytes())),
    }
}
