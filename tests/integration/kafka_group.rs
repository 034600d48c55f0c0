//! A consumer group against Tansu: members split the partitions and survive a kill and a join; dead
//! letters and verdicts go to topics with their coordinates; a dump of a topic validates as a file.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::broker::{broker, unique};
use crate::cli::Scratch;

use crate::kafka::*;

#[test]
fn members_of_a_group_split_the_partitions_and_survive_a_kill_and_a_join() {
    let scratch = Scratch::new("kafka-group");
    let topic = unique("group");
    let group = unique("members");
    broker().create_topic(&topic, PARTITIONS);
    let exchanges = demo_exchanges();
    let record = |i: usize| -> (i32, Vec<u8>) {
        (
            (i % PARTITIONS as usize) as i32,
            exchanges[i % exchanges.len()].to_string().into_bytes(),
        )
    };
    let (first, second, third) = (
        start_member(&topic, &group, &scratch.0.join("a.jsonl"), &["--all"]),
        start_member(&topic, &group, &scratch.0.join("b.jsonl"), &["--all"]),
        scratch.0.join("c.jsonl"),
    );
    // The group settles with the partitions split between the two.
    wait_until(
        "the two members to split the partitions",
        Duration::from_secs(60),
        || match (first.assigned(), second.assigned()) {
            (Some(a), Some(b)) => {
                !a.is_empty() && !b.is_empty() && a.is_disjoint(&b) && a.len() + b.len() == 4
            }
            _ => false,
        },
    );
    let (a, b) = (first.assigned().unwrap(), second.assigned().unwrap());
    let half: Vec<(i32, Vec<u8>)> = (0..600).map(record).collect();
    broker().produce(&topic, &half);
    wait_until("the first half read", Duration::from_secs(120), || {
        first.lines().len() + second.lines().len() >= 600
    });
    // Each member wrote verdicts of its own partitions only.
    for (member, mine) in [(&first, &a), (&second, &b)] {
        let partitions: BTreeSet<i32> = member
            .lines()
            .iter()
            .map(|l| l["record"]["partition"].as_i64().unwrap() as i32)
            .collect();
        assert_eq!(&partitions, mine, "{}", member.stderr());
    }

    // The first member is killed in the middle of the second half; the second takes its
    // partitions; then a third joins, still in the middle of the traffic.
    let mut first = first;
    let rest: Vec<(i32, Vec<u8>)> = (600..1800).map(record).collect();
    let producing = {
        let topic = topic.clone();
        // Some fifteen seconds of traffic, so that the kill and the join fall in its middle.
        std::thread::spawn(move || {
            for chunk in rest.chunks(40) {
                broker().produce(&topic, chunk);
                std::thread::sleep(Duration::from_millis(500));
            }
        })
    };
    wait_until(
        "the first member to read some of the second half",
        Duration::from_secs(60),
        || first.lines().len() > a.len() * 150 + 10,
    );
    first.child.kill().unwrap();
    first.child.wait().unwrap();
    // Tansu 0.6 reassigns a dead member's partitions at the group's next rebalance, once the
    // member's session (6 s here) has run out; it starts none of its own (measured: the second
    // member had not got them 60 s after the kill; Apache Kafka rebalances when the session
    // runs out). So the third member joins once the session is over, and the group's
    // rebalance gives the killed member's partitions to the living.
    std::thread::sleep(Duration::from_secs(8));
    let third = start_member(&topic, &group, &third, &["--all"]);
    wait_until(
        "the living members to share every partition",
        Duration::from_secs(60),
        || match (second.assigned(), third.assigned()) {
            (Some(b), Some(c)) => {
                !b.is_empty() && !c.is_empty() && b.is_disjoint(&c) && b.len() + c.len() == 4
            }
            _ => false,
        },
    );
    producing.join().unwrap();

    // Every offset of every partition has a verdict in some member's output.
    let everything: BTreeSet<(i32, i64)> = (0..1800)
        .map(|i| {
            (
                (i % PARTITIONS as usize) as i32,
                (i / PARTITIONS as usize) as i64,
            )
        })
        .collect();
    let covered = || -> BTreeSet<(i32, i64)> {
        [&first.output, &second.output, &third.output]
            .iter()
            .flat_map(|path| output_lines(path))
            .map(|l| {
                let record = &l["record"];
                (
                    record["partition"].as_i64().unwrap() as i32,
                    record["offset"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    let deadline = Instant::now() + Duration::from_secs(120);
    while !covered().is_superset(&everything) {
        if Instant::now() > deadline {
            let missing: Vec<_> = everything.difference(&covered()).copied().collect();
            panic!(
                "no verdict within 120 s for {} offsets, among them {:?}\n\
                 first (killed):\n{}\nsecond:\n{}\nthird:\n{}",
                missing.len(),
                &missing[..missing.len().min(20)],
                first.stderr(),
                second.stderr(),
                third.stderr()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(
        covered(),
        everything,
        "no verdict for an offset never produced"
    );
    for member in [second, third] {
        let (status, stderr) = member.terminate();
        assert!(status.success(), "{status:?}: {stderr}");
    }
}

#[test]
fn dead_letters_and_verdicts_go_to_topics_with_their_coordinates() {
    let topic = unique("letters");
    let (verdicts, dead) = (unique("verdicts"), unique("dead"));
    broker().create_topic(&topic, PARTITIONS);
    broker().create_topic(&verdicts, 2);
    broker().create_topic(&dead, 1);
    let exchanges = demo_exchanges();
    let mut payloads: Vec<Vec<u8>> = exchanges
        .iter()
        .map(|e| e.to_string().into_bytes())
        .collect();
    let broken = broken_records();
    payloads.extend(broken.iter().map(|b| b.clone().into_bytes()));
    let records: Vec<(i32, Vec<u8>)> = payloads
        .into_iter()
        .enumerate()
        .map(|(i, p)| ((i % PARTITIONS as usize) as i32, p))
        .collect();
    let scratch = Scratch::new("kafka-letters");
    let member = start_member(
        &topic,
        &unique("group"),
        &scratch.0.join("unused.jsonl"),
        &[
            "--to-topic",
            &verdicts,
            "--dead-letter-topic",
            &dead,
            "--max-body",
            "64K",
        ],
    );
    broker().produce(&topic, &records);

    let letters = broker().read_topic(&dead, 1, broken.len());
    assert_eq!(letters.len(), broken.len(), "{}", member.stderr());
    for (index, raw) in broken.iter().enumerate() {
        let i = exchanges.len() + index;
        let (partition, offset) = (
            (i % PARTITIONS as usize) as i64,
            (i / PARTITIONS as usize) as i64,
        );
        let letter: Value = letters
            .iter()
            .map(|(_, _, _, value)| serde_json::from_str::<Value>(value).unwrap())
            .find(|l| l["record"]["partition"] == partition && l["record"]["offset"] == offset)
            .unwrap_or_else(|| panic!("no dead letter for partition {partition} offset {offset}"));
        assert_eq!(letter["record"]["topic"], topic.as_str());
        assert_eq!(letter["verdict"], "unreadable");
        let reason = letter["reason"].as_str().unwrap();
        assert!(
            reason.starts_with(&format!("{topic} partition {partition} offset {offset}")),
            "{reason}"
        );
        // The record's bytes are never copied into the letter.
        assert!(
            raw.len() < 8 || !letter.to_string().contains(&raw[..8]),
            "{letter}"
        );
    }

    // Verdicts with findings only, each keyed by its operation, in the verdict topic.
    let ran = crate::cli::run(
        crate::cli::confirmspec()
            .args(["validate", "--format", "json"])
            .arg(crate::cli::DEMO),
    );
    let summary = &crate::cli::json(&ran)["summary"];
    let findings = summary["exchanges"].as_u64().unwrap() - summary["conforming"].as_u64().unwrap();
    let written = broker().read_topic(&verdicts, 2, findings as usize);
    assert_eq!(written.len() as u64, findings);
    for (_, _, key, value) in &written {
        let verdict: Value = serde_json::from_str(value).unwrap();
        let expected = match (verdict["spec"].as_str(), verdict["operation"].as_str()) {
            (Some(spec), Some(operation)) => format!("{spec}/{operation}"),
            _ => verdict["verdict"].as_str().unwrap().to_owned(),
        };
        assert_eq!(key.as_deref(), Some(expected.as_str()));
        assert!(!value.contains("SECRET"), "{value}");
    }
    let (status, stderr) = member.terminate();
    assert!(status.success(), "{status:?}: {stderr}");
    assert!(
        stderr.contains(&format!("{} bad records", broken.len())),
        "{stderr}"
    );
}

#[test]
fn validate_reads_a_dump_of_a_topic_with_each_format_detected_or_fixed() {
    let scratch = Scratch::new("record-format");
    let exchange = &demo_exchanges()[0];
    let [_, har, apisix, kong] = in_each_format(exchange);
    let batch = Value::Array(vec![apisix.clone(), apisix.clone()]);
    let dump = format!("{har}\n{apisix}\n{batch}\n{kong}\n");
    let file = scratch.file("dump", dump);
    let ran = crate::cli::run(
        crate::cli::confirmspec()
            .args(["validate", "--format", "json"])
            .arg(&file),
    );
    let report = crate::cli::json(&ran);
    assert_eq!(report["summary"]["exchanges"], 5, "{report}");
    assert_eq!(report["summary"]["unreadable"], 0, "{report}");
    // Kong's record has no bodies: the exchange is checked, its bodies are not.
    let kong_result = &report["exchanges"][4];
    assert!(
        kong_result["violations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v["keyword"] == "unrecorded"),
        "{kong_result}"
    );

    // Fixed to APISIX's format, the HAR entry and Kong's record do not read as it.
    let ran = crate::cli::run(
        crate::cli::confirmspec()
            .args([
                "validate",
                "--format",
                "json",
                "--record-format",
                "har-entry",
            ])
            .arg(&file),
    );
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    let report = crate::cli::json(&ran);
    assert_eq!(report["summary"]["unreadable"], 4, "{report}");
    assert_ne!(report["exchanges"][0]["verdict"], "unreadable", "{report}");
    for unreadable in &report["exchanges"].as_array().unwrap()[1..] {
        let reason = unreadable["reason"].as_str().unwrap();
        assert!(reason.contains("not a HAR entry"), "{reason}");
    }
}
