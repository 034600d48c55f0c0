//! VIA merchant card payment with SMS confirmation: `confirmPay` and `confirmPayVerify`
//! (`specs/via.yaml`).
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use confirmspec::via::{Client, types};
//!
//! let client = Client::builder("system", "system123").build()?;
//! let body = types::ConfirmPayVerifyRequest {
//!     verify_id: "trx_2VQGS1Eeu4DNsfuKxbFO1vftNy4".into(),
//!     verify_code: "005646".into(),
//! };
//! let transaction = client.confirm_pay_verify(body).await?;
//! println!("{:?}", transaction.status);
//! # Ok(()) }
//! ```
//!
//! The client needs the `via` feature. [`sandbox`] holds the credentials and the rules of
//! `confirmspec mock`'s VIA, which plays the vendor's flow (with the `mock` feature).

#[cfg(feature = "via")]
mod client;
#[cfg(feature = "mock")]
pub(crate) mod flow;
pub mod sandbox;

#[cfg(feature = "via")]
pub use client::*;
