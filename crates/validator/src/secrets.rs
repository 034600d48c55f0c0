//! How secrets are hidden: a message, a value, a named property, a URL's query masked. Where
//! they are is the spec's to say (`model::secrets`: what it marks, and where in a body).
//! For the checks, the reports, the redaction of recordings and the clients' self-check.

use serde_json::Value;

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
            let decoded = percent_encoding::percent_decode_str(name).decode_utf8_lossy();
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
