//! The errors of client calls: status, vendor error code and cause, never a secret or a body.

use std::fmt;

use reqwest::StatusCode;

/// A vendor's error body, which can name its error code without showing the rest.
pub trait ErrorBody {
    /// The vendor's error code, when the body carries one.
    fn code(&self) -> Option<&str>;
}

/// The error of a client call. `Display` and `Debug` show the status, the vendor's error code
/// and the cause, never credentials, request data or the response body; the typed body of a
/// documented error is there for code to read with [`Error::body`].
#[non_exhaustive]
pub enum Error<E> {
    /// The server answered with an error status the spec documents, and its body decoded.
    Api {
        /// The HTTP status.
        status: StatusCode,
        /// The body, typed as the spec describes it.
        body: E,
        /// The vendor's request id, when the response had one (see `FullResponse`).
        request_id: Option<String>,
    },
    /// The server answered with a status the spec does not document for this operation.
    UnexpectedStatus {
        /// The HTTP status.
        status: StatusCode,
        /// The vendor's request id, when the response had one.
        request_id: Option<String>,
    },
    /// The response body does not have the shape the spec gives it (or is not JSON).
    InvalidBody {
        /// Where decoding failed, and how; never the body's text.
        detail: BodyError,
        /// The vendor's request id, when the response had one.
        request_id: Option<String>,
    },
    /// The request or the response did not finish within the timeout.
    Timeout,
    /// No connection could be made to the server.
    Connect {
        /// The cause, from reqwest (it names the URL, never headers).
        source: reqwest::Error,
    },
    /// Another transport failure: reset connection, broken body, TLS.
    Transport {
        /// The cause, from reqwest.
        source: reqwest::Error,
    },
    /// The request could not be built from the arguments (for example a value that breaks
    /// the spec's length limit).
    InvalidRequest {
        /// What is wrong.
        reason: String,
    },
    /// The client's rate limit would have held the call longer than its timeout; it was not
    /// sent.
    RateLimited {
        /// How long it would have waited for its turn.
        wait: std::time::Duration,
    },
    /// With `ClientBuilder::strict_validation` (the `self-check` feature): the request or the
    /// response breaks the spec.
    Violation {
        /// Which rules, where (secrets masked).
        reason: String,
        /// Whether the request was sent: false when the request itself broke the spec and the
        /// call stopped before sending; true when the response did.
        sent: bool,
    },
}

/// Why a client's own hook stopped a call, recorded for the call as a typed value (progenitor
/// passes hooks' errors on as text only).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum Refusal {
    /// The rate limit would have held the call this long, more than the timeout; not sent.
    #[error("the client's rate limit would have held the call {} ms", .0.as_millis())]
    RateLimited(std::time::Duration),
    /// The request breaks its spec (strict self-check); not sent.
    #[cfg(feature = "self-check")]
    #[error("the request breaks its spec, and was not sent: {0}")]
    Request(String),
    /// The response broke its spec (strict self-check); the request was sent.
    #[cfg(feature = "self-check")]
    #[error("the response breaks its spec: {0}")]
    Response(String),
}

impl<E> From<Refusal> for Error<E> {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::RateLimited(wait) => Error::RateLimited { wait },
            #[cfg(feature = "self-check")]
            Refusal::Request(_) => Error::Violation {
                reason: refusal.to_string(),
                sent: false,
            },
            #[cfg(feature = "self-check")]
            Refusal::Response(_) => Error::Violation {
                reason: refusal.to_string(),
                sent: true,
            },
        }
    }
}

/// Where and how a response body failed to decode, without any of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyError {
    /// The line of the body where decoding failed (1-based).
    pub line: usize,
    /// The column of that line (1-based).
    pub column: usize,
    /// Syntax: not JSON at all; data: JSON of the wrong shape; eof: cut short.
    pub category: &'static str,
}

impl<E> Error<E> {
    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api { status, .. } | Error::UnexpectedStatus { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The vendor's request id, when the server answered with one: what its support asks for.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api { request_id, .. }
            | Error::UnexpectedStatus { request_id, .. }
            | Error::InvalidBody { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// The error with the request id of the response it came from.
    pub(crate) fn with_request_id(mut self, id: Option<String>) -> Self {
        if let Error::Api { request_id, .. }
        | Error::UnexpectedStatus { request_id, .. }
        | Error::InvalidBody { request_id, .. } = &mut self
        {
            *request_id = id;
        }
        self
    }

    /// The typed body of a documented error status.
    pub fn body(&self) -> Option<&E> {
        match self {
            Error::Api { body, .. } => Some(body),
            _ => None,
        }
    }

    /// The kind of error as a tracing field names it (`api`, `timeout`, ...).
    #[cfg(feature = "tracing")]
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Error::Api { .. } => "api",
            Error::UnexpectedStatus { .. } => "unexpected_status",
            Error::InvalidBody { .. } => "invalid_body",
            Error::Timeout => "timeout",
            Error::Connect { .. } => "connect",
            Error::Transport { .. } => "transport",
            Error::InvalidRequest { .. } => "invalid_request",
            Error::RateLimited { .. } => "rate_limited",
            Error::Violation { .. } => "violation",
        }
    }

    /// Whether the call may have taken effect at the vendor although it failed: money moved,
    /// a code sent or burnt. True when the request was sent and no answer says it was not
    /// processed: a timeout, a broken exchange, a 5xx (or another answer than a 4xx), a
    /// success whose body did not decode, a response that broke its spec. Such a call is never
    /// repeated automatically; look the payment up (reconcile) before repeating it. False for
    /// a connection never made, a 4xx, and a request refused before sending.
    pub fn maybe_processed(&self) -> bool {
        match self {
            Error::Connect { .. } | Error::InvalidRequest { .. } | Error::RateLimited { .. } => {
                false
            }
            Error::Api { status, .. } | Error::UnexpectedStatus { status, .. } => {
                !status.is_client_error()
            }
            Error::Violation { sent, .. } => *sent,
            Error::Timeout | Error::Transport { .. } | Error::InvalidBody { .. } => true,
        }
    }
}

impl<E> From<progenitor_client::Error<E>> for Error<E> {
    fn from(error: progenitor_client::Error<E>) -> Self {
        use progenitor_client::Error as P;
        let transport = |source: reqwest::Error| {
            // A connection that was never made (refused, or timed out while connecting) sent
            // nothing: it is `Connect`, whatever else it is.
            if source.is_connect() {
                Error::Connect { source }
            } else if source.is_timeout() {
                Error::Timeout
            } else {
                Error::Transport { source }
            }
        };
        match error {
            // The request id is added by the vendor method's call, which knows the header.
            P::ErrorResponse(response) => Error::Api {
                status: response.status(),
                body: response.into_inner(),
                request_id: None,
            },
            P::UnexpectedResponse(response) => Error::UnexpectedStatus {
                status: response.status(),
                request_id: None,
            },
            P::InvalidResponsePayload(_body, e) => Error::InvalidBody {
                request_id: None,
                detail: BodyError {
                    line: e.line(),
                    column: e.column(),
                    category: match e.classify() {
                        serde_json::error::Category::Io => "io",
                        serde_json::error::Category::Syntax => "syntax",
                        serde_json::error::Category::Data => "data",
                        serde_json::error::Category::Eof => "eof",
                    },
                },
            },
            P::CommunicationError(e) | P::InvalidUpgrade(e) | P::ResponseBodyError(e) => {
                transport(e)
            }
            P::InvalidRequest(reason) => Error::InvalidRequest { reason },
            // A hook's refusal reaches a vendor method's call as a typed value (see
            // `response::scoped`), which replaces this; outside one (the raw client) only its
            // text is left, and a call that may have been sent is taken to have been.
            P::Custom(reason) => Error::Violation { reason, sent: true },
        }
    }
}

impl<E: ErrorBody> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api { status, body, .. } => match body.code() {
                Some(code) => write!(f, "the server answered {status} with error code `{code}`"),
                None => write!(f, "the server answered {status}"),
            },
            Error::UnexpectedStatus { status, .. } => {
                write!(
                    f,
                    "the server answered {status}, a status the spec does not document"
                )
            }
            Error::InvalidBody { detail, .. } => write!(
                f,
                "the response body does not match the spec ({} error at line {}, column {})",
                detail.category, detail.line, detail.column
            ),
            Error::Timeout => f.write_str("the request timed out"),
            Error::Connect { .. } => f.write_str("cannot connect to the server"),
            Error::Transport { .. } => f.write_str("the exchange with the server failed"),
            Error::InvalidRequest { reason } => write!(f, "invalid request: {reason}"),
            Error::RateLimited { wait } => write!(
                f,
                "the client's rate limit would have held the call {} ms, longer than its timeout; it was not sent",
                wait.as_millis()
            ),
            Error::Violation { reason, .. } => f.write_str(reason),
        }?;
        if self.maybe_processed() {
            f.write_str(
                "; the vendor may have processed the call: look it up (reconcile) before \
                 repeating it",
            )?;
        }
        match self.request_id() {
            Some(id) => write!(f, " (request id {id})"),
            None => Ok(()),
        }
    }
}

impl<E: ErrorBody> fmt::Debug for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api {
                status,
                body,
                request_id,
            } => f
                .debug_struct("Api")
                .field("status", status)
                .field("code", &body.code())
                .field("request_id", request_id)
                .finish_non_exhaustive(),
            Error::UnexpectedStatus { status, request_id } => f
                .debug_struct("UnexpectedStatus")
                .field("status", status)
                .field("request_id", request_id)
                .finish(),
            Error::InvalidBody { detail, request_id } => f
                .debug_struct("InvalidBody")
                .field("detail", detail)
                .field("request_id", request_id)
                .finish(),
            Error::Timeout => f.write_str("Timeout"),
            Error::Connect { source } => f.debug_struct("Connect").field("source", source).finish(),
            Error::Transport { source } => {
                f.debug_struct("Transport").field("source", source).finish()
            }
            Error::InvalidRequest { reason } => f
                .debug_struct("InvalidRequest")
                .field("reason", reason)
                .finish(),
            Error::RateLimited { wait } => {
                f.debug_struct("RateLimited").field("wait", wait).finish()
            }
            Error::Violation { reason, sent } => f
                .debug_struct("Violation")
                .field("reason", reason)
                .field("sent", sent)
                .finish(),
        }
    }
}

impl<E: ErrorBody> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Connect { source } | Error::Transport { source } => Some(source),
            _ => None,
        }
    }
}
