//! HAR 1.2/1.3: `log.entries`, read entry by entry with serde (never a whole-file `Value`).

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::{ReadError, body_bytes, offset_of};
use crate::validate::{Exchange, Request, Response};

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
}

#[derive(Deserialize)]
struct Header {
    name: String,
    value: String,
}

/// Reads a HAR capture, handing every entry to `sink` as it is read. Returns how many
/// entries were handed over. A capture cut short gives its entries up to the cut, then one
/// error for the entry it cut.
pub fn read_har(
    name: &str,
    bytes: &[u8],
    mut sink: impl FnMut(usize, Result<Exchange, ReadError>),
) -> usize {
    let mut count = 0;
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let mut seen_entries = false;
    let result = {
        let mut on_entry = |raw: &RawValue| {
            let offset = raw.get().as_ptr() as usize - bytes.as_ptr() as usize;
            sink(count, entry(name, count, offset, raw));
            count += 1;
        };
        let top = Top {
            on_entry: &mut on_entry,
            seen_entries: &mut seen_entries,
        };
        de::Deserializer::deserialize_map(&mut deserializer, top).and_then(|()| deserializer.end())
    };
    match result {
        Ok(()) if !seen_entries => {
            sink(
                count,
                Err(ReadError {
                    source: name.to_owned(),
                    index: None,
                    offset: None,
                    problem: "not a HAR capture: no `log.entries` list".into(),
                }),
            );
            count += 1;
        }
        Ok(()) => {}
        Err(e) => {
            let offset = offset_of(bytes, e.line(), e.column());
            let problem = if e.is_eof() {
                format!("the capture is cut short: {}", plain(&e))
            } else if seen_entries {
                format!("the capture breaks off: {}", plain(&e))
            } else {
                format!("not a HAR capture: {}", plain(&e))
            };
            sink(
                count,
                Err(ReadError {
                    source: name.to_owned(),
                    index: seen_entries.then_some(count),
                    offset: Some(offset),
                    problem,
                }),
            );
            count += 1;
        }
    }
    count
}

/// serde_json's message without its own position (the error names the byte offset).
/// serde_json's message without its position (the report gives the byte offset), in words a
/// person reading a capture understands.
fn plain(error: &serde_json::Error) -> String {
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

fn entry(name: &str, index: usize, offset: usize, raw: &RawValue) -> Result<Exchange, ReadError> {
    let error = |problem: String| ReadError {
        source: name.to_owned(),
        index: Some(index),
        offset: Some(offset),
        problem,
    };
    let mut deserializer = serde_json::Deserializer::from_str(raw.get());
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
            Some(Response {
                status,
                headers: response_headers,
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
            body: request_body,
        },
        response,
    })
}

/// The top-level object: `log` is read, everything else skipped.
struct Top<'a, F> {
    on_entry: &'a mut F,
    seen_entries: &'a mut bool,
}

impl<'de, F: FnMut(&RawValue)> Visitor<'de> for Top<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a HAR object with `log`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == "log" {
                map.next_value_seed(Log {
                    on_entry: &mut *self.on_entry,
                    seen_entries: &mut *self.seen_entries,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct Log<'a, F> {
    on_entry: &'a mut F,
    seen_entries: &'a mut bool,
}

impl<'de, F: FnMut(&RawValue)> DeserializeSeed<'de> for Log<'_, F> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, F: FnMut(&RawValue)> Visitor<'de> for Log<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a HAR `log` object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == "entries" {
                *self.seen_entries = true;
                map.next_value_seed(Entries {
                    on_entry: &mut *self.on_entry,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct Entries<'a, F> {
    on_entry: &'a mut F,
}

impl<'de, F: FnMut(&RawValue)> DeserializeSeed<'de> for Entries<'_, F> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, F: FnMut(&RawValue)> Visitor<'de> for Entries<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of HAR entries")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            (self.on_entry)(raw);
        }
        Ok(())
    }
}
