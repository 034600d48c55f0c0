//! Two schemas compared, recursively through `$ref`, `allOf`, `oneOf`/`anyOf`, properties and
//! items: a request's from the caller's side (what the old client sends must still be
//! accepted), a response's from the decoder's (what the new server sends must still decode in
//! the old client). Each change also says what the regenerated client's Rust types do, as
//! progenitor (typify) makes them: `Option<T>` for an optional or nullable property, an enum
//! for a string `enum`, a newtype for a string with a length or pattern, `u64` for an integer
//! with `minimum: 0` and `NonZeroU64` for one with `minimum: 1`.

use std::collections::{BTreeMap, HashSet};

use serde_json::Value as Json;

use super::{Breaks, ChangeRule as R, Class, Differ, Finding, Side, snake, token};

/// Which side of the exchange a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Direction {
    /// What the client sends.
    Request,
    /// What the client decodes.
    Response,
}

impl Direction {
    /// `request` or `response`.
    pub(super) fn side(self) -> &'static str {
        match self {
            Direction::Request => "request",
            Direction::Response => "response",
        }
    }

    pub(super) fn pick(self, request: R, response: R) -> R {
        match self {
            Direction::Request => request,
            Direction::Response => response,
        }
    }
}

/// A schema by its pointer in its spec.
pub(super) struct Value(String);

impl Value {
    pub(super) fn at(pointer: String) -> Self {
        Self(pointer)
    }
}

/// Compares the schema at `old` with the one at `new`; `what` names the value for messages
/// (`the body`, `the query parameter \`page\``), `required` whether it must be present.
pub(super) fn compare(
    d: &mut Differ<'_>,
    direction: Direction,
    location: &str,
    old: Value,
    new: Value,
    what: &str,
    required: bool,
) {
    let mut walk = Walk {
        direction,
        location,
        seen: HashSet::new(),
    };
    walk.node(d, &old.0, &new.0, "", what, required);
}

pub(super) struct Walk<'l> {
    pub(super) direction: Direction,
    location: &'l str,
    /// Pairs of schemas compared already (recursive schemas end).
    seen: HashSet<(String, String)>,
}

/// An object schema's properties, `allOf` members merged: name -> (pointer, required, the
/// pointer of the `required` list that names it, or of the schema).
struct Shape {
    properties: BTreeMap<String, String>,
    required: BTreeMap<String, String>,
    /// The Rust type name progenitor gives it: its component name, if it is one.
    name: Option<String>,
}

fn shape(side: Side<'_>, pointer: &str) -> Shape {
    let mut shape = Shape {
        properties: BTreeMap::new(),
        required: BTreeMap::new(),
        name: component(pointer),
    };
    let mut stack = vec![pointer.to_owned()];
    let mut visited = HashSet::new();
    while let Some(pointer) = stack.pop() {
        let Some((pointer, node)) = side.follow(&pointer) else {
            continue;
        };
        if !visited.insert(pointer.clone()) {
            continue;
        }
        if let Some(Json::Object(properties)) = node.get("properties") {
            for name in properties.keys() {
                shape
                    .properties
                    .entry(name.clone())
                    .or_insert_with(|| format!("{pointer}/properties/{}", token(name)));
            }
        }
        if let Some(Json::Array(required)) = node.get("required") {
            for name in required.iter().filter_map(Json::as_str) {
                shape
                    .required
                    .entry(name.to_owned())
                    .or_insert_with(|| format!("{pointer}/required"));
            }
        }
        if let Some(Json::Array(members)) = node.get("allOf") {
            for i in (0..members.len()).rev() {
                stack.push(format!("{pointer}/allOf/{i}"));
            }
        }
    }
    shape
}

/// The component name of a schema pointer (`/components/schemas/Order` -> `Order`).
fn component(pointer: &str) -> Option<String> {
    let name = pointer.strip_prefix("/components/schemas/")?;
    (!name.contains('/')).then(|| name.replace("~1", "/").replace("~0", "~"))
}

pub(super) fn text<'v>(node: &'v Json, key: &str) -> Option<&'v str> {
    node.get(key).and_then(Json::as_str)
}

pub(super) fn flag(node: &Json, key: &str) -> bool {
    node.get(key).and_then(Json::as_bool).unwrap_or(false)
}

/// Whether null is among a schema's values. `nullable: true` adds it; a schema that says
/// nothing of its values' kind (no `type`, `enum`, `const`, `$ref`, `not` or combination)
/// allows null without it, so there `nullable` changes nothing (OpenAPI 3.0.3: it adds null
/// only where `type` is given), and a translation to 3.1 that drops it is no change.
pub(super) fn admits_null(node: &Json) -> bool {
    const KIND: [&str; 8] = [
        "type", "enum", "const", "$ref", "not", "allOf", "anyOf", "oneOf",
    ];
    flag(node, "nullable") || KIND.iter().all(|key| node.get(*key).is_none())
}

impl Walk<'_> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn push(
        &self,
        d: &mut Differ<'_>,
        rule: R,
        class: Option<(Class, &[Breaks])>,
        field: &str,
        old: Option<&str>,
        new: Option<&str>,
        message: String,
        client: String,
    ) {
        let finding = Finding {
            rule,
            location: self.location,
            field: (!field.is_empty()).then_some(field),
            old,
            new,
            message,
            client,
        };
        match class {
            Some((class, breaks)) => d.push_as(class, breaks, finding),
            None => d.push(finding),
        }
    }

    /// Compares two schemas; `field` is the pointer inside the body, `what` names it.
    fn node(
        &mut self,
        d: &mut Differ<'_>,
        old: &str,
        new: &str,
        field: &str,
        what: &str,
        required: bool,
    ) {
        let (Some((old, o)), Some((new, n))) = (d.old.follow(old), d.new.follow(new)) else {
            return;
        };
        if !self.seen.insert((old.clone(), new.clone())) || d.same(&old, &new) {
            return;
        }
        let direction = self.direction;

        // Type: when it changes, nothing below it compares.
        if let (Some(old_type), Some(new_type)) = (text(o, "type"), text(n, "type"))
            && old_type != new_type
        {
            self.push(
                d,
                direction.pick(R::RequestTypeChanged, R::ResponseTypeChanged),
                None,
                field,
                Some(&format!("{old}/type")),
                Some(&format!("{new}/type")),
                format!("{what} changes type from {old_type} to {new_type}"),
                format!("its Rust type changes; code using {what} stops compiling"),
            );
            return;
        }
        if text(o, "format") != text(n, "format") {
            self.push(
                d,
                direction.pick(R::RequestFormatChanged, R::ResponseFormatChanged),
                None,
                field,
                Some(&old),
                Some(&new),
                format!(
                    "{what} changes format from {} to {}",
                    text(o, "format").unwrap_or("none"),
                    text(n, "format").unwrap_or("none")
                ),
                "its Rust type may change with the format (an integer's width, a date's type)"
                    .into(),
            );
        }
        self.nullable(d, (&old, o), (&new, n), field, what, required);
        self.enums(d, (&old, o), (&new, n), field, what);
        self.bounds(d, (&old, o), (&new, n), field, what);
        self.properties(d, &old, &new, field);
        if o.get("items").is_some() && n.get("items").is_some() {
            let field = format!("{field}/*");
            let what = format!("each item of {what}");
            self.node(
                d,
                &format!("{old}/items"),
                &format!("{new}/items"),
                &field,
                &what,
                true,
            );
        }
        for keyword in ["oneOf", "anyOf"] {
            self.branches(d, keyword, (&old, o), (&new, n), field, what);
        }
    }

    fn properties(&mut self, d: &mut Differ<'_>, old: &str, new: &str, field: &str) {
        let was = shape(d.old, old);
        let is = shape(d.new, new);
        if was.properties.is_empty() && is.properties.is_empty() {
            return;
        }
        let owner = is.name.clone().or(was.name.clone());
        let direction = self.direction;
        let member = |name: &str| match &owner {
            Some(owner) => format!("`{owner}.{}`", snake(name)),
            None => format!("the field `{}`", snake(name)),
        };
        for (name, new_pointer) in &is.properties {
            let child = format!("{field}/{}", token(name));
            let required = is.required.contains_key(name);
            let Some(old_pointer) = was.properties.get(name) else {
                let rule = match (direction, required) {
                    (Direction::Request, true) => R::RequestRequiredPropertyAdded,
                    (Direction::Request, false) => R::RequestPropertyAdded,
                    (Direction::Response, _) => R::ResponsePropertyAdded,
                };
                let client = match (direction, required) {
                    (Direction::Request, true) => format!(
                        "{} is added and must be set; old calls lack it",
                        member(name)
                    ),
                    (Direction::Request, false) => format!(
                        "{} is added as an `Option`; struct literals of the type stop compiling, its builder does not",
                        member(name)
                    ),
                    (Direction::Response, _) => {
                        format!("{} is added; the old client ignores it", member(name))
                    }
                };
                self.push(
                    d,
                    rule,
                    None,
                    &child,
                    None,
                    Some(new_pointer),
                    format!(
                        "the property `{name}` is added{}",
                        if required { " as required" } else { "" }
                    ),
                    client,
                );
                continue;
            };
            let was_required = was.required.contains_key(name);
            if was_required != required {
                // The `required` list that names it, or the property where no list does.
                let old_at = was.required.get(name).unwrap_or(old_pointer).clone();
                let new_at = is.required.get(name).unwrap_or(new_pointer).clone();
                let nullable = d
                    .new
                    .follow(new_pointer)
                    .is_some_and(|(_, node)| flag(node, "nullable"));
                let (rule, class, client): (R, Option<(Class, &[Breaks])>, String) = match (
                    direction, required,
                ) {
                    (Direction::Request, true) => (
                        R::RequestPropertyMadeRequired,
                        None,
                        format!(
                            "{} must be set: `Option<T>` becomes `T`, and old calls without it are refused",
                            member(name)
                        ),
                    ),
                    (Direction::Request, false) => (
                        R::RequestPropertyMadeOptional,
                        None,
                        format!(
                            "{} becomes `Option<T>`; code setting it must wrap the value in `Some`",
                            member(name)
                        ),
                    ),
                    (Direction::Response, true) if nullable => (
                        R::ResponsePropertyMadeRequired,
                        Some((Class::Info, &[])),
                        format!("{} stays an `Option` (it may be null)", member(name)),
                    ),
                    (Direction::Response, true) => (
                        R::ResponsePropertyMadeRequired,
                        None,
                        format!(
                            "{} becomes `T` instead of `Option<T>`; code matching on it stops compiling",
                            member(name)
                        ),
                    ),
                    (Direction::Response, false) => (
                        R::ResponsePropertyMadeOptional,
                        None,
                        format!(
                            "the old client fails on answers without {} (`Error::InvalidBody`); it becomes `Option<T>`",
                            member(name)
                        ),
                    ),
                };
                self.push(
                    d,
                    rule,
                    class,
                    &child,
                    Some(&old_at),
                    Some(&new_at),
                    format!(
                        "the property `{name}` becomes {}",
                        if required { "required" } else { "optional" }
                    ),
                    client,
                );
            }
            let what = format!("the property `{name}`");
            self.node(d, old_pointer, new_pointer, &child, &what, required);
        }
        for (name, old_pointer) in &was.properties {
            if is.properties.contains_key(name) {
                continue;
            }
            let child = format!("{field}/{}", token(name));
            let was_required = was.required.contains_key(name);
            let (class, client): (Option<(Class, &[Breaks])>, String) = match (
                direction,
                was_required,
            ) {
                (Direction::Request, _) => (
                    None,
                    format!(
                        "{} disappears; code setting it stops compiling",
                        member(name)
                    ),
                ),
                (Direction::Response, true) => (
                    Some((Class::Breaking, &[Breaks::Traffic, Breaks::Code])),
                    format!(
                        "{} disappears; code reading it stops compiling, and the old client fails on answers without it",
                        member(name)
                    ),
                ),
                (Direction::Response, false) => (
                    None,
                    format!(
                        "{} disappears; code reading it stops compiling",
                        member(name)
                    ),
                ),
            };
            self.push(
                d,
                direction.pick(R::RequestPropertyRemoved, R::ResponsePropertyRemoved),
                class,
                &child,
                Some(old_pointer),
                None,
                format!("the property `{name}` is removed"),
                client,
            );
        }
    }

    /// `oneOf`/`anyOf` branches, matched by their `$ref` when they have one, else by position.
    fn branches(
        &mut self,
        d: &mut Differ<'_>,
        keyword: &str,
        (old, o): (&str, &Json),
        (new, n): (&str, &Json),
        field: &str,
        what: &str,
    ) {
        let list = |node: &Json| match node.get(keyword) {
            Some(Json::Array(items)) => items.clone(),
            _ => Vec::new(),
        };
        let (was, is) = (list(o), list(n));
        if was.is_empty() && is.is_empty() {
            return;
        }
        let direction = self.direction;
        let (old_discriminator, new_discriminator) = (
            o.pointer("/discriminator/propertyName")
                .and_then(Json::as_str),
            n.pointer("/discriminator/propertyName")
                .and_then(Json::as_str),
        );
        let mapping = |node: &Json| node.pointer("/discriminator/mapping").cloned();
        if old_discriminator != new_discriminator || mapping(o) != mapping(n) {
            self.push(
                d,
                direction.pick(
                    R::RequestDiscriminatorChanged,
                    R::ResponseDiscriminatorChanged,
                ),
                None,
                field,
                Some(old),
                Some(new),
                if old_discriminator == new_discriminator {
                    format!("the discriminator mapping of {what} changes")
                } else {
                    format!(
                        "the discriminator of {what} changes from {} to {}",
                        old_discriminator.unwrap_or("none"),
                        new_discriminator.unwrap_or("none")
                    )
                },
                "values are told apart differently; the enum's variants change".into(),
            );
        }
        let key = |branch: &Json, i: usize| {
            text(branch, "$ref").map_or_else(|| format!("#{i}"), str::to_owned)
        };
        let was_keys: Vec<String> = was.iter().enumerate().map(|(i, b)| key(b, i)).collect();
        let is_keys: Vec<String> = is.iter().enumerate().map(|(i, b)| key(b, i)).collect();
        let label = |k: &str| k.rsplit('/').next().unwrap_or(k).to_owned();
        for (i, k) in is_keys.iter().enumerate() {
            let new_branch = format!("{new}/{keyword}/{i}");
            match was_keys.iter().position(|w| w == k) {
                Some(j) => {
                    let old_branch = format!("{old}/{keyword}/{j}");
                    self.node(d, &old_branch, &new_branch, field, what, true);
                }
                None => self.push(
                    d,
                    direction.pick(R::RequestVariantAdded, R::ResponseVariantAdded),
                    None,
                    field,
                    Some(old),
                    Some(&new_branch),
                    format!("{what} gains the {keyword} branch {}", label(k)),
                    match direction {
                        Direction::Request => "a new variant the caller may send".to_owned(),
                        Direction::Response => "the old client cannot decode values of the new branch (`Error::InvalidBody`)".to_owned(),
                    },
                ),
            }
        }
        for (j, k) in was_keys.iter().enumerate() {
            if !is_keys.contains(k) {
                self.push(
                    d,
                    direction.pick(R::RequestVariantRemoved, R::ResponseVariantRemoved),
                    None,
                    field,
                    Some(&format!("{old}/{keyword}/{j}")),
                    Some(new),
                    format!("{what} loses the {keyword} branch {}", label(k)),
                    "its variant disappears; code naming it stops compiling".into(),
                );
            }
        }
    }
}
