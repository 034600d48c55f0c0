//! Spec -> client generation: the view of a spec progenitor generates a client from, and the
//! client's code, for a build script (the clients' `build.rs`) and the tests of every way a
//! spec can fail that build.
//!
//! The spec is read as every other part of confirmspec reads it ([`Spec::load`]: YAML or
//! JSON, Swagger 2.0 to OpenAPI 3.2, in the one form), then made the OpenAPI 3.0 document
//! progenitor takes (it reads 3.0 only). What 3.0 cannot say ([`Unsayable`]) fails the
//! generation with its file and line rather than becoming a client that means something else.

mod unsayable;
mod view;

use std::path::{Path, PathBuf};

use progenitor::{GenerationSettings, Generator, HooksMode, InterfaceStyle, TagStyle, TypeImpl};
use serde_json::Value;

use crate::convert::is_method;
use crate::{LoadError, Spec};

pub use unsayable::{Unsayable, UnsayableKind};
pub use view::codegen_view;

/// Why a client cannot be generated from a spec. Each names the file; a part of the spec is
/// named by its place in the document (and its line, with the `lines` feature).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CodegenError {
    /// The spec cannot be read (as `confirmspec validate --spec` would say).
    #[error(transparent)]
    Load(#[from] LoadError),
    /// Parts of the spec that OpenAPI 3.0, and so the generator, cannot say: one line each.
    #[error("{}", lines(.0))]
    Unsayable(Vec<Unsayable>),
    /// Operations without an `operationId`, which names the client's method: one line each.
    #[error("{}", missing_ids(file, operations))]
    MissingOperationIds {
        /// The spec file.
        file: PathBuf,
        /// `GET /things/{id}`, for each operation without one.
        operations: Vec<String>,
    },
    /// The 3.0 view is not an OpenAPI 3.0 document progenitor's reader accepts.
    #[error("{}: not a valid OpenAPI 3.0 document at `{place}`: {problem}", file.display())]
    Invalid {
        /// The spec file.
        file: PathBuf,
        /// The place, as the reader names it (`paths./things/{id}.get.parameters[0]`).
        place: String,
        /// The reader's problem.
        problem: String,
    },
    /// progenitor refused the document.
    #[error("{}: progenitor cannot generate a client: {source}", file.display())]
    Generator {
        /// The spec file.
        file: PathBuf,
        /// progenitor's error.
        source: progenitor::Error,
    },
    /// progenitor stopped on a part it does not implement (its `todo!`s: a request body's
    /// `encoding`, ...).
    #[error("{}: progenitor cannot generate a client: it stopped on what it does not implement: {message}", file.display())]
    Unimplemented {
        /// The spec file.
        file: PathBuf,
        /// progenitor's message.
        message: String,
    },
    /// progenitor's code does not parse as Rust.
    #[error("{}: the generated code does not parse: {source}", file.display())]
    Unparsable {
        /// The spec file.
        file: PathBuf,
        /// The parser's error.
        source: syn::Error,
    },
    /// The client's file cannot be written.
    #[error("{}: cannot write: {source}", path.display())]
    Write {
        /// The file that was being written.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

fn lines(unsayable: &[Unsayable]) -> String {
    let lines: Vec<String> = unsayable.iter().map(ToString::to_string).collect();
    lines.join("\n")
}

fn missing_ids(file: &Path, operations: &[String]) -> String {
    let lines: Vec<String> = operations
        .iter()
        .map(|operation| format!("{}: {operation} has no operationId", file.display()))
        .collect();
    lines.join("\n")
}

/// Reads one spec, generates its client and writes it to `out_dir` as
/// `<stem with underscores>.rs`.
pub fn generate(spec: &Path, out_dir: &Path) -> Result<PathBuf, CodegenError> {
    let code = client_code(&Spec::load(spec)?)?;
    let out = out_dir.join(format!("{}.rs", module_name(spec)));
    std::fs::write(&out, code).map_err(|source| CodegenError::Write {
        path: out.clone(),
        source,
    })?;
    Ok(out)
}

/// The module name of a spec's client: its file stem, `-` made `_`.
fn module_name(spec: &Path) -> String {
    spec.file_stem()
        .map(|stem| stem.to_string_lossy().replace('-', "_"))
        .unwrap_or_default()
}

/// The client's code, formatted, from a loaded spec of any version.
pub fn client_code(spec: &Spec) -> Result<String, CodegenError> {
    let mut document = unsayable::view_3_0(spec)?;
    check_operation_ids(&spec.file, &document)?;
    codegen_view(&mut document);

    let openapi: openapiv3::OpenAPI = serde_path_to_error::deserialize(&document).map_err(|e| {
        let (place, problem) = locate(&document, &e);
        CodegenError::Invalid {
            file: spec.file.clone(),
            place,
            problem,
        }
    })?;
    // progenitor 0.15 panics (`todo!`) on a few parts it does not implement; a build script
    // gets an error naming the file instead.
    let generated =
        std::panic::catch_unwind(|| Generator::new(&settings()).generate_tokens(&openapi))
            .map_err(|panic| CodegenError::Unimplemented {
                file: spec.file.clone(),
                message: panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|m| (*m).to_owned()))
                    .unwrap_or_default(),
            })?;
    let tokens = generated.map_err(|source| CodegenError::Generator {
        file: spec.file.clone(),
        source,
    })?;
    let file = syn::parse2(tokens).map_err(|source| CodegenError::Unparsable {
        file: spec.file.clone(),
        source,
    })?;
    Ok(prettyplease::unparse(&file))
}

/// Where, and why, the document does not deserialise. openapiv3 flattens `paths`, which hides
/// the place inside it, so a failure there is located by reading each path item alone.
fn locate(
    document: &Value,
    error: &serde_path_to_error::Error<serde_json::Error>,
) -> (String, String) {
    let whole = (
        error.path().to_string(),
        crate::syntax::json_problem(error.inner()),
    );
    if error.path().to_string() != "paths" {
        return whole;
    }
    let items = document
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten();
    for (path, item) in items {
        if let Err(e) = serde_path_to_error::deserialize::<_, openapiv3::PathItem>(item) {
            return (
                format!("paths.{path}.{}", e.path()),
                crate::syntax::json_problem(e.inner()),
            );
        }
    }
    whole
}

/// The generator's settings, the same for every vendor.
///
/// - The builder interface: `client.pay().uuid(..).body(..).send()`.
/// - `crate::clients::Hooks` as the inner type, with `ClientHooks` implemented by hand for each
///   client (`HooksMode::Expected` makes a missing one a compile error): it adds the
///   credentials and the headers each vendor requires, and drops the `api-version` header
///   progenitor adds to every request.
/// - `{type: string, format: password}`, the mark the specs put on confirmation codes, card
///   data and other secrets, becomes `crate::Secret`, whose `Debug` shows `***`.
fn settings() -> GenerationSettings {
    let mut settings = GenerationSettings::new();
    settings
        .with_interface(InterfaceStyle::Builder)
        .with_tag(TagStyle::Merged)
        .with_hooks(HooksMode::Expected)
        .with_inner_type(quote_path("crate::clients::Hooks"))
        .with_conversion(
            password_schema(),
            "crate::Secret",
            std::iter::empty::<TypeImpl>(),
        );
    settings
}

fn quote_path(path: &str) -> proc_macro2::TokenStream {
    path.parse().expect("a Rust path")
}

/// The schema `{type: string, format: password}`, as typify compares it (metadata aside).
fn password_schema() -> schemars::schema::SchemaObject {
    schemars::schema::SchemaObject {
        instance_type: Some(schemars::schema::InstanceType::String.into()),
        format: Some(crate::model::SECRET_FORMAT.into()),
        ..Default::default()
    }
}

/// Every operation must have an `operationId`: it names the client's method, and the
/// validator's reports. progenitor would stop at the first one missing; this lists them all.
fn check_operation_ids(file: &Path, document: &Value) -> Result<(), CodegenError> {
    let mut operations = Vec::new();
    for (path, item) in document
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        for (method, operation) in item.as_object().into_iter().flatten() {
            if is_method(method) && operation.get("operationId").is_none() {
                operations.push(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    if operations.is_empty() {
        Ok(())
    } else {
        Err(CodegenError::MissingOperationIds {
            file: file.to_owned(),
            operations,
        })
    }
}
