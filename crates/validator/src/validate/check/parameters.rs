//! `request.path`, `request.query`, `request.header` and `request.cookie`: each documented parameter present when required and of its schema.

use super::super::Rule;
use super::super::compiled::SchemaSet;
use super::super::params::{self, Mismatch};
use super::Collector;
use super::body::validate_value;
use crate::decode::media::header;
use crate::exchange::Request;
use crate::validate::Location;
use confirmspec_spec::convert::Direction;
use confirmspec_spec::model::{In, Kind, Operation};

pub(super) fn check_parameters(
    findings: &mut Collector<'_>,
    schemas: &SchemaSet,
    operation: &Operation,
    request: &Request,
    query: &[(String, String)],
    path_values: &[(&str, String)],
) {
    let cookies = header(&request.headers, "cookie")
        .map(params::cookie_pairs)
        .unwrap_or_default();
    for param in &operation.params {
        let location = || {
            let name = param.name.clone();
            match param.location {
                In::Path => Location::RequestPath(name),
                In::Query => Location::RequestQuery(name),
                In::Header => Location::RequestHeader(name),
                In::Cookie => Location::RequestCookie(name),
            }
        };
        let decoded_path;
        let values: Vec<(&str, &str)> = match param.location {
            In::Path => match path_values.iter().find(|(n, _)| *n == param.name) {
                Some((_, raw)) => {
                    decoded_path = params::percent_decoded(raw);
                    vec![("", decoded_path.as_ref())]
                }
                None => Vec::new(),
            },
            In::Query => params::query_values(param, query),
            In::Header => request
                .headers
                .iter()
                .filter(|(n, _)| n.eq_ignore_ascii_case(&param.name))
                .map(|(_, v)| ("", v.as_str()))
                .collect(),
            In::Cookie => cookies
                .iter()
                .filter(|(n, _)| *n == param.name)
                .map(|(_, v)| ("", v.as_str()))
                .collect(),
        };
        if param.secret {
            for (_, value) in &values {
                findings.secret(value.to_string());
            }
        }
        if values.is_empty() {
            if param.required {
                let param_pointer = param
                    .schema
                    .as_deref()
                    .map(|s| s.trim_end_matches("/schema").to_owned());
                findings.push(
                    location(),
                    Rule::Required,
                    format!(
                        "the required {} parameter `{}` is missing",
                        param.location.as_str(),
                        param.name
                    ),
                    param_pointer,
                );
            }
            continue;
        }
        let spec = findings.spec;
        let kinds_of = |key: &str| {
            param
                .schema
                .as_deref()
                .map_or(Kind::String, |schema| spec.property_kind(schema, key))
        };
        let value = match params::decode(param, &values, kinds_of) {
            Ok(value) => value,
            Err(Mismatch { text, wanted }) => {
                findings.push(
                    location(),
                    Rule::Type,
                    format!("`{text}` is not {wanted}"),
                    param.schema.clone(),
                );
                continue;
            }
        };
        if let Some(schema) = &param.schema {
            validate_value(
                findings,
                schemas,
                Direction::Request,
                schema,
                &value,
                &location,
                false,
            );
        }
    }
}
