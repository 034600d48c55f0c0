//! The parts of an operation in the model: parameters, bodies and media types, responses and
//! their headers, security requirements and schemes, each read once from the document.

use serde_json::Value;

use crate::convert::{escape, resolve_pointer};
use crate::resolve;

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum In {
    /// In the path (`{name}`).
    Path,
    /// In the query string.
    Query,
    /// In a header.
    Header,
    /// In a cookie.
    Cookie,
}

impl In {
    /// As OpenAPI spells it (`path`, `query`, `header`, `cookie`).
    pub fn as_str(self) -> &'static str {
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
pub enum Kind {
    /// Text as it is.
    String,
    /// A whole number.
    Integer,
    /// A number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A list of values of a kind.
    Array(Box<Kind>),
    /// An object.
    Object,
}

/// A parameter of an operation (its own, or its path item's).
#[derive(Debug, Clone)]
pub struct Param {
    /// Its name (a header's lower-case, as headers are compared).
    pub name: String,
    /// Its name as the spec writes it.
    pub name_as_written: String,
    /// Where the parameter is written (its `$ref` followed).
    pub pointer: String,
    /// Listed by the path item, not the operation.
    pub inherited: bool,
    /// Where it travels.
    pub location: In,
    /// Whether it must be sent.
    pub required: bool,
    /// How it is written (`simple`, `form`, `deepObject`, ...), its default filled in.
    pub style: String,
    /// Whether an array or object is written as separate values.
    pub explode: bool,
    /// The pointer of the parameter's schema in the spec.
    pub schema: Option<String>,
    /// The JSON type its text is read as.
    pub kind: Kind,
    /// The value is JSON (`content: application/json`) rather than styled text.
    pub json: bool,
    /// Whether it carries a secret (`format: password`).
    pub secret: bool,
}

/// A media type of a body (a Media Type Object).
#[derive(Debug, Clone)]
pub struct Media {
    /// The media range as the spec writes it, lower-case.
    pub range: String,
    /// The Media Type Object's pointer.
    pub pointer: String,
    /// How the properties of a form body are sent (its `encoding`).
    pub encoding: Vec<Encoding>,
    /// The pointer of its schema.
    pub schema: Option<String>,
}

/// How one property of a form body is sent (an Encoding Object).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoding {
    /// The property.
    pub name: String,
    /// Its `contentType`: a media type or range, or a comma-separated list of them.
    pub content_type: Option<String>,
    /// Its `explode`, where given.
    pub explode: Option<bool>,
}

/// A request body.
#[derive(Debug, Clone)]
pub struct Body {
    /// Whether it must be sent.
    pub required: bool,
    /// Its media types.
    pub media: Vec<Media>,
    /// The Request Body Object's pointer.
    pub pointer: String,
}

/// A header a response documents.
#[derive(Debug, Clone)]
pub struct HeaderDef {
    /// Its name.
    pub name: String,
    /// Whether the response must carry it.
    pub required: bool,
    /// The pointer of its schema.
    pub schema: Option<String>,
    /// The JSON type its text is read as.
    pub kind: Kind,
}

/// A documented response.
#[derive(Debug, Clone)]
pub struct ResponseDef {
    /// `200`, `4XX` or `default`.
    pub key: String,
    /// Its media types.
    pub media: Vec<Media>,
    /// Its headers.
    pub headers: Vec<HeaderDef>,
    /// The Response Object's pointer.
    pub pointer: String,
}

/// How a security scheme's credential travels.
#[derive(Debug, Clone)]
pub enum Credential {
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

/// A security scheme an alternative names, and how its credential travels.
#[derive(Debug, Clone)]
pub struct Scheme {
    pub name: String,
    pub credential: Credential,
    /// An API key's name as the spec writes it (the credential keeps a header's lower-case).
    pub key_name: Option<String>,
}

/// One security requirement: schemes that are all needed.
#[derive(Debug, Clone)]
pub struct Alternative {
    /// Its pointer (`/security/0`, `/paths/~1a/get/security/1`).
    pub pointer: String,
    pub schemes: Vec<Scheme>,
}

/// The security requirements in force for an operation (its own `security`, or the
/// document's), as written: any one alternative suffices; none listed, nothing is required.
#[derive(Debug, Clone)]
pub struct Security {
    /// Where the list in force is, or would be (`/security` when neither says).
    pub pointer: String,
    /// The alternatives: any one suffices.
    pub alternatives: Vec<Alternative>,
}

/// The parameters of an operation: its own, and its path item's that it does not override.
pub(super) fn parameters(document: &Value, item: &str, operation: &str) -> Vec<Param> {
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
                name_as_written: name.to_owned(),
                pointer: at.clone(),
                inherited: owner == item,
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

pub(super) fn parse_in(text: &str) -> Option<In> {
    match text {
        "path" => Some(In::Path),
        "query" => Some(In::Query),
        "header" => Some(In::Header),
        "cookie" => Some(In::Cookie),
        _ => None,
    }
}

/// The JSON type to read a parameter's text as.
pub fn kind_of(document: &Value, schema: &Value) -> Kind {
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
    super::marks_secret(resolve(document, schema))
}

/// The security requirements in force for an operation: its own `security`, or the document's.
pub(super) fn security(document: &Value, operation: &str) -> Security {
    let own = format!("{operation}/security");
    let pointer = if document.pointer(&own).is_some() {
        own
    } else {
        "/security".to_owned()
    };
    let list = document.pointer(&pointer).and_then(Value::as_array);
    let alternatives = list
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, requirement)| {
            let requirement = requirement.as_object()?;
            let schemes = requirement
                .keys()
                .map(|name| {
                    let scheme = document
                        .pointer(&format!("/components/securitySchemes/{}", escape(name)))
                        .map(|s| resolve(document, s));
                    Scheme {
                        name: name.clone(),
                        credential: scheme.map_or(Credential::Unknown, credential),
                        key_name: scheme
                            .and_then(|s| s.get("name"))
                            .and_then(Value::as_str)
                            .map(str::to_owned),
                    }
                })
                .collect();
            Some(Alternative {
                pointer: format!("{pointer}/{i}"),
                schemes,
            })
        })
        .collect();
    Security {
        pointer,
        alternatives,
    }
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

pub(super) fn media_list(document: &Value, at: &str) -> Vec<Media> {
    let Some(Value::Object(content)) = document.pointer(&format!("{at}/content")) else {
        return Vec::new();
    };
    content
        .iter()
        .map(|(range, media)| Media {
            range: range.to_ascii_lowercase(),
            pointer: format!("{at}/content/{}", escape(range)),
            encoding: encoding(media),
            schema: media
                .get("schema")
                .map(|_| format!("{at}/content/{}/schema", escape(range))),
        })
        .collect()
}

/// A Media Type Object's `encoding`: how each property of a form body is sent.
fn encoding(media: &Value) -> Vec<Encoding> {
    let Some(Value::Object(encoding)) = media.get("encoding") else {
        return Vec::new();
    };
    encoding
        .iter()
        .map(|(name, e)| Encoding {
            name: name.clone(),
            content_type: e
                .get("contentType")
                .and_then(Value::as_str)
                .map(str::to_owned),
            explode: e.get("explode").and_then(Value::as_bool),
        })
        .collect()
}

pub(super) fn body(document: &Value, operation: &str) -> Option<Body> {
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

/// The operation's responses; `None` when it has no `responses` mapping.
pub(super) fn responses(document: &Value, operation: &str) -> Option<Vec<ResponseDef>> {
    let Some(Value::Object(responses)) = document.pointer(&format!("{operation}/responses")) else {
        return None;
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
    Some(out)
}

impl crate::Spec {
    /// The kind of the property `key` of the object schema at `schema` (the fields of an
    /// object parameter, `deepObject` or `form`): `String` where the schema says nothing.
    pub fn property_kind(&self, schema: &str, key: &str) -> Kind {
        let document = &self.document;
        document
            .pointer(schema)
            .map(|s| resolve(document, s))
            .and_then(|s| s.get("properties")?.get(key))
            .map_or(Kind::String, |p| kind_of(document, p))
    }
}
