//! confirmspec's validator: HTTP exchanges and standalone payloads checked against OpenAPI
//! documents (Swagger 2.0 to OpenAPI 3.2, read by `confirmspec-spec`).
//!
//! - [`Validator`] checks an [`Exchange`] (a request and its response) or a payload against
//!   its [`Spec`]s, and says what departs from them and where: in the exchange (location and
//!   JSON pointer) and in the spec (rule, file and line).
//! - [`Capture`] reads HAR 1.2/1.3 captures, JSON Lines of exchanges and gateways' log
//!   records (plain or gzip) in batches; [`validate_captures`] validates them on every core,
//!   in input order.
//! - [`report`] prints a run's results: text, JSON, JSON Lines, SARIF, JUnit, Markdown, HTML.
//! - Behind features: [`proxy`], a validating reverse proxy; [`mock`], a sandbox that answers
//!   from the specs and plays vendors' flows; [`kafka`], a Kafka consumer-group member that
//!   validates a gateway's log stream.
//!
//! Data flows one way: captures -> checks -> run -> printers -> proxy, mock, stream. The
//! validator knows no HTTP library's types: the proxy and the mock turn theirs into
//! [`Exchange`]s.
#![deny(missing_docs)]

mod capture;
mod decode;
mod exchange;
pub mod generate;
#[cfg(any(feature = "proxy", feature = "mock", feature = "http"))]
mod http_headers;
mod redact;
pub mod report;
mod run;
mod secrets;
mod tally;
mod validate;

pub use capture::{
    Batch, Capture, CaptureFormat, CaptureWriter, ListError, ReadError, RecordFormat,
    array_elements, detect_record, read, read_jsonl, read_record,
};
pub use confirmspec_spec::{LoadError, LoadErrorKind, Spec, Version};
pub use exchange::{Exchange, Request, Response, Unrecorded, header, header_pairs};
#[cfg(any(feature = "proxy", feature = "mock", feature = "http"))]
pub use http_headers::header_pairs_of;
pub use run::{
    ExchangeResult, PayloadResult, PayloadRun, PayloadSummary, SpecPaths, validate_captures,
    validate_captures_rendered,
};
pub use tally::{
    Baseline, BaselineError, Coverage, Example, Group, Groups, GroupsReport, OperationCounts,
    OperationCoverage, Seen, StatusCoverage, Summary, Tally, UnmatchedGroup,
};
pub use validate::{
    BuildError, CheckError, Findings, Limits, Location, OperationRef, Options, Route, Rule,
    RuleLevel, SchemaError, Severity, SpecPlace, SpecWarning, UnknownLocation, UnknownRule,
    Validator, Verdict, Violation, pointer_label,
};

#[cfg(feature = "proxy")]
pub mod proxy;

#[cfg(feature = "mock")]
pub mod mock;

#[cfg(feature = "kafka")]
pub mod kafka;
