//! The mock's HTTP side: connections accepted until it is stopped, each request read whole,
//! answered by [`Shared::answer`], checked against the specs, recorded, and sent.

use std::convert::Infallible;
use std::fs::File;
use std::io::{self, BufWriter};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use super::answer::{self, Answer, Prefer};
use super::flow::{Codes, Flow};
use crate::capture::CaptureWriter;
use crate::exchange::{Exchange, Request, Response, header};
use crate::http_headers::header_pairs_of as header_pairs;
use crate::validate::{Route, Rule, Severity, Validator, Verdict};
use confirmspec_spec::Spec;
use confirmspec_spec::model::Operation;

/// The largest request body the mock reads.
const MAX_BODY: usize = 1 << 20;

/// The flows and the generator of their codes, behind one lock.
pub(super) struct State {
    pub(super) codes: Codes,
    pub(super) flows: Vec<Box<dyn Flow>>,
}

/// What every connection shares.
pub(super) struct Shared {
    pub(super) validator: Validator,
    pub(super) state: Mutex<State>,
    pub(super) record: Mutex<Option<CaptureWriter<BufWriter<File>>>>,
    /// Why the recording stopped, if it failed: `stop` reports it.
    pub(super) record_error: Mutex<Option<io::Error>>,
    /// Responses that broke their spec and were replaced (a bug of the mock if ever > 0).
    pub(super) replaced: AtomicU64,
}

/// Accepts connections until `stop`, then lets those in flight finish (up to 5 s) and closes
/// the recording.
pub(super) async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    mut stop: oneshot::Receiver<()>,
) -> io::Result<()> {
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let shared = shared.clone();
                let service = service_fn(move |request| {
                    let shared = shared.clone();
                    async move { Ok::<_, Infallible>(shared.handle(request).await) }
                });
                let connection = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service);
                let connection = graceful.watch(connection);
                tokio::spawn(async move {
                    let _ = connection.await;
                });
            }
            _ = &mut stop => break,
        }
    }
    let _ = tokio::time::timeout(Duration::from_secs(5), graceful.shutdown()).await;
    let writer = shared.record.lock().map(|mut r| r.take()).unwrap_or(None);
    if let Some(error) = shared.record_error.lock().ok().and_then(|mut e| e.take()) {
        return Err(io::Error::new(
            error.kind(),
            format!("the recording stopped: {error}"),
        ));
    }
    if let Some(writer) = writer {
        writer.finish()?;
    }
    Ok(())
}

impl Shared {
    async fn handle(&self, request: hyper::Request<Incoming>) -> hyper::Response<Full<Bytes>> {
        let started = SystemTime::now();
        let (parts, body) = request.into_parts();
        let headers = header_pairs(&parts.headers);
        let target = parts
            .uri
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_owned();
        let body = match Limited::new(body, MAX_BODY).collect().await {
            Ok(body) => body.to_bytes(),
            Err(_) => {
                let answer = Answer::problem(
                    413,
                    "Request too large",
                    "The mock reads bodies up to 1 MiB.",
                );
                return send(&answer, None);
            }
        };
        if let Some(answer) = self.admin(parts.method.as_str(), parts.uri.path()) {
            return send(&answer, None);
        }
        let host = header(&headers, "host").unwrap_or("localhost");
        let mut exchange = Exchange {
            request: Request {
                method: parts.method.as_str().to_owned(),
                url: format!("http://{host}{target}"),
                headers,
                body: (!body.is_empty()).then(|| body.to_vec()),
                unrecorded: None,
            },
            response: None,
        };
        let route = self
            .validator
            .route(&exchange.request.method, &exchange.request.url);
        let (answer, violation) = self
            .answer(&exchange, route.as_ref(), parts.uri.path())
            .await;
        self.check(&mut exchange, route.as_ref(), answer);
        self.keep(&exchange, started);
        to_hyper(
            exchange.response.as_ref().expect("the mock answered"),
            violation.as_deref(),
        )
    }

    /// `GET /__mock/codes/{vendor}/{key}` and `POST /__mock/reset`.
    fn admin(&self, method: &str, path: &str) -> Option<Answer> {
        let rest = path.strip_prefix("/__mock/")?;
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        Some(
            match (method, rest.split('/').collect::<Vec<_>>().as_slice()) {
                ("POST", ["reset"]) => {
                    state.codes.reset();
                    for flow in &mut state.flows {
                        flow.reset();
                    }
                    Answer {
                        status: 204,
                        body: None,
                        content_type: "application/json",
                    }
                }
                ("GET", ["codes", vendor, key]) => {
                    let names: Vec<&str> = state.flows.iter().map(|f| f.spec()).collect();
                    let known = format!("Vendors: {}.", names.join(", "));
                    let State { codes, flows } = &mut *state;
                    match flows.iter_mut().find(|f| f.spec() == *vendor) {
                        None => Answer::problem(404, "Unknown vendor", &known),
                        Some(flow) => match flow.code_of(codes, key) {
                            Some(view) => Answer::json(
                                200,
                                json!({"code": view.code, "attemptsLeft": view.attempts_left}),
                            ),
                            None => Answer::problem(
                                404,
                                "No code",
                                &format!("The mock has issued no code for `{key}`."),
                            ),
                        },
                    }
                }
                _ => Answer::problem(
                    404,
                    "Unknown mock endpoint",
                    "GET /__mock/codes/{vendor}/{key}, POST /__mock/reset.",
                ),
            },
        )
    }

    /// The answer to a request (an exchange without its response yet), and what it broke (for
    /// the `X-Confirmspec-Violation` header).
    async fn answer(
        &self,
        exchange: &Exchange,
        route: Option<&Route>,
        path: &str,
    ) -> (Answer, Option<String>) {
        let request = &exchange.request;
        let Some(route) = route else {
            let detail = format!("No spec documents {} {path}.", request.method);
            return (Answer::problem(404, "No such operation", &detail), None);
        };
        let prefer = match Prefer::parse(
            request
                .headers
                .iter()
                .filter(|(n, _)| n.eq_ignore_ascii_case("prefer"))
                .map(|(_, v)| v.as_str()),
        ) {
            Ok(prefer) => prefer,
            Err(detail) => {
                return (
                    Answer::problem(400, "Bad Prefer header", &detail.to_string()),
                    None,
                );
            }
        };
        if let Some(delay) = prefer.delay {
            tokio::time::sleep(delay).await;
        }
        let (spec, operation) = self.operation(route);
        let refused = self.with_flow(&route.spec, |flow, _| {
            (!flow.authorised(&request.headers)).then(|| flow.unauthorised(path))
        });
        if let Some(Some(answer)) = refused {
            return (answer, None);
        }
        let report = self.validator.validate(exchange);
        if report.verdict == Verdict::Violating {
            let what: Vec<String> = report
                .violations
                .iter()
                .take(3)
                .map(|v| {
                    format!(
                        "{}{}: {}",
                        v.location,
                        crate::validate::pointer_label(v.pointer.as_deref()),
                        v.message
                    )
                })
                .collect();
            let what = what.join("; ");
            let security = report
                .violations
                .iter()
                .any(|v| v.keyword == Rule::Security);
            let answer = match self.with_flow(&route.spec, |flow, _| flow.bad_request(path, &what))
            {
                Some(answer) => Some(answer),
                None if security => answer::documented(spec, operation, 401),
                None => answer::bad_request_status(operation)
                    .and_then(|status| answer::documented(spec, operation, status)),
            };
            let answer = answer
                .unwrap_or_else(|| Answer::problem(422, "The request breaks its spec", &what));
            return (answer, Some(what));
        }
        if let Some(code) = prefer.code {
            let answer = answer::documented(spec, operation, code).unwrap_or_else(|| {
                Answer::problem(
                    422,
                    "Status not documented",
                    &format!("{} documents no response {code}.", route.operation),
                )
            });
            return (answer, None);
        }
        (self.play((spec, operation), route, request), None)
    }

    /// `act` on the flow that plays the spec called `name`, if one does, under the lock.
    fn with_flow<T>(
        &self,
        name: &str,
        act: impl FnOnce(&mut dyn Flow, &mut Codes) -> T,
    ) -> Option<T> {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let State { codes, flows } = &mut *state;
        let flow = flows.iter_mut().find(|f| f.spec() == name)?;
        Some(act(flow.as_mut(), codes))
    }

    /// The spec's flow, or the operation's documented success.
    fn play(
        &self,
        (spec, operation): (&Spec, &Operation),
        route: &Route,
        request: &Request,
    ) -> Answer {
        let body: Value = request
            .body
            .as_deref()
            .and_then(|b| serde_json::from_slice(b).ok())
            .unwrap_or(Value::Null);
        let played = self
            .with_flow(&route.spec, |flow, codes| {
                flow.answer(codes, &route.operation, &route.path_params, &body)
            })
            .flatten();
        played
            .or_else(|| answer::success(spec, operation))
            .unwrap_or_else(|| {
                Answer::problem(500, "No answer", "The operation documents no response.")
            })
    }

    /// Gives the exchange its answer, checked: an answer that breaks its spec (a bug of the
    /// mock) is replaced by the operation's documented 500, so what is served conforms.
    fn check(&self, exchange: &mut Exchange, route: Option<&Route>, answer: Answer) {
        exchange.response = Some(response(&answer));
        let Some(route) = route else {
            return;
        };
        let report = self.validator.validate(exchange);
        // The request's own violations were answered already; only the answer's count here.
        let broken = report
            .violations
            .iter()
            .any(|v| v.location.in_response() && v.severity == Severity::Error);
        if broken
            && answer.status < 500
            && let (spec, operation) = self.operation(route)
            && let Some(fallback) = answer::documented(spec, operation, 500)
        {
            self.replaced.fetch_add(1, Ordering::Relaxed);
            exchange.response = Some(response(&fallback));
        }
    }

    /// The spec a route is in.
    /// The spec and the model of the operation the validator routed to.
    fn operation(&self, route: &Route) -> (&Spec, &Operation) {
        self.validator
            .operation_model(&route.spec, &route.pointer)
            .expect("the validator routed to one of its operations")
    }

    /// Records the exchange (redacted), when recording.
    fn keep(&self, exchange: &Exchange, started: SystemTime) {
        let Ok(mut record) = self.record.lock() else {
            return;
        };
        if let Some(writer) = record.as_mut() {
            let redacted = self.validator.redacted(exchange);
            let started = humantime::format_rfc3339_millis(started).to_string();
            // A recording that cannot be written stops, and `stop` says why: the exchanges
            // after it are not in it.
            if let Err(error) = writer
                .write(&redacted, &started, None)
                .and_then(|_| writer.flush())
            {
                *record = None;
                if let Ok(mut slot) = self.record_error.lock() {
                    slot.get_or_insert(error);
                }
            }
        }
    }
}

/// An answer as the model's response.
fn response(answer: &Answer) -> Response {
    let body = answer
        .body
        .as_ref()
        .map(|b| serde_json::to_vec(b).expect("a JSON value serialises"));
    let mut headers = Vec::new();
    if body.is_some() {
        headers.push(("content-type".to_owned(), answer.content_type.to_owned()));
    }
    if matches!(answer.status, 420 | 429) {
        headers.push(("retry-after".to_owned(), "1".to_owned()));
    }
    Response {
        status: answer.status,
        headers,
        body,
        unrecorded: None,
    }
}

fn send(answer: &Answer, violation: Option<&str>) -> hyper::Response<Full<Bytes>> {
    to_hyper(&response(answer), violation)
}

/// The model's response as hyper's, with what the request broke in a header (visible ASCII
/// only: the values quoted in a message may be any text).
fn to_hyper(response: &Response, violation: Option<&str>) -> hyper::Response<Full<Bytes>> {
    let mut out = hyper::Response::builder().status(response.status);
    for (name, value) in &response.headers {
        out = out.header(name, value);
    }
    if let Some(violation) = violation {
        let ascii: String = violation
            .chars()
            .map(|c| {
                if c.is_ascii_graphic() || c == ' ' {
                    c
                } else {
                    '?'
                }
            })
            .collect();
        out = out.header("x-confirmspec-violation", ascii);
    }
    out.body(Full::new(Bytes::from(
        response.body.clone().unwrap_or_default(),
    )))
    .expect("a status and headers the mock made")
}
