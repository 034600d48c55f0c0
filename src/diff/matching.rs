//! The operations of a spec, and how they are told apart: by method and path template with
//! the parameter names left out (`PUT /a/{}`), then by operationId for one whose path moved.

use serde_json::Value;

use super::{Side, snake, token};
use crate::openapi::convert::is_method;

/// One operation of a spec.
pub(super) struct Operation {
    /// The method, lowercase.
    pub(super) method: String,
    /// The path template as written.
    pub(super) path: String,
    /// The method and the path template with its parameter names left out: what matches.
    pub(super) key: String,
    /// Its operationId.
    pub(super) id: Option<String>,
    /// Its pointer in the spec.
    pub(super) pointer: String,
    /// The pointer of its path item (for path-level parameters).
    pub(super) item: String,
}

impl Operation {
    /// Its operationId, else `METHOD /path`.
    pub(super) fn name(&self) -> String {
        match &self.id {
            Some(id) => id.clone(),
            None => format!("{} {}", self.method.to_uppercase(), self.path),
        }
    }

    /// The generated method's name, for messages.
    pub(super) fn method_name(&self) -> String {
        match &self.id {
            Some(id) => format!("`{}`", snake(id)),
            None => "the generated method".to_owned(),
        }
    }
}

/// The operations of a spec, in the order of its paths.
pub(super) fn operations(side: Side<'_>) -> Vec<Operation> {
    let mut out = Vec::new();
    let Some(Value::Object(paths)) = side.at("/paths") else {
        return out;
    };
    for (path, _) in paths {
        let item = format!("/paths/{}", token(path));
        let Some((item, node)) = side.follow(&item) else {
            continue;
        };
        let Some(methods) = node.as_object() else {
            continue;
        };
        for (method, operation) in methods {
            if !is_method(method) || !operation.is_object() {
                continue;
            }
            out.push(Operation {
                method: method.clone(),
                path: path.clone(),
                key: format!("{method} {}", template(path)),
                id: operation
                    .get("operationId")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                pointer: format!("{item}/{method}"),
                item: item.clone(),
            });
        }
    }
    out
}

/// A path template with its parameter names left out: `/a/{id}` -> `/a/{}`.
fn template(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut inside = false;
    for c in path.chars() {
        match c {
            '{' => {
                inside = true;
                out.push_str("{}");
            }
            '}' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}
