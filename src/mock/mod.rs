//! `confirmspec mock`: a local sandbox of the three vendors' confirmation flows, and of any
//! other spec statelessly, that never serves what its specs would flag.
//!
//! Every request is routed and checked like the validator checks traffic. The bundled specs
//! play their vendor's flow ([`rules`] holds what the pages leave open); another spec answers
//! each operation with its documented example, or a value made from its schema. `Prefer:
//! code=429` answers an operation's documented response of that status, `Prefer: delay=2000`
//! waits first. `GET /__mock/codes/{vendor}/{key}` shows the code a test could not otherwise
//! read; `POST /__mock/reset` forgets everything.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use confirmspec::mock::{Mock, VIA_CLIENT_ID, VIA_CLIENT_SECRET};
//!
//! let server = Mock::new().seed(7).start("127.0.0.1:0".parse()?).await?;
//! let client = confirmspec::via::Client::builder(VIA_CLIENT_ID, VIA_CLIENT_SECRET)
//!     .base_url(server.url())
//!     .build()?;
//! # let _ = client;
//! server.stop().await?;
//! # Ok(()) }
//! ```

mod answer;
mod flows;
mod server;

use std::fs::File;
use std::io::{self, BufWriter};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::capture::{CaptureFormat, CaptureWriter};
use crate::openapi::Spec;
use crate::validate::{BuildError, Options, Validator};
use answer::Answer;
pub use flows::rules;
use server::{Credentials, Shared};

/// The Bearer token the mock's Invoicebox accepts.
pub const INVOICEBOX_TOKEN: &str = "mock-invoicebox-token";
/// The `Api-Key` the mock's Yandex Market accepts.
pub const YANDEX_MARKET_API_KEY: &str = "mock-yandex-market-key";
/// The OAuth token the mock's Yandex Market accepts (`Authorization: Bearer` or `OAuth`).
pub const YANDEX_MARKET_OAUTH_TOKEN: &str = "mock-yandex-market-token";
/// The `client-id` the mock's VIA accepts.
pub const VIA_CLIENT_ID: &str = "mock-client";
/// The `client-secret` the mock's VIA accepts.
pub const VIA_CLIENT_SECRET: &str = "mock-secret";

/// A mock to start: the bundled specs, any others, a seed, a recording.
#[derive(Debug, Default)]
#[must_use]
pub struct Mock {
    specs: Vec<Spec>,
    seed: u64,
    record: Option<PathBuf>,
}

/// Why a mock could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MockError {
    /// A spec could not be compiled.
    #[error(transparent)]
    Spec(#[from] BuildError),
    /// A spec given beside the bundled ones has a bundled one's name.
    #[error("a spec named `{0}` is bundled already; give yours another file name")]
    Duplicate(String),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: io::Error,
    },
    /// The recording could not be created.
    #[error("{path}: cannot record: {source}")]
    Record {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

impl Mock {
    /// A mock of the three bundled specs, seed 0, no recording.
    pub fn new() -> Self {
        Self::default()
    }

    /// Serves this spec too, statelessly.
    pub fn spec(mut self, spec: Spec) -> Self {
        self.specs.push(spec);
        self
    }

    /// Seeds the codes and ids the flows issue: the same seed and requests give the same ones.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Records every exchange, redacted, to this HAR file (written as it goes, closed by
    /// [`MockServer::stop`]).
    pub fn record(mut self, path: impl Into<PathBuf>) -> Self {
        self.record = Some(path.into());
        self
    }

    /// Starts serving on `addr` (port 0: any free port) on the current tokio runtime.
    pub async fn start(self, addr: SocketAddr) -> Result<MockServer, MockError> {
        let bundled = crate::bundled_specs();
        let stateful: Vec<String> = bundled.iter().map(|s| s.name.clone()).collect();
        if let Some(spec) = self.specs.iter().find(|s| stateful.contains(&s.name)) {
            return Err(MockError::Duplicate(spec.name.clone()));
        }
        let validator = Validator::new(
            bundled.into_iter().chain(self.specs).collect(),
            Options::default(),
        )?;
        let record = match &self.record {
            None => None,
            Some(path) => {
                let file = File::create(path).map_err(|source| MockError::Record {
                    path: path.clone(),
                    source,
                })?;
                let writer = CaptureWriter::new(
                    BufWriter::new(file),
                    CaptureFormat::Har,
                    "confirmspec mock",
                )
                .map_err(|source| MockError::Record {
                    path: path.clone(),
                    source,
                })?;
                Some(writer)
            }
        };
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|source| MockError::Listen { addr, source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| MockError::Listen { addr, source })?;
        let shared = Arc::new(Shared {
            validator,
            stateful,
            state: Mutex::new(flows::State::new(self.seed)),
            record: Mutex::new(record),
            record_error: Mutex::new(None),
            credentials: Credentials {
                invoicebox_token: INVOICEBOX_TOKEN,
                yandex_market_api_key: YANDEX_MARKET_API_KEY,
                yandex_market_oauth_token: YANDEX_MARKET_OAUTH_TOKEN,
                via_client_id: VIA_CLIENT_ID,
                via_client_secret: VIA_CLIENT_SECRET,
            },
            replaced: AtomicU64::new(0),
        });
        let (stop, stopped) = oneshot::channel();
        let task = tokio::spawn(server::serve(listener, shared.clone(), stopped));
        Ok(MockServer {
            url: format!("http://{addr}"),
            addr,
            stop: Some(stop),
            task: Some(task),
            shared,
        })
    }
}

/// A running mock. Dropping it stops it; [`MockServer::stop`] also waits for the exchanges in
/// flight and closes the recording.
#[derive(Debug)]
pub struct MockServer {
    url: String,
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<io::Result<()>>>,
    shared: Arc<Shared>,
}

impl MockServer {
    /// The base URL to give a client's builder (`http://127.0.0.1:<port>`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// How many answers broke their spec and were replaced by the operation's documented
    /// 500 (a bug of the mock: the tests hold it at 0).
    pub fn replaced_answers(&self) -> u64 {
        self.shared.replaced.load(Ordering::Relaxed)
    }

    /// Stops accepting, lets the exchanges in flight finish (up to 5 s), closes the recording;
    /// an error if the recording could not be written (it stopped at the first failure).
    pub async fn stop(mut self) -> io::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        match self.task.take() {
            Some(task) => task.await.unwrap_or_else(|e| Err(io::Error::other(e))),
            None => Ok(()),
        }
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared").finish_non_exhaustive()
    }
}
