//! `confirmspec schemas`: the JSON Schema documents the checks use, written to a directory.

use std::path::PathBuf;

use clap::Args;

use super::options::{SpecArgs, validator};
use super::{Error, Outcome};

#[derive(Args)]
pub(super) struct SchemasArgs {
    #[command(flatten)]
    spec: SpecArgs,
    /// The directory to write `<spec>.schema.json` files to (made if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

pub(super) fn run(args: SchemasArgs) -> Result<Outcome, Error> {
    let validator = validator(&args.spec)?;
    std::fs::create_dir_all(&args.out)
        .map_err(|e| Error::new(format!("{}: cannot create: {e}", args.out.display())))?;
    for (name, document) in validator.schema_documents() {
        let path = args.out.join(format!("{name}.schema.json"));
        let text = serde_json::to_string_pretty(document).expect("a JSON value serialises");
        std::fs::write(&path, text + "\n")
            .map_err(|e| Error::new(format!("{}: cannot write: {e}", path.display())))?;
        println!("{}", path.display());
    }
    Ok(Outcome::Conforming)
}
