//! `response.status`, `response.header` and `response.body`: the status documented, the documented headers there, the body of its schema.

use crate::validate::Location;
use serde_json::Value;

use super::super::Rule;
use super::super::compiled::SchemaSet;
use super::super::params::{self, Mismatch};
use super::Collector;
use super::body::{check_body, documented_media, validate_value};
use crate::decode::media::{documented, header};
use crate::exchange::Response;
use confirmspec_spec::convert::Direction;
use confirmspec_spec::model::{Kind, Operation, ResponseDef};

/// Checks a response against the documented response its status falls under (`declared`,
/// from `Operation::response_for`; `None` when the status is undocumented).
pub(super) fn check_response(
    findings: &mut Collector<'_>,
    schemas: &SchemaSet,
    operation: &Operation,
    response: &Response,
    declared: Option<&ResponseDef>,
) {
    let Some(declared) = declared else {
        let statuses: Vec<&str> = operation.responses.iter().map(|r| r.key.as_str()).collect();
        findings.push(
            Location::ResponseStatus,
            Rule::Status,
            format!(
                "status {} is not documented for `{}` (documented: {})",
                response.status,
                operation.id,
                statuses.join(", ")
            ),
            Some(format!("{}/responses", operation.pointer)),
        );
        return;
    };
    for header_def in &declared.headers {
        let location = || Location::ResponseHeader(header_def.name.clone());
        let schema_path = || Some(format!("{}/headers", declared.pointer));
        match header(&response.headers, &header_def.name) {
            None if header_def.required => findings.push(
                location(),
                Rule::Required,
                format!(
                    "the required response header `{}` is missing",
                    header_def.name
                ),
                schema_path(),
            ),
            None => {}
            Some(text) => {
                let value = match &header_def.kind {
                    Kind::Array(item) => text
                        .split(',')
                        .map(|part| params::scalar(part.trim(), item))
                        .collect::<Result<Vec<_>, _>>()
                        .map(Value::Array),
                    kind => params::scalar(text, kind),
                };
                match (value, &header_def.schema) {
                    (Err(Mismatch { text, wanted }), _) => findings.push(
                        location(),
                        Rule::Type,
                        format!("`{text}` is not {wanted}"),
                        schema_path(),
                    ),
                    (Ok(value), Some(schema)) => validate_value(
                        findings,
                        schemas,
                        Direction::Response,
                        schema,
                        &value,
                        &location,
                        false,
                    ),
                    (Ok(_), None) => {}
                }
            }
        }
    }

    if let Some(unrecorded) = response.unrecorded {
        findings.push(
            Location::ResponseBody,
            Rule::Unrecorded,
            unrecorded.to_string(),
            Some(declared.pointer.clone()),
        );
        return;
    }
    let body = response.body.as_deref().filter(|b| !b.is_empty());
    let content_pointer = || Some(format!("{}/content", declared.pointer));
    let Some(body) = body else {
        if !declared.media.is_empty() && response.status != 204 && response.status != 304 {
            findings.push(
                Location::ResponseBody,
                Rule::Body,
                format!(
                    "the response has no body; the spec documents {} for status {}",
                    documented(&declared.media),
                    declared.key
                ),
                content_pointer(),
            );
        }
        return;
    };
    if declared.media.is_empty() {
        findings.push(
            Location::ResponseHeader("content-type".into()),
            Rule::ContentType,
            format!(
                "the spec documents no body for status {}, but the response has one",
                declared.key
            ),
            Some(declared.pointer.clone()),
        );
        return;
    }
    let Some((media, content_type)) = documented_media(
        findings,
        Direction::Response,
        &response.headers,
        &declared.media,
        &declared.pointer,
        &format!("status {}", declared.key),
    ) else {
        return;
    };
    check_body(
        findings,
        schemas,
        Direction::Response,
        media,
        content_type,
        body,
        &Location::ResponseBody,
    );
}
