//! Operations matched across the specs, and what each one's comparison covers: its path and
//! operationId, its parameters here; its bodies and statuses in [`super::bodies`], its
//! security in [`super::security`]; schemas in [`super::schema`].

use serde_json::Value;

use super::matching::{Operation, operations};
use super::schema::{self, Direction, Value as SchemaAt};
use super::{ChangeRule as R, Differ, Finding, Side, bodies, security, servers, snake};
use crate::model::Param;

/// Compares the whole specs.
pub(super) fn compare(d: &mut Differ<'_>) {
    servers::compare(d);
    security::schemes(d);
    let old = operations(d.old);
    let new = operations(d.new);
    let mut matched = vec![false; old.len()];
    for n in &new {
        let found = old
            .iter()
            .enumerate()
            .find(|(i, o)| !matched[*i] && o.key == n.key)
            .or_else(|| {
                old.iter().enumerate().find(|(i, o)| {
                    !matched[*i]
                        && o.id.is_some()
                        && o.id == n.id
                        && !new.iter().any(|x| x.key == o.key)
                })
            });
        d.operation = Some(n.name());
        match found {
            Some((i, o)) => {
                matched[i] = true;
                operation(d, o, n);
            }
            None => d.push(Finding {
                rule: R::OperationAdded,
                location: "operation",
                field: None,
                old: None,
                new: Some(&n.pointer),
                message: format!("{} {} is added", n.method.to_uppercase(), n.path),
                client: format!("a new method {}", n.method_name()),
            }),
        }
    }
    for (o, _) in old.iter().zip(&matched).filter(|(_, m)| !**m) {
        d.operation = Some(o.name());
        d.push(Finding {
            rule: R::OperationRemoved,
            location: "operation",
            field: None,
            old: Some(&o.pointer),
            new: None,
            message: format!("{} {} is removed", o.method.to_uppercase(), o.path),
            client: format!(
                "{} disappears; code calling it stops compiling",
                o.method_name()
            ),
        });
    }
    d.operation = None;
}

fn operation(d: &mut Differ<'_>, o: &Operation, n: &Operation) {
    if o.key != n.key {
        d.push(Finding {
            rule: R::OperationMoved,
            location: "request.path",
            field: None,
            old: Some(&o.pointer),
            new: Some(&n.pointer),
            message: format!(
                "{} {} moved to {} {}",
                o.method.to_uppercase(),
                o.path,
                n.method.to_uppercase(),
                n.path
            ),
            client: format!(
                "{} keeps its name and calls the new path; a client built from the old spec calls the old one",
                n.method_name()
            ),
        });
    }
    if o.id != n.id && o.id.is_some() && n.id.is_some() {
        d.push(Finding {
            rule: R::OperationIdChanged,
            location: "operation",
            field: None,
            old: Some(&format!("{}/operationId", o.pointer)),
            new: Some(&format!("{}/operationId", n.pointer)),
            message: format!(
                "the operationId `{}` becomes `{}`",
                o.id.as_deref().unwrap_or_default(),
                n.id.as_deref().unwrap_or_default()
            ),
            client: format!(
                "{} is renamed `{}`; code calling it stops compiling",
                o.method_name(),
                snake(n.id.as_deref().unwrap_or_default())
            ),
        });
    }
    parameters(d, o, n);
    bodies::request(d, o, n);
    bodies::responses(d, o, n);
    security::requirements(d, o, n);
}

/// An operation's parameters, path-level ones included (listed first): (`in`, name) ->
/// pointer.
fn parameters_of(side: Side<'_>, operation: &Operation) -> Vec<(String, String, String)> {
    let params = &side.operations[operation.model].params;
    let (inherited, mine): (Vec<&Param>, Vec<&Param>) = params.iter().partition(|p| p.inherited);
    inherited
        .into_iter()
        .chain(mine)
        .map(|p| {
            (
                p.location.as_str().to_owned(),
                p.name.clone(),
                p.pointer.clone(),
            )
        })
        .collect()
}

fn required(side: Side<'_>, pointer: &str) -> bool {
    side.at(pointer)
        .and_then(|node| node.get("required"))
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

fn parameters(d: &mut Differ<'_>, o: &Operation, n: &Operation) {
    let old = parameters_of(d.old, o);
    let new = parameters_of(d.new, n);
    for (place, name, new_pointer) in &new {
        let location = format!("request.{place}.{name}");
        let builder = format!("`.{}(..)`", snake(name));
        let new_required = place == "path" || required(d.new, new_pointer);
        let Some((_, _, old_pointer)) = old.iter().find(|(p, m, _)| p == place && m == name) else {
            let (rule, client) = if new_required {
                (
                    R::RequiredParameterAdded,
                    format!(
                        "the builder's {builder} must be called; calls without it fail with `Error::InvalidRequest`, unsent"
                    ),
                )
            } else {
                (R::ParameterAdded, format!("a new builder method {builder}"))
            };
            d.push(Finding {
                rule,
                location: &location,
                field: None,
                old: None,
                new: Some(new_pointer),
                message: format!(
                    "{} {place} parameter `{name}` is added",
                    if new_required {
                        "a required"
                    } else {
                        "an optional"
                    }
                ),
                client,
            });
            continue;
        };
        let old_required = place == "path" || required(d.old, old_pointer);
        if old_required != new_required {
            let (rule, message, client) = if new_required {
                (
                    R::ParameterMadeRequired,
                    "becomes required",
                    format!(
                        "calls that do not call {builder} fail with `Error::InvalidRequest`, unsent"
                    ),
                )
            } else {
                (
                    R::ParameterMadeOptional,
                    "becomes optional",
                    format!("{builder} may be left out"),
                )
            };
            d.push(Finding {
                rule,
                location: &location,
                field: None,
                old: Some(&format!("{old_pointer}/required")),
                new: Some(&format!("{new_pointer}/required")),
                message: format!("the {place} parameter `{name}` {message}"),
                client,
            });
        }
        schema::compare(
            d,
            Direction::Request,
            &location,
            SchemaAt::at(format!("{old_pointer}/schema")),
            SchemaAt::at(format!("{new_pointer}/schema")),
            &format!("the {place} parameter `{name}`"),
            new_required,
        );
    }
    for (place, name, old_pointer) in &old {
        if !new.iter().any(|(p, m, _)| p == place && m == name) {
            d.push(Finding {
                rule: R::ParameterRemoved,
                location: &format!("request.{place}.{name}"),
                field: None,
                old: Some(old_pointer),
                new: None,
                message: format!("the {place} parameter `{name}` is removed"),
                client: format!(
                    "the builder's `.{}(..)` disappears; code calling it stops compiling",
                    snake(name)
                ),
            });
        }
    }
}
