//! What of a spec is converted: the schemas its requests and responses use, and the whole
//! JSON Schema document made of them.

use serde_json::Value;

use super::{ConvertError, Defects, Direction, convert, document, escape, local_pointer};

/// The pointers of every schema a spec uses, by direction: request roots are parameter and
/// request-body schemas, response roots are response-body and response-header schemas; the
/// component schemas are roots of both, for checking standalone payloads against them.
pub fn schema_roots(spec: &Value) -> (Vec<String>, Vec<String>) {
    let mut request = Vec::new();
    let mut response = Vec::new();
    let media_schemas = |at: &str, out: &mut Vec<String>| {
        if let Some(Value::Object(content)) = spec.pointer(&format!("{at}/content")) {
            for media in content.keys() {
                let place = format!("{at}/content/{}/schema", escape(media));
                if spec.pointer(&place).is_some() {
                    out.push(place);
                }
            }
        }
    };
    let parameters = |at: &str, out: &mut Vec<String>| {
        if let Some(Value::Array(list)) = spec.pointer(&format!("{at}/parameters")) {
            for i in 0..list.len() {
                let parameter = resolve_pointer(spec, &format!("{at}/parameters/{i}"));
                let schema = format!("{parameter}/schema");
                if spec.pointer(&schema).is_some() {
                    out.push(schema);
                }
                media_schemas(&parameter, out);
            }
        }
    };
    if let Some(Value::Object(paths)) = spec.get("paths") {
        for path in paths.keys() {
            let item = resolve_pointer(spec, &format!("/paths/{}", escape(path)));
            parameters(&item, &mut request);
            let Some(Value::Object(methods)) = spec.pointer(&item) else {
                continue;
            };
            for method in methods.keys().filter(|m| is_method(m)) {
                let operation = resolve_pointer(spec, &format!("{item}/{method}"));
                parameters(&operation, &mut request);
                if spec.pointer(&format!("{operation}/requestBody")).is_some() {
                    let body = resolve_pointer(spec, &format!("{operation}/requestBody"));
                    media_schemas(&body, &mut request);
                }
                if let Some(Value::Object(responses)) =
                    spec.pointer(&format!("{operation}/responses"))
                {
                    for status in responses.keys() {
                        let answer = resolve_pointer(
                            spec,
                            &format!("{operation}/responses/{}", escape(status)),
                        );
                        media_schemas(&answer, &mut response);
                        if let Some(Value::Object(headers)) =
                            spec.pointer(&format!("{answer}/headers"))
                        {
                            for name in headers.keys() {
                                let header = resolve_pointer(
                                    spec,
                                    &format!("{answer}/headers/{}", escape(name)),
                                );
                                if spec.pointer(&format!("{header}/schema")).is_some() {
                                    response.push(format!("{header}/schema"));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    if let Some(Value::Object(components)) = spec.pointer("/components/schemas") {
        for name in components.keys() {
            let place = format!("/components/schemas/{}", escape(name));
            request.push(place.clone());
            response.push(place);
        }
    }
    (request, response)
}

/// Whether a path item key names an HTTP method.
pub fn is_method(key: &str) -> bool {
    matches!(
        key,
        "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace"
    )
}

/// The node a chain of `$ref`s starting at `node` ends at, inside `document` (bounded;
/// cycles end; a reference to nothing ends the chain where it stands).
pub fn resolve<'d>(document: &'d Value, mut node: &'d Value) -> &'d Value {
    for _ in 0..32 {
        let Some(target) = node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(local_pointer)
        else {
            break;
        };
        match document.pointer(&target) {
            Some(next) => node = next,
            None => break,
        }
    }
    node
}

/// The pointer a chain of `$ref`s starting at `pointer` ends at (bounded; cycles end).
pub fn resolve_pointer(spec: &Value, pointer: &str) -> String {
    let mut current = pointer.to_owned();
    for _ in 0..32 {
        let next = spec
            .pointer(&current)
            .and_then(|node| node.get("$ref"))
            .and_then(Value::as_str)
            .and_then(local_pointer);
        match next {
            Some(target) if spec.pointer(&target).is_some() => current = target,
            _ => break,
        }
    }
    current
}

impl crate::Spec {
    /// The spec's schemas as one JSON Schema 2020-12 document with the `$id` `id`
    /// ([`spec_document`]): what the validator checks with, and what `build.rs` bundles.
    pub fn schema_document(
        &self,
        id: &str,
        strict: bool,
        defects: Defects<'_>,
    ) -> Result<Value, ConvertError> {
        spec_document(&self.document, id, strict, defects)
    }
}

/// The whole conversion of a spec: both directions' roots, into one document. Tolerated
/// defects are noted once (both directions meet the same schemas), in order of place.
pub fn spec_document(
    spec: &Value,
    id: &str,
    strict: bool,
    mut defects: Defects<'_>,
) -> Result<Value, ConvertError> {
    let (request_roots, response_roots) = schema_roots(spec);
    let request = convert(
        spec,
        &request_roots,
        Direction::Request,
        strict,
        defects.reborrow(),
    )?;
    let response = convert(
        spec,
        &response_roots,
        Direction::Response,
        strict,
        defects.reborrow(),
    )?;
    if let Defects::Tolerate { noted, .. } = defects {
        noted.sort();
        noted.dedup();
    }
    Ok(document(id, request, response))
}
