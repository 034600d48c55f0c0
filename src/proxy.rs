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

use std::convert::Infallible;
use std::future::Future;
use std::io::{self, Write};
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};

use bytes::{Bytes, BytesMut};
use http_body::{Body, Frame, SizeHint};
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{self, HeaderMap, HeaderName, HeaderValue};
use hyper::http::uri::PathAndQuery;
use hyper::{Request, Response, StatusCode, Uri};
use hyper_util::rt::{TokioIo, TokioTimer};
use serde::Serialize;
use serde_json::json;
use tokio::net::TcpListener;

use crate::report::{ExchangeResult, Summary};
use crate::traffic::ReadError;
use crate::validate::{
    self, Exchange, Report, Severity, Unrecorded, Validator, Verdict, Violation,
};

mod upstream;

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
    /// checked (an `unrecorded` warning, [`Unrecorded::Shed`]): validation never holds up the
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

type ProxyBody = BoxBody<Bytes, hyper::Error>;

/// The smallest [`Config::max_head`]: hyper's read buffer is never smaller.
pub const MIN_HEAD: usize = 8 << 10;

/// One exchange done, for the report thread.
struct Event {
    id: u64,
    time: SystemTime,
    /// The exchange, or why the request could not be read.
    exchange: Result<Exchange, ReadError>,
    /// What went wrong on the way, when something did (an upstream fault, a client gone).
    fault: Option<String>,
    /// The request was refused by `enforce`: the report it was refused for, made before its
    /// body could be shed, which the report thread then need not make again.
    refused: Option<Report>,
}

/// The bytes of bodies sent to the report thread and not yet validated: each exchange's
/// [`body_bytes`], counted when it is sent and let go once it is validated.
struct Backlog {
    bytes: AtomicUsize,
    limit: usize,
}

impl Backlog {
    /// Counts `size` more bytes, unless that would go over the limit.
    fn reserve(&self, size: usize) -> bool {
        let before = self.bytes.fetch_add(size, Ordering::Relaxed);
        if before.saturating_add(size) > self.limit {
            self.bytes.fetch_sub(size, Ordering::Relaxed);
            return false;
        }
        true
    }

    fn release(&self, size: usize) {
        self.bytes.fetch_sub(size, Ordering::Relaxed);
    }
}

/// The bytes of an exchange's bodies, as kept: what it holds of the [`Backlog`].
fn body_bytes(exchange: &Exchange) -> usize {
    let response = exchange.response.as_ref().and_then(|r| r.body.as_ref());
    exchange.request.body.as_ref().map_or(0, Vec::len) + response.map_or(0, Vec::len)
}

/// Lets a body go unkept, and says why (nothing, when there is no body).
fn shed(body: &mut Option<Vec<u8>>, unrecorded: &mut Option<Unrecorded>) {
    if let Some(body) = body.take() {
        *unrecorded = Some(Unrecorded::Shed {
            size: body.len() as u64,
        });
    }
}

struct Inner {
    validator: Validator,
    config: Config,
    events: mpsc::Sender<Event>,
    next_id: AtomicU64,
    /// The exchanges finishing on tasks of their own ([`Detachable`]).
    detached: Arc<Detached>,
    backlog: Arc<Backlog>,
}

/// Hands one exchange to the report thread.
struct Reporter {
    inner: Arc<Inner>,
    id: u64,
    time: SystemTime,
}

impl Reporter {
    fn send(&self, mut exchange: Exchange, fault: Option<String>, refused: Option<Report>) {
        let size = body_bytes(&exchange);
        if size > 0 && !self.inner.backlog.reserve(size) {
            let request = &mut exchange.request;
            shed(&mut request.body, &mut request.unrecorded);
            if let Some(response) = &mut exchange.response {
                shed(&mut response.body, &mut response.unrecorded);
            }
        }
        self.event(Ok(exchange), fault, refused);
    }

    /// Reports a request answered without being read whole (`408`, `413`, `400`, `431`).
    fn unreadable(&self, problem: String) {
        let error = ReadError {
            source: "proxy".into(),
            index: Some(self.id as usize),
            offset: None,
            problem,
        };
        self.event(Err(error), None, None);
    }

    fn event(
        &self,
        exchange: Result<Exchange, ReadError>,
        fault: Option<String>,
        refused: Option<Report>,
    ) {
        // The report thread outlives every connection; a send fails only once it stopped.
        let _ = self.inner.events.send(Event {
            id: self.id,
            time: self.time,
            exchange,
            fault,
            refused,
        });
    }
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

/// A report line: when, which exchange, and its result as `validate --format jsonl` gives it.
#[derive(Serialize)]
struct Line<'a> {
    time: &'a str,
    id: u64,
    #[serde(flatten)]
    result: &'a ExchangeResult,
    #[serde(skip_serializing_if = "Option::is_none")]
    fault: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    refused: bool,
}

/// RFC 3339 times to the millisecond (`2026-11-23T10:11:12.345Z`), for a report line each: the
/// date and the time of day are written once a second, the milliseconds for each line.
#[derive(Default)]
struct Stamps {
    /// The second since the epoch `text` holds.
    second: Option<u64>,
    text: String,
}

impl Stamps {
    fn format(&mut self, time: SystemTime) -> &str {
        let since = time.duration_since(std::time::UNIX_EPOCH).ok();
        match since {
            Some(since) if self.second == Some(since.as_secs()) => {
                let millis = since.subsec_millis();
                // The three digits before the final `Z`.
                self.text.truncate(self.text.len() - 4);
                for digit in [millis / 100, millis / 10 % 10, millis % 10] {
                    self.text.push(char::from(b'0' + digit as u8));
                }
                self.text.push('Z');
            }
            _ => {
                self.text = humantime::format_rfc3339_millis(time).to_string();
                self.second = since.map(|s| s.as_secs());
            }
        }
        &self.text
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
                write_report(&worker_validator, received, &worker_backlog, report, record)
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

/// `count` sockets listening on `address`, for as many [`Proxy::serve`] calls on runtimes of
/// their own. On Unix each is a socket of its own bound with `SO_REUSEPORT`, and the kernel
/// spreads new connections over them; elsewhere there is one. A port of 0 is chosen with the
/// first, and the others take the same.
///
/// `SO_REUSEPORT` would also share the port with another process of the same user that
/// listens on it already: that is an error here (`AddrInUse`), as for a plain socket.
pub fn listeners(address: SocketAddr, count: usize) -> io::Result<Vec<std::net::TcpListener>> {
    fn bind(address: SocketAddr) -> io::Result<std::net::TcpListener> {
        use socket2::{Domain, Socket, Type};
        let socket = Socket::new(Domain::for_address(address), Type::STREAM, None)?;
        // As std's `TcpListener::bind` does: a restarted proxy can listen at once, while the
        // connections of the last one linger in TIME_WAIT.
        #[cfg(unix)]
        {
            socket.set_reuse_address(true)?;
            socket.set_reuse_port(true)?;
        }
        socket.set_nonblocking(true)?;
        socket.bind(&address.into())?;
        socket.listen(1024)?;
        Ok(socket.into())
    }
    // A socket bound without SO_REUSEPORT finds a listener that is there already.
    if address.port() != 0 {
        drop(std::net::TcpListener::bind(address)?);
    }
    let first = bind(address)?;
    let bound = first.local_addr()?;
    let mut listeners = vec![first];
    if cfg!(unix) {
        for _ in 1..count {
            listeners.push(bind(bound)?);
        }
    }
    Ok(listeners)
}

/// The report thread: validates each exchange and writes its line (and its HAR entry).
fn write_report(
    validator: &Validator,
    events: mpsc::Receiver<Event>,
    backlog: &Backlog,
    mut out: impl Write,
    mut record: Option<Box<dyn Write + Send>>,
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    let mut failed = None;
    let mut unflushed = false;
    let mut recorded = 0usize;
    let mut idle = 0u32;
    let mut text = Vec::with_capacity(1024);
    let mut stamps = Stamps::default();
    if let Some(record) = &mut record {
        let head = format!(
            "{{\"log\": {{\"version\": \"1.2\", \"creator\": {{\"name\": \"confirmspec proxy\", \"version\": \"{}\"}}, \"entries\": [\n",
            env!("CARGO_PKG_VERSION")
        );
        failed = record.write_all(head.as_bytes()).err();
    }
    loop {
        // Lines are flushed as soon as no other exchange waits: at once when traffic is
        // light, a buffer at a time under load.
        let event = match events.try_recv() {
            Ok(event) => event,
            Err(mpsc::TryRecvError::Empty) => {
                if unflushed && failed.is_none() {
                    failed = out.flush().err();
                    if let Some(record) = &mut record
                        && failed.is_none()
                    {
                        failed = record.flush().err();
                    }
                    unflushed = false;
                }
                // Polled while traffic flows: a receiver asleep in `recv` makes every send a
                // wake-up call (a futex), which under load costs the proxy more than this.
                // After a tenth of a second without traffic, it waits.
                idle += 1;
                if idle < 100 {
                    std::thread::sleep(Duration::from_millis(1));
                    continue;
                }
                match events.recv() {
                    Ok(event) => event,
                    Err(_) => break,
                }
            }
            Err(mpsc::TryRecvError::Disconnected) => break,
        };
        idle = 0;
        let Event {
            id,
            time,
            exchange,
            fault,
            refused,
        } = event;
        let time = stamps.format(time);
        if let Some(record) = &mut record
            && failed.is_none()
            && let Ok(exchange) = &exchange
        {
            let entry = har_entry(validator, exchange, time, fault.as_deref());
            let separator: &[u8] = if recorded == 0 { b"" } else { b",\n" };
            recorded += 1;
            failed = record
                .write_all(separator)
                .and_then(|()| serde_json::to_writer(&mut *record, &entry).map_err(io::Error::from))
                .err();
        }
        let held = exchange.as_ref().map_or(0, body_bytes);
        let is_refused = refused.is_some();
        let result = match (exchange, refused) {
            (Ok(exchange), Some(report)) => {
                ExchangeResult::checked(validator, "proxy", id as usize, &exchange, report)
            }
            (read, _) => ExchangeResult::new(validator, "proxy", id as usize, read),
        };
        backlog.release(held);
        summary.count(result.verdict);
        let line = Line {
            time,
            id,
            result: &result,
            fault: fault.as_deref(),
            refused: is_refused,
        };
        if failed.is_none() {
            // Serialized whole, then written at once: serde_json writes a piece at a time,
            // which through the file's buffer costs more than the line itself.
            text.clear();
            let written = serde_json::to_writer(&mut text, &line)
                .map_err(io::Error::from)
                .and_then(|()| {
                    text.push(b'\n');
                    out.write_all(&text)
                });
            failed = written.err();
            unflushed = true;
        }
    }
    if failed.is_none() {
        failed = out.flush().err();
    }
    if let Some(record) = &mut record
        && failed.is_none()
    {
        failed = record
            .write_all(b"\n]}}\n")
            .and_then(|()| record.flush())
            .err();
    }
    match failed {
        Some(e) => Err(e),
        None => Ok(summary),
    }
}

/// An exchange as a HAR entry, redacted; its URL made absolute with the request's `Host`; its
/// start `started` (RFC 3339).
fn har_entry(
    validator: &Validator,
    exchange: &Exchange,
    started: &str,
    fault: Option<&str>,
) -> serde_json::Value {
    use base64::Engine as _;
    let exchange = validator.redacted(exchange);
    let body = |record: &mut serde_json::Value, body: &Option<Vec<u8>>| {
        if let Some(bytes) = body {
            match std::str::from_utf8(bytes) {
                Ok(text) => record["body_text"] = json!(text),
                Err(_) => {
                    record["body_base64"] =
                        json!(base64::engine::general_purpose::STANDARD.encode(bytes))
                }
            }
        }
    };
    fn pairs(headers: &[(String, String)]) -> serde_json::Value {
        headers.iter().map(|(n, v)| json!([n, v])).collect()
    }
    let request = &exchange.request;
    let host = request
        .headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("host"))
        .map_or("localhost", |(_, v)| v.as_str());
    let mut record_request = json!({
        "method": request.method,
        "url": format!("http://{host}{}", request.url),
        "headers": pairs(&request.headers),
    });
    body(&mut record_request, &request.body);
    let mut record_response = json!({"status": 0, "headers": []});
    let mut size = None;
    if let Some(response) = &exchange.response {
        record_response = json!({"status": response.status, "headers": pairs(&response.headers)});
        body(&mut record_response, &response.body);
        if let Some(Unrecorded::Truncated { size: whole, .. } | Unrecorded::Shed { size: whole }) =
            response.unrecorded
        {
            size = Some(whole);
        }
    }
    let mut entry = crate::synth::har_entry(
        &json!({"request": record_request, "response": record_response}),
        started,
    );
    if let Some(size) = size {
        entry["response"]["content"]["size"] = json!(size);
    }
    if let Some(Unrecorded::Shed { size }) = request.unrecorded {
        entry["request"]["bodySize"] = json!(size);
    }
    if let Some(fault) = fault {
        entry["comment"] = json!(fault);
    }
    entry
}

/// The headers a proxy does not forward (RFC 9110, 7.6.1), besides those `Connection` names.
const HOP_BY_HOP: [&str; 9] = [
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "proxy-connection",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

fn strip_hop_by_hop(headers: &mut HeaderMap) {
    // Most messages carry none (HTTP/1.1 keeps connections alive without saying so): one look
    // at each name is cheaper than a removal by each hop-by-hop name.
    if !headers
        .keys()
        .any(|name| HOP_BY_HOP.contains(&name.as_str()))
    {
        return;
    }
    let named: Vec<HeaderName> = headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|name| HeaderName::from_bytes(name.trim().as_bytes()).ok())
        .collect();
    for name in named {
        headers.remove(name);
    }
    for name in HOP_BY_HOP {
        headers.remove(name);
    }
}

/// An `application/problem+json` answer (RFC 9457).
fn problem(status: StatusCode, detail: String, violations: &[&Violation]) -> Response<ProxyBody> {
    let mut body = json!({
        "type": "about:blank",
        "title": status.canonical_reason().unwrap_or("Error"),
        "status": status.as_u16(),
        "detail": detail,
    });
    if !violations.is_empty() {
        body["violations"] = json!(violations);
    }
    let bytes = Bytes::from(serde_json::to_vec(&body).expect("JSON serialises"));
    let mut response = Response::new(
        Full::new(bytes)
            .map_err(|never: Infallible| match never {})
            .boxed(),
    );
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response
}

/// The path and query `target` (`/path?query`) has on the upstream at `base`: `base`'s own
/// path, if it has one, then `target`.
fn upstream_target(base: &Uri, target: Option<&PathAndQuery>) -> Result<PathAndQuery, String> {
    let target = target
        .cloned()
        .unwrap_or_else(|| PathAndQuery::from_static("/"));
    let prefix = base.path().trim_end_matches('/');
    if prefix.is_empty() {
        return Ok(target);
    }
    format!("{prefix}{target}")
        .parse()
        .map_err(|e| format!("{e}"))
}

async fn handle(
    inner: Arc<Inner>,
    held: Arc<Held>,
    request: Request<Incoming>,
) -> Result<Response<ProxyBody>, Infallible> {
    let send = inner.reporter();
    let (parts, body) = request.into_parts();
    // hyper refuses a head that does not fit its buffer, but one that arrives in a single read
    // can be larger: the limit is checked here too, as the validator counts it.
    let head: usize = parts
        .headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len())
        .sum();
    let max_head = inner.config.max_head.max(MIN_HEAD);
    if head > max_head || parts.headers.len() > inner.config.max_headers {
        let detail = format!(
            "the request carries {} headers of {head} bytes, over the limits of {} headers and {max_head} bytes",
            parts.headers.len(),
            inner.config.max_headers
        );
        send.unreadable(format!(
            "{} {}: {detail}; answered 431",
            parts.method,
            parts.uri.path()
        ));
        return Ok(problem(
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            detail,
            &[],
        ));
    }
    let target = parts
        .uri
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_owned();
    let collected = tokio::time::timeout(
        inner.config.body_timeout,
        Limited::new(body, inner.config.max_body).collect(),
    )
    .await;
    let body = match collected {
        Err(_) => {
            let detail = format!(
                "the request body did not arrive within {} s",
                inner.config.body_timeout.as_secs_f64()
            );
            send.unreadable(format!(
                "{} {}: {detail}; answered 408",
                parts.method,
                parts.uri.path()
            ));
            return Ok(problem(StatusCode::REQUEST_TIMEOUT, detail, &[]));
        }
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(error)) => {
            let (status, detail) = if error.is::<http_body_util::LengthLimitError>() {
                (
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!(
                        "the request body is larger than {} bytes",
                        inner.config.max_body
                    ),
                )
            } else {
                (
                    StatusCode::BAD_REQUEST,
                    format!("the request body could not be read: {error}"),
                )
            };
            // The path, not the query: a query may carry a credential.
            send.unreadable(format!(
                "{} {}: {detail}; answered {}",
                parts.method,
                parts.uri.path(),
                status.as_u16()
            ));
            return Ok(problem(status, detail, &[]));
        }
    };
    let request = validate::Request {
        method: parts.method.as_str().to_owned(),
        url: target.clone(),
        headers: crate::validate::header_pairs(&parts.headers),
        body: (!body.is_empty()).then(|| body.to_vec()),
        unrecorded: None,
    };
    if inner.config.enforce {
        let exchange = Exchange {
            request,
            response: None,
        };
        let report = inner.validator.validate(&exchange);
        let errors: Vec<&Violation> = report
            .violations
            .iter()
            .filter(|v| v.severity == Severity::Error)
            .collect();
        if report.verdict == Verdict::Violating && !errors.is_empty() {
            let response = problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!(
                    "the request breaks {} rule{} of `{}`; it was not forwarded",
                    errors.len(),
                    if errors.len() == 1 { "" } else { "s" },
                    report.operation.as_deref().unwrap_or("its operation"),
                ),
                &errors,
            );
            send.send(exchange, None, Some(report));
            return Ok(response);
        }
        return forward(inner, held, parts, body, exchange.request, send).await;
    }
    forward(inner, held, parts, body, request, send).await
}

/// Forwards a request read whole. The exchange runs in the connection's own task; should
/// that drop it before it ends, it finishes on a task of its own ([`Detachable`]), so an
/// exchange sent upstream is always completed and reported.
async fn forward(
    inner: Arc<Inner>,
    held: Arc<Held>,
    parts: hyper::http::request::Parts,
    body: Bytes,
    request: validate::Request,
    send: Reporter,
) -> Result<Response<ProxyBody>, Infallible> {
    let detached = inner.detached.clone();
    Ok(Detachable::new(exchange(inner, held, parts, body, request, send), detached).await)
}

/// A future polled where it is awaited, and finished on a task of its own if it is dropped
/// before it completes. (hyper, with half-closed connections allowed, does not drop a request
/// whose client went away; this does not rely on it. A task spawned for every exchange
/// instead cost 6% of the proxy's instructions.)
struct Detachable<T: Send + 'static> {
    future: Option<Pin<Box<dyn Future<Output = T> + Send>>>,
    detached: Arc<Detached>,
}

impl<T: Send + 'static> Detachable<T> {
    fn new(future: impl Future<Output = T> + Send + 'static, detached: Arc<Detached>) -> Self {
        Detachable {
            future: Some(Box::pin(future)),
            detached,
        }
    }
}

impl<T: Send + 'static> Future for Detachable<T> {
    type Output = T;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let Some(future) = self.future.as_mut() else {
            panic!("a Detachable polled after it completed");
        };
        let output = std::task::ready!(future.as_mut().poll(cx));
        self.future = None;
        Poll::Ready(output)
    }
}

impl<T: Send + 'static> Drop for Detachable<T> {
    fn drop(&mut self) {
        // Without a runtime (it is going away) there is nowhere to finish it.
        if let Some(future) = self.future.take()
            && let Ok(runtime) = tokio::runtime::Handle::try_current()
        {
            let detached = self.detached.clone();
            detached.running.fetch_add(1, Ordering::AcqRel);
            runtime.spawn(async move {
                drop(future.await);
                if detached.running.fetch_sub(1, Ordering::AcqRel) == 1 {
                    detached.done.notify_waiters();
                }
            });
        }
    }
}

/// Counts the [`Detachable`] futures finishing on tasks of their own.
#[derive(Default)]
struct Detached {
    running: AtomicUsize,
    done: tokio::sync::Notify,
}

impl Detached {
    /// Returns once none is running.
    async fn wait(&self) {
        loop {
            // Made before the count is read, it hears of a task that ends in between.
            let done = self.done.notified();
            if self.running.load(Ordering::Acquire) == 0 {
                return;
            }
            done.await;
        }
    }
}

async fn exchange(
    inner: Arc<Inner>,
    held: Arc<Held>,
    parts: hyper::http::request::Parts,
    body: Bytes,
    request: validate::Request,
    send: Reporter,
) -> Response<ProxyBody> {
    let spec = inner.validator.spec_of(&request.method, &request.url);
    let upstreams = &inner.config.upstreams;
    let index = spec
        .and_then(|spec| upstreams.iter().position(|(name, _)| name == spec))
        .unwrap_or(0);
    let base = &upstreams[index].1;
    let fail = |status: StatusCode, detail: String, request: validate::Request| {
        let response = problem(status, detail.clone(), &[]);
        send.send(
            Exchange {
                request,
                response: None,
            },
            Some(detail),
            None,
        );
        response
    };
    let target = match upstream_target(base, parts.uri.path_and_query()) {
        Ok(target) => target,
        Err(e) => return fail(StatusCode::BAD_GATEWAY, e, request),
    };
    let mut headers = parts.headers;
    strip_hop_by_hop(&mut headers);
    if let Some(authority) = base.authority()
        && let Ok(host) = HeaderValue::from_str(authority.as_str())
    {
        headers.insert(header::HOST, host);
    }
    let mut upstream_request = Request::new(Full::new(body));
    *upstream_request.method_mut() = parts.method;
    *upstream_request.uri_mut() = Uri::from(target);
    *upstream_request.headers_mut() = headers;

    let answer = tokio::time::timeout(
        inner.config.upstream_timeout,
        held.send(index, base, upstream_request),
    )
    .await;
    let upstream = base.authority().map_or("the upstream", |a| a.as_str());
    let response = match answer {
        Err(_) => {
            return fail(
                StatusCode::GATEWAY_TIMEOUT,
                format!(
                    "{upstream} did not answer within {} s",
                    inner.config.upstream_timeout.as_secs_f64()
                ),
                request,
            );
        }
        Ok(Err(error)) => {
            let cause = error.source().map(|s| format!(": {s}")).unwrap_or_default();
            return fail(
                StatusCode::BAD_GATEWAY,
                format!("{upstream} failed before answering: {error}{cause}"),
                request,
            );
        }
        Ok(Ok(response)) => response,
    };
    let (mut parts, body) = response.into_parts();
    strip_hop_by_hop(&mut parts.headers);
    let tee = Tee {
        body,
        copy: BytesMut::new(),
        size: 0,
        limit: inner.config.max_body,
        pending: Some(Pending {
            request,
            status: parts.status.as_u16(),
            headers: crate::validate::header_pairs(&parts.headers),
            send,
        }),
    };
    Response::from_parts(parts, tee.boxed())
}

/// What a response body completes.
struct Pending {
    request: validate::Request,
    status: u16,
    headers: Vec<(String, String)>,
    send: Reporter,
}

/// The upstream's response body on its way to the client, a copy kept for validation.
struct Tee {
    body: Incoming,
    copy: BytesMut,
    /// Bytes seen, kept or not.
    size: u64,
    limit: usize,
    pending: Option<Pending>,
}

impl Tee {
    fn finish(&mut self, fault: Option<String>) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        let kept = self.copy.len() as u64;
        let unrecorded = (kept < self.size).then_some(Unrecorded::Truncated {
            recorded: kept,
            size: self.size,
        });
        let body = (kept > 0 && unrecorded.is_none()).then(|| self.copy.to_vec());
        pending.send.send(
            Exchange {
                request: pending.request,
                response: Some(validate::Response {
                    status: pending.status,
                    headers: pending.headers,
                    body,
                    unrecorded,
                }),
            },
            fault,
            None,
        );
    }
}

impl Body for Tee {
    type Data = Bytes;
    type Error = hyper::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, hyper::Error>>> {
        let this = self.get_mut();
        match Pin::new(&mut this.body).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    this.size += data.len() as u64;
                    if this.copy.len() + data.len() <= this.limit {
                        this.copy.extend_from_slice(data);
                    }
                }
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Ready(Some(Err(error))) => {
                this.finish(Some(format!("the upstream's body broke off: {error}")));
                Poll::Ready(Some(Err(error)))
            }
            Poll::Ready(None) => {
                this.finish(None);
                Poll::Ready(None)
            }
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

impl Drop for Tee {
    fn drop(&mut self) {
        if self.body.is_end_stream() {
            self.finish(None);
        } else {
            self.finish(Some("the client went away before the body ended".into()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_upstream_target_keeps_the_base_prefix_and_the_target() {
        let target: PathAndQuery = "/campaigns/1/orders/2/verifyEac?x=1".parse().unwrap();
        for (base, expected) in [
            (
                "http://127.0.0.1:9100",
                "/campaigns/1/orders/2/verifyEac?x=1",
            ),
            (
                "https://sandbox.example/api/v2/",
                "/api/v2/campaigns/1/orders/2/verifyEac?x=1",
            ),
        ] {
            let path = upstream_target(&base.parse().unwrap(), Some(&target)).unwrap();
            assert_eq!(path.as_str(), expected);
        }
        let root = upstream_target(&"http://h".parse().unwrap(), None).unwrap();
        assert_eq!(root.as_str(), "/");
    }

    #[tokio::test]
    async fn a_detachable_future_dropped_part_way_finishes_on_its_own_task() {
        let detached = Arc::new(Detached::default());
        let (done, mut finished) = tokio::sync::oneshot::channel();
        let mut future = Detachable::new(
            async move {
                tokio::time::sleep(Duration::from_millis(50)).await;
                done.send(()).unwrap();
            },
            detached.clone(),
        );
        let waker = std::task::Waker::noop();
        let pending = Pin::new(&mut future).poll(&mut Context::from_waker(waker));
        assert!(pending.is_pending());
        drop(future);
        assert_eq!(detached.running.load(Ordering::SeqCst), 1);
        tokio::time::timeout(Duration::from_secs(5), detached.wait())
            .await
            .expect("the rest ran");
        assert!(finished.try_recv().is_ok(), "waited for until it had run");

        // Awaited to the end, it is not run again.
        let runs = Arc::new(AtomicU64::new(0));
        let counted = runs.clone();
        Detachable::new(
            async move {
                counted.fetch_add(1, Ordering::SeqCst);
            },
            detached.clone(),
        )
        .await;
        tokio::task::yield_now().await;
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        assert_eq!(detached.running.load(Ordering::SeqCst), 0);
    }

    #[cfg(unix)]
    #[test]
    fn listeners_share_a_port_among_themselves_and_with_nobody_else() {
        let ours = listeners("127.0.0.1:0".parse().unwrap(), 3).unwrap();
        let address = ours[0].local_addr().unwrap();
        assert_ne!(address.port(), 0);
        assert_eq!(ours.len(), 3);
        for listener in &ours {
            assert_eq!(listener.local_addr().unwrap(), address);
        }
        let again = listeners(address, 2).unwrap_err();
        assert_eq!(again.kind(), io::ErrorKind::AddrInUse);
    }

    #[test]
    fn report_times_written_a_second_at_a_time_read_as_each_one_alone() {
        let mut stamps = Stamps::default();
        let start = std::time::UNIX_EPOCH + Duration::from_millis(1_795_000_000_998);
        // Within a second, across one, back to an earlier one, and every millisecond digit.
        for offset in [0, 1, 2, 9, 10, 99, 100, 1001, 1999, 2000, 1500, 0] {
            let time = start + Duration::from_millis(offset);
            assert_eq!(
                stamps.format(time),
                humantime::format_rfc3339_millis(time).to_string(),
                "{offset} ms after the start"
            );
        }
    }

    #[test]
    fn hop_by_hop_headers_and_those_connection_names_are_stripped() {
        let mut headers = HeaderMap::new();
        for (name, value) in [
            ("connection", "keep-alive, x-trace"),
            ("keep-alive", "timeout=5"),
            ("x-trace", "1"),
            ("transfer-encoding", "chunked"),
            ("upgrade", "h2c"),
            ("content-type", "application/json"),
            ("api-key", "k"),
        ] {
            headers.insert(name, HeaderValue::from_static(value));
        }
        strip_hop_by_hop(&mut headers);
        let mut left: Vec<&str> = headers.keys().map(HeaderName::as_str).collect();
        left.sort_unstable();
        assert_eq!(left, ["api-key", "content-type"]);

        let mut end_to_end = HeaderMap::new();
        end_to_end.insert("x-trace", HeaderValue::from_static("1"));
        strip_hop_by_hop(&mut end_to_end);
        assert_eq!(
            end_to_end.len(),
            1,
            "named by no Connection header, it stays"
        );
    }
}
