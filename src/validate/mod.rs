//! Checking exchanges (a request, and its response if there is one) and standalone payloads
//! against OpenAPI 3.0 specs.
//!
//! A [`Validator`] is built once from one or more [`Spec`]s and shared (it is `Send + Sync`
//! and cheap to clone). [`Validator::validate`] routes an exchange to its operation and
//! returns a [`Report`]: a [`Verdict`] and the [`Violation`]s found, each located in the
//! exchange (`request.query.limit`, `response.body` + `/data/result`) and in the spec
//! (operationId, schema path, file and line).

mod check;
mod operation;
mod params;
mod schemas;

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::spec::{LoadError, Spec};
pub use operation::OperationRef;
use operation::Operations;
use schemas::SchemaSet;

/// How serious a violation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Breaks the spec: the exchange is `violating`.
    Error,
    /// Worth a look; the exchange still conforms.
    Warning,
}

impl Severity {
    /// `error` or `warning`, as the reports spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A rule's severity as the configuration sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    /// Report as an error.
    Error,
    /// Report as a warning.
    Warning,
    /// Do not report.
    Off,
}

/// The outcome for one exchange or payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Everything checked conforms (warnings allowed).
    Conforming,
    /// At least one error.
    Violating,
    /// No operation of any spec matches the request.
    Unmatched,
    /// The exchange could not be read from its input.
    Unreadable,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Conforming => "conforming",
            Verdict::Violating => "violating",
            Verdict::Unmatched => "unmatched",
            Verdict::Unreadable => "unreadable",
        })
    }
}

/// One way an exchange or payload departs from its spec.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Violation {
    /// Where in the exchange: `request.path.<name>`, `request.query.<name>`,
    /// `request.header.<name>` (lower-case), `request.cookie.<name>`, `request.security`,
    /// `request.body`, `response.status`, `response.header.<name>`, `response.body`; for a
    /// standalone payload, `payload`.
    pub location: String,
    /// The JSON pointer into the body (`""` is the root); absent for other locations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// The JSON Schema keyword or the check that failed (`required`, `type`, `status`,
    /// `contentType`, `security`, `json`, ...).
    pub keyword: String,
    /// One line for a person. Secrets are shown as `***`.
    pub message: String,
    /// `error` or `warning`.
    pub severity: Severity,
    /// The spec's name.
    pub spec: String,
    /// The operationId, when the exchange matched an operation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// The JSON pointer, in the spec, of the rule broken.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema_path: Option<String>,
    /// The spec file that holds the rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spec_file: Option<String>,
    /// Its line in that file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spec_line: Option<usize>,
}

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

/// The headers of an `http` message (reqwest's and hyper's) as [`Request::headers`] holds
/// them; a value that is not UTF-8 is read lossily.
pub(crate) fn header_pairs(headers: &hyper::http::HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            // Nearly every value is visible ASCII, which `to_str` checks for more cheaply
            // than a lossy read of UTF-8 looks for invalid sequences.
            let value = match value.to_str() {
                Ok(text) => text.to_owned(),
                Err(_) => String::from_utf8_lossy(value.as_bytes()).into_owned(),
            };
            (name.as_str().to_owned(), value)
        })
        .collect()
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
    /// [`crate::proxy::Config::max_backlog`] allows.
    Shed {
        /// The body's size in bytes.
        size: u64,
    },
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

/// What [`Validator::validate`] found for one exchange.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The outcome.
    pub verdict: Verdict,
    /// The spec of the matched operation.
    pub spec: Option<String>,
    /// The operationId of the matched operation.
    pub operation: Option<String>,
    /// The documented response the response's status fell under (`200`, `4XX`, `default`);
    /// `None` without a response, or when the status is not documented.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documented_status: Option<String>,
    /// Why the exchange is unmatched, for a person.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// What departs from the spec.
    pub violations: Vec<Violation>,
}

/// How the validator reads specs and reports.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Report properties that the schemas do not document (`unevaluatedProperties`).
    pub strict: bool,
    /// Match only requests whose host one of the specs' servers names (by default scheme and
    /// host are ignored: captures come through proxies, gateways and test hosts).
    pub match_hosts: bool,
    /// Per rule (a violation's keyword), its level; rules not listed are errors.
    pub rules: HashMap<String, RuleLevel>,
    /// How much of one message the validator reads.
    pub limits: Limits,
}

/// Bounds on what the validator reads of one message (a request or a response). Past one, the
/// part is not checked and a violation with the keyword `limit` names the bound and the size
/// found; `limit` is an error unless the rules say otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest body parsed and checked, in bytes.
    pub max_body: usize,
    /// The deepest nesting of arrays and objects in a body. At most [`Limits::DEEPEST`]:
    /// the JSON parser stops there rather than overflow its stack.
    pub max_depth: usize,
    /// The most headers a message may carry.
    pub max_headers: usize,
    /// The most bytes of header names and values a message may carry.
    pub max_header_bytes: usize,
}

impl Limits {
    /// The deepest [`Limits::max_depth`] there is (serde_json's recursion limit).
    pub const DEEPEST: usize = 128;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body: 16 << 20,
            max_depth: Limits::DEEPEST,
            max_headers: 100,
            max_header_bytes: 64 << 10,
        }
    }
}

/// Why a validator could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A spec file could not be loaded.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A spec loaded but says something the validator cannot use.
    #[error("{file}: {problem}")]
    Spec {
        /// The spec's file.
        file: String,
        /// What is wrong, and where in the document.
        problem: String,
    },
    /// Two specs have the same name.
    #[error("two specs are named `{0}`: rename one of the files")]
    DuplicateName(String),
}

/// Checks exchanges and payloads against a set of specs. Build it once; clone it freely.
#[derive(Clone)]
pub struct Validator {
    inner: Arc<Inner>,
}

struct Inner {
    specs: Vec<Spec>,
    schemas: Vec<SchemaSet>,
    operations: Operations,
    options: Options,
    /// Query parameters that carry credentials (apiKey schemes `in: query`).
    secret_query: Vec<String>,
    /// Headers that carry credentials: `Authorization`, `Cookie`, apiKey schemes `in:
    /// header`, `format: password` header parameters.
    secret_headers: Vec<String>,
    /// The names of properties some spec marks `format: password`: masked by name in the
    /// bodies of exchanges that match no operation (no schema says where their secrets are).
    secret_fields: Vec<String>,
}

impl fmt::Debug for Validator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Validator")
            .field("specs", &self.spec_names().collect::<Vec<_>>())
            .field("operations", &self.inner.operations.len())
            .finish()
    }
}

impl Validator {
    /// A validator for the three bundled specs.
    pub fn bundled(options: Options) -> Result<Self, BuildError> {
        Self::new(Spec::bundled(), options)
    }

    /// A validator for these specs.
    pub fn new(specs: Vec<Spec>, options: Options) -> Result<Self, BuildError> {
        for (i, spec) in specs.iter().enumerate() {
            if specs[..i].iter().any(|s| s.name == spec.name) {
                return Err(BuildError::DuplicateName(spec.name.clone()));
            }
        }
        let mut schemas = Vec::with_capacity(specs.len());
        for (index, spec) in specs.iter().enumerate() {
            schemas.push(SchemaSet::new(index, spec, options.strict)?);
        }
        let operations = Operations::new(&specs)?;
        let secret_query = operations.secret_names(operation::In::Query);
        let mut secret_headers = operations.secret_names(operation::In::Header);
        secret_headers.extend(["authorization", "proxy-authorization", "cookie"].map(String::from));
        let mut secret_fields = Vec::new();
        for spec in &specs {
            check::password_properties(&spec.document, &spec.document, 0, &mut secret_fields);
        }
        secret_fields.sort();
        secret_fields.dedup();
        Ok(Self {
            inner: Arc::new(Inner {
                specs,
                schemas,
                operations,
                options,
                secret_query,
                secret_headers,
                secret_fields,
            }),
        })
    }

    /// The names of the specs, in the order given.
    pub fn spec_names(&self) -> impl Iterator<Item = &str> {
        self.inner.specs.iter().map(|s| s.name.as_str())
    }

    /// The specs.
    pub fn specs(&self) -> &[Spec] {
        &self.inner.specs
    }

    /// Every operation of every spec.
    pub fn operations(&self) -> impl Iterator<Item = OperationRef<'_>> {
        self.inner.operations.iter(&self.inner.specs)
    }

    /// Compiles every schema now rather than on first use (for benchmarks and servers that
    /// want their first request fast). Returns how many schemas were compiled.
    pub fn compile_all(&self) -> Result<usize, String> {
        self.inner.schemas.iter().map(SchemaSet::compile_all).sum()
    }

    /// Checks one exchange.
    pub fn validate(&self, exchange: &Exchange) -> Report {
        check::exchange(&self.inner, exchange)
    }

    /// Checks a standalone JSON payload against a component schema (`#/components/schemas/
    /// <name>`) of the spec `spec` (or of the only spec that has it, when `spec` is `None`).
    pub fn check_schema(
        &self,
        spec: Option<&str>,
        name: &str,
        payload: &[u8],
    ) -> Result<Report, String> {
        check::payload_against_component(&self.inner, spec, name, payload)
    }

    /// Checks a standalone JSON payload against an operation's request body, or its response
    /// body for `status`.
    pub fn check_operation(
        &self,
        operation_id: &str,
        status: Option<u16>,
        payload: &[u8],
    ) -> Result<Report, String> {
        check::payload_against_operation(&self.inner, operation_id, status, payload)
    }

    /// The name of the spec whose operation `method url` calls, by routing alone (nothing is
    /// checked); `None` when no operation matches.
    pub fn spec_of(&self, method: &str, url: &str) -> Option<&str> {
        check::spec_of(&self.inner, method, url)
    }

    /// The exchange as it may be recorded: the values of credential headers, cookies and
    /// query parameters, and the body values the schemas mark `format: password`, replaced.
    /// A redacted value keeps its JSON type (a string becomes `"***"`, a number `0`), so a
    /// recording validates as the exchange did unless a rule constrains the secret itself.
    pub fn redacted(&self, exchange: &Exchange) -> Exchange {
        check::redacted(&self.inner, exchange)
    }

    /// The URL with the values of query parameters that carry credentials shown as `***`.
    pub fn masked_url(&self, url: &str) -> String {
        check::masked_url(&self.inner.secret_query, url)
    }

    /// The JSON Schema documents generated from the specs, by spec name.
    pub fn schema_documents(&self) -> Vec<(&str, &serde_json::Value)> {
        self.inner
            .specs
            .iter()
            .zip(&self.inner.schemas)
            .map(|(spec, set)| (spec.name.as_str(), set.document()))
            .collect()
    }
}
