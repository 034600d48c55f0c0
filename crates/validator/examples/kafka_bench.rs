//! The Kafka side of `benches/stream.sh`, with librdkafka as `confirmspec consume` uses it:
//!
//! ```text
//! kafka_bench create BROKERS TOPIC PARTITIONS
//! kafka_bench produce BROKERS TOPIC FILE [RATE]   every line of FILE a record; RATE per second (0: at once)
//! kafka_bench read BROKERS TOPIC COUNT [KEY=VALUE...]  a bare consumer: reads COUNT records,
//!                                                 does nothing else; prints the rate and the
//!                                                 p50/p99 of record timestamp -> read
//! ```
//!
//! `read` is the broker's ceiling for a member: a consumer in a new group from the earliest
//! offset that only reads (payloads touched, nothing parsed), on one thread as a member polls.

use std::io::BufRead;
use std::time::{Duration, Instant};

use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::producer::{BaseProducer, BaseRecord, Producer};
use rdkafka::{ClientConfig, Message};

fn config(brokers: &str) -> ClientConfig {
    let mut config = ClientConfig::new();
    config.set("bootstrap.servers", brokers);
    config
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| -> &str {
        args.get(i).map(String::as_str).unwrap_or_else(|| {
            eprintln!("usage: kafka_bench create|produce|read BROKERS TOPIC ... (see the source)");
            std::process::exit(2)
        })
    };
    match arg(0) {
        "create" => create(arg(1), arg(2), arg(3).parse().expect("PARTITIONS")),
        "produce" => produce(
            arg(1),
            arg(2),
            arg(3),
            args.get(4).map_or(0, |r| r.parse().expect("RATE")),
        ),
        "read" => read(
            arg(1),
            arg(2),
            arg(3).parse().expect("COUNT"),
            &args[4.min(args.len())..],
        ),
        other => {
            eprintln!("kafka_bench: no command `{other}`");
            std::process::exit(2);
        }
    }
}

fn create(brokers: &str, topic: &str, partitions: i32) {
    let admin: AdminClient<DefaultClientContext> = config(brokers).create().expect("admin");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let results = runtime
        .block_on(admin.create_topics(
            &[NewTopic::new(topic, partitions, TopicReplication::Fixed(1))],
            &AdminOptions::new().operation_timeout(Some(Duration::from_secs(10))),
        ))
        .expect("CreateTopics");
    for result in results {
        result.unwrap_or_else(|(name, code)| panic!("cannot create {name}: {code}"));
    }
}

fn produce(brokers: &str, topic: &str, file: &str, rate: u64) {
    let producer: BaseProducer = config(brokers)
        .set("linger.ms", if rate == 0 { "20" } else { "0" })
        .set("queue.buffering.max.messages", "1000000")
        .create()
        .expect("producer");
    let lines = std::io::BufReader::new(std::fs::File::open(file).expect("FILE")).lines();
    let started = Instant::now();
    let mut sent = 0u64;
    for line in lines {
        let line = line.expect("a line");
        if rate > 0 {
            // On schedule: record n leaves at n / rate seconds.
            let due = started + Duration::from_secs_f64(sent as f64 / rate as f64);
            while Instant::now() < due {
                producer.poll(Duration::ZERO);
                std::thread::sleep(Duration::from_micros(200));
            }
        }
        let mut record = BaseRecord::<(), str>::to(topic).payload(line.as_str());
        loop {
            match producer.send(record) {
                Ok(()) => break,
                Err((_, back)) => {
                    record = back;
                    producer.poll(Duration::from_millis(5));
                }
            }
        }
        producer.poll(Duration::ZERO);
        sent += 1;
    }
    producer
        .flush(Duration::from_secs(600))
        .expect("every record acknowledged");
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "produced {sent} records in {seconds:.2} s ({:.0}/s)",
        sent as f64 / seconds
    );
}

fn read(brokers: &str, topic: &str, count: u64, properties: &[String]) {
    let group = format!("kafka-bench-read-{}", std::process::id());
    let mut config = config(brokers);
    config
        .set("group.id", &group)
        .set("auto.offset.reset", "earliest")
        .set("enable.auto.commit", "false")
        .set("queued.max.messages.kbytes", "16384");
    for property in properties {
        let (key, value) = property.split_once('=').expect("KEY=VALUE");
        config.set(key, value);
    }
    let consumer: BaseConsumer = config.create().expect("consumer");
    consumer.subscribe(&[topic]).expect("subscribe");
    let mut read = 0u64;
    let mut bytes = 0usize;
    let mut started = None;
    let mut ages = Vec::with_capacity(count as usize);
    while read < count {
        if let Some(message) = consumer.poll(Duration::from_millis(100)) {
            let message = message.expect("a record");
            started.get_or_insert_with(Instant::now);
            bytes += message.payload().map_or(0, <[u8]>::len);
            if let Some(sent) = message.timestamp().to_millis() {
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_millis() as i64);
                ages.push(now - sent);
            }
            read += 1;
        }
    }
    let seconds = started.map_or(0.0, |s| s.elapsed().as_secs_f64());
    ages.sort_unstable();
    let quantile = |q: f64| {
        ages.get(((ages.len() as f64 * q) as usize).min(ages.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0)
    };
    println!(
        "read {read} records ({:.0} MB) in {seconds:.2} s ({:.0}/s); timestamp -> read p50 {} ms, p99 {} ms",
        bytes as f64 / 1e6,
        read as f64 / seconds,
        quantile(0.5),
        quantile(0.99)
    );
}
