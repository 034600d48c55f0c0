//! `confirmspec mock`: a local sandbox of the vendors' confirmation flows, and of any other
//! spec statelessly, that never serves what its specs would flag.
//!
//! Every request is routed and checked like the validator checks traffic. A spec with a
//! [`Flow`] plays its vendor's flow (each vendor's `sandbox` module holds its credentials and
//! what its pages leave open); another spec answers each operation with its documented
//! example, or a value made from its schema. `Prefer: code=429` answers an operation's
//! documented response of that status, `Prefer: delay=2000` waits first. `GET
//! /__mock/codes/{spec}/{key}` shows the code a test could not otherwise read; `POST
//! /__mock/reset` forgets everything.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use confirmspec_validator::Spec;
//! use confirmspec_validator::mock::Mock;
//!
//! let spec = Spec::load("openapi.yaml".as_ref())?;
//! let server = Mock::new().spec(spec).seed(7).start("127.0.0.1:0".parse()?).await?;
//! println!("serving on {}", server.url());
//! server.stop().await?;
//! # Ok(()) }
//! ```
//!
//! The vendors' sandbox (their specs, each playing its flow) is `confirmspec::mock::sandbox()`.

mod answer;
mod flow;
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
use crate::validate::{BuildError, Options, Validator};
pub use answer::Answer;
use confirmspec_spec::Spec;
pub use flow::{CODE_DIGITS, CodeView, Codes, Flow, bearer, header, path_param};
use server::{Shared, State};

/// A mock to start: the specs whose flows it plays, any other specs, a seed, a recording.
#[must_use]
#[derive(Default)]
pub struct Mock {
    /// The specs played by a flow.
    played: Vec<(Spec, Box<dyn Flow>)>,
    /// The others.
    specs: Vec<Spec>,
    seed: u64,
    record: Option<PathBuf>,
}

impl std::fmt::Debug for Mock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let played: Vec<&str> = self.played.iter().map(|(s, _)| s.name.as_str()).collect();
        let specs: Vec<&str> = self.specs.iter().map(|s| s.name.as_str()).collect();
        f.debug_struct("Mock")
            .field("played", &played)
            .field("specs", &specs)
            .field("seed", &self.seed)
            .finish_non_exhaustive()
    }
}

/// Why a mock could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MockError {
    /// A spec could not be compiled.
    #[error(transparent)]
    Spec(#[from] BuildError),
    /// A spec given beside those played by a flow has one of their names.
    #[error("a spec named `{0}` is played by a flow already; give yours another file name")]
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
    /// A mock of no spec yet, seed 0, no recording.
    pub fn new() -> Self {
        Self::default()
    }

    /// Serves this spec by playing `flow` for it: its state, its answers, its credentials.
    pub fn play(mut self, spec: Spec, flow: Box<dyn Flow>) -> Self {
        self.played.push((spec, flow));
        self
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
        let played: Vec<String> = self.played.iter().map(|(s, _)| s.name.clone()).collect();
        if let Some(spec) = self.specs.iter().find(|s| played.contains(&s.name)) {
            return Err(MockError::Duplicate(spec.name.clone()));
        }
        let (specs, flows): (Vec<Spec>, Vec<Box<dyn Flow>>) = self.played.into_iter().unzip();
        let specs = specs.into_iter().chain(self.specs).collect();
        let validator = Validator::new(specs, Options::default())?;
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
            state: Mutex::new(State {
                codes: Codes::new(self.seed),
                flows,
            }),
            record: Mutex::new(record),
            record_error: Mutex::new(None),
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
