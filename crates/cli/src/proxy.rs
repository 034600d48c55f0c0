//! `confirmspec proxy`: the validating reverse proxy, a single-threaded runtime per thread.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use crate::error::Error;
use crate::io::{create, stop_signal};
use crate::options::{SpecArgs, parse_size, property};
use crate::outcome::Outcome;
use crate::suggest::unknown;

#[derive(Args)]
pub(super) struct ProxyArgs {
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
    /// Also put each exchange, redacted as recordings are, on a Kafka topic (as BROKERS/TOPIC,
    /// `127.0.0.1:9092/exchanges`), for `confirmspec consume`. Publishing never holds up the
    /// traffic: with the brokers away, exchanges are counted as not published.
    #[arg(long, value_name = "BROKERS/TOPIC")]
    publish_to: Option<String>,
    /// A librdkafka property for the publisher (`-X security.protocol=SSL`); repeat for several.
    #[arg(short = 'X', value_name = "KEY=VALUE", value_parser = property,
          requires = "publish_to")]
    properties: Vec<(String, String)>,
}

/// A duration of `value` seconds; timeouts below a millisecond are a millisecond.
pub(super) fn seconds(value: f64) -> std::time::Duration {
    std::time::Duration::try_from_secs_f64(value.max(0.001)).unwrap_or(std::time::Duration::MAX)
}

/// The certificates of a PEM file (`--upstream-ca`).
pub(super) fn certificates(
    path: &std::path::Path,
) -> Result<Vec<rustls::pki_types::CertificateDer<'static>>, Error> {
    use rustls::pki_types::pem::PemObject as _;
    let option = |source: Box<dyn std::error::Error + Send + Sync>| Error::Option {
        option: "--upstream-ca",
        value: path.display().to_string(),
        source,
    };
    let pem = std::fs::read(path).map_err(|e| option(e.into()))?;
    let certificates = rustls::pki_types::CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| option(e.into()))?;
    if certificates.is_empty() {
        return Err(Error::Usage(format!(
            "--upstream-ca {}: no certificate in it (a PEM file of `BEGIN CERTIFICATE` blocks)",
            path.display()
        )));
    }
    Ok(certificates)
}

pub(super) fn run(args: ProxyArgs) -> Result<Outcome, Error> {
    let validator = args.spec.validator()?;
    let mut upstreams = Vec::new();
    for pair in &args.upstreams {
        let (spec, url) = pair
            .split_once('=')
            .ok_or_else(|| Error::Usage(format!("--upstream {pair}: give SPEC=URL")))?;
        if !validator.spec_names().any(|name| name == spec) {
            let known: Vec<&str> = validator.spec_names().collect();
            return Err(Error::Usage(format!(
                "--upstream {pair}: {}",
                unknown("spec", spec, &known, "")
            )));
        }
        let uri: http::Uri = url
            .parse()
            .map_err(|e: http::uri::InvalidUri| Error::Option {
                option: "--upstream",
                value: pair.clone(),
                source: e.into(),
            })?;
        if uri.authority().is_none() {
            return Err(Error::Usage(format!(
                "--upstream {pair}: the URL needs a scheme and a host"
            )));
        }
        upstreams.push((spec.to_owned(), uri));
    }
    let config = confirmspec_validator::proxy::Config {
        upstreams,
        enforce: args.enforce,
        max_body: usize::try_from(args.spec.body.max_body).unwrap_or(usize::MAX),
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
        ..confirmspec_validator::proxy::Config::default()
    };
    if config.max_head < confirmspec_validator::proxy::MIN_HEAD {
        return Err(Error::Usage(format!(
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
    let listeners =
        confirmspec_validator::proxy::listeners(args.listen, threads).map_err(|source| {
            Error::Listen {
                address: args.listen.to_string(),
                source,
            }
        })?;
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
            tokio::net::TcpListener::from_std(listener).map_err(|source| Error::Listen {
                address: address.to_string(),
                source,
            })?
        };
        runtimes.push((runtime, listener));
    }
    let stop = {
        let _entered = runtimes[0].0.enter();
        stop_signal().map_err(Error::process("handle SIGTERM and Ctrl-C"))?
    };
    let publisher = match &args.publish_to {
        Some(target) => {
            let (brokers, topic) = target
                .rsplit_once('/')
                .filter(|(brokers, topic)| !brokers.is_empty() && !topic.is_empty())
                .ok_or_else(|| {
                    Error::Usage(format!(
                        "--publish-to {target}: give BROKERS/TOPIC (127.0.0.1:9092/exchanges)"
                    ))
                })?;
            let publisher =
                confirmspec_validator::kafka::Publisher::new(brokers, topic, &args.properties)
                    .map_err(|e| Error::Option {
                        option: "--publish-to",
                        value: target.clone(),
                        source: e.into(),
                    })?;
            Some(std::sync::Arc::new(publisher))
        }
        None => None,
    };
    let tap = publisher.clone().map(|publisher| {
        Box::new(move |exchange: &confirmspec_validator::Exchange| publisher.publish(exchange))
            as confirmspec_validator::proxy::Tap
    });
    let proxy =
        confirmspec_validator::proxy::Proxy::start_tapped(validator, config, report, record, tap)?;
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
                return Err(Error::process("start a proxy thread")(e));
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
    // The report thread is done: the tap, and its hold on the publisher, are gone.
    let published = publisher
        .and_then(std::sync::Arc::into_inner)
        .map(|publisher| publisher.finish(std::time::Duration::from_secs(5)));
    eprintln!(
        "confirmspec proxy stopped: {} exchanges, {} conforming, {} violating, {} unmatched{}",
        summary.exchanges,
        summary.conforming,
        summary.violating,
        summary.unmatched,
        match published {
            Some(p) => format!(
                "; {} published, {} not published",
                p.published, p.not_published
            ),
            None => String::new(),
        }
    );
    Ok(Outcome::Conforming)
}
