//! The checks: route an exchange, then its parameters, security, request body, status,
//! response headers and response body; or a standalone payload against one schema. One file
//! per subject; this one gathers the findings of one exchange ([`Collector`]) and runs the
//! checks in order.

mod body;
mod branch;
mod limits;
mod parameters;
mod payload;
mod request;
mod response;
mod security;
pub(crate) mod target;

use crate::validate::{Location, fingerprint};
use std::borrow::Cow;

use super::params::{self, percent_decoded};
use super::router::Found;
use super::{Findings, Inner, Route, Rule, RuleLevel, Severity, SpecPlace, Verdict, Violation};
use crate::exchange::Exchange;
use crate::secrets::mask;
use confirmspec_spec::Spec;
use limits::within_limits;
use parameters::check_parameters;
pub(super) use payload::{payload_against_component, payload_against_operation};
use request::check_request_body;
use response::check_response;
use security::check_security;
use target::Target;

/// The violations of one exchange being gathered, and the secrets to keep out of them.
struct Collector<'a> {
    inner: &'a Inner,
    spec: &'a Spec,
    operation: Option<&'a str>,
    /// The operation's pointer, where a finding about the whole message is placed.
    operation_pointer: Option<&'a str>,
    violations: Vec<Violation>,
    /// Borrowed from the exchange where they can be: most exchanges carry credentials and
    /// conform, and then the secrets are never used.
    secrets: Vec<Cow<'a, str>>,
}

impl<'a> Collector<'a> {
    fn new(inner: &'a Inner, spec: usize, operation: Option<&'a str>) -> Self {
        Self {
            inner,
            spec: &inner.specs[spec],
            operation,
            operation_pointer: None,
            violations: Vec::new(),
            secrets: Vec::new(),
        }
    }

    fn push(
        &mut self,
        location: Location,
        rule: Rule,
        message: String,
        schema_path: Option<String>,
    ) {
        self.push_at(location, None, rule, message, schema_path);
    }

    fn push_at(
        &mut self,
        location: Location,
        pointer: Option<String>,
        rule: Rule,
        message: String,
        schema_path: Option<String>,
    ) {
        let severity = match self.inner.options.rules.get(&rule) {
            Some(RuleLevel::Off) => return,
            Some(RuleLevel::Warning) => Severity::Warning,
            Some(RuleLevel::Error) => Severity::Error,
            None => rule.default_severity(),
        };
        // The file and line of the rule; the spec's file at least, where the line is unknown.
        let (spec_file, spec_line) =
            match schema_path.as_deref().and_then(|p| self.spec.source_of(p)) {
                Some((file, line)) => (Some(file.display().to_string()), Some(line)),
                None => (Some(self.spec.file.display().to_string()), None),
            };
        // A translated document's pointers are reported as the document was written.
        let schema_path = match schema_path {
            Some(pointer) if !self.spec.remap.is_empty() => {
                Some(self.spec.written_pointer(&pointer).into_owned())
            }
            other => other,
        };
        let fingerprint = fingerprint(
            &self.spec.name,
            self.operation,
            &location.as_str(),
            pointer.as_deref(),
            rule.as_str(),
        );
        self.violations.push(Violation {
            location,
            pointer,
            keyword: rule,
            message,
            severity,
            spec: self.spec.name.clone(),
            operation: self.operation.map(str::to_owned),
            schema_path,
            spec_file,
            spec_line,
            fingerprint,
        });
    }

    fn secret(&mut self, value: impl Into<Cow<'a, str>>) {
        let value = value.into();
        if !value.is_empty() && !self.secrets.contains(&value) {
            self.secrets.push(value);
        }
    }

    fn finish(mut self, spec: Option<String>) -> Findings {
        if !self.secrets.is_empty() {
            for violation in &mut self.violations {
                violation.message = mask(&violation.message, &self.secrets);
            }
        }
        let verdict = if self
            .violations
            .iter()
            .any(|v| v.severity == Severity::Error)
        {
            Verdict::Violating
        } else {
            Verdict::Conforming
        };
        Findings {
            verdict,
            spec,
            operation: self.operation.map(str::to_owned),
            documented_status: None,
            reason: None,
            spec_place: None,
            violations: self.violations,
        }
    }
}

/// The operation `method url` calls, found by routing alone, with its path parameters
/// percent-decoded.
pub(in crate::validate) fn route(inner: &Inner, method: &str, url: &str) -> Option<Route> {
    let target = Target::parse(url).ok()?;
    match inner.operations.find(method, target.path, None) {
        Found::Operation(operation, params) => Some(Route {
            spec: inner.specs[operation.spec].name.clone(),
            operation: operation.id.clone(),
            pointer: operation.pointer.clone(),
            path_params: params
                .into_iter()
                .map(|(name, raw)| (name.to_owned(), percent_decoded(&raw).into_owned()))
                .collect(),
        }),
        _ => None,
    }
}

/// The spec of the operation `method url` calls, found by routing alone.
pub(in crate::validate) fn spec_of<'i>(
    inner: &'i Inner,
    method: &str,
    url: &str,
) -> Option<&'i str> {
    let target = Target::parse(url).ok()?;
    let spec = inner.operations.spec_of(method, target.path)?;
    Some(inner.specs[spec].name.as_str())
}

/// An unmatched request's report; `path` and `host` find where it would be documented.
fn unmatched(inner: &Inner, reason: String, path: &str, host: Option<&str>) -> Findings {
    let spec_place = inner.operations.nearest(path, host).map(|(spec, pointer)| {
        let spec = &inner.specs[spec];
        let (file, line) = match spec.source_of(&pointer) {
            Some((file, line)) => (Some(file.display().to_string()), Some(line)),
            None => (Some(spec.file.display().to_string()), None),
        };
        SpecPlace {
            spec: spec.name.clone(),
            pointer: spec.written_pointer(&pointer).into_owned(),
            file,
            line,
        }
    });
    Findings {
        verdict: Verdict::Unmatched,
        spec: None,
        operation: None,
        documented_status: None,
        reason: Some(reason),
        spec_place,
        violations: Vec::new(),
    }
}

pub(in crate::validate) fn exchange(inner: &Inner, exchange: &Exchange) -> Findings {
    let request = &exchange.request;
    let url = match Target::parse(&request.url) {
        Ok(url) => url,
        Err(problem) => {
            return unmatched(
                inner,
                format!("the URL cannot be read: {problem}"),
                "",
                None,
            );
        }
    };
    let host = match url.host {
        Some(h) if inner.options.match_hosts => Some(h),
        _ if inner.options.match_hosts => {
            return unmatched(inner, "the request names no host".into(), url.path, None);
        }
        _ => None,
    };
    let method = || request.method.to_ascii_uppercase();
    let (operation, path_values) = match inner.operations.find(&request.method, url.path, host) {
        Found::Operation(operation, values) => (operation, values),
        Found::WrongMethod(methods) => {
            return unmatched(
                inner,
                format!(
                    "{} is documented for {} only, not {}",
                    url.path,
                    methods.join(", "),
                    method()
                ),
                url.path,
                url.host,
            );
        }
        Found::Nothing => {
            return unmatched(
                inner,
                format!("no operation of any spec matches {} {}", method(), url.path),
                url.path,
                url.host,
            );
        }
    };

    let mut findings = Collector::new(inner, operation.spec, Some(&operation.id));
    findings.operation_pointer = Some(&operation.pointer);
    let schemas = &inner.schemas[operation.spec];
    let query = params::query_pairs(url.query);
    if within_limits(&mut findings, Location::RequestHeaders, &request.headers) {
        check_security(&mut findings, operation, request, &query);
        check_parameters(
            &mut findings,
            schemas,
            operation,
            request,
            &query,
            &path_values,
        );
        check_request_body(&mut findings, schemas, operation, request);
    }
    let mut documented_status = None;
    if let Some(response) = &exchange.response {
        let declared = operation.response_for(response.status);
        documented_status = declared.map(|d| d.key.clone());
        if within_limits(&mut findings, Location::ResponseHeaders, &response.headers) {
            check_response(&mut findings, schemas, operation, response, declared);
        }
    }
    let mut report = findings.finish(Some(inner.specs[operation.spec].name.clone()));
    report.documented_status = documented_status;
    report
}
