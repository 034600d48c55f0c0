//! What happened to one exchange of a run ([`ExchangeResult`]): where it came from, what it
//! was, and what the validator found in it. What every run hands on (a run over captures, the
//! proxy, a stream member, a client checking its own calls).

use schemars::JsonSchema;
use serde::Serialize;

use crate::capture::ReadError;
use crate::exchange::Exchange;
use crate::validate::{Findings, SpecPlace, Validator, Verdict, Violation};

/// What happened to one exchange of a capture.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ExchangeResult {
    /// The input it came from (a file path, or `-`).
    pub source: String,
    /// Its position in that input, from 0.
    pub index: usize,
    /// The request's method (absent when the entry was unreadable).
    pub method: Option<String>,
    /// The request's URL, credentials in the query shown as `***`.
    pub url: Option<String>,
    /// The matched operation's spec.
    pub spec: Option<String>,
    /// The matched operation's operationId.
    pub operation: Option<String>,
    /// The response status, when a response was recorded.
    pub status: Option<u16>,
    /// The documented response that status fell under (`200`, `4XX`, `default`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documented_status: Option<String>,
    /// The outcome.
    pub verdict: Verdict,
    /// Why the exchange is unmatched or unreadable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// For an unreadable entry, the byte offset of the problem in its input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<usize>,
    /// For an unmatched request, where it would be documented: the nearest spec's `paths`, or
    /// the path's item when only its method is not documented.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spec_place: Option<SpecPlace>,
    /// What departs from the spec.
    pub violations: Vec<Violation>,
}

impl ExchangeResult {
    /// Validates an exchange read from `source` (or records why it could not be read).
    pub fn new(
        validator: &Validator,
        source: &str,
        index: usize,
        read: Result<Exchange, ReadError>,
    ) -> Self {
        match read {
            Ok(exchange) => {
                let report = validator.validate(&exchange);
                Self::checked(validator, source, index, &exchange, report)
            }
            Err(error) => ExchangeResult {
                source: source.to_owned(),
                index,
                method: None,
                url: None,
                spec: None,
                operation: None,
                status: None,
                documented_status: None,
                verdict: Verdict::Unreadable,
                reason: Some(error.to_string()),
                offset: error.offset,
                spec_place: None,
                violations: Vec::new(),
            },
        }
    }

    /// An exchange read from `source`, and the report [`Validator::validate`] made of it.
    pub(crate) fn checked(
        validator: &Validator,
        source: &str,
        index: usize,
        exchange: &Exchange,
        report: Findings,
    ) -> Self {
        ExchangeResult {
            source: source.to_owned(),
            index,
            method: Some(exchange.request.method.to_ascii_uppercase()),
            url: Some(validator.masked_url(&exchange.request.url)),
            spec: report.spec,
            operation: report.operation,
            status: exchange.response.as_ref().map(|r| r.status),
            documented_status: report.documented_status,
            verdict: report.verdict,
            reason: report.reason,
            offset: None,
            spec_place: report.spec_place,
            violations: report.violations,
        }
    }
}
