//! Forwarding one request: read it (within the limits and timeouts), judge it with
//! `enforce`, send it upstream, stream the answer back through a [`Tee`], and hand the
//! exchange to the report thread, even when the client leaves part-way.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};

use bytes::{Bytes, BytesMut};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::{Request, Response, StatusCode, Uri};

use super::http::{ProxyBody, header_pairs, problem, strip_hop_by_hop, upstream_target};
use super::outbox::Reporter;
use super::tee::{Pending, Tee};
use super::upstream::Held;
use super::{Inner, MIN_HEAD};
use crate::exchange::{self, Exchange};
use crate::validate::{Severity, Verdict, Violation};

pub(super) async fn handle(
    inner: Arc<Inner>,
    held: Arc<Held>,
    request: Request<Incoming>,
) -> Result<Response<ProxyBody>, Infallible> {
    let send = inner.reporter();
    let (parts, body) = request.into_parts();
    // hyper refuses a head that does not fit its buffer, but one that arrives in a single read
    // can be larger: the limit is checked here too, as the validator counts it.
    let head: usize = parts
        .headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    let max_head = inner.config.max_head.max(MIN_HEAD);
    if head > max_head || parts.headers.len() > inner.config.max_headers {
        let detail = format!(
            "the request carries {} headers of {head} bytes, over the limits of {} headers and {max_head} bytes",
            parts.headers.len(),
            inner.config.max_headers
        );
        send.unreadable(format!(
            "{} {}: {detail}; answered 431",
            parts.method,
            parts.uri.path()
        ));
        return Ok(problem(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            detail,
            &[],
        ));
    }
    let target = parts
        .uri
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    let collected = tokio::time::timeout(
        inner.config.body_timeout,
        Limited::new(body, inner.config.max_body).collect(),
    )
    .await;
    let body = match collected {
        Err(_) => {
            let detail = format!(
                "the request body did not arrive within {} s",
                inner.config.body_timeout.as_secs_f64()
            );
            send.unreadable(format!(
                "{} {}: {detail}; answered 408",
                parts.method,
                parts.uri.path()
            ));
            return Ok(problem(StatusCode::REQUEST_TIMEOUT, detail, &[]));
        }
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(error)) => {
            let (status, detail) = if error.is::<http_body_util::LengthLimitError>() {
                (
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!(
                        "the request body is larger than {} bytes",
                        inner.config.max_body
                    ),
                )
            } else {
                (
                    StatusCode::BAD_REQUEST,
                    format!("the request body could not be read: {error}"),
                )
            };
            // The path, not the query: a query may carry a credential.
            send.unreadable(format!(
                "{} {}: {detail}; answered {}",
                parts.method,
                parts.uri.path(),
                status.as_u16()
            ));
            return Ok(problem(status, detail, &[]));
        }
    };
    let request = exchange::Request {
        method: parts.method.as_str().to_owned(),
        url: target.clone(),
        headers: header_pairs(&parts.headers),
        body: (!body.is_empty()).then(|| body.to_vec()),
        unrecorded: None,
    };
    if inner.config.enforce {
        let exchange = Exchange {
            request,
            response: None,
        };
        let report = inner.validator.validate(&exchange);
        let errors: Vec<&Violation> = report
            .violations
            .iter()
            .filter(|v| v.severity == Severity::Error)
            .collect();
        if report.verdict == Verdict::Violating && !errors.is_empty() {
            let response = problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!(
                    "the request breaks {} rule{} of `{}`; it was not forwarded",
                    errors.len(),
                    if errors.len() == 1 { "" } else { "s" },
                    report.operation.as_deref().unwrap_or("its operation"),
                ),
                &errors,
            );
            send.send(exchange, None, Some(report));
            return Ok(response);
        }
        return forward(inner, held, parts, body, exchange.request, send).await;
    }
    forward(inner, held, parts, body, request, send).await
}

/// Forwards a request read whole. The exchange runs in the connection's own task; should
/// that drop it before it ends, it finishes on a task of its own ([`Detachable`]), so an
/// exchange sent upstream is always completed and reported.
pub(super) async fn forward(
    inner: Arc<Inner>,
    held: Arc<Held>,
    parts: hyper::http::request::Parts,
    body: Bytes,
    request: exchange::Request,
    send: Reporter,
) -> Result<Response<ProxyBody>, Infallible> {
    let detached = inner.detached.clone();
    Ok(Detachable::new(exchange(inner, held, parts, body, request, send), detached).await)
}

/// A future polled where it is awaited, and finished on a task of its own if it is dropped
/// before it completes. (hyper, with half-closed connections allowed, does not drop a request
/// whose client went away; this does not rely on it. A task spawned for every exchange
/// instead cost 6% of the proxy's instructions.)
pub(super) struct Detachable<T: Send + 'static> {
    future: Option<Pin<Box<dyn Future<Output = T> + Send>>>,
    pub(super) detached: Arc<Detached>,
}

impl<T: Send + 'static> Detachable<T> {
    pub(super) fn new(
        future: impl Future<Output = T> + Send + 'static,
        detached: Arc<Detached>,
    ) -> Self {
        Detachable {
            future: Some(Box::pin(future)),
            detached,
        }
    }
}

impl<T: Send + 'static> Future for Detachable<T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let Some(future) = self.future.as_mut() else {
            panic!("a Detachable polled after it completed");
        };
        let output = std::task::ready!(future.as_mut().poll(cx));
        self.future = None;
        Poll::Ready(output)
    }
}

impl<T: Send + 'static> Drop for Detachable<T> {
    fn drop(&mut self) {
        // Without a runtime (it is going away) there is nowhere to finish it.
        if let Some(future) = self.future.take()
            && let Ok(runtime) = tokio::runtime::Handle::try_current()
        {
            let detached = self.detached.clone();
            detached.running.fetch_add(1, Ordering::AcqRel);
            runtime.spawn(async move {
                drop(future.await);
                if detached.running.fetch_sub(1, Ordering::AcqRel) == 1 {
                    detached.done.notify_waiters();
                }
            });
        }
    }
}

/// Counts the [`Detachable`] futures finishing on tasks of their own.
#[derive(Default)]
pub(super) struct Detached {
    pub(super) running: AtomicUsize,
    pub(super) done: tokio::sync::Notify,
}

impl Detached {
    /// Returns once none is running.
    pub(super) async fn wait(&self) {
        loop {
            // Made before the count is read, it hears of a task that ends in between.
            let done = self.done.notified();
            if self.running.load(Ordering::Acquire) == 0 {
                return;
            }
            done.await;
        }
    }
}

pub(super) async fn exchange(
    inner: Arc<Inner>,
    held: Arc<Held>,
    parts: hyper::http::request::Parts,
    body: Bytes,
    request: exchange::Request,
    send: Reporter,
) -> Response<ProxyBody> {
    let spec = inner.validator.spec_of(&request.method, &request.url);
    let upstreams = &inner.config.upstreams;
    let index = spec
        .and_then(|spec| upstreams.iter().position(|(name, _)| name == spec))
        .unwrap_or(0);
    let base = &upstreams[index].1;
    let fail = |status: StatusCode, detail: String, request: exchange::Request| {
        let response = problem(status, detail.clone(), &[]);
        send.send(
            Exchange {
                request,
                response: None,
            },
            Some(detail),
            None,
        );
        response
    };
    let target = match upstream_target(base, parts.uri.path_and_query()) {
        Ok(target) => target,
        Err(e) => return fail(StatusCode::BAD_GATEWAY, e.to_string(), request),
    };
    let mut headers = parts.headers;
    strip_hop_by_hop(&mut headers);
    if let Some(authority) = base.authority()
        && let Ok(host) = HeaderValue::from_str(authority.as_str())
    {
        headers.insert(header::HOST, host);
    }
    let mut upstream_request = Request::new(Full::new(body));
    *upstream_request.method_mut() = parts.method;
    *upstream_request.uri_mut() = Uri::from(target);
    *upstream_request.headers_mut() = headers;

    let answer = tokio::time::timeout(
        inner.config.upstream_timeout,
        held.send(index, base, upstream_request),
    )
    .await;
    let upstream = base.authority().map_or("the upstream", |a| a.as_str());
    let response = match answer {
        Err(_) => {
            return fail(
                StatusCode::GATEWAY_TIMEOUT,
                format!(
                    "{upstream} did not answer within {} s",
                    inner.config.upstream_timeout.as_secs_f64()
                ),
                request,
            );
        }
        Ok(Err(error)) => {
            let cause = error.source().map(|s| format!(": {s}")).unwrap_or_default();
            return fail(
                StatusCode::BAD_GATEWAY,
                format!("{upstream} failed before answering: {error}{cause}"),
                request,
            );
        }
        Ok(Ok(response)) => response,
    };
    let (mut parts, body) = response.into_parts();
    strip_hop_by_hop(&mut parts.headers);
    let tee = Tee {
        body,
        copy: BytesMut::new(),
        size: 0,
        limit: inner.config.max_body,
        pending: Some(Pending {
            request,
            status: parts.status.as_u16(),
            headers: header_pairs(&parts.headers),
            send,
        }),
    };
    Response::from_parts(parts, tee.boxed())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicU64;
    use std::time::Duration;

    #[tokio::test]
    async fn a_detachable_future_dropped_part_way_finishes_on_its_own_task() {
        let detached = Arc::new(Detached::default());
        let (done, mut finished) = tokio::sync::oneshot::channel();
        let mut future = Detachable::new(
            async move {
                tokio::time::sleep(Duration::from_millis(50)).await;
                done.send(()).unwrap();
            },
            detached.clone(),
        );
        let waker = std::task::Waker::noop();
        let pending = Pin::new(&mut future).poll(&mut Context::from_waker(waker));
        assert!(pending.is_pending());
        drop(future);
        assert_eq!(detached.running.load(Ordering::SeqCst), 1);
        tokio::time::timeout(Duration::from_secs(5), detached.wait())
            .await
            .expect("the rest ran");
        assert!(finished.try_recv().is_ok(), "waited for until it had run");

        // Awaited to the end, it is not run again.
        let runs = Arc::new(AtomicU64::new(0));
        let counted = runs.clone();
        Detachable::new(
            async move {
                counted.fetch_add(1, Ordering::SeqCst);
            },
            detached.clone(),
        )
        .await;
        tokio::task::yield_now().await;
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        assert_eq!(detached.running.load(Ordering::SeqCst), 0);
    }
}
