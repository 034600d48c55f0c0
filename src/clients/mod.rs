//! Typed clients generated from `specs/` by progenitor, ready to embed in a service.
//!
//! Each vendor module holds the generated code (`generated`), its types (`types`) and a
//! `Client` built with a [`ClientBuilder`] from the credentials of the spec's security scheme.
//! The client's methods return the vendor's typed success body, or an [`Error`] whose `Display`
//! and `Debug` never show credentials, confirmation codes or response bodies.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, USER_AGENT};

use crate::report::ExchangeResult;
use crate::validate::Validator;

pub mod invoicebox;
pub mod via;
pub mod yandex_market;

/// The `User-Agent` a client sends unless told otherwise.
pub const DEFAULT_USER_AGENT: &str = concat!("confirmspec/", env!("CARGO_PKG_VERSION"));
/// The whole-request timeout a client uses unless told otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// What every generated client carries (progenitor's "inner type"), and what its
/// `ClientHooks::pre` applies to each request before it is sent: the vendor's credentials and
/// required headers, the removal of the `api-version` header progenitor adds, and a path
/// prefix to swap (Invoicebox's `/v3/` for `/l3/`).
#[derive(Clone)]
pub struct Hooks {
    headers: HeaderMap,
    path_swap: Option<(String, String)>,
    check: Option<Arc<SelfCheck>>,
}

/// A client's check of its own traffic (see [`ClientBuilder::validate_with`]).
struct SelfCheck {
    validator: Validator,
    sink: Box<dyn Fn(ExchangeResult) + Send + Sync>,
    strict: bool,
    /// The next exchange's number, for `ExchangeResult::index`.
    next: AtomicUsize,
}

/// A response that broke its spec, marked by `exec` for `post` to fail the call (strict).
#[derive(Clone)]
struct Violated(String);

/// The violations of a report in one line for an error: where, which rule, the message
/// (secrets already masked by the validator).
fn violations_line(violations: &[crate::validate::Violation]) -> String {
    violations
        .iter()
        .filter(|v| v.severity == crate::validate::Severity::Error)
        .map(|v| {
            let pointer = crate::report::pointer_label(v.pointer.as_deref());
            format!("{}{pointer} [{}] {}", v.location, v.keyword, v.message)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl Hooks {
    /// The request as the spec sees it: the path prefix swapped back (Invoicebox's `/l3/`
    /// line is its `/v3/` paths), the body's bytes.
    fn as_recorded(&self, request: &reqwest::Request) -> crate::validate::Request {
        let mut url = request.url().clone();
        if let Some((from, to)) = &self.path_swap
            && let Some(rest) = url.path().strip_prefix(to.as_str())
        {
            let path = format!("{from}{rest}");
            url.set_path(&path);
        }
        crate::validate::Request {
            method: request.method().as_str().to_owned(),
            url: url.to_string(),
            headers: crate::validate::header_pairs(request.headers()),
            body: request
                .body()
                .and_then(reqwest::Body::as_bytes)
                .map(<[u8]>::to_vec),
            unrecorded: None,
        }
    }

    /// Before sending, in strict mode: a request that breaks its spec fails the call.
    pub(crate) fn check_request(&self, request: &reqwest::Request) -> Result<(), String> {
        let Some(check) = &self.check else {
            return Ok(());
        };
        if !check.strict {
            return Ok(());
        }
        let exchange = crate::validate::Exchange {
            request: self.as_recorded(request),
            response: None,
        };
        let report = check.validator.validate(&exchange);
        if report.verdict != crate::validate::Verdict::Violating {
            return Ok(());
        }
        let reason = format!(
            "the request breaks its spec, and was not sent: {}",
            violations_line(&report.violations)
        );
        let index = check.next.fetch_add(1, Ordering::Relaxed);
        (check.sink)(ExchangeResult::new(
            &check.validator,
            "client",
            index,
            Ok(exchange),
        ));
        Err(reason)
    }

    /// Sends the request; with a check, reads the response whole, validates the exchange,
    /// hands the result to the sink, and gives the response on unchanged.
    pub(crate) async fn execute(
        &self,
        http: &reqwest::Client,
        request: reqwest::Request,
    ) -> reqwest::Result<reqwest::Response> {
        let Some(check) = &self.check else {
            return http.execute(request).await;
        };
        let recorded = self.as_recorded(&request);
        let response = http.execute(request).await?;
        let status = response.status();
        let version = response.version();
        let headers = response.headers().clone();
        let body = response.bytes().await?;
        let exchange = crate::validate::Exchange {
            request: recorded,
            response: Some(crate::validate::Response {
                status: status.as_u16(),
                headers: crate::validate::header_pairs(&headers),
                body: (!body.is_empty()).then(|| body.to_vec()),
                unrecorded: None,
            }),
        };
        let index = check.next.fetch_add(1, Ordering::Relaxed);
        let result = ExchangeResult::new(&check.validator, "client", index, Ok(exchange));
        let violated = (check.strict && result.verdict == crate::validate::Verdict::Violating)
            .then(|| Violated(violations_line(&result.violations)));
        (check.sink)(result);
        let mut rebuilt = hyper::http::Response::new(body);
        *rebuilt.status_mut() = status;
        *rebuilt.version_mut() = version;
        *rebuilt.headers_mut() = headers;
        if let Some(violated) = violated {
            rebuilt.extensions_mut().insert(violated);
        }
        Ok(reqwest::Response::from(rebuilt))
    }

    /// After the response, in strict mode: a response that broke its spec fails the call.
    pub(crate) fn check_response(
        &self,
        result: &reqwest::Result<reqwest::Response>,
    ) -> Result<(), String> {
        match result {
            Ok(response) => match response.extensions().get::<Violated>() {
                Some(Violated(line)) => Err(format!("the response breaks its spec: {line}")),
                None => Ok(()),
            },
            Err(_) => Ok(()),
        }
    }

    /// Applies the hooks to a request that is about to be sent.
    fn prepare(&self, request: &mut reqwest::Request) {
        let headers = request.headers_mut();
        headers.remove("api-version");
        for (name, value) in &self.headers {
            headers.insert(name, value.clone());
        }
        if let Some((from, to)) = &self.path_swap
            && let Some(rest) = request.url().path().strip_prefix(from.as_str())
        {
            let path = format!("{to}{rest}");
            request.url_mut().set_path(&path);
        }
    }
}

impl fmt::Debug for Hooks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header names only: the values are credentials.
        f.debug_struct("Hooks")
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .field("path_swap", &self.path_swap)
            .field("validating", &self.check.is_some())
            .finish()
    }
}

/// Implemented by each vendor's `Client`: how the generated client is put together.
pub trait Assemble: Sized + sealed::Sealed {
    /// The base URL of the spec's first server.
    const DEFAULT_BASE_URL: &'static str;
    #[doc(hidden)]
    fn assemble(base_url: &str, http: reqwest::Client, hooks: Hooks) -> Self;
}

pub(crate) mod sealed {
    pub trait Sealed {}
}

/// Configures a vendor `Client`: base URL, timeouts, `User-Agent`, or a `reqwest::Client` of
/// your own (proxies, TLS roots, connection pools). Credentials were given when the builder
/// was made, so no call site passes them.
#[must_use]
pub struct ClientBuilder<C> {
    base_url: String,
    timeout: Duration,
    connect_timeout: Option<Duration>,
    user_agent: String,
    http: Option<reqwest::Client>,
    headers: HeaderMap,
    invalid_credential: Option<&'static str>,
    path_swap: Option<(&'static str, &'static str)>,
    check: Option<SelfCheck>,
    client: PhantomData<fn() -> C>,
}

impl<C: Assemble> ClientBuilder<C> {
    pub(crate) fn new(credentials: &[(&'static str, &str)]) -> Self {
        let mut builder = Self {
            base_url: C::DEFAULT_BASE_URL.to_owned(),
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: None,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            http: None,
            headers: HeaderMap::new(),
            invalid_credential: None,
            path_swap: None,
            check: None,
            client: PhantomData,
        };
        for &(name, value) in credentials {
            match HeaderValue::from_str(value) {
                Ok(mut value) => {
                    value.set_sensitive(true);
                    builder.headers.insert(HeaderName::from_static(name), value);
                }
                Err(_) => builder.invalid_credential = Some(name),
            }
        }
        builder
    }

    /// The base URL: scheme, host, port and an optional path stem, as in `servers` of the
    /// spec (the default is its first server).
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// The time a whole request may take, from connecting to the last byte of the body
    /// (default 30 s). Ignored with [`http_client`](Self::http_client), which has its own.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The time connecting may take (default: the whole timeout).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// The `User-Agent`, `name/version` of your application (Invoicebox requires one);
    /// the default is `confirmspec/<version>`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Sends through this `reqwest::Client` instead of one built from the options above.
    /// The credentials and required headers are still added to every request.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Checks the client's own traffic against `validator`'s specs (the bundled ones, or the
    /// vendor's spec as you pin it): each response is read whole when it arrives, the
    /// exchange validated, its result handed to `sink`, and the response given on unchanged.
    /// Meant for tests and staging; without it nothing is checked and nothing is spent.
    /// Results are masked as every report is: no credential or confirmation code in them.
    pub fn validate_with(
        mut self,
        validator: Validator,
        sink: impl Fn(ExchangeResult) + Send + Sync + 'static,
    ) -> Self {
        self.check = Some(SelfCheck {
            validator,
            sink: Box::new(sink),
            strict: false,
            next: AtomicUsize::new(0),
        });
        self
    }

    /// With [`validate_with`](Self::validate_with): a call whose request breaks its spec fails
    /// before it is sent, and a call whose response breaks it fails when it arrives, both with
    /// [`Error::Violation`] (the result still goes to the sink).
    pub fn strict_validation(mut self) -> Self {
        if let Some(check) = &mut self.check {
            check.strict = true;
        }
        self
    }

    pub(crate) fn swap_path_prefix(mut self, swap: Option<(&'static str, &'static str)>) -> Self {
        self.path_swap = swap;
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<C, BuildError> {
        if let Some(header) = self.invalid_credential {
            return Err(BuildError::InvalidCredential { header });
        }
        let base_url = self.base_url.trim_end_matches('/');
        let parsed = reqwest::Url::parse(base_url).map_err(|reason| BuildError::BaseUrl {
            url: base_url.to_owned(),
            reason: reason.to_string(),
        })?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(BuildError::BaseUrl {
                url: base_url.to_owned(),
                reason: "the scheme must be http or https".into(),
            });
        }

        let mut headers = self.headers;
        let user_agent =
            HeaderValue::from_str(&self.user_agent).map_err(|_| BuildError::InvalidUserAgent)?;
        headers.insert(USER_AGENT, user_agent);

        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .timeout(self.timeout)
                .connect_timeout(self.connect_timeout.unwrap_or(self.timeout))
                .build()
                .map_err(|e| BuildError::Http(e.to_string()))?,
        };
        let stem = parsed.path().trim_end_matches('/');
        let path_swap = self
            .path_swap
            .map(|(from, to)| (format!("{stem}{from}"), format!("{stem}{to}")));
        let check = self.check.map(Arc::new);
        Ok(C::assemble(
            base_url,
            http,
            Hooks {
                headers,
                path_swap,
                check,
            },
        ))
    }
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("user_agent", &self.user_agent)
            .field("credentials", &self.headers.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// Why a client could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The base URL is not an absolute http(s) URL.
    #[error("invalid base URL `{url}`: {reason}")]
    BaseUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A credential holds characters a header cannot carry (the value is not shown).
    #[error("the credential for the `{header}` header holds characters a header cannot carry")]
    InvalidCredential {
        /// The header that would have carried it.
        header: &'static str,
    },
    /// The `User-Agent` holds characters a header cannot carry.
    #[error("the User-Agent holds characters a header cannot carry")]
    InvalidUserAgent,
    /// reqwest could not build its client (for example, no TLS backend).
    #[error("cannot build the HTTP client: {0}")]
    Http(String),
}

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
    },
    /// The server answered with a status the spec does not document for this operation.
    UnexpectedStatus {
        /// The HTTP status.
        status: StatusCode,
    },
    /// The response body does not have the shape the spec gives it (or is not JSON).
    InvalidBody {
        /// Where decoding failed, and how; never the body's text.
        detail: BodyError,
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
    /// With [`ClientBuilder::strict_validation`]: the request or the response breaks the spec.
    Violation {
        /// Which rules, where (secrets masked).
        reason: String,
    },
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
            Error::Api { status, .. } | Error::UnexpectedStatus { status } => Some(*status),
            _ => None,
        }
    }

    /// The typed body of a documented error status.
    pub fn body(&self) -> Option<&E> {
        match self {
            Error::Api { body, .. } => Some(body),
            _ => None,
        }
    }
}

impl<E> From<progenitor_client::Error<E>> for Error<E> {
    fn from(error: progenitor_client::Error<E>) -> Self {
        use progenitor_client::Error as P;
        let transport = |source: reqwest::Error| {
            if source.is_timeout() {
                Error::Timeout
            } else if source.is_connect() {
                Error::Connect { source }
            } else {
                Error::Transport { source }
            }
        };
        match error {
            P::ErrorResponse(response) => Error::Api {
                status: response.status(),
                body: response.into_inner(),
            },
            P::UnexpectedResponse(response) => Error::UnexpectedStatus {
                status: response.status(),
            },
            P::InvalidResponsePayload(_body, e) => Error::InvalidBody {
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
            // The hooks' only custom error is a strict self-check's.
            P::Custom(reason) => Error::Violation { reason },
        }
    }
}

impl<E: ErrorBody> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api { status, body } => match body.code() {
                Some(code) => write!(f, "the server answered {status} with error code `{code}`"),
                None => write!(f, "the server answered {status}"),
            },
            Error::UnexpectedStatus { status } => {
                write!(
                    f,
                    "the server answered {status}, a status the spec does not document"
                )
            }
            Error::InvalidBody { detail } => write!(
                f,
                "the response body does not match the spec ({} error at line {}, column {})",
                detail.category, detail.line, detail.column
            ),
            Error::Timeout => f.write_str("the request timed out"),
            Error::Connect { .. } => f.write_str("cannot connect to the server"),
            Error::Transport { .. } => f.write_str("the exchange with the server failed"),
            Error::InvalidRequest { reason } => write!(f, "invalid request: {reason}"),
            Error::Violation { reason } => f.write_str(reason),
        }
    }
}

impl<E: ErrorBody> fmt::Debug for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api { status, body } => f
                .debug_struct("Api")
                .field("status", status)
                .field("code", &body.code())
                .finish_non_exhaustive(),
            Error::UnexpectedStatus { status } => f
                .debug_struct("UnexpectedStatus")
                .field("status", status)
                .finish(),
            Error::InvalidBody { detail } => f
                .debug_struct("InvalidBody")
                .field("detail", detail)
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
            Error::Violation { reason } => {
                f.debug_struct("Violation").field("reason", reason).finish()
            }
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

/// Implements, for a generated `Client`, what every vendor shares: the hooks, and assembly
/// from a [`ClientBuilder`].
macro_rules! vendor_client {
    ($client:ty, $wrapper:ty) => {
        impl progenitor_client::ClientHooks<$crate::clients::Hooks> for $client {
            async fn pre<E>(
                &self,
                request: &mut reqwest::Request,
                _info: &progenitor_client::OperationInfo,
            ) -> Result<(), progenitor_client::Error<E>> {
                self.inner.prepare(request);
                self.inner
                    .check_request(request)
                    .map_err(progenitor_client::Error::Custom)
            }

            async fn exec(
                &self,
                request: reqwest::Request,
                _info: &progenitor_client::OperationInfo,
            ) -> reqwest::Result<reqwest::Response> {
                self.inner
                    .execute(progenitor_client::ClientInfo::client(self), request)
                    .await
            }

            async fn post<E>(
                &self,
                result: &reqwest::Result<reqwest::Response>,
                _info: &progenitor_client::OperationInfo,
            ) -> Result<(), progenitor_client::Error<E>> {
                self.inner
                    .check_response(result)
                    .map_err(progenitor_client::Error::Custom)
            }
        }

        impl $crate::clients::sealed::Sealed for $wrapper {}
    };
}
pub(crate) use vendor_client;
