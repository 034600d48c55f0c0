//! `request.body`: present when required, of a documented media type, and of its schema.

use super::super::Rule;
use super::super::compiled::SchemaSet;
use super::Collector;
use super::body::{check_body, documented_media};
use crate::exchange::Request;
use crate::validate::Location;
use confirmspec_spec::convert::Direction;
use confirmspec_spec::model::Operation;

pub(super) fn check_request_body(
    findings: &mut Collector<'_>,
    schemas: &SchemaSet,
    operation: &Operation,
    request: &Request,
) {
    if let Some(unrecorded) = request.unrecorded {
        // Placed at the documented body, or at the operation when it documents none.
        let place = operation
            .body
            .as_ref()
            .map_or(&operation.pointer, |b| &b.pointer);
        findings.push(
            Location::RequestBody,
            Rule::Unrecorded,
            unrecorded.to_string(),
            Some(place.clone()),
        );
        return;
    }
    let body = request.body.as_deref().filter(|b| !b.is_empty());
    let Some(declared) = &operation.body else {
        if body.is_some() {
            findings.push(
                Location::RequestBody,
                Rule::RequestBody,
                format!(
                    "`{}` documents no request body, but the request has one",
                    operation.id
                ),
                Some(operation.pointer.clone()),
            );
        }
        return;
    };
    let Some(body) = body else {
        if declared.required {
            findings.push(
                Location::RequestBody,
                Rule::Required,
                "the request body is required, and the request has none".into(),
                Some(declared.pointer.clone()),
            );
        }
        return;
    };
    let Some((media, content_type)) = documented_media(
        findings,
        Direction::Request,
        &request.headers,
        &declared.media,
        &declared.pointer,
        "this request body",
    ) else {
        return;
    };
    check_body(
        findings,
        schemas,
        Direction::Request,
        media,
        content_type,
        body,
        &Location::RequestBody,
    );
}
