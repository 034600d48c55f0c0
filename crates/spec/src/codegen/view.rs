//! The code-generation view: the adaptations progenitor needs, applied to a copy of the spec
//! that only the generator sees.

use serde_json::{Map, Value};

use crate::convert::is_method;

/// The code-generation view of a spec: the adaptations progenitor needs, applied to a copy
/// that only the generator sees. The spec files, and everything else that reads them (the
/// validator, the published JSON Schemas), take the specs as written. Each rule is general,
/// never about one vendor:
///
/// 1. A `default` response beside a success response becomes `4XX` and `5XX` responses with
///    the same content. progenitor panics on a `default` whose body differs from the success
///    body; a default that describes errors (VIA's envelope) means exactly "any 4xx or 5xx".
///    An explicit `4XX` or `5XX` already present is kept.
/// 2. Header parameters the client itself sends are dropped: `User-Agent`, `Accept`,
///    `Content-Type` and `Authorization`. OpenAPI ignores the last three as parameters
///    anyway; `User-Agent` comes from the client's configuration (Invoicebox requires it on
///    every call), so that no call site passes it by hand.
/// 3. A success body that is an `anyOf` of the success schema and the operation's error
///    body (VIA documents no status for its errors, so 200 may carry one) keeps the success
///    schema: progenitor would type the `anyOf` as a struct of two optional halves. The
///    vendor's wrapper turns an error body that arrives with a success status into an error.
/// 4. An optional array property is `nullable`, so a client decodes `null` as absent, as it
///    decodes a missing property (a vendor that later sends `null`, as Yandex Market's 2025
///    spec allows for `errors`, must not make its error bodies undecodable). The validator
///    still reports such a `null` against a spec that does not allow it.
/// 5. A specific error status with the same body as the `4XX` or `5XX` range that covers it
///    goes (Invoicebox's 401 beside its `4XX`): progenitor matches ranges first, so its arm
///    would never be reached, and the range already gives the same typed error.
/// 6. A request body offered in several media types keeps the one the client sends:
///    `application/json`, else a form (`application/x-www-form-urlencoded`), else octets,
///    else text. progenitor takes
///    one (it panics on more); Swagger 2.0's `consumes: [application/json, application/xml]`
///    gives every body two.
pub fn codegen_view(document: &mut Value) {
    if let Some(bodies) = document
        .pointer_mut("/components/requestBodies")
        .and_then(Value::as_object_mut)
    {
        bodies.values_mut().for_each(one_request_media_type);
    }
    if let Some(schemas) = document
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for schema in schemas.values_mut() {
            nullable_optional_arrays(schema);
        }
    }
    let error_schemas = error_body_schemas(document);
    let client_header_refs: Vec<String> = document
        .pointer("/components/parameters")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, parameter)| is_client_header(parameter))
        .map(|(name, _)| format!("#/components/parameters/{name}"))
        .collect();
    let drop = |parameter: &Value| {
        is_client_header(parameter)
            || parameter
                .get("$ref")
                .and_then(Value::as_str)
                .is_some_and(|target| client_header_refs.iter().any(|r| r == target))
    };

    let Some(paths) = document.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for item in paths.values_mut().filter_map(Value::as_object_mut) {
        for (key, value) in item.iter_mut() {
            if key == "parameters" {
                retain_parameters(value, &drop);
            } else if is_method(key) {
                if let Some(parameters) = value.get_mut("parameters") {
                    retain_parameters(parameters, &drop);
                }
                if let Some(body) = value.get_mut("requestBody") {
                    one_request_media_type(body);
                }
                if let Some(responses) = value.get_mut("responses").and_then(Value::as_object_mut) {
                    let errors = operation_error_schemas(responses, &error_schemas);
                    keep_success_members(responses, &errors);
                    split_default_response(responses);
                    drop_covered_statuses(responses, &error_schemas);
                }
            }
        }
    }
}

/// Rule 6, in the order of [`SENT`](super::unsayable::SENT): JSON, a form, octets, text.
fn one_request_media_type(body: &mut Value) {
    let Some(content) = body.get_mut("content").and_then(Value::as_object_mut) else {
        return;
    };
    if content.len() < 2 {
        return;
    }
    let essence = |media: &str| {
        let essence = media.split(';').next().unwrap_or("");
        essence.trim().to_ascii_lowercase()
    };
    let kept = super::unsayable::SENT.iter().find_map(|sent| {
        content
            .keys()
            .find(|media| essence(media) == *sent)
            .cloned()
    });
    if let Some(kept) = kept {
        content.retain(|media, _| *media == kept);
    }
}

/// The body schemas of the spec's shared responses (`#/components/responses/<name>`), by
/// reference, so that an operation's error responses can be resolved.
fn error_body_schemas(document: &Value) -> Map<String, Value> {
    let mut out = Map::new();
    for (name, response) in document
        .pointer("/components/responses")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        out.insert(
            format!("#/components/responses/{name}"),
            Value::Array(body_schemas(response)),
        );
    }
    out
}

fn body_schemas(response: &Value) -> Vec<Value> {
    response
        .get("content")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter_map(|(_, media)| media.get("schema").cloned())
        .collect()
}

/// A response's body schemas, through a reference to a shared response.
fn response_bodies(response: &Value, shared: &Map<String, Value>) -> Vec<Value> {
    match response.get("$ref").and_then(Value::as_str) {
        Some(target) => match shared.get(target) {
            Some(Value::Array(schemas)) => schemas.clone(),
            _ => Vec::new(),
        },
        None => body_schemas(response),
    }
}

/// The body schemas of an operation's responses that are not successes.
fn operation_error_schemas(
    responses: &Map<String, Value>,
    shared: &Map<String, Value>,
) -> Vec<Value> {
    responses
        .iter()
        .filter(|(status, _)| !status.starts_with('2'))
        .flat_map(|(_, response)| response_bodies(response, shared))
        .collect()
}

/// Rule 5.
fn drop_covered_statuses(responses: &mut Map<String, Value>, shared: &Map<String, Value>) {
    let covered: Vec<String> = responses
        .iter()
        .filter(|(status, _)| status.len() == 3 && status.bytes().all(|b| b.is_ascii_digit()))
        .filter(|(status, response)| {
            let range = format!("{}XX", &status[..1]);
            responses.get(&range).is_some_and(|range| {
                response_bodies(range, shared) == response_bodies(response, shared)
            })
        })
        .map(|(status, _)| status.clone())
        .collect();
    for status in covered {
        responses.remove(&status);
    }
}

/// Rule 3: in each success body that is an `anyOf`, the members that are an error body of the
/// operation go; one member left stands alone.
fn keep_success_members(responses: &mut Map<String, Value>, errors: &[Value]) {
    if errors.is_empty() {
        return;
    }
    for (_, response) in responses
        .iter_mut()
        .filter(|(status, _)| status.starts_with('2'))
    {
        let Some(content) = response.get_mut("content").and_then(Value::as_object_mut) else {
            continue;
        };
        for media in content.values_mut() {
            let Some(schema) = media.get_mut("schema") else {
                continue;
            };
            let Some(Value::Array(members)) = schema.get_mut("anyOf") else {
                continue;
            };
            members.retain(|member| !errors.contains(member));
            if let [only] = members.as_slice() {
                *schema = only.clone();
            }
        }
    }
}

/// Rule 4, through a schema and the object schemas inline in it.
fn nullable_optional_arrays(schema: &mut Value) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    let required: Vec<String> = object
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|name| name.as_str().map(str::to_owned))
        .collect();
    if let Some(Value::Object(properties)) = object.get_mut("properties") {
        for (name, property) in properties.iter_mut() {
            if !required.contains(name)
                && property.get("type").and_then(Value::as_str) == Some("array")
                && let Some(property) = property.as_object_mut()
            {
                property.insert("nullable".into(), Value::Bool(true));
            }
            nullable_optional_arrays(property);
        }
    }
    for key in ["items", "additionalProperties"] {
        if let Some(inner) = object.get_mut(key) {
            nullable_optional_arrays(inner);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(members)) = object.get_mut(key) {
            members.iter_mut().for_each(nullable_optional_arrays);
        }
    }
}

fn split_default_response(responses: &mut Map<String, Value>) {
    if !responses.keys().any(|status| status.starts_with('2')) {
        return;
    }
    if let Some(default) = responses.remove("default") {
        for range in ["4XX", "5XX"] {
            responses.entry(range).or_insert_with(|| default.clone());
        }
    }
}

fn retain_parameters(parameters: &mut Value, drop: &impl Fn(&Value) -> bool) {
    if let Some(list) = parameters.as_array_mut() {
        list.retain(|parameter| !drop(parameter));
    }
}

/// An inline header parameter that the client sends by itself.
fn is_client_header(parameter: &Value) -> bool {
    const CLIENT_HEADERS: [&str; 4] = ["user-agent", "accept", "content-type", "authorization"];
    parameter.get("in").and_then(Value::as_str) == Some("header")
        && parameter
            .get("name")
            .and_then(Value::as_str)
            .is_some_and(|name| CLIENT_HEADERS.contains(&name.to_ascii_lowercase().as_str()))
}
