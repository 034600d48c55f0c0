//! A member of a consumer group: records polled into a batch, the batch validated on every
//! core, its verdicts written and acknowledged, then its offsets committed. The batch lives in
//! the consumer's context, so that a revocation (served inside `poll`) finishes and commits it
//! before the partitions go.

use std::collections::HashMap;
use std::io::Write;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use rdkafka::client::ClientContext;
use rdkafka::config::RDKafkaLogLevel;
use rdkafka::consumer::{BaseConsumer, CommitMode, Consumer, ConsumerContext, Rebalance};
use rdkafka::error::KafkaError;
use rdkafka::{Message, Offset, Statistics, TopicPartitionList};

use super::metrics::Metrics;
use super::sink::{Coordinates, Sink, VerdictLine};
use super::{Config, StreamError, client_config, log};
use crate::capture::{ListError, ReadError, RecordFormat, array_elements, read_record};
use crate::run::ExchangeResult;
use crate::tally::{Summary, Tally};
use crate::validate::{Validator, Verdict};

/// The most bytes of records a batch holds (besides [`Config::batch_records`]).
const BATCH_BYTES: usize = 8 << 20;

/// What a member has done so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Records read from the topics.
    pub records: u64,
    /// The exchanges they held, by verdict (dead letters are `unreadable`).
    pub exchanges: Summary,
    /// Records, or entries of a record's list, that are not exchanges.
    pub bad_records: u64,
    /// Verdicts and dead letters written (and acknowledged) before their offsets were
    /// committed.
    pub written: u64,
    /// Batches whose offsets were committed.
    pub commits: u64,
}

/// One record polled, copied out of librdkafka's buffer.
struct Record {
    topic: Arc<str>,
    partition: i32,
    offset: i64,
    /// Milliseconds since the epoch (the producer's or the broker's time).
    timestamp: Option<i64>,
    payload: Option<Vec<u8>>,
}

/// An exchange to read from a record: the whole record, or an element of its list.
struct Item {
    record: usize,
    entry: Option<usize>,
    read: Result<Range<usize>, (usize, String)>,
}

/// What became of an item.
struct Judged {
    record: usize,
    entry: Option<usize>,
    format: Option<RecordFormat>,
    result: ExchangeResult,
    seconds: f64,
}

struct Pipeline {
    validator: Validator,
    record_format: Option<RecordFormat>,
    max_record: usize,
    all: bool,
    sink: Sink,
    metrics: Arc<Metrics>,
    pending: Vec<Record>,
    pending_bytes: usize,
    /// When the oldest pending record was polled.
    since: Option<Instant>,
    /// The member's results, counted (its `totals.exchanges` read from it).
    tally: Tally,
    totals: Totals,
    /// A failure inside a rebalance callback, for the loop to return.
    failed: Option<StreamError>,
}

/// The consumer's context: the pipeline, reached from the loop and from the callbacks.
struct Member {
    pipeline: Mutex<Pipeline>,
    metrics: Arc<Metrics>,
}

impl Member {
    fn pipeline(&self) -> MutexGuard<'_, Pipeline> {
        // The pipeline is only touched from the polling thread; a poisoned lock means a panic
        // there, whose batch was never committed.
        self.pipeline
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl ClientContext for Member {
    fn log(&self, level: RDKafkaLogLevel, facility: &str, message: &str) {
        log(level, facility, message);
    }

    fn error(&self, error: KafkaError, reason: &str) {
        eprintln!("confirmspec: kafka: {error}: {reason}");
    }

    fn stats(&self, statistics: Statistics) {
        for (name, topic) in &statistics.topics {
            for (&partition, state) in &topic.partitions {
                // -1 is librdkafka's internal unassigned partition.
                if partition >= 0 && state.consumer_lag >= 0 {
                    self.metrics.lag(name, partition, Some(state.consumer_lag));
                }
            }
        }
    }
}

/// `topic[partition], ...`, for the member's log.
fn partitions(list: &TopicPartitionList) -> String {
    let names: Vec<String> = list
        .elements()
        .iter()
        .map(|p| format!("{}[{}]", p.topic(), p.partition()))
        .collect();
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}

impl ConsumerContext for Member {
    fn post_rebalance(&self, _: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        match rebalance {
            Rebalance::Assign(list) => {
                eprintln!(
                    "confirmspec consume: partitions assigned: {}",
                    partitions(list)
                );
            }
            Rebalance::Revoke(list) => {
                eprintln!(
                    "confirmspec consume: partitions revoked (their batch committed): {}",
                    partitions(list)
                );
            }
            Rebalance::Error(error) => eprintln!("confirmspec consume: rebalance failed: {error}"),
        }
    }

    fn pre_rebalance(&self, consumer: &BaseConsumer<Self>, rebalance: &Rebalance<'_>) {
        if let Rebalance::Revoke(partitions) = rebalance {
            let mut pipeline = self.pipeline();
            if let Err(error) = pipeline.process(consumer) {
                pipeline.failed.get_or_insert(error);
            }
            for partition in partitions.elements() {
                self.metrics
                    .lag(partition.topic(), partition.partition(), None);
            }
        }
    }
}

/// Joins `config.group`, validates every record of its share of `config.topics` until `stop`
/// is set, and returns what it did. Verdicts with findings (every verdict with `config.all`)
/// go to `config.to_topic`, or as JSON Lines to `out`; records that are not exchanges to
/// `config.dead_letter_topic`, or with the verdicts. `progress` is called after each batch and
/// while idle.
///
/// When `stop` is set, the batch in hand is finished and committed, the member leaves the
/// group, and this returns `Ok`. An error (verdicts not acknowledged, a failed commit, a fatal
/// consumer error) returns at once: nothing past the last commit is lost, it is read again.
pub fn consume(
    validator: &Validator,
    config: &Config,
    out: Box<dyn Write + Send>,
    metrics: Arc<Metrics>,
    stop: &AtomicBool,
    mut progress: impl FnMut(&Totals),
) -> Result<Totals, StreamError> {
    let sink = Sink::new(config, out)?;
    let mut settings = client_config(
        &config.brokers,
        &[
            ("auto.offset.reset", "earliest"),
            ("statistics.interval.ms", "5000"),
            ("queued.max.messages.kbytes", "16384"),
        ],
        &config.properties,
    );
    settings.set("group.id", &config.group);
    // Offsets are committed by the pipeline, after their verdicts, whatever `-X` says.
    settings
        .set("enable.auto.commit", "false")
        .set("enable.auto.offset.store", "false")
        .set("enable.partition.eof", "false");
    let member = Member {
        pipeline: Mutex::new(Pipeline {
            validator: validator.clone(),
            record_format: config.record_format,
            max_record: config.max_record,
            all: config.all,
            sink,
            metrics: metrics.clone(),
            pending: Vec::new(),
            pending_bytes: 0,
            since: None,
            tally: Tally::new(validator),
            totals: Totals::default(),
            failed: None,
        }),
        metrics,
    };
    let consumer: BaseConsumer<Member> =
        settings
            .create_with_context(member)
            .map_err(|e| StreamError::Setup {
                client: "consumer",
                source: e,
            })?;
    let topics: Vec<&str> = config.topics.iter().map(String::as_str).collect();
    consumer
        .subscribe(&topics)
        .map_err(|e| StreamError::Consumer {
            doing: "to subscribe",
            source: e,
        })?;
    let mut last_error = String::new();
    while !stop.load(Ordering::Relaxed) {
        let waiting = consumer.context().pipeline().since;
        let timeout = match waiting {
            Some(since) => config.batch_wait.saturating_sub(since.elapsed()),
            None => Duration::from_millis(100),
        };
        let polled = consumer.poll(timeout);
        let idle = polled.is_none();
        match polled {
            Some(Ok(message)) => {
                let record = Record {
                    topic: message.topic().into(),
                    partition: message.partition(),
                    offset: message.offset(),
                    timestamp: message.timestamp().to_millis(),
                    payload: message.payload().map(<[u8]>::to_vec),
                };
                drop(message);
                consumer.context().pipeline().push(record);
            }
            Some(Err(KafkaError::MessageConsumptionFatal(code))) => {
                return Err(StreamError::Consumer {
                    doing: "while reading",
                    source: KafkaError::MessageConsumptionFatal(code),
                });
            }
            Some(Err(error)) => {
                // Transient (a broker away, a topic not there yet): librdkafka retries.
                let text = error.to_string();
                if text != last_error {
                    eprintln!("confirmspec: kafka: {text}");
                    last_error = text;
                }
            }
            None => {}
        }
        let mut pipeline = consumer.context().pipeline();
        if let Some(error) = pipeline.failed.take() {
            return Err(error);
        }
        let due = pipeline
            .since
            .is_some_and(|since| idle || since.elapsed() >= config.batch_wait);
        if due
            || pipeline.pending.len() >= config.batch_records
            || pipeline.pending_bytes >= BATCH_BYTES
        {
            pipeline.process(&consumer)?;
        }
        let totals = pipeline.totals;
        drop(pipeline);
        progress(&totals);
    }
    let mut pipeline = consumer.context().pipeline();
    pipeline.process(&consumer)?;
    let totals = pipeline.totals;
    drop(pipeline);
    // Leaving the group revokes the partitions (nothing is pending now).
    consumer.unsubscribe();
    drop(consumer);
    Ok(totals)
}

impl Pipeline {
    fn push(&mut self, record: Record) {
        self.pending_bytes += record.payload.as_ref().map_or(0, Vec::len);
        self.since.get_or_insert_with(Instant::now);
        self.pending.push(record);
    }

    /// Validates the pending records, writes their verdicts, waits for them to be written,
    /// and commits the records' offsets.
    fn process(&mut self, consumer: &BaseConsumer<Member>) -> Result<(), StreamError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let records = std::mem::take(&mut self.pending);
        self.pending_bytes = 0;
        self.since = None;
        let items = self.items(&records);
        let (validator, record_format) = (&self.validator, self.record_format);
        let judged: Vec<Judged> = items
            .into_par_iter()
            .map(|item| judge(validator, record_format, &records, item))
            .collect();
        let mut bad = 0;
        for judged in &judged {
            let record = &records[judged.record];
            let line = VerdictLine {
                record: Coordinates {
                    topic: &record.topic,
                    partition: record.partition,
                    offset: record.offset,
                    entry: judged.entry,
                    format: judged.format.map(RecordFormat::name),
                },
                result: &judged.result,
            };
            if judged.format.is_none() {
                bad += 1;
                self.metrics.bad_record(&record.topic);
                self.sink.dead_letter(&line)?;
            } else {
                self.metrics.exchange(&judged.result, judged.seconds);
                // Collector: anything but a clean conforming verdict (warnings count).
                let findings = judged.result.verdict != Verdict::Conforming
                    || !judged.result.violations.is_empty();
                if self.all || findings {
                    self.sink.verdict(&line)?;
                }
            }
        }
        let written = self.sink.finish_batch()?;
        // Every verdict up to each record is written: commit the next offset of each
        // partition the batch read from.
        let mut next: HashMap<(&str, i32), i64> = HashMap::new();
        for record in &records {
            let at = next.entry((&record.topic, record.partition)).or_default();
            *at = (*at).max(record.offset + 1);
        }
        let mut offsets = TopicPartitionList::new();
        for ((topic, partition), offset) in next {
            offsets
                .add_partition_offset(topic, partition, Offset::Offset(offset))
                .map_err(|e| StreamError::Commit { source: e })?;
        }
        consumer
            .commit(&offsets, CommitMode::Sync)
            .map_err(|e| StreamError::Commit { source: e })?;
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        self.metrics.committed(records.iter().filter_map(|r| {
            let sent = Duration::from_millis(u64::try_from(r.timestamp?).ok()?);
            now.checked_sub(sent)
        }));
        self.metrics.written(written);
        for record in &records {
            self.metrics.record(&record.topic);
        }
        self.totals.records += records.len() as u64;
        for judged in &judged {
            self.tally.add(&judged.result, 0);
        }
        self.totals.exchanges = self.tally.summary;
        self.totals.bad_records += bad;
        self.totals.written += written as u64;
        self.totals.commits += 1;
        Ok(())
    }

    /// The exchanges to read from `records`: each record, or each element of a record that is
    /// a list; a record that cannot be read at all is one item that says why.
    fn items(&self, records: &[Record]) -> Vec<Item> {
        let mut items = Vec::with_capacity(records.len());
        for (at, record) in records.iter().enumerate() {
            let whole = |read| Item {
                record: at,
                entry: None,
                read,
            };
            let Some(payload) = &record.payload else {
                items.push(whole(Err((0, "an empty record (no value)".into()))));
                continue;
            };
            if payload.len() > self.max_record {
                items.push(whole(Err((
                    0,
                    format!(
                        "the record is {} bytes, more than the limit of {} bytes (--max-body); it was not read",
                        payload.len(),
                        self.max_record
                    ),
                ))));
                continue;
            }
            match array_elements(payload) {
                None => items.push(whole(Ok(0..payload.len()))),
                Some(Ok(ranges)) => {
                    items.extend(ranges.into_iter().enumerate().map(|(i, range)| Item {
                        record: at,
                        entry: Some(i),
                        read: Ok(range),
                    }))
                }
                Some(Err(ListError { at, problem })) => items.push(whole(Err((
                    at,
                    format!("a list of records that does not read: {problem}"),
                )))),
            }
        }
        items
    }
}

/// Reads and validates one item.
fn judge(
    validator: &Validator,
    record_format: Option<RecordFormat>,
    records: &[Record],
    item: Item,
) -> Judged {
    let started = Instant::now();
    let record = &records[item.record];
    let source = &*record.topic;
    let index = usize::try_from(record.offset).unwrap_or(0);
    // An error names the record by its coordinates (made only for errors: they are rare).
    let place = || {
        format!(
            "{} partition {} offset {}",
            record.topic, record.partition, record.offset
        )
    };
    let unreadable = |byte: usize, problem: String| ReadError {
        input: place(),
        index: item.entry,
        offset: Some(byte),
        problem,
    };
    let read = match (&item.read, &record.payload) {
        (Ok(range), Some(payload)) => read_record(
            source,
            0,
            range.start,
            &payload[range.clone()],
            record_format,
        )
        .map_err(|mut error| {
            error.input = place();
            error.index = item.entry;
            error
        }),
        (Err((byte, problem)), _) => Err(unreadable(*byte, problem.clone())),
        (Ok(_), None) => Err(unreadable(0, "an empty record (no value)".into())),
    };
    let (format, read) = match read {
        Ok((exchange, format)) => (Some(format), Ok(exchange)),
        Err(error) => (None, Err(error)),
    };
    let result = ExchangeResult::new(validator, source, index, read);
    Judged {
        record: item.record,
        entry: item.entry,
        format,
        result,
        seconds: started.elapsed().as_secs_f64(),
    }
}
