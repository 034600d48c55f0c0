//! Secret marks: what a spec says must never be shown. A value is a secret where its schema
//! says `format: password` (OpenAPI's mark); this is the one place that says so, and every
//! reader (parameters, bodies, the reports, the redaction of recordings, the clients'
//! `Secret` type) asks here.

use std::collections::HashSet;

use serde_json::Value;

use crate::Spec;
use crate::convert::{self, resolve};

/// The `format` that marks a value as a secret (OpenAPI's `password`): the one answer to "is
/// this a secret?". Parameters, bodies, reports, redaction, the self-check and the clients'
/// `Secret` type all ask [`marks_secret`] (or name this format, for the generator).
pub const SECRET_FORMAT: &str = "password";

/// Whether `schema` (resolved already) marks its value a secret.
pub fn marks_secret(schema: &Value) -> bool {
    schema.get("format").and_then(Value::as_str) == Some(SECRET_FORMAT)
}

impl Spec {
    /// The names of the properties the spec marks secret, wherever its schemas are (`$ref`s
    /// resolved one step), sorted and each once: what a recording redacts by name.
    pub fn secret_properties(&self) -> Vec<String> {
        let mut names = Vec::new();
        secret_properties(&self.document, &self.document, 0, &mut names);
        names.sort();
        names.dedup();
        names
    }

    /// Whether the spec marks any value secret.
    pub fn marks_secrets(&self) -> bool {
        reaches_secret(&self.document, &self.document)
    }

    /// The places (JSON pointers) and values of `instance` that stand where the schema at
    /// `pointer` marks a secret (through `allOf`/`anyOf`/`oneOf`, properties, additional
    /// properties and items); none when there is no schema there.
    pub fn secrets_in(&self, pointer: &str, instance: &Value) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(schema) = self.document.pointer(pointer) {
            collect_secrets(&self.document, schema, instance, String::new(), 0, &mut out);
        }
        out
    }

    /// Whether a value of the schema at `pointer` can hold a secret anywhere (through the
    /// schemas it references); `true` when there is no schema there (nothing is ruled out).
    pub fn schema_reaches_secret(&self, pointer: &str) -> bool {
        self.document
            .pointer(pointer)
            .is_none_or(|node| reaches_secret(&self.document, node))
    }
}

fn secret_properties(document: &Value, node: &Value, depth: usize, names: &mut Vec<String>) {
    if depth > convert::MAX_DEPTH {
        return;
    }
    match node {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get("properties") {
                for (name, schema) in properties {
                    if marks_secret(resolve(document, schema)) {
                        names.push(name.clone());
                    }
                }
            }
            for child in map.values() {
                secret_properties(document, child, depth + 1, names);
            }
        }
        Value::Array(items) => {
            for item in items {
                secret_properties(document, item, depth + 1, names);
            }
        }
        _ => {}
    }
}

/// The places (JSON pointers) and values of `instance` that stand where `schema` says
/// a secret.
fn collect_secrets(
    document: &Value,
    schema: &Value,
    instance: &Value,
    place: String,
    depth: usize,
    out: &mut Vec<(String, String)>,
) {
    if depth > 64 {
        return;
    }
    let schema = resolve(document, schema);
    if marks_secret(schema) {
        let text = match instance {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        out.push((place, text));
        return;
    }
    for keyword in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(members)) = schema.get(keyword) {
            for member in members {
                collect_secrets(document, member, instance, place.clone(), depth + 1, out);
            }
        }
    }
    match instance {
        Value::Object(object) => {
            for (name, child) in object {
                let child_place = format!("{place}/{}", convert::escape(name));
                if let Some(property) = schema.get("properties").and_then(|p| p.get(name)) {
                    collect_secrets(document, property, child, child_place, depth + 1, out);
                } else if let Some(extra @ Value::Object(_)) = schema.get("additionalProperties") {
                    collect_secrets(document, extra, child, child_place, depth + 1, out);
                }
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    collect_secrets(
                        document,
                        item_schema,
                        item,
                        format!("{place}/{i}"),
                        depth + 1,
                        out,
                    );
                }
            }
        }
        _ => {}
    }
}

/// Whether `node`, or any schema it references, marks a value secret.
fn reaches_secret(document: &Value, node: &Value) -> bool {
    let mut seen = HashSet::new();
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match node {
            Value::Object(object) => {
                if marks_secret(node) {
                    return true;
                }
                if let Some(target) = object
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(convert::local_pointer)
                    && seen.insert(target.clone())
                    && let Some(next) = document.pointer(&target)
                {
                    stack.push(next);
                }
                stack.extend(object.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::Spec;

    #[test]
    fn a_spec_says_where_its_secrets_are() {
        let text = r##"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
            "components": {"schemas": {
                "Pay": {"type": "object", "properties": {
                    "code": {"$ref": "#/components/schemas/Code"},
                    "amount": {"type": "integer"}}},
                "Code": {"type": "string", "format": "password"},
                "Order": {"type": "object", "properties": {"pay": {"$ref": "#/components/schemas/Pay"}}},
                "Plain": {"type": "object", "properties": {"note": {"type": "string"}}}}}}"##;
        let spec = Spec::from_text("t", Path::new("t.json"), text).unwrap();
        assert_eq!(spec.secret_properties(), ["code"]);
        assert!(spec.marks_secrets());
        assert!(spec.schema_reaches_secret("/components/schemas/Order"));
        assert!(!spec.schema_reaches_secret("/components/schemas/Plain"));
        // Where there is no schema, nothing is ruled out.
        assert!(spec.schema_reaches_secret("/components/schemas/Missing"));
        let order = serde_json::json!({"pay": {"code": "005646", "amount": 1}});
        assert_eq!(
            spec.secrets_in("/components/schemas/Order", &order),
            [("/pay/code".to_owned(), "005646".to_owned())]
        );
        assert!(
            spec.secrets_in("/components/schemas/Missing", &order)
                .is_empty()
        );
        let plain = text.replace(r#", "format": "password""#, "");
        let spec = Spec::from_text("t", Path::new("t.json"), &plain).unwrap();
        assert!(spec.secret_properties().is_empty());
        assert!(!spec.marks_secrets());
    }
}
