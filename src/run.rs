//! A run: every exchange of the captures validated in parallel, the results handed on in
//! input order, counted ([`Summary`]) and mapped onto the specs' operations ([`Coverage`]); and
//! the same for standalone payloads. Printers (`report`) take these results; they read nothing.

use std::collections::HashMap;
use std::ops::ControlFlow;

use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Serialize;

use crate::capture::{Batch, Capture, ReadError};
use crate::model::Exchange;
use crate::validate::{Report, Validator, Verdict, Violation};

/// Validates every entry of `captures` and hands each result to `sink`, in input order.
///
/// The captures are read on a thread of their own, a few batches ahead; the entries of each
/// batch are read and validated on every core (rayon's pool), and `sink` runs on the calling
/// thread. Memory holds a few batches, whatever the size of the captures. `sink` may stop
/// the run early with `ControlFlow::Break` (when its output is closed, say).
pub fn validate_captures<'a, I>(
    validator: &Validator,
    captures: I,
    mut sink: impl FnMut(ExchangeResult) -> ControlFlow<()>,
) where
    I: IntoIterator<Item = Capture<'a>>,
    I::IntoIter: Send,
{
    let captures = captures.into_iter();
    std::thread::scope(|scope| {
        let (batches, received) = std::sync::mpsc::sync_channel::<Batch>(2);
        // Buffers go back to the reader once their batch is validated.
        let (done, returned) = std::sync::mpsc::channel::<Vec<u8>>();
        scope.spawn(move || {
            for mut capture in captures {
                loop {
                    while let Ok(bytes) = returned.try_recv() {
                        capture.recycle(bytes);
                    }
                    let Some(batch) = capture.next() else {
                        break;
                    };
                    if batches.send(batch).is_err() {
                        return;
                    }
                }
            }
        });
        for batch in received {
            let results: Vec<ExchangeResult> = (0..batch.len())
                .into_par_iter()
                .map(|i| {
                    let (index, read) = batch.read(i);
                    ExchangeResult::new(validator, batch.source(), index, read)
                })
                .collect();
            // The reader may be gone (its last capture read): the buffer is dropped then.
            let _ = done.send(batch.into_bytes());
            for result in results {
                if sink(result).is_break() {
                    // Dropping the receiver stops the reader at its next batch.
                    return;
                }
            }
        }
    });
}

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
        report: Report,
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

/// A whole run over captures.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct Run {
    /// The counts.
    pub summary: Summary,
    /// Which operations and documented responses the traffic exercised.
    pub coverage: Coverage,
    /// Every exchange, in input order.
    pub exchanges: Vec<ExchangeResult>,
    /// Where the spec files the violations name are.
    pub spec_paths: SpecPaths,
}

/// Where the spec files that reports name lie: a relative `spec_file` is relative to
/// `relative_to`, the directory the command ran in; the bundled specs' files (`specs/...`) to
/// `bundled_relative_to`, the source directory confirmspec was built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SpecPaths {
    /// The directory relative spec paths start from (the working directory).
    pub relative_to: String,
    /// The directory the bundled specs' paths start from.
    pub bundled_relative_to: String,
}

impl Default for SpecPaths {
    fn default() -> Self {
        Self::here()
    }
}

impl SpecPaths {
    /// This process's: its working directory, and the source the binary was built from.
    pub fn here() -> Self {
        SpecPaths {
            relative_to: std::env::current_dir()
                .map(|dir| dir.display().to_string())
                .unwrap_or_else(|_| ".".into()),
            bundled_relative_to: env!("CARGO_MANIFEST_DIR").to_owned(),
        }
    }

    /// The directory `file` (as a report names it) is relative to; `None` when it is absolute.
    pub fn base_of(&self, file: &str) -> Option<&str> {
        if std::path::Path::new(file).is_absolute() {
            None
        } else if crate::openapi::BUNDLED
            .iter()
            .any(|(_, bundled, _)| *bundled == file)
        {
            Some(&self.bundled_relative_to)
        } else {
            Some(&self.relative_to)
        }
    }
}

impl Run {
    /// An empty run, its coverage listing every operation of `validator`'s specs.
    pub fn new(validator: &Validator) -> Self {
        Run {
            coverage: Coverage::new(validator),
            ..Run::default()
        }
    }

    /// Adds one exchange's result.
    pub fn push(&mut self, result: ExchangeResult) {
        self.summary.count(result.verdict);
        self.coverage.count(&result);
        self.exchanges.push(result);
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
        }
    }

    /// The operations no exchange matched.
    pub fn unexercised(&self) -> impl Iterator<Item = &OperationCoverage> {
        self.operations.iter().filter(|o| o.exchanges == 0)
    }
}

/// What happened to one standalone payload.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PayloadResult {
    /// The payload's file.
    pub file: String,
    /// The outcome (`unreadable` when the file could not be read).
    pub verdict: Verdict,
    /// Why it is unreadable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// What departs from the schema.
    pub violations: Vec<Violation>,
}

/// Counts of a run over payloads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PayloadSummary {
    /// All payloads.
    pub payloads: usize,
    /// Conforming.
    pub conforming: usize,
    /// Violating.
    pub violating: usize,
    /// Unreadable.
    pub unreadable: usize,
}

/// A whole run over payloads.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct PayloadRun {
    /// The counts.
    pub summary: PayloadSummary,
    /// Every payload, in the order given.
    pub payloads: Vec<PayloadResult>,
    /// Where the spec files the violations name are.
    pub spec_paths: SpecPaths,
}

impl PayloadRun {
    /// Adds one payload's result.
    pub fn push(&mut self, result: PayloadResult) {
        self.summary.payloads += 1;
        match result.verdict {
            Verdict::Conforming => self.summary.conforming += 1,
            Verdict::Unreadable => self.summary.unreadable += 1,
            _ => self.summary.violating += 1,
        }
        self.payloads.push(result);
    }
}
