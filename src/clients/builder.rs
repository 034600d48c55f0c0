//! [`ClientBuilder`]: a vendor client's base URL, timeouts, `User-Agent` and credentials.

use std::fmt;
use std::marker::PhantomData;
#[cfg(feature = "self-check")]
use std::sync::Arc;
#[cfg(feature = "self-check")]
use std::sync::atomic::AtomicUsize;
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, USER_AGENT};

use super::hooks::{Assemble, Hooks};
use super::limit::{Limiter, RateLimit};
use super::response::RequestIdHeaders;
use super::retry::Retry;
#[cfg(feature = "self-check")]
use super::self_check::SelfCheck;
#[cfg(feature = "self-check")]
use confirmspec_validator::ExchangeResult;
#[cfg(feature = "self-check")]
use confirmspec_validator::Validator;

/// The `User-Agent` a client sends unless told otherwise.
pub const DEFAULT_USER_AGENT: &str = concat!("confirmspec/", env!("CARGO_PKG_VERSION"));
/// The whole-request timeout a client uses unless told otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

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
    /// What the spec's server puts after the base URL: Invoicebox's line (`/v3`, `/l3`).
    server_path: &'static str,
    retry: Retry,
    rate_limit: Option<RateLimit>,
    /// The request-id header the caller named, or `Err` with the name it could not be.
    request_id_header: Option<RequestIdHeader>,
    #[cfg(feature = "self-check")]
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
            server_path: C::SERVER_PATH,
            retry: Retry::default(),
            rate_limit: C::RATE_LIMIT,
            request_id_header: None,
            #[cfg(feature = "self-check")]
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

    /// Checks the client's own traffic (the `self-check` feature) against `validator`'s specs (the bundled ones, or the
    /// vendor's spec as you pin it): each response is read whole when it arrives, the
    /// exchange validated, its result handed to `sink`, and the response given on unchanged.
    /// Meant for tests and staging; without it nothing is checked and nothing is spent.
    /// Results are masked as every report is: no credential or confirmation code in them.
    #[cfg(feature = "self-check")]
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
    /// [`Error::Violation`](super::Error::Violation) (the result still goes to the sink).
    #[cfg(feature = "self-check")]
    pub fn strict_validation(mut self) -> Self {
        if let Some(check) = &mut self.check {
            check.strict = true;
        }
        self
    }

    /// The path a vendor's server variable chose (Invoicebox's API line), for a vendor's
    /// wrapper; a build without such a vendor does not call it.
    #[allow(dead_code)]
    pub(crate) fn server_path(mut self, path: &'static str) -> Self {
        self.server_path = path;
        self
    }

    /// When a call is sent again: only when it provably did not take effect (it never
    /// reached the vendor, or the vendor answered "not processed"), never after a timeout, a
    /// broken exchange or a 5xx. On by default ([`Retry::default`]); [`Retry::off`] sends
    /// every call once.
    pub fn retry(mut self, retry: Retry) -> Self {
        self.retry = retry;
        self
    }

    /// The client-side rate limit (default: the vendor's documented one, see the README;
    /// `None` turns it off). Calls past it wait for their turn, at most the client's timeout;
    /// one that would wait longer fails at once with `Error::RateLimited`, unsent. Clones of
    /// the client share it.
    pub fn rate_limit(mut self, limit: Option<RateLimit>) -> Self {
        self.rate_limit = limit;
        self
    }

    /// The response header that carries the vendor's request id (for `FullResponse` and
    /// `Error::request_id`). No vendor page names one, so by default a client takes the first
    /// of [`REQUEST_ID_HEADERS`](super::REQUEST_ID_HEADERS) present; name the one your
    /// vendor's support asks for.
    pub fn request_id_header(mut self, name: &str) -> Self {
        self.request_id_header = Some(match HeaderName::from_bytes(name.as_bytes()) {
            Ok(name) => RequestIdHeader::Named(name),
            Err(_) => RequestIdHeader::Invalid(name.to_owned()),
        });
        self
    }

    /// Builds the client.
    pub fn build(self) -> Result<C, BuildError> {
        if let Some(header) = self.invalid_credential {
            return Err(BuildError::InvalidCredential { header });
        }
        let request_ids = match self.request_id_header {
            None => RequestIdHeaders::default(),
            Some(RequestIdHeader::Named(name)) => RequestIdHeaders::only(name),
            Some(RequestIdHeader::Invalid(name)) => {
                return Err(BuildError::InvalidHeaderName { name });
            }
        };
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
        let base_url = format!("{base_url}{}", self.server_path);
        Ok(C::assemble(
            &base_url,
            http,
            Hooks {
                headers,
                retry: self.retry,
                not_processed: C::NOT_PROCESSED,
                limiter: self.rate_limit.map(Limiter::new),
                turn_within: self.timeout,
                request_ids,
                #[cfg(feature = "self-check")]
                check: self.check.map(Arc::new),
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
    /// The request-id header's name is not a valid header name.
    #[error("`{name}` is not a valid header name")]
    InvalidHeaderName {
        /// The name as given.
        name: String,
    },
    /// The `User-Agent` holds characters a header cannot carry.
    #[error("the User-Agent holds characters a header cannot carry")]
    InvalidUserAgent,
    /// reqwest could not build its client (for example, no TLS backend).
    #[error("cannot build the HTTP client: {0}")]
    Http(String),
}

/// The request-id header a builder was given: a header name, or the text that is not one
/// (refused by [`ClientBuilder::build`]).
enum RequestIdHeader {
    Named(HeaderName),
    Invalid(String),
}
