//! HAR 1.2/1.3 entries. The scanner in `scan.rs` finds each entry of `log.entries` in the
//! stream; this reads one entry with serde.

use serde::Deserialize;

use super::{ReadError, body_bytes};
use crate::model::{Exchange, Request, Response, Unrecorded};

#[derive(Deserialize)]
struct Entry {
    request: HarRequest,
    response: Option<HarResponse>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct HarRequest {
    method: String,
    url: String,
    #[serde(default)]
    headers: Vec<Header>,
    post_data: Option<PostData>,
    /// The body's size in bytes; -1 when unknown.
    body_size: Option<i64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PostData {
    mime_type: Option<String>,
    text: Option<String>,
    encoding: Option<String>,
}

#[derive(Deserialize)]
struct HarResponse {
    status: i64,
    #[serde(default)]
    headers: Vec<Header>,
    content: Option<Content>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Content {
    mime_type: Option<String>,
    text: Option<String>,
    encoding: Option<String>,
    /// The decoded body's size in bytes.
    size: Option<i64>,
}

#[derive(Deserialize)]
struct Header {
    name: String,
    value: String,
}

/// serde_json's message without its position (the report gives the byte offset), in words a
/// person reading a capture understands.
pub(super) fn plain(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let text = match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => &text,
    };
    if text.starts_with("invalid unicode code point") {
        "a byte that is not UTF-8 (HAR files are UTF-8 JSON)".to_owned()
    } else {
        text.to_owned()
    }
}

/// The entry whose JSON text is `raw`, found at `offset` in the capture.
pub(super) fn entry(
    name: &str,
    index: usize,
    offset: usize,
    raw: &[u8],
) -> Result<Exchange, ReadError> {
    let error = |problem: String| ReadError {
        source: name.to_owned(),
        index: Some(index),
        offset: Some(offset),
        problem,
    };
    let mut deserializer = serde_json::Deserializer::from_slice(raw);
    let entry: Entry = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        error(format!(
            "not a HAR entry at `{}`: {}",
            e.path(),
            plain(e.inner())
        ))
    })?;
    let headers = |list: Vec<Header>| -> Vec<(String, String)> {
        // HTTP/2 pseudo-headers (`:authority`) are not headers of the exchange.
        list.into_iter()
            .filter(|h| !h.name.starts_with(':'))
            .map(|h| (h.name, h.value))
            .collect()
    };
    let mut request_headers = headers(entry.request.headers);
    let request_body = match &entry.request.post_data {
        Some(data) => {
            if let Some(mime) = &data.mime_type
                && !mime.is_empty()
                && !request_headers
                    .iter()
                    .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
            {
                request_headers.push(("Content-Type".into(), mime.clone()));
            }
            body_bytes(data.text.as_deref(), data.encoding.as_deref())
                .map_err(|e| error(format!("request: {e}")))?
        }
        None => None,
    };
    let response = match entry.response {
        // Status 0: the browser recorded no answer (blocked, failed, cancelled).
        Some(response) if response.status > 0 => {
            let status = u16::try_from(response.status)
                .ok()
                .filter(|s| (100..=999).contains(s))
                .ok_or_else(|| {
                    error(format!(
                        "response status {} is not an HTTP status",
                        response.status
                    ))
                })?;
            let mut response_headers = headers(response.headers);
            let body = match &response.content {
                Some(content) => {
                    if let Some(mime) = &content.mime_type
                        && !mime.is_empty()
                        && !response_headers
                            .iter()
                            .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
                    {
                        response_headers.push(("Content-Type".into(), mime.clone()));
                    }
                    body_bytes(content.text.as_deref(), content.encoding.as_deref())
                        .map_err(|e| error(format!("response: {e}")))?
                }
                None => None,
            };
            let size = response.content.as_ref().and_then(|c| c.size);
            Some(Response {
                status,
                headers: response_headers,
                unrecorded: unrecorded(body.as_deref(), size),
                body,
            })
        }
        _ => None,
    };
    Ok(Exchange {
        request: Request {
            method: entry.request.method,
            url: entry.request.url,
            headers: request_headers,
            unrecorded: unrecorded(request_body.as_deref(), entry.request.body_size),
            body: request_body,
        },
        response,
    })
}

/// Whether the recorder kept less of a body than the capture says it had: HAR gives a body's
/// size (`content.size`, `request.bodySize`) apart from its text, and recorders drop the text
/// of large or binary bodies, or cut it, while keeping the size.
fn unrecorded(body: Option<&[u8]>, size: Option<i64>) -> Option<Unrecorded> {
    let size = u64::try_from(size?).ok().filter(|s| *s > 0)?;
    match body {
        None => Some(Unrecorded::Omitted { size }),
        Some(body) if (body.len() as u64) < size => Some(Unrecorded::Truncated {
            recorded: body.len() as u64,
            size,
        }),
        Some(_) => None,
    }
}

/// Whether `raw` reads as a HAR entry (used to find the next entry after a damaged one).
pub(super) fn is_entry(raw: &[u8]) -> bool {
    serde_json::from_slice::<Entry>(raw).is_ok()
}
