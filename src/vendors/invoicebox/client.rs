//! Invoicebox's typed client, generated from `specs/invoicebox.yaml` by `build.rs`, and the
//! calls it offers.

use uuid::Uuid;

use crate::Secret;
use crate::clients::builder::ClientBuilder;
use crate::clients::error::ErrorBody;
use crate::clients::hooks::{Assemble, Hooks};
use crate::clients::limit::RateLimit;

/// The code progenitor generated from `specs/invoicebox.yaml`.
#[allow(missing_docs, unused_imports, clippy::all, clippy::pedantic)]
pub mod generated {
    include!(concat!(env!("OUT_DIR"), "/invoicebox.rs"));
}
pub use generated::types;

/// The error of an Invoicebox call; documented error statuses carry [`types::ErrorResponse`].
pub type Error = crate::clients::error::Error<types::ErrorResponse>;

/// Which line of the API the shop uses (the spec server's `line`): `/v3/`, or `/l3/` for
/// shops registered in Invoicebox.Business.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ApiLine {
    /// `/v3/`: shops registered in the Invoicebox app or at app.invoicebox.ru.
    #[default]
    V3,
    /// `/l3/`: shops registered in Invoicebox.Business (business.invoicebox.ru).
    L3,
}

/// An Invoicebox client: Bearer token, `User-Agent`, `Accept` and `Content-Type` on every call.
#[derive(Debug, Clone)]
pub struct Client {
    raw: generated::Client,
}

impl Client {
    /// A builder for a client that authenticates with this Bearer token.
    pub fn builder(token: impl Into<Secret>) -> ClientBuilder<Client> {
        let token = token.into();
        ClientBuilder::new(&[("authorization", &format!("Bearer {}", token.expose()))])
    }

    /// The generated client, for what the methods above do not cover (the optional
    /// `X-Signature` header). Convert its errors with `Error::from`: its own can show bodies.
    pub fn raw(&self) -> &generated::Client {
        &self.raw
    }
}

impl ApiLine {
    /// The path the line puts after the base URL (`/v3`, `/l3`).
    pub fn path(self) -> &'static str {
        match self {
            ApiLine::V3 => "/v3",
            ApiLine::L3 => "/l3",
        }
    }
}

impl ClientBuilder<Client> {
    /// Uses the `/v3/` or the `/l3/` line of the API (default `/v3/`), after the base URL.
    pub fn api_line(self, line: ApiLine) -> Self {
        self.server_path(line.path())
    }
}

impl Assemble for Client {
    const DEFAULT_BASE_URL: &'static str = "https://api.invoicebox.ru";
    const SERVER_PATH: &'static str = "/v3";
    /// limits.md: past the limits the API answers 429 (Too Many Requests).
    const NOT_PROCESSED: &'static [u16] = &[429];
    /// limits.md: 100 requests per 30 seconds per account (and 500 per IP address).
    const RATE_LIMIT: Option<RateLimit> = Some(RateLimit {
        requests: 100,
        per: std::time::Duration::from_secs(30),
    });
    fn assemble(base_url: &str, http: reqwest::Client, hooks: Hooks) -> Self {
        Self {
            raw: generated::Client::new_with_client(base_url, http, hooks),
        }
    }
}

impl ErrorBody for types::ErrorResponse {
    fn code(&self) -> Option<&str> {
        self.error.code.as_deref()
    }
}

crate::clients::operations::operations! {
    vendor: "invoicebox", errors: Error::from;

    /// Checks that the order's payment can be confirmed with this payment method.
    fn validate / validate_full (order: Uuid, body: types::ValidateRequest)
        -> types::ValidateResponse = "validate", |raw| raw.validate().uuid(order).body(body);

    /// Sends the buyer a confirmation code.
    fn send_code / send_code_full (order: Uuid, body: types::CodeRequest)
        -> types::CodeResponse = "sendCode", |raw| raw.send_code().uuid(order).body(body);

    /// Confirms the payment with the code the buyer received.
    fn pay / pay_full (order: Uuid, body: types::PayRequest)
        -> types::PayResponse = "pay", |raw| raw.pay().uuid(order).body(body);
}

crate::clients::hooks::vendor_client!(generated::Client, Client);
