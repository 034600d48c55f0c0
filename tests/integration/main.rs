//! confirmspec's integration tests: one binary, one module per concern.

mod baseline;
mod branches;
mod broker;
mod browser;
mod cli;
mod clients;
mod codegen;
mod corpus;
mod diff;
mod diff_codegen;
mod edges;
mod formats;
mod hostile;
mod html;
mod kafka;
mod kafka_proxy;
mod mock;
mod mock_serving;
mod proxy;
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
