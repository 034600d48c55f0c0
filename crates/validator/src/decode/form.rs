//! Form bodies: `application/x-www-form-urlencoded` and `multipart/form-data` read into the
//! JSON value their schema describes, so that the schema checks them as it checks JSON.
//!
//! A field's text is typed by its property's schema: `integer`, `number` and `boolean`
//! fields are read as such when they parse (otherwise they stay text, and the schema says
//! what is wrong), repeated fields and `a[]` make arrays, `a[b][c]` nests objects (the
//! `deepObject` style Stripe and Rails use), `a[0]` indexes an array, and a property whose
//! encoding says `explode: false` is split at commas. A multipart part is found by the `name`
//! of its `Content-Disposition`; a JSON part (by its `Content-Type`, or an object or array
//! property) is parsed; a file part (a `filename`, or a media type that is not text) is taken
//! as binary and never read as text: its value is a placeholder naming its size.

use serde_json::{Map, Value};

use super::multipart::{MultipartError, Part, boundary, media_allows, parts};
use confirmspec_spec::model::Encoding;
use confirmspec_spec::resolve;

/// The form media types this module reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FormKind {
    /// `application/x-www-form-urlencoded`.
    UrlEncoded,
    /// `multipart/form-data`.
    Multipart,
}

impl FormKind {
    /// The form kind of a media type's essence, if it is one.
    pub(crate) fn of(essence: &str) -> Option<FormKind> {
        if essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
            Some(FormKind::UrlEncoded)
        } else if essence.eq_ignore_ascii_case("multipart/form-data") {
            Some(FormKind::Multipart)
        } else {
            None
        }
    }
}

/// A field's media type that the part's `Content-Type` broke: (property, sent, documented).
pub(crate) type PartTypeMismatch = (String, String, String);

/// What a form body decodes to: the value, and the parts whose media type the encoding does
/// not allow.
pub(crate) struct Decoded {
    pub value: Value,
    pub mismatches: Vec<PartTypeMismatch>,
}

/// Reads a form body as the value its schema (`schema`, a node of `document`) describes;
/// `encoding` is its media type's. Errors say what is malformed.
pub(crate) fn decode(
    kind: FormKind,
    content_type: &str,
    body: &[u8],
    schema: Option<&Value>,
    encoding: &[Encoding],
    document: &Value,
) -> Result<Decoded, MultipartError> {
    let encoding_of = |name: &str| encoding.iter().find(|e| e.name == name);
    let mut fields: Vec<(String, Field)> = Vec::new();
    let mut mismatches = Vec::new();
    match kind {
        FormKind::UrlEncoded => {
            for (name, value) in url::form_urlencoded::parse(body) {
                fields.push((name.into_owned(), Field::Text(value.into_owned())));
            }
        }
        FormKind::Multipart => {
            let boundary = boundary(content_type).ok_or(MultipartError::NoBoundary)?;
            for part in parts(body, boundary.as_bytes())? {
                let declared = encoding_of(&part.name).and_then(|e| e.content_type.as_deref());
                if let (Some(declared), Some(sent)) = (declared, &part.content_type)
                    && !media_allows(declared, sent)
                {
                    mismatches.push((part.name.clone(), sent.clone(), declared.to_owned()));
                }
                fields.push((part.name.clone(), field_of(&part)));
            }
        }
    }
    let mut value = Value::Object(Map::new());
    for (name, field) in fields {
        let exploded = encoding_of(&name).and_then(|e| e.explode) != Some(false);
        let segments = segments(&name);
        let leaf = match field {
            Field::Text(text) if !exploded => Value::Array(
                text.split(',')
                    .map(|t| Value::String(t.to_owned()))
                    .collect(),
            ),
            Field::Text(text) => Value::String(text),
            Field::Json(value) => value,
        };
        insert(&mut value, &segments, leaf);
    }
    let value = match schema {
        Some(schema) => typed(value, schema, document, 0),
        None => value,
    };
    Ok(Decoded { value, mismatches })
}

/// A field as read: text to be typed by the schema, or a value already (a JSON part, a file).
enum Field {
    Text(String),
    Json(Value),
}

/// A form body with the value of every field whose name (its last `[...]` segment, for a
/// nested one) `secret` says is a secret replaced by `***`; `None` when it has none, or
/// cannot be read. The rest of the body is kept as it was.
pub(crate) fn redacted(
    kind: FormKind,
    content_type: &str,
    body: &[u8],
    secret: &dyn Fn(&str) -> bool,
) -> Option<Vec<u8>> {
    let is_secret = |name: &str| {
        segments(name)
            .iter()
            .rev()
            .find(|s| !s.is_empty() && s.parse::<usize>().is_err())
            .is_some_and(|s| secret(s))
    };
    match kind {
        FormKind::UrlEncoded => {
            let pairs: Vec<(String, String)> = url::form_urlencoded::parse(body)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            if !pairs.iter().any(|(name, _)| is_secret(name)) {
                return None;
            }
            let mut out = url::form_urlencoded::Serializer::new(String::new());
            for (name, value) in &pairs {
                let value = if is_secret(name) { "***" } else { value };
                out.append_pair(name, value);
            }
            Some(out.finish().into_bytes())
        }
        FormKind::Multipart => {
            let boundary = boundary(content_type)?;
            let parts = parts(body, boundary.as_bytes()).ok()?;
            let secrets: Vec<(usize, usize)> = parts
                .iter()
                .filter(|part| is_secret(&part.name))
                .map(|part| {
                    let start = part.body.as_ptr() as usize - body.as_ptr() as usize;
                    (start, start + part.body.len())
                })
                .collect();
            if secrets.is_empty() {
                return None;
            }
            let mut out = Vec::with_capacity(body.len());
            let mut at = 0;
            for (start, end) in secrets {
                out.extend_from_slice(&body[at..start]);
                out.extend_from_slice(b"***");
                at = end;
            }
            out.extend_from_slice(&body[at..]);
            Some(out)
        }
    }
}

/// A part's value as read: JSON when it is sent as JSON, text when it is text, else binary
/// (never read as text).
fn field_of(part: &Part<'_>) -> Field {
    let essence = part
        .content_type
        .as_deref()
        .map(|t| crate::decode::media::essence(t).to_ascii_lowercase());
    let json = essence
        .as_deref()
        .is_some_and(crate::decode::media::is_json);
    let text = essence.as_deref().is_none_or(|e| e.starts_with("text/"));
    if json && let Ok(value) = serde_json::from_slice(part.body) {
        return Field::Json(value);
    }
    match std::str::from_utf8(part.body) {
        Ok(body) if text && !part.file => Field::Text(body.to_owned()),
        _ => Field::Json(Value::String(format!(
            "(binary, {} bytes)",
            part.body.len()
        ))),
    }
}

/// `a[b][0][]` -> `a`, `b`, `0`, `` (the empty segment appends).
fn segments(name: &str) -> Vec<String> {
    let Some(open) = name.find('[').filter(|&i| i > 0 && name.ends_with(']')) else {
        return vec![name.to_owned()];
    };
    let mut out = vec![name[..open].to_owned()];
    for piece in name[open + 1..name.len() - 1].split("][") {
        out.push(piece.to_owned());
    }
    out
}

/// Puts a field's value at its place; a name given twice makes an array of its values.
fn insert(target: &mut Value, segments: &[String], leaf: Value) {
    let Some((first, rest)) = segments.split_first() else {
        return;
    };
    if first.is_empty() {
        if !target.is_array() {
            *target = Value::Array(Vec::new());
        }
        let Value::Array(items) = target else {
            unreachable!()
        };
        if rest.is_empty() {
            items.push(leaf);
        } else {
            let mut child = Value::Object(Map::new());
            insert(&mut child, rest, leaf);
            items.push(child);
        }
        return;
    }
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    let Value::Object(object) = target else {
        unreachable!()
    };
    if rest.is_empty() {
        match object.remove(first) {
            None => {
                object.insert(first.clone(), leaf);
            }
            Some(Value::Array(mut items)) if !leaf.is_array() => {
                items.push(leaf);
                object.insert(first.clone(), Value::Array(items));
            }
            Some(previous) => {
                object.insert(first.clone(), Value::Array(vec![previous, leaf]));
            }
        }
        return;
    }
    let child = object
        .entry(first.clone())
        .or_insert_with(|| Value::Object(Map::new()));
    insert(child, rest, leaf);
}

/// The schema's types, through `$ref`, `allOf`/`anyOf`/`oneOf` members and type lists.
fn types(schema: &Value, document: &Value, depth: usize) -> Vec<String> {
    let schema = resolve(document, schema);
    let mut out: Vec<String> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    };
    if out.is_empty() && depth < 8 {
        for key in ["allOf", "anyOf", "oneOf"] {
            for member in schema
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                out.extend(types(member, document, depth + 1));
            }
        }
    }
    out
}

/// The schema of property `name` (or of `items` when `name` is `None`), looked for in the
/// schema and its `allOf`/`anyOf`/`oneOf` members.
fn child<'d>(
    schema: &'d Value,
    name: Option<&str>,
    document: &'d Value,
    depth: usize,
) -> Option<&'d Value> {
    let schema = resolve(document, schema);
    let own = match name {
        Some(name) => schema
            .get("properties")
            .and_then(|p| p.get(name))
            .or_else(|| schema.get("additionalProperties").filter(|a| a.is_object())),
        None => schema.get("items"),
    };
    if own.is_some() || depth >= 8 {
        return own;
    }
    ["allOf", "anyOf", "oneOf"].iter().find_map(|key| {
        schema
            .get(*key)?
            .as_array()?
            .iter()
            .find_map(|member| child(member, name, document, depth + 1))
    })
}

/// A decoded value given the types its schema says.
fn typed(value: Value, schema: &Value, document: &Value, depth: usize) -> Value {
    if depth > 32 {
        return value;
    }
    let kinds = types(schema, document, 0);
    let wants = |t: &str| kinds.iter().any(|k| k == t);
    match value {
        Value::Object(object) if wants("array") && !wants("object") => {
            // `a[0]=x&a[1]=y`: an array by index.
            let mut indexed: Vec<(usize, Value)> = Vec::new();
            for (key, item) in object {
                match key.parse::<usize>() {
                    Ok(i) => indexed.push((i, item)),
                    Err(_) => return Value::String(format!("{key}=...")),
                }
            }
            indexed.sort_by_key(|(i, _)| *i);
            let items = child(schema, None, document, 0);
            Value::Array(
                indexed
                    .into_iter()
                    .map(|(_, v)| match items {
                        Some(items) => typed(v, items, document, depth + 1),
                        None => v,
                    })
                    .collect(),
            )
        }
        Value::Object(object) => Value::Object(
            object
                .into_iter()
                .map(|(key, item)| {
                    let item = match child(schema, Some(&key), document, 0) {
                        Some(property) => typed(item, property, document, depth + 1),
                        None => item,
                    };
                    (key, item)
                })
                .collect(),
        ),
        Value::Array(items) if wants("array") || kinds.is_empty() => {
            let item_schema = child(schema, None, document, 0);
            Value::Array(
                items
                    .into_iter()
                    .map(|v| match item_schema {
                        Some(s) => typed(v, s, document, depth + 1),
                        None => v,
                    })
                    .collect(),
            )
        }
        Value::String(text) if wants("array") => {
            let item = match child(schema, None, document, 0) {
                Some(items) => typed(Value::String(text), items, document, depth + 1),
                None => Value::String(text),
            };
            Value::Array(vec![item])
        }
        Value::String(text) => scalar(text, &kinds),
        other => other,
    }
}

/// A field's text as the first of the schema's types it reads as, or as text.
fn scalar(text: String, kinds: &[String]) -> Value {
    for kind in kinds {
        let read = match kind.as_str() {
            "integer" => text.parse::<i64>().ok().map(Value::from),
            "number" => text
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .and_then(|n| {
                    text.parse::<i64>()
                        .map(Value::from)
                        .ok()
                        .or_else(|| serde_json::Number::from_f64(n).map(Value::Number))
                }),
            "boolean" => match text.as_str() {
                "true" => Some(Value::Bool(true)),
                "false" => Some(Value::Bool(false)),
                _ => None,
            },
            "null" if text.is_empty() => Some(Value::Null),
            "string" => return Value::String(text),
            _ => None,
        };
        if let Some(value) = read {
            return value;
        }
    }
    Value::String(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn form(body: &str, schema: Value) -> Value {
        let document = json!({});
        decode(
            FormKind::UrlEncoded,
            "application/x-www-form-urlencoded",
            body.as_bytes(),
            Some(&schema),
            &[],
            &document,
        )
        .unwrap()
        .value
    }

    #[test]
    fn urlencoded_fields_are_typed_by_their_schema_and_nested_by_brackets() {
        let schema = json!({"type": "object", "properties": {
            "amount": {"type": "integer"}, "capture": {"type": "boolean"}, "rate": {"type": "number"},
            "expand": {"type": "array", "items": {"type": "string"}},
            "tags": {"type": "array", "items": {"type": "integer"}},
            "metadata": {"type": "object", "additionalProperties": {"type": "string"}},
            "items": {"type": "array", "items": {"type": "object", "properties": {"quantity": {"type": "integer"}}}},
            "name": {"type": "string"},
        }});
        let body = "amount=2000&capture=false&rate=1.5&expand[]=customer&expand[]=invoice&tags=1&tags=2\
                    &metadata[order_id]=6735&items[0][quantity]=2&items[1][quantity]=x&name=12";
        assert_eq!(
            form(body, schema),
            json!({"amount": 2000, "capture": false, "rate": 1.5, "expand": ["customer", "invoice"],
                   "tags": [1, 2], "metadata": {"order_id": "6735"},
                   "items": [{"quantity": 2}, {"quantity": "x"}], "name": "12"})
        );
    }

    #[test]
    fn a_single_value_of_an_array_is_an_array_and_text_that_does_not_parse_stays_text() {
        let schema = json!({"properties": {"ids": {"type": "array", "items": {"type": "integer"}}, "n": {"type": "integer"}}});
        assert_eq!(
            form("ids=7&n=seven", schema),
            json!({"ids": [7], "n": "seven"})
        );
    }

    #[test]
    fn multipart_parts_are_read_by_name_with_files_left_binary() {
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"petId\"\r\n\r\n12\r\n\
                    --XyZ\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"a\": 1}\r\n\
                    --XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\x01\x02\x03\r\n\
                    --XyZ--\r\n";
        let schema = json!({"properties": {"petId": {"type": "integer"}, "meta": {"type": "object"}, "file": {"type": "string", "format": "binary"}}});
        let encoding = [Encoding {
            name: "file".into(),
            content_type: Some("image/jpeg".into()),
            explode: None,
        }];
        let decoded = decode(
            FormKind::Multipart,
            "multipart/form-data; boundary=XyZ",
            body.as_bytes(),
            Some(&schema),
            &encoding,
            &json!({}),
        )
        .unwrap();
        assert_eq!(
            decoded.value,
            json!({"petId": 12, "meta": {"a": 1}, "file": "(binary, 3 bytes)"})
        );
        assert_eq!(
            decoded.mismatches,
            vec![(
                "file".to_owned(),
                "image/png".to_owned(),
                "image/jpeg".to_owned()
            )]
        );
    }

    #[test]
    fn secret_fields_are_redacted_and_the_rest_kept() {
        let secret = |name: &str| name == "code" || name == "cvc";
        let form = redacted(
            FormKind::UrlEncoded,
            "application/x-www-form-urlencoded",
            b"amount=100&code=483920&card[cvc]=123&card[exp_month]=12",
            &secret,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(form).unwrap(),
            "amount=100&code=***&card%5Bcvc%5D=***&card%5Bexp_month%5D=12"
        );
        let body = "--b\r\nContent-Disposition: form-data; name=\"code\"\r\n\r\n483920\r\n\
                    --b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--b--\r\n";
        let out = redacted(
            FormKind::Multipart,
            "multipart/form-data; boundary=b",
            body.as_bytes(),
            &secret,
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            body.replace("483920", "***")
        );
        assert!(redacted(FormKind::UrlEncoded, "", b"amount=1", &secret).is_none());
    }
}
