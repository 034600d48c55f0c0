//! confirmspec's integration tests: one binary, one module per concern.

mod clients;
mod snapshots;
mod specs;
