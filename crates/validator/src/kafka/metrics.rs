//! What a member counts, in Prometheus' conventions (counters end in `_total`, durations are
//! histograms in seconds), and the `/metrics` page that serves them.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::run::ExchangeResult;
use crate::validate::Verdict;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct TopicLabel {
    topic: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ExchangeLabels {
    spec: String,
    operation: String,
    verdict: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RuleLabel {
    rule: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PartitionLabels {
    topic: String,
    partition: String,
}

/// A member's counters, shared by its consumer and its `/metrics` page.
pub struct Metrics {
    registry: Registry,
    records: Family<TopicLabel, Counter>,
    exchanges: Family<ExchangeLabels, Counter>,
    violations: Family<RuleLabel, Counter>,
    unmatched: Counter,
    bad_records: Family<TopicLabel, Counter>,
    verdicts_written: Counter,
    commits: Counter,
    lag: Family<PartitionLabels, Gauge>,
    validation: Histogram,
    end_to_end: Histogram,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// Fresh counters, registered under `confirmspec_`.
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("confirmspec");
        let metrics = Metrics {
            records: Family::default(),
            exchanges: Family::default(),
            violations: Family::default(),
            unmatched: Counter::default(),
            bad_records: Family::default(),
            verdicts_written: Counter::default(),
            commits: Counter::default(),
            lag: Family::default(),
            // 1 us to about 4 s.
            validation: Histogram::new(exponential_buckets(1e-6, 2.0, 22)),
            // 1 ms to about 25 s, a quarter apart, so that a quantile reads to within 25%.
            end_to_end: Histogram::new(exponential_buckets(1e-3, 1.25, 46)),
            registry: Registry::default(),
        };
        registry.register(
            "records",
            "Records read from Kafka, by topic",
            metrics.records.clone(),
        );
        registry.register(
            "exchanges",
            "Exchanges validated, by spec, operation and verdict",
            metrics.exchanges.clone(),
        );
        registry.register(
            "violations",
            "Violations found, by rule",
            metrics.violations.clone(),
        );
        registry.register(
            "unmatched",
            "Exchanges that matched no operation of any spec",
            metrics.unmatched.clone(),
        );
        registry.register(
            "bad_records",
            "Records that are not exchanges (dead letters), by topic",
            metrics.bad_records.clone(),
        );
        registry.register(
            "verdicts_written",
            "Verdict records written (and acknowledged) before their offsets were committed",
            metrics.verdicts_written.clone(),
        );
        registry.register(
            "commits",
            "Offset commits after a batch's verdicts were written",
            metrics.commits.clone(),
        );
        registry.register(
            "consumer_lag",
            "Records in a partition not yet read, as librdkafka last saw it",
            metrics.lag.clone(),
        );
        registry.register(
            "validation_seconds",
            "Time to read and validate one exchange",
            metrics.validation.clone(),
        );
        registry.register(
            "end_to_end_seconds",
            "From a record's timestamp to its verdict written and its offset committed",
            metrics.end_to_end.clone(),
        );
        Metrics {
            registry,
            ..metrics
        }
    }

    /// The page, in Prometheus' text format (OpenMetrics).
    pub fn render(&self) -> String {
        let mut text = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut text, &self.registry);
        text
    }

    pub(super) fn record(&self, topic: &str) {
        self.records
            .get_or_create(&TopicLabel {
                topic: topic.to_owned(),
            })
            .inc();
    }

    pub(super) fn bad_record(&self, topic: &str) {
        self.bad_records
            .get_or_create(&TopicLabel {
                topic: topic.to_owned(),
            })
            .inc();
    }

    pub(super) fn exchange(&self, result: &ExchangeResult, seconds: f64) {
        self.validation.observe(seconds);
        let labels = ExchangeLabels {
            spec: result.spec.clone().unwrap_or_default(),
            operation: result.operation.clone().unwrap_or_default(),
            verdict: result.verdict.to_string(),
        };
        self.exchanges.get_or_create(&labels).inc();
        if result.verdict == Verdict::Unmatched {
            self.unmatched.inc();
        }
        for violation in &result.violations {
            self.violations
                .get_or_create(&RuleLabel {
                    rule: violation.keyword.as_str().to_owned(),
                })
                .inc();
        }
    }

    pub(super) fn written(&self, verdicts: usize) {
        self.verdicts_written.inc_by(verdicts as u64);
    }

    pub(super) fn committed(&self, ages: impl Iterator<Item = Duration>) {
        self.commits.inc();
        for age in ages {
            self.end_to_end.observe(age.as_secs_f64());
        }
    }

    pub(super) fn lag(&self, topic: &str, partition: i32, lag: Option<i64>) {
        let labels = PartitionLabels {
            topic: topic.to_owned(),
            partition: partition.to_string(),
        };
        match lag {
            Some(lag) => {
                self.lag.get_or_create(&labels).set(lag);
            }
            None => {
                self.lag.remove(&labels);
            }
        }
    }

    /// Serves `/metrics` on `address` from a thread of its own until the server is dropped.
    pub fn serve(self: &Arc<Self>, address: SocketAddr) -> std::io::Result<MetricsServer> {
        let listener = std::net::TcpListener::bind(address)?;
        listener.set_nonblocking(true)?;
        let local = listener.local_addr()?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let metrics = self.clone();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()?;
        let thread = std::thread::Builder::new()
            .name("confirmspec-metrics".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    let mut stopped = std::pin::pin!(stopped);
                    loop {
                        tokio::select! {
                            accepted = listener.accept() => {
                                let Ok((stream, _)) = accepted else { continue };
                                let metrics = metrics.clone();
                                tokio::spawn(async move {
                                    let service = hyper::service::service_fn(move |request| {
                                        let page = page(&metrics, &request);
                                        async move { Ok::<_, std::convert::Infallible>(page) }
                                    });
                                    let _ = hyper::server::conn::http1::Builder::new()
                                        .serve_connection(TokioIo::new(stream), service)
                                        .await;
                                });
                            }
                            _ = &mut stopped => break,
                        }
                    }
                });
            })?;
        Ok(MetricsServer {
            address: local,
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

fn page(metrics: &Metrics, request: &Request<hyper::body::Incoming>) -> Response<Full<Bytes>> {
    let (status, kind, body) = if request.uri().path() == "/metrics" {
        (
            StatusCode::OK,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
            metrics.render(),
        )
    } else {
        (
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            "confirmspec: the metrics are at /metrics\n".to_owned(),
        )
    };
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    if let Ok(kind) = hyper::header::HeaderValue::from_str(kind) {
        response
            .headers_mut()
            .insert(hyper::header::CONTENT_TYPE, kind);
    }
    response
}

/// The `/metrics` page being served; dropping it stops the server.
pub struct MetricsServer {
    address: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl MetricsServer {
    /// The address it listens on (the port chosen, when asked for port 0).
    pub fn address(&self) -> SocketAddr {
        self.address
    }
}

impl Drop for MetricsServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
