//! The operations of a spec, and how they are told apart: by method and path template with
//! the parameter names left out (`PUT /a/{}`), then by operationId for one whose path moved.

use super::{Side, snake};

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
    /// Its index among its side's model operations.
    pub(super) model: usize,
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
    side.operations
        .iter()
        .enumerate()
        .map(|(index, operation)| {
            let method = operation.method.to_ascii_lowercase();
            Operation {
                key: format!("{method} {}", template(&operation.path)),
                method,
                path: operation.path.clone(),
                id: operation.operation_id.clone(),
                pointer: operation.pointer.clone(),
                model: index,
            }
        })
        .collect()
}

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
