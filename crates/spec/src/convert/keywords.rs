//! What the value of a JSON Schema keyword must be for the keyword to mean anything: a keyword
//! whose value is not of its kind (`required: "true"`, `enum: "a"`, `minLength: -1`,
//! `type: file`) is a defect of its schema, which costs that keyword and nothing else.

use serde_json::Value;

/// The names `type` takes.
const TYPES: [&str; 7] = [
    "string", "number", "integer", "boolean", "array", "object", "null",
];

/// Why `value` cannot be the value of `keyword`, or `None` when it can (or when the keyword is
/// not one whose value is checked here: schemas and lists of schemas are checked as they are
/// converted).
pub(super) fn problem(keyword: &str, value: &Value) -> Option<&'static str> {
    let ok = match keyword {
        "type" => match value {
            Value::String(name) => TYPES.contains(&name.as_str()),
            Value::Array(names) => names
                .iter()
                .all(|n| n.as_str().is_some_and(|n| TYPES.contains(&n))),
            _ => false,
        },
        "enum" => value.is_array(),
        "required" => string_list(value),
        "multipleOf" => value.as_f64().is_some_and(|n| n > 0.0),
        "maximum" | "minimum" => value.is_number(),
        "maxLength" | "minLength" | "maxItems" | "minItems" | "maxProperties" | "minProperties"
        | "minContains" | "maxContains" => count(value),
        "pattern" | "format" => value.is_string(),
        "uniqueItems" => value.is_boolean(),
        "exclusiveMinimum" | "exclusiveMaximum" => value.is_boolean() || value.is_number(),
        "dependentRequired" => value
            .as_object()
            .is_some_and(|lists| lists.values().all(string_list)),
        _ => true,
    };
    (!ok).then_some(match keyword {
        "type" => {
            "`type` must name JSON types (string, number, integer, boolean, array, object, null)"
        }
        "enum" => "`enum` must be a list of values",
        "required" => "`required` must be a list of property names",
        "multipleOf" => "`multipleOf` must be a number above 0",
        "maximum" | "minimum" => "a bound must be a number",
        "pattern" | "format" => "must be a string",
        "uniqueItems" => "`uniqueItems` must be true or false",
        "exclusiveMinimum" | "exclusiveMaximum" => "must be a number, or true or false",
        "dependentRequired" => "`dependentRequired` must map names to lists of names",
        _ => "must be a whole number of 0 or more",
    })
}

/// A list of strings.
fn string_list(value: &Value) -> bool {
    value
        .as_array()
        .is_some_and(|names| names.iter().all(Value::is_string))
}

/// A whole number of 0 or more (`2.0` is one).
fn count(value: &Value) -> bool {
    value.as_u64().is_some() || value.as_f64().is_some_and(|n| n >= 0.0 && n.fract() == 0.0)
}

#[cfg(test)]
mod tests {
    use super::problem;
    use serde_json::json;

    #[test]
    fn a_keyword_of_the_wrong_kind_is_named() {
        assert_eq!(problem("required", &json!(["a"])), None);
        assert!(problem("required", &json!("true")).is_some());
        assert!(problem("required", &json!([1])).is_some());
        assert_eq!(problem("type", &json!(["string", "null"])), None);
        assert!(problem("type", &json!("file")).is_some());
        assert!(problem("enum", &json!("a")).is_some());
        assert_eq!(problem("minLength", &json!(2.0)), None);
        assert!(problem("minLength", &json!(-1)).is_some());
        assert!(problem("multipleOf", &json!(0)).is_some());
        assert_eq!(problem("description", &json!(7)), None);
    }
}
