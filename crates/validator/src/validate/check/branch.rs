//! The branch a value was meant for, when it matches no branch of an `anyOf`/`oneOf` (one the
//! discriminator did not already choose: the conversion turns a discriminated choice into
//! `if`/`then` on the discriminating property, so its errors are the chosen branch's).
//!
//! The branch is the one whose shape the value has: all of its `required` properties present,
//! then the most of the value's keys among its declared properties (`allOf` members' too),
//! then the fewest errors, then the errors that lie deepest in the value, then the first. A
//! transaction with a bad currency is reported against `Transaction`, not against the error
//! envelope that shares one of its keys.

use std::collections::BTreeSet;

use jsonschema::ValidationError;
use serde_json::Value;

use confirmspec_spec::resolve;

/// What a branch declares: its properties and its required ones.
#[derive(Default)]
struct Shape {
    declared: BTreeSet<String>,
    required: BTreeSet<String>,
}

impl Shape {
    /// The shape of `schema` (in `document`), through `$ref`s and `allOf` members.
    fn of(document: &Value, schema: &Value, depth: usize) -> Shape {
        let mut shape = Shape::default();
        let schema = resolve(document, schema);
        if let Some(Value::Object(properties)) = schema.get("properties") {
            shape.declared.extend(properties.keys().cloned());
        }
        if let Some(Value::Array(required)) = schema.get("required") {
            shape
                .required
                .extend(required.iter().filter_map(Value::as_str).map(str::to_owned));
        }
        if depth < 8
            && let Some(Value::Array(members)) = schema.get("allOf")
        {
            for member in members {
                let inner = Shape::of(document, member, depth + 1);
                shape.declared.extend(inner.declared);
                shape.required.extend(inner.required);
            }
        }
        shape
    }
}

/// A branch of the choice that failed: its name and what it declares.
pub(super) struct Branch {
    /// The component it names (`Transaction`), or `branch N`.
    pub name: String,
    shape: Shape,
}

/// The branches of the `anyOf`/`oneOf` at `pointer` (the keyword's pointer in the spec).
pub(super) fn branches(document: &Value, pointer: &str) -> Vec<Branch> {
    let Some(Value::Array(list)) = document.pointer(pointer) else {
        return Vec::new();
    };
    list.iter()
        .enumerate()
        .map(|(i, branch)| Branch {
            name: branch
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.rsplit('/').next())
                .map_or_else(|| format!("branch {}", i + 1), |n| format!("`{n}`")),
            shape: Shape::of(document, branch, 0),
        })
        .collect()
}

/// The branch (index and errors) `value` was meant for, among those with errors; `branches`
/// describes them (empty when the spec's list could not be found: then errors alone decide).
pub(super) fn meant_for<'c>(
    context: &'c [Vec<ValidationError<'static>>],
    branches: &[Branch],
    value: Option<&Value>,
) -> Option<(usize, &'c [ValidationError<'static>])> {
    let object = value.and_then(Value::as_object);
    context
        .iter()
        .enumerate()
        .filter(|(_, errors)| !errors.is_empty())
        .min_by_key(|(i, errors)| {
            let (complete, fits) = match (object, branches.get(*i)) {
                (Some(object), Some(branch)) => (
                    branch.shape.required.iter().all(|r| object.contains_key(r)),
                    object
                        .keys()
                        .filter(|k| branch.shape.declared.contains(*k))
                        .count(),
                ),
                _ => (true, 0),
            };
            let depth = |e: &ValidationError<'_>| e.instance_path().as_str().matches('/').count();
            let shallowest = errors.iter().map(depth).min().unwrap_or(0);
            (
                std::cmp::Reverse(complete),
                std::cmp::Reverse(fits),
                errors.len(),
                std::cmp::Reverse(shallowest),
            )
        })
        .map(|(branch, errors)| (branch, errors.as_slice()))
}

/// The names of the branches a value matched (a `oneOf` that more than one accepts).
pub(super) fn matched(
    context: &[Vec<ValidationError<'static>>],
    branches: &[Branch],
) -> Vec<String> {
    context
        .iter()
        .enumerate()
        .filter(|(_, errors)| errors.is_empty())
        .map(|(i, _)| {
            branches
                .get(i)
                .map_or_else(|| format!("branch {}", i + 1), |b| b.name.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_branch_is_chosen_by_the_keys_it_declares_and_requires() {
        let document = json!({"components": {"schemas": {
            "Transaction": {"required": ["id"], "properties": {"id": {}, "status": {}, "currency": {"$ref": "#/components/schemas/Currency"}}},
            "Currency": {"enum": ["UZS"]},
            "Envelope": {"allOf": [{"properties": {"status": {"type": "object"}}, "required": ["status"]}]},
            "Choice": {"anyOf": [{"$ref": "#/components/schemas/Envelope"}, {"$ref": "#/components/schemas/Transaction"}]},
        }}});
        let branches = branches(&document, "/components/schemas/Choice/anyOf");
        assert_eq!(branches.len(), 2);
        assert_eq!(branches[0].name, "`Envelope`");
        assert!(branches[0].shape.required.contains("status"));
        assert!(branches[1].shape.declared.contains("currency"));
        assert!(self::branches(&document, "/nothing").is_empty());
    }
}
