//! Where in an exchange, or in a standalone payload, a violation is: a type, written in
//! reports as the strings they have always carried (`request.query.limit`, `response.body`).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// The place of a violation: a part of the request or the response, or the payload.
///
/// Reports write it as a string: `request.path.<name>`, `request.query.<name>`,
/// `request.header.<name>` (lower-case), `request.cookie.<name>`, `request.headers`,
/// `request.security`, `request.body`, `response.status`, `response.header.<name>`,
/// `response.headers`, `response.body`, `payload`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Location {
    /// A path parameter, by name.
    RequestPath(String),
    /// A query parameter, by name.
    RequestQuery(String),
    /// A request header, by lower-case name.
    RequestHeader(String),
    /// A cookie, by name.
    RequestCookie(String),
    /// The request's headers as a whole (their number and size).
    RequestHeaders,
    /// The credentials the security requirements ask.
    RequestSecurity,
    /// The request body.
    RequestBody,
    /// The response status.
    ResponseStatus,
    /// A response header, by lower-case name.
    ResponseHeader(String),
    /// The response's headers as a whole.
    ResponseHeaders,
    /// The response body.
    ResponseBody,
    /// A standalone payload (`confirmspec check`).
    Payload,
}

impl Location {
    /// The string reports write.
    pub fn as_str(&self) -> Cow<'static, str> {
        let named = |prefix: &str, name: &str| Cow::Owned(format!("{prefix}{name}"));
        match self {
            Location::RequestPath(name) => named("request.path.", name),
            Location::RequestQuery(name) => named("request.query.", name),
            Location::RequestHeader(name) => named("request.header.", name),
            Location::RequestCookie(name) => named("request.cookie.", name),
            Location::RequestHeaders => Cow::Borrowed("request.headers"),
            Location::RequestSecurity => Cow::Borrowed("request.security"),
            Location::RequestBody => Cow::Borrowed("request.body"),
            Location::ResponseStatus => Cow::Borrowed("response.status"),
            Location::ResponseHeader(name) => named("response.header.", name),
            Location::ResponseHeaders => Cow::Borrowed("response.headers"),
            Location::ResponseBody => Cow::Borrowed("response.body"),
            Location::Payload => Cow::Borrowed("payload"),
        }
    }

    /// Whether it is a part of the response.
    pub fn in_response(&self) -> bool {
        matches!(
            self,
            Location::ResponseStatus
                | Location::ResponseHeader(_)
                | Location::ResponseHeaders
                | Location::ResponseBody
        )
    }

    /// Whether it is a body (where a violation has a JSON pointer).
    pub fn is_body(&self) -> bool {
        matches!(
            self,
            Location::RequestBody | Location::ResponseBody | Location::Payload
        )
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_str())
    }
}

impl PartialEq<str> for Location {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Location {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A string that is no location reports write.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a violation's location")]
pub struct UnknownLocation(pub String);

impl FromStr for Location {
    type Err = UnknownLocation;

    fn from_str(text: &str) -> Result<Self, UnknownLocation> {
        let named = |prefix: &str| {
            text.strip_prefix(prefix)
                .filter(|name| !name.is_empty())
                .map(str::to_owned)
        };
        let fixed = match text {
            "request.headers" => Some(Location::RequestHeaders),
            "request.security" => Some(Location::RequestSecurity),
            "request.body" => Some(Location::RequestBody),
            "response.status" => Some(Location::ResponseStatus),
            "response.headers" => Some(Location::ResponseHeaders),
            "response.body" => Some(Location::ResponseBody),
            "payload" => Some(Location::Payload),
            _ => None,
        };
        fixed
            .or_else(|| named("request.path.").map(Location::RequestPath))
            .or_else(|| named("request.query.").map(Location::RequestQuery))
            .or_else(|| named("request.header.").map(Location::RequestHeader))
            .or_else(|| named("request.cookie.").map(Location::RequestCookie))
            .or_else(|| named("response.header.").map(Location::ResponseHeader))
            .ok_or_else(|| UnknownLocation(text.to_owned()))
    }
}

// Written as the strings reports have always carried; the report schemas call it a string.
crate::validate::written_as_string!(Location, "Location");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_location_reads_back_from_the_string_reports_write() {
        for location in [
            Location::RequestPath("id".into()),
            Location::RequestQuery("limit".into()),
            Location::RequestHeader("api-key".into()),
            Location::RequestCookie("session".into()),
            Location::RequestHeaders,
            Location::RequestSecurity,
            Location::RequestBody,
            Location::ResponseStatus,
            Location::ResponseHeader("content-type".into()),
            Location::ResponseHeaders,
            Location::ResponseBody,
            Location::Payload,
        ] {
            let text = location.to_string();
            assert_eq!(text.parse::<Location>(), Ok(location.clone()), "{text}");
            assert_eq!(
                serde_json::to_value(&location).unwrap(),
                serde_json::json!(text)
            );
        }
        assert!("request.query.".parse::<Location>().is_err());
        assert!("response".parse::<Location>().is_err());
    }
}
