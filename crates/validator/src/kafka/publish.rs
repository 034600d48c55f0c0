//! Putting exchanges on a topic, as the proxy does with `--publish-to`: each exchange one
//! record in confirmspec's exchange format, never waiting. A record that cannot be queued (the
//! producer's buffer full while the brokers are away) or that the brokers never acknowledge is
//! counted as not published; the caller's path is never held up.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use rdkafka::client::ClientContext;
use rdkafka::config::RDKafkaLogLevel;
use rdkafka::producer::{BaseRecord, DeliveryResult, Producer, ProducerContext, ThreadedProducer};

use super::{StreamError, client_config, log};
use crate::capture::write_record;
use crate::exchange::Exchange;

/// Counts of a publisher's records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PublishTotals {
    /// Acknowledged by the brokers.
    pub published: u64,
    /// Refused, not acknowledged in time, or still unsent when the publisher finished.
    pub not_published: u64,
}

#[derive(Default)]
struct Counts {
    /// Handed to the producer.
    queued: AtomicU64,
    /// Of those, acknowledged by the brokers.
    published: AtomicU64,
    /// Of those, failed (refused, or not acknowledged within `message.timeout.ms`).
    failed: AtomicU64,
    /// Never handed to the producer (its buffer full).
    refused: AtomicU64,
}

struct Counting(Arc<Counts>);

impl ClientContext for Counting {
    fn log(&self, level: RDKafkaLogLevel, facility: &str, message: &str) {
        log(level, facility, message);
    }
}

impl ProducerContext for Counting {
    type DeliveryOpaque = ();

    fn delivery(&self, result: &DeliveryResult<'_>, _: ()) {
        match result {
            Ok(_) => self.0.published.fetch_add(1, Ordering::Relaxed),
            Err(_) => self.0.failed.fetch_add(1, Ordering::Relaxed),
        };
    }
}

/// A producer of exchanges for one topic.
pub struct Publisher {
    producer: ThreadedProducer<Counting>,
    topic: String,
    counts: Arc<Counts>,
}

impl Publisher {
    /// A publisher to `topic` on `brokers`, with librdkafka `properties` (SASL, TLS, ...).
    /// It connects in the background: brokers that are away are not an error here.
    ///
    /// Unless `properties` say otherwise, a record waits at most 30 s for the brokers
    /// (`message.timeout.ms`) and at most 64 MiB wait in all (`queue.buffering.max.kbytes`):
    /// past either, records are counted as not published, and memory stays bounded.
    pub fn new(
        brokers: &str,
        topic: &str,
        properties: &[(String, String)],
    ) -> Result<Self, StreamError> {
        let settings = client_config(
            brokers,
            &[
                ("message.timeout.ms", "30000"),
                ("queue.buffering.max.kbytes", "65536"),
                ("linger.ms", "5"),
            ],
            properties,
        );
        let counts = Arc::new(Counts::default());
        let producer = settings
            .create_with_context(Counting(counts.clone()))
            .map_err(|e| StreamError::Setup {
                client: "publisher",
                source: e,
            })?;
        Ok(Publisher {
            producer,
            topic: topic.to_owned(),
            counts,
        })
    }

    /// Queues one exchange (as the caller has it: redact it first) and returns at once.
    pub fn publish(&self, exchange: &Exchange) {
        let mut payload = Vec::with_capacity(1024);
        if write_record(&mut payload, exchange).is_err() {
            self.counts.refused.fetch_add(1, Ordering::Relaxed);
            return;
        }
        // The record's trailing newline is for files, not for records.
        payload.pop();
        let record: BaseRecord<'_, [u8], [u8]> = BaseRecord::to(&self.topic).payload(&payload);
        match self.producer.send(record) {
            Ok(()) => self.counts.queued.fetch_add(1, Ordering::Relaxed),
            Err(_) => self.counts.refused.fetch_add(1, Ordering::Relaxed),
        };
    }

    /// The counts so far (records in flight are in neither).
    pub fn totals(&self) -> PublishTotals {
        let counts = &self.counts;
        PublishTotals {
            published: counts.published.load(Ordering::Relaxed),
            not_published: counts.failed.load(Ordering::Relaxed)
                + counts.refused.load(Ordering::Relaxed),
        }
    }

    /// Waits up to `timeout` for the records in flight, and returns the final counts: what
    /// is still unacknowledged then counts as not published.
    pub fn finish(self, timeout: Duration) -> PublishTotals {
        let _ = self.producer.flush(timeout);
        let counts = &self.counts;
        let queued = counts.queued.load(Ordering::Relaxed);
        let published = counts.published.load(Ordering::Relaxed);
        let failed = counts.failed.load(Ordering::Relaxed);
        let unsettled = queued.saturating_sub(published + failed);
        PublishTotals {
            published,
            not_published: failed + unsettled + counts.refused.load(Ordering::Relaxed),
        }
    }
}
