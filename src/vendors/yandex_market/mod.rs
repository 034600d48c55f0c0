//! Yandex Market Partner API: `verifyOrderEac`, the hand-over code check
//! (`specs/yandex-market.yaml`).
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use confirmspec::yandex_market::{Auth, Client, types};
//!
//! let client = Client::builder(Auth::ApiKey("my-api-key".into())).build()?;
//! let body = types::VerifyOrderEacRequest { code: Some("1234".into()) };
//! let checked = client.verify_order_eac(21_004_300, 4_568_001, body).await?;
//! println!("{:?}", checked.result.and_then(|r| r.verification_result));
//! # Ok(()) }
//! ```
//!
//! The client needs the `yandex-market` feature. [`sandbox`] holds the credentials and the rules of
//! `confirmspec mock`'s Yandex Market, which plays the vendor's flow (with the `mock` feature).

#[cfg(feature = "yandex-market")]
mod client;
#[cfg(feature = "mock")]
pub(crate) mod flow;
pub mod sandbox;

#[cfg(feature = "yandex-market")]
pub use client::*;
