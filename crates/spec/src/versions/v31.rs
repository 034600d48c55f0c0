//! OpenAPI 3.1 and 3.2 to the one form: the same structure as 3.0, schemas kept as JSON
//! Schema 2020-12 with what 3.0 can say said its way.
//!
//! Only schemas change, each where it stands: the places that hold schemas are found by
//! walking the document's objects (paths, webhooks, components, callbacks), and every schema
//! a `$ref` reaches, bundled files' included, is translated once.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value, json};

use super::{Narrowed, NarrowedKind, Translated, Untranslatable};
use crate::convert::{escape, fragment, is_method, local_pointer, objects};
use crate::subschemas::subschemas;

/// The dialects read as JSON Schema 2020-12: the standard's own and OpenAPI's base dialects
/// (which add only annotations: `discriminator`, `xml`, `externalDocs`, `example`).
fn known_dialect(uri: &str) -> bool {
    let uri = uri.trim_end_matches('#');
    uri == "https://json-schema.org/draft/2020-12/schema"
        || (uri.starts_with("https://spec.openapis.org/oas/3.") && uri.contains("/dialect/"))
}

/// Keywords beside a `$ref` that say nothing a value must satisfy: they leave it a plain
/// reference.
const ANNOTATIONS: [&str; 10] = [
    "description",
    "summary",
    "title",
    "$comment",
    "example",
    "examples",
    "deprecated",
    "default",
    "externalDocs",
    "xml",
];

pub(super) fn translate(
    document: &mut Value,
    translated: &mut Translated,
) -> Result<(), Untranslatable> {
    if let Some(dialect) = document.get("jsonSchemaDialect") {
        let uri = dialect.as_str().unwrap_or_default();
        if !known_dialect(uri) {
            return Err(Untranslatable {
                pointer: "/jsonSchemaDialect".into(),
                problem: format!(
                    "`jsonSchemaDialect: {dialect}` is not read: confirmspec reads schemas as \
                     JSON Schema 2020-12 (or OpenAPI's base dialect of it)"
                ),
            });
        }
    }
    let anchors = anchors(document);
    let mut pending = Places::default();
    pending.walk(document, "", Kind::Root);
    // 3.1 makes `paths` and an operation's `responses` optional; the one form has them, empty.
    if let Value::Object(root) = document
        && !root.contains_key("paths")
    {
        root.insert("paths".into(), json!({}));
    }
    for operation in std::mem::take(&mut pending.without_responses) {
        if let Some(Value::Object(operation)) = document.pointer_mut(&operation) {
            operation.insert("responses".into(), json!({}));
        }
    }
    let mut done: HashSet<String> = HashSet::new();
    while let Some(pointer) = pending.schemas.pop() {
        if !done.insert(pointer.clone()) {
            continue;
        }
        let Some(node) = document.pointer_mut(&pointer) else {
            continue;
        };
        let children = schema(node, &pointer, &anchors, translated)?;
        pending.schemas.extend(children);
    }
    Ok(())
}

/// `$anchor` and `$dynamicAnchor` names, and the schema each names.
fn anchors(document: &Value) -> HashMap<String, String> {
    let mut found = HashMap::new();
    for (object, pointer) in objects(document) {
        for key in ["$anchor", "$dynamicAnchor"] {
            if let Some(Value::String(name)) = object.get(key) {
                found.entry(name.clone()).or_insert_with(|| pointer.clone());
            }
        }
    }
    found
}

/// The kinds of OpenAPI object that hold schemas, directly or below.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Root,
    PathItem,
    Operation,
    Parameter,
    Header,
    Body,
    Response,
    Media,
}

/// The schema places found by the walk of the document's objects.
#[derive(Default)]
struct Places {
    schemas: Vec<String>,
    without_responses: Vec<String>,
    seen: HashSet<(Kind, String)>,
}

impl Places {
    fn walk(&mut self, document: &Value, pointer: &str, kind: Kind) {
        let Some(mut node) = document.pointer(pointer) else {
            return;
        };
        let mut pointer = pointer.to_owned();
        // An object given by reference is walked where it is written.
        for _ in 0..32 {
            match node
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(local_pointer)
            {
                Some(target) if document.pointer(&target).is_some() => {
                    node = document.pointer(&target).expect("checked");
                    pointer = target;
                }
                _ => break,
            }
        }
        if !self.seen.insert((kind, pointer.clone())) {
            return;
        }
        let Value::Object(object) = node else {
            return;
        };
        let map = |key: &str| {
            object
                .get(key)
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
        };
        let at = |key: &str, name: &str| format!("{pointer}/{key}/{}", escape(name));
        match kind {
            Kind::Root => {
                for key in ["paths", "webhooks"] {
                    for (name, _) in map(key) {
                        self.walk(document, &at(key, name), Kind::PathItem);
                    }
                }
                let components = format!("{pointer}/components");
                let groups = [
                    ("schemas", None),
                    ("parameters", Some(Kind::Parameter)),
                    ("headers", Some(Kind::Header)),
                    ("requestBodies", Some(Kind::Body)),
                    ("responses", Some(Kind::Response)),
                    ("pathItems", Some(Kind::PathItem)),
                ];
                for (group, kind) in groups {
                    let names = document
                        .pointer(&format!("{components}/{group}"))
                        .and_then(Value::as_object)
                        .into_iter()
                        .flatten();
                    for (name, _) in names {
                        let place = format!("{components}/{group}/{}", escape(name));
                        match kind {
                            Some(kind) => self.walk(document, &place, kind),
                            None => self.schemas.push(place),
                        }
                    }
                }
            }
            Kind::PathItem => {
                for (key, _) in object {
                    if is_method(key) || key == "query" {
                        self.walk(document, &format!("{pointer}/{key}"), Kind::Operation);
                    }
                }
                self.list(document, &pointer, "parameters", Kind::Parameter);
            }
            Kind::Operation => {
                if !object.contains_key("responses") {
                    self.without_responses.push(pointer.clone());
                }
                self.list(document, &pointer, "parameters", Kind::Parameter);
                if object.contains_key("requestBody") {
                    self.walk(document, &format!("{pointer}/requestBody"), Kind::Body);
                }
                for (status, _) in map("responses") {
                    self.walk(document, &at("responses", status), Kind::Response);
                }
                for (name, callback) in map("callbacks") {
                    for (expression, _) in callback.as_object().into_iter().flatten() {
                        let place = format!("{}/{}", at("callbacks", name), escape(expression));
                        self.walk(document, &place, Kind::PathItem);
                    }
                }
            }
            Kind::Parameter | Kind::Header | Kind::Media => {
                if object.contains_key("schema") {
                    self.schemas.push(format!("{pointer}/schema"));
                }
                self.content(document, &pointer, object);
                if kind == Kind::Media {
                    for (name, encoding) in map("encoding") {
                        for (header, _) in encoding
                            .get("headers")
                            .and_then(Value::as_object)
                            .into_iter()
                            .flatten()
                        {
                            let place =
                                format!("{}/headers/{}", at("encoding", name), escape(header));
                            self.walk(document, &place, Kind::Header);
                        }
                    }
                }
            }
            Kind::Body => self.content(document, &pointer, object),
            Kind::Response => {
                self.content(document, &pointer, object);
                for (name, _) in map("headers") {
                    self.walk(document, &at("headers", name), Kind::Header);
                }
            }
        }
    }

    fn content(&mut self, document: &Value, pointer: &str, object: &Map<String, Value>) {
        for (media, _) in object
            .get("content")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let place = format!("{pointer}/content/{}", escape(media));
            self.walk(document, &place, Kind::Media);
        }
    }

    fn list(&mut self, document: &Value, pointer: &str, key: &str, kind: Kind) {
        let count = document
            .pointer(&format!("{pointer}/{key}"))
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        for i in 0..count {
            self.walk(document, &format!("{pointer}/{key}/{i}"), kind);
        }
    }
}

/// Translates one schema in place; returns the pointers of the schemas inside it and of those
/// its references reach.
fn schema(
    node: &mut Value,
    pointer: &str,
    anchors: &HashMap<String, String>,
    translated: &mut Translated,
) -> Result<Vec<String>, Untranslatable> {
    let remap = &mut translated.remap;
    let Value::Object(object) = node else {
        return Ok(Vec::new());
    };
    let mut next = Vec::new();
    if let Some(dialect) = object.remove("$schema") {
        let uri = dialect.as_str().unwrap_or_default();
        if !known_dialect(uri) {
            return Err(Untranslatable {
                pointer: format!("{pointer}/$schema"),
                problem: format!(
                    "`$schema: {dialect}` is not read: confirmspec reads schemas as JSON Schema \
                     2020-12"
                ),
            });
        }
    }
    // References by anchor, dynamic ones read statically (their default target).
    if let Some(dynamic) = object.remove("$dynamicRef") {
        translated.narrowed.push(Narrowed {
            pointer: format!("{pointer}/$dynamicRef"),
            kind: NarrowedKind::DynamicReference,
        });
        if let Some(target) = dynamic.as_str().and_then(|r| anchor_target(r, anchors)) {
            object.insert("$ref".into(), Value::String(target));
        }
    }
    if let Some(Value::String(reference)) = object.get("$ref")
        && let Some(target) = anchor_target(reference, anchors)
    {
        object.insert("$ref".into(), Value::String(target));
    }
    if let Some(target) = object
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(local_pointer)
    {
        next.push(target);
        // 2020-12 applies a `$ref`'s siblings too; 3.0 ignores them: an `allOf` says both.
        let constrains = object
            .keys()
            .any(|k| k != "$ref" && !ANNOTATIONS.contains(&k.as_str()) && !k.starts_with("x-"));
        if constrains {
            let reference = object.remove("$ref").expect("present");
            let members = object
                .entry("allOf")
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(members) = members {
                remap.moved(format!("{pointer}/allOf/{}", members.len()), pointer);
                members.push(json!({ "$ref": reference }));
            }
        }
    }
    nullable_type(object);
    if let Some(value) = object.remove("const") {
        match object.get_mut("enum") {
            // Both: the value must be the constant and one of the list.
            Some(Value::Array(values)) => values.retain(|v| *v == value),
            _ => {
                object.insert("enum".into(), Value::Array(vec![value]));
            }
        }
    }
    exclusive_bounds(object);
    if !object.contains_key("example")
        && let Some(Value::Array(examples)) = object.get("examples")
        && let Some(first) = examples.first()
    {
        object.insert("example".into(), first.clone());
    }

    next.extend(subschemas(object, pointer));
    Ok(next)
}

/// The `#/pointer` reference for `#name`, when `name` is an anchor of the document.
fn anchor_target(reference: &str, anchors: &HashMap<String, String>) -> Option<String> {
    let name = reference.strip_prefix('#')?;
    if name.is_empty() || name.starts_with('/') {
        return None;
    }
    anchors
        .get(name)
        .map(|pointer| format!("#{}", fragment(pointer)))
}

/// `type: [X, "null"]` as 3.0 says it: `type: X, nullable: true`.
fn nullable_type(object: &mut Map<String, Value>) {
    let Some(Value::Array(types)) = object.get_mut("type") else {
        return;
    };
    let null = Value::String("null".into());
    if types.len() < 2 || !types.contains(&null) {
        if types.len() == 1 {
            let only = types[0].clone();
            object.insert("type".into(), only);
        }
        return;
    }
    types.retain(|t| *t != null);
    if types.len() == 1 {
        let only = types[0].clone();
        object.insert("type".into(), only);
    }
    object.insert("nullable".into(), Value::Bool(true));
    // 3.0's `nullable` lets null past an `enum` too; a 3.1 enum lists it.
    if let Some(Value::Array(values)) = object.get_mut("enum") {
        values.retain(|v| !v.is_null());
    }
}

/// 2020-12's numeric `exclusiveMinimum`/`exclusiveMaximum` as 3.0's bound and flag, keeping
/// whichever of a bound and an exclusive bound is tighter.
fn exclusive_bounds(object: &mut Map<String, Value>) {
    for (flag, bound, tighter) in [
        ("exclusiveMinimum", "minimum", std::cmp::Ordering::Greater),
        ("exclusiveMaximum", "maximum", std::cmp::Ordering::Less),
    ] {
        let Some(Value::Number(exclusive)) = object.get(flag).cloned() else {
            continue;
        };
        let exclusive_value = exclusive.as_f64().unwrap_or(0.0);
        let inclusive = object.get(bound).and_then(Value::as_f64);
        match inclusive.and_then(|b| b.partial_cmp(&exclusive_value)) {
            // The inclusive bound is tighter: the exclusive one adds nothing.
            Some(order) if order == tighter => {
                object.remove(flag);
            }
            _ => {
                object.insert(bound.into(), Value::Number(exclusive));
                object.insert(flag.into(), Value::Bool(true));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn translated(document: Value) -> (Value, Translated) {
        let mut document = document;
        let mut translated = Translated::default();
        translate(&mut document, &mut translated).unwrap();
        translated.remap.seal();
        (document, translated)
    }

    #[test]
    fn schemas_say_what_3_0_says_the_3_0_way() {
        let (document, translated) = translated(json!({
            "openapi": "3.1.0",
            "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}}}}},
            "components": {"schemas": {
                "A": {"type": "object", "properties": {
                    "name": {"type": ["string", "null"], "examples": ["x"]},
                    "kind": {"const": "a"},
                    "size": {"type": "integer", "exclusiveMinimum": 0, "minimum": -5},
                    "cap": {"type": "number", "exclusiveMaximum": 10, "maximum": 3},
                    "b": {"$ref": "#/components/schemas/B", "maxLength": 3},
                    "c": {"$ref": "#/components/schemas/B", "description": "only words"},
                    "any": {"type": ["string", "integer"]},
                }},
                "B": {"type": "string", "$schema": "https://json-schema.org/draft/2020-12/schema"},
            }},
        }));
        let a = &document["components"]["schemas"]["A"]["properties"];
        assert_eq!(
            a["name"],
            json!({"type": "string", "nullable": true, "examples": ["x"], "example": "x"})
        );
        assert_eq!(a["kind"], json!({"enum": ["a"]}));
        assert_eq!(
            a["size"],
            json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true})
        );
        assert_eq!(a["cap"], json!({"type": "number", "maximum": 3}));
        assert_eq!(
            a["b"],
            json!({"maxLength": 3, "allOf": [{"$ref": "#/components/schemas/B"}]})
        );
        assert_eq!(
            a["c"],
            json!({"$ref": "#/components/schemas/B", "description": "only words"})
        );
        assert_eq!(a["any"], json!({"type": ["string", "integer"]}));
        assert_eq!(
            document["components"]["schemas"]["B"],
            json!({"type": "string"})
        );
        assert_eq!(
            translated
                .remap
                .written("/components/schemas/A/properties/b/allOf/0"),
            "/components/schemas/A/properties/b"
        );
    }

    #[test]
    fn anchors_and_dynamic_references_become_pointers() {
        let (document, translated) = translated(json!({
            "openapi": "3.1.0",
            "components": {"schemas": {
                "Node": {"$dynamicAnchor": "node", "type": "object",
                         "properties": {"next": {"$dynamicRef": "#node"}, "tag": {"$ref": "#tag"},
                                        "lost": {"$dynamicRef": "#nowhere"}}},
                "Tag": {"$anchor": "tag", "type": "string"},
            }},
        }));
        let node = &document["components"]["schemas"]["Node"]["properties"];
        assert_eq!(node["next"], json!({"$ref": "#/components/schemas/Node"}));
        assert_eq!(node["tag"], json!({"$ref": "#/components/schemas/Tag"}));
        let mut narrowed: Vec<&str> = translated
            .narrowed
            .iter()
            .map(|n| n.pointer.as_str())
            .collect();
        narrowed.sort_unstable();
        assert_eq!(
            narrowed,
            [
                "/components/schemas/Node/properties/lost/$dynamicRef",
                "/components/schemas/Node/properties/next/$dynamicRef"
            ]
        );
    }

    #[test]
    fn an_unknown_dialect_is_refused_with_its_place() {
        let mut document = json!({"openapi": "3.1.0", "jsonSchemaDialect": "http://json-schema.org/draft-07/schema#"});
        let error = translate(&mut document, &mut Translated::default()).unwrap_err();
        assert_eq!(error.pointer, "/jsonSchemaDialect");
        let mut document = json!({"openapi": "3.1.0",
            "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
            "components": {"schemas": {"A": {"$schema": "http://json-schema.org/draft-04/schema#"}}}});
        let error = translate(&mut document, &mut Translated::default()).unwrap_err();
        assert_eq!(error.pointer, "/components/schemas/A/$schema");
    }
}
