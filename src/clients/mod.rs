//! Typed clients generated from `specs/` by progenitor, ready to embed in a service.
//!
//! Each vendor module (one feature each) holds the generated code (`generated`), its types
//! (`types`) and a `Client` built with a [`ClientBuilder`] from the credentials of the spec's
//! security scheme. The client's methods return the vendor's typed success body (their
//! `_full` twins a [`FullResponse`]: status, headers and request id beside it), or an
//! [`Error`] whose `Display` and `Debug` never show credentials, confirmation codes or
//! response bodies. With the `self-check` feature, a client can validate its own traffic.

pub(crate) mod builder;
pub(crate) mod error;
pub(crate) mod hooks;
pub(crate) mod limit;
pub(crate) mod operations;
pub(crate) mod response;
mod retry;
#[cfg(feature = "self-check")]
mod self_check;
pub(crate) mod trace;

pub use builder::{BuildError, ClientBuilder, DEFAULT_TIMEOUT, DEFAULT_USER_AGENT};
pub use error::{BodyError, Error, ErrorBody};
pub use hooks::{Assemble, Hooks};
pub use limit::RateLimit;
pub use response::{FullResponse, REQUEST_ID_HEADERS};
pub use retry::Retry;
