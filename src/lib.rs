//! confirmspec: OpenAPI specs, typed clients and a traffic validator for the payment
//! confirmation APIs of Invoicebox, Yandex Market and VIA.
//!
//! The specs in `specs/` are written by hand from the vendors' pages. `build.rs` generates a
//! typed async client from each with progenitor; [`invoicebox`], [`yandex_market`] and [`via`]
//! wrap them with credentials, timeouts and errors that never show secrets or bodies.
#![deny(missing_docs)]

pub mod clients;
pub mod proxy;
pub mod report;
mod secret;
pub mod spec;
pub mod synth;
pub mod traffic;
pub mod validate;

pub use clients::{invoicebox, via, yandex_market};
pub use secret::Secret;

/// The README's code, compiled by `cargo test` so that it cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
