//! Invoicebox payment confirmation: `validate`, `sendCode` and `pay` (`specs/invoicebox.yaml`).
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use confirmspec::invoicebox::{ApiLine, Client, types};
//!
//! let client = Client::builder("b37c4c689295904ed21eee5d9a48d42e")
//!     .user_agent("MyShop/1.4")
//!     .api_line(ApiLine::V3)
//!     .build()?;
//! let order = "01771534-1a57-f184-dee3-ebeb91dded75".parse()?;
//! let request: types::CodeRequest = types::CodeRequest::builder()
//!     .payment_method_id("39363265")
//!     .customer(types::Customer::builder().phone(Some("79611234567".parse()?)))
//!     .try_into()?;
//! let sent = client.send_code(order, request).await?;
//! println!("code {} sent, {} sends left", sent.data.result_data.public_code, sent.data.result_data.left_attempt);
//! # Ok(()) }
//! ```
//!
//! The client needs the `invoicebox` feature. [`sandbox`] holds the credentials and the rules of
//! `confirmspec mock`'s Invoicebox, which plays the vendor's flow (with the `mock` feature).

#[cfg(feature = "invoicebox")]
mod client;
#[cfg(feature = "mock")]
pub(crate) mod flow;
pub mod sandbox;

#[cfg(feature = "invoicebox")]
pub use client::*;
