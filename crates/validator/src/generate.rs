//! Synthetic captures made from specs' examples, for benchmarks and load tests
//! (`confirmspec generate`).
//!
//! Every operation with JSON bodies becomes a template: its server URL, its path and required
//! parameters filled from their examples, credentials of its first security requirement
//! (obviously fake values), its request body example, and each documented response with its
//! example; a body documented without an example is made from its schema. Exchanges are drawn from the templates with a seeded generator,
//! so the same seed gives the same capture, in this mix:
//!
//! | kind | share | what makes it so |
//! |---|---|---|
//! | conforming | 70% | the examples as documented |
//! | `json` | 6% | an HTML error page (4-16 KB) served as `application/json` |
//! | `status` | 6% | status 418 for an operation that documents no `default` or `4XX` |
//! | `security` | 6% | the credentials left out |
//! | `contentType` | 6% | the request body sent as `text/plain` |
//! | unmatched | 6% | a path no spec documents |
//!
//! A kind that cannot apply to an operation (no security, no body) falls back to conforming.

use std::io::{self, Write};

use serde_json::Value;

use crate::capture::{CaptureFormat, CaptureWriter};
use crate::exchange::{Exchange, Request, Response};
use confirmspec_spec::Spec;
use confirmspec_spec::model::{Credential, In, Operation};

/// What the generator meant an exchange to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// As documented.
    Conforming,
    /// A response body that is not JSON though it says it is.
    Html,
    /// An undocumented status.
    Status,
    /// No credentials.
    Security,
    /// An undocumented request media type.
    ContentType,
    /// A path no spec documents.
    Unmatched,
}

impl Kind {
    /// What the exchanges of this kind are, in words (`confirmspec generate` says so).
    pub fn description(self) -> &'static str {
        match self {
            Kind::Conforming => "as documented",
            Kind::Html => "with an HTML page for a JSON body",
            Kind::Status => "with an undocumented status",
            Kind::Security => "without credentials",
            Kind::ContentType => "with an undocumented request content type",
            Kind::Unmatched => "to a path no spec documents",
        }
    }
}

/// One operation's exchange as its examples give it.
#[derive(Debug, Clone)]
struct Template {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    credentials: Vec<(String, String)>,
    body: Option<Value>,
    responses: Vec<(u16, Option<(String, Value)>)>,
    has_catch_all: bool,
}

/// The mark in a credential's fake value that each exchange replaces with its own number (at
/// least four digits), so that no two exchanges with credentials are the same.
const SERIAL: &str = "{serial}";

/// A source of synthetic exchanges.
pub struct Generator {
    templates: Vec<Template>,
    /// The next exchange's number.
    serial: u64,
    rng: fastrand::Rng,
}

/// The operation's first server URL, each variable at its default.
fn server_url(operation: &Operation) -> String {
    match operation.servers.first() {
        Some(server) => server.default_url().trim_end_matches('/').to_owned(),
        None => "http://localhost".into(),
    }
}

/// The credentials of an operation's first security requirement, fake but well-formed:
/// (headers, query parameters).
fn credentials(operation: &Operation) -> (Vec<(String, String)>, Vec<String>) {
    let mut headers = Vec::new();
    let mut query = Vec::new();
    let first = operation.security.alternatives.first();
    for scheme in first.into_iter().flat_map(|a| &a.schemes) {
        // An API key's name as the spec writes it (the model keeps header names lower-case).
        let written = || scheme.key_name.clone().unwrap_or_default();
        match &scheme.credential {
            Credential::Authorization(kind) if kind == "basic" => headers.push((
                "Authorization".into(),
                "Basic c3ludGhldGljOmNyZWRlbnRpYWw=".into(),
            )),
            Credential::Authorization(_) | Credential::Token => headers.push((
                "Authorization".into(),
                format!("Bearer synthetic-token-{SERIAL}"),
            )),
            Credential::ApiKey(In::Header, _) => {
                headers.push((written(), format!("synthetic-key-{SERIAL}")));
            }
            Credential::ApiKey(In::Query, _) => {
                query.push(format!("{}=synthetic-key-{SERIAL}", written()));
            }
            Credential::ApiKey(In::Cookie, _) => {
                headers.push((
                    "Cookie".into(),
                    format!("{}=synthetic-key-{SERIAL}", written()),
                ));
            }
            Credential::ApiKey(In::Path, _) | Credential::Unknown => {}
        }
    }
    (headers, query)
}

/// The order templates are made in: by path as the spec lists them, then by method.
const METHODS: [&str; 7] = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH"];

fn templates(spec: &Spec) -> Vec<Template> {
    let mut out = Vec::new();
    if !spec.model_problems().is_empty() {
        return out;
    }
    let mut operations = spec.operations().to_vec();
    operations.retain(|o| METHODS.contains(&o.method.as_str()));
    let path_rank = |path: &str| operations.iter().position(|o| o.path == path);
    let mut order: Vec<(Option<usize>, Option<usize>, usize)> = operations
        .iter()
        .enumerate()
        .map(|(i, o)| {
            (
                path_rank(&o.path),
                METHODS.iter().position(|m| *m == o.method),
                i,
            )
        })
        .collect();
    order.sort();
    for operation in order.into_iter().map(|(_, _, i)| &operations[i]) {
        {
            let mut filled = operation.path.clone();
            let mut query = Vec::new();
            let mut headers = Vec::new();
            for param in &operation.params {
                let name = param.name_as_written.as_str();
                let value = spec.parameter_example(param);
                match param.location {
                    In::Path => filled = filled.replace(&format!("{{{name}}}"), &value),
                    In::Query if param.required => query.push(format!("{name}={value}")),
                    In::Header if param.required => headers.push((name.to_owned(), value)),
                    In::Cookie if param.required => {
                        headers.push(("Cookie".into(), format!("{name}={value}")))
                    }
                    _ => {}
                }
            }
            let (credentials, key_query) = credentials(operation);
            query.extend(key_query);
            let body = match &operation.body {
                Some(request) => {
                    let media = request.media.iter().find(|m| m.range == "application/json");
                    match media.and_then(|m| spec.example_of(m)) {
                        Some(body) => Some(body),
                        // A body is needed and none is documented as JSON: skip it.
                        None if request.required => continue,
                        None => None,
                    }
                }
                None => None,
            };
            let mut responses = Vec::new();
            let mut has_catch_all = false;
            for response in &operation.responses {
                let status = match response.key.as_str() {
                    "default" | "4XX" | "5XX" => {
                        has_catch_all = true;
                        continue;
                    }
                    code => match code.parse::<u16>() {
                        Ok(status) => status,
                        Err(_) => continue,
                    },
                };
                let body = if response.media.is_empty() {
                    None
                } else {
                    let Some(media) = response.media.iter().find(|m| m.range.contains("json"))
                    else {
                        continue;
                    };
                    match spec.example_of(media) {
                        Some(body) => Some((media.range.clone(), body)),
                        None => continue,
                    }
                };
                responses.push((status, body));
            }
            if responses.is_empty() {
                continue;
            }
            // Success first: most traffic succeeds.
            responses.sort_by_key(|(status, _)| *status);
            let mut url = format!("{}{filled}", server_url(operation));
            if !query.is_empty() {
                url = format!("{url}?{}", query.join("&"));
            }
            out.push(Template {
                method: operation.method.clone(),
                url,
                headers,
                credentials,
                body,
                responses,
                has_catch_all,
            });
        }
    }
    out
}

/// An HTML error page of about `size` bytes, as a gateway serves it.
fn html_page(size: usize) -> String {
    let mut page = String::from(
        "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>",
    );
    while page.len() < size {
        page.push_str("<p>The upstream server sent an invalid response; request id 8f2c1a7e.</p>");
    }
    page.push_str("</body></html>");
    page
}

impl Generator {
    /// A generator over the operations of `specs` that have examples, seeded with `seed`.
    /// `None` when no operation has one.
    pub fn new(specs: &[Spec], seed: u64) -> Option<Self> {
        let templates: Vec<Template> = specs.iter().flat_map(templates).collect();
        (!templates.is_empty()).then(|| Generator {
            templates,
            rng: fastrand::Rng::with_seed(seed),
            serial: 0,
        })
    }

    /// The next exchange, and what it was meant to be.
    pub fn next_exchange(&mut self) -> (Exchange, Kind) {
        let template = &self.templates[self.rng.usize(..self.templates.len())];
        let roll = self.rng.u32(..100);
        let mut kind = match roll {
            0..70 => Kind::Conforming,
            70..76 => Kind::Html,
            76..82 => Kind::Status,
            82..88 => Kind::Security,
            88..94 => Kind::ContentType,
            _ => Kind::Unmatched,
        };
        let applies = match kind {
            Kind::Html => template.responses[0].1.is_some(),
            Kind::Status => !template.has_catch_all,
            Kind::Security => !template.credentials.is_empty(),
            Kind::ContentType => template.body.is_some(),
            Kind::Conforming | Kind::Unmatched => true,
        };
        if !applies {
            kind = Kind::Conforming;
        }
        let mut headers = template.headers.clone();
        self.serial += 1;
        let serial = format!("{:04}", self.serial);
        if kind != Kind::Security {
            headers.extend(
                template
                    .credentials
                    .iter()
                    .map(|(name, value)| (name.clone(), value.replace(SERIAL, &serial))),
            );
        }
        let mut url = template.url.replace(SERIAL, &serial);
        if kind == Kind::Unmatched {
            url = match url
                .find("://")
                .and_then(|s| url[s + 3..].find('/').map(|p| s + 3 + p))
            {
                Some(path) => format!("{}/undocumented/v9/endpoint", &url[..path]),
                None => "/undocumented/v9/endpoint".into(),
            };
        }
        let mut request_body = None;
        if let Some(body) = &template.body {
            let media = if kind == Kind::ContentType {
                "text/plain"
            } else {
                "application/json"
            };
            headers.push(("Content-Type".into(), media.into()));
            request_body = Some(body.to_string().into_bytes());
        }
        // Mostly the success response, sometimes a documented error.
        let documented = if self.rng.u32(..100) < 85 {
            &template.responses[0]
        } else {
            &template.responses[self.rng.usize(..template.responses.len())]
        };
        let (status, body) = match kind {
            Kind::Html => {
                let size = self.rng.usize(4096..16384);
                (
                    502,
                    Some((
                        "application/json".to_owned(),
                        Value::String(html_page(size)),
                    )),
                )
            }
            Kind::Status => (418, documented.1.clone()),
            _ => (documented.0, documented.1.clone()),
        };
        let status = if kind == Kind::Html && !template.has_catch_all {
            // A 502 would also be undocumented; keep the documented status so the body is
            // what breaks.
            template.responses[0].0
        } else {
            status
        };
        let (headers_out, body_out) = match body {
            Some((media, Value::String(text))) if kind == Kind::Html => (
                vec![("Content-Type".into(), media)],
                Some(text.into_bytes()),
            ),
            Some((media, body)) => (
                vec![("Content-Type".into(), media)],
                Some(body.to_string().into_bytes()),
            ),
            None => (Vec::new(), None),
        };
        let exchange = Exchange {
            request: Request {
                method: template.method.clone(),
                url,
                headers,
                body: request_body,
                unrecorded: None,
            },
            response: Some(Response {
                status,
                headers: headers_out,
                body: body_out,
                unrecorded: None,
            }),
        };
        (exchange, kind)
    }
}

/// How much [`write_capture`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    /// Exchanges until at least this many bytes are written.
    Bytes(u64),
    /// This many exchanges.
    Exchanges(u64),
}

/// Writes exchanges to `out` until `amount` is reached; returns how many exchanges of each
/// kind were written, in the order of [`Kind`]'s variants.
pub fn write_capture(
    generator: &mut Generator,
    format: CaptureFormat,
    amount: Amount,
    out: &mut impl Write,
) -> io::Result<Vec<(Kind, u64)>> {
    let mut counts: Vec<(Kind, u64)> = [
        Kind::Conforming,
        Kind::Html,
        Kind::Status,
        Kind::Security,
        Kind::ContentType,
        Kind::Unmatched,
    ]
    .map(|k| (k, 0))
    .to_vec();
    let mut writer = CaptureWriter::new(out, format, "confirmspec generate")?;
    let (mut written, mut exchanges) = (0u64, 0u64);
    while match amount {
        Amount::Bytes(size) => written < size,
        Amount::Exchanges(count) => exchanges < count,
    } {
        exchanges += 1;
        let (exchange, kind) = generator.next_exchange();
        if let Some(count) = counts.iter_mut().find(|(k, _)| *k == kind) {
            count.1 += 1;
        }
        written += writer.write(&exchange, "2026-11-01T10:00:00.000Z", None)? as u64;
    }
    writer.finish()?;
    Ok(counts)
}
