//! What every vendor's generated client shares: the [`Hooks`] progenitor calls around each
//! request (credentials, headers, the self-check), and how a vendor `Client`
//! is assembled from a [`ClientBuilder`](super::ClientBuilder).

use std::fmt;
#[cfg(feature = "self-check")]
use std::sync::Arc;

use reqwest::header::HeaderMap;

use std::time::{Duration, Instant};

use super::error::Refusal;
use super::limit::{Limiter, RateLimit};
use super::response::RequestIdHeaders;
use super::retry::{Attempts, Outcome, Retry};
#[cfg(feature = "self-check")]
use super::self_check;

/// What every generated client carries (progenitor's "inner type"), and what its
/// `ClientHooks::pre` applies to each request before it is sent: the vendor's credentials and
/// required headers, and the removal of the `api-version` header progenitor adds.
#[derive(Clone)]
pub struct Hooks {
    pub(crate) headers: HeaderMap,
    /// When a call is sent again (see `retry.rs`).
    pub(crate) retry: Retry,
    /// The statuses the vendor documents as "the request was not processed".
    pub(crate) not_processed: &'static [u16],
    /// The client's rate limit, shared by its clones; `None` when off.
    pub(crate) limiter: Option<Limiter>,
    /// The most a call waits for its turn: the client's timeout.
    pub(crate) turn_within: Duration,
    /// The headers that name the vendor's request id.
    pub(crate) request_ids: RequestIdHeaders,
    #[cfg(feature = "self-check")]
    pub(crate) check: Option<Arc<self_check::SelfCheck>>,
}

impl Hooks {
    /// Whether the client checks its own traffic.
    fn validating(&self) -> bool {
        #[cfg(feature = "self-check")]
        return self.check.is_some();
        #[cfg(not(feature = "self-check"))]
        false
    }

    /// Before sending, in strict self-check mode: a request that breaks its spec fails the
    /// call (never without `self-check`).
    pub(crate) fn check_request(&self, _request: &reqwest::Request) -> Result<(), Refusal> {
        #[cfg(feature = "self-check")]
        if let Some(check) = &self.check {
            return check.check_request(_request);
        }
        Ok(())
    }

    /// Sends the request, and again while the retry rules allow (`retry.rs`): only when it
    /// provably did not take effect. A body that cannot be copied (a stream) is sent once.
    pub(crate) async fn execute(
        &self,
        http: &reqwest::Client,
        mut request: reqwest::Request,
    ) -> reqwest::Result<reqwest::Response> {
        let mut attempts = Attempts::default();
        loop {
            let again = request.try_clone();
            attempts.made += 1;
            let result = self.send(http, request).await;
            #[cfg(feature = "tracing")]
            super::trace::attempts(attempts.made, attempts.waited, &result);
            let Some(again) = again else {
                return result;
            };
            let outcome = Outcome::of(&result, self.not_processed);
            let Some(wait) = attempts.next_wait(&self.retry, outcome) else {
                return result;
            };
            attempts.waited += wait;
            tokio::time::sleep(wait).await;
            // A retry takes a turn of the rate limit too; none within the timeout, and the last
            // answer stands.
            match self.turn().await {
                Ok(turn) => attempts.waited += turn,
                Err(_) => return result,
            }
            request = again;
        }
    }

    /// Waits for the call's turn under the rate limit; when that would take longer than the
    /// client's timeout, takes no turn and says how long it would have been (the call is not
    /// sent).
    pub(crate) async fn take_turn(&self) -> Result<(), Refusal> {
        let _wait = self.turn().await?;
        #[cfg(feature = "tracing")]
        super::trace::limit_wait(_wait);
        Ok(())
    }

    /// Waits for a turn under the rate limit (see [`Hooks::take_turn`]); returns the wait.
    async fn turn(&self) -> Result<Duration, Refusal> {
        let Some(limiter) = &self.limiter else {
            return Ok(Duration::ZERO);
        };
        match limiter.reserve(Instant::now(), self.turn_within) {
            Ok(wait) => {
                if !wait.is_zero() {
                    tokio::time::sleep(wait).await;
                }
                Ok(wait)
            }
            Err(wait) => Err(Refusal::RateLimited(wait)),
        }
    }

    /// Sends the request once (with a self-check, validating the exchange).
    async fn send(
        &self,
        http: &reqwest::Client,
        request: reqwest::Request,
    ) -> reqwest::Result<reqwest::Response> {
        #[cfg(feature = "self-check")]
        if let Some(check) = &self.check {
            return check.execute(http, request).await;
        }
        http.execute(request).await
    }

    /// After the response: notes its request id for the call, and in strict self-check mode,
    /// fails the call whose response broke its spec (never without `self-check`).
    pub(crate) fn check_response(
        &self,
        result: &reqwest::Result<reqwest::Response>,
    ) -> Result<(), Refusal> {
        self.request_ids.note(result);
        #[cfg(feature = "self-check")]
        return self_check::check_response(result);
        #[cfg(not(feature = "self-check"))]
        Ok(())
    }

    /// Applies the hooks to a request that is about to be sent.
    pub(crate) fn prepare(&self, request: &mut reqwest::Request) {
        let headers = request.headers_mut();
        headers.remove("api-version");
        for (name, value) in &self.headers {
            headers.insert(name, value.clone());
        }
    }
}

impl fmt::Debug for Hooks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header names only: the values are credentials.
        f.debug_struct("Hooks")
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .field("retry", &self.retry)
            .field("rate_limit", &self.limiter.is_some())
            .field("validating", &self.validating())
            .finish()
    }
}

/// Implemented by each vendor's `Client`: how the generated client is put together.
pub trait Assemble: Sized + sealed::Sealed {
    /// The base URL of the spec's first server, before its variables.
    const DEFAULT_BASE_URL: &'static str;
    /// What the server's variables put after the base URL by default (Invoicebox's `/v3`).
    const SERVER_PATH: &'static str = "";
    /// The statuses the vendor documents as "not processed": a call answered with one is sent
    /// again (Invoicebox's 429, Yandex Market's 420).
    const NOT_PROCESSED: &'static [u16] = &[];
    /// The vendor's documented rate limit for one client's credentials, kept by default.
    const RATE_LIMIT: Option<RateLimit> = None;
    #[doc(hidden)]
    fn assemble(base_url: &str, http: reqwest::Client, hooks: Hooks) -> Self;
}

pub(crate) mod sealed {
    pub trait Sealed {}
}

/// Implements, for a generated `Client`, what every vendor shares: the hooks, and assembly
/// from a [`ClientBuilder`](super::ClientBuilder).
macro_rules! vendor_client {
    ($client:ty, $wrapper:ty) => {
        impl progenitor_client::ClientHooks<$crate::clients::hooks::Hooks> for $client {
            async fn pre<E>(
                &self,
                request: &mut reqwest::Request,
                _info: &progenitor_client::OperationInfo,
            ) -> Result<(), progenitor_client::Error<E>> {
                self.inner.prepare(request);
                let refused = |refusal| {
                    progenitor_client::Error::Custom($crate::clients::response::refuse(refusal))
                };
                self.inner.check_request(request).map_err(refused)?;
                self.inner.take_turn().await.map_err(refused)
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
                self.inner.check_response(result).map_err(|refusal| {
                    progenitor_client::Error::Custom($crate::clients::response::refuse(refusal))
                })
            }
        }

        impl $crate::clients::hooks::sealed::Sealed for $wrapper {}
    };
}
pub(crate) use vendor_client;
