//! What the validator's verdicts add up to: one exchange's result ([`ExchangeResult`]), the
//! counts of a run ([`Summary`]) and which operations and documented responses traffic
//! exercised ([`Coverage`]). Beside the validator, so that whatever validates (a run over
//! captures, the proxy, a stream member, a client checking its own calls) counts the same way.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::Serialize;

use super::{Findings, SpecPlace, Validator, Verdict, Violation};
use crate::capture::ReadError;
use crate::exchange::Exchange;

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

/// How many exchanges ended how.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Summary {
    /// All exchanges read, readable or not.
    pub exchanges: usize,
    /// Conforming.
    pub conforming: usize,
    /// Violating.
    pub violating: usize,
    /// Matching no operation.
    pub unmatched: usize,
    /// Unreadable.
    pub unreadable: usize,
}

impl Summary {
    /// Counts one outcome.
    pub fn count(&mut self, verdict: Verdict) {
        self.exchanges += 1;
        match verdict {
            Verdict::Conforming => self.conforming += 1,
            Verdict::Violating => self.violating += 1,
            Verdict::Unmatched => self.unmatched += 1,
            Verdict::Unreadable => self.unreadable += 1,
        }
    }

    /// Whether every exchange read conforms (none violating, unmatched or unreadable).
    pub fn all_conform(&self) -> bool {
        self.conforming == self.exchanges
    }
}

/// Which operations, and which of their documented responses, a run's exchanges exercised.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct Coverage {
    /// Every operation of every spec, spec by spec, exercised or not.
    pub operations: Vec<OperationCoverage>,
    /// Spec name -> operationId -> position in `operations`.
    #[serde(skip)]
    #[schemars(skip)]
    index: HashMap<String, HashMap<String, usize>>,
}

/// How often one operation, and each of its documented responses, was seen.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct OperationCoverage {
    /// The spec's name.
    pub spec: String,
    /// The operationId.
    pub operation: String,
    /// The method, upper-case.
    pub method: String,
    /// The path template.
    pub path: String,
    /// Exchanges that matched the operation.
    pub exchanges: usize,
    /// Each documented response (`200`, `4XX`, `default`) and the exchanges whose status fell
    /// under it.
    pub statuses: Vec<StatusCoverage>,
    /// Statuses that no documented response covers, and the exchanges that had them.
    pub undocumented: Vec<StatusCoverage>,
}

/// How often one documented response was seen.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StatusCoverage {
    /// The documented status key.
    pub status: String,
    /// Exchanges whose response fell under it.
    pub exchanges: usize,
}

impl Coverage {
    /// Every operation of `validator`'s specs, none exercised yet.
    pub fn new(validator: &Validator) -> Self {
        let operations = validator
            .operations()
            .map(|op| OperationCoverage {
                spec: op.spec.to_owned(),
                operation: op.id.to_owned(),
                method: op.method.to_owned(),
                path: op.path.to_owned(),
                exchanges: 0,
                statuses: op
                    .statuses
                    .iter()
                    .map(|status| StatusCoverage {
                        status: status.clone(),
                        exchanges: 0,
                    })
                    .collect(),
                undocumented: Vec::new(),
            })
            .collect::<Vec<_>>();
        let mut index: HashMap<String, HashMap<String, usize>> = HashMap::new();
        for (at, o) in operations.iter().enumerate() {
            index
                .entry(o.spec.clone())
                .or_default()
                .insert(o.operation.clone(), at);
        }
        Coverage { operations, index }
    }

    /// Counts the operation and documented response one exchange exercised.
    pub fn count(&mut self, result: &ExchangeResult) {
        let (Some(spec), Some(operation)) = (&result.spec, &result.operation) else {
            return;
        };
        let Some(&at) = self
            .index
            .get(spec.as_str())
            .and_then(|ops| ops.get(operation.as_str()))
        else {
            return;
        };
        let covered = &mut self.operations[at];
        covered.exchanges += 1;
        if let Some(documented) = &result.documented_status
            && let Some(status) = covered
                .statuses
                .iter_mut()
                .find(|s| s.status == *documented)
        {
            status.exchanges += 1;
        } else if let (None, Some(status)) = (&result.documented_status, result.status) {
            match covered
                .undocumented
                .iter_mut()
                .find(|s| s.status.parse::<u16>() == Ok(status))
            {
                Some(seen) => seen.exchanges += 1,
                None => covered.undocumented.push(StatusCoverage {
                    status: status.to_string(),
                    exchanges: 1,
                }),
            }
        }
    }

    /// The operations no exchange matched.
    pub fn unexercised(&self) -> impl Iterator<Item = &OperationCoverage> {
        self.operations.iter().filter(|o| o.exchanges == 0)
    }
}
