//! The access logs API gateways ship to Kafka, one request each: Apache APISIX's default log
//! format (`kafka-logger`, `http-logger`, ...) and Kong's log serializer (`kafka-log`,
//! `http-log`, `file-log`). Both write `request` with `url`, `uri`, `method` and `headers`,
//! and `response` with `status` and `headers`; APISIX adds the bodies when told to
//! (`include_req_body`, `include_resp_body`), Kong never does.
//!
//! A body the log does not carry, though the message's headers say it had one
//! (`Content-Length` over 0, or `Transfer-Encoding`), is [`Unrecorded::NotLogged`]: the
//! exchange's other checks run, and a warning says the body was not checked.

use std::borrow::Cow;

use confirmspec_spec::syntax::json_problem;
use serde::Deserialize;
use serde::de::IgnoredAny;

use super::ReadError;
use super::headers::Headers;
use crate::exchange::{Exchange, Request, Response, Unrecorded, header};

#[derive(Deserialize)]
struct Log<'a> {
    #[serde(borrow)]
    request: LogRequest<'a>,
    #[serde(borrow)]
    response: Option<LogResponse<'a>>,
}

#[derive(Deserialize)]
struct LogRequest<'a> {
    method: String,
    /// `scheme://host:port` and the request's URI.
    url: Option<String>,
    /// The request's URI as the client sent it (path and query).
    uri: Option<String>,
    #[serde(default)]
    headers: Headers,
    #[serde(borrow)]
    body: Option<Cow<'a, str>>,
    /// APISIX: the body was larger than nginx keeps in memory, and went to this file.
    body_file: Option<IgnoredAny>,
}

#[derive(Deserialize)]
struct LogResponse<'a> {
    status: u16,
    #[serde(default)]
    headers: Headers,
    #[serde(borrow)]
    body: Option<Cow<'a, str>>,
}

/// The exchange a gateway's log record holds; `format` names the gateway in an error.
pub(super) fn entry(
    source: &str,
    index: usize,
    offset: usize,
    raw: &[u8],
    format: &str,
) -> Result<Exchange, ReadError> {
    let error = |problem: String| ReadError {
        input: source.to_owned(),
        index: Some(index),
        offset: Some(offset),
        problem,
    };
    let log: Log = serde_json::from_slice(raw).map_err(|e| {
        error(format!(
            "not a {format} log record (column {}): {}",
            e.column(),
            json_problem(&e)
        ))
    })?;
    let request = log.request;
    let url = request
        .url
        .or(request.uri)
        .ok_or_else(|| error("request: no `url` or `uri`".into()))?;
    let headers = request
        .headers
        .0
        .map_err(|e| error(format!("request: {e}")))?;
    let spilled = request.body_file.is_some();
    let body = request.body.map(|b| b.into_owned().into_bytes());
    let unrecorded = if body.is_none() || spilled {
        not_logged(&headers)
    } else {
        None
    };
    let response = match log.response {
        // Status 0: nginx sent nothing (the client went away first).
        Some(response) if response.status > 0 => {
            let headers = response
                .headers
                .0
                .map_err(|e| error(format!("response: {e}")))?;
            let body = response.body.map(|b| b.into_owned().into_bytes());
            Some(Response {
                status: response.status,
                unrecorded: if body.is_none() {
                    not_logged(&headers)
                } else {
                    None
                },
                headers,
                body,
            })
        }
        _ => None,
    };
    Ok(Exchange {
        request: Request {
            method: request.method,
            url,
            headers,
            body,
            unrecorded,
        },
        response,
    })
}

/// A body the headers announce and the log does not carry.
fn not_logged(headers: &[(String, String)]) -> Option<Unrecorded> {
    let length = header(headers, "content-length").and_then(|v| v.trim().parse::<u64>().ok());
    match length {
        Some(0) => None,
        Some(size) => Some(Unrecorded::NotLogged { size: Some(size) }),
        None if header(headers, "transfer-encoding").is_some() => {
            Some(Unrecorded::NotLogged { size: None })
        }
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apisix_records_keep_their_bodies_and_kong_records_say_theirs_are_not_logged() {
        let apisix = br#"{"request": {"url": "http://gw:9080/v3/billing/api/order/order/1/pay?x=1", "uri": "/v3/billing/api/order/order/1/pay?x=1", "method": "POST", "headers": {"content-type": "application/json", "content-length": "2", "x-many": ["a", "b"]}, "body": "{}"}, "response": {"status": 200, "headers": {"content-length": "9"}, "body": "{\"a\": 1}"}, "route_id": "1"}"#;
        let exchange = entry("t", 0, 0, apisix, "apisix").unwrap();
        assert_eq!(
            exchange.request.url,
            "http://gw:9080/v3/billing/api/order/order/1/pay?x=1"
        );
        assert_eq!(exchange.request.body.as_deref(), Some(b"{}".as_slice()));
        assert_eq!(exchange.request.unrecorded, None);
        assert_eq!(
            exchange
                .request
                .headers
                .iter()
                .filter(|(n, _)| n == "x-many")
                .count(),
            2
        );
        let response = exchange.response.unwrap();
        assert_eq!(response.body.as_deref(), Some(br#"{"a": 1}"#.as_slice()));

        let kong = br#"{"request": {"url": "http://gw:8000/a", "uri": "/a", "method": "PUT", "headers": {"content-length": "17", "authorization": "REDACTED"}}, "response": {"status": 200, "headers": {"transfer-encoding": "chunked"}}, "latencies": {}}"#;
        let exchange = entry("t", 0, 0, kong, "kong").unwrap();
        assert_eq!(
            exchange.request.unrecorded,
            Some(Unrecorded::NotLogged { size: Some(17) })
        );
        assert_eq!(
            exchange.response.unwrap().unrecorded,
            Some(Unrecorded::NotLogged { size: None })
        );

        let no_body = br#"{"request": {"uri": "/a", "method": "GET", "headers": {}}, "response": {"status": 204, "headers": {}}}"#;
        let exchange = entry("t", 0, 0, no_body, "kong").unwrap();
        assert_eq!(exchange.request.unrecorded, None);
        assert_eq!(exchange.response.unwrap().unrecorded, None);

        let error = entry("t", 3, 40, br#"{"request": {"method": "GET"}}"#, "kong").unwrap_err();
        assert_eq!(
            error.to_string(),
            "t: entry 3 (byte offset 40): request: no `url` or `uri`"
        );
    }
}
