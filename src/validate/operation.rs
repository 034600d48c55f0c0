//! Every operation of every spec, compiled for checking: its parameters, security
//! requirements, bodies and responses, read once from the spec's JSON document.

use serde_json::Value;

use super::BuildError;
use crate::openapi::convert::{escape, is_method, resolve_pointer};
use crate::openapi::{Spec, resolve};

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum In {
    Path,
    Query,
    Header,
    Cookie,
}

impl In {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            In::Path => "path",
            In::Query => "query",
            In::Header => "header",
            In::Cookie => "cookie",
        }
    }
}

/// The JSON type a parameter's text is read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    String,
    Integer,
    Number,
    Boolean,
    Array(Box<Kind>),
    Object,
}

#[derive(Debug)]
pub(super) struct Param {
    pub name: String,
    pub location: In,
    pub required: bool,
    pub style: String,
    pub explode: bool,
    /// The pointer of the parameter's schema in the spec.
    pub schema: Option<String>,
    pub kind: Kind,
    /// The value is JSON (`content: application/json`) rather than styled text.
    pub json: bool,
    pub secret: bool,
}

#[derive(Debug)]
pub(super) struct Media {
    /// The media range as the spec writes it, lower-case.
    pub range: String,
    pub schema: Option<String>,
}

#[derive(Debug)]
pub(super) struct Body {
    pub required: bool,
    pub media: Vec<Media>,
    pub pointer: String,
}

#[derive(Debug)]
pub(super) struct HeaderDef {
    pub name: String,
    pub required: bool,
    pub schema: Option<String>,
    pub kind: Kind,
}

#[derive(Debug)]
pub(super) struct ResponseDef {
    /// `200`, `4XX` or `default`.
    pub key: String,
    pub media: Vec<Media>,
    pub headers: Vec<HeaderDef>,
    pub pointer: String,
}

/// How a security scheme's credential travels.
#[derive(Debug, Clone)]
pub(super) enum Credential {
    /// `Authorization: <scheme> <credentials>` for an http scheme (the scheme lower-case).
    Authorization(String),
    /// `Authorization: <any scheme> <token>`: an oauth2 or openIdConnect token. OpenAPI does
    /// not fix how one is written (RFC 6750 says `Bearer`; some providers, Yandex among
    /// them, have used `OAuth`), so any scheme with a token will do.
    Token,
    /// An API key in a header, query parameter or cookie.
    ApiKey(In, String),
    /// A scheme this validator cannot see in an exchange (mutualTLS, or an unknown type).
    Unknown,
}

#[derive(Debug, Clone)]
pub(super) struct Scheme {
    pub name: String,
    pub credential: Credential,
}

#[derive(Debug)]
pub(super) struct Operation {
    pub spec: usize,
    pub id: String,
    pub method: String,
    pub path: String,
    pub pointer: String,
    /// The pointer of its path item.
    pub item_pointer: String,
    pub params: Vec<Param>,
    /// Alternatives, each a set of schemes all required; empty: nothing required.
    pub security: Vec<Vec<Scheme>>,
    pub body: Option<Body>,
    pub responses: Vec<ResponseDef>,
    pub hosts: Vec<String>,
    /// The names of the path template's parameters, in order.
    pub path_params: Vec<String>,
}

impl Operation {
    /// The response documented for `status`: the exact code, then its `4XX`-style range, then
    /// `default`.
    pub(super) fn response_for(&self, status: u16) -> Option<&ResponseDef> {
        let keys = self.responses.iter().map(|r| r.key.as_str());
        let key = crate::openapi::covering_status(keys, status)?;
        self.responses.iter().find(|r| r.key == key)
    }
}

/// The servers that apply at an operation: `(url, variables)`.
pub(super) fn servers(
    spec: &Spec,
    operation_pointer: &str,
    item_pointer: &str,
) -> Vec<(String, Value)> {
    let document = &spec.document;
    for at in [operation_pointer, item_pointer, ""] {
        if let Some(Value::Array(list)) = document.pointer(&format!("{at}/servers"))
            && !list.is_empty()
        {
            return list
                .iter()
                .filter_map(|server| {
                    let url = server.get("url")?.as_str()?.to_owned();
                    Some((url, server.get("variables").cloned().unwrap_or(Value::Null)))
                })
                .collect();
        }
    }
    Vec::new()
}

/// A server URL with its variables substituted: each enum value, or the default.
pub(super) fn expand(url: &str, variables: &Value) -> Vec<String> {
    let mut urls = vec![url.to_owned()];
    if let Value::Object(variables) = variables {
        for (name, variable) in variables {
            let mut values: Vec<String> = variable
                .get("enum")
                .and_then(Value::as_array)
                .map(|e| {
                    e.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default();
            if let Some(default) = variable.get("default").and_then(Value::as_str)
                && !values.iter().any(|v| v == default)
            {
                values.push(default.to_owned());
            }
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
    }
    urls
}

pub(super) fn path_of(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = if url.contains("://") {
        after_scheme.find('/').map_or("", |i| &after_scheme[i..])
    } else {
        url
    };
    path.trim_end_matches('/').to_owned()
}

pub(super) fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    Some(host.split(':').next().unwrap_or(host).to_ascii_lowercase())
}

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

pub(super) fn compile_spec(
    index: usize,
    spec: &Spec,
    out: &mut Vec<Operation>,
) -> Result<(), BuildError> {
    let document = &spec.document;
    let problem = |at: &str, text: String| BuildError::Spec {
        file: spec.file.display().to_string(),
        problem: format!("at {at}: {text}"),
    };
    let Some(paths) = document.get("paths").and_then(Value::as_object) else {
        return Err(problem("/paths", "no `paths` mapping".into()));
    };
    for path in paths.keys() {
        if !path.starts_with('/') {
            return Err(problem(
                &format!("/paths/{}", escape(path)),
                "a path must start with `/`".into(),
            ));
        }
        let item_pointer = resolve_pointer(document, &format!("/paths/{}", escape(path)));
        let Some(item) = document.pointer(&item_pointer).and_then(Value::as_object) else {
            return Err(problem(
                &item_pointer,
                "a path item must be a mapping".into(),
            ));
        };
        for method in item.keys().filter(|m| is_method(m)) {
            // Some specs write whole operations as `$ref`s: follow them.
            let pointer = resolve_pointer(document, &format!("{item_pointer}/{method}"));
            let operation = document.pointer(&pointer).unwrap_or(&Value::Null);
            if !operation.is_object() {
                return Err(problem(&pointer, "an operation must be a mapping".into()));
            }
            let id = operation
                .get("operationId")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .unwrap_or_else(|| format!("{} {path}", method.to_uppercase()));
            let hosts = servers(spec, &pointer, &item_pointer)
                .iter()
                .flat_map(|(url, variables)| expand(url, variables))
                .filter_map(|url| host_of(&url))
                .collect();
            out.push(Operation {
                spec: index,
                id,
                method: method.to_uppercase(),
                path: path.clone(),
                params: parameters(document, &item_pointer, &pointer),
                security: security(document, operation),
                body: body(document, &pointer),
                responses: responses(document, &pointer)
                    .map_err(|text| problem(&format!("{pointer}/responses"), text))?,
                hosts,
                path_params: template_params(path),
                item_pointer: item_pointer.clone(),
                pointer,
            });
        }
    }
    Ok(())
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

/// The parameters of an operation: its own, and its path item's that it does not override.
fn parameters(document: &Value, item: &str, operation: &str) -> Vec<Param> {
    let mut params: Vec<Param> = Vec::new();
    for owner in [operation, item] {
        let Some(Value::Array(list)) = document.pointer(&format!("{owner}/parameters")) else {
            continue;
        };
        for i in 0..list.len() {
            let at = resolve_pointer(document, &format!("{owner}/parameters/{i}"));
            let Some(param) = document.pointer(&at) else {
                continue;
            };
            let (Some(name), Some(location)) = (
                param.get("name").and_then(Value::as_str),
                param.get("in").and_then(Value::as_str).and_then(parse_in),
            ) else {
                continue;
            };
            let key_matches = |p: &Param| {
                p.location == location
                    && if location == In::Header {
                        p.name.eq_ignore_ascii_case(name)
                    } else {
                        p.name == name
                    }
            };
            if params.iter().any(key_matches) {
                continue;
            }
            let (schema, json) = match param.get("content").and_then(Value::as_object) {
                Some(content) => {
                    let media = content.keys().next().cloned().unwrap_or_default();
                    (
                        Some(format!("{at}/content/{}/schema", escape(&media))),
                        true,
                    )
                }
                None => (param.get("schema").map(|_| format!("{at}/schema")), false),
            };
            let schema_node = schema.as_deref().and_then(|s| document.pointer(s));
            let style = param
                .get("style")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .unwrap_or_else(|| {
                    match location {
                        In::Query | In::Cookie => "form",
                        In::Path | In::Header => "simple",
                    }
                    .to_owned()
                });
            let explode = param
                .get("explode")
                .and_then(Value::as_bool)
                .unwrap_or(style == "form");
            params.push(Param {
                name: if location == In::Header {
                    name.to_ascii_lowercase()
                } else {
                    name.to_owned()
                },
                location,
                required: location == In::Path
                    || param.get("required").and_then(Value::as_bool) == Some(true),
                style,
                explode,
                kind: schema_node.map_or(Kind::String, |s| kind_of(document, s)),
                secret: schema_node.is_some_and(|s| is_password(document, s)),
                schema,
                json,
            });
        }
    }
    params
}

fn parse_in(text: &str) -> Option<In> {
    match text {
        "path" => Some(In::Path),
        "query" => Some(In::Query),
        "header" => Some(In::Header),
        "cookie" => Some(In::Cookie),
        _ => None,
    }
}

/// The JSON type to read a parameter's text as.
pub(super) fn kind_of(document: &Value, schema: &Value) -> Kind {
    let schema = resolve(document, schema);
    let declared = schema.get("type").and_then(Value::as_str).or_else(|| {
        // `allOf: [{$ref}]` and the like: the first member that says.
        ["allOf", "oneOf", "anyOf"].iter().find_map(|k| {
            schema
                .get(*k)?
                .as_array()?
                .iter()
                .find_map(|m| resolve(document, m).get("type")?.as_str())
        })
    });
    match declared {
        Some("integer") => Kind::Integer,
        Some("number") => Kind::Number,
        Some("boolean") => Kind::Boolean,
        Some("object") => Kind::Object,
        Some("array") => Kind::Array(Box::new(
            schema
                .get("items")
                .map_or(Kind::String, |items| kind_of(document, items)),
        )),
        _ => Kind::String,
    }
}

fn is_password(document: &Value, schema: &Value) -> bool {
    resolve(document, schema)
        .get("format")
        .and_then(Value::as_str)
        == Some("password")
}

fn security(document: &Value, operation: &Value) -> Vec<Vec<Scheme>> {
    let Some(Value::Array(requirements)) = operation
        .get("security")
        .or_else(|| document.get("security"))
    else {
        return Vec::new();
    };
    requirements
        .iter()
        .filter_map(Value::as_object)
        .map(|requirement| {
            requirement
                .keys()
                .map(|name| {
                    let scheme = document
                        .pointer(&format!("/components/securitySchemes/{}", escape(name)))
                        .map(|s| resolve(document, s));
                    Scheme {
                        name: name.clone(),
                        credential: scheme.map_or(Credential::Unknown, credential),
                    }
                })
                .collect()
        })
        .collect()
}

fn credential(scheme: &Value) -> Credential {
    let text = |key: &str| scheme.get(key).and_then(Value::as_str).unwrap_or_default();
    match text("type") {
        "http" => Credential::Authorization(text("scheme").to_ascii_lowercase()),
        "oauth2" | "openIdConnect" => Credential::Token,
        "apiKey" => match parse_in(text("in")) {
            Some(location @ (In::Header | In::Query | In::Cookie)) => Credential::ApiKey(
                location,
                if location == In::Header {
                    text("name").to_ascii_lowercase()
                } else {
                    text("name").to_owned()
                },
            ),
            _ => Credential::Unknown,
        },
        _ => Credential::Unknown,
    }
}

fn media_list(document: &Value, at: &str) -> Vec<Media> {
    let Some(Value::Object(content)) = document.pointer(&format!("{at}/content")) else {
        return Vec::new();
    };
    content
        .iter()
        .map(|(range, media)| Media {
            range: range.to_ascii_lowercase(),
            schema: media
                .get("schema")
                .map(|_| format!("{at}/content/{}/schema", escape(range))),
        })
        .collect()
}

fn body(document: &Value, operation: &str) -> Option<Body> {
    document.pointer(&format!("{operation}/requestBody"))?;
    let at = resolve_pointer(document, &format!("{operation}/requestBody"));
    let required = document
        .pointer(&format!("{at}/required"))
        .and_then(Value::as_bool)
        == Some(true);
    Some(Body {
        required,
        media: media_list(document, &at),
        pointer: at,
    })
}

fn responses(document: &Value, operation: &str) -> Result<Vec<ResponseDef>, String> {
    let Some(Value::Object(responses)) = document.pointer(&format!("{operation}/responses")) else {
        return Err("an operation needs a `responses` mapping".into());
    };
    let mut out = Vec::new();
    for key in responses.keys() {
        let at = resolve_pointer(document, &format!("{operation}/responses/{}", escape(key)));
        let mut headers = Vec::new();
        if let Some(Value::Object(declared)) = document.pointer(&format!("{at}/headers")) {
            for name in declared.keys() {
                if name.eq_ignore_ascii_case("content-type") {
                    continue;
                }
                let header = resolve_pointer(document, &format!("{at}/headers/{}", escape(name)));
                let node = document.pointer(&header);
                let schema = node.and_then(|h| h.get("schema"));
                headers.push(HeaderDef {
                    name: name.to_ascii_lowercase(),
                    required: node
                        .and_then(|h| h.get("required"))
                        .and_then(Value::as_bool)
                        == Some(true),
                    schema: schema.map(|_| format!("{header}/schema")),
                    kind: schema.map_or(Kind::String, |s| kind_of(document, s)),
                });
            }
        }
        out.push(ResponseDef {
            key: key.clone(),
            media: media_list(document, &at),
            headers,
            pointer: at,
        });
    }
    Ok(out)
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
        let variables = serde_json::json!({"version": {"default": "v1", "enum": ["v1", "v2"]}});
        assert_eq!(
            expand("https://h/{version}", &variables),
            ["https://h/v1", "https://h/v2"]
        );
    }
}
