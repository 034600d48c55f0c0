//! Checking exchanges (a request, and its response if there is one) and standalone payloads
//! against OpenAPI specs (every version, read into one model by [`crate::openapi`]).
//!
//! A [`Validator`] is built once from one or more [`Spec`]s and shared (it is `Send + Sync`
//! and cheap to clone). [`Validator::validate`] routes an exchange to its operation and
//! returns a [`Findings`]: a [`Verdict`] and the [`Violation`]s found, each located in the
//! exchange (`request.query.limit`, `response.body` + `/data/result`) and in the spec
//! (operationId, schema path, file and line).

/// Serde and JSON Schema for a type that reports write as a string: serialized by its
/// `Display`, read back by its `FromStr`, described as a string.
macro_rules! written_as_string {
    ($type:ty, $name:literal) => {
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }

        impl schemars::JsonSchema for $type {
            fn schema_name() -> String {
                $name.to_owned()
            }

            fn json_schema(_: &mut schemars::r#gen::SchemaGenerator) -> schemars::schema::Schema {
                schemars::schema::SchemaObject {
                    instance_type: Some(schemars::schema::InstanceType::String.into()),
                    ..Default::default()
                }
                .into()
            }

            fn is_referenceable() -> bool {
                false
            }
        }
    };
}
pub(crate) use written_as_string;

pub(crate) mod check;
mod compiled;
mod error;
mod location;
mod operation;
pub(crate) mod params;
pub(crate) mod router;
mod rule;
mod violation;

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use crate::exchange::Exchange;
use compiled::SchemaSet;
use confirmspec_spec::Spec;
pub use error::{BuildError, CheckError, SchemaError, SpecWarning};
pub use location::{Location, UnknownLocation};
pub use operation::{OperationRef, Route};
use router::Operations;
pub use rule::{Rule, RuleLevel, Severity, UnknownRule};
pub use violation::pointer_label;
pub use violation::{Findings, SpecPlace, Verdict, Violation};
pub(crate) use violation::{fingerprint, normalised_pointer};

/// How the validator reads specs and reports.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Findings properties that the schemas do not document (`unevaluatedProperties`).
    pub strict: bool,
    /// Refuse a spec with a defective schema (a keyword whose value is not of its kind, a
    /// draft-4 tuple `items`, a `$ref` to nothing). By default the defect costs its keyword
    /// only, and [`Validator::spec_warnings`] says so.
    pub strict_spec: bool,
    /// Match only requests whose host one of the specs' servers names (by default scheme and
    /// host are ignored: captures come through proxies, gateways and test hosts).
    pub match_hosts: bool,
    /// Check `format` in OpenAPI 3.1 and 3.2 documents, where JSON Schema 2020-12 makes it an
    /// annotation unless asked (2.0 and 3.0 documents' formats are always checked).
    pub assert_formats: bool,
    /// Per rule, its level; a rule not listed has its [`Rule::default_severity`].
    pub rules: HashMap<Rule, RuleLevel>,
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

/// Checks exchanges and payloads against a set of specs. Build it once; clone it freely.
#[derive(Clone)]
pub struct Validator {
    pub(crate) inner: Arc<Inner>,
}

/// What a validator holds: its specs, their compiled schemas and routed operations, its
/// options, and where the specs say secrets travel.
pub(crate) struct Inner {
    pub(crate) specs: Vec<Spec>,
    pub(crate) schemas: Vec<SchemaSet>,
    pub(crate) operations: Operations,
    pub(crate) options: Options,
    /// Query parameters that carry credentials (apiKey schemes `in: query`).
    pub(crate) secret_query: Vec<String>,
    /// Headers that carry credentials: `Authorization`, `Cookie`, apiKey schemes `in:
    /// header`, `format: password` header parameters.
    pub(crate) secret_headers: Vec<String>,
    /// The names of properties some spec marks `format: password`: masked by name in the
    /// bodies of exchanges that match no operation (no schema says where their secrets are).
    pub(crate) secret_fields: Vec<String>,
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
    /// A validator for these specs.
    pub fn new(specs: Vec<Spec>, options: Options) -> Result<Self, BuildError> {
        for (i, spec) in specs.iter().enumerate() {
            if specs[..i].iter().any(|s| s.name == spec.name) {
                return Err(BuildError::DuplicateName(spec.name.clone()));
            }
        }
        let mut schemas = Vec::with_capacity(specs.len());
        for (index, spec) in specs.iter().enumerate() {
            schemas.push(SchemaSet::new(index, spec, &options)?);
        }
        let operations = Operations::new(&specs)?;
        let secret_query = operations.secret_names(confirmspec_spec::model::In::Query);
        let mut secret_headers = operations.secret_names(confirmspec_spec::model::In::Header);
        secret_headers.extend(["authorization", "proxy-authorization", "cookie"].map(String::from));
        let mut secret_fields: Vec<String> =
            specs.iter().flat_map(Spec::secret_properties).collect();
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

    /// The model of the operation a [`Route`] names (its spec and pointer), for what answers
    /// as the spec documents (the mock).
    #[cfg(feature = "mock")]
    pub(crate) fn operation_model(
        &self,
        spec: &str,
        pointer: &str,
    ) -> Option<(&Spec, &confirmspec_spec::model::Operation)> {
        let index = self.inner.specs.iter().position(|s| s.name == spec)?;
        let operation = self.inner.operations.at(index, pointer)?;
        Some((&self.inner.specs[index], operation))
    }

    /// The names of the specs, in the order given.
    pub fn spec_names(&self) -> impl Iterator<Item = &str> {
        self.inner.specs.iter().map(|s| s.name.as_str())
    }

    /// The specs.
    pub fn specs(&self) -> &[Spec] {
        &self.inner.specs
    }

    /// What of the specs' schemas was left out, and why: each defect once, spec by spec, in
    /// order of place. Empty with [`Options::strict_spec`] (a defect is refused then).
    pub fn spec_warnings(&self) -> impl Iterator<Item = &SpecWarning> {
        self.inner.schemas.iter().flat_map(|set| &set.warnings)
    }

    /// Every operation of every spec.
    pub fn operations(&self) -> impl Iterator<Item = OperationRef<'_>> {
        self.inner.operations.iter(&self.inner.specs)
    }

    /// Compiles every schema now rather than on first use (for benchmarks and servers that
    /// want their first request fast). Returns how many schemas were compiled.
    pub fn compile_all(&self) -> Result<usize, BuildError> {
        let mut count = 0;
        for (spec, set) in self.inner.specs.iter().zip(&self.inner.schemas) {
            count += set.compile_all().map_err(|source| BuildError::Schema {
                spec: spec.name.clone(),
                source,
            })?;
        }
        Ok(count)
    }

    /// Checks one exchange.
    pub fn validate(&self, exchange: &Exchange) -> Findings {
        check::exchange(&self.inner, exchange)
    }

    /// Checks a standalone JSON payload against a component schema (`#/components/schemas/
    /// <name>`) of the spec `spec` (or of the only spec that has it, when `spec` is `None`).
    pub fn check_schema(
        &self,
        spec: Option<&str>,
        name: &str,
        payload: &[u8],
    ) -> Result<Findings, CheckError> {
        check::payload_against_component(&self.inner, spec, name, payload)
    }

    /// Checks a standalone JSON payload against an operation's request body, or its response
    /// body for `status`.
    pub fn check_operation(
        &self,
        operation_id: &str,
        status: Option<u16>,
        payload: &[u8],
    ) -> Result<Findings, CheckError> {
        check::payload_against_operation(&self.inner, operation_id, status, payload)
    }

    /// The operation `method url` (an absolute URL or a path) calls, by routing alone
    /// (nothing is checked), with its path parameters; `None` when no operation matches.
    pub fn route(&self, method: &str, url: &str) -> Option<Route> {
        check::route(&self.inner, method, url)
    }

    /// The name of the spec whose operation `method url` calls, by routing alone (nothing is
    /// checked); `None` when no operation matches.
    pub fn spec_of(&self, method: &str, url: &str) -> Option<&str> {
        check::spec_of(&self.inner, method, url)
    }

    /// The URL with the values of query parameters that carry credentials shown as `***`.
    pub fn masked_url(&self, url: &str) -> String {
        crate::secrets::masked_url(&self.inner.secret_query, url)
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
