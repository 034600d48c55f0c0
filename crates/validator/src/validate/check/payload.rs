//! Standalone payloads: a JSON document checked against a component schema or an operation's body.

use crate::validate::Location;
use serde_json::Value;

use super::super::{CheckError, Findings, Inner, Rule};
use super::Collector;
use super::body::validate_value;
use crate::decode::media::{essence, is_json};
use confirmspec_spec::convert::Direction;

pub(super) fn payload_report(
    inner: &Inner,
    spec: usize,
    operation: Option<&str>,
    direction: Direction,
    schema: &str,
    payload: &[u8],
) -> Findings {
    let mut findings = Collector::new(inner, spec, operation);
    match serde_json::from_slice::<Value>(payload) {
        Ok(value) => validate_value(
            &mut findings,
            &inner.schemas[spec],
            direction,
            schema,
            &value,
            &|| Location::Payload,
            true,
        ),
        Err(e) => findings.push_at(
            Location::Payload,
            Some(String::new()),
            Rule::Json,
            format!(
                "not valid JSON: syntax error at line {}, column {}",
                e.line(),
                e.column()
            ),
            Some(schema.into()),
        ),
    }
    findings.finish(Some(inner.specs[spec].name.clone()))
}

pub(in crate::validate) fn payload_against_component(
    inner: &Inner,
    spec: Option<&str>,
    name: &str,
    payload: &[u8],
) -> Result<Findings, CheckError> {
    let pointer = format!(
        "/components/schemas/{}",
        confirmspec_spec::convert::escape(name)
    );
    let candidates: Vec<usize> = inner
        .specs
        .iter()
        .enumerate()
        .filter(|(_, s)| spec.is_none_or(|wanted| s.name == wanted))
        .filter(|(_, s)| s.schema_names().any(|known| known == name))
        .map(|(i, _)| i)
        .collect();
    match candidates.as_slice() {
        [index] => Ok(payload_report(
            inner,
            *index,
            None,
            Direction::Response,
            &pointer,
            payload,
        )),
        [] => Err(CheckError::NoSchema(name.to_owned())),
        _ => Err(CheckError::AmbiguousSchema(name.to_owned())),
    }
}

pub(in crate::validate) fn payload_against_operation(
    inner: &Inner,
    id: &str,
    status: Option<u16>,
    payload: &[u8],
) -> Result<Findings, CheckError> {
    let operation = inner
        .operations
        .by_id(id)
        .ok_or_else(|| CheckError::NoOperation(id.to_owned()))?;
    let (direction, media) = match status {
        None => {
            let body = operation
                .body
                .as_ref()
                .ok_or_else(|| CheckError::NoRequestBody(id.to_owned()))?;
            (Direction::Request, &body.media)
        }
        Some(status) => {
            let response =
                operation
                    .response_for(status)
                    .ok_or_else(|| CheckError::NoResponse {
                        operation: id.to_owned(),
                        status,
                    })?;
            (Direction::Response, &response.media)
        }
    };
    let schema = media
        .iter()
        .find(|m| is_json(essence(&m.range)))
        .or_else(|| media.first())
        .and_then(|m| m.schema.clone())
        .ok_or_else(|| CheckError::NoBodySchema(id.to_owned()))?;
    Ok(payload_report(
        inner,
        operation.spec,
        Some(&operation.id),
        direction,
        &schema,
        payload,
    ))
}
