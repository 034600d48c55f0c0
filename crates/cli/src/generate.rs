//! `confirmspec generate`: a synthetic capture made from the specs' examples.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use confirmspec_validator::{CaptureFormat, generate};

use crate::error::Error;
use crate::io::create;
use crate::options::{SpecFiles, parse_size, specs};
use crate::outcome::Outcome;

#[derive(Args)]
pub(super) struct GenerateArgs {
    #[command(flatten)]
    files: SpecFiles,
    /// How much to write: bytes, or with a K, M or G suffix (binary units).
    #[arg(long, value_name = "SIZE", value_parser = parse_size, required_unless_present = "count")]
    size: Option<u64>,
    /// How many exchanges to write (instead of --size).
    #[arg(long, value_name = "N", conflicts_with = "size")]
    count: Option<u64>,
    /// The capture's format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: CaptureFormat,
    /// The seed: the same seed and specs give the same capture.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write the capture to this file instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub(super) fn run(args: GenerateArgs) -> Result<Outcome, Error> {
    let specs = specs(&args.files)?;
    let mut generator = generate::Generator::new(&specs, args.seed)
        .ok_or_else(|| Error::Usage("no operation of the specs has examples to build on".into()))?;
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(create(path)?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let amount = match (args.count, args.size) {
        (Some(count), _) => generate::Amount::Exchanges(count),
        (None, size) => generate::Amount::Bytes(size.unwrap_or_default()),
    };
    let counts = generate::write_capture(&mut generator, args.format, amount, &mut out)?;
    out.flush()?;
    let total: u64 = counts.iter().map(|(_, n)| n).sum();
    let mix: Vec<String> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(kind, n)| format!("{n} {}", kind.description()))
        .collect();
    let format = match args.format {
        CaptureFormat::Har => "HAR",
        _ => "JSON Lines",
    };
    let place = match &args.output {
        Some(path) => path.display().to_string(),
        None => "standard output".into(),
    };
    eprintln!(
        "confirmspec generate: wrote {total} exchanges as {format} to {place}: {}",
        mix.join(", ")
    );
    Ok(Outcome::Conforming)
}
