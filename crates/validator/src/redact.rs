//! Secrets kept out of reports and recordings: credentials in headers, cookies and the query, `format: password` values in bodies, masked in messages and redacted in exchanges.

use serde_json::Value;

use crate::decode::form::{self, FormKind};
use crate::decode::media::{essence, header, pick};
use crate::exchange::Exchange;
use crate::openapi::model::Media;
use crate::openapi::resolve;
use crate::validate::Inner;
use crate::validate::check::target::Target;
use crate::validate::params;
use crate::validate::router::Found;

/// Replaces every appearance of a secret, quoted as JSON or in backticks, by `***`.
pub(crate) fn mask(message: &str, secrets: &[impl AsRef<str>]) -> String {
    let mut out = message.to_owned();
    for secret in secrets {
        let secret = secret.as_ref();
        let quoted = serde_json::to_string(secret).unwrap_or_default();
        out = out
            .replace(&quoted, "\"***\"")
            .replace(&format!("`{secret}`"), "`***`");
        if secret.len() >= 6 {
            out = out.replace(secret, "***");
        }
    }
    out
}

/// `exchange` with its secrets replaced (see `Validator::redacted`).
pub(crate) fn redacted(inner: &Inner, exchange: &Exchange) -> Exchange {
    let mut out = exchange.clone();
    out.request.url = masked_url(&inner.secret_query, &exchange.request.url);
    for (name, value) in &mut out.request.headers {
        if inner
            .secret_headers
            .iter()
            .any(|secret| secret.eq_ignore_ascii_case(name))
        {
            // An `Authorization` value keeps its scheme (`Bearer ***`), so that a recording
            // still shows, and validates with, the kind of credential that was sent.
            *value = match value.split_once(' ') {
                Some((scheme, _)) if name.eq_ignore_ascii_case("authorization") => {
                    format!("{scheme} ***")
                }
                _ => "***".into(),
            };
        }
    }
    if let Some(response) = &mut out.response {
        for (name, value) in &mut response.headers {
            if name.eq_ignore_ascii_case("set-cookie") {
                *value = "***".into();
            }
        }
    }
    let operation = match Target::parse(&exchange.request.url) {
        Ok(target) => match inner
            .operations
            .find(&exchange.request.method, target.path, None)
        {
            Found::Operation(operation, _) => Some(operation),
            _ => None,
        },
        Err(_) => None,
    };
    let Some(operation) = operation else {
        // No schema says where this exchange's secrets are: every field named like a secret
        // of some spec is masked.
        let request_type = header(&out.request.headers, "content-type").map(str::to_owned);
        let response_type = out
            .response
            .as_ref()
            .and_then(|r| header(&r.headers, "content-type"))
            .map(str::to_owned);
        let bodies = [
            (out.request.body.as_mut(), request_type),
            (
                out.response.as_mut().and_then(|r| r.body.as_mut()),
                response_type,
            ),
        ];
        for (body, content_type) in bodies {
            let Some(body) = body else {
                continue;
            };
            let content_type = content_type.unwrap_or_default();
            if let Some(kind) = FormKind::of(essence(&content_type)) {
                let secret = |name: &str| inner.secret_fields.iter().any(|n| n == name);
                if let Some(masked) = form::redacted(kind, &content_type, body, &secret) {
                    *body = masked;
                }
                continue;
            }
            if let Ok(mut value) = serde_json::from_slice::<Value>(body)
                && mask_named(&mut value, &inner.secret_fields)
                && let Ok(text) = serde_json::to_vec(&value)
            {
                *body = text;
            }
        }
        return out;
    };
    let document = &inner.specs[operation.spec].document;
    let request = &mut out.request;
    if let (Some(body), Some(declared)) = (&mut request.body, &operation.body) {
        redact_body(
            document,
            &declared.media,
            &request.headers,
            body,
            &inner.secret_fields,
        );
    }
    if let Some(response) = &mut out.response
        && let Some(declared) = operation.response_for(response.status)
        && let Some(body) = &mut response.body
    {
        redact_body(
            document,
            &declared.media,
            &response.headers,
            body,
            &inner.secret_fields,
        );
    }
    out
}

/// The value of a secret in a redacted body: the same JSON type, so that it still reads.
pub(crate) fn masked(value: &Value) -> Value {
    match value {
        Value::Number(_) => Value::from(0),
        _ => Value::from("***"),
    }
}

/// Masks the values of every property named in `names`, at any depth; whether any was.
pub(crate) fn mask_named(value: &mut Value, names: &[String]) -> bool {
    let mut any = false;
    match value {
        Value::Object(map) => {
            for (key, field) in map.iter_mut() {
                if names.iter().any(|n| n == key) && !field.is_object() && !field.is_array() {
                    *field = masked(field);
                    any = true;
                } else {
                    any |= mask_named(field, names);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                any |= mask_named(item, names);
            }
        }
        _ => {}
    }
    any
}

/// Collects the names of the properties a spec marks `format: password`, wherever its
/// schemas are (`$ref`s resolved one step).
pub(crate) fn password_properties(
    document: &Value,
    node: &Value,
    depth: usize,
    names: &mut Vec<String>,
) {
    if depth > crate::openapi::convert::MAX_DEPTH {
        return;
    }
    match node {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get("properties") {
                for (name, schema) in properties {
                    if resolve(document, schema).get("format") == Some(&Value::from("password")) {
                        names.push(name.clone());
                    }
                }
            }
            for child in map.values() {
                password_properties(document, child, depth + 1, names);
            }
        }
        Value::Array(items) => {
            for item in items {
                password_properties(document, item, depth + 1, names);
            }
        }
        _ => {}
    }
}

/// Replaces the values of a JSON body that its schema marks `format: password`.
pub(crate) fn redact_body(
    document: &Value,
    media: &[Media],
    headers: &[(String, String)],
    body: &mut Vec<u8>,
    secret_names: &[String],
) {
    let content_type = header(headers, "content-type").unwrap_or("application/json");
    let essence = essence(content_type);
    if let Some(kind) = FormKind::of(essence) {
        let secret = |name: &str| secret_names.iter().any(|n| n == name);
        if let Some(masked) = form::redacted(kind, content_type, body, &secret) {
            *body = masked;
        }
        return;
    }
    // A body in which no secret property's name (of any spec) stands as written has nothing
    // to redact, and is not parsed. (A key can be spelt with escapes, `"co\u0064e"`: a body
    // with a backslash is always parsed.)
    let named = |name: &String| memchr::memmem::find(body, format!("\"{name}\"").as_bytes());
    if memchr::memchr(b'\\', body).is_none() && !secret_names.iter().any(|n| named(n).is_some()) {
        return;
    }
    let Some(schema) = pick(media, essence)
        .and_then(|m| m.schema.as_deref())
        .and_then(|pointer| document.pointer(pointer))
    else {
        return;
    };
    let Ok(mut value) = serde_json::from_slice::<Value>(body) else {
        return;
    };
    let mut places = Vec::new();
    collect_secrets(document, schema, &value, String::new(), 0, &mut places);
    if places.is_empty() {
        return;
    }
    for (place, _) in places {
        if let Some(slot) = value.pointer_mut(&place) {
            *slot = masked(slot);
        }
    }
    if let Ok(text) = serde_json::to_vec(&value) {
        *body = text;
    }
}

/// A URL with the values of the named query parameters shown as `***`.
pub(crate) fn masked_url(secret_query: &[String], url: &str) -> String {
    let Some((head, query)) = url.split_once('?') else {
        return url.to_owned();
    };
    if secret_query.is_empty() {
        return url.to_owned();
    }
    let (query, fragment) = query
        .split_once('#')
        .map_or((query, None), |(q, f)| (q, Some(f)));
    let parts: Vec<String> = query
        .split('&')
        .map(|pair| {
            let name = pair.split('=').next().unwrap_or("");
            let decoded = params::percent_decoded(name);
            if secret_query.iter().any(|s| *s == decoded) {
                format!("{name}=***")
            } else {
                pair.to_owned()
            }
        })
        .collect();
    let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
    format!("{head}?{}{fragment}", parts.join("&"))
}

/// The places (JSON pointers) and values of `instance` that stand where `schema` says
/// `format: password`.
pub(crate) fn collect_secrets(
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
    if schema.get("format").and_then(Value::as_str) == Some("password") {
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
                let child_place = format!("{place}/{}", crate::openapi::convert::escape(name));
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
