//! An operation's request body, response statuses and response bodies compared: media types,
//! required flags, documented statuses (ranges and `default` included); the schemas of the
//! media types both specs have go to [`super::schema`].

use super::matching::Operation;
use super::schema::{self, Direction, Value as SchemaAt};
use super::{Breaks, ChangeRule as R, Class, Differ, Finding, Side};
use crate::covering_status;
use crate::model::Media;
/// Media types as the model reads them: type (lower-case) -> its pointer.
fn media_types(media: &[Media]) -> Vec<(String, String)> {
    media
        .iter()
        .map(|m| (m.range.clone(), m.pointer.clone()))
        .collect()
}

pub(super) fn request(d: &mut Differ<'_>, o: &Operation, n: &Operation) {
    let old = d.old.operations[o.model].body.as_ref();
    let new = d.new.operations[n.model].body.as_ref();
    let location = "request.body";
    match (old, new) {
        (None, None) => {}
        (None, Some(body)) => {
            let (new, required) = (body.pointer.clone(), body.required);
            let finding = Finding {
                rule: R::RequestBodyAdded,
                location,
                field: None,
                old: None,
                new: Some(&new),
                message: "a request body is added".into(),
                client: "the builder gains `.body(..)`".into(),
            };
            if required {
                d.push(finding);
            } else {
                d.push_as(Class::Warning, &[Breaks::Code], finding);
            }
        }
        (Some(body), None) => d.push(Finding {
            rule: R::RequestBodyRemoved,
            location,
            field: None,
            old: Some(&body.pointer),
            new: None,
            message: "the request body is removed".into(),
            client: "the builder's `.body(..)` disappears; code calling it stops compiling".into(),
        }),
        (Some(old_body), Some(new_body)) => {
            let (old, new) = (&old_body.pointer, &new_body.pointer);
            let (old_required, new_required) = (old_body.required, new_body.required);
            if old_required != new_required {
                let (rule, message) = if new_required {
                    (R::RequestBodyMadeRequired, "becomes required")
                } else {
                    (R::RequestBodyMadeOptional, "becomes optional")
                };
                d.push(Finding {
                    rule,
                    location,
                    field: None,
                    old: Some(old),
                    new: Some(new),
                    message: format!("the request body {message}"),
                    client: if new_required {
                        "calls without `.body(..)` fail with `Error::InvalidRequest`, unsent".into()
                    } else {
                        "`.body(..)` may be left out".into()
                    },
                });
            }
            let (old_media, new_media) =
                (media_types(&old_body.media), media_types(&new_body.media));
            content(d, Direction::Request, location, &old_media, &new_media);
        }
    }
}

/// Compares the media types of two `content` maps and the schemas of the ones in both.
fn content(
    d: &mut Differ<'_>,
    direction: Direction,
    location: &str,
    old_types: &[(String, String)],
    new_types: &[(String, String)],
) {
    let header = format!("{}.header.content-type", direction.side());
    for (media, new_pointer) in new_types {
        match old_types.iter().find(|(m, _)| m == media) {
            Some((_, old_pointer)) => schema::compare(
                d,
                direction,
                location,
                SchemaAt::at(format!("{old_pointer}/schema")),
                SchemaAt::at(format!("{new_pointer}/schema")),
                "the body",
                true,
            ),
            None if old_types.is_empty() => {}
            None => {
                let (rule, client) = match direction {
                    Direction::Request => (
                        R::RequestMediaTypeAdded,
                        "the generated client keeps sending the first media type".to_owned(),
                    ),
                    Direction::Response => (
                        R::ResponseMediaTypeAdded,
                        format!(
                            "an answer in `{media}` may not decode in the old client (`Error::InvalidBody`)"
                        ),
                    ),
                };
                d.push(Finding {
                    rule,
                    location: &header,
                    field: None,
                    old: None,
                    new: Some(new_pointer),
                    message: format!("`{media}` is added"),
                    client,
                });
            }
        }
    }
    if new_types.is_empty() {
        return;
    }
    for (media, old_pointer) in old_types {
        if !new_types.iter().any(|(m, _)| m == media) {
            let (rule, client) = match direction {
                Direction::Request => (
                    R::RequestMediaTypeRemoved,
                    format!("an old client sending `{media}` is refused"),
                ),
                Direction::Response => (
                    R::ResponseMediaTypeRemoved,
                    "nothing changes for the client".to_owned(),
                ),
            };
            d.push(Finding {
                rule,
                location: &header,
                field: None,
                old: Some(old_pointer),
                new: None,
                message: format!("`{media}` is removed"),
                client,
            });
        }
    }
}

/// The documented statuses of an operation: key ("200", "4XX", "default") -> pointer.
fn statuses(side: Side<'_>, operation: &Operation) -> Vec<(String, String)> {
    side.operations[operation.model]
        .responses
        .iter()
        .map(|r| (r.key.clone(), r.pointer.clone()))
        .collect()
}

/// Whether a status the old spec did not list was covered already: by its range (`4XX`) or,
/// for an error status, by `default` (a new success is never covered by `default`: the
/// generated client's success type does not come from it).
fn covers(keys: &[(String, String)], status: &str) -> bool {
    let keys = keys.iter().map(|(key, _)| key.as_str());
    match status.parse::<u16>() {
        Ok(code) => covering_status(keys, code)
            .is_some_and(|key| key != "default" || !(200..300).contains(&code)),
        // A new range: only `default` covered it, and never a success range.
        Err(_) => !status.starts_with('2') && keys.clone().any(|key| key == "default"),
    }
}

pub(super) fn responses(d: &mut Differ<'_>, o: &Operation, n: &Operation) {
    let old = statuses(d.old, o);
    let new = statuses(d.new, n);
    let location = "response.status";
    for (status, new_pointer) in &new {
        if let Some((_, old_pointer)) = old.iter().find(|(s, _)| s == status) {
            response(d, (o, n), status, old_pointer, new_pointer);
            continue;
        }
        let success = status.starts_with('2');
        let finding = |rule, client: String| Finding {
            rule,
            location,
            field: None,
            old: None,
            new: Some(new_pointer),
            message: format!("the response status {status} is added"),
            client,
        };
        if status == "default" {
            d.push(finding(
                R::ResponseDefaultAdded,
                "undocumented statuses carry the `default` body in `Error::Api`".into(),
            ));
        } else if covers(&old, status) {
            d.push_as(
                Class::Info,
                &[],
                finding(
                    R::ResponseStatusAdded,
                    format!("{status} was covered already; nothing changes for the old client"),
                ),
            );
        } else if success {
            d.push(finding(R::ResponseStatusAdded, format!("responses with status {status} become `Error::UnexpectedStatus` in the old client")));
        } else {
            d.push_as(Class::Warning, &[Breaks::Traffic], finding(R::ResponseStatusAdded, format!("the old client reports {status} as `Error::UnexpectedStatus`; the new one decodes its body in `Error::Api`")));
        }
    }
    for (status, old_pointer) in &old {
        if new.iter().any(|(s, _)| s == status) {
            continue;
        }
        let finding = |rule, client: &str| Finding {
            rule,
            location,
            field: None,
            old: Some(old_pointer),
            new: None,
            message: format!("the response status {status} is removed"),
            client: client.to_owned(),
        };
        if status == "default" {
            d.push(finding(
                R::ResponseDefaultRemoved,
                "statuses only `default` covered become `Error::UnexpectedStatus`",
            ));
        } else if status.starts_with('2') {
            d.push_as(
                Class::Warning,
                &[Breaks::Code],
                finding(
                    R::ResponseStatusRemoved,
                    "the method's success type may change",
                ),
            );
        } else {
            d.push(finding(
                R::ResponseStatusRemoved,
                "its body is no longer decoded in `Error::Api`",
            ));
        }
    }
}

/// Compares one status's response in both specs.
fn response(
    d: &mut Differ<'_>,
    (o, n): (&Operation, &Operation),
    status: &str,
    old: &str,
    new: &str,
) {
    let media = |side: Side<'_>, operation: &Operation| {
        let responses = &side.operations[operation.model].responses;
        responses
            .iter()
            .find(|r| r.key == status)
            .map(|r| media_types(&r.media))
            .unwrap_or_default()
    };
    let old_types = media(d.old, o);
    let new_types = media(d.new, n);
    let location = "response.body";
    match (old_types.is_empty(), new_types.is_empty()) {
        (true, false) => d.push(Finding {
            rule: R::ResponseBodyAdded,
            location,
            field: None,
            old: Some(old),
            new: Some(&format!("{new}/content")),
            message: format!("the {status} response gets a body"),
            client: "the method's return type changes from `()` to the body's type".into(),
        }),
        (false, true) => d.push(Finding {
            rule: R::ResponseBodyRemoved,
            location,
            field: None,
            old: Some(&format!("{old}/content")),
            new: Some(new),
            message: format!("the {status} response loses its body"),
            client: "the old client fails to decode the empty answer (`Error::InvalidBody`); the new method returns `()`".into(),
        }),
        _ => content(d, Direction::Response, location, &old_types, &new_types),
    }
}

#[cfg(test)]
mod tests {
    use super::covers;

    #[test]
    fn a_new_status_was_covered_by_its_range_or_for_an_error_by_default() {
        let keys = |list: &[&str]| -> Vec<(String, String)> {
            list.iter()
                .map(|k| (k.to_string(), String::new()))
                .collect()
        };
        assert!(covers(&keys(&["200", "4XX"]), "409"));
        assert!(covers(&keys(&["200", "default"]), "503"));
        assert!(!covers(&keys(&["200", "default"]), "202"));
        assert!(covers(&keys(&["2XX"]), "202"));
        assert!(covers(&keys(&["default"]), "5XX"));
        assert!(!covers(&keys(&["default"]), "2XX"));
        assert!(!covers(&keys(&["200"]), "404"));
    }
}
