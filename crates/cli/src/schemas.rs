//! `confirmspec schemas`: the JSON Schema documents the checks use, written to a directory.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use confirmspec_validator::{Limits, Validator};

use crate::error::{Error, FileAction};
use crate::options::{RuleArgs, SpecFiles, validator};
use crate::outcome::Outcome;

#[derive(Args)]
pub(super) struct SchemasArgs {
    #[command(flatten)]
    files: SpecFiles,
    #[command(flatten)]
    rules: RuleArgs,
    /// The directory to write `<spec>.schema.json` files to (made if missing).
    #[arg(long, value_name = "DIR", required_unless_present = "list")]
    out: Option<PathBuf>,
    /// Print the names there are instead: each spec's component schemas and operations.
    #[arg(long, conflicts_with = "out")]
    list: bool,
}

pub(super) fn run(args: SchemasArgs) -> Result<Outcome, Error> {
    let validator = validator(&args.files, &args.rules, false, Limits::default())?;
    let Some(out) = args.out else {
        list_names(&validator)?;
        return Ok(Outcome::Conforming);
    };
    std::fs::create_dir_all(&out).map_err(Error::file(&out, FileAction::Create))?;
    for (name, document) in validator.schema_documents() {
        let path = out.join(format!("{name}.schema.json"));
        let text = serde_json::to_string_pretty(document).expect("a JSON value serialises");
        std::fs::write(&path, text + "\n").map_err(Error::file(&path, FileAction::Write))?;
        println!("{}", path.display());
    }
    Ok(Outcome::Conforming)
}

/// Every name `check` takes, a line each: `SPEC schema NAME` for each component schema, and
/// `SPEC operation ID METHOD PATH` for each operation.
pub(super) fn list_names(validator: &Validator) -> Result<(), Error> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for spec in validator.specs() {
        for name in spec.schema_names() {
            writeln!(out, "{} schema {name}", spec.name)?;
        }
    }
    for operation in validator.operations() {
        writeln!(
            out,
            "{} operation {} {} {}",
            operation.spec, operation.id, operation.method, operation.path
        )?;
    }
    out.flush()?;
    Ok(())
}
