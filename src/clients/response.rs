//! Full responses: the status, the headers and the vendor's request id beside the typed body
//! ([`FullResponse`]), and the request id a failed call's [`Error`](super::Error) carries.
//!
//! No vendor page names a request-id header, so a client looks for the names APIs commonly
//! use ([`REQUEST_ID_HEADERS`]) unless told the vendor's own
//! ([`ClientBuilder::request_id_header`](super::ClientBuilder::request_id_header)). The hooks
//! note the id of each response in a task-local slot that the vendor method's call opens
//! ([`scoped`]), so that even an error progenitor reports without the response (a body that
//! did not decode) can carry it.

use std::cell::RefCell;

use super::error::Refusal;
use std::fmt;
use std::future::Future;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderName};

/// The headers a client takes the vendor's request id from, the first present, unless told
/// another with `ClientBuilder::request_id_header`.
pub const REQUEST_ID_HEADERS: [&str; 3] = ["x-request-id", "request-id", "x-correlation-id"];

/// Which response headers name the vendor's request id.
#[derive(Debug, Clone)]
pub(crate) struct RequestIdHeaders(Vec<HeaderName>);

impl Default for RequestIdHeaders {
    fn default() -> Self {
        Self(
            REQUEST_ID_HEADERS
                .iter()
                .map(|name| HeaderName::from_static(name))
                .collect(),
        )
    }
}

impl RequestIdHeaders {
    /// Only this header.
    pub(crate) fn only(name: HeaderName) -> Self {
        Self(vec![name])
    }

    /// The request id among these headers: the first of the names present, as text.
    pub(crate) fn find(&self, headers: &HeaderMap) -> Option<String> {
        self.0
            .iter()
            .find_map(|name| headers.get(name)?.to_str().ok())
            .map(str::to_owned)
    }

    /// Notes the request id of a response for the call under way (see [`scoped`]).
    pub(crate) fn note(&self, result: &reqwest::Result<reqwest::Response>) {
        if let Ok(response) = result {
            let id = self.find(response.headers());
            // Outside a vendor method's call (the raw client), there is nowhere to note it.
            let _ = CALL.try_with(|slot| slot.borrow_mut().request_id = id);
        }
    }
}

/// What a call under way notes for the vendor method that made it: the request id of the
/// last response it received, and why the client's own hooks stopped it, if they did.
#[derive(Debug, Default)]
pub(crate) struct CallNotes {
    pub request_id: Option<String>,
    pub refusal: Option<Refusal>,
}

tokio::task_local! {
    /// The notes of the vendor method's call under way.
    static CALL: RefCell<CallNotes>;
}

/// Runs a call with a slot for its notes; returns its result and what was noted.
pub(crate) async fn scoped<T>(call: impl Future<Output = T>) -> (T, CallNotes) {
    CALL.scope(RefCell::new(CallNotes::default()), async {
        let result = call.await;
        (
            result,
            CALL.with(|slot| std::mem::take(&mut *slot.borrow_mut())),
        )
    })
    .await
}

/// A hook's refusal of the call under way: noted as a typed value for the vendor method's
/// call, and returned as text for progenitor's `Custom` error.
pub(crate) fn refuse(refusal: Refusal) -> String {
    let message = refusal.to_string();
    // Outside a vendor method's call (the raw client), only the text goes on.
    let _ = CALL.try_with(|slot| slot.borrow_mut().refusal = Some(refusal));
    message
}

/// A successful call's whole answer: the typed body, the status, the headers and the vendor's
/// request id. `Debug` shows the status, the request id and the header names, never the body
/// or a header's value.
#[must_use]
pub struct FullResponse<T> {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) request_id: Option<String>,
    pub(crate) body: T,
}

impl<T> FullResponse<T> {
    /// The HTTP status (one of the operation's documented successes).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers, as the vendor sent them.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The vendor's request id, from the client's request-id header, when the response had one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The typed body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The typed body, dropping the rest.
    pub fn into_body(self) -> T {
        self.body
    }
}

impl<T> fmt::Debug for FullResponse<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FullResponse")
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}
