//! Each vendor method's call ([`call`]): its request-id slot, its error converted, and with
//! the `tracing` feature one span: `confirmspec.call`, with fields
//! `vendor`, `operation`, `status`, `attempts`, `limit_wait_ms` (waiting for the rate limit's
//! first turn), `wait_ms` (waiting between attempts, their turns included), `duration_ms`,
//! `outcome` (`ok`, or the kind of error) and `request_id` (the vendor's, when it sent one).
//! Only names, numbers and the vendor's id: no credential, confirmation code, URL or body is
//! ever a field.

use std::future::Future;

use super::error::Error;
use super::response::{FullResponse, scoped};

/// Makes one call of a vendor's `operation`: in its span, with a slot for its request id,
/// its error converted by `convert` (progenitor's error to ours) and given the request id.
pub(crate) async fn call<T, E>(
    vendor: &'static str,
    operation: &'static str,
    convert: fn(progenitor_client::Error<E>) -> Error<E>,
    send: impl Future<Output = Result<progenitor_client::ResponseValue<T>, progenitor_client::Error<E>>>,
) -> Result<FullResponse<T>, Error<E>> {
    traced(vendor, operation, async {
        match scoped(send).await {
            (Ok(response), notes) => Ok(FullResponse {
                status: response.status(),
                headers: response.headers().clone(),
                request_id: notes.request_id,
                body: response.into_inner(),
            }),
            // The client's own refusal, as the hook gave it; else what progenitor reports.
            (Err(error), notes) => Err(match notes.refusal {
                Some(refusal) => Error::from(refusal),
                None => convert(error),
            }
            .with_request_id(notes.request_id)),
        }
    })
    .await
}

/// Runs one call of a vendor's `operation` in its span (without the feature, just runs it).
pub(crate) async fn traced<T, E>(
    vendor: &'static str,
    operation: &'static str,
    call: impl Future<Output = Result<FullResponse<T>, Error<E>>>,
) -> Result<FullResponse<T>, Error<E>> {
    #[cfg(feature = "tracing")]
    {
        use tracing::Instrument;
        use tracing::field::Empty;
        let span = tracing::info_span!(
            "confirmspec.call",
            vendor,
            operation,
            status = Empty,
            attempts = Empty,
            limit_wait_ms = Empty,
            wait_ms = Empty,
            duration_ms = Empty,
            outcome = Empty,
            request_id = Empty,
        );
        let started = std::time::Instant::now();
        let result = call.instrument(span.clone()).await;
        span.record("duration_ms", started.elapsed().as_millis() as u64);
        let request_id = match &result {
            Ok(response) => {
                span.record("outcome", "ok");
                response.request_id()
            }
            Err(error) => {
                if let Some(status) = error.status() {
                    span.record("status", status.as_u16());
                }
                span.record("outcome", error.kind());
                error.request_id()
            }
        };
        if let Some(id) = request_id {
            span.record("request_id", id);
        }
        result
    }
    #[cfg(not(feature = "tracing"))]
    {
        let _ = (vendor, operation);
        call.await
    }
}

/// Notes on the current call's span what its attempts came to (the last status, how many,
/// how long they waited).
#[cfg(feature = "tracing")]
pub(crate) fn attempts(
    made: u32,
    waited: std::time::Duration,
    result: &reqwest::Result<reqwest::Response>,
) {
    let span = tracing::Span::current();
    span.record("attempts", made);
    span.record("wait_ms", waited.as_millis() as u64);
    if let Ok(response) = result {
        span.record("status", response.status().as_u16());
    }
}

/// Notes on the current call's span how long its first attempt waited for its turn.
#[cfg(feature = "tracing")]
pub(crate) fn limit_wait(wait: std::time::Duration) {
    tracing::Span::current().record("limit_wait_ms", wait.as_millis() as u64);
}
