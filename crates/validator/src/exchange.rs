//! The exchanges everything else reads and writes: a request, and its response if one was
//! recorded, as bytes and text. It depends on nothing above it and names no HTTP library's
//! types: captures are read into it, the validator checks it, the proxy and the clients'
//! self-check convert their messages into it.

use std::fmt;

/// An HTTP request as recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Request {
    /// The method, any case.
    pub method: String,
    /// The URL: absolute (`https://host/path?query`) or a path with its query.
    pub url: String,
    /// The headers, names in any case, in order.
    pub headers: Vec<(String, String)>,
    /// The body; `None` when there was none.
    pub body: Option<Vec<u8>>,
    /// Set when the recorder left the body out or cut it short: the body is then not checked,
    /// and the report says why with a warning.
    pub unrecorded: Option<Unrecorded>,
}

/// How a recorder failed to keep a body (HAR recorders often drop or cut large ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unrecorded {
    /// No body was recorded, though the capture says it had `size` bytes.
    Omitted {
        /// The body's size in bytes, as the capture gives it.
        size: u64,
    },
    /// Only the first `recorded` of `size` bytes were kept.
    Truncated {
        /// The bytes recorded.
        recorded: u64,
        /// The body's size in bytes, as the capture gives it.
        size: u64,
    },
    /// The proxy let the body go without keeping it: its report was as far behind as
    /// the proxy's `max_backlog` allows.
    Shed {
        /// The body's size in bytes.
        size: u64,
    },
    /// The log the exchange was read from carries no bodies (a gateway's access log, such as
    /// Kong's, or APISIX's without `include_req_body`), though the headers say there was one.
    NotLogged {
        /// The body's size in bytes, when its `Content-Length` gives it.
        size: Option<u64>,
    },
}

impl Unrecorded {
    /// The whole body's size in bytes, as the capture (or the proxy) gives it.
    pub fn size(self) -> u64 {
        match self {
            Unrecorded::Omitted { size }
            | Unrecorded::Truncated { size, .. }
            | Unrecorded::Shed { size } => size,
            Unrecorded::NotLogged { size } => size.unwrap_or(0),
        }
    }
}

impl fmt::Display for Unrecorded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unrecorded::Omitted { size } => write!(
                f,
                "the recorder left the body out ({size} bytes); it was not checked"
            ),
            Unrecorded::Truncated { recorded, size } => write!(
                f,
                "the recorder cut the body short ({recorded} of {size} bytes kept); it was not checked"
            ),
            Unrecorded::Shed { size } => write!(
                f,
                "the proxy's report was too far behind to keep the body ({size} bytes); it was not checked"
            ),
            Unrecorded::NotLogged { size: Some(size) } => write!(
                f,
                "the log carries no body ({size} bytes by its Content-Length); it was not checked"
            ),
            Unrecorded::NotLogged { size: None } => {
                write!(f, "the log carries no body; it was not checked")
            }
        }
    }
}

/// An HTTP response as recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The headers, names in any case, in order.
    pub headers: Vec<(String, String)>,
    /// The body; `None` when there was none.
    pub body: Option<Vec<u8>>,
    /// Set when the recorder left the body out or cut it short.
    pub unrecorded: Option<Unrecorded>,
}

/// A request and, when one was recorded, its response.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exchange {
    /// The request.
    pub request: Request,
    /// The response, if any.
    pub response: Option<Response>,
}

/// Header pairs as [`Request::headers`] holds them, from an HTTP library's `(name, value)`
/// pairs, each value read as text by the caller: the library knows the cheapest way (hyper's
/// `to_str` checks for visible ASCII, which nearly every value is) and falls back to a lossy
/// read of UTF-8.
pub fn header_pairs<'h>(
    headers: impl Iterator<Item = (&'h str, std::borrow::Cow<'h, str>)>,
) -> Vec<(String, String)> {
    headers
        .map(|(name, value)| (name.to_owned(), value.into_owned()))
        .collect()
}

/// What a recorder that hides a credential writes in its place, scheme and all: ours (`***`,
/// for a value without a scheme) and the gateways' (Kong's log writes `REDACTED` for
/// `Authorization`). A credential hidden this way was sent, whatever its scheme was.
pub(crate) const REDACTED_MARKERS: [&str; 2] = ["***", "REDACTED"];

/// The first value of a header, by name in any case.
pub fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}
