//! `confirmspec mock`: the sandbox of the vendors' flows, until Ctrl-C or SIGTERM.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;
use confirmspec::mock;
use confirmspec_validator::Spec;

use crate::error::Error;
use crate::io::stop_signal;
use crate::outcome::Outcome;

#[derive(Args)]
pub(super) struct MockArgs {
    /// The address to listen on (port 0: any free port, printed on stderr).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:4010")]
    listen: SocketAddr,
    /// Another spec to serve beside the bundled ones, statelessly: each operation answers its
    /// documented example, or a body made from its schema. Repeat for several.
    #[arg(long = "spec", value_name = "FILE")]
    specs: Vec<PathBuf>,
    /// Seeds the codes and ids the flows issue.
    #[arg(long, value_name = "N", default_value_t = 0)]
    seed: u64,
    /// Records every exchange, redacted, to this HAR file.
    #[arg(long, value_name = "FILE.har")]
    record: Option<PathBuf>,
}

pub(super) fn run(args: MockArgs) -> Result<Outcome, Error> {
    let mut builder = mock::sandbox().seed(args.seed);
    for path in &args.specs {
        builder = builder.spec(Spec::load(path)?);
    }
    if let Some(record) = &args.record {
        builder = builder.record(record);
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(Error::process("start the runtime"))?;
    runtime.block_on(async {
        let stop = stop_signal().map_err(Error::process("handle SIGTERM and Ctrl-C"))?;
        let server = builder.start(args.listen).await?;
        eprintln!("confirmspec mock: listening on {}", server.url());
        let credentials: Vec<&str> = confirmspec::vendors::VENDORS
            .iter()
            .map(|vendor| vendor.credentials)
            .collect();
        eprintln!("  credentials: {}", credentials.join("; "));
        stop.await;
        server
            .stop()
            .await
            .map_err(Error::process("stop the sandbox"))?;
        eprintln!("confirmspec mock: stopped");
        Ok(Outcome::Conforming)
    })
}
