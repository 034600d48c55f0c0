//! What the commands that read specs share, each taking the parts that affect it: the spec
//! files (all), the rules (those that judge bodies), the limits of bodies, and those of heads
//! and matching by host (those that judge whole exchanges).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use clap::Args;
use confirmspec::vendors::VENDORS;
use confirmspec_validator::{Limits, Options, Rule, RuleLevel, Spec, Validator};

use crate::error::{Error, FileAction};
use crate::suggest::unknown;

/// The specs a command reads: every command that reads specs takes these.
#[derive(Args)]
pub(super) struct SpecFiles {
    /// An OpenAPI document, Swagger 2.0 to OpenAPI 3.2 (YAML or JSON; other files it
    /// references are followed), or a bundled spec's name (`invoicebox`, `yandex-market`,
    /// `via`). Repeat for several; without it, the three bundled specs are used.
    #[arg(long = "spec", value_name = "FILE")]
    pub(super) specs: Vec<PathBuf>,
    /// The most bytes read of a spec and the files it references.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "64M")]
    pub(super) max_spec_size: u64,
}

/// How bodies are judged: for the commands that check bodies, and `schemas`.
#[derive(Args)]
pub(super) struct RuleArgs {
    /// Report properties the schemas do not document.
    #[arg(long)]
    pub(super) strict: bool,
    /// Refuse a spec with a defective schema (a keyword whose value is not of its kind, such
    /// as `required: "true"`; a draft-4 tuple `items`; a `$ref` to nothing). Without it, the
    /// defect costs that keyword only, and a warning names its file, line and pointer.
    #[arg(long)]
    pub(super) strict_spec: bool,
    /// Check `format` (`date-time`, `email`, `uuid`, ...) in OpenAPI 3.1 documents too, where
    /// it is an annotation unless asked for (in 2.0 and 3.0 documents it is always checked).
    #[arg(long)]
    pub(super) assert_formats: bool,
    /// A YAML file with `strict`, `strict_spec`, `match_hosts`, `assert_formats` and per-rule
    /// levels:
    /// `rules: {format: warning, status: off}` (rules are violation keywords).
    #[arg(long, value_name = "FILE")]
    pub(super) config: Option<PathBuf>,
}

/// What a body may be: for the commands that check bodies.
#[derive(Args)]
pub(super) struct BodyLimits {
    /// The largest body read and checked; a larger one is a `limit` violation, not checked
    /// (the proxy answers a larger request 413, and forwards a larger response unchecked).
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "16M")]
    pub(super) max_body: u64,
    /// The deepest nesting of arrays and objects in a body (at most 128).
    #[arg(long, value_name = "N", default_value_t = 128,
          value_parser = clap::value_parser!(u16).range(1..=128))]
    pub(super) max_depth: u16,
}

/// What the commands that check whole exchanges take: the specs, the rules, the limits of
/// bodies and heads, and how requests are matched to specs.
#[derive(Args)]
pub(super) struct SpecArgs {
    #[command(flatten)]
    pub(super) files: SpecFiles,
    #[command(flatten)]
    pub(super) rules: RuleArgs,
    /// Match requests only to specs whose servers name the request's host.
    #[arg(long)]
    pub(super) match_hosts: bool,
    #[command(flatten)]
    pub(super) body: BodyLimits,
    /// The most headers a message may carry (the proxy answers more with 431).
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub(super) max_headers: usize,
    /// The most bytes of headers a message may carry (the proxy: of its whole request head,
    /// at least 8K, then 431).
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "64K")]
    pub(super) max_head: u64,
}

impl BodyLimits {
    /// The limits of a body; heads get the defaults (a payload has none).
    pub(super) fn limits(&self) -> Limits {
        Limits {
            max_body: usize::try_from(self.max_body).unwrap_or(usize::MAX),
            max_depth: usize::from(self.max_depth),
            ..Limits::default()
        }
    }
}

impl SpecArgs {
    pub(super) fn limits(&self) -> Limits {
        Limits {
            max_headers: self.max_headers,
            max_header_bytes: usize::try_from(self.max_head).unwrap_or(usize::MAX),
            ..self.body.limits()
        }
    }

    /// The validator of a command that checks whole exchanges.
    pub(super) fn validator(&self) -> Result<Validator, Error> {
        validator(&self.files, &self.rules, self.match_hosts, self.limits())
    }
}

/// A librdkafka property, `KEY=VALUE` (`-X`, as kcat takes it).
pub(super) fn property(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => {
            Ok((key.trim().to_owned(), value.to_owned()))
        }
        _ => Err(format!("`{text}`: give a librdkafka property as KEY=VALUE")),
    }
}

pub(super) fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (number, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => text.split_at(at),
        None => (text, ""),
    };
    let shift = match unit.to_ascii_uppercase().trim_end_matches(['B', 'I']) {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        _ => return Err(format!("`{text}`: a size is a number with K, M or G")),
    };
    number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .ok_or_else(|| format!("`{text}`: a size is a number with K, M or G"))
}

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct Config {
    #[serde(default)]
    pub(super) strict: bool,
    #[serde(default)]
    pub(super) strict_spec: bool,
    #[serde(default)]
    pub(super) match_hosts: bool,
    #[serde(default)]
    pub(super) assert_formats: bool,
    #[serde(default)]
    rules: HashMap<Rule, RuleLevel>,
}

/// A validator of `files`, judging by `rules` (and the `--config` file's), with `limits`.
pub(super) fn validator(
    files: &SpecFiles,
    rules: &RuleArgs,
    match_hosts: bool,
    limits: Limits,
) -> Result<Validator, Error> {
    let config: Config = match &rules.config {
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(Error::file(path, FileAction::Read))?;
            yaml_serde::from_str(&text).map_err(|source| Error::Config {
                path: path.clone(),
                source,
            })?
        }
        None => Config::default(),
    };
    let options = Options {
        strict: rules.strict || config.strict,
        strict_spec: rules.strict_spec || config.strict_spec,
        match_hosts: match_hosts || config.match_hosts,
        assert_formats: rules.assert_formats || config.assert_formats,
        rules: config.rules,
        limits,
    };
    let validator = Validator::new(specs(files)?, options)?;
    // Once per run, before any finding: what of the specs is not checked.
    for warning in validator.spec_warnings() {
        eprintln!("confirmspec: warning: {warning}");
    }
    Ok(validator)
}

/// The specs given with `--spec`, or the bundled ones.
pub(super) fn specs(files: &SpecFiles) -> Result<Vec<Spec>, Error> {
    if files.specs.is_empty() {
        return Ok(confirmspec::bundled_specs());
    }
    files
        .specs
        .iter()
        .map(|path| load_spec(path, files.max_spec_size))
        .collect()
}

/// A spec file (with the files it references, at most `max_bytes` in all), or a bundled spec
/// by name when no file of that name exists.
pub(super) fn load_spec(path: &Path, max_bytes: u64) -> Result<Spec, Error> {
    if !path.exists() {
        let given = path.display().to_string();
        if let Some(spec) = confirmspec::bundled_spec(&given) {
            return Ok(spec);
        }
        let names: Vec<&str> = VENDORS.iter().map(|vendor| vendor.name).collect();
        return Err(Error::Usage(format!(
            "{given}: no such file; {}",
            unknown("bundled spec", &given, &names, "")
        )));
    }
    Ok(Spec::load_within(path, max_bytes)?)
}
