//! `confirmspec check`: standalone payloads against a component schema or an operation's body.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use confirmspec_validator::report::{self, Format};
use confirmspec_validator::{
    CheckError, PayloadResult, PayloadRun, Rule, SpecPaths, Validator, Verdict, Violation,
};

use crate::error::Error;
use crate::io::{output, read_input};
use crate::options::{BodyLimits, RuleArgs, SpecFiles, validator};
use crate::outcome::Outcome;
use crate::schemas::list_names;
use crate::suggest::unknown;

#[derive(Args)]
pub(super) struct CheckArgs {
    #[command(flatten)]
    files: SpecFiles,
    #[command(flatten)]
    rules: RuleArgs,
    #[command(flatten)]
    body: BodyLimits,
    /// The component schema to check against (`#/components/schemas/NAME`).
    #[arg(
        long,
        value_name = "NAME",
        conflicts_with = "operation",
        required_unless_present_any = ["operation", "list"]
    )]
    schema: Option<String>,
    /// The operation whose body to check against (with --request or --response).
    #[arg(long, value_name = "ID")]
    operation: Option<String>,
    /// Check against the operation's request body.
    #[arg(long, requires = "operation", conflicts_with = "response")]
    request: bool,
    /// Check against the operation's response body for this status.
    #[arg(long, value_name = "STATUS", requires = "operation")]
    response: Option<u16>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Write the report to this file instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// JSON payload files.
    #[arg(value_name = "PAYLOAD", required_unless_present = "list")]
    payloads: Vec<PathBuf>,
    /// Print the names --schema and --operation take instead (each spec's component schemas
    /// and operations), and check nothing.
    #[arg(long, conflicts_with_all = ["schema", "operation"])]
    list: bool,
}

pub(super) fn run(args: CheckArgs) -> Result<Outcome, Error> {
    if !matches!(args.format, Format::Text | Format::Json | Format::Sarif) {
        return Err(Error::Usage(
            "check prints text, json or sarif; jsonl, junit, markdown and html are for validate"
                .into(),
        ));
    }
    let validator = validator(&args.files, &args.rules, false, args.body.limits())?;
    if args.list {
        list_names(&validator)?;
        return Ok(Outcome::Conforming);
    }
    if let Some(id) = &args.operation {
        // A name that matches nothing is said first: the side to check is the next question.
        if !validator.operations().any(|o| o.id == id) {
            return Err(explain(
                &validator,
                None,
                CheckError::NoOperation(id.clone()),
            ));
        }
        if !args.request && args.response.is_none() {
            return Err(Error::Usage(format!(
                "--operation {id} needs --request, or --response STATUS"
            )));
        }
    }
    let spec_filter = match validator.specs() {
        [one] if args.files.specs.len() == 1 => Some(one.name.clone()),
        _ => None,
    };
    let mut run = PayloadRun {
        spec_paths: SpecPaths::of(&validator),
        ..PayloadRun::default()
    };
    for path in &args.payloads {
        let file = path.display().to_string();
        let bytes = match read_input(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                run.push(PayloadResult {
                    file,
                    verdict: Verdict::Unreadable,
                    reason: Some(format!("cannot read: {e}")),
                    violations: Vec::new(),
                });
                continue;
            }
        };
        let report = match (&args.schema, &args.operation) {
            (Some(name), _) => validator.check_schema(spec_filter.as_deref(), name, &bytes),
            (None, Some(id)) => validator.check_operation(id, args.response, &bytes),
            (None, None) => unreachable!("clap requires --schema or --operation"),
        }
        .map_err(|e| explain(&validator, spec_filter.as_deref(), e))?;
        let unreadable = report
            .violations
            .iter()
            .any(|v: &Violation| v.keyword == Rule::Json);
        run.push(PayloadResult {
            file,
            verdict: if unreadable {
                Verdict::Unreadable
            } else {
                report.verdict
            },
            reason: None,
            violations: report.violations,
        });
    }
    let (mut out, palette) = output(args.output.as_deref(), args.format)?;
    match args.format {
        Format::Text => report::write_payloads_text(&mut out, palette, &run)?,
        Format::Json => report::write_json(&mut out, &run)?,
        Format::Sarif => report::write_payloads_sarif(&mut out, &run)?,
        _ => unreachable!("only text, json and sarif get here"),
    }
    out.flush()?;
    let summary = run.summary;
    Ok(if summary.unreadable > 0 {
        Outcome::Unreadable
    } else if summary.violating > 0 {
        Outcome::Findings
    } else {
        Outcome::Conforming
    })
}

/// A check that could not be made, with the names the user may have meant.
fn explain(validator: &Validator, spec: Option<&str>, error: CheckError) -> Error {
    let list = "confirmspec check --list";
    match error {
        CheckError::NoSchema(name) => {
            let names: Vec<&str> = validator
                .specs()
                .iter()
                .filter(|s| spec.is_none_or(|only| s.name == only))
                .flat_map(|s| s.schema_names())
                .collect();
            unknown("component schema", &name, &names, list)
        }
        CheckError::NoOperation(id) => {
            let ids: Vec<&str> = validator.operations().map(|o| o.id).collect();
            unknown("operation", &id, &ids, list)
        }
        other => Error::Check(other),
    }
}
