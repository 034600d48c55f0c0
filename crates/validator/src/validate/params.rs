//! Reading parameter text as the JSON value its schema types, per OpenAPI's styles
//! (`simple`, `label`, `matrix`, `form`, `spaceDelimited`, `pipeDelimited`, `deepObject`).

use serde_json::{Map, Number, Value};

use confirmspec_spec::model::{Kind, Param};

/// Query pairs, percent-decoded (`+` is a space), in order.
pub(super) fn query_pairs(query: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// Cookie pairs of a `Cookie` header.
pub(super) fn cookie_pairs(header: &str) -> Vec<(String, String)> {
    header
        .split(';')
        .filter_map(|pair| {
            let (name, value) = pair.split_once('=')?;
            Some((
                name.trim().to_owned(),
                value.trim().trim_matches('"').to_owned(),
            ))
        })
        .collect()
}

/// Percent-decodes a path segment (`+` is itself in a path); borrowed when there is nothing
/// to decode.
pub(crate) fn percent_decoded(text: &str) -> std::borrow::Cow<'_, str> {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy()
}

/// Why a parameter's text is not of its type: the text, and the type wanted.
pub(super) struct Mismatch {
    pub text: String,
    pub wanted: &'static str,
}

/// The raw values of a query parameter: every value of its name, or for `deepObject`,
/// every `name[key]` pair.
pub(super) fn query_values<'q>(
    param: &Param,
    pairs: &'q [(String, String)],
) -> Vec<(&'q str, &'q str)> {
    if param.style == "deepObject" {
        let prefix = format!("{}[", param.name);
        return pairs
            .iter()
            .filter_map(|(k, v)| {
                let key = k.strip_prefix(&prefix)?.strip_suffix(']')?;
                Some((key, v.as_str()))
            })
            .collect();
    }
    pairs
        .iter()
        .filter(|(k, _)| *k == param.name)
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// Reads a parameter's values as JSON. `values` holds one text for path, header and cookie
/// parameters, and each occurrence for a query parameter (or `key -> text` for deepObject).
pub(super) fn decode(
    param: &Param,
    values: &[(&str, &str)],
    kinds_of: impl Fn(&str) -> Kind,
) -> Result<Value, Mismatch> {
    if param.json {
        let text = values.first().map_or("", |(_, v)| v);
        return serde_json::from_str(text).map_err(|_| Mismatch {
            text: text.to_owned(),
            wanted: "JSON",
        });
    }
    match &param.kind {
        Kind::Array(item) => {
            let parts: Vec<String> =
                if param.location == confirmspec_spec::model::In::Query && param.explode {
                    values.iter().map(|(_, v)| (*v).to_owned()).collect()
                } else {
                    let text = strip_style(param, values.first().map_or("", |(_, v)| v));
                    let delimiter = match param.style.as_str() {
                        "spaceDelimited" => ' ',
                        "pipeDelimited" => '|',
                        "label" if param.explode => '.',
                        _ => ',',
                    };
                    if text.is_empty() {
                        Vec::new()
                    } else {
                        text.split(delimiter).map(str::to_owned).collect()
                    }
                };
            parts
                .iter()
                .map(|part| scalar(part, item))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array)
        }
        Kind::Object => {
            let mut object = Map::new();
            if param.style == "deepObject" {
                for (key, text) in values {
                    object.insert((*key).to_owned(), scalar(text, &kinds_of(key))?);
                }
            } else {
                let text = strip_style(param, values.first().map_or("", |(_, v)| v));
                let mut put = |key: &str, text: &str| -> Result<(), Mismatch> {
                    object.insert(key.to_owned(), scalar(text, &kinds_of(key))?);
                    Ok(())
                };
                if param.explode {
                    for pair in text.split(',').filter(|p| !p.is_empty()) {
                        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                        put(key, value)?;
                    }
                } else {
                    let parts: Vec<&str> = text.split(',').collect();
                    for pair in parts.chunks(2) {
                        put(pair[0], pair.get(1).copied().unwrap_or(""))?;
                    }
                }
            }
            Ok(Value::Object(object))
        }
        kind => {
            let text = values.first().map_or("", |(_, v)| v);
            scalar(strip_style(param, text), kind)
        }
    }
}

/// Removes a path parameter's `label` (`.`) or `matrix` (`;name=`) prefix.
fn strip_style<'t>(param: &Param, text: &'t str) -> &'t str {
    match param.style.as_str() {
        "label" => text.strip_prefix('.').unwrap_or(text),
        "matrix" => text
            .strip_prefix(&format!(";{}=", param.name))
            .unwrap_or(text),
        _ => text,
    }
}

/// One text as a JSON scalar of `kind`.
pub(super) fn scalar(text: &str, kind: &Kind) -> Result<Value, Mismatch> {
    let mismatch = |wanted| Mismatch {
        text: text.to_owned(),
        wanted,
    };
    match kind {
        Kind::Integer => {
            if let Ok(n) = text.parse::<i64>() {
                Ok(Value::Number(n.into()))
            } else if let Ok(n) = text.parse::<u64>() {
                Ok(Value::Number(n.into()))
            } else {
                Err(mismatch("an integer"))
            }
        }
        Kind::Number => text
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| mismatch("a number")),
        Kind::Boolean => match text {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(mismatch("`true` or `false`")),
        },
        _ => Ok(Value::String(text.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use confirmspec_spec::model::In;

    fn param(location: In, style: &str, explode: bool, kind: Kind) -> Param {
        Param {
            name: "ids".into(),
            name_as_written: "ids".into(),
            pointer: "/paths/~1a/get/parameters/0".into(),
            inherited: false,
            location,
            required: false,
            style: style.into(),
            explode,
            schema: None,
            kind,
            json: false,
            secret: false,
        }
    }

    #[test]
    fn styles_read_arrays_and_objects() {
        let ints = Kind::Array(Box::new(Kind::Integer));
        let form = param(In::Query, "form", true, ints.clone());
        assert_eq!(
            decode(&form, &[("ids", "1"), ("ids", "2")], |_| Kind::String).ok(),
            Some(serde_json::json!([1, 2]))
        );
        let csv = param(In::Query, "form", false, ints.clone());
        assert_eq!(
            decode(&csv, &[("ids", "1,2")], |_| Kind::String).ok(),
            Some(serde_json::json!([1, 2]))
        );
        let pipes = param(In::Query, "pipeDelimited", false, ints.clone());
        assert_eq!(
            decode(&pipes, &[("ids", "3|4")], |_| Kind::String).ok(),
            Some(serde_json::json!([3, 4]))
        );
        let label = param(In::Path, "label", false, ints);
        assert_eq!(
            decode(&label, &[("", ".5,6")], |_| Kind::String).ok(),
            Some(serde_json::json!([5, 6]))
        );
        let deep = param(In::Query, "deepObject", true, Kind::Object);
        let object = decode(&deep, &[("min", "1"), ("name", "x")], |k| {
            if k == "min" {
                Kind::Integer
            } else {
                Kind::String
            }
        });
        assert_eq!(
            object.ok(),
            Some(serde_json::json!({"min": 1, "name": "x"}))
        );
        let bad = scalar("1.5", &Kind::Integer).err().unwrap();
        assert_eq!((bad.text.as_str(), bad.wanted), ("1.5", "an integer"));
    }

    #[test]
    fn query_and_cookies_are_decoded() {
        assert_eq!(
            query_pairs("a=1&b=x%20y+z"),
            [("a".into(), "1".into()), ("b".into(), "x y z".into())]
        );
        assert_eq!(
            cookie_pairs("sid=abc; theme=\"dark\""),
            [
                ("sid".into(), "abc".into()),
                ("theme".into(), "dark".into())
            ]
        );
        assert_eq!(percent_decoded("a%2Fb+c"), "a/b+c");
    }
}
