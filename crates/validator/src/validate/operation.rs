//! The public views of the spec model's operations: what routing found, and an operation's
//! names and statuses.

/// The operation a request calls, as routing alone finds it ([`Validator::route`](super::Validator::route)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The spec's name.
    pub spec: String,
    /// The operationId.
    pub operation: String,
    /// The operation's JSON pointer in its spec (`/paths/~1orders~1{id}/post`).
    pub pointer: String,
    /// The path parameters, by name, percent-decoded.
    pub path_params: Vec<(String, String)>,
}

/// A public view of an operation.
#[derive(Debug, Clone, Copy)]
pub struct OperationRef<'v> {
    /// The spec's name.
    pub spec: &'v str,
    /// The operationId.
    pub id: &'v str,
    /// The method, upper-case.
    pub method: &'v str,
    /// The path template.
    pub path: &'v str,
    /// The documented statuses (`200`, `4XX`, `default`).
    pub statuses: &'v [String],
}
