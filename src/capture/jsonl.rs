//! JSON Lines of exchanges: one object per line (the format is documented in the module
//! above). A line that cannot be read is reported and the next one is read.

use std::fmt;

use base64::Engine as _;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::record::{ListError, array_elements, read_record};
use super::{ReadError, body_bytes};
use crate::model::{Exchange, Request, Response};

// The line is read in one pass: no `flatten` or `untagged` (both buffer the input), and a
// `body` is kept as its raw JSON text, which is what the checks parse.

#[derive(Deserialize)]
struct Line<'a> {
    #[serde(borrow)]
    request: LineRequest<'a>,
    #[serde(borrow)]
    response: Option<LineResponse<'a>>,
}

#[derive(Deserialize)]
struct LineRequest<'a> {
    method: String,
    url: String,
    #[serde(default)]
    headers: Headers,
    #[serde(borrow, default)]
    body: Option<&'a RawValue>,
    body_text: Option<String>,
    body_base64: Option<String>,
}

#[derive(Deserialize)]
struct LineResponse<'a> {
    status: u16,
    #[serde(default)]
    headers: Headers,
    #[serde(borrow, default)]
    body: Option<&'a RawValue>,
    body_text: Option<String>,
    body_base64: Option<String>,
}

struct Body<'a> {
    body: Option<&'a RawValue>,
    body_text: Option<String>,
    body_base64: Option<String>,
}

/// Headers as an object (`{"name": "value"}` or `{"name": ["v1", "v2"]}`), a list of
/// `[name, value]` pairs, or a list of `{"name", "value"}` objects.
pub(super) struct Headers(pub(super) Result<Vec<(String, String)>, String>);

impl Default for Headers {
    fn default() -> Self {
        Headers(Ok(Vec::new()))
    }
}

impl<'de> Deserialize<'de> for Headers {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(HeadersVisitor)
    }
}

struct HeadersVisitor;

impl<'de> Visitor<'de> for HeadersVisitor {
    type Value = Headers;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "headers as an object, a list of [name, value] pairs or of {name, value} objects",
        )
    }

    fn visit_unit<E>(self) -> Result<Headers, E> {
        Ok(Headers::default())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Headers, A::Error> {
        let mut pairs = Vec::new();
        let mut problem = None;
        while let Some(name) = map.next_key::<String>()? {
            match map.next_value::<OneOrMany>()? {
                OneOrMany::One(value) => pairs.push((name, value)),
                OneOrMany::Many(values) => {
                    pairs.extend(values.into_iter().map(|value| (name.clone(), value)))
                }
                OneOrMany::Neither => {
                    problem.get_or_insert(format!(
                        "header `{name}` must be a string or a list of strings"
                    ));
                }
            }
        }
        Ok(Headers(problem.map_or(Ok(pairs), Err)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Headers, A::Error> {
        let mut pairs = Vec::new();
        while let Some(HeaderItem(name, value)) = seq.next_element()? {
            pairs.push((name, value));
        }
        Ok(Headers(Ok(pairs)))
    }
}

/// A header's value in the object form: a string, or a list of strings.
enum OneOrMany {
    One(String),
    Many(Vec<String>),
    Neither,
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_str<E>(self, value: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(value.to_owned()))
            }
            fn visit_string<E>(self, value: String) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(value))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut values = Vec::new();
                let mut all_strings = true;
                while let Some(value) = seq.next_element::<serde_json::Value>()? {
                    match value {
                        serde_json::Value::String(text) => values.push(text),
                        _ => all_strings = false,
                    }
                }
                Ok(if all_strings {
                    OneOrMany::Many(values)
                } else {
                    OneOrMany::Neither
                })
            }
            fn visit_bool<E>(self, _: bool) -> Result<OneOrMany, E> {
                Ok(OneOrMany::Neither)
            }
            fn visit_i64<E>(self, _: i64) -> Result<OneOrMany, E> {
                Ok(OneOrMany::Neither)
            }
            fn visit_u64<E>(self, _: u64) -> Result<OneOrMany, E> {
                Ok(OneOrMany::Neither)
            }
            fn visit_f64<E>(self, _: f64) -> Result<OneOrMany, E> {
                Ok(OneOrMany::Neither)
            }
            fn visit_unit<E>(self) -> Result<OneOrMany, E> {
                Ok(OneOrMany::Neither)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OneOrMany, A::Error> {
                while map
                    .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(OneOrMany::Neither)
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// One header in the list forms: `[name, value]` or `{"name": ..., "value": ...}`.
struct HeaderItem(String, String);

impl<'de> Deserialize<'de> for HeaderItem {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = HeaderItem;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a header as [name, value] or {\"name\", \"value\"}")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<HeaderItem, A::Error> {
                let name = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let value = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(1, &self))?;
                if seq.next_element::<de::IgnoredAny>()?.is_some() {
                    return Err(de::Error::invalid_length(3, &self));
                }
                Ok(HeaderItem(name, value))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<HeaderItem, A::Error> {
                let (mut name, mut value) = (None, None);
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match key.as_ref() {
                        "name" => name = Some(map.next_value()?),
                        "value" => value = Some(map.next_value()?),
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(HeaderItem(
                    name.ok_or_else(|| de::Error::missing_field("name"))?,
                    value.ok_or_else(|| de::Error::missing_field("value"))?,
                ))
            }
        }
        deserializer.deserialize_any(V)
    }
}

impl Body<'_> {
    fn into_bytes(self) -> Result<Option<Vec<u8>>, String> {
        match (self.body, self.body_text, self.body_base64) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) | (_, Some(_), Some(_)) => {
                Err("give one of `body`, `body_text` and `body_base64`, not several".into())
            }
            (None, None, None) => Ok(None),
            (Some(raw), None, None) => Ok(Some(raw.get().as_bytes().to_vec())),
            (None, Some(text), None) => Ok(Some(text.into_bytes())),
            (None, None, Some(encoded)) => body_bytes(Some(encoded.into()), Some("base64")),
        }
    }
}

/// Reads JSON Lines held in memory, handing every exchange of every non-blank line to `sink`
/// as an exchange or an error: a line is a record of any [`RecordFormat`], detected line by
/// line, and a line that is a JSON array holds one exchange per element. Returns how many
/// exchanges were handed over.
///
/// [`RecordFormat`]: super::RecordFormat
pub fn read_jsonl(
    name: &str,
    bytes: &[u8],
    mut sink: impl FnMut(usize, Result<Exchange, ReadError>),
) -> usize {
    let mut index = 0;
    for (offset, raw_line) in lines(bytes) {
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
            source: name.to_owned(),
            index: Some(*index),
            offset: Some(offset + at),
            problem: format!("a list of records that does not read: {problem}"),
        })],
    };
    *index += entries.len();
    entries
}

/// The non-blank lines of `bytes`, each with its offset.
pub(super) fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    let mut offset = 0;
    std::iter::from_fn(move || {
        while offset < bytes.len() {
            let start = offset;
            let end =
                memchr::memchr(b'\n', &bytes[offset..]).map_or(bytes.len(), |i| offset + i + 1);
            offset = end;
            let raw_line = &bytes[start..end];
            if !raw_line.trim_ascii().is_empty() {
                return Some((start, raw_line));
            }
        }
        None
    })
}

/// One line: the exchange it holds, or why it holds none.
pub(super) fn line(
    name: &str,
    index: usize,
    line_offset: usize,
    raw_line: &[u8],
) -> Result<Exchange, ReadError> {
    let error = |problem: String| ReadError {
        source: name.to_owned(),
        index: Some(index),
        offset: Some(line_offset),
        problem,
    };
    // One UTF-8 check of the whole line is cheaper than serde_json's check of each string.
    let parsed = match std::str::from_utf8(raw_line) {
        Ok(text) => serde_json::from_str::<Line>(text),
        Err(_) => serde_json::from_slice::<Line>(raw_line),
    };
    parsed
        .map_err(|e| match std::str::from_utf8(raw_line) {
            // serde_json checks UTF-8 only inside strings, and says it less plainly.
            Err(bad) => ReadError {
                offset: Some(line_offset + bad.valid_up_to()),
                ..error(format!(
                    "the line is not UTF-8: byte 0x{:02X} at column {}",
                    raw_line[bad.valid_up_to()],
                    bad.valid_up_to() + 1
                ))
            },
            Ok(_) => {
                let at = if e.is_eof() {
                    "the line is cut short".to_owned()
                } else {
                    format!("column {}", e.column())
                };
                let message = e.to_string();
                let message = message
                    .rfind(" at line ")
                    .map_or(message.as_str(), |i| &message[..i]);
                error(format!("not an exchange ({at}): {message}"))
            }
        })
        .and_then(|line| exchange(line).map_err(error))
}

fn exchange(line: Line<'_>) -> Result<Exchange, String> {
    let request = line.request;
    let request = Request {
        method: request.method,
        url: request.url,
        headers: request.headers.0.map_err(|e| format!("request: {e}"))?,
        body: Body {
            body: request.body,
            body_text: request.body_text,
            body_base64: request.body_base64,
        }
        .into_bytes()
        .map_err(|e| format!("request: {e}"))?,
        unrecorded: None,
    };
    let response = match line.response {
        Some(response) => Some(Response {
            status: response.status,
            headers: response.headers.0.map_err(|e| format!("response: {e}"))?,
            body: Body {
                body: response.body,
                body_text: response.body_text,
                body_base64: response.body_base64,
            }
            .into_bytes()
            .map_err(|e| format!("response: {e}"))?,
            unrecorded: None,
        }),
        None => None,
    };
    Ok(Exchange { request, response })
}

/// An exchange as a JSON Lines record, borrowed from it.
#[derive(Serialize)]
struct Record<'a> {
    request: RecordMessage<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    response: Option<RecordMessage<'a>>,
}

#[derive(Serialize)]
struct RecordMessage<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    headers: &'a [(String, String)],
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<&'a RawValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body_text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body_base64: Option<String>,
}

impl<'a> RecordMessage<'a> {
    /// The body as the reader takes it back byte for byte: a JSON text as `body` (readable in
    /// the file), other UTF-8 as `body_text`, anything else as `body_base64`.
    fn with_body(mut self, body: Option<&'a [u8]>) -> Self {
        let Some(body) = body else { return self };
        match std::str::from_utf8(body) {
            Ok(text) => match serde_json::from_str::<&RawValue>(text) {
                Ok(raw) if raw.get().len() == text.len() => self.body = Some(raw),
                _ => self.body_text = Some(text),
            },
            Err(_) => {
                self.body_base64 = Some(base64::engine::general_purpose::STANDARD.encode(body));
            }
        }
        self
    }
}

/// Writes `exchange` as one JSON Lines record and its newline.
pub(crate) fn write_record(
    out: &mut impl std::io::Write,
    exchange: &Exchange,
) -> std::io::Result<()> {
    let request = &exchange.request;
    let record = Record {
        request: RecordMessage {
            method: Some(&request.method),
            url: Some(&request.url),
            status: None,
            headers: &request.headers,
            body: None,
            body_text: None,
            body_base64: None,
        }
        .with_body(request.body.as_deref()),
        response: exchange.response.as_ref().map(|response| {
            RecordMessage {
                method: None,
                url: None,
                status: Some(response.status),
                headers: &response.headers,
                body: None,
                body_text: None,
                body_base64: None,
            }
            .with_body(response.body.as_deref())
        }),
    };
    serde_json::to_writer(&mut *out, &record)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<Result<Exchange, ReadError>> {
        let mut out = Vec::new();
        read_jsonl("t.jsonl", text.as_bytes(), |_, read| out.push(read));
        out
    }

    #[test]
    fn headers_in_each_documented_form() {
        let forms = [
            r#"{"X-A": "1", "X-B": ["2", "3"]}"#,
            r#"[["X-A", "1"], ["X-B", "2"], ["X-B", "3"]]"#,
            r#"[{"name": "X-A", "value": "1"}, {"name": "X-B", "value": "2"}, {"name": "X-B", "value": "3", "comment": ""}]"#,
        ];
        for headers in forms {
            let line =
                format!(r#"{{"request": {{"method": "GET", "url": "/", "headers": {headers}}}}}"#);
            let exchange = read(&line)
                .remove(0)
                .unwrap_or_else(|e| panic!("{headers}: {e}"));
            let pairs: Vec<(&str, &str)> = exchange
                .request
                .headers
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            assert_eq!(
                pairs,
                [("X-A", "1"), ("X-B", "2"), ("X-B", "3")],
                "{headers}"
            );
        }
    }

    #[test]
    fn bodies_keep_their_exact_text_and_bad_lines_say_why() {
        let line = r#"{"request": {"method": "POST", "url": "/", "body": {"a": 1.50, "b": "é"}}, "response": {"status": 200, "body_base64": "aGk="}}"#;
        let exchange = read(line).remove(0).unwrap();
        assert_eq!(
            exchange.request.body.as_deref(),
            Some(r#"{"a": 1.50, "b": "é"}"#.as_bytes())
        );
        assert_eq!(
            exchange.response.unwrap().body.as_deref(),
            Some(b"hi".as_slice())
        );

        let bad = [
            (
                r#"{"request": {"method": "GET", "url": "/", "headers": {"X": 1}}}"#,
                "header `X`",
            ),
            (
                r#"{"request": {"method": "GET", "url": "/", "headers": [["X"]]}}"#,
                "[name, value]",
            ),
            (
                r#"{"request": {"method": "GET", "url": "/", "body": 1, "body_text": "1"}}"#,
                "not several",
            ),
            (r#"{"request": {"method": "GET"}}"#, "url"),
        ];
        for (line, expected) in bad {
            let error = read(line).remove(0).expect_err(line);
            assert!(
                error.to_string().contains(expected),
                "{error} should say {expected}"
            );
        }
    }
}
