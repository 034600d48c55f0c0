//! Where a schema holds schemas: the JSON Schema 2020-12 keywords whose values are schemas
//! (OpenAPI 3.0's are among them). The translation of 3.1 schemas and the codegen recipe's
//! check of what 3.0 cannot say walk schemas by them.

use serde_json::{Map, Value};

use crate::convert::escape;

/// Keywords whose value is one schema.
const ONE_SCHEMA: [&str; 11] = [
    "items",
    "additionalProperties",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contains",
    "propertyNames",
    "not",
    "if",
    "then",
    "else",
    "contentSchema",
];

/// Keywords whose value maps names to schemas.
const NAMED_SCHEMAS: [&str; 4] = [
    "properties",
    "patternProperties",
    "dependentSchemas",
    "$defs",
];

/// Keywords whose value lists schemas.
const LISTED_SCHEMAS: [&str; 4] = ["allOf", "anyOf", "oneOf", "prefixItems"];

/// The pointers of the schemas directly inside the schema `object` at `pointer`.
pub(crate) fn subschemas(object: &Map<String, Value>, pointer: &str) -> Vec<String> {
    let mut inside = Vec::new();
    for key in ONE_SCHEMA {
        if object.contains_key(key) {
            inside.push(format!("{pointer}/{key}"));
        }
    }
    for key in NAMED_SCHEMAS {
        for name in object
            .get(key)
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(k, _)| k)
        {
            inside.push(format!("{pointer}/{key}/{}", escape(name)));
        }
    }
    for key in LISTED_SCHEMAS {
        let count = object
            .get(key)
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        inside.extend((0..count).map(|i| format!("{pointer}/{key}/{i}")));
    }
    inside
}
