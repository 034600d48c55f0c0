//! Connections to the upstreams.
//!
//! An HTTP/1 connection carries one exchange at a time, and so does the client connection a
//! request arrives on. So each client connection keeps, for as long as it lives, the upstream
//! connection it last used for each upstream, and its next request to that upstream goes out on
//! it without a pool's bookkeeping (hyper-util's pool cost the proxy 7,500 instructions an
//! exchange: `benches/proxy-instructions.sh`). When the client connection closes, its upstream
//! connections wait in a shared idle list for the next client connection, so short-lived
//! clients do not cost a TCP or TLS handshake each, until `Config::upstream_idle_timeout`
//! closes them.
//!
//! An upstream may close an idle connection at any time. A request that finds its connection
//! closed before any byte of it was written goes out again on a new one; one that was written
//! is never sent twice.

use std::error::Error;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::client::conn::http1::SendRequest;
use hyper::{Request, Response, Uri};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use tower_service::Service;

type Sender = SendRequest<Full<Bytes>>;

/// The most idle connections kept for each upstream.
const MAX_IDLE: usize = 64;

/// Connects to the upstreams, and keeps the connections client connections left.
pub(super) struct Connector {
    https: HttpsConnector<HttpConnector>,
    /// For each upstream (in the order of `Config::upstreams`), its idle connections, the most
    /// recently left last.
    idle: Vec<Mutex<Vec<(Sender, Instant)>>>,
    /// How long an idle connection is kept.
    idle_timeout: Duration,
}

impl Connector {
    pub(super) fn new(
        tls: rustls::ClientConfig,
        upstreams: usize,
        idle_timeout: Duration,
    ) -> Connector {
        let mut http = HttpConnector::new();
        // `https://` upstreams are wrapped in TLS by the connector around this one.
        http.enforce_http(false);
        // A request goes out as one write, an answer comes back at once: nothing to gain from
        // Nagle's algorithm but its delays.
        http.set_nodelay(true);
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        Connector {
            https,
            idle: (0..upstreams).map(|_| Mutex::new(Vec::new())).collect(),
            idle_timeout,
        }
    }

    /// Closes the idle connections kept longer than the idle timeout, and forgets those the
    /// upstreams closed.
    pub(super) fn expire(&self) {
        for idle in &self.idle {
            self.retain_live(&mut lock(idle));
        }
    }

    fn retain_live(&self, idle: &mut Vec<(Sender, Instant)>) {
        idle.retain(|(sender, since)| !sender.is_closed() && since.elapsed() < self.idle_timeout);
    }

    /// A connection to upstream `index`: an idle one when one is left, else a new one.
    async fn connection(&self, index: usize, base: &Uri) -> Result<(Sender, bool), BoxError> {
        let idle = {
            let mut idle = lock(&self.idle[index]);
            self.retain_live(&mut idle);
            idle.pop()
        };
        if let Some((sender, _)) = idle {
            return Ok((sender, true));
        }
        let stream = self.https.clone().call(base.clone()).await?;
        let (sender, connection) = hyper::client::conn::http1::handshake(stream).await?;
        // The connection ends when its sender is dropped, or the upstream closes it; either
        // way there is nobody left to tell of an error.
        tokio::spawn(connection);
        Ok((sender, false))
    }

    fn leave(&self, index: usize, sender: Sender) {
        if sender.is_closed() {
            return;
        }
        let mut idle = lock(&self.idle[index]);
        if idle.len() < MAX_IDLE {
            idle.push((sender, Instant::now()));
        }
    }
}

type BoxError = Box<dyn Error + Send + Sync>;

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // Nothing holding these locks can panic part-way through a change.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The upstream connections of one client connection: at most one per upstream.
pub(super) struct Held {
    connector: Arc<Connector>,
    senders: Mutex<Vec<Option<Sender>>>,
}

impl Held {
    pub(super) fn new(connector: Arc<Connector>) -> Self {
        let senders = Mutex::new((0..connector.idle.len()).map(|_| None).collect());
        Held { connector, senders }
    }

    /// Sends `request` (its URI the path and query, with a `Host` header) to upstream `index`
    /// at `base`, and returns the response head with its body to come.
    pub(super) async fn send(
        &self,
        index: usize,
        base: &Uri,
        mut request: Request<Full<Bytes>>,
    ) -> Result<Response<Incoming>, BoxError> {
        let mut held = lock(&self.senders)[index]
            .take()
            .filter(|sender| !sender.is_closed());
        loop {
            // A new connection's future (TCP, TLS, handshake) is large and rarely needed:
            // boxed, so that every exchange's future does not carry its space.
            let (mut sender, reused) = match held.take() {
                Some(sender) => (sender, true),
                None => Box::pin(self.connector.connection(index, base)).await?,
            };
            // Ready once the previous exchange's body has been read; an error when the
            // connection closed meanwhile. A reused connection that closed is replaced.
            match sender.ready().await {
                Ok(()) => {}
                Err(_) if reused => continue,
                Err(error) => return Err(error.into()),
            }
            match sender.try_send_request(request).await {
                Ok(response) => {
                    lock(&self.senders)[index] = Some(sender);
                    return Ok(response);
                }
                Err(mut error) => match error.take_message() {
                    Some(unsent) if reused => request = unsent,
                    _ => return Err(error.into_error().into()),
                },
            }
        }
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let senders = std::mem::take(&mut *lock(&self.senders));
        for (index, sender) in senders.into_iter().enumerate() {
            if let Some(sender) = sender {
                self.connector.leave(index, sender);
            }
        }
    }
}
