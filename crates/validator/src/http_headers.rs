//! The headers of `http`'s `HeaderMap` (hyper's and reqwest's) as the model holds them, for
//! the proxy, the mock and a client's check of its own traffic: the checks know no HTTP
//! library's types.

/// The headers as `(name, value)` pairs: each value read by `to_str` (visible ASCII, nearly
/// every value, without a copy to check it) and otherwise as lossy UTF-8.
pub fn header_pairs_of(headers: &http::HeaderMap) -> Vec<(String, String)> {
    crate::exchange::header_pairs(headers.iter().map(|(name, value)| {
        let text = match value.to_str() {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(value.as_bytes()),
        };
        (name.as_str(), text)
    }))
}
