//! A body parsed within the limits and checked against its schema; each schema error a violation located in the body and in the spec.

use crate::validate::Location;
use confirmspec_spec::syntax::json_error_offset;
use jsonschema::{ValidationError, error::ValidationErrorKind};
use serde_json::Value;

use super::super::compiled::SchemaSet;
use super::super::{Limits, Rule};
use super::Collector;
use super::branch;
use super::limits::deeper_than;
use crate::decode::form::{self, FormKind};
use crate::decode::media::{documented, essence, header, is_json, pick};
use confirmspec_spec::convert::Direction;
use confirmspec_spec::model::Media;

/// The documented media type a message's body is sent as (`media`, at `pointer`), and the
/// Content-Type that chose it; `None`, with a `contentType` violation, when the message has
/// no Content-Type or one not documented for it (`for_what` names the body in the message).
pub(super) fn documented_media<'m, 'h>(
    findings: &mut Collector<'_>,
    direction: Direction,
    headers: &'h [(String, String)],
    media: &'m [Media],
    pointer: &str,
    for_what: &str,
) -> Option<(&'m Media, &'h str)> {
    let location = || match direction {
        Direction::Request => Location::RequestHeader("content-type".into()),
        Direction::Response => Location::ResponseHeader("content-type".into()),
    };
    let content_pointer = || Some(format!("{pointer}/content"));
    let Some(content_type) = header(headers, "content-type") else {
        findings.push(
            location(),
            Rule::ContentType,
            format!(
                "the {} has a body but no Content-Type; the spec documents {}",
                direction.as_str(),
                documented(media)
            ),
            content_pointer(),
        );
        return None;
    };
    let essence = essence(content_type);
    let Some(chosen) = pick(media, essence) else {
        findings.push(
            location(),
            Rule::ContentType,
            format!(
                "the media type `{essence}` is not documented for {for_what} (documented: {})",
                documented(media)
            ),
            content_pointer(),
        );
        return None;
    };
    Some((chosen, content_type))
}

/// A body of a documented media type: parsed when it is JSON or a form, then checked against
/// its schema.
pub(super) fn check_body(
    findings: &mut Collector<'_>,
    schemas: &SchemaSet,
    direction: Direction,
    media: &Media,
    content_type: &str,
    body: &[u8],
    location: &Location,
) {
    let essence = self::essence(content_type);
    let form = FormKind::of(essence);
    if form.is_none() && !is_json(essence) && !is_json(self::essence(&media.range)) {
        return;
    }
    let limits = findings.inner.options.limits;
    if body.len() > limits.max_body {
        findings.push(
            location.clone(),
            Rule::Limit,
            format!(
                "the body is {} bytes, more than the limit of {} bytes; it was not checked",
                body.len(),
                limits.max_body
            ),
            Some(media.pointer.clone()),
        );
        return;
    }
    if limits.max_depth < Limits::DEEPEST
        && let Some(offset) = deeper_than(body, limits.max_depth)
    {
        findings.push(
            location.clone(),
            Rule::Limit,
            format!(
                "the body nests arrays and objects more than {} levels deep (byte {offset}); it was not checked",
                limits.max_depth
            ),
            Some(media.pointer.clone()),
        );
        return;
    }
    let value = match form {
        Some(kind) => read_form(findings, media, kind, content_type, body, location),
        None => read_json(findings, media, body, location),
    };
    if let (Some(value), Some(schema)) = (value, &media.schema) {
        validate_value(
            findings,
            schemas,
            direction,
            schema,
            &value,
            &|| location.clone(),
            true,
        );
    }
}

/// A JSON body parsed; `None`, with a `json` violation, when it is not JSON.
fn read_json(
    findings: &mut Collector<'_>,
    media: &Media,
    body: &[u8],
    location: &Location,
) -> Option<Value> {
    // One UTF-8 check of the whole body is cheaper than serde_json's check of each string;
    // but a body that cannot start a JSON value (an HTML page) fails at its first byte, and
    // checking the rest of it first would be wasted.
    let json_start = matches!(
        body.trim_ascii_start().first(),
        Some(b'{' | b'[' | b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n')
    );
    let parsed = match json_start.then(|| std::str::from_utf8(body)) {
        Some(Ok(text)) => serde_json::from_str(text),
        _ => serde_json::from_slice(body),
    };
    let value: Value = match parsed {
        Ok(value) => value,
        Err(e) => {
            let described = if body.trim_ascii_start().starts_with(b"<") {
                " (it looks like HTML)"
            } else {
                ""
            };
            findings.push_at(
                location.clone(),
                Some(String::new()),
                Rule::Json,
                if stopped_by_depth(body, &e) {
                    format!(
                        "the body nests arrays and objects {} levels deep (line {}, column {}), deeper than the validator reads",
                        Limits::DEEPEST,
                        e.line(),
                        e.column()
                    )
                } else {
                    format!(
                        "the body is not valid JSON{described}: {} error at line {}, column {}",
                        match e.classify() {
                            serde_json::error::Category::Eof => "unexpected end",
                            _ => "syntax",
                        },
                        e.line(),
                        e.column()
                    )
                },
                media.schema.clone(),
            );
            return None;
        }
    };
    Some(value)
}

/// Whether serde_json stopped at the bracket that opens its 128th level rather than at a
/// syntax error. Only an error at a bracket can be that one, and only then is the body, up to
/// the error, scanned for its depth: a broken body costs no more than its parse did.
fn stopped_by_depth(body: &[u8], error: &serde_json::Error) -> bool {
    let at = json_error_offset(body, error);
    let end = (at + 1).min(body.len());
    let at_bracket = body[at.saturating_sub(1)..end]
        .iter()
        .any(|b| matches!(b, b'[' | b'{'));
    at_bracket && deeper_than(&body[..end], Limits::DEEPEST - 1).is_some()
}

/// A form body read into the value its schema describes (its parts' media types checked on
/// the way); `None`, with a `form` violation, when it cannot be read.
fn read_form(
    findings: &mut Collector<'_>,
    media: &Media,
    kind: FormKind,
    content_type: &str,
    body: &[u8],
    location: &Location,
) -> Option<Value> {
    let document = &findings.spec.document;
    let schema_node = media.schema.as_deref().and_then(|p| document.pointer(p));
    let decoded = match form::decode(
        kind,
        content_type,
        body,
        schema_node,
        &media.encoding,
        document,
    ) {
        Ok(decoded) => decoded,
        Err(problem) => {
            findings.push_at(
                location.clone(),
                Some(String::new()),
                Rule::Form,
                problem.to_string(),
                media.schema.clone(),
            );
            return None;
        }
    };
    for (name, sent, declared) in decoded.mismatches {
        let encoding = media
            .schema
            .as_deref()
            .and_then(|p| p.strip_suffix("/schema"))
            .map(|p| {
                format!(
                    "{p}/encoding/{}/contentType",
                    confirmspec_spec::convert::escape(&name)
                )
            });
        findings.push_at(
            location.clone(),
            Some(format!("/{}", confirmspec_spec::convert::escape(&name))),
            Rule::ContentType,
            format!("the part `{name}` is sent as `{sent}`; its encoding documents `{declared}`"),
            encoding,
        );
    }
    Some(decoded.value)
}

/// Checks a value against the schema at `schema` (a spec pointer), pushing one violation per
/// error; `body` gives them a pointer into the value.
pub(super) fn validate_value(
    findings: &mut Collector<'_>,
    schemas: &SchemaSet,
    direction: Direction,
    schema: &str,
    value: &Value,
    location: &dyn Fn() -> Location,
    body: bool,
) {
    let validator = match schemas.validator(direction, schema) {
        Some(Ok(validator)) => validator,
        Some(Err(problem)) => {
            findings.push(
                location(),
                Rule::Schema,
                format!("the schema cannot be used: {problem}"),
                Some(schema.into()),
            );
            return;
        }
        None => return,
    };
    if validator.is_valid(value) {
        return;
    }
    let mut secret_places = Vec::new();
    if schemas.may_hold_secrets(direction, schema, findings.spec) {
        secret_places = findings.spec.secrets_in(schema, value);
        for (_, secret) in &secret_places {
            findings.secret(secret.clone());
        }
    }
    let place = Place {
        direction,
        schema,
        location,
        body,
        secret_places: &secret_places,
        value,
    };
    for error in validator.iter_errors(value) {
        place.push(findings, &error, "");
    }
}

/// Where the errors of one schema check land, and what makes them masked.
pub(super) struct Place<'p> {
    direction: Direction,
    schema: &'p str,
    location: &'p dyn Fn() -> Location,
    body: bool,
    secret_places: &'p [(String, String)],
    /// The value checked, for telling which branch of an `anyOf` it comes closest to.
    value: &'p Value,
}

impl Place<'_> {
    /// Pushes one schema error as a violation. A failed `anyOf` or `oneOf` (one without a
    /// discriminator to pick its branch) is reported by the errors of its closest branch, so
    /// the violation points inside the value rather than at "matches none of the branches".
    fn push(&self, findings: &mut Collector<'_>, error: &ValidationError<'_>, note: &str) {
        let choice = spec_pointer(error.schema_path().as_str());
        let document = &findings.spec.document;
        if let ValidationErrorKind::AnyOf { context }
        | ValidationErrorKind::OneOfNotValid { context } = error.kind()
        {
            let branches = choice
                .as_deref()
                .map_or_else(Vec::new, |p| branch::branches(document, p));
            let here = self.value.pointer(error.instance_path().as_str());
            if let Some((chosen, errors)) = branch::meant_for(context, &branches, here) {
                let name = |i: usize| {
                    branches
                        .get(i)
                        .map_or_else(|| format!("branch {}", i + 1), |b| b.name.clone())
                };
                let others: Vec<String> = (0..context.len())
                    .filter(|i| *i != chosen)
                    .map(name)
                    .collect();
                let note = format!(
                    "{note} (no branch of {} matches; reported against {}, the one the value is \
                     closest to; not {})",
                    error.kind().keyword(),
                    name(chosen),
                    others.join(" or ")
                );
                for inner in errors {
                    self.push(findings, inner, &note);
                }
                return;
            }
        }
        if let ValidationErrorKind::OneOfMultipleValid { context } = error.kind() {
            let branches = choice
                .as_deref()
                .map_or_else(Vec::new, |p| branch::branches(document, p));
            let matched = branch::matched(context, &branches);
            let at = error.instance_path().as_str();
            findings.push_at(
                (self.location)(),
                self.body.then(|| at.to_owned()),
                Rule::OneOf,
                format!(
                    "the value matches {} of the `oneOf`, where exactly one must match{note}",
                    matched.join(" and ")
                ),
                choice,
            );
            return;
        }
        // Our schemas use no custom keywords; a keyword no rule names would be one, and is
        // reported under `schema` (its name is in the message).
        let rule = match error.kind().keyword() {
            "falseSchema" | "false" => self.false_schema_rule(findings, error),
            other => Rule::of_keyword(other).unwrap_or(Rule::Schema),
        };
        let at = error.instance_path().as_str();
        let secret_here = self
            .secret_places
            .iter()
            .any(|(place, _)| at.starts_with(place.as_str()));
        let message = match error.instance().as_ref() {
            Value::Object(_) | Value::Array(_) => error.masked().to_string(),
            _ if secret_here => error.masked().to_string(),
            _ => error.to_string(),
        };
        let message = match rule {
            Rule::ReadOnly => "a read-only property is not allowed in a request".to_owned(),
            Rule::WriteOnly => "a write-only property is not allowed in a response".to_owned(),
            _ => message,
        };
        let schema_path = spec_pointer(error.schema_path().as_str())
            .map(|pointer| as_written(&findings.spec.document, pointer))
            .or_else(|| Some(self.schema.to_owned()));
        let pointer = self.body.then(|| at.to_owned());
        findings.push_at(
            (self.location)(),
            pointer,
            rule,
            format!("{message}{note}"),
            schema_path,
        );
    }
}

impl Place<'_> {
    /// The rule a `false` schema breaks: the conversion writes one for a property the
    /// direction forbids (`readOnly` in a request, `writeOnly` in a response); any other is
    /// the spec's own (`items: false` after `prefixItems`), named by the keyword holding it.
    fn false_schema_rule(&self, findings: &Collector<'_>, error: &ValidationError<'_>) -> Rule {
        let (flag, rule) = match self.direction {
            Direction::Request => ("readOnly", Rule::ReadOnly),
            Direction::Response => ("writeOnly", Rule::WriteOnly),
        };
        let Some(pointer) = spec_pointer(error.schema_path().as_str()) else {
            return Rule::Schema;
        };
        let pointer = as_written(&findings.spec.document, pointer);
        let document = &findings.spec.document;
        let forbidden = pointer.rsplit_once("/properties/").is_some()
            && document.pointer(&pointer).is_some_and(|p| {
                confirmspec_spec::resolve(document, p).get(flag) == Some(&Value::Bool(true))
            });
        if forbidden {
            return rule;
        }
        let keyword = pointer.rsplit('/').find(|s| s.parse::<usize>().is_err());
        keyword.and_then(Rule::of_keyword).unwrap_or(Rule::Schema)
    }
}

/// The spec pointer of a keyword in a generated schema document:
/// `/$defs/request/~1components~1schemas~1X/properties/a/type` -> `/components/schemas/X/properties/a/type`.
pub(super) fn spec_pointer(schema_path: &str) -> Option<String> {
    let rest = schema_path
        .strip_prefix("/$defs/request/")
        .or_else(|| schema_path.strip_prefix("/$defs/response/"))?;
    let (key, tail) = rest.split_once('/').map_or((rest, ""), |(k, t)| (k, t));
    let pointer = key.replace("~1", "/").replace("~0", "~");
    Some(if tail.is_empty() {
        pointer
    } else {
        format!("{pointer}/{tail}")
    })
}

/// A spec pointer made from a generated schema's path, said as the spec writes it where the
/// conversion renamed a keyword: a draft-4 tuple (`items` as a list) became `prefixItems`, and
/// its `additionalItems` became `items`.
fn as_written(document: &Value, pointer: String) -> String {
    if !pointer.contains("Items") && !pointer.contains("/items") {
        return pointer;
    }
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    let mut written = String::with_capacity(pointer.len() + 16);
    for (i, token) in tokens.iter().enumerate() {
        let tuple = document
            .pointer(&written)
            .and_then(|node| node.get("items"))
            .is_some_and(Value::is_array);
        let member_follows = tokens
            .get(i + 1)
            .is_some_and(|t| t.parse::<usize>().is_ok());
        written.push('/');
        written.push_str(match *token {
            "prefixItems" if tuple => "items",
            "items" if tuple && !member_follows => "additionalItems",
            other => other,
        });
    }
    written
}

#[cfg(test)]
mod tests {
    use super::{as_written, stopped_by_depth};
    use serde_json::json;

    #[test]
    fn only_a_body_too_deep_is_told_from_a_syntax_error() {
        let error = |body: &[u8]| serde_json::from_slice::<serde_json::Value>(body).unwrap_err();
        let deep = "[".repeat(200);
        assert!(stopped_by_depth(deep.as_bytes(), &error(deep.as_bytes())));
        let deep_objects = "{\"a\":".repeat(200);
        assert!(stopped_by_depth(
            deep_objects.as_bytes(),
            &error(deep_objects.as_bytes())
        ));
        // Broken at a bracket, but shallow; broken deep inside, but before the limit.
        for broken in [
            "{\"a\": [1, 2,, 3]}".to_owned(),
            "[{]".to_owned(),
            format!("{}1 2", "[".repeat(100)),
            "[".repeat(100),
        ] {
            assert!(
                !stopped_by_depth(broken.as_bytes(), &error(broken.as_bytes())),
                "{broken}"
            );
        }
    }

    #[test]
    fn a_draft_4_tuple_is_named_as_written() {
        let document = json!({"definitions": {"P": {
            "items": [{"type": "number"}, {"type": "number"}],
            "additionalItems": false
        }, "Q": {"items": {"type": "string"}}}});
        let written = |p: &str| as_written(&document, p.to_owned());
        assert_eq!(
            written("/definitions/P/prefixItems/1/type"),
            "/definitions/P/items/1/type"
        );
        assert_eq!(
            written("/definitions/P/items"),
            "/definitions/P/additionalItems"
        );
        assert_eq!(
            written("/definitions/Q/items/type"),
            "/definitions/Q/items/type"
        );
    }
}
