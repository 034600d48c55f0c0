//! Arguments, checked and turned into a configuration, then one function per command.

mod demo;

use std::collections::HashMap;
use std::fmt;
use std::io::{IsTerminal, Read, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use confirmspec::report::{self, PayloadResult, PayloadRun};
use confirmspec::spec::Spec;
use confirmspec::synth;
use confirmspec::traffic::Capture;
use confirmspec::validate::{Limits, Options, RuleLevel, Validator, Verdict, Violation};

/// Checks HTTP traffic and captured payloads against OpenAPI 3.0 specs: by default the
/// bundled specs of Invoicebox, Yandex Market and VIA, or any spec you give with --spec.
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
    Validate(ValidateArgs),
    /// Validate captured JSON payloads against a component schema or an operation's body.
    Check(CheckArgs),
    /// Validate a sample capture bundled in the binary, and explain the report.
    Demo,
    /// Write the JSON Schema (2020-12) documents generated from the specs.
    Schemas(SchemasArgs),
    /// A validating reverse proxy: forwards each request to the upstream of the spec whose
    /// operation it matches, returns the upstream's response unchanged, and reports the
    /// violations of both as JSON Lines (to --report, or stderr). Stops on Ctrl-C or SIGTERM
    /// after the exchanges in flight.
    Proxy(ProxyArgs),
    /// Write a synthetic capture made from the specs' examples (for benchmarks and load
    /// tests): 70% conforming, the rest each kind of violation and unmatched requests.
    Generate(GenerateArgs),
}

#[derive(Args)]
struct ProxyArgs {
    #[command(flatten)]
    spec: SpecArgs,
    /// The address to listen on.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    listen: std::net::SocketAddr,
    /// A spec's upstream, as SPEC=URL (`invoicebox=https://api.invoicebox.ru`); repeat for
    /// each spec. The first also takes requests that match no operation.
    #[arg(long = "upstream", value_name = "SPEC=URL", required = true)]
    upstreams: Vec<String>,
    /// Write the report (one JSON line per exchange) to this file instead of stderr.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
    /// Record the traffic as HAR to this file, credentials and confirmation codes redacted
    /// (`confirmspec validate` reads it back); the file is complete once the proxy stops.
    #[arg(long, value_name = "FILE.har")]
    record: Option<PathBuf>,
    /// Answer a request that violates its spec with 422 and a problem+json list of its
    /// violations, without forwarding it.
    #[arg(long)]
    enforce: bool,
    /// Seconds the upstream may take to send its response head (then 504).
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    upstream_timeout: f64,
    /// Seconds a client may take to send its request head, and then its body (then the
    /// connection is closed, or 408).
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    client_timeout: f64,
    /// A PEM file of certificate authorities to trust for HTTPS upstreams, besides the
    /// system's (a sandbox behind a company CA).
    #[arg(long, value_name = "FILE.pem")]
    upstream_ca: Option<PathBuf>,
    /// Threads that forward traffic (default: one per core), each with its own listening
    /// socket (SO_REUSEPORT; on other systems than Unix there is one thread). Validation and
    /// the report run on one more thread of their own. On a machine shared with the service,
    /// fewer threads leave it more room.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    threads: Option<u16>,
    /// The most bytes of bodies waiting to be validated (K, M or G suffix). When validation
    /// falls this far behind the traffic, an exchange is still forwarded and reported, its
    /// bodies unchecked (a warning says so), and the proxy's memory stays bounded.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "256M")]
    max_backlog: u64,
}

#[derive(Args)]
struct GenerateArgs {
    #[command(flatten)]
    spec: SpecArgs,
    /// How much to write: bytes, or with a K, M or G suffix (binary units).
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    size: u64,
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

#[derive(Clone, Copy, ValueEnum)]
enum CaptureFormat {
    /// JSON Lines, one exchange per line.
    Jsonl,
    /// HAR 1.2.
    Har,
}

fn parse_size(text: &str) -> Result<u64, String> {
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

#[derive(Args)]
struct SpecArgs {
    /// An OpenAPI 3.0 document (YAML or JSON; other files it references are followed).
    /// Repeat for several; without it, the three bundled specs are used.
    #[arg(long = "spec", value_name = "FILE")]
    specs: Vec<PathBuf>,
    /// Report properties the schemas do not document.
    #[arg(long)]
    strict: bool,
    /// Match requests only to specs whose servers name the request's host.
    #[arg(long)]
    match_hosts: bool,
    /// A YAML file with `strict`, `match_hosts` and per-rule levels:
    /// `rules: {format: warning, status: off}` (rules are violation keywords).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The largest body read and checked; a larger one is a `limit` violation, not checked
    /// (the proxy answers a larger request 413, and forwards a larger response unchecked).
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "16M")]
    max_body: u64,
    /// The deepest nesting of arrays and objects in a body (at most 128).
    #[arg(long, value_name = "N", default_value_t = 128,
          value_parser = clap::value_parser!(u16).range(1..=128))]
    max_depth: u16,
    /// The most headers a message may carry (the proxy answers more with 431).
    #[arg(long, value_name = "N", default_value_t = 100)]
    max_headers: usize,
    /// The most bytes of headers a message may carry (the proxy: of its whole request head,
    /// at least 8K, then 431).
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "64K")]
    max_head: u64,
    /// The most bytes read of a spec and the files it references.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "64M")]
    max_spec_size: u64,
}

impl SpecArgs {
    fn limits(&self) -> Limits {
        Limits {
            max_body: usize::try_from(self.max_body).unwrap_or(usize::MAX),
            max_depth: usize::from(self.max_depth),
            max_headers: self.max_headers,
            max_header_bytes: usize::try_from(self.max_head).unwrap_or(usize::MAX),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// For people: grouped by operation, repeated rules aggregated, a summary last.
    Text,
    /// One JSON document for scripts (see the README for its fields).
    Json,
    /// One JSON line per exchange as soon as it is validated, then a `{"summary": ...}` line
    /// (`validate` only).
    Jsonl,
    /// JUnit XML for CI servers: a test suite per operation, a test case per exchange
    /// (`validate` only).
    Junit,
    /// SARIF 2.1.0 for code-scanning pages: a result per violation, at the spec line of the
    /// rule it breaks.
    Sarif,
}

impl Format {
    fn report(self) -> report::Format {
        match self {
            Format::Text => report::Format::Text,
            Format::Json => report::Format::Json,
            Format::Jsonl => report::Format::Jsonl,
            Format::Junit => report::Format::Junit,
            Format::Sarif => report::Format::Sarif,
        }
    }
}

#[derive(Args)]
struct ValidateArgs {
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
    /// Stop after this many exchanges (in all captures): the report covers them, and the
    /// command fails saying where it stopped.
    #[arg(long, value_name = "N")]
    max_entries: Option<u64>,
    /// Captures to read: HAR files, JSON Lines files, gzip-compressed or not, or `-` for
    /// stdin (also read when no file is given and stdin is not a terminal).
    #[arg(value_name = "TRAFFIC")]
    traffic: Vec<PathBuf>,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    spec: SpecArgs,
    /// The component schema to check against (`#/components/schemas/NAME`).
    #[arg(
        long,
        value_name = "NAME",
        conflicts_with = "operation",
        required_unless_present = "operation"
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
    #[arg(value_name = "PAYLOAD", required = true)]
    payloads: Vec<PathBuf>,
}

#[derive(Args)]
struct SchemasArgs {
    #[command(flatten)]
    spec: SpecArgs,
    /// The directory to write `<spec>.schema.json` files to (made if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

/// An error that ends the command with status 2.
pub struct Error {
    message: String,
    broken_pipe: bool,
}

impl Error {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            broken_pipe: false,
        }
    }

    pub fn is_broken_pipe(&self) -> bool {
        self.broken_pipe
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<std::io::Error> for Error {
    fn from(error: std::io::Error) -> Self {
        Self {
            broken_pipe: error.kind() == std::io::ErrorKind::BrokenPipe,
            message: error.to_string(),
        }
    }
}

/// Parses the arguments and runs the command; returns the exit status.
pub fn run() -> Result<i32, Error> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() { 2 } else { 0 };
            error.print()?;
            return Ok(code);
        }
    };
    match cli.command {
        Command::Validate(args) => validate(args),
        Command::Check(args) => check(args),
        Command::Demo => demo::run(),
        Command::Schemas(args) => schemas(args),
        Command::Generate(args) => generate(args),
        Command::Proxy(args) => proxy(args),
    }
}

#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Config {
    #[serde(default)]
    strict: bool,
    #[serde(default)]
    match_hosts: bool,
    #[serde(default)]
    rules: HashMap<String, RuleLevel>,
}

fn validator(args: &SpecArgs) -> Result<Validator, Error> {
    let config: Config = match &args.config {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::new(format!("{}: cannot read: {e}", path.display())))?;
            yaml_serde::from_str(&text)
                .map_err(|e| Error::new(format!("{}: {e}", path.display())))?
        }
        None => Config::default(),
    };
    let options = Options {
        strict: args.strict || config.strict,
        match_hosts: args.match_hosts || config.match_hosts,
        rules: config.rules,
        limits: args.limits(),
    };
    Validator::new(specs(args)?, options).map_err(|e| Error::new(e.to_string()))
}

/// The specs given with `--spec`, or the bundled ones.
fn specs(args: &SpecArgs) -> Result<Vec<Spec>, Error> {
    if args.specs.is_empty() {
        return Ok(Spec::bundled());
    }
    args.specs
        .iter()
        .map(|path| {
            Spec::load_within(path, args.max_spec_size).map_err(|e| Error::new(e.to_string()))
        })
        .collect()
}

/// A file the command writes; an error names it.
fn create(path: &Path) -> Result<std::fs::File, Error> {
    std::fs::File::create(path)
        .map_err(|e| Error::new(format!("{}: cannot create: {e}", path.display())))
}

/// The inputs to read: the files given, or stdin.
fn inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    if !paths.is_empty() {
        return Ok(paths.to_vec());
    }
    if std::io::stdin().is_terminal() {
        return Err(Error::new(
            "no capture given: name HAR or JSON Lines files, or pipe one to stdin (`-`)",
        ));
    }
    Ok(vec![PathBuf::from("-")])
}

fn read_input(path: &Path) -> Result<Vec<u8>, std::io::Error> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin().lock().read_to_end(&mut bytes)?;
        Ok(bytes)
    } else {
        std::fs::read(path)
    }
}

/// Captures larger than this (together) get a progress bar.
const PROGRESS_FROM: u64 = 4 << 20;

/// A progress bar over the bytes of the captures, on stderr when it is a terminal, for
/// captures of more than a few megabytes; hidden otherwise, or with `--quiet`.
fn progress(paths: &[PathBuf], quiet: bool) -> indicatif::ProgressBar {
    let total: u64 = paths
        .iter()
        .filter(|p| *p != Path::new("-"))
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    if quiet || total < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total),
        indicatif::ProgressDrawTarget::stderr(),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {msg} eta {eta}",
        )
        .expect("a valid template"),
    );
    bar
}

/// Opens each capture as it is reached: a file (its reads counted by the progress bar), or
/// stdin for `-`; one that cannot be opened gives one unreadable entry that says why.
fn captures(
    paths: Vec<PathBuf>,
    bar: indicatif::ProgressBar,
) -> impl Iterator<Item = Capture<'static>> + Send {
    paths.into_iter().map(move |path| {
        let name = path.display().to_string();
        if path == Path::new("-") {
            return Capture::open(&name, std::io::stdin());
        }
        match std::fs::File::open(&path) {
            Ok(file) => Capture::open(&name, bar.wrap_read(file)),
            Err(e) => Capture::unreadable(&name, &e),
        }
    })
}

/// Where a report goes: a file, or stdout (with colour for text on a terminal only).
fn output(path: Option<&Path>) -> Result<Box<dyn Write>, Error> {
    Ok(match path {
        // Buffered, then without colour codes: a file is not a terminal.
        Some(path) => Box::new(std::io::BufWriter::new(anstream::StripStream::new(create(
            path,
        )?))),
        None => Box::new(anstream::stdout().lock()),
    })
}

fn validate(args: ValidateArgs) -> Result<i32, Error> {
    let validator = validator(&args.spec)?;
    let paths = inputs(&args.traffic)?;
    let bar = progress(&paths, args.quiet);
    let out = output(args.output.as_deref())?;
    let mut report = report::writer(args.format.report(), &validator, out);
    let mut failed = None;
    let mut exchanges = 0u64;
    let mut stopped = None;
    report::validate_captures(&validator, captures(paths, bar.clone()), |result| {
        if args.max_entries.is_some_and(|max| exchanges >= max) {
            stopped = Some(format!(
                "{}: stopped at entry {} (--max-entries {exchanges}): the report covers the {exchanges} exchanges before it, the rest was not read",
                result.source, result.index
            ));
            return ControlFlow::Break(());
        }
        exchanges += 1;
        if exchanges.is_multiple_of(4096) {
            bar.set_message(format!("{exchanges} exchanges"));
        }
        match report.push(result) {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                failed = Some(e);
                ControlFlow::Break(())
            }
        }
    });
    bar.finish_and_clear();
    if let Some(e) = failed {
        return Err(e.into());
    }
    let summary = report.finish()?;
    match stopped {
        Some(stopped) => Err(Error::new(stopped)),
        None => Ok(summary.exit_code()),
    }
}

fn check(args: CheckArgs) -> Result<i32, Error> {
    if args.operation.is_some() && !args.request && args.response.is_none() {
        return Err(Error::new(
            "--operation needs --request, or --response STATUS",
        ));
    }
    if matches!(args.format, Format::Jsonl | Format::Junit) {
        return Err(Error::new(
            "check prints text, json or sarif; jsonl and junit are for validate",
        ));
    }
    let validator = validator(&args.spec)?;
    let spec_filter = match args.spec.specs.as_slice() {
        [one] => Some(Spec::load(one).map_err(|e| Error::new(e.to_string()))?.name),
        _ => None,
    };
    let mut run = PayloadRun::default();
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
        .map_err(Error::new)?;
        let unreadable = report
            .violations
            .iter()
            .any(|v: &Violation| v.keyword == "json");
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
    let mut out = output(args.output.as_deref())?;
    match args.format {
        Format::Text => report::write_payloads_text(&mut out, &run)?,
        Format::Json => report::write_json(&mut out, &run)?,
        Format::Sarif => report::write_payloads_sarif(&mut out, &run)?,
        Format::Jsonl | Format::Junit => unreachable!("refused above"),
    }
    out.flush()?;
    Ok(run.exit_code())
}

fn schemas(args: SchemasArgs) -> Result<i32, Error> {
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
    Ok(0)
}

fn generate(args: GenerateArgs) -> Result<i32, Error> {
    let specs = specs(&args.spec)?;
    let mut generator = synth::Generator::new(&specs, args.seed)
        .ok_or_else(|| Error::new("no operation of the specs has examples to build on"))?;
    let format = match args.format {
        CaptureFormat::Jsonl => synth::CaptureFormat::JsonLines,
        CaptureFormat::Har => synth::CaptureFormat::Har,
    };
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(create(path)?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let counts = synth::write_capture(&mut generator, format, args.size, &mut out)?;
    let total: u64 = counts.iter().map(|(_, n)| n).sum();
    let mix: Vec<String> = counts.iter().map(|(k, n)| format!("{k:?} {n}")).collect();
    eprintln!("{total} exchanges: {}", mix.join(", "));
    Ok(0)
}

/// A duration of `value` seconds; timeouts below a millisecond are a millisecond.
fn seconds(value: f64) -> std::time::Duration {
    std::time::Duration::try_from_secs_f64(value.max(0.001)).unwrap_or(std::time::Duration::MAX)
}

/// The certificates of a PEM file (`--upstream-ca`).
fn certificates(
    path: &std::path::Path,
) -> Result<Vec<rustls::pki_types::CertificateDer<'static>>, Error> {
    use rustls::pki_types::pem::PemObject as _;
    let pem = std::fs::read(path)
        .map_err(|e| Error::new(format!("--upstream-ca {}: {e}", path.display())))?;
    let certificates = rustls::pki_types::CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Error::new(format!("--upstream-ca {}: {e}", path.display())))?;
    if certificates.is_empty() {
        return Err(Error::new(format!(
            "--upstream-ca {}: no certificate in it (a PEM file of `BEGIN CERTIFICATE` blocks)",
            path.display()
        )));
    }
    Ok(certificates)
}

fn proxy(args: ProxyArgs) -> Result<i32, Error> {
    let validator = validator(&args.spec)?;
    let mut upstreams = Vec::new();
    for pair in &args.upstreams {
        let (spec, url) = pair
            .split_once('=')
            .ok_or_else(|| Error::new(format!("--upstream {pair}: give SPEC=URL")))?;
        if !validator.spec_names().any(|name| name == spec) {
            let known: Vec<&str> = validator.spec_names().collect();
            return Err(Error::new(format!(
                "--upstream {pair}: no spec is named `{spec}` (the specs: {})",
                known.join(", ")
            )));
        }
        let uri: hyper::Uri = url
            .parse()
            .map_err(|e| Error::new(format!("--upstream {pair}: {e}")))?;
        if uri.authority().is_none() {
            return Err(Error::new(format!(
                "--upstream {pair}: the URL needs a scheme and a host"
            )));
        }
        upstreams.push((spec.to_owned(), uri));
    }
    let config = confirmspec::proxy::Config {
        upstreams,
        enforce: args.enforce,
        max_body: usize::try_from(args.spec.max_body).unwrap_or(usize::MAX),
        upstream_timeout: seconds(args.upstream_timeout),
        header_timeout: seconds(args.client_timeout),
        body_timeout: seconds(args.client_timeout),
        max_head: usize::try_from(args.spec.max_head).unwrap_or(usize::MAX),
        max_headers: args.spec.max_headers,
        max_backlog: usize::try_from(args.max_backlog).unwrap_or(usize::MAX),
        upstream_roots: match &args.upstream_ca {
            Some(path) => certificates(path)?,
            None => Vec::new(),
        },
        ..confirmspec::proxy::Config::default()
    };
    if config.max_head < confirmspec::proxy::MIN_HEAD {
        return Err(Error::new(format!(
            "--max-head {}: the proxy's smallest is 8K",
            args.spec.max_head
        )));
    }
    let report: Box<dyn Write + Send> = match &args.report {
        Some(path) => Box::new(std::io::BufWriter::new(create(path)?)),
        None => Box::new(std::io::BufWriter::new(std::io::stderr())),
    };
    let record: Option<Box<dyn Write + Send>> = match &args.record {
        Some(path) => Some(Box::new(std::io::BufWriter::new(create(path)?))),
        None => None,
    };
    let threads = match args.threads {
        Some(threads) => usize::from(threads),
        None => std::thread::available_parallelism().map_or(1, usize::from),
    };
    let listeners = confirmspec::proxy::listeners(args.listen, threads)
        .map_err(|e| Error::new(format!("cannot listen on {}: {e}", args.listen)))?;
    let address = listeners[0].local_addr().unwrap_or(args.listen);
    // A single-threaded runtime on each thread, each with a listening socket of its own: a
    // connection and its exchanges stay on the thread that accepted it.
    let mut runtimes = Vec::new();
    for listener in listeners {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let listener = {
            let _entered = runtime.enter();
            tokio::net::TcpListener::from_std(listener)
                .map_err(|e| Error::new(format!("cannot listen on {address}: {e}")))?
        };
        runtimes.push((runtime, listener));
    }
    let stop = {
        let _entered = runtimes[0].0.enter();
        stop_signal().map_err(|e| Error::new(format!("cannot handle SIGTERM and Ctrl-C: {e}")))?
    };
    let proxy = confirmspec::proxy::Proxy::start(validator, config, report, record)?;
    eprintln!("confirmspec proxy listening on {address}");
    let (stopping, stopped) = tokio::sync::watch::channel(false);
    let shutdown = move || {
        let mut stopped = stopped.clone();
        async move {
            // An error means the sender is gone, which it is only once everything has stopped.
            let _ = stopped.wait_for(|stop| *stop).await;
        }
    };
    std::thread::scope(|scope| {
        let mut runtimes = runtimes.into_iter();
        let (first, first_listener) = runtimes.next().expect("one listener at least");
        for (index, (runtime, listener)) in runtimes.enumerate() {
            let (proxy, shutdown) = (&proxy, shutdown());
            let spawned = std::thread::Builder::new()
                .name(format!("confirmspec-proxy-{}", index + 1))
                .spawn_scoped(scope, move || {
                    runtime.block_on(proxy.serve(listener, shutdown));
                });
            if let Err(e) = spawned {
                // The threads started stop (the scope waits for them).
                let _ = stopping.send(true);
                return Err(Error::new(format!("cannot start a proxy thread: {e}")));
            }
        }
        first.block_on(async {
            let signal = async {
                stop.await;
                let _ = stopping.send(true);
            };
            tokio::join!(signal, proxy.serve(first_listener, shutdown()));
        });
        Ok::<(), Error>(())
    })?;
    let summary = proxy.finish()?;
    eprintln!(
        "confirmspec proxy stopped: {} exchanges, {} conforming, {} violating, {} unmatched",
        summary.exchanges, summary.conforming, summary.violating, summary.unmatched
    );
    Ok(0)
}

/// Ctrl-C, or SIGTERM where there is one. The handlers are in place when this returns, so a
/// signal that comes as soon as the proxy says it listens stops it gracefully, not by the
/// signal's default action (on Unix a handler is installed only when asked for).
fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate())?;
        let mut interrupt = signal(SignalKind::interrupt())?;
        Ok(async move {
            tokio::select! {
                _ = term.recv() => {}
                _ = interrupt.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}
