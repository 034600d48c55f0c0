//! The checks: route an exchange, then its parameters, security, request body, status,
//! response headers and response body; or a standalone payload against one schema.

use jsonschema::{ValidationError, error::ValidationErrorKind};
use std::borrow::Cow;

use serde_json::Value;

use super::operation::{Credential, Found, In, Kind, Media, Operation, ResponseDef, kind_of};
use super::params::{self, Mismatch};
use super::schemas::SchemaSet;
use super::{Exchange, Inner, Limits, Report, RuleLevel, Severity, Verdict, Violation};
use crate::spec::convert::Direction;
use crate::spec::{Spec, resolve};

/// The checks that are warnings unless the configuration says otherwise: `unrecorded`, a body
/// the recorder left out or cut (not the server's fault, and not checked).
const WARNINGS: &[&str] = &["unrecorded"];

/// The violations of one exchange being gathered, and the secrets to keep out of them.
struct Findings<'a> {
    inner: &'a Inner,
    spec: &'a Spec,
    operation: Option<&'a str>,
    violations: Vec<Violation>,
    /// Borrowed from the exchange where they can be: most exchanges carry credentials and
    /// conform, and then the secrets are never used.
    secrets: Vec<Cow<'a, str>>,
}

impl<'a> Findings<'a> {
    fn new(inner: &'a Inner, spec: usize, operation: Option<&'a str>) -> Self {
        Self {
            inner,
            spec: &inner.specs[spec],
            operation,
            violations: Vec::new(),
            secrets: Vec::new(),
        }
    }

    fn push(
        &mut self,
        location: String,
        keyword: &str,
        message: String,
        schema_path: Option<String>,
    ) {
        self.push_at(location, None, keyword, message, schema_path);
    }

    fn push_at(
        &mut self,
        location: String,
        pointer: Option<String>,
        keyword: &str,
        message: String,
        schema_path: Option<String>,
    ) {
        let severity = match self.inner.options.rules.get(keyword) {
            Some(RuleLevel::Off) => return,
            Some(RuleLevel::Warning) => Severity::Warning,
            Some(RuleLevel::Error) => Severity::Error,
            None if WARNINGS.contains(&keyword) => Severity::Warning,
            None => Severity::Error,
        };
        let (spec_file, spec_line) =
            match schema_path.as_deref().and_then(|p| self.spec.source_of(p)) {
                Some((file, line)) => (Some(file.display().to_string()), Some(line)),
                None => (None, None),
            };
        self.violations.push(Violation {
            location,
            pointer,
            keyword: keyword.to_owned(),
            message,
            severity,
            spec: self.spec.name.clone(),
            operation: self.operation.map(str::to_owned),
            schema_path,
            spec_file,
            spec_line,
        });
    }

    fn secret(&mut self, value: impl Into<Cow<'a, str>>) {
        let value = value.into();
        if !value.is_empty() && !self.secrets.contains(&value) {
            self.secrets.push(value);
        }
    }

    fn finish(mut self, spec: Option<String>) -> Report {
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
        Report {
            verdict,
            spec,
            operation: self.operation.map(str::to_owned),
            documented_status: None,
            reason: None,
            violations: self.violations,
        }
    }
}

/// Replaces every appearance of a secret, quoted as JSON or in backticks, by `***`.
pub(crate) fn mask(message: &str, secrets: &[impl AsRef<str>]) -> String {
    let mut out = message.to_owned();
    for secret in secrets {
        let secret = secret.as_ref();
        let quoted = serde_json::to_string(secret).unwrap_or_default();
        out = out
            .replace(&quoted, "\"***\"")
            .replace(&format!("`{secret}`"), "`***`");
        if secret.len() >= 6 {
            out = out.replace(secret, "***");
        }
    }
    out
}

/// The spec of the operation `method url` calls, found by routing alone.
pub(super) fn spec_of<'i>(inner: &'i Inner, method: &str, url: &str) -> Option<&'i str> {
    let target = Target::parse(url).ok()?;
    let spec = inner.operations.spec_of(method, target.path)?;
    Some(inner.specs[spec].name.as_str())
}

/// `exchange` with its secrets replaced (see `Validator::redacted`).
pub(super) fn redacted(inner: &Inner, exchange: &Exchange) -> Exchange {
    let mut out = exchange.clone();
    out.request.url = masked_url(&inner.secret_query, &exchange.request.url);
    for (name, value) in &mut out.request.headers {
        if inner
            .secret_headers
            .iter()
            .any(|secret| secret.eq_ignore_ascii_case(name))
        {
            *value = "***".into();
        }
    }
    if let Some(response) = &mut out.response {
        for (name, value) in &mut response.headers {
            if name.eq_ignore_ascii_case("set-cookie") {
                *value = "***".into();
            }
        }
    }
    let operation = match Target::parse(&exchange.request.url) {
        Ok(target) => match inner
            .operations
            .find(&exchange.request.method, target.path, None)
        {
            Found::Operation(operation, _) => Some(operation),
            _ => None,
        },
        Err(_) => None,
    };
    let Some(operation) = operation else {
        // No schema says where this exchange's secrets are: every field named like a secret
        // of some spec is masked.
        let bodies = [
            out.request.body.as_mut(),
            out.response.as_mut().and_then(|r| r.body.as_mut()),
        ];
        for body in bodies.into_iter().flatten() {
            if let Ok(mut value) = serde_json::from_slice::<Value>(body)
                && mask_named(&mut value, &inner.secret_fields)
                && let Ok(text) = serde_json::to_vec(&value)
            {
                *body = text;
            }
        }
        return out;
    };
    let document = &inner.specs[operation.spec].document;
    let request = &mut out.request;
    if let (Some(body), Some(declared)) = (&mut request.body, &operation.body) {
        redact_body(document, &declared.media, &request.headers, body);
    }
    if let Some(response) = &mut out.response
        && let Some(declared) = response_for(operation, response.status)
        && let Some(body) = &mut response.body
    {
        redact_body(document, &declared.media, &response.headers, body);
    }
    out
}

/// The value of a secret in a redacted body: the same JSON type, so that it still reads.
fn masked(value: &Value) -> Value {
    match value {
        Value::Number(_) => Value::from(0),
        _ => Value::from("***"),
    }
}

/// Masks the values of every property named in `names`, at any depth; whether any was.
fn mask_named(value: &mut Value, names: &[String]) -> bool {
    let mut any = false;
    match value {
        Value::Object(map) => {
            for (key, field) in map.iter_mut() {
                if names.iter().any(|n| n == key) && !field.is_object() && !field.is_array() {
                    *field = masked(field);
                    any = true;
                } else {
                    any |= mask_named(field, names);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                any |= mask_named(item, names);
            }
        }
        _ => {}
    }
    any
}

/// Collects the names of the properties a spec marks `format: password`, wherever its
/// schemas are (`$ref`s resolved one step).
pub(super) fn password_properties(
    document: &Value,
    node: &Value,
    depth: usize,
    names: &mut Vec<String>,
) {
    if depth > crate::spec::convert::MAX_DEPTH {
        return;
    }
    match node {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = map.get("properties") {
                for (name, schema) in properties {
                    if resolve(document, schema).get("format") == Some(&Value::from("password")) {
                        names.push(name.clone());
                    }
                }
            }
            for child in map.values() {
                password_properties(document, child, depth + 1, names);
            }
        }
        Value::Array(items) => {
            for item in items {
                password_properties(document, item, depth + 1, names);
            }
        }
        _ => {}
    }
}

/// Replaces the values of a JSON body that its schema marks `format: password`.
fn redact_body(
    document: &Value,
    media: &[Media],
    headers: &[(String, String)],
    body: &mut Vec<u8>,
) {
    let essence = header(headers, "content-type").map_or("application/json", essence);
    let Some(schema) = pick(media, essence)
        .and_then(|m| m.schema.as_deref())
        .and_then(|pointer| document.pointer(pointer))
    else {
        return;
    };
    let Ok(mut value) = serde_json::from_slice::<Value>(body) else {
        return;
    };
    let mut places = Vec::new();
    collect_secrets(document, schema, &value, String::new(), 0, &mut places);
    if places.is_empty() {
        return;
    }
    for (place, _) in places {
        if let Some(slot) = value.pointer_mut(&place) {
            *slot = masked(slot);
        }
    }
    if let Ok(text) = serde_json::to_vec(&value) {
        *body = text;
    }
}

/// A URL with the values of the named query parameters shown as `***`.
pub(super) fn masked_url(secret_query: &[String], url: &str) -> String {
    let Some((head, query)) = url.split_once('?') else {
        return url.to_owned();
    };
    if secret_query.is_empty() {
        return url.to_owned();
    }
    let (query, fragment) = query
        .split_once('#')
        .map_or((query, None), |(q, f)| (q, Some(f)));
    let parts: Vec<String> = query
        .split('&')
        .map(|pair| {
            let name = pair.split('=').next().unwrap_or("");
            let decoded = params::percent_decoded(name);
            if secret_query.iter().any(|s| *s == decoded) {
                format!("{name}=***")
            } else {
                pair.to_owned()
            }
        })
        .collect();
    let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
    format!("{head}?{}{fragment}", parts.join("&"))
}

fn unmatched(reason: String) -> Report {
    Report {
        verdict: Verdict::Unmatched,
        spec: None,
        operation: None,
        documented_status: None,
        reason: Some(reason),
        violations: Vec::new(),
    }
}

/// The essence of a media type: `application/json; charset=utf-8` -> `application/json`.
pub(crate) fn essence(content_type: &str) -> &str {
    // A byte search: `split(';')` sets up a searcher that costs more than these short
    // strings, and this runs several times for every message.
    let end = content_type
        .bytes()
        .position(|b| b == b';')
        .unwrap_or(content_type.len());
    content_type[..end].trim()
}

/// Whether a media type (without parameters, any case) is JSON.
fn is_json(essence: &str) -> bool {
    let suffix = essence
        .len()
        .checked_sub(5)
        .and_then(|at| essence.get(at..));
    essence.eq_ignore_ascii_case("application/json")
        || essence.eq_ignore_ascii_case("text/json")
        || suffix.is_some_and(|s| s.eq_ignore_ascii_case("+json"))
}

/// The declared media that a body of `essence` falls under: exact, then `type/*`, then `*/*`.
fn pick<'m>(media: &'m [Media], essence: &str) -> Option<&'m Media> {
    // Most bodies come as the only media type their spec declares, written the same way: the
    // first one found, at the cost of one comparison.
    if let Some(first) = media.first()
        && first.range.eq_ignore_ascii_case(essence)
    {
        return Some(first);
    }
    let (kind, subtype) = media_range(essence);
    media
        .iter()
        .find(|m| {
            let (k, s) = media_range(&m.range);
            k.eq_ignore_ascii_case(kind) && s.eq_ignore_ascii_case(subtype)
        })
        .or_else(|| {
            media
                .iter()
                .find(|m| matches!(media_range(&m.range), (k, "*") if k.eq_ignore_ascii_case(kind)))
        })
        .or_else(|| media.iter().find(|m| media_range(&m.range) == ("*", "*")))
}

/// A media type or range without its parameters, as type and subtype.
fn media_range(range: &str) -> (&str, &str) {
    let range = essence(range);
    match range.bytes().position(|b| b == b'/') {
        Some(slash) => (&range[..slash], &range[slash + 1..]),
        None => (range, ""),
    }
}

fn header<'e>(headers: &'e [(String, String)], name: &str) -> Option<&'e str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn documented(media: &[Media]) -> String {
    let list: Vec<&str> = media.iter().map(|m| m.range.as_str()).collect();
    list.join(", ")
}

pub(super) fn exchange(inner: &Inner, exchange: &Exchange) -> Report {
    let request = &exchange.request;
    let url = match Target::parse(&request.url) {
        Ok(url) => url,
        Err(problem) => return unmatched(format!("the URL cannot be read: {problem}")),
    };
    let host = match url.host {
        Some(h) if inner.options.match_hosts => Some(h),
        _ if inner.options.match_hosts => return unmatched("the request names no host".into()),
        _ => None,
    };
    let method = || request.method.to_ascii_uppercase();
    let (operation, path_values) = match inner.operations.find(&request.method, url.path, host) {
        Found::Operation(operation, values) => (operation, values),
        Found::WrongMethod(methods) => {
            return unmatched(format!(
                "{} is documented for {} only, not {}",
                url.path,
                methods.join(", "),
                method()
            ));
        }
        Found::Nothing => {
            return unmatched(format!(
                "no operation of any spec matches {} {}",
                method(),
                url.path
            ));
        }
    };

    let mut findings = Findings::new(inner, operation.spec, Some(&operation.id));
    let schemas = &inner.schemas[operation.spec];
    let query = params::query_pairs(url.query);
    if within_limits(&mut findings, "request.headers", &request.headers) {
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
        let declared = response_for(operation, response.status);
        documented_status = declared.map(|d| d.key.clone());
        if within_limits(&mut findings, "response.headers", &response.headers) {
            check_response(&mut findings, schemas, operation, response, declared);
        }
    }
    let mut report = findings.finish(Some(inner.specs[operation.spec].name.clone()));
    report.documented_status = documented_status;
    report
}

/// Whether a message's headers are within the limits; when they are not, a `limit` violation
/// says which, and the message is not checked further.
fn within_limits(
    findings: &mut Findings<'_>,
    location: &str,
    headers: &[(String, String)],
) -> bool {
    let limits = findings.inner.options.limits;
    let bytes: usize = headers.iter().map(|(n, v)| n.len() + v.len()).sum();
    let problem = if headers.len() > limits.max_headers {
        format!(
            "{} headers, more than the limit of {}",
            headers.len(),
            limits.max_headers
        )
    } else if bytes > limits.max_header_bytes {
        format!(
            "{bytes} bytes of headers, more than the limit of {} bytes",
            limits.max_header_bytes
        )
    } else {
        return true;
    };
    findings.push(
        location.into(),
        "limit",
        format!("{problem}; the message was not checked"),
        None,
    );
    false
}

/// The parts of a request's target the checks use: an absolute URL
/// (`scheme://authority/path?query#fragment`) or an origin-form target (`/path?query`).
struct Target<'u> {
    host: Option<&'u str>,
    path: &'u str,
    query: &'u str,
}

impl<'u> Target<'u> {
    fn parse(url: &'u str) -> Result<Self, String> {
        // A target that starts with `/` is origin-form, whatever its query holds (a `://`
        // there is not a scheme's: a scheme has no `/`).
        let (host, rest) = if url.starts_with('/') {
            (None, url)
        } else {
            match url.split_once("://") {
                Some((scheme, rest))
                    if !scheme.is_empty()
                        && scheme
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b)) =>
                {
                    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
                    let authority = &rest[..end];
                    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
                    let host = match host_port.strip_prefix('[') {
                        Some(v6) => v6.split_once(']').map(|(h, _)| h),
                        None => Some(host_port.split(':').next().unwrap_or("")),
                    }
                    .filter(|h| !h.is_empty())
                    .ok_or_else(|| format!("no host in `{authority}`"))?;
                    (Some(host), &rest[end..])
                }
                _ => return Err("neither an absolute URL nor a path".into()),
            }
        };
        let rest = rest.split_once('#').map_or(rest, |(r, _)| r);
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        Ok(Target {
            host,
            path: if path.is_empty() { "/" } else { path },
            query,
        })
    }
}

fn check_security<'e>(
    findings: &mut Findings<'e>,
    operation: &Operation,
    request: &'e super::Request,
    query: &'e [(String, String)],
) {
    let authorization = header(&request.headers, "authorization");
    if let Some(value) = authorization {
        findings.secret(value);
        if let Some((_, token)) = value.split_once(' ') {
            findings.secret(token.trim());
        }
    }
    let cookies = header(&request.headers, "cookie")
        .map(params::cookie_pairs)
        .unwrap_or_default();
    let present = |credential: &Credential| -> Option<Cow<'e, str>> {
        match credential {
            Credential::Authorization(scheme) => authorization
                .and_then(|v| v.split_once(' '))
                .filter(|(given, token)| {
                    given.eq_ignore_ascii_case(scheme) && !token.trim().is_empty()
                })
                .map(|(_, token)| Cow::Borrowed(token.trim())),
            Credential::ApiKey(In::Header, name) => {
                header(&request.headers, name).map(Cow::Borrowed)
            }
            Credential::ApiKey(In::Query, name) => query
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| Cow::Borrowed(v.as_str())),
            Credential::ApiKey(_, name) => cookies
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| Cow::Owned(v.clone())),
            Credential::Unknown => Some(Cow::Borrowed("")),
        }
    };
    let mut satisfied = operation.security.is_empty();
    for requirement in &operation.security {
        let mut all = true;
        for scheme in requirement {
            match present(&scheme.credential) {
                Some(value) => findings.secret(value),
                None => all = false,
            }
        }
        satisfied |= all;
    }
    if satisfied {
        return;
    }
    let describe = |credential: &Credential| match credential {
        Credential::Authorization(scheme) => format!("`Authorization: {}`", capitalized(scheme)),
        Credential::ApiKey(location, name) => format!("the `{name}` {}", location.as_str()),
        Credential::Unknown => "a credential".into(),
    };
    let alternatives: Vec<String> = operation
        .security
        .iter()
        .map(|requirement| {
            let parts: Vec<String> = requirement
                .iter()
                .map(|s| format!("{} ({})", describe(&s.credential), s.name))
                .collect();
            parts.join(" and ")
        })
        .collect();
    let pointer = format!("{}/security", operation.pointer);
    let schema_path = findings
        .spec
        .document
        .pointer(&pointer)
        .map(|_| pointer)
        .or_else(|| Some("/security".into()));
    findings.push(
        "request.security".into(),
        "security",
        format!(
            "no credentials of any security requirement: send {}",
            alternatives.join(", or ")
        ),
        schema_path,
    );
}

fn capitalized(scheme: &str) -> String {
    let mut chars = scheme.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

fn check_parameters(
    findings: &mut Findings<'_>,
    schemas: &SchemaSet,
    operation: &Operation,
    request: &super::Request,
    query: &[(String, String)],
    path_values: &[(&str, String)],
) {
    let cookies = header(&request.headers, "cookie")
        .map(params::cookie_pairs)
        .unwrap_or_default();
    let document = &findings.spec.document;
    for param in &operation.params {
        let location = || format!("request.{}.{}", param.location.as_str(), param.name);
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
                    "required",
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
        let kinds_of = |key: &str| {
            param
                .schema
                .as_deref()
                .and_then(|s| document.pointer(s))
                .map(|s| resolve(document, s))
                .and_then(|s| s.get("properties")?.get(key))
                .map_or(Kind::String, |p| kind_of(document, p))
        };
        let value = match params::decode(param, &values, kinds_of) {
            Ok(value) => value,
            Err(Mismatch { text, wanted }) => {
                findings.push(
                    location(),
                    "type",
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
                &Lazy(&location),
                false,
            );
        }
    }
}

/// A location worked out only when a violation needs it.
struct Lazy<F>(F);

impl<F: Fn() -> String> std::fmt::Display for Lazy<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&(self.0)())
    }
}

fn check_request_body(
    findings: &mut Findings<'_>,
    schemas: &SchemaSet,
    operation: &Operation,
    request: &super::Request,
) {
    if let Some(unrecorded) = request.unrecorded {
        findings.push(
            "request.body".into(),
            "unrecorded",
            unrecorded.to_string(),
            None,
        );
        return;
    }
    let body = request.body.as_deref().filter(|b| !b.is_empty());
    let Some(declared) = &operation.body else {
        if body.is_some() {
            findings.push(
                "request.body".into(),
                "requestBody",
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
                "request.body".into(),
                "required",
                "the request body is required, and the request has none".into(),
                Some(declared.pointer.clone()),
            );
        }
        return;
    };
    let content_pointer = || Some(format!("{}/content", declared.pointer));
    let Some(content_type) = header(&request.headers, "content-type") else {
        findings.push(
            "request.header.content-type".into(),
            "contentType",
            format!(
                "the request has a body but no Content-Type; the spec documents {}",
                documented(&declared.media)
            ),
            content_pointer(),
        );
        return;
    };
    let essence = essence(content_type);
    let Some(media) = pick(&declared.media, essence) else {
        findings.push(
            "request.header.content-type".into(),
            "contentType",
            format!("the media type `{essence}` is not documented for this request body (documented: {})", documented(&declared.media)),
            content_pointer(),
        );
        return;
    };
    check_body(
        findings,
        schemas,
        Direction::Request,
        media,
        essence,
        body,
        "request.body",
    );
}

/// The response documented for `status`: the exact code, then its `4XX`-style range, then
/// `default`.
fn response_for(operation: &Operation, status: u16) -> Option<&ResponseDef> {
    let exact = |key: &str| key.parse::<u16>() == Ok(status);
    let range = |key: &str| {
        key.len() == 3
            && key[1..].eq_ignore_ascii_case("XX")
            && key[..1].parse::<u16>() == Ok(status / 100)
    };
    let responses = &operation.responses;
    responses
        .iter()
        .find(|r| exact(&r.key))
        .or_else(|| responses.iter().find(|r| range(&r.key)))
        .or_else(|| responses.iter().find(|r| r.key == "default"))
}

/// Checks a response against the documented response its status falls under (`declared`,
/// from [`response_for`]; `None` when the status is undocumented).
fn check_response(
    findings: &mut Findings<'_>,
    schemas: &SchemaSet,
    operation: &Operation,
    response: &super::Response,
    declared: Option<&ResponseDef>,
) {
    let Some(declared) = declared else {
        let statuses: Vec<&str> = operation.responses.iter().map(|r| r.key.as_str()).collect();
        findings.push(
            "response.status".into(),
            "status",
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
        let location = format!("response.header.{}", header_def.name);
        let schema_path = || Some(format!("{}/headers", declared.pointer));
        match header(&response.headers, &header_def.name) {
            None if header_def.required => findings.push(
                location,
                "required",
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
                        location,
                        "type",
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
            "response.body".into(),
            "unrecorded",
            unrecorded.to_string(),
            None,
        );
        return;
    }
    let body = response.body.as_deref().filter(|b| !b.is_empty());
    let content_pointer = || Some(format!("{}/content", declared.pointer));
    let Some(body) = body else {
        if !declared.media.is_empty() && response.status != 204 && response.status != 304 {
            findings.push(
                "response.body".into(),
                "body",
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
            "response.header.content-type".into(),
            "contentType",
            format!(
                "the spec documents no body for status {}, but the response has one",
                declared.key
            ),
            Some(declared.pointer.clone()),
        );
        return;
    }
    let Some(content_type) = header(&response.headers, "content-type") else {
        findings.push(
            "response.header.content-type".into(),
            "contentType",
            format!(
                "the response has a body but no Content-Type; the spec documents {}",
                documented(&declared.media)
            ),
            content_pointer(),
        );
        return;
    };
    let essence = essence(content_type);
    let Some(media) = pick(&declared.media, essence) else {
        findings.push(
            "response.header.content-type".into(),
            "contentType",
            format!(
                "the media type `{essence}` is not documented for status {} (documented: {})",
                declared.key,
                documented(&declared.media)
            ),
            content_pointer(),
        );
        return;
    };
    check_body(
        findings,
        schemas,
        Direction::Response,
        media,
        essence,
        body,
        "response.body",
    );
}

/// Where a JSON text first nests arrays and objects deeper than `limit`: the byte offset of
/// the bracket that goes too deep. Brackets inside strings do not count.
fn deeper_than(body: &[u8], limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (offset, &byte) in body.iter().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return Some(offset);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// A body of a documented media type: parsed when it is JSON, then checked against its schema.
fn check_body(
    findings: &mut Findings<'_>,
    schemas: &SchemaSet,
    direction: Direction,
    media: &Media,
    essence: &str,
    body: &[u8],
    location: &str,
) {
    if !is_json(essence) && !is_json(self::essence(&media.range)) {
        return;
    }
    let limits = findings.inner.options.limits;
    if body.len() > limits.max_body {
        findings.push(
            location.into(),
            "limit",
            format!(
                "the body is {} bytes, more than the limit of {} bytes; it was not checked",
                body.len(),
                limits.max_body
            ),
            None,
        );
        return;
    }
    if limits.max_depth < Limits::DEEPEST
        && let Some(offset) = deeper_than(body, limits.max_depth)
    {
        findings.push(
            location.into(),
            "limit",
            format!(
                "the body nests arrays and objects more than {} levels deep (byte {offset}); it was not checked",
                limits.max_depth
            ),
            None,
        );
        return;
    }
    // One UTF-8 check of the whole body is cheaper than serde_json's check of each string.
    let parsed = match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(body),
    };
    let value: Value = match parsed {
        Ok(value) => value,
        Err(e) => {
            let described = if body.trim_ascii_start().starts_with(b"<") {
                " (it looks like HTML)"
            } else {
                ""
            };
            findings.push_at(
                location.into(),
                Some(String::new()),
                "json",
                if e.to_string().starts_with("recursion limit exceeded") {
                    // serde_json stops at 128 levels rather than overflow the stack.
                    format!(
                        "the body nests arrays and objects more than {} levels deep (line {}, column {}), deeper than the validator reads",
                        Limits::DEEPEST,
                        e.line(),
                        e.column()
                    )
                } else {
                    format!(
                        "the body is not valid JSON{described}: {} error at line {}, column {}",
                        match e.classify() {
                            serde_json::error::Category::Eof => "unexpected end",
                            _ => "syntax",
                        },
                        e.line(),
                        e.column()
                    )
                },
                media.schema.clone(),
            );
            return;
        }
    };
    if let Some(schema) = &media.schema {
        validate_value(
            findings, schemas, direction, schema, &value, &location, true,
        );
    }
}

/// Checks a value against the schema at `schema` (a spec pointer), pushing one violation per
/// error; `body` gives them a pointer into the value.
fn validate_value(
    findings: &mut Findings<'_>,
    schemas: &SchemaSet,
    direction: Direction,
    schema: &str,
    value: &Value,
    location: &dyn std::fmt::Display,
    body: bool,
) {
    let validator = match schemas.validator(direction, schema) {
        Some(Ok(validator)) => validator,
        Some(Err(problem)) => {
            findings.push(
                location.to_string(),
                "schema",
                format!("the schema cannot be used: {problem}"),
                Some(schema.into()),
            );
            return;
        }
        None => return,
    };
    if validator.is_valid(value) {
        return;
    }
    let mut secret_places = Vec::new();
    if schemas.may_hold_secrets(direction, schema, &findings.spec.document) {
        let document = &findings.spec.document;
        if let Some(node) = document.pointer(schema) {
            collect_secrets(document, node, value, String::new(), 0, &mut secret_places);
        }
        for (_, secret) in &secret_places {
            findings.secret(secret.clone());
        }
    }
    let place = Place {
        direction,
        schema,
        location,
        body,
        secret_places: &secret_places,
    };
    for error in validator.iter_errors(value) {
        place.push(findings, &error, "");
    }
}

/// Where the errors of one schema check land, and what makes them masked.
struct Place<'p> {
    direction: Direction,
    schema: &'p str,
    location: &'p dyn std::fmt::Display,
    body: bool,
    secret_places: &'p [(String, String)],
}

impl Place<'_> {
    /// Pushes one schema error as a violation. A failed `anyOf` or `oneOf` (one without a
    /// discriminator to pick its branch) is reported by the errors of its closest branch, so
    /// the violation points inside the value rather than at "matches none of the branches".
    fn push(&self, findings: &mut Findings<'_>, error: &ValidationError<'_>, note: &str) {
        if let ValidationErrorKind::AnyOf { context }
        | ValidationErrorKind::OneOfNotValid { context } = error.kind()
            && let Some((branch, errors)) = closest_branch(context)
        {
            let note = format!(
                "{note} (no branch of {} matches; the closest is branch {} of {})",
                error.kind().keyword(),
                branch + 1,
                context.len()
            );
            for inner in errors {
                self.push(findings, inner, &note);
            }
            return;
        }
        let keyword = match error.kind().keyword() {
            "falseSchema" | "false" => match self.direction {
                Direction::Request => "readOnly",
                Direction::Response => "writeOnly",
            },
            other => other,
        }
        .to_owned();
        let at = error.instance_path().as_str();
        let secret_here = self
            .secret_places
            .iter()
            .any(|(place, _)| at.starts_with(place.as_str()));
        let message = match error.instance().as_ref() {
            Value::Object(_) | Value::Array(_) => error.masked().to_string(),
            _ if secret_here => error.masked().to_string(),
            _ => error.to_string(),
        };
        let message = match keyword.as_str() {
            "readOnly" => "a read-only property is not allowed in a request".to_owned(),
            "writeOnly" => "a write-only property is not allowed in a response".to_owned(),
            _ => message,
        };
        let schema_path =
            spec_pointer(error.schema_path().as_str()).or_else(|| Some(self.schema.to_owned()));
        let pointer = self.body.then(|| at.to_owned());
        findings.push_at(
            self.location.to_string(),
            pointer,
            &keyword,
            format!("{message}{note}"),
            schema_path,
        );
    }
}

/// The branch of a failed `anyOf`/`oneOf` the value came closest to: the one whose errors lie
/// deepest in the value (a branch failing at the root, on its type, is the farthest), then the
/// one with the fewest errors, then the first.
fn closest_branch<'c>(
    context: &'c [Vec<ValidationError<'static>>],
) -> Option<(usize, &'c [ValidationError<'static>])> {
    context
        .iter()
        .enumerate()
        .filter(|(_, errors)| !errors.is_empty())
        .min_by_key(|(_, errors)| {
            let shallowest = errors
                .iter()
                .map(|e| e.instance_path().as_str().matches('/').count())
                .min()
                .unwrap_or(0);
            (std::cmp::Reverse(shallowest), errors.len())
        })
        .map(|(branch, errors)| (branch, errors.as_slice()))
}

/// The spec pointer of a keyword in a generated schema document:
/// `/$defs/request/~1components~1schemas~1X/properties/a/type` -> `/components/schemas/X/properties/a/type`.
fn spec_pointer(schema_path: &str) -> Option<String> {
    let rest = schema_path
        .strip_prefix("/$defs/request/")
        .or_else(|| schema_path.strip_prefix("/$defs/response/"))?;
    let (key, tail) = rest.split_once('/').map_or((rest, ""), |(k, t)| (k, t));
    let pointer = key.replace("~1", "/").replace("~0", "~");
    Some(if tail.is_empty() {
        pointer
    } else {
        format!("{pointer}/{tail}")
    })
}

/// The places (JSON pointers) and values of `instance` that stand where `schema` says
/// `format: password`.
fn collect_secrets(
    document: &Value,
    schema: &Value,
    instance: &Value,
    place: String,
    depth: usize,
    out: &mut Vec<(String, String)>,
) {
    if depth > 64 {
        return;
    }
    let schema = resolve(document, schema);
    if schema.get("format").and_then(Value::as_str) == Some("password") {
        let text = match instance {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        out.push((place, text));
        return;
    }
    for keyword in ["allOf", "anyOf", "oneOf"] {
        if let Some(Value::Array(members)) = schema.get(keyword) {
            for member in members {
                collect_secrets(document, member, instance, place.clone(), depth + 1, out);
            }
        }
    }
    match instance {
        Value::Object(object) => {
            for (name, child) in object {
                let child_place = format!("{place}/{}", crate::spec::convert::escape(name));
                if let Some(property) = schema.get("properties").and_then(|p| p.get(name)) {
                    collect_secrets(document, property, child, child_place, depth + 1, out);
                } else if let Some(extra @ Value::Object(_)) = schema.get("additionalProperties") {
                    collect_secrets(document, extra, child, child_place, depth + 1, out);
                }
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for (i, item) in items.iter().enumerate() {
                    collect_secrets(
                        document,
                        item_schema,
                        item,
                        format!("{place}/{i}"),
                        depth + 1,
                        out,
                    );
                }
            }
        }
        _ => {}
    }
}

fn payload_report(
    inner: &Inner,
    spec: usize,
    operation: Option<&str>,
    direction: Direction,
    schema: &str,
    payload: &[u8],
) -> Report {
    let mut findings = Findings::new(inner, spec, operation);
    match serde_json::from_slice::<Value>(payload) {
        Ok(value) => validate_value(
            &mut findings,
            &inner.schemas[spec],
            direction,
            schema,
            &value,
            &"payload",
            true,
        ),
        Err(e) => findings.push_at(
            "payload".into(),
            Some(String::new()),
            "json",
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

pub(super) fn payload_against_component(
    inner: &Inner,
    spec: Option<&str>,
    name: &str,
    payload: &[u8],
) -> Result<Report, String> {
    let pointer = format!("/components/schemas/{}", crate::spec::convert::escape(name));
    let candidates: Vec<usize> = inner
        .specs
        .iter()
        .enumerate()
        .filter(|(_, s)| spec.is_none_or(|wanted| s.name == wanted))
        .filter(|(_, s)| s.document.pointer(&pointer).is_some())
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
        [] => Err(format!("no spec has a component schema named `{name}`")),
        _ => Err(format!(
            "several specs have a component schema named `{name}`: name one with --spec"
        )),
    }
}

pub(super) fn payload_against_operation(
    inner: &Inner,
    id: &str,
    status: Option<u16>,
    payload: &[u8],
) -> Result<Report, String> {
    let operation = inner
        .operations
        .by_id(id)
        .ok_or_else(|| format!("no operation has the operationId `{id}`"))?;
    let (direction, media) = match status {
        None => {
            let body = operation
                .body
                .as_ref()
                .ok_or_else(|| format!("`{id}` documents no request body"))?;
            (Direction::Request, &body.media)
        }
        Some(status) => {
            let response = response_for(operation, status)
                .ok_or_else(|| format!("`{id}` documents no response for status {status}"))?;
            (Direction::Response, &response.media)
        }
    };
    let schema = media
        .iter()
        .find(|m| is_json(essence(&m.range)))
        .or_else(|| media.first())
        .and_then(|m| m.schema.clone())
        .ok_or_else(|| format!("`{id}` documents no JSON body schema there"))?;
    Ok(payload_report(
        inner,
        operation.spec,
        Some(&operation.id),
        direction,
        &schema,
        payload,
    ))
}

#[cfg(test)]
mod tests {
    use super::{Target, essence, media_range};

    #[test]
    fn media_types_lose_their_parameters_and_split_at_the_slash() {
        for (text, expected_essence, expected_range) in [
            (
                "application/json; charset=utf-8",
                "application/json",
                ("application", "json"),
            ),
            (
                " application/problem+json ;q=1",
                "application/problem+json",
                ("application", "problem+json"),
            ),
            ("text/*", "text/*", ("text", "*")),
            ("*/*", "*/*", ("*", "*")),
            ("nonsense", "nonsense", ("nonsense", "")),
            ("; charset=utf-8", "", ("", "")),
        ] {
            assert_eq!(essence(text), expected_essence, "{text}");
            assert_eq!(media_range(text), expected_range, "{text}");
        }
    }

    #[test]
    fn targets_split_into_host_path_and_query() {
        let cases = [
            (
                "https://api.example.com/v1/a?x=1#top",
                Some("api.example.com"),
                "/v1/a",
                "x=1",
            ),
            (
                "http://user:pw@Host.example:8080?q",
                Some("Host.example"),
                "/",
                "q",
            ),
            ("http://[::1]:3000/a/b", Some("::1"), "/a/b", ""),
            (
                "/campaigns/1/orders/2?x=%20",
                None,
                "/campaigns/1/orders/2",
                "x=%20",
            ),
            (
                "/return?to=https://shop.example/done",
                None,
                "/return",
                "to=https://shop.example/done",
            ),
        ];
        for (url, host, path, query) in cases {
            let target = Target::parse(url).unwrap();
            assert_eq!(
                (target.host, target.path, target.query),
                (host, path, query),
                "{url}"
            );
        }
        for url in ["relative/path", "https:///nohost", ""] {
            assert!(Target::parse(url).is_err(), "{url}");
        }
    }
}
