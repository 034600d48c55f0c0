//! The spec model: every operation of a loaded document with its merged parameters, request
//! body and responses per media type, security requirements as inherited and servers with
//! their variables, each with its JSON pointer (and so its file and line, through
//! [`Spec::source_of`]). It is read once from the document, in the one form every version is
//! translated into; the validator, the mock, `diff` and `generate` read it rather than the JSON.

mod parts;
mod secrets;

pub use secrets::{SECRET_FORMAT, marks_secret};

use serde_json::Value;

pub use parts::{
    Body, Credential, Encoding, In, Kind, Media, Param, ResponseDef, Security, kind_of,
};
use parts::{body, parameters, responses, security};

use super::convert::{escape, is_method, resolve_pointer};

/// A part of the document the model cannot read: its pointer, and the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{pointer}: {problem}")]
pub struct ModelError {
    /// Where.
    pub pointer: String,
    /// What is wrong.
    pub problem: String,
}

/// An operation of a spec, with everything about it resolved.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The index of its spec in the set it was built for.
    pub spec: usize,
    /// The operationId, or `METHOD /path` when it has none.
    pub id: String,
    /// The operationId as written.
    pub operation_id: Option<String>,
    /// The method, lower-case.
    pub method: String,
    /// The path template.
    pub path: String,
    /// The Operation Object's pointer.
    pub pointer: String,
    /// Its parameters and its path item's, merged.
    pub params: Vec<Param>,
    /// The security requirements in force.
    pub security: Security,
    /// Its request body.
    pub body: Option<Body>,
    /// Its documented responses.
    pub responses: Vec<ResponseDef>,
    /// The servers that apply at it (its own, its path item's, or the document's).
    pub servers: Vec<Server>,
    /// The hosts its servers name, lower-case.
    pub hosts: Vec<String>,
    /// The names of the path template's parameters, in order.
    pub path_params: Vec<String>,
}

impl Operation {
    /// The response documented for `status`: the exact code, then its `4XX`-style range, then
    /// `default`.
    pub fn response_for(&self, status: u16) -> Option<&ResponseDef> {
        let keys = self.responses.iter().map(|r| r.key.as_str());
        let key = super::covering_status(keys, status)?;
        self.responses.iter().find(|r| r.key == key)
    }
}

/// A server: its URL as written and its variables' values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    /// The URL as written, variables in braces.
    pub url: String,
    /// Its pointer (`/servers/0`, `/paths/~1a/servers/1`).
    pub pointer: String,
    /// Its variables.
    pub variables: Vec<Variable>,
}

/// A server variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variable {
    /// Its name.
    pub name: String,
    /// Its default.
    pub default: Option<String>,
    /// Its `enum`, and its `default` when the enum lacks it.
    pub values: Vec<String>,
}

impl Server {
    /// The URLs the server stands for: every combination of its variables' values.
    pub fn urls(&self) -> Vec<String> {
        let mut urls = vec![self.url.clone()];
        for Variable { name, values, .. } in &self.variables {
            let placeholder = format!("{{{name}}}");
            urls = urls
                .iter()
                .flat_map(|u| {
                    values
                        .iter()
                        .map(|v| u.replace(&placeholder, v))
                        .collect::<Vec<_>>()
                })
                .collect();
        }
        urls
    }

    /// The URL with each variable at its default.
    pub fn default_url(&self) -> String {
        let mut url = self.url.clone();
        for variable in &self.variables {
            let value = variable.default.as_deref().unwrap_or("");
            url = url.replace(&format!("{{{}}}", variable.name), value);
        }
        url
    }
}

/// The servers listed at `at` (`""` for the document's, an operation's or a path item's
/// pointer), or none when it lists none.
pub fn servers_at(document: &Value, at: &str) -> Vec<Server> {
    let Some(Value::Array(list)) = document.pointer(&format!("{at}/servers")) else {
        return Vec::new();
    };
    list.iter()
        .enumerate()
        .filter_map(|(i, server)| {
            let url = server.get("url")?.as_str()?.to_owned();
            let variables = server
                .get("variables")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|(name, variable)| {
                    let mut values: Vec<String> = variable
                        .get("enum")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect();
                    let default = variable.get("default").and_then(Value::as_str);
                    if let Some(default) = default
                        && !values.iter().any(|v| v == default)
                    {
                        values.push(default.to_owned());
                    }
                    Variable {
                        name: name.clone(),
                        default: default.map(str::to_owned),
                        values,
                    }
                })
                .collect();
            Some(Server {
                url,
                pointer: format!("{at}/servers/{i}"),
                variables,
            })
        })
        .collect()
}

/// The servers that apply at an operation: its own, else its path item's, else the
/// document's.
fn servers(document: &Value, operation: &str, item: &str) -> Vec<Server> {
    [operation, item, ""]
        .into_iter()
        .map(|at| servers_at(document, at))
        .find(|list| !list.is_empty())
        .unwrap_or_default()
}

/// The path of a server URL, without its trailing slash: the base path of its operations.
pub fn path_of(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = if url.contains("://") {
        after_scheme.find('/').map_or("", |i| &after_scheme[i..])
    } else {
        url
    };
    path.trim_end_matches('/').to_owned()
}

/// The host of a server URL, lower-case, without user or port.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    Some(host.split(':').next().unwrap_or(host).to_ascii_lowercase())
}

/// Reads every operation of a document in the one form (its `spec` index 0), and the parts it
/// could not read (a path that does not start with `/`, an operation that is not a mapping,
/// one without `responses`). A [`Spec`](crate::Spec) does this once, at load, and holds both
/// ([`Spec::operations`](crate::Spec::operations), [`Spec::model_problems`](crate::Spec::model_problems)).
pub(crate) fn read(document: &Value) -> (Vec<Operation>, Vec<ModelError>) {
    let mut out = Vec::new();
    let problems = operations(document, &mut out);
    (out, problems)
}

fn operations(document: &Value, out: &mut Vec<Operation>) -> Vec<ModelError> {
    let index = 0;
    let mut problems = Vec::new();
    let mut problem = |at: &str, text: &str| {
        problems.push(ModelError {
            pointer: at.to_owned(),
            problem: text.to_owned(),
        })
    };
    let Some(paths) = document.get("paths").and_then(Value::as_object) else {
        problem("/paths", "no `paths` mapping");
        return problems;
    };
    for path in paths.keys() {
        if !path.starts_with('/') {
            problem(
                &format!("/paths/{}", escape(path)),
                "a path must start with `/`",
            );
            continue;
        }
        let item_pointer = resolve_pointer(document, &format!("/paths/{}", escape(path)));
        let Some(item) = document.pointer(&item_pointer).and_then(Value::as_object) else {
            problem(&item_pointer, "a path item must be a mapping");
            continue;
        };
        for method in item.keys().filter(|m| is_method(m)) {
            // Some specs write whole operations as `$ref`s: follow them.
            let pointer = resolve_pointer(document, &format!("{item_pointer}/{method}"));
            let operation = document.pointer(&pointer).unwrap_or(&Value::Null);
            if !operation.is_object() {
                problem(&pointer, "an operation must be a mapping");
                continue;
            }
            let operation_id = operation
                .get("operationId")
                .and_then(Value::as_str)
                .map(str::to_owned);
            let id = operation_id
                .clone()
                .unwrap_or_else(|| format!("{} {path}", method.to_uppercase()));
            let servers = servers(document, &pointer, &item_pointer);
            let hosts = servers
                .iter()
                .flat_map(Server::urls)
                .filter_map(|url| host_of(&url))
                .collect();
            let responses = responses(document, &pointer).unwrap_or_else(|| {
                problem(
                    &format!("{pointer}/responses"),
                    "an operation needs a `responses` mapping",
                );
                Vec::new()
            });
            out.push(Operation {
                spec: index,
                id,
                operation_id,
                method: method.to_uppercase(),
                path: path.clone(),
                params: parameters(document, &item_pointer, &pointer),
                security: security(document, &pointer),
                body: body(document, &pointer),
                responses,
                servers,
                hosts,
                path_params: template_params(path),
                pointer,
            });
        }
    }
    problems
}

fn template_params(path: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}') else {
            break;
        };
        names.push(rest[start + 1..start + end].to_owned());
        rest = &rest[start + end + 1..];
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_urls_give_base_paths_and_hosts() {
        assert_eq!(path_of("https://api.example.com/v2/"), "/v2");
        assert_eq!(path_of("https://api.example.com"), "");
        assert_eq!(path_of("/api"), "/api");
        assert_eq!(
            host_of("https://user@API.example.com:8443/v1").as_deref(),
            Some("api.example.com")
        );
        let document = serde_json::json!({"servers": [{"url": "https://h/{version}",
            "variables": {"version": {"default": "v3", "enum": ["v1", "v2"]}}}]});
        let servers = servers_at(&document, "");
        assert_eq!(servers[0].pointer, "/servers/0");
        assert_eq!(
            servers[0].urls(),
            ["https://h/v1", "https://h/v2", "https://h/v3"]
        );
    }
}
