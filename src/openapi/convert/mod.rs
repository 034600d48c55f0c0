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

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

mod pointer;
mod roots;

pub use pointer::{BUNDLE_KEY, escape, fragment, local_pointer, objects};
pub use roots::{is_method, resolve, resolve_pointer, spec_document};

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

/// A schema the conversion could not take, with its place in the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvertError {
    /// The JSON pointer of the schema in the spec.
    pub pointer: String,
    /// What is wrong.
    pub problem: String,
}

impl std::fmt::Display for ConvertError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "schema at {}: {}", self.pointer, self.problem)
    }
}

/// Converts the schemas at `roots` (JSON pointers into `spec`) and everything they reference,
/// for one direction, into `$defs` entries keyed by pointer.
pub fn convert(
    spec: &Value,
    roots: &[String],
    direction: Direction,
    strict: bool,
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

    fn reference(&mut self, reference: &str, at: &str) -> Result<Value, ConvertError> {
        let target = local_pointer(reference).ok_or_else(|| ConvertError {
            pointer: at.to_owned(),
            problem: format!("`$ref: {reference}` is not a reference inside the spec"),
        })?;
        if self.spec.pointer(&target).is_none() {
            return Err(ConvertError {
                pointer: at.to_owned(),
                problem: format!("`$ref: {reference}` points to nothing"),
            });
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
                return Err(ConvertError {
                    pointer: at.to_owned(),
                    problem: "a schema must be an object".into(),
                });
            }
        };
        if let Some(reference) = object.get("$ref") {
            let reference = reference.as_str().ok_or_else(|| ConvertError {
                pointer: at.to_owned(),
                problem: "`$ref` must be a string".into(),
            })?;
            return self.reference(reference, at);
        }

        let mut out = Map::new();
        for key in PASSED_THROUGH {
            if let Some(value) = object.get(key) {
                out.insert(key.to_owned(), value.clone());
            }
        }
        self.numbers(object, &mut out);

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
            if let Some(Value::Array(required)) = object.get("required") {
                let kept: Vec<Value> = required
                    .iter()
                    .filter(|name| name.as_str().is_none_or(|n| !forbidden.contains(n)))
                    .cloned()
                    .collect();
                out.insert("required".into(), Value::Array(kept));
            }
        } else if let Some(required) = object.get("required") {
            out.insert("required".into(), required.clone());
        }
        match object.get("additionalProperties") {
            Some(Value::Bool(b)) => {
                out.insert("additionalProperties".into(), Value::Bool(*b));
            }
            Some(schema @ Value::Object(_)) => {
                let place = format!("{at}/additionalProperties");
                let converted = self.schema(schema, &place, depth + 1, false)?;
                out.insert("additionalProperties".into(), converted);
            }
            _ => {}
        }
        if let Some(items) = object.get("items") {
            let converted = self.schema(items, &format!("{at}/items"), depth + 1, false)?;
            out.insert("items".into(), converted);
        }
        if let Some(not) = object.get("not") {
            let converted = self.schema(not, &format!("{at}/not"), depth + 1, false)?;
            out.insert("not".into(), converted);
        }
        for keyword in ["allOf", "anyOf", "oneOf"] {
            if let Some(list) = object.get(keyword) {
                let list = list.as_array().ok_or_else(|| ConvertError {
                    pointer: at.to_owned(),
                    problem: format!("`{keyword}` must be a list of schemas"),
                })?;
                let mut converted = Vec::with_capacity(list.len());
                for (i, member) in list.iter().enumerate() {
                    let place = format!("{at}/{keyword}/{i}");
                    converted.push(self.schema(member, &place, depth + 1, keyword == "allOf")?);
                }
                out.insert(keyword.into(), Value::Array(converted));
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

    /// JSON Schema 2020-12's keywords that OpenAPI 3.0 does not have, for a 3.1 spec: values
    /// passed through, schemas converted like any other.
    fn keywords_2020(
        &mut self,
        object: &Map<String, Value>,
        at: &str,
        depth: usize,
        out: &mut Map<String, Value>,
    ) -> Result<(), ConvertError> {
        for key in ["const", "minContains", "maxContains", "dependentRequired"] {
            if let Some(value) = object.get(key) {
                out.insert(key.into(), value.clone());
            }
        }
        for key in [
            "contains",
            "propertyNames",
            "unevaluatedItems",
            "unevaluatedProperties",
            "if",
            "then",
            "else",
        ] {
            if let Some(schema) = object.get(key) {
                let place = format!("{at}/{key}");
                let converted = self.schema(schema, &place, depth + 1, false)?;
                out.insert(key.into(), converted);
            }
        }
        for key in ["patternProperties", "dependentSchemas"] {
            if let Some(Value::Object(named)) = object.get(key) {
                let mut converted = Map::new();
                for (name, schema) in named {
                    let place = format!("{at}/{key}/{}", escape(name));
                    converted.insert(name.clone(), self.schema(schema, &place, depth + 1, false)?);
                }
                out.insert(key.into(), Value::Object(converted));
            }
        }
        if let Some(Value::Array(list)) = object.get("prefixItems") {
            let mut converted = Vec::with_capacity(list.len());
            for (i, member) in list.iter().enumerate() {
                let place = format!("{at}/prefixItems/{i}");
                converted.push(self.schema(member, &place, depth + 1, false)?);
            }
            out.insert("prefixItems".into(), Value::Array(converted));
        }
        Ok(())
    }

    /// Integer formats' ranges (3.0, where `format` asserts), and 3.0's boolean exclusive
    /// bounds.
    fn numbers(&self, object: &Map<String, Value>, out: &mut Map<String, Value>) {
        let format = object
            .get("format")
            .and_then(Value::as_str)
            .filter(|_| !self.json_schema_2020);
        let range = match format {
            Some("int32") => Some((i64::from(i32::MIN), i64::from(i32::MAX))),
            Some("int64") => Some((i64::MIN, i64::MAX)),
            _ => None,
        };
        if let Some((low, high)) = range {
            // Keep a bound the spec gives when it is tighter than the integer's range.
            let given = |key: &str| out.get(key).and_then(Value::as_f64);
            let low = given("minimum")
                .filter(|&m| m >= low as f64)
                .map_or(json!(low), |_| out["minimum"].clone());
            let high = given("maximum")
                .filter(|&m| m <= high as f64)
                .map_or(json!(high), |_| out["maximum"].clone());
            out.insert("minimum".into(), low);
            out.insert("maximum".into(), high);
        }
        for (flag, bound) in [
            ("exclusiveMinimum", "minimum"),
            ("exclusiveMaximum", "maximum"),
        ] {
            match object.get(flag) {
                Some(Value::Bool(true)) => {
                    if let Some(value) = out.remove(bound) {
                        out.insert(flag.into(), value);
                    }
                }
                Some(number @ Value::Number(_)) => {
                    out.insert(flag.into(), number.clone());
                }
                _ => {}
            }
        }
    }

    /// Replaces a discriminated `oneOf`/`anyOf` by a choice on the discriminating property.
    fn discriminate(
        &mut self,
        object: &Map<String, Value>,
        discriminator: &Map<String, Value>,
        at: &str,
        out: &mut Map<String, Value>,
    ) -> Result<(), ConvertError> {
        let Some(property) = discriminator.get("propertyName").and_then(Value::as_str) else {
            return Ok(());
        };
        let keyword = if object.contains_key("oneOf") {
            "oneOf"
        } else {
            "anyOf"
        };
        let Some(Value::Array(branches)) = object.get(keyword) else {
            return Ok(());
        };
        let mut choices: Vec<(String, String)> = Vec::new();
        if let Some(Value::Object(mapping)) = discriminator.get("mapping") {
            for (value, target) in mapping {
                let Some(target) = target.as_str() else {
                    continue;
                };
                let reference = if target.starts_with('#') {
                    target.to_owned()
                } else {
                    format!("#/components/schemas/{target}")
                };
                choices.push((value.clone(), reference));
            }
        }
        for branch in branches {
            let Some(reference) = branch.get("$ref").and_then(Value::as_str) else {
                // An inline branch cannot be named by a value: keep the plain oneOf.
                return Ok(());
            };
            if !choices.iter().any(|(_, r)| r == reference) {
                let name = reference.rsplit('/').next().unwrap_or(reference);
                choices.push((name.to_owned(), reference.to_owned()));
            }
        }
        let values: Vec<&str> = choices.iter().map(|(v, _)| v.as_str()).collect();
        let mut all_of = vec![json!({
            "required": [property],
            "properties": {property: {"enum": values}},
        })];
        for (value, reference) in &choices {
            all_of.push(json!({
                "if": {"properties": {property: {"const": value}}, "required": [property]},
                "then": self.reference(reference, at)?,
            }));
        }
        out.remove(keyword);
        match out.get_mut("allOf") {
            Some(Value::Array(existing)) => existing.extend(all_of),
            _ => {
                out.insert("allOf".into(), Value::Array(all_of));
            }
        }
        Ok(())
    }
}

/// `nullable: true`, said in JSON Schema.
fn nullable(mut schema: Map<String, Value>) -> Value {
    if let Some(Value::Array(values)) = schema.get_mut("enum")
        && !values.contains(&Value::Null)
    {
        values.push(Value::Null);
    }
    match schema.get("type").cloned() {
        Some(Value::String(kind)) => {
            schema.insert("type".into(), json!([kind, "null"]));
            Value::Object(schema)
        }
        _ => json!({"anyOf": [{"type": "null"}, Value::Object(schema)]}),
    }
}
