//! The facets of one schema compared with its counterpart: `nullable`, `enum` values and
//! bounds (length, range, items, properties, pattern, multiple), each judged from the side of
//! the exchange it is on, with what the change does to the Rust type progenitor makes.

use serde_json::Value as Json;

use super::schema::{Direction, Walk, admits_null, flag, text};
use super::{Breaks, ChangeRule as R, Class, Differ};

/// The Rust type progenitor gives a scalar schema, where its constraints decide it.
pub(super) fn rust_type(node: &Json) -> Option<String> {
    match text(node, "type")? {
        "integer" => {
            let bits = if text(node, "format") == Some("int32") {
                32
            } else {
                64
            };
            let minimum = node.get("minimum").and_then(Json::as_f64);
            let exclusive = flag(node, "exclusiveMinimum");
            Some(match minimum {
                Some(m) if m >= 1.0 || (m >= 0.0 && exclusive) => format!("NonZeroU{bits}"),
                Some(m) if m >= 0.0 => format!("u{bits}"),
                _ => format!("i{bits}"),
            })
        }
        "string" if node.get("enum").is_none() && text(node, "format").is_none() => {
            let constrained = ["maxLength", "minLength", "pattern"]
                .iter()
                .any(|key| node.get(*key).is_some());
            Some(
                if constrained {
                    "a newtype of `String`"
                } else {
                    "`String`"
                }
                .to_owned(),
            )
        }
        _ => None,
    }
}

/// How a bound's keyword tightens: a maximum by going down, a minimum by going up, a pattern
/// or multiple by changing, a flag by turning on.
#[derive(Clone, Copy)]
enum Bound {
    Max,
    Min,
    Other,
    Flag,
}

const BOUNDS: [(&str, Bound); 13] = [
    ("maxLength", Bound::Max),
    ("minLength", Bound::Min),
    ("maximum", Bound::Max),
    ("minimum", Bound::Min),
    ("exclusiveMaximum", Bound::Flag),
    ("exclusiveMinimum", Bound::Flag),
    ("maxItems", Bound::Max),
    ("minItems", Bound::Min),
    ("uniqueItems", Bound::Flag),
    ("maxProperties", Bound::Max),
    ("minProperties", Bound::Min),
    ("pattern", Bound::Other),
    ("multipleOf", Bound::Other),
];

/// Whether a bound's change tightens it (`Some(true)`), loosens it, or leaves it.
fn tightens(bound: Bound, old: Option<&Json>, new: Option<&Json>) -> Option<bool> {
    match (bound, old, new) {
        (_, None, None) => None,
        (_, Some(o), Some(n)) if o == n => None,
        (Bound::Flag, o, n) => {
            let on = |v: Option<&Json>| v.and_then(Json::as_bool).unwrap_or(false);
            (on(o) != on(n)).then_some(on(n))
        }
        (_, None, Some(_)) => Some(true),
        (_, Some(_), None) => Some(false),
        (Bound::Max, Some(o), Some(n)) => Some(n.as_f64() < o.as_f64()),
        (Bound::Min, Some(o), Some(n)) => Some(n.as_f64() > o.as_f64()),
        (Bound::Other, Some(_), Some(_)) => Some(true),
    }
}

fn shown(value: Option<&Json>) -> String {
    value.map_or_else(|| "none".to_owned(), Json::to_string)
}

impl Walk<'_> {
    pub(super) fn nullable(
        &self,
        d: &mut Differ<'_>,
        (old, o): (&str, &Json),
        (new, n): (&str, &Json),
        field: &str,
        what: &str,
        required: bool,
    ) {
        // The sets of values compared, not the keyword: see `admits_null`.
        let (was, is) = (admits_null(o), admits_null(n));
        if was == is {
            return;
        }
        let rule = match (self.direction, is) {
            (Direction::Request, true) => R::RequestNullableAdded,
            (Direction::Request, false) => R::RequestNullableRemoved,
            (Direction::Response, true) => R::ResponseNullableAdded,
            (Direction::Response, false) => R::ResponseNullableRemoved,
        };
        use Breaks::{Code, Traffic};
        let (class, breaks, client): (Class, &[Breaks], String) =
            match (self.direction, is, required) {
                (Direction::Request, true, true) => (
                    Class::Breaking,
                    &[Code],
                    "`T` becomes `Option<T>`: code setting it stops compiling".into(),
                ),
                (Direction::Request, true, false) => (
                    Class::Info,
                    &[],
                    "nothing changes: the field is an `Option` already".into(),
                ),
                (Direction::Request, false, true) => (
                    Class::Breaking,
                    &[Traffic, Code],
                    "old calls sending null are refused; `Option<T>` becomes `T`".into(),
                ),
                (Direction::Request, false, false) => (
                    Class::Breaking,
                    &[Traffic],
                    "old calls sending null are refused".into(),
                ),
                (Direction::Response, true, true) => (
                    Class::Breaking,
                    &[Traffic, Code],
                    "the old client fails on null (`Error::InvalidBody`); `T` becomes `Option<T>`"
                        .into(),
                ),
                (Direction::Response, true, false) => (
                    Class::Info,
                    &[],
                    "nothing changes: the field is an `Option` already, and null decodes as `None`"
                        .into(),
                ),
                (Direction::Response, false, true) => (
                    Class::Breaking,
                    &[Code],
                    "`Option<T>` becomes `T`: code matching on it stops compiling".into(),
                ),
                (Direction::Response, false, false) => (
                    Class::Info,
                    &[],
                    "nothing changes: the field stays an `Option`".into(),
                ),
            };
        let verb = if is {
            "may now be null"
        } else {
            "may no longer be null"
        };
        self.push(
            d,
            rule,
            Some((class, breaks)),
            field,
            Some(old),
            Some(&format!("{new}/nullable")),
            format!("{what} {verb}"),
            client,
        );
    }

    pub(super) fn enums(
        &self,
        d: &mut Differ<'_>,
        (old, o): (&str, &Json),
        (new, n): (&str, &Json),
        field: &str,
        what: &str,
    ) {
        let (Some(Json::Array(was)), Some(Json::Array(is))) = (o.get("enum"), n.get("enum")) else {
            return;
        };
        let direction = self.direction;
        for (i, value) in is.iter().enumerate() {
            if !was.contains(value) {
                let client = match direction {
                    Direction::Request => format!(
                        "a new variant for {value}; exhaustive matches on the enum stop compiling"
                    ),
                    Direction::Response => format!(
                        "the old client cannot decode {value} (`Error::InvalidBody`); exhaustive matches stop compiling"
                    ),
                };
                self.push(
                    d,
                    direction.pick(R::RequestEnumValueAdded, R::ResponseEnumValueAdded),
                    None,
                    field,
                    Some(&format!("{old}/enum")),
                    Some(&format!("{new}/enum/{i}")),
                    format!("{what} may be {value}"),
                    client,
                );
            }
        }
        for (i, value) in was.iter().enumerate() {
            if !is.contains(value) {
                let client = match direction {
                    Direction::Request => {
                        format!("old calls sending {value} are refused; its variant disappears")
                    }
                    Direction::Response => format!(
                        "the variant for {value} disappears; code naming it stops compiling"
                    ),
                };
                self.push(
                    d,
                    direction.pick(R::RequestEnumValueRemoved, R::ResponseEnumValueRemoved),
                    None,
                    field,
                    Some(&format!("{old}/enum/{i}")),
                    Some(&format!("{new}/enum")),
                    format!("{what} may no longer be {value}"),
                    client,
                );
            }
        }
    }

    pub(super) fn bounds(
        &self,
        d: &mut Differ<'_>,
        (old, o): (&str, &Json),
        (new, n): (&str, &Json),
        field: &str,
        what: &str,
    ) {
        let (was_type, is_type) = (rust_type(o), rust_type(n));
        for (key, bound) in BOUNDS {
            let (was, is) = (o.get(key), n.get(key));
            let Some(tighter) = tightens(bound, was, is) else {
                continue;
            };
            let rule = match (self.direction, tighter) {
                (Direction::Request, true) => R::RequestBoundTightened,
                (Direction::Request, false) => R::RequestBoundLoosened,
                (Direction::Response, true) => R::ResponseBoundTightened,
                (Direction::Response, false) => R::ResponseBoundLoosened,
            };
            let mut breaks = rule.breaks().to_vec();
            let mut class = rule.class();
            let mut client = match (self.direction, tighter) {
                (Direction::Request, true) => "old calls past the new bound are refused; the builder checks the new bound before sending".to_owned(),
                (Direction::Request, false) => "calls past the old bound are accepted".to_owned(),
                (Direction::Response, true) => "nothing changes for the old client".to_owned(),
                (Direction::Response, false) => "values past the old bound may arrive; an old client whose type checks the bound (a string newtype) fails to decode them".to_owned(),
            };
            if let (Some(was_type), Some(is_type)) = (&was_type, &is_type)
                && was_type != is_type
            {
                breaks.push(Breaks::Code);
                class = Class::Breaking;
                client = format!(
                    "{client}; the Rust type changes from {was_type} to {is_type}, so code using it stops compiling"
                );
            }
            self.push(
                d,
                rule,
                Some((class, &breaks)),
                field,
                Some(&if was.is_some() {
                    format!("{old}/{key}")
                } else {
                    old.to_owned()
                }),
                Some(&if is.is_some() {
                    format!("{new}/{key}")
                } else {
                    new.to_owned()
                }),
                format!(
                    "`{key}` of {what} changes from {} to {}",
                    shown(was),
                    shown(is)
                ),
                client,
            );
        }
    }
}
