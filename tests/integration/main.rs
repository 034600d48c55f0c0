//! confirmspec's end-to-end tests: one binary (the command's package, crates/cli, runs it),
//! one module per concern: the command as its users run it, and the clients, the validator,
//! the proxy, the mock and the stream behind it.

/// Cargo starts a test binary in its package's directory (crates/cli); this suite's paths (the
/// specs, the samples, the test data, the shared corpus, the README) start at the workspace's
/// root, so it runs from there, set once before any test starts.
#[ctor::ctor]
unsafe fn run_from_the_workspace_root() {
    std::env::set_current_dir(root()).expect("the workspace's root exists");
}

/// The workspace's root (where `specs/`, `samples/` and `tests/` are), absolute.
pub(crate) fn root() -> std::path::PathBuf {
    std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .canonicalize()
        .expect("the workspace's root exists")
}

mod baseline;
mod branches;
mod broker;
mod browser;
mod cli;
mod cli_reports;
mod clients;
mod codegen;
mod codegen_versions;
mod commands;
mod corpus;
mod diff;
mod diff_bundled;
mod diff_codegen;
mod edges;
mod formats;
mod hostile;
mod html;
mod kafka;
mod kafka_group;
mod kafka_proxy;
mod mock;
mod mock_programs;
mod mock_serving;
mod proxy;
mod proxy_command;
mod proxy_upstreams;
mod readme;
mod responses;
mod retries;
mod secrets;
mod self_check;
mod snapshots;
mod soak;
mod spans;
mod specs;
mod streaming;
mod validator;
mod validator_examples;
mod vendors;
mod versions;

/// Every operationId of the three bundled specs, sorted.
const BUNDLED_OPERATIONS: [&str; 6] = [
    "confirmPay",
    "confirmPayVerify",
    "pay",
    "sendCode",
    "validate",
    "verifyOrderEac",
];
