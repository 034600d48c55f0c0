//! The response body on its way to the client, a copy kept for validation.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::{Bytes, BytesMut};
use http_body::{Body, Frame, SizeHint};
use hyper::body::Incoming;

use super::outbox::Reporter;
use crate::exchange::{self, Exchange, Unrecorded};

/// What a response body completes: the exchange it belongs to, reported once the body ends.
pub(super) struct Pending {
    pub(super) request: exchange::Request,
    pub(super) status: u16,
    pub(super) headers: Vec<(String, String)>,
    pub(super) send: Reporter,
}

/// The upstream's response body on its way to the client, a copy kept for validation.
pub(super) struct Tee {
    pub(super) body: Incoming,
    pub(super) copy: BytesMut,
    /// Bytes seen, kept or not.
    pub(super) size: u64,
    pub(super) limit: usize,
    pub(super) pending: Option<Pending>,
}

impl Tee {
    fn finish(&mut self, fault: Option<String>) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        let kept = self.copy.len() as u64;
        let unrecorded = (kept < self.size).then_some(Unrecorded::Truncated {
            recorded: kept,
            size: self.size,
        });
        let body = (kept > 0 && unrecorded.is_none()).then(|| self.copy.to_vec());
        pending.send.send(
            Exchange {
                request: pending.request,
                response: Some(exchange::Response {
                    status: pending.status,
                    headers: pending.headers,
                    body,
                    unrecorded,
                }),
            },
            fault,
            None,
        );
    }
}

impl Body for Tee {
    type Data = Bytes;
    type Error = hyper::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, hyper::Error>>> {
        let this = self.get_mut();
        match Pin::new(&mut this.body).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    this.size += data.len() as u64;
                    if this.copy.len() + data.len() <= this.limit {
                        this.copy.extend_from_slice(data);
                    }
                }
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Ready(Some(Err(error))) => {
                this.finish(Some(format!("the upstream's body broke off: {error}")));
                Poll::Ready(Some(Err(error)))
            }
            Poll::Ready(None) => {
                this.finish(None);
                Poll::Ready(None)
            }
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

impl Drop for Tee {
    fn drop(&mut self) {
        if self.body.is_end_stream() {
            self.finish(None);
        } else {
            self.finish(Some("the client went away before the body ended".into()));
        }
    }
}
