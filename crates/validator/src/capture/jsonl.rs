//! JSON Lines of exchanges: one object per line (the format is documented in the module
//! above). A line that cannot be read is reported and the next one is read.

use base64::Engine as _;
use confirmspec_spec::syntax::json_problem;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::headers::Headers;
use super::{MessageError, ReadError, body_bytes};
use crate::exchange::{Exchange, Request, Response};

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

impl Body<'_> {
    fn into_bytes(self) -> Result<Option<Vec<u8>>, MessageError> {
        match (self.body, self.body_text, self.body_base64) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) | (_, Some(_), Some(_)) => {
                Err(MessageError::SeveralBodies)
            }
            (None, None, None) => Ok(None),
            (Some(raw), None, None) => Ok(Some(raw.get().as_bytes().to_vec())),
            (None, Some(text), None) => Ok(Some(text.into_bytes())),
            (None, None, Some(encoded)) => body_bytes(Some(encoded.into()), Some("base64")),
        }
    }
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
        input: name.to_owned(),
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
                error(format!("not an exchange ({at}): {}", json_problem(&e)))
            }
        })
        .and_then(|line| {
            exchange(line).map_err(|(side, problem)| error(format!("{side}: {problem}")))
        })
}

/// The exchange a line holds, or which side of it cannot be read and why.
fn exchange(line: Line<'_>) -> Result<Exchange, (&'static str, MessageError)> {
    let request = line.request;
    let request = Request {
        method: request.method,
        url: request.url,
        headers: request.headers.0.map_err(|e| ("request", e))?,
        body: Body {
            body: request.body,
            body_text: request.body_text,
            body_base64: request.body_base64,
        }
        .into_bytes()
        .map_err(|e| ("request", e))?,
        unrecorded: None,
    };
    let response = match line.response {
        Some(response) => Some(Response {
            status: response.status,
            headers: response.headers.0.map_err(|e| ("response", e))?,
            body: Body {
                body: response.body,
                body_text: response.body_text,
                body_base64: response.body_base64,
            }
            .into_bytes()
            .map_err(|e| ("response", e))?,
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
        super::super::read_jsonl("t.jsonl", text.as_bytes(), |_, read| out.push(read));
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
