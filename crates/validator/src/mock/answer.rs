//! What the mock answers when no flow does: an operation's documented response for a status
//! (its example, or a value made from its schema), the problem+json of the mock's own errors,
//! and the `Prefer` header (`code=`, `delay=`) that asks for one.

use std::time::Duration;

use serde_json::{Value, json};

use confirmspec_spec::Spec;
use confirmspec_spec::model::Operation;

/// A response the mock sends: a status and a JSON body (or none).
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The status.
    pub status: u16,
    /// The body, as JSON.
    pub body: Option<Value>,
    /// Its media type.
    pub content_type: &'static str,
}

impl Answer {
    /// A JSON answer.
    pub fn json(status: u16, body: Value) -> Self {
        Self {
            status,
            body: Some(body),
            content_type: "application/json",
        }
    }

    /// The mock's own error, as RFC 9457 problem details.
    pub fn problem(status: u16, title: &str, detail: &str) -> Self {
        Self {
            status,
            body: Some(
                json!({"type": "about:blank", "title": title, "status": status, "detail": detail}),
            ),
            content_type: "application/problem+json",
        }
    }
}

/// What a `Prefer` header asks for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Prefer {
    /// `code=N`: answer the documented response of this status.
    pub(super) code: Option<u16>,
    /// `delay=MS`: wait this long first.
    pub(super) delay: Option<Duration>,
}

/// A `Prefer` preference the mock cannot follow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(super) enum PreferError {
    #[error("Prefer: code={0} is not an HTTP status (100-599)")]
    Code(String),
    #[error("Prefer: delay={0} is not milliseconds")]
    Delay(String),
}

impl Prefer {
    /// Reads `Prefer` values (`code=429, delay=2000`, or several headers).
    pub(super) fn parse<'h>(values: impl Iterator<Item = &'h str>) -> Result<Self, PreferError> {
        let mut prefer = Prefer::default();
        for value in values {
            for preference in value.split([',', ';']) {
                let Some((key, raw)) = preference.trim().split_once('=') else {
                    continue;
                };
                let raw = raw.trim().trim_matches('"');
                match key.trim().to_ascii_lowercase().as_str() {
                    "code" => {
                        let status = raw.parse().ok().filter(|s| (100..=599).contains(s));
                        prefer.code = Some(status.ok_or_else(|| PreferError::Code(raw.into()))?)
                    }
                    "delay" => {
                        let ms: u64 = raw.parse().map_err(|_| PreferError::Delay(raw.into()))?;
                        prefer.delay = Some(Duration::from_millis(ms.min(60_000)));
                    }
                    _ => {}
                }
            }
        }
        Ok(prefer)
    }
}

/// The documented response for `status` of `operation` (itself, its range, `default`),
/// with its example or a value of its schema; `None` when the operation documents no such
/// status.
pub(super) fn documented(spec: &Spec, operation: &Operation, status: u16) -> Option<Answer> {
    let response = operation.response_for(status)?;
    if response.media.is_empty() {
        return Some(Answer {
            status,
            body: None,
            content_type: "application/json",
        });
    }
    let media = response
        .media
        .iter()
        .find(|m| m.range.contains("json"))
        .or_else(|| response.media.first())?;
    let value = spec
        .example_of(media)
        .unwrap_or_else(|| spec.instance_at(None));
    Some(Answer {
        status,
        body: Some(value),
        content_type: if media.range.contains("problem") {
            "application/problem+json"
        } else {
            "application/json"
        },
    })
}

/// The first success an operation documents (for an operation no flow plays).
pub(super) fn success(spec: &Spec, operation: &Operation) -> Option<Answer> {
    let status = operation
        .responses
        .iter()
        .filter_map(|r| r.key.parse::<u16>().ok())
        .filter(|s| (200..300).contains(s))
        .min()
        .unwrap_or(200);
    documented(spec, operation, status)
}

/// The status an operation documents for a request that breaks its spec: 400, 422, any 4XX,
/// `default`; `None` when it documents none.
pub(super) fn bad_request_status(operation: &Operation) -> Option<u16> {
    let keys = || operation.responses.iter().map(|r| r.key.as_str());
    [400, 422]
        .into_iter()
        .find(|s| keys().any(|k| k == s.to_string()))
        .or_else(|| keys().any(|k| k.eq_ignore_ascii_case("4XX")).then_some(400))
        .or_else(|| keys().any(|k| k == "default").then_some(400))
}

#[cfg(test)]
mod tests {
    use super::Prefer;
    use std::time::Duration;

    #[test]
    fn prefer_reads_code_and_delay() {
        let prefer = Prefer::parse(["code=429, delay=20", "respond-async"].into_iter()).unwrap();
        assert_eq!(prefer.code, Some(429));
        assert_eq!(prefer.delay, Some(Duration::from_millis(20)));
        assert!(Prefer::parse(["code=abc"].into_iter()).is_err());
        assert!(Prefer::parse(["code=42"].into_iter()).is_err());
        assert!(Prefer::parse(["code=600"].into_iter()).is_err());
    }
}
