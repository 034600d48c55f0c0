//! `confirmspec diff OLD NEW`: what changed between two versions of a spec, and what it breaks.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use confirmspec_spec::diff::{Class, DiffFormat, diff, write_diff};
use confirmspec_validator::Spec;

use crate::error::Error;
use crate::io::output;
use crate::options::load_spec;
use crate::outcome::Outcome;

#[derive(Args)]
pub(super) struct DiffArgs {
    /// The old spec: a file (its `$ref`d files are read too), or a bundled spec's name
    /// (`invoicebox`, `yandex-market`, `via`).
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The new spec, the same way.
    #[arg(value_name = "NEW")]
    new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: DiffFormat,
    /// The class of change that makes the command exit 1.
    #[arg(long, value_enum, default_value = "breaking")]
    fail_on: FailOn,
    /// Write the report to this file instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// The class of change that fails the command (`--fail-on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// A breaking change.
    Breaking,
    /// A breaking change or a warning.
    Warning,
    /// Nothing: exit 0 whatever changed.
    Never,
}

pub(super) fn run(args: DiffArgs) -> Result<Outcome, Error> {
    let old = load_spec(&args.old, Spec::MAX_BYTES)?;
    let new = load_spec(&args.new, Spec::MAX_BYTES)?;
    let found = diff(&old, &new);
    let (mut out, _) = output(
        args.output.as_deref(),
        confirmspec_validator::report::Format::Json,
    )?;
    write_diff(args.format, &found, &mut out)?;
    out.flush()?;
    let worst = found.worst();
    let fails = match args.fail_on {
        FailOn::Never => false,
        FailOn::Breaking => worst == Some(Class::Breaking),
        FailOn::Warning => worst.is_some_and(|class| class <= Class::Warning),
    };
    Ok(if fails {
        Outcome::Findings
    } else {
        Outcome::Conforming
    })
}
