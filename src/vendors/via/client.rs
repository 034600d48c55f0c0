//! VIA's typed client, generated from `specs/via.yaml` by `build.rs`, and the
//! calls it offers.

use crate::Secret;
use crate::clients::builder::ClientBuilder;
use crate::clients::error::ErrorBody;
use crate::clients::hooks::{Assemble, Hooks};

/// The code progenitor generated from `specs/via.yaml`.
#[allow(missing_docs, unused_imports, clippy::all, clippy::pedantic)]
pub mod generated {
    include!(concat!(env!("OUT_DIR"), "/via.rs"));
}
pub use generated::types;

/// The error of a VIA call. VIA documents no error statuses, so any 4xx or 5xx carries
/// [`types::ErrorEnvelope`] (the spec's `default` response), and so may a 200: that too is an
/// [`Error::Api`](crate::clients::Error::Api), with status 200.
pub type Error = crate::clients::error::Error<types::ErrorEnvelope>;

/// A VIA client: `client-id` and `client-secret` on every call.
#[derive(Debug, Clone)]
pub struct Client {
    raw: generated::Client,
}

impl Client {
    /// A builder for a client that authenticates with this partner id and key.
    pub fn builder(
        client_id: impl Into<Secret>,
        client_secret: impl Into<Secret>,
    ) -> ClientBuilder<Client> {
        let (id, secret) = (client_id.into(), client_secret.into());
        ClientBuilder::new(&[
            ("client-id", id.expose()),
            ("client-secret", secret.expose()),
        ])
    }

    /// The generated client. Convert its errors with `Error::from`: its own can show bodies.
    pub fn raw(&self) -> &generated::Client {
        &self.raw
    }
}

/// VIA gives its errors no status, so a success status may carry the error envelope (see
/// specs/README.md): a success body that does not decode as the operation's type but does as
/// the envelope is the vendor's error, with the status it came with (200, the one success VIA
/// documents), not a body that breaks the spec.
fn envelope_on_success(error: progenitor_client::Error<types::ErrorEnvelope>) -> Error {
    if let progenitor_client::Error::InvalidResponsePayload(body, _) = &error
        && let Ok(envelope) = serde_json::from_slice::<types::ErrorEnvelope>(body)
    {
        return Error::Api {
            status: reqwest::StatusCode::OK,
            body: envelope,
            request_id: None,
        };
    }
    Error::from(error)
}

impl Assemble for Client {
    const DEFAULT_BASE_URL: &'static str = "https://api.viasandbox.uz";
    fn assemble(base_url: &str, http: reqwest::Client, hooks: Hooks) -> Self {
        Self {
            raw: generated::Client::new_with_client(base_url, http, hooks),
        }
    }
}

impl ErrorBody for types::ErrorEnvelope {
    fn code(&self) -> Option<&str> {
        self.status.as_ref()?.code.as_deref()
    }
}

crate::clients::operations::operations! {
    vendor: "via", errors: envelope_on_success;

    /// Starts a card payment; VIA sends the client an SMS code and answers with a `verifyId`.
    fn confirm_pay / confirm_pay_full (body: types::ConfirmPayRequest)
        -> types::ConfirmPayResponse = "confirmPay", |raw| raw.confirm_pay().body(body);

    /// Completes the payment with its `verifyId` and the client's one-time code.
    fn confirm_pay_verify / confirm_pay_verify_full (body: types::ConfirmPayVerifyRequest)
        -> types::Transaction = "confirmPayVerify", |raw| raw.confirm_pay_verify().body(body);
}

crate::clients::hooks::vendor_client!(generated::Client, Client);
