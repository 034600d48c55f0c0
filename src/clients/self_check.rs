//! A client's check of its own traffic (`self-check`): each exchange validated against the
//! specs as it happens, its result handed to the service's sink.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::error::Refusal;
use confirmspec_validator::ExchangeResult;
use confirmspec_validator::header_pairs_of as header_pairs;
use confirmspec_validator::{Exchange, Request, Response};
use confirmspec_validator::{Severity, Validator, Verdict, Violation, pointer_label};

/// A client's check of its own traffic (see
/// [`ClientBuilder::validate_with`](super::ClientBuilder::validate_with)).
pub(crate) struct SelfCheck {
    pub(crate) validator: Validator,
    pub(crate) sink: Box<dyn Fn(ExchangeResult) + Send + Sync>,
    pub(crate) strict: bool,
    /// The next exchange's number, for `ExchangeResult::index`.
    pub(crate) next: AtomicUsize,
}

/// A response that broke its spec, marked by `exec` for `post` to fail the call (strict).
#[derive(Clone)]
struct Violated(String);

/// The violations of a report in one line for an error: where, which rule, the message
/// (secrets already masked by the validator).
fn violations_line(violations: &[Violation]) -> String {
    violations
        .iter()
        .filter(|v| v.severity == Severity::Error)
        .map(|v| {
            let pointer = pointer_label(v.pointer.as_deref());
            format!("{}{pointer} [{}] {}", v.location, v.keyword, v.message)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The request as the model holds it: the body's bytes.
fn as_recorded(request: &reqwest::Request) -> Request {
    Request {
        method: request.method().as_str().to_owned(),
        url: request.url().to_string(),
        headers: header_pairs(request.headers()),
        body: request
            .body()
            .and_then(reqwest::Body::as_bytes)
            .map(<[u8]>::to_vec),
        unrecorded: None,
    }
}

impl SelfCheck {
    /// Before sending, in strict mode: a request that breaks its spec fails the call.
    pub(crate) fn check_request(&self, request: &reqwest::Request) -> Result<(), Refusal> {
        if !self.strict {
            return Ok(());
        }
        let exchange = Exchange {
            request: as_recorded(request),
            response: None,
        };
        let report = self.validator.validate(&exchange);
        if report.verdict != Verdict::Violating {
            return Ok(());
        }
        let refusal = Refusal::Request(violations_line(&report.violations));
        let index = self.next.fetch_add(1, Ordering::Relaxed);
        (self.sink)(ExchangeResult::new(
            &self.validator,
            "client",
            index,
            Ok(exchange),
        ));
        Err(refusal)
    }

    /// Sends the request, reads the response whole, validates the exchange, hands the result
    /// to the sink, and gives the response on unchanged.
    pub(crate) async fn execute(
        &self,
        http: &reqwest::Client,
        request: reqwest::Request,
    ) -> reqwest::Result<reqwest::Response> {
        let recorded = as_recorded(&request);
        let response = http.execute(request).await?;
        let status = response.status();
        let version = response.version();
        let headers = response.headers().clone();
        let body = response.bytes().await?;
        let exchange = Exchange {
            request: recorded,
            response: Some(Response {
                status: status.as_u16(),
                headers: header_pairs(&headers),
                body: (!body.is_empty()).then(|| body.to_vec()),
                unrecorded: None,
            }),
        };
        let index = self.next.fetch_add(1, Ordering::Relaxed);
        let result = ExchangeResult::new(&self.validator, "client", index, Ok(exchange));
        let violated = (self.strict && result.verdict == Verdict::Violating)
            .then(|| Violated(violations_line(&result.violations)));
        (self.sink)(result);
        let mut rebuilt = http::Response::new(body);
        *rebuilt.status_mut() = status;
        *rebuilt.version_mut() = version;
        *rebuilt.headers_mut() = headers;
        if let Some(violated) = violated {
            rebuilt.extensions_mut().insert(violated);
        }
        Ok(reqwest::Response::from(rebuilt))
    }
}

/// After the response, in strict mode: a response that broke its spec (marked by
/// [`SelfCheck::execute`]) fails the call.
pub(crate) fn check_response(result: &reqwest::Result<reqwest::Response>) -> Result<(), Refusal> {
    match result {
        Ok(response) => match response.extensions().get::<Violated>() {
            Some(Violated(line)) => Err(Refusal::Response(line.clone())),
            None => Ok(()),
        },
        Err(_) => Ok(()),
    }
}
