//! confirmspec's integration tests: one binary, one module per concern.

mod cli;
mod clients;
mod codegen;
mod corpus;
mod snapshots;
mod specs;
mod validator;
