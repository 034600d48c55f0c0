//! JSON Lines of exchanges: one object per line (the format is documented in the module
//! above). A line that cannot be read is reported and the next one is read.

use serde::Deserialize;
use serde_json::Value;

use super::{ReadError, body_bytes};
use crate::validate::{Exchange, Request, Response};

#[derive(Deserialize)]
struct Line {
    request: LineRequest,
    response: Option<LineResponse>,
}

#[derive(Deserialize)]
struct LineRequest {
    method: String,
    url: String,
    #[serde(default)]
    headers: Headers,
    #[serde(flatten)]
    body: Body,
}

#[derive(Deserialize)]
struct LineResponse {
    status: u16,
    #[serde(default)]
    headers: Headers,
    #[serde(flatten)]
    body: Body,
}

#[derive(Deserialize, Default)]
struct Body {
    body: Option<Value>,
    body_text: Option<String>,
    body_base64: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(untagged)]
enum Headers {
    #[default]
    None,
    Object(serde_json::Map<String, Value>),
    Pairs(Vec<(String, String)>),
    Named(Vec<NamedHeader>),
}

#[derive(Deserialize)]
struct NamedHeader {
    name: String,
    value: String,
}

impl Headers {
    fn into_pairs(self) -> Result<Vec<(String, String)>, String> {
        Ok(match self {
            Headers::None => Vec::new(),
            Headers::Pairs(pairs) => pairs,
            Headers::Named(list) => list.into_iter().map(|h| (h.name, h.value)).collect(),
            Headers::Object(object) => {
                let mut pairs = Vec::with_capacity(object.len());
                for (name, value) in object {
                    match value {
                        Value::String(text) => pairs.push((name, text)),
                        Value::Array(values) => {
                            for value in values {
                                let text = value.as_str().ok_or_else(|| {
                                    format!("header `{name}` holds a non-string value")
                                })?;
                                pairs.push((name.clone(), text.to_owned()));
                            }
                        }
                        _ => {
                            return Err(format!(
                                "header `{name}` must be a string or a list of strings"
                            ));
                        }
                    }
                }
                pairs
            }
        })
    }
}

impl Body {
    fn into_bytes(self) -> Result<Option<Vec<u8>>, String> {
        match (self.body, self.body_text, self.body_base64) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) | (_, Some(_), Some(_)) => {
                Err("give one of `body`, `body_text` and `body_base64`, not several".into())
            }
            (Some(Value::Null), None, None) | (None, None, None) => Ok(None),
            (Some(value), None, None) => Ok(Some(value.to_string().into_bytes())),
            (None, Some(text), None) => Ok(Some(text.into_bytes())),
            (None, None, Some(encoded)) => body_bytes(Some(&encoded), Some("base64")),
        }
    }
}

/// Reads JSON Lines, handing every non-blank line to `sink` as an exchange or an error.
/// Returns how many lines were handed over.
pub fn read_jsonl(
    name: &str,
    bytes: &[u8],
    mut sink: impl FnMut(usize, Result<Exchange, ReadError>),
) -> usize {
    let mut index = 0;
    let mut offset = 0;
    for raw_line in bytes.split_inclusive(|b| *b == b'\n') {
        let line_offset = offset;
        offset += raw_line.len();
        if raw_line.trim_ascii().is_empty() {
            continue;
        }
        let error = |problem: String| ReadError {
            source: name.to_owned(),
            index: Some(index),
            offset: Some(line_offset),
            problem,
        };
        let result = match std::str::from_utf8(raw_line) {
            Ok(_) => Ok(raw_line),
            Err(e) => Err(ReadError {
                offset: Some(line_offset + e.valid_up_to()),
                ..error(format!(
                    "the line is not UTF-8: byte 0x{:02X} at column {}",
                    raw_line[e.valid_up_to()],
                    e.valid_up_to() + 1
                ))
            }),
        };
        let result = result
            .and_then(|raw_line| {
                serde_json::from_slice::<Line>(raw_line).map_err(|e| {
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
                })
            })
            .and_then(|line| exchange(line).map_err(error));
        sink(index, result);
        index += 1;
    }
    index
}

fn exchange(line: Line) -> Result<Exchange, String> {
    let request = Request {
        method: line.request.method,
        url: line.request.url,
        headers: line
            .request
            .headers
            .into_pairs()
            .map_err(|e| format!("request: {e}"))?,
        body: line
            .request
            .body
            .into_bytes()
            .map_err(|e| format!("request: {e}"))?,
    };
    let response = match line.response {
        Some(response) => Some(Response {
            status: response.status,
            headers: response
                .headers
                .into_pairs()
                .map_err(|e| format!("response: {e}"))?,
            body: response
                .body
                .into_bytes()
                .map_err(|e| format!("response: {e}"))?,
        }),
        None => None,
    };
    Ok(Exchange { request, response })
}
