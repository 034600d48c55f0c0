//! A real Kafka-protocol broker for the tests: Tansu, started on a free port of 127.0.0.1 with
//! in-memory storage, one per test binary, stopped when the binary exits. Nothing here is a
//! mock of the protocol; the clients are librdkafka's.
//!
//! Tansu is found as `$TANSU`, on the PATH, or in `~/.cargo/bin`; `.ci/run` installs it
//! (`cargo install tansu --locked --features dynostore`). A test that needs it fails, saying
//! so, when it is not there.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use rdkafka::admin::{AdminClient, AdminOptions, NewTopic, TopicReplication};
use rdkafka::client::DefaultClientContext;
use rdkafka::consumer::{BaseConsumer, Consumer};
use rdkafka::producer::{BaseProducer, BaseRecord, Producer};
use rdkafka::{ClientConfig, Message, Offset, TopicPartitionList};

pub(crate) struct Broker {
    pub(crate) address: String,
    _process: Child,
}

pub(crate) fn tansu() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let candidates = std::env::var_os("TANSU")
        .map(PathBuf::from)
        .into_iter()
        .chain(std::env::split_paths(&path).map(|dir| dir.join("tansu")))
        .chain(std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo/bin/tansu")));
    for candidate in candidates {
        if candidate.is_file() {
            return candidate;
        }
    }
    panic!(
        "these tests need a Kafka-protocol broker, and Tansu is not installed: \
         `cargo install tansu --locked --features dynostore` (.ci/run does it), \
         or set TANSU to its path"
    );
}

/// The test binary's broker, started on first use.
pub(crate) fn broker() -> &'static Broker {
    static BROKER: OnceLock<Broker> = OnceLock::new();
    BROKER.get_or_init(Broker::start)
}

impl Broker {
    fn start() -> Broker {
        let tansu = tansu();
        let port = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap().port()
        };
        let url = format!("tcp://127.0.0.1:{port}");
        // The shell ends Tansu when this process ends, however it ends: its standard input is
        // a pipe from this process, which closes then.
        let script = format!(
            "{} broker --kafka-listener-url {url} --kafka-advertised-listener-url {url} \
             --storage-engine memory://tansu/ >&2 & child=$!; read _ignored; kill $child",
            shell_quote(&tansu.display().to_string())
        );
        let mut process = Command::new("sh")
            .args(["-c", &script])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("sh starts");
        // Its log, drained so that it never blocks on a full pipe; kept for a failure message.
        let stderr = process.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if std::env::var_os("TANSU_LOG").is_some() {
                    eprintln!("tansu: {line}");
                }
            }
        });
        let address = format!("127.0.0.1:{port}");
        let broker = Broker {
            address,
            _process: process,
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let consumer: BaseConsumer = broker.config().create().unwrap();
            if consumer
                .fetch_metadata(None, Duration::from_secs(2))
                .is_ok_and(|m| !m.brokers().is_empty())
            {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "Tansu ({}) did not answer on {} within 60 s",
                tansu.display(),
                broker.address
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        broker
    }

    pub(crate) fn config(&self) -> ClientConfig {
        let mut config = ClientConfig::new();
        config.set("bootstrap.servers", &self.address);
        config
    }

    /// Creates `topic` with `partitions` partitions.
    pub(crate) fn create_topic(&self, topic: &str, partitions: i32) {
        let admin: AdminClient<DefaultClientContext> = self.config().create().unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let created = runtime
            .block_on(admin.create_topics(
                &[NewTopic::new(topic, partitions, TopicReplication::Fixed(1))],
                &AdminOptions::new().operation_timeout(Some(Duration::from_secs(10))),
            ))
            .expect("the broker answers CreateTopics");
        for result in created {
            result.unwrap_or_else(|(name, code)| panic!("cannot create {name}: {code}"));
        }
    }

    /// Produces each record to its partition, in order, one record per batch (Tansu 0.6
    /// serves a consumer that resumes inside a batch from the next batch, skipping the rest).
    pub(crate) fn produce(&self, topic: &str, records: &[(i32, Vec<u8>)]) {
        let producer: BaseProducer = self
            .config()
            .set("batch.num.messages", "1")
            .set("linger.ms", "0")
            .set("enable.idempotence", "true")
            .create()
            .unwrap();
        for (partition, payload) in records {
            let mut record = BaseRecord::<(), [u8]>::to(topic)
                .partition(*partition)
                .payload(payload);
            loop {
                match producer.send(record) {
                    Ok(()) => break,
                    Err((_, back)) => {
                        record = back;
                        producer.poll(Duration::from_millis(10));
                    }
                }
            }
            producer.poll(Duration::ZERO);
        }
        producer
            .flush(Duration::from_secs(60))
            .expect("every record acknowledged");
    }

    /// Every record of `topic` (its `partitions` partitions) until `count` are read or 60 s
    /// pass: partition, offset, key and value.
    pub(crate) fn read_topic(
        &self,
        topic: &str,
        partitions: i32,
        count: usize,
    ) -> Vec<(i32, i64, Option<String>, String)> {
        let consumer: BaseConsumer = self
            .config()
            .set("group.id", "confirmspec-tests-reader")
            .set("enable.auto.commit", "false")
            .create()
            .unwrap();
        let mut assignment = TopicPartitionList::new();
        for partition in 0..partitions {
            assignment
                .add_partition_offset(topic, partition, Offset::Beginning)
                .unwrap();
        }
        consumer.assign(&assignment).unwrap();
        let mut records = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        while records.len() < count && Instant::now() < deadline {
            if let Some(Ok(message)) = consumer.poll(Duration::from_millis(200)) {
                records.push((
                    message.partition(),
                    message.offset(),
                    message
                        .key()
                        .map(|k| String::from_utf8_lossy(k).into_owned()),
                    String::from_utf8_lossy(message.payload().unwrap_or_default()).into_owned(),
                ));
            }
        }
        records
    }
}

fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// A name no other test uses, for topics and groups.
pub(crate) fn unique(name: &str) -> String {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{name}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}
