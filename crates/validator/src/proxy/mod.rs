//! A validating reverse proxy (`confirmspec proxy`): every request goes to the upstream of the
//! spec whose operation it matches, every response comes back as the upstream sent it, and
//! both are validated off the response path, on a thread of their own, into a JSON Lines
//! report.
//!
//! - The request body is read whole (up to [`Config::max_body`]) before it is forwarded: the
//!   bodies of these APIs are small, and `enforce` needs the whole request to judge it. The
//!   response body is streamed to the client as it arrives, a copy kept for validation.
//! - Hop-by-hop headers (RFC 9110, 7.6.1) are not forwarded; `Host` names the upstream.
//!   Everything else of the status, headers and body reaches the client unchanged.
//! - A request that matches no operation goes to the first upstream, and is reported.
//! - An upstream that refuses the connection or fails before its response head is a `502`,
//!   one that does not answer in time a `504`, each with an `application/problem+json` body.
//!   One that breaks off in the middle of its body cannot be answered otherwise (the head has
//!   gone to the client): the client's body is cut short too, and the report says so.
//! - A client has `header_timeout` for its request head (at most `max_head` bytes and
//!   `max_headers` headers, then `431`) and `body_timeout` for its body (then `408`).

mod forward;
mod http;
mod listen;
mod outbox;
mod tee;
mod upstream;

use std::future::Future;
use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

use hyper::Uri;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;

use crate::tally::Summary;
use crate::validate::Validator;
use forward::{Detached, handle};
pub use listen::listeners;
pub use outbox::Tap;
use outbox::{Backlog, Event, Reporter, write_report};
use upstream::{Connector, Held};

/// How the proxy forwards.
#[derive(Debug, Clone)]
pub struct Config {
    /// Each spec's upstream: a spec name, and the base URL its requests go to
    /// (`http://127.0.0.1:9000`, `https://api.invoicebox.ru`). The first also takes the
    /// requests that match no operation.
    pub upstreams: Vec<(String, Uri)>,
    /// Answer a request that violates its spec with `422`, without forwarding it.
    pub enforce: bool,
    /// The largest body read: a larger request is answered `413`; a larger response is
    /// forwarded whole but not validated (a warning says so).
    pub max_body: usize,
    /// How long the upstream may take to send its response head.
    pub upstream_timeout: Duration,
    /// How long an upstream connection no client connection uses is kept open for the next
    /// one (then closed).
    pub upstream_idle_timeout: Duration,
    /// How long a client may take to send its request head.
    pub header_timeout: Duration,
    /// The most bytes of header names and values a request may carry, at least 8 KiB (hyper's
    /// read buffer for a request head is this size too); more is answered `431`.
    pub max_head: usize,
    /// The most headers a request may carry (then `431`).
    pub max_headers: usize,
    /// How long a client may take to send its request body, once its head is in (then 408).
    pub body_timeout: Duration,
    /// Certificate authorities trusted for HTTPS upstreams besides the platform's own (a
    /// staging sandbox behind a company CA, say).
    pub upstream_roots: Vec<rustls::pki_types::CertificateDer<'static>>,
    /// The most bytes of bodies waiting for the report thread. An exchange that would go over
    /// it is forwarded and reported all the same, without its bodies, which are then not
    /// checked (an `unrecorded` warning, [`Unrecorded::Shed`](crate::Unrecorded::Shed)): validation never holds up the
    /// traffic, and when it falls behind, the proxy's memory stays bounded.
    pub max_backlog: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            upstreams: Vec::new(),
            enforce: false,
            max_body: 16 << 20,
            upstream_timeout: Duration::from_secs(30),
            // As long as hyper-util's pool keeps them.
            upstream_idle_timeout: Duration::from_secs(90),
            header_timeout: Duration::from_secs(30),
            max_head: 64 << 10,
            max_headers: 100,
            body_timeout: Duration::from_secs(30),
            upstream_roots: Vec::new(),
            max_backlog: 256 << 20,
        }
    }
}

/// The smallest [`Config::max_head`]: hyper's read buffer is never smaller.
pub const MIN_HEAD: usize = 8 << 10;

struct Inner {
    validator: Validator,
    config: Config,
    events: mpsc::Sender<Event>,
    next_id: AtomicU64,
    /// The exchanges finishing on tasks of their own ([`Detachable`]).
    detached: Arc<Detached>,
    backlog: Arc<Backlog>,
}

impl Inner {
    fn reporter(self: &Arc<Self>) -> Reporter {
        Reporter {
            inner: self.clone(),
            id: self.next_id.fetch_add(1, Ordering::Relaxed),
            time: SystemTime::now(),
        }
    }
}

/// Serves `listener` until `shutdown` completes, then finishes the exchanges in flight, writes
/// their report lines, and returns the counts: [`Proxy::start`], [`Proxy::serve`] and
/// [`Proxy::finish`] in one call, on the caller's runtime.
///
/// Each line of `report` is one exchange, as `validate --format jsonl` writes it, with its
/// `time` and `id`. With `record`, every exchange is also written there as a HAR 1.2 entry,
/// its credentials and `format: password` values redacted ([`Validator::redacted`]); the HAR
/// document is closed when the proxy stops, so `confirmspec validate` reads it back.
pub async fn serve(
    listener: TcpListener,
    validator: Validator,
    config: Config,
    report: impl Write + Send + 'static,
    record: Option<Box<dyn Write + Send>>,
    shutdown: impl Future<Output = ()>,
) -> io::Result<Summary> {
    let proxy = Proxy::start(validator, config, report, record)?;
    proxy.serve(listener, shutdown).await;
    // Off the runtime's threads: the connections' tasks still let go of the proxy's state on
    // them, which the report thread waits for.
    tokio::task::spawn_blocking(move || proxy.finish())
        .await
        .map_err(io::Error::other)?
}

/// A proxy's state shared by the listeners that serve it: its specs, its configuration and its
/// report thread, which validates every exchange and writes its report line (and its HAR entry
/// with a recording).
///
/// A listener is served on the runtime [`Proxy::serve`] is awaited on, and several can be
/// served at once, each on a runtime of its own: `confirmspec proxy` runs a single-threaded
/// runtime on each of its threads, each with its own listening socket. (Tokio's multi-threaded
/// runtime hands tasks between its threads, which cost plain forwarding with hyper about a
/// fifth of its throughput on two cores.)
pub struct Proxy {
    inner: Arc<Inner>,
    tls: rustls::ClientConfig,
    worker: std::thread::JoinHandle<io::Result<Summary>>,
}

impl Proxy {
    /// Starts the report thread, which writes each exchange's line to `report` (and its HAR
    /// entry to `record`) until [`Proxy::finish`]. Fails when `config` names no upstream, or
    /// the platform's certificate verifier cannot be set up.
    pub fn start(
        validator: Validator,
        config: Config,
        report: impl Write + Send + 'static,
        record: Option<Box<dyn Write + Send>>,
    ) -> io::Result<Proxy> {
        Self::start_tapped(validator, config, report, record, None)
    }

    /// [`Proxy::start`], with `tap` called on the report thread with every exchange, redacted
    /// as the recording's are and its URL made absolute: off the response path, so a slow tap
    /// slows the report, never the traffic.
    pub fn start_tapped(
        validator: Validator,
        config: Config,
        report: impl Write + Send + 'static,
        record: Option<Box<dyn Write + Send>>,
        tap: Option<Tap>,
    ) -> io::Result<Proxy> {
        if config.upstreams.is_empty() {
            return Err(io::Error::other("no upstream"));
        }
        let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let verifier = rustls_platform_verifier::Verifier::new_with_extra_roots(
            config.upstream_roots.iter().cloned(),
            provider.clone(),
        )
        .map_err(io::Error::other)?;
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(io::Error::other)?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier))
            .with_no_client_auth();
        let (events, received) = mpsc::channel();
        let backlog = Arc::new(Backlog {
            bytes: AtomicUsize::new(0),
            limit: config.max_backlog,
        });
        let worker_validator = validator.clone();
        let worker_backlog = backlog.clone();
        let worker = std::thread::Builder::new()
            .name("confirmspec-report".into())
            .spawn(move || {
                write_report(
                    &worker_validator,
                    received,
                    &worker_backlog,
                    report,
                    record,
                    tap,
                )
            })?;
        Ok(Proxy {
            inner: Arc::new(Inner {
                validator,
                config,
                events,
                next_id: AtomicU64::new(0),
                detached: Arc::default(),
                backlog,
            }),
            tls,
            worker,
        })
    }

    /// Serves `listener` until `shutdown` completes, then stops accepting and returns once the
    /// exchanges in flight on its connections are done (their lines are queued for the report
    /// thread). The upstream connections opened here are kept for this listener's clients, on
    /// this runtime.
    pub async fn serve(&self, listener: TcpListener, shutdown: impl Future<Output = ()>) {
        let inner = &self.inner;
        let connector = Arc::new(Connector::new(
            self.tls.clone(),
            inner.config.upstreams.len(),
            inner.config.upstream_idle_timeout,
        ));
        let expiry = tokio::spawn({
            let connector = connector.clone();
            // (An interval of zero would panic; a timeout of zero keeps nothing anyway.)
            let period = (inner.config.upstream_idle_timeout / 2).max(Duration::from_millis(10));
            let mut every = tokio::time::interval(period);
            async move {
                loop {
                    every.tick().await;
                    connector.expire();
                }
            }
        });
        let graceful = hyper_util::server::graceful::GracefulShutdown::new();
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            tokio::select! {
                accepted = listener.accept() => {
                    let Ok((stream, _)) = accepted else { continue };
                    // Answers go out as soon as they are written, not after the client's ack of
                    // the previous segment (Nagle's algorithm), as nginx's `tcp_nodelay` does.
                    let _ = stream.set_nodelay(true);
                    let inner_for_conn = inner.clone();
                    let held = Arc::new(Held::new(connector.clone()));
                    let service = hyper::service::service_fn(move |request| {
                        handle(inner_for_conn.clone(), held.clone(), request)
                    });
                    let mut builder = hyper::server::conn::http1::Builder::new();
                    builder
                        .timer(TokioTimer::new())
                        .header_read_timeout(inner.config.header_timeout)
                        // A client that shuts its side once its request is sent still gets the
                        // answer.
                        .half_close(true)
                        .max_buf_size(inner.config.max_head.max(MIN_HEAD));
                    // hyper keeps up to 100 headers on the stack; another limit moves them to
                    // the heap, a cost paid only when asked for.
                    if inner.config.max_headers != 100 {
                        builder.max_headers(inner.config.max_headers);
                    }
                    let connection = builder.serve_connection(TokioIo::new(stream), service);
                    let connection = graceful.watch(connection);
                    let inner_for_errors = inner.clone();
                    tokio::spawn(async move {
                        // A request hyper could not parse was answered (400, or 431 over the
                        // limits) and is reported. A client that breaks off its connection, or
                        // keeps it idle past `header_timeout`, sent no request to report.
                        if let Err(error) = connection.await
                            && (error.is_parse() || error.is_parse_too_large())
                        {
                            let config = &inner_for_errors.config;
                            let problem = if error.is_parse_too_large() {
                                format!(
                                    "the request head is over the limits ({} bytes, {} headers); answered 431",
                                    config.max_head.max(MIN_HEAD),
                                    config.max_headers
                                )
                            } else {
                                format!("the request could not be parsed: {error}; answered 400")
                            };
                            inner_for_errors.reporter().unreadable(problem);
                        }
                    });
                }
                () = &mut shutdown => break,
            }
        }
        drop(listener);
        graceful.shutdown().await;
        // An exchange its connection let go of finishes on a task of its own, which a runtime
        // dropped once this returns would cancel.
        inner.detached.wait().await;
        expiry.abort();
    }

    /// Waits for the report thread to validate and write every exchange the listeners served,
    /// closes the report and the recording, and returns the counts. Call it once every
    /// [`Proxy::serve`] has returned: the thread ends when the last exchange is in. It blocks
    /// the calling thread meanwhile.
    pub fn finish(self) -> io::Result<Summary> {
        drop(self.inner);
        self.worker
            .join()
            .map_err(|_| io::Error::other("the report thread panicked"))?
    }
}
