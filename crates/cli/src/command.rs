//! The `confirmspec` command: arguments, checked and turned into a configuration, then one
//! function per command (a file each), each returning what it found as an [`Outcome`] that
//! `main` turns into the exit status.

use crate::{check, consume, demo, diff, generate, mock, proxy, schemas, validate};

use clap::{Parser, Subcommand};

use crate::error::Error;
use crate::outcome::Outcome;

/// Checks HTTP traffic and captured payloads against OpenAPI documents (Swagger 2.0 to
/// OpenAPI 3.2): by default the bundled specs of Invoicebox, Yandex Market and VIA, or any
/// document you give with --spec.
#[derive(Parser)]
#[command(name = "confirmspec", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate recorded exchanges (HAR 1.2/1.3, or JSON Lines) against the specs.
    ///
    /// Exit status: 0 when every exchange conforms, 1 when any violates or matches no
    /// operation, 2 when an input or a spec cannot be read.
    Validate(validate::ValidateArgs),
    /// Validate captured JSON payloads against a component schema or an operation's body.
    Check(check::CheckArgs),
    /// Validate a sample capture bundled in the binary, and explain the report.
    Demo,
    /// Write the JSON Schema (2020-12) documents generated from the specs.
    Schemas(schemas::SchemasArgs),
    /// A validating reverse proxy: forwards each request to the upstream of the spec whose
    /// operation it matches, returns the upstream's response unchanged, and reports the
    /// violations of both as JSON Lines (to --report, or stderr). Stops on Ctrl-C or SIGTERM
    /// after the exchanges in flight.
    Proxy(proxy::ProxyArgs),
    /// Compare two versions of a spec: what changed, and what it breaks for a generated Rust
    /// client, on the wire (traffic) and in the code that calls it.
    ///
    /// Exit status: 0 when no change reaches --fail-on, 1 when one does, 2 when a spec cannot
    /// be read.
    Diff(diff::DiffArgs),
    /// Validate a Kafka stream of exchanges as a member of a consumer group: every record of
    /// the member's partitions (confirmspec's exchange, a HAR entry, an APISIX or Kong log
    /// record) is validated as `validate` does, and the verdicts written (findings, or all)
    /// before the records' offsets are committed. Stops on Ctrl-C or SIGTERM after the batch
    /// in hand, exit status 0; 2 when Kafka or the output fails.
    Consume(consume::ConsumeArgs),
    /// A local sandbox of the vendors' confirmation flows (and of any other spec, statelessly)
    /// that never serves what its specs would flag. Stops on Ctrl-C or SIGTERM.
    Mock(mock::MockArgs),
    /// Write a synthetic capture made from the specs' examples (for benchmarks and load
    /// tests): 70% conforming, the rest each kind of violation and unmatched requests.
    Generate(generate::GenerateArgs),
}

/// Parses the arguments and runs the command; returns the exit status.
pub fn run() -> Result<Outcome, Error> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let outcome = if error.use_stderr() {
                Outcome::Unreadable
            } else {
                Outcome::Conforming
            };
            error.print()?;
            return Ok(outcome);
        }
    };
    match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::Check(args) => check::run(args),
        Command::Demo => demo::run(),
        Command::Schemas(args) => schemas::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Mock(args) => mock::run(args),
        Command::Proxy(args) => proxy::run(args),
        Command::Consume(args) => consume::run(args),
    }
}
