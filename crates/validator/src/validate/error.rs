//! Why a validator cannot be built, or a payload cannot be checked; what of a spec it could
//! not use.

#[allow(unused_imports)] // for the docs
use super::Validator;
use confirmspec_spec::LoadError;

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
    /// A schema the spec uses cannot be compiled ([`Validator::compile_all`]).
    #[error("{spec}: {source}")]
    Schema {
        /// The spec's name.
        spec: String,
        /// Which schema, and why.
        source: SchemaError,
    },
}

/// A schema of a spec that the JSON Schema validator cannot compile.
#[derive(Debug, Clone, thiserror::Error)]
#[error("schema at {pointer} does not compile: {source}")]
pub struct SchemaError {
    /// The schema's JSON pointer in the spec.
    pub pointer: String,
    pub(crate) source: std::sync::Arc<jsonschema::ValidationError<'static>>,
}

/// Why a standalone payload could not be checked ([`Validator::check_schema`],
/// [`Validator::check_operation`]): what it was to be checked against is not in the specs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CheckError {
    /// No spec has the component schema.
    #[error("no spec has a component schema named `{0}`")]
    NoSchema(String),
    /// Several specs have it, and none was named.
    #[error("several specs have a component schema named `{0}`: name one with --spec")]
    AmbiguousSchema(String),
    /// No operation has the operationId.
    #[error("no operation has the operationId `{0}`")]
    NoOperation(String),
    /// The operation documents no request body.
    #[error("`{0}` documents no request body")]
    NoRequestBody(String),
    /// The operation documents no response for the status.
    #[error("`{operation}` documents no response for status {status}")]
    NoResponse {
        /// The operationId.
        operation: String,
        /// The status asked for.
        status: u16,
    },
    /// The body there has no JSON schema.
    #[error("`{0}` documents no JSON body schema there")]
    NoBodySchema(String),
}

/// A defect of a spec's schema that the validator left out, and checks everything else
/// (refused instead with [`Options::strict_spec`](super::Options::strict_spec)).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct SpecWarning {
    /// The spec's name.
    pub spec: String,
    /// The file that holds the defect.
    pub file: String,
    /// Its line there, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The JSON pointer of the keyword (or schema) left out, as written.
    pub pointer: String,
    /// What is wrong, and what was done instead.
    pub problem: String,
}

impl std::fmt::Display for SpecWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}: {}", self.pointer, self.problem)
    }
}
