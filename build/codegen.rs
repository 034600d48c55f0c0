//! Spec -> client generation, shared by `build.rs` and the tests (`tests/integration/codegen.rs`)
//! through `#[path]`, so that every way a spec can fail the build is tested.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use progenitor::{GenerationSettings, Generator, HooksMode, InterfaceStyle, TagStyle, TypeImpl};
use serde_json::{Map, Value};

/// Reads one spec, generates its client and writes it to `out_dir` as
/// `<stem with underscores>.rs`. The error names the file, then the problem.
pub fn generate(spec: &Path, out_dir: &Path) -> Result<PathBuf, String> {
    generate_client(spec, out_dir).map_err(|problem| {
        let lines: Vec<String> = problem
            .lines()
            .map(|line| format!("{}: {line}", spec.display()))
            .collect();
        lines.join("\n")
    })
}

fn generate_client(spec: &Path, out_dir: &Path) -> Result<PathBuf, String> {
    let text = std::fs::read_to_string(spec).map_err(|e| format!("cannot read: {e}"))?;
    let mut document: Value =
        yaml_serde::from_str(&text).map_err(|e| format!("not valid YAML: {e}"))?;

    match document.get("openapi").and_then(Value::as_str) {
        Some(version) if version.starts_with("3.0.") => {}
        Some(version) => {
            return Err(format!(
                "OpenAPI {version} is not supported: the client generator reads OpenAPI 3.0.x"
            ));
        }
        None => return Err("no `openapi` version field: not an OpenAPI document".into()),
    }
    check_operation_ids(&document)?;
    codegen_view(&mut document);

    let openapi: openapiv3::OpenAPI = serde_path_to_error::deserialize(&document).map_err(|e| {
        format!(
            "not a valid OpenAPI 3.0 document at `{}",
            locate(&document, &e)
        )
    })?;

    let tokens = Generator::new(&settings())
        .generate_tokens(&openapi)
        .map_err(|e| format!("progenitor cannot generate a client: {e}"))?;
    let file = syn::parse2(tokens).map_err(|e| format!("generated code does not parse: {e}"))?;
    let code = prettyplease::unparse(&file);

    let stem = spec
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or("file name is not UTF-8")?;
    let out = out_dir.join(format!("{}.rs", stem.replace('-', "_")));
    std::fs::write(&out, code).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    Ok(out)
}

/// Where, and why, the document does not deserialise (the text after the opening backtick).
/// openapiv3 flattens `paths`, which hides the place inside it, so a failure there is located
/// by reading each path item alone.
fn locate(document: &Value, error: &serde_path_to_error::Error<serde_json::Error>) -> String {
    let whole = format!("{}`: {}", error.path(), error.inner());
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
            return format!("paths.{path}.{}`: {}", e.path(), e.inner());
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
        format: Some("password".into()),
        ..Default::default()
    }
}

/// Every operation must have an `operationId`: it names the client's method, and the
/// validator's reports. progenitor would stop at the first one missing; this lists them all.
fn check_operation_ids(document: &Value) -> Result<(), String> {
    let mut missing = String::new();
    for (path, item) in document
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        for (method, operation) in item.as_object().into_iter().flatten() {
            if is_http_method(method) && operation.get("operationId").is_none() {
                let _ = writeln!(
                    missing,
                    "{} {path} has no operationId",
                    method.to_uppercase()
                );
            }
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(missing.trim_end().to_owned())
    }
}

fn is_http_method(key: &str) -> bool {
    matches!(
        key,
        "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
    )
}

/// The code-generation view of a spec: the adaptations progenitor needs, applied to a copy
/// that only the generator sees. The spec files, and everything else that reads them (the
/// validator, the published JSON Schemas), take the specs as written. Each rule is general,
/// never about one vendor:
///
/// 1. A `default` response beside a success response becomes `4XX` and `5XX` responses with
///    the same content. progenitor panics on a `default` whose body differs from the success
///    body; a default that describes errors (VIA's envelope) means exactly "any 4xx or 5xx".
///    An explicit `4XX` or `5XX` already present is kept.
/// 2. Header parameters the client itself sends are dropped: `User-Agent`, `Accept`,
///    `Content-Type` and `Authorization`. OpenAPI ignores the last three as parameters
///    anyway; `User-Agent` comes from the client's configuration (Invoicebox requires it on
///    every call), so that no call site passes it by hand.
pub fn codegen_view(document: &mut Value) {
    let client_header_refs: Vec<String> = document
        .pointer("/components/parameters")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, parameter)| is_client_header(parameter))
        .map(|(name, _)| format!("#/components/parameters/{name}"))
        .collect();
    let drop = |parameter: &Value| {
        is_client_header(parameter)
            || parameter
                .get("$ref")
                .and_then(Value::as_str)
                .is_some_and(|target| client_header_refs.iter().any(|r| r == target))
    };

    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for item in paths.values_mut().filter_map(Value::as_object_mut) {
        for (key, value) in item.iter_mut() {
            if key == "parameters" {
                retain_parameters(value, &drop);
            } else if is_http_method(key) {
                if let Some(parameters) = value.get_mut("parameters") {
                    retain_parameters(parameters, &drop);
                }
                if let Some(responses) = value.get_mut("responses").and_then(Value::as_object_mut) {
                    split_default_response(responses);
                }
            }
        }
    }
}

fn split_default_response(responses: &mut Map<String, Value>) {
    if !responses.keys().any(|status| status.starts_with('2')) {
        return;
    }
    if let Some(default) = responses.remove("default") {
        for range in ["4XX", "5XX"] {
            responses.entry(range).or_insert_with(|| default.clone());
        }
    }
}

fn retain_parameters(parameters: &mut Value, drop: &impl Fn(&Value) -> bool) {
    if let Some(list) = parameters.as_array_mut() {
        list.retain(|parameter| !drop(parameter));
    }
}

/// An inline header parameter that the client sends by itself.
fn is_client_header(parameter: &Value) -> bool {
    const CLIENT_HEADERS: [&str; 4] = ["user-agent", "accept", "content-type", "authorization"];
    parameter.get("in").and_then(Value::as_str) == Some("header")
        && parameter
            .get("name")
            .and_then(Value::as_str)
            .is_some_and(|name| CLIENT_HEADERS.contains(&name.to_ascii_lowercase().as_str()))
}
