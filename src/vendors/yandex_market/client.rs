//! Yandex Market's typed client, generated from `specs/yandex-market.yaml` by `build.rs`, and the
//! calls it offers.

use crate::Secret;
use crate::clients::builder::ClientBuilder;
use crate::clients::error::ErrorBody;
use crate::clients::hooks::{Assemble, Hooks};
use crate::clients::limit::RateLimit;

/// The code progenitor generated from `specs/yandex-market.yaml`.
#[allow(missing_docs, unused_imports, clippy::all, clippy::pedantic)]
pub mod generated {
    include!(concat!(env!("OUT_DIR"), "/yandex_market.rs"));
}
pub use generated::types;

/// The error of a Yandex Market call; documented error statuses carry
/// [`types::ApiErrorResponse`].
pub type Error = crate::clients::error::Error<types::ApiErrorResponse>;

/// The credentials of the spec's two security schemes; either one is enough.
#[derive(Debug, Clone)]
pub enum Auth {
    /// An API key from the seller cabinet, sent as `Api-Key`.
    ApiKey(Secret),
    /// An OAuth 2.0 token with scope `market:partner-api`, sent as `Authorization: Bearer`.
    OAuth(Secret),
}

/// A Yandex Market Partner API client.
#[derive(Debug, Clone)]
pub struct Client {
    raw: generated::Client,
}

impl Client {
    /// A builder for a client that authenticates with these credentials.
    pub fn builder(auth: Auth) -> ClientBuilder<Client> {
        match auth {
            Auth::ApiKey(key) => ClientBuilder::new(&[("api-key", key.expose())]),
            Auth::OAuth(token) => {
                ClientBuilder::new(&[("authorization", &format!("Bearer {}", token.expose()))])
            }
        }
    }

    /// The generated client. Convert its errors with `Error::from`: its own can show bodies.
    pub fn raw(&self) -> &generated::Client {
        &self.raw
    }
}

impl Assemble for Client {
    const DEFAULT_BASE_URL: &'static str = "https://api.partner.market.yandex.ru";
    /// The page: 420 "the limit on access to the resource was exceeded".
    const NOT_PROCESSED: &'static [u16] = &[420];
    /// The page: 1,000,000 requests per hour.
    const RATE_LIMIT: Option<RateLimit> = Some(RateLimit {
        requests: 1_000_000,
        per: std::time::Duration::from_secs(3600),
    });
    fn assemble(base_url: &str, http: reqwest::Client, hooks: Hooks) -> Self {
        Self {
            raw: generated::Client::new_with_client(base_url, http, hooks),
        }
    }
}

impl ErrorBody for types::ApiErrorResponse {
    fn code(&self) -> Option<&str> {
        self.errors
            .as_ref()?
            .first()
            .map(|error| error.code.as_str())
    }
}

crate::clients::operations::operations! {
    vendor: "yandex-market", errors: Error::from;

    /// Sends Market the hand-over confirmation code of an order for checking. `campaign_id` is
    /// sent as given: the page sets no minimum (the vendor's spec of 2025-07-18 sets 1, so
    /// expect the server to refuse 0); one beyond `i64::MAX` is an `InvalidRequest`.
    fn verify_order_eac / verify_order_eac_full (
        campaign_id: u64,
        order_id: i64,
        body: types::VerifyOrderEacRequest,
    ) -> types::VerifyOrderEacResponse = "verifyOrderEac", |raw| raw
        .verify_order_eac()
        .campaign_id(campaign_id)
        .order_id(order_id)
        .body(body);
}

crate::clients::hooks::vendor_client!(generated::Client, Client);
