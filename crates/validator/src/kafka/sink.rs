//! Where a member's verdicts and dead letters go: a topic (through one idempotent producer) or
//! a writer, a batch at a time. A batch counts as written once every record of it is
//! acknowledged by the brokers, or the writer is flushed; only then are its offsets committed.

use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use rdkafka::client::ClientContext;
use rdkafka::config::RDKafkaLogLevel;
use rdkafka::error::{KafkaError, RDKafkaErrorCode};
use rdkafka::producer::{BaseProducer, BaseRecord, DeliveryResult, Producer, ProducerContext};
use serde::Serialize;

use super::{Config, StreamError, client_config, log};
use crate::run::ExchangeResult;

/// A verdict (or a dead letter) as written: the record it was read from, then the result as
/// `validate --format jsonl` gives it.
#[derive(Serialize)]
pub(super) struct VerdictLine<'a> {
    pub(super) record: Coordinates<'a>,
    #[serde(flatten)]
    pub(super) result: &'a ExchangeResult,
}

/// Where a verdict's exchange came from, so that a reader can drop repeats.
#[derive(Serialize)]
pub(super) struct Coordinates<'a> {
    pub(super) topic: &'a str,
    pub(super) partition: i32,
    pub(super) offset: i64,
    /// The exchange's position in a record that holds a list of them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) entry: Option<usize>,
    /// The record's format, when it was read as one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) format: Option<&'static str>,
}

enum Target {
    Topic(String),
    Writer(Box<dyn Write + Send>),
}

/// The member's outputs.
pub(super) struct Sink {
    producer: Option<BaseProducer<Acks>>,
    verdicts: Target,
    dead_letters: Option<String>,
    line: Vec<u8>,
    /// Records written in this batch.
    written: usize,
}

/// Counts the producer's failed deliveries (acknowledgements arrive on `flush`).
struct Acks {
    failed: AtomicUsize,
    first: Mutex<Option<(String, KafkaError)>>,
}

impl ClientContext for Acks {
    fn log(&self, level: RDKafkaLogLevel, facility: &str, message: &str) {
        log(level, facility, message);
    }
}

impl ProducerContext for Acks {
    type DeliveryOpaque = ();

    fn delivery(&self, result: &DeliveryResult<'_>, _: ()) {
        if let Err((error, message)) = result {
            use rdkafka::Message as _;
            self.failed.fetch_add(1, Ordering::Relaxed);
            if let Ok(mut first) = self.first.lock() {
                first.get_or_insert_with(|| (message.topic().to_owned(), error.clone()));
            }
        }
    }
}

impl Sink {
    /// The outputs `config` names; verdicts go to `out` unless a topic is named for them.
    pub(super) fn new(config: &Config, out: Box<dyn Write + Send>) -> Result<Self, StreamError> {
        let producer = if config.to_topic.is_some() || config.dead_letter_topic.is_some() {
            let mut settings =
                client_config(&config.brokers, &[("linger.ms", "5")], &config.properties);
            // Retries never reorder or duplicate a verdict; every replica acknowledges it.
            settings.set("enable.idempotence", "true");
            let producer = settings
                .create_with_context(Acks {
                    failed: AtomicUsize::new(0),
                    first: Mutex::new(None),
                })
                .map_err(|e| StreamError::Setup {
                    client: "producer of verdicts",
                    source: e,
                })?;
            Some(producer)
        } else {
            None
        };
        Ok(Sink {
            producer,
            verdicts: match &config.to_topic {
                Some(topic) => Target::Topic(topic.clone()),
                None => Target::Writer(out),
            },
            dead_letters: config.dead_letter_topic.clone(),
            line: Vec::with_capacity(1024),
            written: 0,
        })
    }

    /// Writes a verdict, keyed by its operation so that one operation's verdicts keep their
    /// order in the verdict topic.
    pub(super) fn verdict(&mut self, line: &VerdictLine<'_>) -> Result<(), StreamError> {
        let key = match (&line.result.spec, &line.result.operation) {
            (Some(spec), Some(operation)) => format!("{spec}/{operation}"),
            _ => line.result.verdict.to_string(),
        };
        self.write(false, &key, line)
    }

    /// Writes a record that is not an exchange: to the dead-letter topic, or with the verdicts.
    pub(super) fn dead_letter(&mut self, line: &VerdictLine<'_>) -> Result<(), StreamError> {
        let key = format!("{}/{}", line.record.topic, line.record.partition);
        self.write(true, &key, line)
    }

    /// Writes `line` to its topic (the dead-letter topic for a dead letter, when there is
    /// one; else the verdicts'), or to the verdicts' writer.
    fn write(
        &mut self,
        dead_letter: bool,
        key: &str,
        line: &VerdictLine<'_>,
    ) -> Result<(), StreamError> {
        self.line.clear();
        serde_json::to_writer(&mut self.line, line).map_err(|e| StreamError::Output(e.into()))?;
        self.written += 1;
        let verdicts = match &self.verdicts {
            Target::Topic(topic) => Some(topic.as_str()),
            Target::Writer(_) => None,
        };
        let topic = match &self.dead_letters {
            Some(topic) if dead_letter => Some(topic.as_str()),
            _ => verdicts,
        };
        // A topic is named only with a producer.
        if let (Some(topic), Some(producer)) = (topic, &self.producer) {
            let mut record = BaseRecord::to(topic).key(key).payload(&self.line[..]);
            loop {
                match producer.send(record) {
                    Ok(()) => return Ok(()),
                    // The producer's queue is full: wait for acknowledgements (backpressure).
                    Err((KafkaError::MessageProduction(RDKafkaErrorCode::QueueFull), back)) => {
                        record = back;
                        producer.poll(Duration::from_millis(50));
                    }
                    Err((error, _)) => {
                        return Err(StreamError::Delivery {
                            topic: topic.to_owned(),
                            failed: 1,
                            source: Some(error),
                        });
                    }
                }
            }
        }
        if let Target::Writer(out) = &mut self.verdicts {
            self.line.push(b'\n');
            out.write_all(&self.line).map_err(StreamError::Output)?;
        }
        Ok(())
    }

    /// Waits until everything written in this batch is acknowledged (or flushed), and says
    /// how many records that was.
    pub(super) fn finish_batch(&mut self) -> Result<usize, StreamError> {
        if let Target::Writer(out) = &mut self.verdicts {
            out.flush().map_err(StreamError::Output)?;
        }
        if let Some(producer) = &self.producer {
            // Until every record is acknowledged or has failed (after `message.timeout.ms`).
            producer
                .flush(rdkafka::util::Timeout::Never)
                .map_err(|e| StreamError::Delivery {
                    topic: "(verdicts)".into(),
                    failed: producer.in_flight_count().max(0) as usize,
                    source: Some(e),
                })?;
            let acks = producer.context();
            let failed = acks.failed.swap(0, Ordering::Relaxed);
            if failed > 0 {
                let first = acks.first.lock().ok().and_then(|mut first| first.take());
                let (topic, source) = match first {
                    Some((topic, error)) => (topic, Some(error)),
                    None => ("(verdicts)".to_owned(), None),
                };
                return Err(StreamError::Delivery {
                    topic,
                    failed,
                    source,
                });
            }
        }
        Ok(std::mem::take(&mut self.written))
    }
}
