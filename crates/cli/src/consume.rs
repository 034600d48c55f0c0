//! `confirmspec consume`: a member of a Kafka consumer group that validates every record of
//! its partitions and writes the verdicts, until SIGTERM or Ctrl-C.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use clap::Args;
use confirmspec_validator::RecordFormat;
use confirmspec_validator::kafka::{self, Metrics, Totals};

use crate::error::Error;
use crate::io::{create, stop_signal};
use crate::options::{SpecArgs, property};
use crate::outcome::Outcome;

#[derive(Args)]
pub(super) struct ConsumeArgs {
    #[command(flatten)]
    spec: SpecArgs,
    /// The bootstrap brokers, host:port[,host:port...].
    #[arg(long, value_name = "BROKERS", default_value = "127.0.0.1:9092")]
    brokers: String,
    /// A topic to read; repeat for several.
    #[arg(long = "topic", value_name = "TOPIC", required = true)]
    topics: Vec<String>,
    /// The consumer group to join: members of one group share the topics' partitions.
    #[arg(long, value_name = "GROUP", default_value = "confirmspec")]
    group: String,
    /// A librdkafka property for every Kafka client, as kcat takes it (`-X
    /// security.protocol=SASL_SSL -X sasl.mechanism=SCRAM-SHA-512 ...`); repeat for several.
    #[arg(short = 'X', value_name = "KEY=VALUE", value_parser = property)]
    properties: Vec<(String, String)>,
    /// Each record's format; without it, each record's format is detected.
    #[arg(long, value_enum, value_name = "FORMAT")]
    record_format: Option<RecordFormat>,
    /// Write every verdict, not only those with findings.
    #[arg(long)]
    all: bool,
    /// Write the verdicts to this topic (keyed by spec and operation) instead of stdout.
    #[arg(long, value_name = "TOPIC", conflicts_with = "output")]
    to_topic: Option<String>,
    /// Write the verdicts as JSON Lines to this file instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write records that are not exchanges (their coordinates and why, never their bytes) to
    /// this topic, instead of with the verdicts.
    #[arg(long, value_name = "TOPIC")]
    dead_letter_topic: Option<String>,
    /// Serve Prometheus metrics on http://ADDR/metrics.
    #[arg(long, value_name = "ADDR")]
    metrics: Option<std::net::SocketAddr>,
    /// Seconds between the one-line summaries on stderr (0: none).
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    summary_every: u64,
    /// The most records validated in one batch (their offsets are committed together).
    #[arg(long, value_name = "N", default_value_t = 4096,
          value_parser = clap::value_parser!(u32).range(1..))]
    batch: u32,
}

pub(super) fn run(args: ConsumeArgs) -> Result<Outcome, Error> {
    let validator = args.spec.validator()?;
    let config = kafka::Config {
        brokers: args.brokers.clone(),
        topics: args.topics.clone(),
        group: args.group.clone(),
        properties: args.properties.clone(),
        record_format: args.record_format,
        all: args.all,
        to_topic: args.to_topic.clone(),
        dead_letter_topic: args.dead_letter_topic.clone(),
        max_record: usize::try_from(args.spec.body.max_body).unwrap_or(usize::MAX),
        batch_records: args.batch as usize,
        ..kafka::Config::default()
    };
    let out: Box<dyn std::io::Write + Send> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(create(path)?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout())),
    };
    let metrics = Arc::new(Metrics::new());
    let server = match args.metrics {
        Some(address) => Some(metrics.serve(address).map_err(|source| Error::Listen {
            address: format!("{address} (--metrics)"),
            source,
        })?),
        None => None,
    };
    let stop = Arc::new(AtomicBool::new(false));
    let signals = watch_signals(stop.clone())?;
    let verdicts = match (&args.to_topic, &args.output) {
        (Some(topic), _) => format!("topic {topic}"),
        (None, Some(path)) => path.display().to_string(),
        (None, None) => "stdout".to_owned(),
    };
    eprintln!(
        "confirmspec consume: group {} on {}, topics {}; verdicts to {verdicts}{}{}",
        args.group,
        args.brokers,
        args.topics.join(", "),
        match &args.dead_letter_topic {
            Some(topic) => format!(", dead letters to topic {topic}"),
            None => String::new(),
        },
        match &server {
            Some(server) => format!("; metrics on http://{}/metrics", server.address()),
            None => String::new(),
        },
    );
    let started = Instant::now();
    let every = Duration::from_secs(args.summary_every);
    let mut last = Instant::now();
    let result = kafka::consume(&validator, &config, out, metrics, &stop, |totals| {
        if !every.is_zero() && last.elapsed() >= every {
            last = Instant::now();
            eprintln!(
                "confirmspec consume: {}",
                summary(totals, started.elapsed())
            );
        }
    });
    // The signal thread ends with the process.
    drop(signals);
    drop(server);
    let totals = result?;
    eprintln!(
        "confirmspec consume stopped: {}",
        summary(&totals, started.elapsed())
    );
    Ok(Outcome::Conforming)
}

fn summary(totals: &Totals, elapsed: Duration) -> String {
    let exchanges = &totals.exchanges;
    let rate = totals.records as f64 / elapsed.as_secs_f64().max(0.001);
    format!(
        "{} ({rate:.0}/s), {}: {} conforming, {} violating, {} unmatched, {} unreadable; {}; {} written, {}",
        counted(totals.records, "record"),
        counted(exchanges.exchanges as u64, "exchange"),
        exchanges.conforming,
        exchanges.violating,
        exchanges.unmatched,
        exchanges.unreadable,
        counted(totals.bad_records, "bad record"),
        counted(totals.written, "verdict"),
        counted(totals.commits, "commit"),
    )
}

/// `1 record`, `2 records`.
fn counted(n: u64, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// Sets `stop` on SIGTERM or Ctrl-C, from a thread of its own (the consumer is a blocking
/// loop). The handlers are in place when this returns.
fn watch_signals(stop: Arc<AtomicBool>) -> Result<std::thread::JoinHandle<()>, Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let signal = {
        let _entered = runtime.enter();
        stop_signal().map_err(Error::process("handle SIGTERM and Ctrl-C"))?
    };
    Ok(std::thread::Builder::new()
        .name("confirmspec-signals".into())
        .spawn(move || {
            runtime.block_on(signal);
            stop.store(true, Ordering::Relaxed);
        })?)
}
