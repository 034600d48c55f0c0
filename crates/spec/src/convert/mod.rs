//! OpenAPI 3.0 schemas -> JSON Schema 2020-12.
//!
//! This file depends on `serde_json` alone, so that `build.rs` can include it (through
//! `#[path]`) to generate the bundled specs' schemas at build time.
//!
//! One JSON Schema document is made per spec and per [`Direction`]: every schema a request or a
//! response uses, and every schema those reach through `$ref`, becomes an entry of `$defs`,
//! keyed by its JSON pointer in the spec (`/components/schemas/Customer`). What OpenAPI 3.0 says
//! differently from JSON Schema is said explicitly:
//!
//! - `nullable: true` adds `null` to `type` (and to `enum`);
//! - `format: int32` / `int64` add the range of the integer as `minimum` / `maximum`;
//! - boolean `exclusiveMinimum` / `exclusiveMaximum` become the 2020-12 numeric forms;
//! - `readOnly` properties are forbidden in requests and `writeOnly` ones in responses (their
//!   schema becomes `false`, and they leave `required`);
//! - a `oneOf`/`anyOf` with a `discriminator` picks its branch by the discriminating
//!   property (`if`/`then` per value), so that errors point inside the chosen branch;
//! - siblings of `$ref` are ignored, as OpenAPI 3.0 says;
//! - in strict mode, object schemas that do not say otherwise get
//!   `unevaluatedProperties: false`, so undocumented properties are reported.
//!
//! Annotations that do not validate (`description`, `example`, `xml`, `x-*`, ...) are dropped.
//!
//! A defect of one schema costs that schema's keyword, not the document, when the caller
//! tolerates defects ([`Defects::Tolerate`]): JSON Schema draft 4's tuple `items` (a list of
//! schemas, which Swagger 2.0 documents carry) is read as `prefixItems`; a keyword whose value
//! is not of its kind (`required: "true"`), a schema that is not one, or a `$ref` to nothing
//! is dropped; each is noted with its pointer. Refused ([`Defects::Refuse`]), the first one is
//! the conversion's error.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

mod defects;
mod keywords;
mod pointer;
mod roots;
mod translate;

pub use defects::Defects;
use defects::{LEFT_OUT, NOT_A_SCHEMA};
pub use pointer::{BUNDLE_KEY, escape, fragment, local_pointer, objects};
pub use roots::{is_method, resolve, resolve_pointer, schema_roots, spec_document};
use translate::nullable;

/// The JSON Schema dialect of the generated documents.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Which way a body travels: `readOnly` properties are forbidden in requests, `writeOnly`
/// properties in responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Direction {
    /// Client to server.
    Request,
    /// Server to client.
    Response,
}

impl Direction {
    /// The name of the direction's `$defs` group.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Request => "request",
            Direction::Response => "response",
        }
    }
}

/// How far schemas nest before conversion gives up, which keeps a hostile spec from
/// exhausting the stack.
pub const MAX_DEPTH: usize = 200;

/// A schema the conversion could not take as written, with its place in the spec: the
/// conversion's error, or, when defects are tolerated, a note of what was left out.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, thiserror::Error)]
#[error("schema at {pointer}: {problem}")]
pub struct ConvertError {
    /// The JSON pointer of the schema in the spec.
    pub pointer: String,
    /// What is wrong.
    pub problem: String,
}

/// Converts the schemas at `roots` (JSON pointers into `spec`) and everything they reference,
/// for one direction, into `$defs` entries keyed by pointer.
pub fn convert(
    spec: &Value,
    roots: &[String],
    direction: Direction,
    strict: bool,
    defects: Defects<'_>,
) -> Result<BTreeMap<String, Value>, ConvertError> {
    let json_schema_2020 = spec
        .get("openapi")
        .and_then(Value::as_str)
        .is_some_and(|v| v.starts_with("3.1.") || v.starts_with("3.2."));
    let mut converter = Converter {
        spec,
        direction,
        strict,
        json_schema_2020,
        defs: BTreeMap::new(),
        pending: Vec::new(),
        all_of_members: all_of_members(spec),
        defects,
    };
    for root in roots {
        converter.enqueue(root);
    }
    while let Some(pointer) = converter.pending.pop() {
        let node = spec.pointer(&pointer).ok_or_else(|| ConvertError {
            pointer: pointer.clone(),
            problem: "nothing at this place (a `$ref` points to it)".into(),
        })?;
        let converted = converter.schema(node, &pointer, 0, false)?;
        converter.defs.insert(pointer, converted);
    }
    Ok(converter.defs)
}

/// The `$ref` that names the `$defs` entry of `pointer` in a document made by [`document`].
pub fn def_ref(direction: Direction, pointer: &str) -> String {
    format!(
        "#/$defs/{}/{}",
        direction.as_str(),
        fragment(&escape(pointer))
    )
}

/// One JSON Schema document holding both directions' `$defs`.
pub fn document(
    id: &str,
    request: BTreeMap<String, Value>,
    response: BTreeMap<String, Value>,
) -> Value {
    let group = |defs: BTreeMap<String, Value>| Value::Object(defs.into_iter().collect());
    json!({
        "$schema": DIALECT,
        "$id": id,
        "$defs": {"request": group(request), "response": group(response)},
    })
}

/// The pointers of schemas that some `allOf` lists as a member by `$ref`: in strict mode they
/// do not close themselves, since the schema that combines them closes the whole.
fn all_of_members(spec: &Value) -> BTreeSet<String> {
    let mut members = BTreeSet::new();
    let mut stack = vec![spec];
    while let Some(node) = stack.pop() {
        match node {
            Value::Object(object) => {
                if let Some(Value::Array(list)) = object.get("allOf") {
                    for member in list {
                        if let Some(target) = member
                            .get("$ref")
                            .and_then(Value::as_str)
                            .and_then(local_pointer)
                        {
                            members.insert(target);
                        }
                    }
                }
                stack.extend(object.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    members
}

struct Converter<'s> {
    spec: &'s Value,
    direction: Direction,
    strict: bool,
    /// The spec is OpenAPI 3.1 or later: its schemas' 2020-12 keywords apply.
    json_schema_2020: bool,
    defs: BTreeMap<String, Value>,
    pending: Vec<String>,
    all_of_members: BTreeSet<String>,
    defects: Defects<'s>,
}

const PASSED_THROUGH: [&str; 14] = [
    "type",
    "enum",
    "multipleOf",
    "maximum",
    "minimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxProperties",
    "minProperties",
    "format",
];

impl<'s> Converter<'s> {
    fn enqueue(&mut self, pointer: &str) {
        if !self.defs.contains_key(pointer) && !self.pending.iter().any(|p| p == pointer) {
            // A placeholder marks it taken, so that cycles end.
            self.defs.insert(pointer.to_owned(), Value::Bool(true));
            self.pending.push(pointer.to_owned());
        }
    }

    /// A `$ref` to a schema of the spec; one that cannot be followed is a defect (tolerated,
    /// the schema allows anything).
    fn reference(&mut self, reference: &str, at: &str) -> Result<Value, ConvertError> {
        let Some(target) = local_pointer(reference) else {
            let problem = format!("`$ref: {reference}` is not a reference inside the spec");
            self.defect(at, problem, LEFT_OUT)?;
            return Ok(Value::Bool(true));
        };
        if self.spec.pointer(&target).is_none() {
            self.defect(
                at,
                format!("`$ref: {reference}` points to nothing"),
                LEFT_OUT,
            )?;
            return Ok(Value::Bool(true));
        }
        self.enqueue(&target);
        Ok(json!({ "$ref": def_ref(self.direction, &target) }))
    }

    /// Resolves `$ref`s (up to a bound) to the schema they name.
    fn resolve<'v>(&self, node: &'v Value) -> &'v Value
    where
        's: 'v,
    {
        resolve(self.spec, node)
    }

    fn forbidden_here(&self, property: &Value) -> bool {
        let resolved = self.resolve(property);
        let flag = match self.direction {
            Direction::Request => "readOnly",
            Direction::Response => "writeOnly",
        };
        resolved.get(flag).and_then(Value::as_bool) == Some(true)
    }

    fn schema(
        &mut self,
        node: &Value,
        at: &str,
        depth: usize,
        all_of_member: bool,
    ) -> Result<Value, ConvertError> {
        if depth > MAX_DEPTH {
            return Err(ConvertError {
                pointer: at.to_owned(),
                problem: format!("schemas nest deeper than {MAX_DEPTH} levels"),
            });
        }
        let object = match node {
            Value::Object(object) => object,
            Value::Bool(b) => return Ok(Value::Bool(*b)),
            _ => {
                self.defect(at, NOT_A_SCHEMA, LEFT_OUT)?;
                return Ok(Value::Bool(true));
            }
        };
        if let Some(reference) = object.get("$ref") {
            let Some(reference) = reference.as_str() else {
                self.defect(&format!("{at}/$ref"), "`$ref` must be a string", LEFT_OUT)?;
                return Ok(Value::Bool(true));
            };
            return self.reference(reference, at);
        }

        let mut out = Map::new();
        for key in PASSED_THROUGH {
            if let Some(value) = object.get(key) {
                let problem = keywords::problem(key, value)
                    .map(str::to_owned)
                    .or_else(|| {
                        (key == "pattern")
                            .then(|| self.pattern_problem(value.as_str().unwrap_or_default()))
                            .flatten()
                    });
                if let Some(problem) = problem {
                    self.defect(&format!("{at}/{key}"), problem, LEFT_OUT)?;
                    continue;
                }
                out.insert(key.to_owned(), value.clone());
            }
        }
        self.numbers(object, at, &mut out)?;

        // `properties: {$ref: ...}` (a whole map by reference) is read as its target.
        let properties = object.get("properties").map(|p| self.resolve(p));
        if let Some(Value::Object(properties)) = properties {
            let mut converted = Map::new();
            let mut forbidden = BTreeSet::new();
            for (name, property) in properties {
                let place = format!("{at}/properties/{}", escape(name));
                if self.forbidden_here(property) {
                    converted.insert(name.clone(), Value::Bool(false));
                    forbidden.insert(name.clone());
                } else {
                    converted.insert(
                        name.clone(),
                        self.schema(property, &place, depth + 1, false)?,
                    );
                }
            }
            out.insert("properties".into(), Value::Object(converted));
            if let Some(required) = self.required(object, at)? {
                let kept: Vec<Value> = required
                    .iter()
                    .filter(|name| name.as_str().is_none_or(|n| !forbidden.contains(n)))
                    .cloned()
                    .collect();
                out.insert("required".into(), Value::Array(kept));
            }
        } else {
            if properties.is_some() {
                let problem = "`properties` must map names to schemas";
                self.defect(&format!("{at}/properties"), problem, LEFT_OUT)?;
            }
            if let Some(required) = self.required(object, at)? {
                out.insert("required".into(), Value::Array(required.clone()));
            }
        }
        match object.get("additionalProperties") {
            None => {}
            Some(Value::Bool(b)) => {
                out.insert("additionalProperties".into(), Value::Bool(*b));
            }
            Some(schema) => {
                let place = format!("{at}/additionalProperties");
                if let Some(converted) = self.subschema(schema, &place, depth + 1, false)? {
                    out.insert("additionalProperties".into(), converted);
                }
            }
        }
        match object.get("items") {
            None => {}
            Some(list @ Value::Array(_)) => self.tuple(object, list, at, depth, &mut out)?,
            Some(items) => {
                let place = format!("{at}/items");
                if let Some(converted) = self.subschema(items, &place, depth + 1, false)? {
                    out.insert("items".into(), converted);
                }
            }
        }
        if let Some(not) = object.get("not") {
            let place = format!("{at}/not");
            if let Some(converted) = self.subschema(not, &place, depth + 1, false)? {
                out.insert("not".into(), converted);
            }
        }
        for keyword in ["allOf", "anyOf", "oneOf"] {
            if let Some(list) = object.get(keyword) {
                let place = format!("{at}/{keyword}");
                if let Some(converted) =
                    self.schema_list(list, &place, depth, keyword == "allOf")?
                {
                    out.insert(keyword.into(), Value::Array(converted));
                }
            }
        }
        if let Some(Value::Object(discriminator)) = object.get("discriminator") {
            self.discriminate(object, discriminator, at, &mut out)?;
        }
        if self.json_schema_2020 {
            self.keywords_2020(object, at, depth, &mut out)?;
        }

        let closes = self.strict
            && !all_of_member
            && !self.all_of_members.contains(at)
            && !out.contains_key("additionalProperties")
            && !out.contains_key("unevaluatedProperties")
            && !out.contains_key("patternProperties")
            && (out.contains_key("properties") || out.contains_key("allOf"))
            && object.get("type").is_none_or(|t| t == "object");
        if closes {
            out.insert("unevaluatedProperties".into(), Value::Bool(false));
        }

        if object.get("nullable").and_then(Value::as_bool) == Some(true) {
            return Ok(nullable(out));
        }
        Ok(Value::Object(out))
    }
}
