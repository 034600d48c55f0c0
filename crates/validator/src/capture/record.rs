//! Records of a log stream: one JSON document per record (a Kafka message, or a line of a
//! file dump of a topic), each holding one exchange, or a list of them, in one of the formats
//! gateways and recorders write. The format is detected per record unless it is fixed.
//!
//! | format | what writes it | how it is told |
//! |---|---|---|
//! | [`RecordFormat::Exchange`] | confirmspec (the JSON Lines exchange, `proxy --publish-to`) | `request.method` and `request.url`, nothing below |
//! | [`RecordFormat::HarEntry`] | HAR recorders, one entry per record | `startedDateTime`, or `request.httpVersion` |
//! | [`RecordFormat::Apisix`] | Apache APISIX `kafka-logger` (and its other loggers), default log format | `request.uri` with `start_time`, `latency`, `server`, `route_id` or `upstream` |
//! | [`RecordFormat::Kong`] | Kong `kafka-log`, `http-log` (`kong.log.serialize`) | `request.uri` with `started_at`, `latencies`, `upstream_uri` or `tries` |
//!
//! A record that is a JSON array (APISIX's `kafka-logger` sends one array per batch when its
//! `batch_max_size` is over 1) holds one exchange per element.

use std::ops::Range;

use confirmspec_spec::syntax::json_problem;
use serde::Deserialize;
use serde::de::IgnoredAny;

use super::strings::outside_strings;
use super::{ReadError, gateway, har, jsonl};
use crate::exchange::Exchange;

/// The formats a record of a log stream may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum RecordFormat {
    /// confirmspec's JSON Lines exchange (the capture format of `validate`).
    Exchange,
    /// One HAR 1.2/1.3 entry (an element of `log.entries`).
    HarEntry,
    /// Apache APISIX's default log format (`kafka-logger`, `http-logger`, ...): bodies when
    /// the gateway is told to include them (`include_req_body`, `include_resp_body`).
    Apisix,
    /// Kong's log serializer (`kafka-log`, `http-log`, `file-log`): no bodies.
    Kong,
}

impl RecordFormat {
    /// The format's name, as `--record-format` takes it and reports print it.
    pub fn name(self) -> &'static str {
        match self {
            RecordFormat::Exchange => "exchange",
            RecordFormat::HarEntry => "har-entry",
            RecordFormat::Apisix => "apisix",
            RecordFormat::Kong => "kong",
        }
    }
}

// What tells the formats apart: the keys each one always writes. Values are skipped unread.
#[derive(Deserialize)]
struct Sniff {
    #[serde(rename = "startedDateTime")]
    started_date_time: Option<IgnoredAny>,
    request: Option<SniffRequest>,
    // Kong.
    started_at: Option<IgnoredAny>,
    latencies: Option<IgnoredAny>,
    upstream_uri: Option<IgnoredAny>,
    tries: Option<IgnoredAny>,
    // APISIX.
    start_time: Option<IgnoredAny>,
    latency: Option<IgnoredAny>,
    server: Option<IgnoredAny>,
    route_id: Option<IgnoredAny>,
    upstream: Option<IgnoredAny>,
}

#[derive(Deserialize)]
struct SniffRequest {
    #[serde(rename = "httpVersion")]
    http_version: Option<IgnoredAny>,
    uri: Option<IgnoredAny>,
    method: Option<IgnoredAny>,
    url: Option<IgnoredAny>,
}

/// Why a record is none of the formats [`detect_record`] knows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnknownRecord {
    /// The record is not JSON: serde_json's problem and the column it is at.
    #[error("not JSON ({problem} at column {column})")]
    NotJson {
        /// What serde_json found, without its position.
        problem: String,
        /// The column of the record where it is.
        column: usize,
    },
    /// The record is JSON but not an object.
    #[error("not an exchange: a record is a JSON object")]
    NotAnObject,
    /// The record has no `request`.
    #[error("{KNOWN}: it has no `request`")]
    NoRequest,
    /// `request.uri` as gateways write it, but neither gateway's keys beside it.
    #[error(
        "{KNOWN}: it has `request.uri` as gateway logs do, but none of the keys APISIX or Kong write beside it"
    )]
    NoGatewayKeys,
    /// A `request` without `method` and `url`.
    #[error("{KNOWN}: its `request` has no `method` and `url`")]
    NoMethodAndUrl,
}

const KNOWN: &str = "not an exchange of a known format (confirmspec's exchange, a HAR entry, APISIX's or Kong's log)";

/// The format of one record (an object, not a list), or why it is none of them.
pub fn detect_record(raw: &[u8]) -> Result<RecordFormat, UnknownRecord> {
    let sniff: Sniff = serde_json::from_slice(raw).map_err(|e| {
        if e.is_syntax() || e.is_eof() {
            UnknownRecord::NotJson {
                problem: json_problem(&e),
                column: e.column(),
            }
        } else {
            UnknownRecord::NotAnObject
        }
    })?;
    let Some(request) = sniff.request else {
        return Err(UnknownRecord::NoRequest);
    };
    if sniff.started_date_time.is_some() || request.http_version.is_some() {
        return Ok(RecordFormat::HarEntry);
    }
    if request.uri.is_some() {
        let kong = [
            &sniff.started_at,
            &sniff.latencies,
            &sniff.upstream_uri,
            &sniff.tries,
        ];
        let apisix = [
            &sniff.start_time,
            &sniff.latency,
            &sniff.server,
            &sniff.route_id,
            &sniff.upstream,
        ];
        if kong.iter().any(|k| k.is_some()) {
            return Ok(RecordFormat::Kong);
        }
        if apisix.iter().any(|k| k.is_some()) {
            return Ok(RecordFormat::Apisix);
        }
        return Err(UnknownRecord::NoGatewayKeys);
    }
    if request.method.is_some() && request.url.is_some() {
        return Ok(RecordFormat::Exchange);
    }
    Err(UnknownRecord::NoMethodAndUrl)
}

/// Reads one record (one object) as an exchange, in `format` or the format it is detected
/// in; `index` and `offset` name it in an error. Returns the format it was read in too.
pub fn read_record(
    source: &str,
    index: usize,
    offset: usize,
    raw: &[u8],
    format: Option<RecordFormat>,
) -> Result<(Exchange, RecordFormat), ReadError> {
    let format = match format {
        Some(format) => format,
        None => detect_record(raw).map_err(|problem| ReadError {
            input: source.to_owned(),
            index: Some(index),
            offset: Some(offset),
            problem: problem.to_string(),
        })?,
    };
    let exchange = match format {
        RecordFormat::Exchange => jsonl::line(source, index, offset, raw),
        RecordFormat::HarEntry => har::entry(source, index, offset, raw),
        RecordFormat::Apisix | RecordFormat::Kong => {
            gateway::entry(source, index, offset, raw, format.name())
        }
    }?;
    Ok((exchange, format))
}

/// Why a record that is a JSON array cannot be split into its elements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListError {
    /// The byte of the record where it breaks.
    pub at: usize,
    /// What is wrong there.
    pub problem: &'static str,
}

/// The elements of a record that is a JSON array, as byte ranges of `raw`; `None` when the
/// record is not an array. An array that is cut short or unbalanced is an error naming the
/// byte where it breaks. The elements are not parsed here: each is read on its own.
pub fn array_elements(raw: &[u8]) -> Option<Result<Vec<Range<usize>>, ListError>> {
    let start = raw.iter().position(|b| !b.is_ascii_whitespace())?;
    if raw[start] != b'[' {
        return None;
    }
    let mut elements = Vec::new();
    let mut depth = 0usize;
    let mut element: Option<usize> = None;
    let after = start + 1;
    for (at, byte) in outside_strings(&raw[after..]).map(|(at, byte)| (after + at, byte)) {
        match byte {
            b'"' => {
                element.get_or_insert(at);
            }
            b'{' | b'[' => {
                depth += 1;
                element.get_or_insert(at);
            }
            b'}' | b']' if depth > 0 => depth -= 1,
            b',' | b']' if depth == 0 => {
                match element.take() {
                    Some(from) => elements.push(from..trim_end(raw, at)),
                    None if byte == b']' && elements.is_empty() => {}
                    None => {
                        return Some(Err(ListError {
                            at,
                            problem: "an empty element in the array",
                        }));
                    }
                }
                if byte == b']' {
                    if let Some(extra) = raw[at + 1..].iter().position(|b| !b.is_ascii_whitespace())
                    {
                        return Some(Err(ListError {
                            at: at + 1 + extra,
                            problem: "more after the end of the array",
                        }));
                    }
                    return Some(Ok(elements));
                }
            }
            b'}' => {
                return Some(Err(ListError {
                    at,
                    problem: "a `}` that closes nothing",
                }));
            }
            _ if byte.is_ascii_whitespace() => {}
            _ => {
                element.get_or_insert(at);
            }
        }
    }
    Some(Err(ListError {
        at: raw.len(),
        problem: "the array is cut short",
    }))
}

fn trim_end(raw: &[u8], end: usize) -> usize {
    raw[..end]
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(end, |i| i + 1)
}

/// Reads JSON Lines held in memory, handing every exchange of every non-blank line to `sink`
/// as an exchange or an error: a line is a record of any [`RecordFormat`], detected line by
/// line, and a line that is a JSON array holds one exchange per element. Returns how many
/// exchanges were handed over.
///
/// [`RecordFormat`]: RecordFormat
pub fn read_jsonl(
    name: &str,
    bytes: &[u8],
    mut sink: impl FnMut(usize, Result<Exchange, ReadError>),
) -> usize {
    let mut index = 0;
    for (offset, raw_line) in jsonl::lines(bytes) {
        for entry in line_entries(name, &mut index, offset, raw_line) {
            let (at, read) = match entry {
                LineEntry::Raw {
                    index,
                    offset,
                    range,
                } => (
                    index,
                    read_record(name, index, offset, &bytes[range], None).map(|(e, _)| e),
                ),
                LineEntry::Failed(error) => (error.index.unwrap_or(0), Err(error)),
            };
            sink(at, read);
        }
    }
    index
}

/// An exchange of a line, found but not read: its index, its offset and its bytes (within the
/// bytes the line's offset counts from), or why the line's list could not be split.
pub(super) enum LineEntry {
    Raw {
        index: usize,
        offset: usize,
        range: std::ops::Range<usize>,
    },
    Failed(ReadError),
}

/// The exchanges of one line found at `offset`: the line itself, or the elements of a line
/// that is a JSON array. `index` is the next exchange's index, counted on.
pub(super) fn line_entries(
    name: &str,
    index: &mut usize,
    offset: usize,
    raw_line: &[u8],
) -> Vec<LineEntry> {
    let whole = |index: usize| LineEntry::Raw {
        index,
        offset,
        range: offset..offset + raw_line.len(),
    };
    let entries = match array_elements(raw_line) {
        None => vec![whole(*index)],
        Some(Ok(ranges)) => ranges
            .into_iter()
            .enumerate()
            .map(|(i, range)| LineEntry::Raw {
                index: *index + i,
                offset: offset + range.start,
                range: offset + range.start..offset + range.end,
            })
            .collect(),
        Some(Err(ListError { at, problem })) => vec![LineEntry::Failed(ReadError {
            input: name.to_owned(),
            index: Some(*index),
            offset: Some(offset + at),
            problem: format!("a list of records that does not read: {problem}"),
        })],
    };
    *index += entries.len();
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_is_told_by_its_own_keys() {
        let cases = [
            (
                r#"{"request": {"method": "GET", "url": "/"}}"#,
                RecordFormat::Exchange,
            ),
            (
                r#"{"startedDateTime": "x", "request": {"method": "GET", "url": "/"}}"#,
                RecordFormat::HarEntry,
            ),
            (
                r#"{"request": {"method": "GET", "url": "/", "httpVersion": "HTTP/1.1"}}"#,
                RecordFormat::HarEntry,
            ),
            (
                r#"{"request": {"method": "GET", "uri": "/"}, "route_id": "1"}"#,
                RecordFormat::Apisix,
            ),
            (
                r#"{"latencies": {}, "request": {"method": "GET", "uri": "/"}}"#,
                RecordFormat::Kong,
            ),
        ];
        for (raw, format) in cases {
            assert_eq!(detect_record(raw.as_bytes()), Ok(format), "{raw}");
        }
        assert!(matches!(
            detect_record(b"{\"request\": "),
            Err(UnknownRecord::NotJson { column: 12, .. })
        ));
        for (raw, why) in [
            ("17", UnknownRecord::NotAnObject),
            (r#"{"response": {}}"#, UnknownRecord::NoRequest),
            (r#"{"request": {"uri": "/"}}"#, UnknownRecord::NoGatewayKeys),
            (
                r#"{"request": {"path": "/"}}"#,
                UnknownRecord::NoMethodAndUrl,
            ),
        ] {
            assert_eq!(detect_record(raw.as_bytes()), Err(why), "{raw}");
        }
    }

    #[test]
    fn array_records_split_into_their_elements() {
        let raw = br#" [ {"a": "],{"} , {"b": [1, {"c": "\"]"}]} ] "#;
        let ranges = array_elements(raw).unwrap().unwrap();
        let elements: Vec<&str> = ranges
            .iter()
            .map(|r| std::str::from_utf8(&raw[r.clone()]).unwrap())
            .collect();
        assert_eq!(elements, [r#"{"a": "],{"}"#, r#"{"b": [1, {"c": "\"]"}]}"#]);
        assert!(array_elements(b"[]").unwrap().unwrap().is_empty());
        assert!(array_elements(br#"{"a": 1}"#).is_none());
        for bad in [&b"[{}, "[..], b"[{}, ,{}]", b"[{}] x", b"[{}}]"] {
            assert!(array_elements(bad).unwrap().is_err(), "{bad:?}");
        }
    }
}
