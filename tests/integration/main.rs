//! confirmspec's integration tests: one binary, one module per concern.

mod clients;
mod codegen;
mod snapshots;
mod specs;
mod validator;
