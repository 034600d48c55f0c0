//! Headers as captures and logs write them: an object (`{"name": "value"}` or
//! `{"name": ["v1", "v2"]}`), a list of `[name, value]` pairs, or a list of
//! `{"name", "value"}` objects. Read in one pass, without buffering the input.

use std::fmt;

use serde::Deserialize;

use super::MessageError;
use serde::de::{self, MapAccess, SeqAccess, Visitor};

/// Headers as an object (`{"name": "value"}` or `{"name": ["v1", "v2"]}`), a list of
/// `[name, value]` pairs, or a list of `{"name", "value"}` objects.
pub(super) struct Headers(pub(super) Result<Vec<(String, String)>, MessageError>);

impl Default for Headers {
    fn default() -> Self {
        Headers(Ok(Vec::new()))
    }
}

impl<'de> Deserialize<'de> for Headers {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(HeadersVisitor)
    }
}

struct HeadersVisitor;

impl<'de> Visitor<'de> for HeadersVisitor {
    type Value = Headers;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "headers as an object, a list of [name, value] pairs or of {name, value} objects",
        )
    }

    fn visit_unit<E>(self) -> Result<Headers, E> {
        Ok(Headers::default())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Headers, A::Error> {
        let mut pairs = Vec::new();
        let mut problem = None;
        while let Some(name) = map.next_key::<String>()? {
            match map.next_value::<OneOrMany>()? {
                OneOrMany::One(value) => pairs.push((name, value)),
                OneOrMany::Many(values) => {
                    pairs.extend(values.into_iter().map(|value| (name.clone(), value)))
                }
                OneOrMany::Neither => {
                    problem.get_or_insert(MessageError::HeaderValue(name));
                }
            }
        }
        Ok(Headers(problem.map_or(Ok(pairs), Err)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Headers, A::Error> {
        let mut pairs = Vec::new();
        while let Some(HeaderItem(name, value)) = seq.next_element()? {
            pairs.push((name, value));
        }
        Ok(Headers(Ok(pairs)))
    }
}

/// A header's value in the object form: a string, or a list of strings.
enum OneOrMany {
    One(String),
    Many(Vec<String>),
    Neither,
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_str<E>(self, value: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(value.to_owned()))
            }
            fn visit_string<E>(self, value: String) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(value))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut values = Vec::new();
                let mut all_strings = true;
                while let Some(value) = seq.next_element::<serde_json::Value>()? {
                    match value {
                        serde_json::Value::String(text) => values.push(text),
                        _ => all_strings = false,
                    }
                }
                Ok(if all_strings {
                    OneOrMany::Many(values)
                } else {
                    OneOrMany::Neither
                })
            }
            fn visit_bool<E>(self, _: bool) -> Result<OneOrMany, E> {
                Ok(OneOrMany::Neither)
            }
            fn visit_i64<E>(self, _: i64) -> Result<OneOrMany, E> {
                Ok(OneOrMany::Neither)
            }
            fn visit_u64<E>(self, _: u64) -> Result<OneOrMany, E> {
                Ok(OneOrMany::Neither)
            }
            fn visit_f64<E>(self, _: f64) -> Result<OneOrMany, E> {
                Ok(OneOrMany::Neither)
            }
            fn visit_unit<E>(self) -> Result<OneOrMany, E> {
                Ok(OneOrMany::Neither)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OneOrMany, A::Error> {
                while map
                    .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(OneOrMany::Neither)
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// One header in the list forms: `[name, value]` or `{"name": ..., "value": ...}`.
struct HeaderItem(String, String);

impl<'de> Deserialize<'de> for HeaderItem {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = HeaderItem;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a header as [name, value] or {\"name\", \"value\"}")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<HeaderItem, A::Error> {
                let name = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(0, &self))?;
                let value = seq
                    .next_element()?
                    .ok_or_else(|| de::Error::invalid_length(1, &self))?;
                if seq.next_element::<de::IgnoredAny>()?.is_some() {
                    return Err(de::Error::invalid_length(3, &self));
                }
                Ok(HeaderItem(name, value))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<HeaderItem, A::Error> {
                let (mut name, mut value) = (None, None);
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match key.as_ref() {
                        "name" => name = Some(map.next_value()?),
                        "value" => value = Some(map.next_value()?),
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(HeaderItem(
                    name.ok_or_else(|| de::Error::missing_field("name"))?,
                    value.ok_or_else(|| de::Error::missing_field("value"))?,
                ))
            }
        }
        deserializer.deserialize_any(V)
    }
}
