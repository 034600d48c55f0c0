//! The pieces of a 2.0 document that convert on their own: servers, security schemes, the
//! schemas 2.0 writes as a parameter's or header's own keywords, and 2.0's words inside
//! schemas.

use serde_json::{Map, Value, json};

/// The keywords of a 2.0 parameter, header or items object that are a schema's.
const SCHEMA_KEYWORDS: [&str; 17] = [
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
    "x-nullable",
];

/// `servers` from `host`, `basePath` and `schemes`.
pub(super) fn servers(root: &Map<String, Value>) -> Value {
    let base = root.get("basePath").and_then(Value::as_str).unwrap_or("");
    let Some(host) = root.get("host").and_then(Value::as_str) else {
        return if base.is_empty() {
            json!([])
        } else {
            json!([{ "url": base }])
        };
    };
    let schemes: Vec<&str> = root
        .get("schemes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let schemes = if schemes.is_empty() {
        vec!["https"]
    } else {
        schemes
    };
    Value::Array(
        schemes
            .into_iter()
            .map(|scheme| json!({ "url": format!("{scheme}://{host}{base}") }))
            .collect(),
    )
}

/// The schema said by a 2.0 parameter's, header's or items object's own keywords.
pub(super) fn simple_schema(object: &Value) -> Value {
    let Value::Object(object) = object else {
        return json!({});
    };
    let mut schema = Map::new();
    for key in SCHEMA_KEYWORDS {
        if let Some(value) = object.get(key) {
            let value = match (key, value) {
                ("items", items @ Value::Object(_)) => simple_schema(items),
                _ => value.clone(),
            };
            schema.insert(key.into(), value);
        }
    }
    Value::Object(schema)
}

/// 2.0's words inside schemas, everywhere in the converted document: references to the
/// moved sections, `type: file`, `x-nullable`, a discriminator given by its property's name.
pub(super) fn schema_words(node: &mut Value) {
    match node {
        Value::Object(object) => {
            if let Some(Value::String(reference)) = object.get_mut("$ref") {
                for (old, new) in [
                    ("#/definitions/", "#/components/schemas/"),
                    ("#/parameters/", "#/components/parameters/"),
                    ("#/responses/", "#/components/responses/"),
                ] {
                    if let Some(rest) = reference.strip_prefix(old) {
                        *reference = format!("{new}{rest}");
                    }
                }
            }
            if object.get("type").and_then(Value::as_str) == Some("file") {
                object.insert("type".into(), json!("string"));
                object.insert("format".into(), json!("binary"));
            }
            if let Some(nullable) = object.remove("x-nullable") {
                object.insert("nullable".into(), nullable);
            }
            if let Some(Value::String(property)) = object.get("discriminator") {
                let property = property.clone();
                object.insert("discriminator".into(), json!({ "propertyName": property }));
            }
            for child in object.values_mut() {
                schema_words(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(schema_words),
        _ => {}
    }
}

/// A 2.0 security definition as a 3.0 security scheme.
pub(super) fn security_scheme(scheme: &Value) -> Value {
    let text = |key: &str| scheme.get(key).and_then(Value::as_str).unwrap_or_default();
    let mut out = match text("type") {
        "basic" => json!({"type": "http", "scheme": "basic"}),
        "apiKey" => json!({"type": "apiKey", "name": text("name"), "in": text("in")}),
        "oauth2" => {
            let flow = match text("flow") {
                "accessCode" => "authorizationCode",
                "application" => "clientCredentials",
                other => other,
            };
            let mut details = json!({"scopes": scheme.get("scopes").cloned().unwrap_or(json!({}))});
            for key in ["authorizationUrl", "tokenUrl"] {
                if let Some(url) = scheme.get(key) {
                    details[key] = url.clone();
                }
            }
            json!({"type": "oauth2", "flows": {flow: details}})
        }
        _ => scheme.clone(),
    };
    if let Some(description) = scheme.get("description") {
        out["description"] = description.clone();
    }
    out
}
