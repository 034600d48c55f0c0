//! `confirmspec validate`: captures in, one report out.

use std::ops::ControlFlow;
use std::path::PathBuf;

use clap::Args;
use confirmspec_validator::report::{self, Format};
use confirmspec_validator::{SpecPaths, Tally};

use crate::error::{Error, FileAction};
use crate::io::{captures, inputs, output, progress};
use crate::options::SpecArgs;
use crate::outcome::Outcome;

#[derive(Args)]
pub(super) struct ValidateArgs {
    #[command(flatten)]
    spec: SpecArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Write the report to this file instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// No progress bar (it is drawn on stderr only when stderr is a terminal and the captures
    /// are larger than a few megabytes).
    #[arg(long, short)]
    quiet: bool,
    /// With `--format text`: also a line per exchange with findings, and its violations, as
    /// it is validated (the groups and the summary follow).
    #[arg(long, short)]
    verbose: bool,
    /// The format of every line of JSON Lines (a dump of a log stream); without it, each
    /// line's format is detected.
    #[arg(long, value_enum, value_name = "FORMAT")]
    record_format: Option<confirmspec_validator::RecordFormat>,
    /// A report of an earlier run (`--format json` or `jsonl`): its violations are known, and
    /// only the others are reported and fail the run. Says how many known ones it hid.
    #[arg(long, value_name = "REPORT")]
    baseline: Option<PathBuf>,
    /// Stop after this many exchanges (in all captures): the report covers them, and the
    /// command fails saying where it stopped.
    #[arg(long, value_name = "N")]
    max_entries: Option<u64>,
    /// Captures to read: HAR files, JSON Lines files, gzip-compressed or not, or `-` for
    /// stdin (also read when no file is given and stdin is not a terminal).
    #[arg(value_name = "TRAFFIC")]
    traffic: Vec<PathBuf>,
}

pub(super) fn run(args: ValidateArgs) -> Result<Outcome, Error> {
    if args.verbose && args.format != Format::Text {
        return Err(Error::Usage(
            "--verbose is for --format text; json and jsonl have every exchange already".into(),
        ));
    }
    let validator = args.spec.validator()?;
    let baseline = match &args.baseline {
        Some(path) => Some(confirmspec_validator::Baseline::read(path)?),
        None => None,
    };
    let paths = inputs(&args.traffic)?;
    // A capture that cannot be opened at all is a mistake on the command line: one line, and
    // no report of what was never read.
    for path in paths
        .iter()
        .filter(|p| p.as_path() != std::path::Path::new("-"))
    {
        if let Err(e) = std::fs::File::open(path) {
            return Err(Error::file(path, FileAction::Open)(e));
        }
    }
    let bar = progress(&paths, args.quiet);
    let (out, palette) = output(args.output.as_deref(), args.format)?;
    let detail = if args.verbose {
        report::Detail::Verbose
    } else {
        report::Detail::Grouped
    };
    let spec_paths = SpecPaths::of(&validator);
    let mut report = report::printer(args.format, palette, detail, spec_paths, out);
    let mut tally = Tally::new(&validator);
    let mut failed = None;
    let mut exchanges = 0u64;
    let mut stopped = None;
    // On the cores that validate: the baseline hides what it knows, then a machine format's
    // bytes are made.
    let render = report.render();
    confirmspec_validator::validate_captures_rendered(
        &validator,
        captures(paths, bar.clone(), args.record_format),
        |result| {
            let hidden = baseline.as_ref().map_or(0, |b| b.apply(result));
            (hidden, render.map(|render| render(result)))
        },
        |result, (hidden, rendered)| {
            if args.max_entries.is_some_and(|max| exchanges >= max) {
                stopped = Some(Error::Stopped {
                    input: result.source.to_string(),
                    index: result.index,
                    read: exchanges,
                });
                return ControlFlow::Break(());
            }
            exchanges += 1;
            if exchanges.is_multiple_of(4096) {
                bar.set_message(format!("{exchanges} exchanges"));
            }
            tally.add(&result, hidden);
            match report.exchange(result, rendered) {
                Ok(()) => ControlFlow::Continue(()),
                Err(e) => {
                    failed = Some(e);
                    ControlFlow::Break(())
                }
            }
        },
    );
    bar.finish_and_clear();
    if let Some(e) = failed {
        return Err(e.into());
    }
    report.finish(&tally)?;
    if let (Some(path), Some(baseline)) = (&args.baseline, &baseline) {
        eprintln!(
            "confirmspec validate: the baseline {} ({} known violations and unmatched requests) hid {} violations in {} exchanges; the report has the new ones",
            path.display(),
            baseline.len(),
            tally.hidden,
            tally.hidden_in,
        );
    }
    match stopped {
        Some(stopped) => Err(stopped),
        None => Ok(Outcome::of(&tally.summary)),
    }
}
