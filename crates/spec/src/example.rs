//! A value made from a schema, for a body the spec gives no example of (the mock's answers,
//! `confirmspec generate`'s requests and responses): the schema's own `example` or `default`
//! where it has one, else the smallest value its type and bounds allow (every property, one
//! item per array unless `minItems` asks more, the first branch of a `oneOf`/`anyOf`). Its
//! users check what it makes before they serve it.

use serde_json::{Map, Value, json};

use super::resolve;
use crate::Spec;
use crate::model::{Media, Param};

impl Spec {
    /// The example of a documented body ([`media_example`]): its `example`, the first of its
    /// `examples`, else a value of its schema; `None` with neither.
    pub fn example_of(&self, media: &Media) -> Option<Value> {
        let node = self.document.pointer(&media.pointer)?;
        media_example(&self.document, node)
    }

    /// A value of the schema at `pointer` ([`instance`]); `null` where there is none.
    pub fn instance_at(&self, pointer: Option<&str>) -> Value {
        let schema = pointer.and_then(|p| self.document.pointer(p));
        instance(&self.document, schema.unwrap_or(&Value::Null))
    }

    /// A parameter's value as text: its example, else a value of its schema (an array's
    /// items joined by commas), else `example`.
    pub fn parameter_example(&self, param: &Param) -> String {
        let node = self
            .document
            .pointer(&param.pointer)
            .unwrap_or(&Value::Null);
        let value = match (node.get("example"), node.get("schema")) {
            (Some(example), _) => example.clone(),
            (None, Some(schema)) => instance(&self.document, schema),
            (None, None) => Value::String("example".into()),
        };
        let text = |value: &Value| match value {
            Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        match &value {
            Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(","),
            other => text(other),
        }
    }
}

/// How deep nested objects are filled with their optional properties; below it, only the
/// required ones (a recursive schema ends).
const FULL_DEPTH: usize = 6;
/// Past this depth, nothing more nests.
const MAX_DEPTH: usize = 24;

/// The example of a Media Type Object (in `document`): its `example`, the first of its
/// `examples` with a `value`, else a value of its schema ([`instance`]); `None` with neither
/// an example nor a schema.
pub fn media_example(document: &Value, media: &Value) -> Option<Value> {
    if let Some(value) = media.get("example") {
        return Some(value.clone());
    }
    let documented = media
        .get("examples")
        .and_then(Value::as_object)
        .and_then(|examples| {
            examples
                .values()
                .find_map(|e| resolve(document, e).get("value").cloned())
        });
    documented.or_else(|| media.get("schema").map(|schema| instance(document, schema)))
}

/// A value of `schema` (in `document`).
pub fn instance(document: &Value, schema: &Value) -> Value {
    value(document, schema, 0)
}

fn value(document: &Value, schema: &Value, depth: usize) -> Value {
    let schema = resolve(document, schema);
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    for key in ["example", "default"] {
        if let Some(v) = schema.get(key) {
            return v.clone();
        }
    }
    if let Some(Value::Array(values)) = schema.get("enum")
        && let Some(first) = values.first()
    {
        return first.clone();
    }
    if let Some(Value::Array(members)) = schema.get("allOf") {
        let mut merged = Map::new();
        for member in members {
            if let Value::Object(part) = value(document, member, depth) {
                merged.extend(part);
            }
        }
        if let Value::Object(own) = object(document, schema, depth) {
            merged.extend(own);
        }
        return Value::Object(merged);
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(branches)) = schema.get(key)
            && let Some(first) = branches.first()
        {
            return value(document, first, depth);
        }
    }
    let number = |key: &str| schema.get(key).and_then(Value::as_f64);
    match schema.get("type").and_then(Value::as_str) {
        Some("string") => Value::String(string(schema)),
        Some("integer") => {
            let exclusive = schema.get("exclusiveMinimum").and_then(Value::as_bool) == Some(true);
            let n = match (number("minimum"), number("maximum")) {
                (Some(min), _) => min.ceil() as i64 + i64::from(exclusive),
                (None, Some(max)) if max < 0.0 => max.floor() as i64,
                _ => 0,
            };
            json!(n)
        }
        Some("number") => json!(
            number("minimum")
                .or(number("maximum").filter(|m| *m < 0.0))
                .unwrap_or(0.0)
        ),
        Some("boolean") => json!(true),
        Some("array") => {
            let count = schema.get("minItems").and_then(Value::as_u64).unwrap_or(1);
            let count = count.min(
                schema
                    .get("maxItems")
                    .and_then(Value::as_u64)
                    .unwrap_or(count),
            );
            let items = schema.get("items").cloned().unwrap_or(json!({}));
            Value::Array(
                (0..count)
                    .map(|_| value(document, &items, depth + 1))
                    .collect(),
            )
        }
        _ => object(document, schema, depth),
    }
}

fn object(document: &Value, schema: &Value, depth: usize) -> Value {
    let required: Vec<&str> = match schema.get("required") {
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let mut out = Map::new();
    if let Some(Value::Object(properties)) = schema.get("properties") {
        for (name, property) in properties {
            if depth < FULL_DEPTH || required.contains(&name.as_str()) {
                out.insert(name.clone(), value(document, property, depth + 1));
            }
        }
    }
    Value::Object(out)
}

fn string(schema: &Value) -> String {
    let text = match schema.get("format").and_then(Value::as_str) {
        Some("date-time") => "2026-01-01T00:00:00Z",
        Some("date") => "2026-01-01",
        Some("uuid") => "00000000-0000-4000-8000-000000000000",
        Some("email") => "user@example.com",
        Some("uri") | Some("url") => "https://example.com/",
        Some("ipv4") => "192.0.2.1",
        _ => "string",
    };
    let min = schema.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
    let max = schema
        .get("maxLength")
        .and_then(Value::as_u64)
        .map(|m| m as usize);
    let mut text: String = match max {
        Some(max) => text.chars().take(max).collect(),
        None => text.to_owned(),
    };
    while text.chars().count() < min {
        text.push('x');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::instance;
    use serde_json::json;

    #[test]
    fn a_value_keeps_to_its_schema() {
        let document = json!({"components": {"schemas": {"Code": {
        "type": "object", "required": ["code"],
        "properties": {
            "code": {"type": "string", "minLength": 8, "maxLength": 10},
            "left": {"type": "integer", "minimum": 1},
            "state": {"type": "string", "enum": ["a", "b"]},
            "tags": {"type": "array", "minItems": 2, "items": {"type": "boolean"}},
        }}}}});
        let schema = json!({"$ref": "#/components/schemas/Code"});
        assert_eq!(
            instance(&document, &schema),
            json!({"code": "stringxx", "left": 1, "state": "a", "tags": [true, true]})
        );
    }
}
