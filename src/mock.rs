//! The vendors' sandbox, for a service's tests: every vendor's spec, each playing its flow
//! (the vendor's `flow` in [`crate::vendors`]), with the credentials and rules of its
//! `sandbox` module, served on 127.0.0.1 by `confirmspec-validator`'s [`Mock`]. Every answer is
//! checked against its spec before it is sent, so the sandbox never serves what its specs
//! would flag.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use confirmspec::via::sandbox::{CLIENT_ID, CLIENT_SECRET};
//!
//! let server = confirmspec::mock::sandbox().seed(7).start("127.0.0.1:0".parse()?).await?;
//! let client = confirmspec::via::Client::builder(CLIENT_ID, CLIENT_SECRET)
//!     .base_url(server.url())
//!     .build()?;
//! # let _ = client;
//! server.stop().await?;
//! # Ok(()) }
//! ```

pub use confirmspec_validator::mock::*;

/// A mock of every vendor's spec, each playing its flow; give it more specs, a seed, a
/// recording, then start it.
pub fn sandbox() -> Mock {
    crate::vendors::VENDORS
        .iter()
        .fold(Mock::new(), |mock, vendor| {
            mock.play(vendor.spec(), (vendor.flow)())
        })
}
