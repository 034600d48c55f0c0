//! YAML into `serde_json::Value`, for what serde_json's own visitor refuses: integers beyond
//! 64 bits (they become the nearest float, as a JSON parser would read them) and mapping keys
//! that are numbers or booleans (`200:` for a status; they become their text). And a cheap
//! look at how deep a text's flow collections nest, before the parser sees it.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Deserialises any self-describing input into a JSON value.
pub(super) struct JsonValue;

impl<'de> DeserializeSeed<'de> for JsonValue {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(JsonValue)
    }
}

fn float(f: f64) -> Value {
    Number::from_f64(f).map_or(Value::Null, Value::Number)
}

impl<'de> Visitor<'de> for JsonValue {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::from(n))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::from(n))
    }
    fn visit_i128<E>(self, n: i128) -> Result<Value, E> {
        Ok(i64::try_from(n).map_or_else(|_| float(n as f64), Value::from))
    }
    fn visit_u128<E>(self, n: u128) -> Result<Value, E> {
        Ok(u64::try_from(n).map_or_else(|_| float(n as f64), Value::from))
    }
    fn visit_f64<E>(self, f: f64) -> Result<Value, E> {
        Ok(float(f))
    }
    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(JsonValue)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(JsonValue)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key_seed(JsonValue)? {
            let key = match key {
                Value::String(s) => s,
                Value::Null => "null".to_owned(),
                Value::Bool(_) | Value::Number(_) => key.to_string(),
                _ => return Err(de::Error::custom("a mapping key must be a scalar")),
            };
            let value = map.next_value_seed(JsonValue)?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// The 1-based line and column where `text`'s flow collections (`[`, `{`) first nest deeper
/// than `limit`, if they do.
///
/// The YAML scanner keeps one entry per open flow collection and walks all of them for every
/// token, so a document of 100,000 nested brackets takes the best part of a minute to reach the
/// parser's own recursion limit. This pass is linear. It follows quoted scalars, comments and
/// block scalars (`|`, `>`: code samples in descriptions), and outside brackets counts one only
/// where a value starts (after `: `, `- `, `? `, at the start of a line), so a bracket inside a
/// plain scalar (`pattern: ^[a-z]+$`) is not counted. It is not a YAML parser: the parser still
/// judges the text; this only stops the pathological case early.
pub(super) fn flow_too_deep(text: &str, limit: usize) -> Option<(usize, usize)> {
    enum State {
        Plain,
        Single,
        Double { escaped: bool },
    }
    let mut state = State::Plain;
    let mut depth = 0usize;
    // The indentation of the line that opened a block scalar, while inside one.
    let mut block: Option<usize> = None;
    for (number, line) in text.split('\n').enumerate() {
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        if let Some(parent) = block {
            if indent > parent || line[indent..].trim().is_empty() {
                continue;
            }
            block = None;
        }
        // A value may start here (outside brackets: only after an indicator or at the start).
        let mut value_starts = true;
        for (at, &byte) in bytes.iter().enumerate() {
            match &mut state {
                State::Single => {
                    if byte == b'\'' {
                        // A doubled quote is an escaped one: leaving and re-entering is the same.
                        state = State::Plain;
                        value_starts = false;
                    }
                }
                State::Double { escaped: true } => state = State::Double { escaped: false },
                State::Double { escaped } => match byte {
                    b'\\' => *escaped = true,
                    b'"' => {
                        state = State::Plain;
                        value_starts = false;
                    }
                    _ => {}
                },
                State::Plain => {
                    let structural = depth > 0 || value_starts;
                    match byte {
                        b'[' | b'{' if structural => {
                            depth += 1;
                            if depth > limit {
                                return Some((number + 1, line[..at].chars().count() + 1));
                            }
                            value_starts = true;
                        }
                        b']' | b'}' if depth > 0 => {
                            depth -= 1;
                            value_starts = false;
                        }
                        b'\'' if structural => state = State::Single,
                        b'"' if structural => state = State::Double { escaped: false },
                        b'|' | b'>' if depth == 0 && value_starts => {
                            block = Some(indent);
                            break;
                        }
                        b'#' if at == 0 || bytes[at - 1] == b' ' => break,
                        b' ' | b'\t' | b'\r' => {}
                        b',' if depth > 0 => value_starts = true,
                        b':' | b'-' | b'?' => {
                            value_starts = depth > 0
                                || matches!(bytes.get(at + 1), None | Some(b' ' | b'\t' | b'\r'));
                        }
                        _ => value_starts = false,
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Value {
        DeserializeSeed::deserialize(JsonValue, yaml_serde::Deserializer::from_str(text)).unwrap()
    }

    #[test]
    fn big_integers_and_scalar_keys_are_kept() {
        let value =
            read("maximum: 18446744073709552000\n200: ok\ntrue: yes\nlist: [1, -2, 2.5, ~]\n");
        assert_eq!(value["maximum"].as_f64(), Some(18446744073709552000.0));
        assert_eq!(value["200"], "ok");
        assert_eq!(value["true"], "yes");
        assert_eq!(value["list"], serde_json::json!([1, -2, 2.5, null]));
    }

    #[test]
    fn flow_nesting_is_measured_where_it_is_structural() {
        let deep = format!("a: {}{}\n", "[".repeat(50), "]".repeat(50));
        assert_eq!(flow_too_deep(&deep, 50), None);
        assert_eq!(flow_too_deep(&deep, 49), Some((1, 53)));
        let nested_maps = format!("a:\n  b: {}1{}\n", "{c: ".repeat(10), "}".repeat(10));
        assert_eq!(flow_too_deep(&nested_maps, 9), Some((2, 42)));
        // Brackets in plain scalars, quoted scalars and comments are text.
        let text = concat!(
            "pattern: ^[[[[[a-z]+$\n",
            "quoted: '[[[[[ it''s ['\n",
            "double: \"[[[[[ \\\" [[\"\n",
            "list: [\"[[[[\", '{{{{', x]   # [[[[[\n",
            "# [[[[[[[[\n",
        );
        assert_eq!(flow_too_deep(text, 1), None);
        assert_eq!(flow_too_deep("- - [[x]]\n", 1), Some((1, 6)));
        // A block scalar's lines are text, up to the first line no deeper than its key's.
        let block = "a: |\n  { [ [\n\n  ]\nb: >-\n   {{\nc: [[1]]\n";
        assert_eq!(flow_too_deep(block, 1), Some((7, 5)));
        assert_eq!(flow_too_deep(block, 2), None);
    }
}
