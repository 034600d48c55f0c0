//! Validating a log stream on Kafka (`confirmspec consume`), and publishing exchanges to one
//! (`confirmspec proxy --publish-to`).
//!
//! [`consume`] joins a consumer group, reads each record of its partitions as an exchange (any
//! [`RecordFormat`], detected per record), validates it exactly as
//! `validate` does, and writes the verdicts (to a topic, or as JSON Lines to a writer). The
//! group spreads the partitions over as many members as there are, and moves them when one
//! leaves or dies: Kafka's consumer groups are the distributed engine, not ours.
//!
//! Nothing is lost, at least once: records are polled into a batch, validated on every core,
//! their verdicts written and acknowledged (every verdict record acknowledged by the brokers,
//! or the writer flushed), and only then are the batch's offsets committed. A member killed at
//! any moment leaves its partitions at the last commit, and whoever takes them reads from
//! there: some verdicts twice, none never. On a rebalance, the batch in hand is finished and
//! committed inside the revocation, before the partitions go. A record that is not an exchange
//! is a dead letter (its coordinates and the reason, never its bytes), written and committed
//! past like any verdict: it never stops its partition.
//!
//! Memory in flight is bounded: a batch holds at most [`Config::batch_records`] records and
//! librdkafka prefetches at most `queued.max.messages.kbytes` (16 MiB unless `-X` says
//! otherwise); the member stops polling while a batch is validated (backpressure).

mod consume;
mod metrics;
mod publish;
mod sink;

use std::time::Duration;

use rdkafka::ClientConfig;
use rdkafka::config::RDKafkaLogLevel;
use rdkafka::error::KafkaError;

use crate::capture::RecordFormat;
pub use consume::{Totals, consume};
pub use metrics::{Metrics, MetricsServer};
pub use publish::{PublishTotals, Publisher};

/// How a member consumes.
#[derive(Debug, Clone)]
pub struct Config {
    /// The bootstrap brokers, `host:port[,host:port...]`.
    pub brokers: String,
    /// The topics to read.
    pub topics: Vec<String>,
    /// The consumer group the member joins.
    pub group: String,
    /// librdkafka properties for every client (SASL, TLS, ...), as kcat's `-X` takes them.
    /// `enable.auto.commit` is always off: offsets are committed after their verdicts.
    pub properties: Vec<(String, String)>,
    /// Each record's format; detected per record when `None`.
    pub record_format: Option<RecordFormat>,
    /// Write every verdict, not only those with findings (violating, unmatched, unreadable).
    pub all: bool,
    /// Write the verdicts to this topic (keyed by spec and operation) instead of the writer.
    pub to_topic: Option<String>,
    /// Write records that are not exchanges to this topic instead of the verdicts' output.
    pub dead_letter_topic: Option<String>,
    /// A record larger than this is a dead letter, not read.
    pub max_record: usize,
    /// The most records validated in one batch.
    pub batch_records: usize,
    /// How long a batch waits for more records once it has one.
    pub batch_wait: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            brokers: "127.0.0.1:9092".into(),
            topics: Vec::new(),
            group: "confirmspec".into(),
            properties: Vec::new(),
            record_format: None,
            all: false,
            to_topic: None,
            dead_letter_topic: None,
            max_record: 16 << 20,
            batch_records: 4096,
            batch_wait: Duration::from_millis(20),
        }
    }
}

/// Why consuming or publishing stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StreamError {
    /// A client could not be made from the configuration (a property librdkafka refuses).
    #[error("cannot set up the Kafka {client}: {source}")]
    Setup {
        /// Which client.
        client: &'static str,
        /// librdkafka's reason.
        source: KafkaError,
    },
    /// The group could not be joined, or the consumer failed past recovery.
    #[error("the Kafka consumer failed {doing}: {source}")]
    Consumer {
        /// What was being done.
        doing: &'static str,
        /// librdkafka's reason.
        source: KafkaError,
    },
    /// Verdicts (or dead letters) were not acknowledged by the brokers: nothing past them
    /// was committed.
    #[error(
        "{failed} records were not acknowledged by topic `{topic}` ({}); their offsets were not committed",
        reason(source.as_ref())
    )]
    Delivery {
        /// The topic.
        topic: String,
        /// How many records were not acknowledged.
        failed: usize,
        /// The first failure's reason, where librdkafka gave one.
        source: Option<KafkaError>,
    },
    /// The verdicts' writer failed: nothing past them was committed.
    #[error("cannot write the verdicts ({0}); their offsets were not committed")]
    Output(#[source] std::io::Error),
    /// The offsets of written verdicts could not be committed (they will be read again).
    #[error("cannot commit the offsets of written verdicts ({source}); they will be read again")]
    Commit {
        /// librdkafka's reason.
        source: KafkaError,
    },
}

fn reason(error: Option<&KafkaError>) -> String {
    error.map_or_else(|| "no reason given".to_owned(), ToString::to_string)
}

/// A client's settings: the brokers and our `defaults`, then the user's properties over them.
fn client_config(
    brokers: &str,
    defaults: &[(&str, &str)],
    properties: &[(String, String)],
) -> ClientConfig {
    let mut config = ClientConfig::new();
    config.set("bootstrap.servers", brokers);
    config.set_log_level(RDKafkaLogLevel::Warning);
    for (key, value) in defaults {
        config.set(*key, *value);
    }
    for (key, value) in properties {
        config.set(key, value);
    }
    config
}

/// librdkafka's warnings and errors (a broker down, a refused login) on stderr, where an
/// operator looks; they name brokers and topics, never a credential.
fn log(level: RDKafkaLogLevel, facility: &str, message: &str) {
    use RDKafkaLogLevel::{Alert, Critical, Emerg, Error, Warning};
    if matches!(level, Emerg | Alert | Critical | Error | Warning) {
        eprintln!("confirmspec: kafka {facility}: {message}");
    }
}
