//! HAR 1.2/1.3 entries. The scanner in `scan.rs` finds each entry of `log.entries` in the
//! stream; this reads one entry with serde.

use std::borrow::Cow;
use std::io::{self, Write};

use base64::Engine as _;
use confirmspec_spec::syntax::{json_error_offset, json_problem};
use serde::{Deserialize, Serialize};

use super::{MessageError, ReadError, body_bytes};
use crate::exchange::{Exchange, Request, Response, Unrecorded};

// One set of types, read and written: reading takes what a recorder wrote (strings owned,
// fields a reader does not need left unparsed); writing borrows from the exchange and adds the
// fields HAR 1.2 requires of a writer (`skip_deserializing`).

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Entry<'a> {
    #[serde(skip_deserializing)]
    started_date_time: Cow<'a, str>,
    #[serde(skip_deserializing)]
    time: u64,
    request: HarRequest<'a>,
    response: Option<HarResponse<'a>>,
    #[serde(skip_deserializing)]
    cache: Empty,
    #[serde(skip_deserializing)]
    timings: Timings,
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    comment: Option<Cow<'a, str>>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct HarRequest<'a> {
    method: Cow<'a, str>,
    url: Cow<'a, str>,
    #[serde(skip_deserializing)]
    http_version: &'static str,
    #[serde(default)]
    headers: Vec<Header<'a>>,
    #[serde(skip_deserializing)]
    query_string: [Empty; 0],
    #[serde(skip_deserializing)]
    cookies: [Empty; 0],
    #[serde(skip_deserializing)]
    headers_size: i64,
    /// The body's size in bytes; -1 when unknown.
    body_size: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    post_data: Option<Content<'a>>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct HarResponse<'a> {
    status: i64,
    #[serde(skip_deserializing)]
    status_text: &'static str,
    #[serde(skip_deserializing)]
    http_version: &'static str,
    #[serde(default)]
    headers: Vec<Header<'a>>,
    #[serde(skip_deserializing)]
    cookies: [Empty; 0],
    content: Option<Content<'a>>,
    #[serde(skip_deserializing, rename = "redirectURL")]
    redirect_url: &'static str,
    #[serde(skip_deserializing)]
    headers_size: i64,
    #[serde(skip_deserializing)]
    body_size: i64,
}

/// A body: a request's `postData` or a response's `content`.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Content<'a> {
    /// The decoded body's size in bytes (a response's; a request's is `bodySize`).
    #[serde(skip_serializing_if = "Option::is_none")]
    size: Option<i64>,
    mime_type: Option<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<Cow<'a, str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<Cow<'a, str>>,
}

#[derive(Serialize, Deserialize)]
struct Header<'a> {
    name: Cow<'a, str>,
    value: Cow<'a, str>,
}

#[derive(Default, Serialize)]
struct Empty {}

#[derive(Serialize)]
struct Timings {
    send: i64,
    wait: i64,
    receive: i64,
}

impl Default for Timings {
    fn default() -> Self {
        // HAR requires them; what is not known is -1.
        Timings {
            send: -1,
            wait: -1,
            receive: -1,
        }
    }
}

/// serde_json's message without its position (the report gives the byte offset), in words a
/// person reading a capture understands: an error at or past the first byte of `raw` that is
/// not UTF-8 is that byte.
pub(super) fn plain(raw: &[u8], error: &serde_json::Error) -> String {
    match std::str::from_utf8(raw) {
        Err(bad) if json_error_offset(raw, error) >= bad.valid_up_to() => {
            "a byte that is not UTF-8 (HAR files are UTF-8 JSON)".to_owned()
        }
        _ => json_problem(error),
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
        input: name.to_owned(),
        index: Some(index),
        offset: Some(offset),
        problem,
    };
    // Tracking the path costs every entry; it is needed only to say where one fails, so a
    // failed entry is read again with it.
    // One UTF-8 check of the whole entry (SIMD, in one pass) instead of serde_json's check of
    // each string it reads; an entry that is not UTF-8 is read as bytes, to say where.
    let read = match std::str::from_utf8(raw) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(raw),
    };
    let mut entry: Entry = match read {
        Ok(entry) => entry,
        Err(_) => {
            let mut deserializer = serde_json::Deserializer::from_slice(raw);
            serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
                error(format!(
                    "not a HAR entry at `{}`: {}",
                    e.path(),
                    plain(raw, e.inner())
                ))
            })?
        }
    };
    let headers = |list: Vec<Header>| -> Vec<(String, String)> {
        // HTTP/2 pseudo-headers (`:authority`) are not headers of the exchange.
        list.into_iter()
            .filter(|h| !h.name.starts_with(':'))
            .map(|h| (h.name.into_owned(), h.value.into_owned()))
            .collect()
    };
    let mut request_headers = headers(entry.request.headers);
    let request_body = match &mut entry.request.post_data {
        Some(data) => data
            .take_body(&mut request_headers)
            .map_err(|e| error(format!("request: {e}")))?,
        None => None,
    };
    let response = match entry.response {
        // Status 0: the browser recorded no answer (blocked, failed, cancelled).
        Some(mut response) if response.status > 0 => {
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
            let body = match &mut response.content {
                Some(content) => content
                    .take_body(&mut response_headers)
                    .map_err(|e| error(format!("response: {e}")))?,
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
            method: entry.request.method.into_owned(),
            url: entry.request.url.into_owned(),
            headers: request_headers,
            unrecorded: unrecorded(request_body.as_deref(), entry.request.body_size),
            body: request_body,
        },
        response,
    })
}

impl Content<'_> {
    /// The body's bytes, taken (decoded from base64 where it says so); its `mimeType` becomes
    /// the message's `Content-Type` when the headers carry none (recorders keep it apart).
    fn take_body(
        &mut self,
        headers: &mut Vec<(String, String)>,
    ) -> Result<Option<Vec<u8>>, MessageError> {
        if let Some(mime) = &self.mime_type
            && !mime.is_empty()
            && !headers
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        {
            headers.push(("Content-Type".into(), mime.to_string()));
        }
        body_bytes(self.text.take(), self.encoding.as_deref())
    }
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

/// Writes `exchange` as one HAR 1.2 entry (the JSON object, without a separator), started at
/// `started` (RFC 3339), with `comment`. A body that is UTF-8 is written as text, another as
/// base64; a body the recorder did not keep whole keeps its size, so a reader tells it was
/// cut. An exchange without a response gets status 0, as browsers record one.
pub(crate) fn write_entry(
    out: &mut impl Write,
    exchange: &Exchange,
    started: &str,
    comment: Option<&str>,
) -> io::Result<()> {
    let request = &exchange.request;
    let request_size = request.unrecorded.map(|u| u.size() as i64);
    let post_data = request.body.as_deref().map(|body| {
        let mut data = content(&request.headers, body, None);
        data.size = None;
        data
    });
    let response = match &exchange.response {
        Some(response) => HarResponse {
            status: i64::from(response.status),
            headers: har_headers(&response.headers),
            content: Some(content(
                &response.headers,
                response.body.as_deref().unwrap_or_default(),
                response.unrecorded.map(|u| u.size()),
            )),
            ..HarResponse::unanswered()
        },
        None => HarResponse::unanswered(),
    };
    let entry = Entry {
        started_date_time: Cow::Borrowed(started),
        time: 0,
        request: HarRequest {
            method: Cow::Borrowed(&request.method),
            url: Cow::Borrowed(&request.url),
            http_version: "HTTP/1.1",
            headers: har_headers(&request.headers),
            query_string: [],
            cookies: [],
            headers_size: -1,
            body_size: Some(request_size.unwrap_or(-1)),
            post_data,
        },
        response: Some(response),
        cache: Empty {},
        timings: Timings::default(),
        comment: comment.map(Cow::Borrowed),
    };
    serde_json::to_writer(out, &entry).map_err(io::Error::from)
}

impl HarResponse<'_> {
    /// A response the recorder never saw (status 0), and the fixed fields of every response.
    fn unanswered() -> Self {
        HarResponse {
            status: 0,
            status_text: "",
            http_version: "HTTP/1.1",
            headers: Vec::new(),
            cookies: [],
            content: None,
            redirect_url: "",
            headers_size: -1,
            body_size: -1,
        }
    }
}

fn har_headers(headers: &[(String, String)]) -> Vec<Header<'_>> {
    headers
        .iter()
        .map(|(name, value)| Header {
            name: Cow::Borrowed(name),
            value: Cow::Borrowed(value),
        })
        .collect()
}

/// A body as HAR content: its media type from `Content-Type`, its text (or base64), and its
/// size (`whole` when the recorder kept less than the body had).
fn content<'a>(headers: &'a [(String, String)], body: &'a [u8], whole: Option<u64>) -> Content<'a> {
    let mime_type = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-type"))
        .map_or("", |(_, value)| value.as_str());
    let (text, encoding) = match std::str::from_utf8(body) {
        _ if body.is_empty() => (None, None),
        Ok(text) => (Some(Cow::Borrowed(text)), None),
        Err(_) => (
            Some(Cow::Owned(
                base64::engine::general_purpose::STANDARD.encode(body),
            )),
            Some(Cow::Borrowed("base64")),
        ),
    };
    Content {
        size: Some(whole.unwrap_or(body.len() as u64) as i64),
        mime_type: Some(Cow::Borrowed(mime_type)),
        text,
        encoding,
    }
}

#[cfg(test)]
mod tests {
    use super::entry;

    const ENTRY: &str = r#"{"startedDateTime": "2026-01-01T00:00:00Z", "time": 1, "request": {"method": "GET", "url": "https://x.example/NAME", "httpVersion": "HTTP/1.1", "headers": [], "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0}, "response": {"status": 200, "statusText": "", "httpVersion": "HTTP/1.1", "headers": [], "cookies": [], "content": {"size": 0, "mimeType": "text/plain"}, "redirectURL": "", "headersSize": -1, "bodySize": 0}, "cache": {}, "timings": {"send": 0, "wait": 0, "receive": 0}}"#;

    #[test]
    fn a_byte_that_is_not_utf8_is_said_so_and_an_earlier_syntax_error_is_itself() {
        let mut raw = ENTRY.as_bytes().to_vec();
        let name = ENTRY.find("NAME").unwrap();
        raw[name] = 0xff;
        let error = entry("capture.har", 0, 0, &raw).unwrap_err();
        assert!(
            error
                .problem
                .ends_with("a byte that is not UTF-8 (HAR files are UTF-8 JSON)"),
            "{error}"
        );
        // A syntax error before the bad byte is the error.
        raw[1] = b'x';
        let error = entry("capture.har", 0, 0, &raw).unwrap_err();
        assert!(!error.problem.contains("UTF-8"), "{error}");
        assert!(entry("capture.har", 0, 0, ENTRY.as_bytes()).is_ok());
    }
}
