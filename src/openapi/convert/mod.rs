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

mod keywords;
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

/// A schema the conversion could not take as written, with its place in the spec: the
/// conversion's error, or, when defects are tolerated, a note of what was left out.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
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

/// What the conversion does with a defect of a schema.
pub enum Defects<'a> {
    /// The first defect is the conversion's error.
    Refuse,
    /// Each defect costs its keyword only, and is noted in `noted` (once per place and
    /// problem). `compiles` says whether the validator's regex engine takes a `pattern` (or a
    /// `patternProperties` name).
    Tolerate {
        /// The defects found.
        noted: &'a mut Vec<ConvertError>,
        /// Whether a pattern compiles.
        compiles: &'a dyn Fn(&str) -> bool,
    },
}

impl Defects<'_> {
    /// The same treatment, borrowed for one more conversion.
    pub fn reborrow(&mut self) -> Defects<'_> {
        match self {
            Defects::Refuse => Defects::Refuse,
            Defects::Tolerate { noted, compiles } => Defects::Tolerate {
                noted,
                compiles: *compiles,
            },
        }
    }
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
    /// A defect at `pointer`: `problem` is the error when defects are refused; otherwise it is
    /// noted with what is done instead (`remedy`), which the caller does.
    fn defect(
        &mut self,
        pointer: &str,
        problem: impl Into<String>,
        remedy: &str,
    ) -> Result<(), ConvertError> {
        let mut defect = ConvertError {
            pointer: pointer.to_owned(),
            problem: problem.into(),
        };
        match &mut self.defects {
            Defects::Refuse => Err(defect),
            Defects::Tolerate { noted, .. } => {
                defect.problem = format!("{}; {remedy}", defect.problem);
                if !noted.contains(&defect) {
                    noted.push(defect);
                }
                Ok(())
            }
        }
    }

    /// Why the validator's regex engine cannot take `pattern` (only asked when defects are
    /// tolerated: refused, the pattern is the schema compiler's to judge).
    fn pattern_problem(&self, pattern: &str) -> Option<String> {
        match &self.defects {
            Defects::Tolerate { compiles, .. } if !compiles(pattern) => Some(format!(
                "the pattern {pattern:?} is not a regular expression the validator can compile"
            )),
            _ => None,
        }
    }

    /// A schema inside another (under `items`, `not`, a list's member...): `None` when it is
    /// not a schema at all (the defect noted), so that the keyword holding it is left out.
    fn subschema(
        &mut self,
        node: &Value,
        at: &str,
        depth: usize,
        all_of_member: bool,
    ) -> Result<Option<Value>, ConvertError> {
        if !node.is_object() && !node.is_boolean() {
            self.defect(at, NOT_A_SCHEMA, LEFT_OUT)?;
            return Ok(None);
        }
        self.schema(node, at, depth, all_of_member).map(Some)
    }

    /// The members of a list of schemas (`allOf`, `prefixItems`, ...): `None` when the list is
    /// not one, or holds something that is not a schema (the defect noted).
    fn schema_list(
        &mut self,
        list: &Value,
        at: &str,
        depth: usize,
        all_of: bool,
    ) -> Result<Option<Vec<Value>>, ConvertError> {
        let Some(list) = list.as_array() else {
            self.defect(at, "must be a list of schemas", LEFT_OUT)?;
            return Ok(None);
        };
        let mut converted = Vec::with_capacity(list.len());
        for (i, member) in list.iter().enumerate() {
            match self.subschema(member, &format!("{at}/{i}"), depth + 1, all_of)? {
                Some(member) => converted.push(member),
                None => return Ok(None),
            }
        }
        Ok(Some(converted))
    }

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

    /// A schema's `required` list; `None` when it has none, or one that is not a list of names
    /// (the defect noted).
    fn required<'o>(
        &mut self,
        object: &'o Map<String, Value>,
        at: &str,
    ) -> Result<Option<&'o Vec<Value>>, ConvertError> {
        let Some(required) = object.get("required") else {
            return Ok(None);
        };
        if let Some(problem) = keywords::problem("required", required) {
            self.defect(&format!("{at}/required"), problem, LEFT_OUT)?;
            return Ok(None);
        }
        Ok(required.as_array())
    }

    /// JSON Schema draft 4's tuple form, `items` as a list of schemas (with `additionalItems`
    /// for the items past them), which Swagger 2.0 documents carry: 2020-12's `prefixItems`
    /// (and `items`). It applies to arrays only, as it did.
    fn tuple(
        &mut self,
        object: &Map<String, Value>,
        list: &Value,
        at: &str,
        depth: usize,
        out: &mut Map<String, Value>,
    ) -> Result<(), ConvertError> {
        let place = format!("{at}/items");
        self.defect(
            &place,
            "`items` is a list of schemas (JSON Schema draft 4's tuple form)",
            "read as `prefixItems`",
        )?;
        let Some(members) = self.schema_list(list, &place, depth, false)? else {
            return Ok(());
        };
        out.insert("prefixItems".into(), Value::Array(members));
        if let Some(rest) = object.get("additionalItems") {
            let place = format!("{at}/additionalItems");
            if let Some(converted) = self.subschema(rest, &place, depth + 1, false)? {
                out.insert("items".into(), converted);
            }
        }
        Ok(())
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
                if let Some(problem) = keywords::problem(key, value) {
                    self.defect(&format!("{at}/{key}"), problem, LEFT_OUT)?;
                    continue;
                }
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
                if let Some(converted) = self.subschema(schema, &place, depth + 1, false)? {
                    out.insert(key.into(), converted);
                }
            }
        }
        for key in ["patternProperties", "dependentSchemas"] {
            match object.get(key) {
                None => {}
                Some(Value::Object(named)) => {
                    let mut converted = Map::new();
                    for (name, schema) in named {
                        let place = format!("{at}/{key}/{}", escape(name));
                        if key == "patternProperties"
                            && let Some(problem) = self.pattern_problem(name)
                        {
                            self.defect(&place, problem, LEFT_OUT)?;
                            continue;
                        }
                        if let Some(schema) = self.subschema(schema, &place, depth + 1, false)? {
                            converted.insert(name.clone(), schema);
                        }
                    }
                    out.insert(key.into(), Value::Object(converted));
                }
                Some(_) => {
                    let problem = "must map names to schemas";
                    self.defect(&format!("{at}/{key}"), problem, LEFT_OUT)?;
                }
            }
        }
        if let Some(list) = object.get("prefixItems")
            && !out.contains_key("prefixItems")
        {
            let place = format!("{at}/prefixItems");
            if let Some(converted) = self.schema_list(list, &place, depth, false)? {
                out.insert("prefixItems".into(), Value::Array(converted));
            }
        }
        Ok(())
    }

    /// Integer formats' ranges (3.0, where `format` asserts), and 3.0's boolean exclusive
    /// bounds.
    fn numbers(
        &mut self,
        object: &Map<String, Value>,
        at: &str,
        out: &mut Map<String, Value>,
    ) -> Result<(), ConvertError> {
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
                Some(Value::Bool(false)) | None => {}
                Some(other) => {
                    if let Some(problem) = keywords::problem(flag, other) {
                        self.defect(&format!("{at}/{flag}"), problem, LEFT_OUT)?;
                    }
                }
            }
        }
        Ok(())
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

/// What a defect that is not a schema at all says.
const NOT_A_SCHEMA: &str = "a schema must be an object (or true or false)";
/// What is done with most defects.
const LEFT_OUT: &str = "left out";

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
