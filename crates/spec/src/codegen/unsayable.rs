//! The OpenAPI 3.0 view of a spec of any version, and what 3.0 cannot say.
//!
//! A loaded spec is in the one form (OpenAPI 3.0's structure; a 3.1 document's schemas keep
//! the 2020-12 keywords 3.0 lacks). What the translation said the 3.0 way (`type: [T, "null"]`
//! as `nullable`, `const`, numeric exclusive bounds, `$ref` beside constraints) a client reads
//! as the spec means it. What it could not is refused here with its place, since a client
//! generated past it would type the messages differently from the spec:
//!
//! - `prefixItems`: a tuple, which a 3.0 array of one `items` schema cannot type;
//! - `$dynamicRef`: the one form follows its default target, a narrower reading than 2020-12's;
//! - a `type` list other than `[T]` and `[T, "null"]`: a union 3.0 has no `type` for;
//! - a `$ref` to anything but a component (another file's schema bundled in, a path's part):
//!   the generator resolves `#/components/...` references only;
//! - a request body in no media type the generator can send (JSON, a form, octets, text):
//!   progenitor 0.15 sends no `multipart/form-data`.
//!
//! Keywords 3.0 lacks that only constrain values (`if`/`then`/`else`, `dependentRequired`,
//! `contains`, ...) are left to the reader, which ignores them: the generated types are
//! looser there, never wrong; the validator checks them.

use std::collections::HashSet;
use std::fmt;
use std::path::PathBuf;

use serde_json::Value;

use super::CodegenError;
use crate::convert::{escape, is_method, local_pointer, schema_roots};
use crate::subschemas::subschemas;
use crate::{NarrowedKind, Spec};

/// A part of a spec OpenAPI 3.0 cannot say, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsayable {
    /// The file it is written in.
    pub file: PathBuf,
    /// Its line there, where known (with the spec crate's `lines` feature).
    pub line: Option<usize>,
    /// Its JSON pointer in that file, as written.
    pub pointer: String,
    /// What it is.
    pub kind: UnsayableKind,
}

/// The kinds of [`Unsayable`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum UnsayableKind {
    /// `prefixItems`: a tuple.
    Tuple,
    /// `$dynamicRef`.
    DynamicReference,
    /// A `type` list that is not `[T]` or `[T, "null"]` (the types, `null` aside).
    TypeList(Vec<String>),
    /// A `$ref` to something that is not a component.
    Reference(String),
    /// A request body in media types the generator cannot send (these).
    BodyMediaTypes(Vec<String>),
}

impl fmt::Display for Unsayable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}: ", self.pointer)?;
        match &self.kind {
            UnsayableKind::Tuple => f.write_str(
                "`prefixItems` (a tuple) cannot be said in OpenAPI 3.0, which the client generator reads",
            ),
            UnsayableKind::DynamicReference => f.write_str(
                "`$dynamicRef` cannot be said in OpenAPI 3.0, which the client generator reads",
            ),
            UnsayableKind::TypeList(types) => write!(
                f,
                "`type: [{}]` cannot be said in OpenAPI 3.0, which the client generator reads \
                 (it says one type, or one and null with `nullable`)",
                types.join(", ")
            ),
            UnsayableKind::BodyMediaTypes(types) => write!(
                f,
                "a request body in {}: the client generator sends JSON, \
                 application/x-www-form-urlencoded, application/octet-stream or text/plain",
                types.join(", ")
            ),
            UnsayableKind::Reference(target) => write!(
                f,
                "`$ref: {target}`: the client generator follows references to \
                 `#/components/...` only (keep the schema in the spec's components)"
            ),
        }
    }
}

/// The spec as the OpenAPI 3.0 document progenitor reads, or every place 3.0 cannot say.
pub(super) fn view_3_0(spec: &Spec) -> Result<Value, CodegenError> {
    let document = &spec.document;
    let mut found: Vec<(String, UnsayableKind)> = spec
        .narrowed
        .iter()
        .filter(|n| n.kind == NarrowedKind::DynamicReference)
        .map(|n| (n.pointer.clone(), UnsayableKind::DynamicReference))
        .collect();

    found.extend(unsendable_bodies(document));

    let (request, response) = schema_roots(document);
    let components = document
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(name, _)| format!("/components/schemas/{}", escape(name)));
    let mut pending: Vec<String> = request
        .into_iter()
        .chain(response)
        .chain(components)
        .collect();
    let mut seen = HashSet::new();
    while let Some(pointer) = pending.pop() {
        if !seen.insert(pointer.clone()) {
            continue;
        }
        let Some(Value::Object(schema)) = document.pointer(&pointer) else {
            continue;
        };
        if schema.contains_key("prefixItems") {
            found.push((format!("{pointer}/prefixItems"), UnsayableKind::Tuple));
        }
        if let Some(Value::Array(types)) = schema.get("type") {
            let named: Vec<String> = types
                .iter()
                .filter(|t| t.as_str() != Some("null"))
                .map(|t| t.as_str().map_or_else(|| t.to_string(), str::to_owned))
                .collect();
            if named.len() > 1 {
                found.push((format!("{pointer}/type"), UnsayableKind::TypeList(named)));
            }
        }
        if let Some(Value::String(reference)) = schema.get("$ref") {
            match local_pointer(reference) {
                Some(target) if target.starts_with("/components/") => pending.push(target),
                _ => found.push((
                    format!("{pointer}/$ref"),
                    UnsayableKind::Reference(shown_reference(spec, reference)),
                )),
            }
        }
        pending.extend(subschemas(schema, &pointer));
    }

    if !found.is_empty() {
        found.sort_by(|a, b| a.0.cmp(&b.0));
        found.dedup();
        return Err(CodegenError::Unsayable(
            found
                .into_iter()
                .map(|(pointer, kind)| place(spec, &pointer, kind))
                .collect(),
        ));
    }
    let mut view = document.clone();
    view["openapi"] = Value::String("3.0.3".into());
    Ok(view)
}

/// The media types progenitor 0.15 sends a request body in, the preferred first.
pub(super) const SENT: [&str; 5] = [
    "application/json",
    "application/x-www-form-urlencoded",
    "application/octet-stream",
    "text/plain",
    "text/x-markdown",
];

/// The request bodies none of whose media types the generator sends.
fn unsendable_bodies(document: &Value) -> Vec<(String, UnsayableKind)> {
    let mut bodies: Vec<String> = document
        .pointer("/components/requestBodies")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(name, _)| format!("/components/requestBodies/{}", escape(name)))
        .collect();
    for (path, item) in document
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        for (method, _) in item.as_object().into_iter().flatten() {
            if is_method(method) {
                bodies.push(format!("/paths/{}/{method}/requestBody", escape(path)));
            }
        }
    }
    let mut found = Vec::new();
    for body in bodies {
        let Some(Value::Object(content)) = document.pointer(&format!("{body}/content")) else {
            continue;
        };
        let sent = |media: &str| {
            let essence = media
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            SENT.contains(&essence.as_str())
        };
        if !content.is_empty() && !content.keys().any(|media| sent(media)) {
            found.push((
                body,
                UnsayableKind::BodyMediaTypes(content.keys().cloned().collect()),
            ));
        }
    }
    found
}

/// A reference as the reader of the spec wrote it: a bundled file's part by its file.
fn shown_reference(spec: &Spec, reference: &str) -> String {
    match local_pointer(reference) {
        Some(target) => {
            let (file, local) = spec.origin_of(&target);
            if *file == spec.file {
                reference.to_owned()
            } else {
                format!("{}#{local}", file.display())
            }
        }
        None => reference.to_owned(),
    }
}

/// The file, line and pointer as written of a pointer into the one form.
fn place(spec: &Spec, pointer: &str, kind: UnsayableKind) -> Unsayable {
    let (file, local) = spec.origin_of(pointer);
    Unsayable {
        file: file.clone(),
        line: spec.source_of(pointer).map(|(_, line)| line),
        pointer: local,
        kind,
    }
}
