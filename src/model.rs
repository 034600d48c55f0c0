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
}

impl Unrecorded {
    /// The whole body's size in bytes, as the capture (or the proxy) gives it.
    pub fn size(self) -> u64 {
        match self {
            Unrecorded::Omitted { size }
            | Unrecorded::Truncated { size, .. }
            | Unrecorded::Shed { size } => size,
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

/// The first value of a header, by name in any case.
pub(crate) fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}
