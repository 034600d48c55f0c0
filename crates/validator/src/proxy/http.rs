//! HTTP helpers of the proxy: hop-by-hop headers, problem answers, upstream targets, and
//! hyper's messages as the validator's model.

use std::convert::Infallible;

use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper::header::{self, HeaderMap, HeaderName, HeaderValue};
use hyper::http::uri::PathAndQuery;
use hyper::{Response, StatusCode, Uri};
use serde_json::json;

use crate::validate::Violation;

/// The body of every answer the proxy gives.
pub(super) type ProxyBody = BoxBody<Bytes, hyper::Error>;

pub(super) use crate::http_headers::header_pairs_of as header_pairs;

/// The headers a proxy does not forward (RFC 9110, 7.6.1), besides those `Connection` names.
pub(super) const HOP_BY_HOP: [&str; 9] = [
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

pub(super) fn strip_hop_by_hop(headers: &mut HeaderMap) {
    // Most messages carry none (HTTP/1.1 keeps connections alive without saying so): one look
    // at each name is cheaper than a removal by each hop-by-hop name.
    if !headers
        .keys()
        .any(|name| HOP_BY_HOP.contains(&name.as_str()))
    {
        return;
    }
    let named: Vec<HeaderName> = headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|name| HeaderName::from_bytes(name.trim().as_bytes()).ok())
        .collect();
    for name in named {
        headers.remove(name);
    }
    for name in HOP_BY_HOP {
        headers.remove(name);
    }
}

/// An `application/problem+json` answer (RFC 9457).
pub(super) fn problem(
    status: StatusCode,
    detail: String,
    violations: &[&Violation],
) -> Response<ProxyBody> {
    let mut body = json!({
        "type": "about:blank",
        "title": status.canonical_reason().unwrap_or("Error"),
        "status": status.as_u16(),
        "detail": detail,
    });
    if !violations.is_empty() {
        body["violations"] = json!(violations);
    }
    let bytes = Bytes::from(serde_json::to_vec(&body).expect("JSON serialises"));
    let mut response = Response::new(
        Full::new(bytes)
            .map_err(|never: Infallible| match never {})
            .boxed(),
    );
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

/// The path and query `target` (`/path?query`) has on the upstream at `base`: `base`'s own
/// path, if it has one, then `target`.
pub(super) fn upstream_target(
    base: &Uri,
    target: Option<&PathAndQuery>,
) -> Result<PathAndQuery, http::uri::InvalidUri> {
    let target = target
        .cloned()
        .unwrap_or_else(|| PathAndQuery::from_static("/"));
    let prefix = base.path().trim_end_matches('/');
    if prefix.is_empty() {
        return Ok(target);
    }
    format!("{prefix}{target}").parse()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hop_by_hop_headers_and_those_connection_names_are_stripped() {
        let mut headers = HeaderMap::new();
        for (name, value) in [
            ("connection", "keep-alive, x-trace"),
            ("keep-alive", "timeout=5"),
            ("x-trace", "1"),
            ("transfer-encoding", "chunked"),
            ("upgrade", "h2c"),
            ("content-type", "application/json"),
            ("api-key", "k"),
        ] {
            headers.insert(name, HeaderValue::from_static(value));
        }
        strip_hop_by_hop(&mut headers);
        let mut left: Vec<&str> = headers.keys().map(HeaderName::as_str).collect();
        left.sort_unstable();
        assert_eq!(left, ["api-key", "content-type"]);

        let mut end_to_end = HeaderMap::new();
        end_to_end.insert("x-trace", HeaderValue::from_static("1"));
        strip_hop_by_hop(&mut end_to_end);
        assert_eq!(
            end_to_end.len(),
            1,
            "named by no Connection header, it stays"
        );
    }
    #[test]
    fn the_upstream_target_keeps_the_base_prefix_and_the_target() {
        let target: PathAndQuery = "/campaigns/1/orders/2/verifyEac?x=1".parse().unwrap();
        for (base, expected) in [
            (
                "http://127.0.0.1:9100",
                "/campaigns/1/orders/2/verifyEac?x=1",
            ),
            (
                "https://sandbox.example/api/v2/",
                "/api/v2/campaigns/1/orders/2/verifyEac?x=1",
            ),
        ] {
            let path = upstream_target(&base.parse().unwrap(), Some(&target)).unwrap();
            assert_eq!(path.as_str(), expected);
        }
        let root = upstream_target(&"http://h".parse().unwrap(), None).unwrap();
        assert_eq!(root.as_str(), "/");
    }
}
