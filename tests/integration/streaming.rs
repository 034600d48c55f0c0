//! Captures read as streams: order kept across batches and cores, damaged HAR entries in the
//! middle, bodies the recorder left out, and a capture larger than the memory it may use.

use std::io::Write;
use std::process::{Command as Process, Stdio};

use confirmspec_validator::CaptureFormat;
use confirmspec_validator::generate::{Amount, Generator, Kind, write_capture};
use serde_json::Value;

use crate::cli::{
    DEMO, PETSTORE_HAR, PETSTORE_SPEC, Scratch, confirmspec, find, json, petstore_report, run,
    summary,
};

/// The verdict the generator meant each kind of exchange to get.
fn expected_verdicts(counts: &[(Kind, u64)]) -> [u64; 5] {
    let conforming = counts
        .iter()
        .filter(|(k, _)| *k == Kind::Conforming)
        .map(|(_, n)| n)
        .sum::<u64>();
    let unmatched = counts
        .iter()
        .filter(|(k, _)| *k == Kind::Unmatched)
        .map(|(_, n)| n)
        .sum::<u64>();
    let total = counts.iter().map(|(_, n)| n).sum::<u64>();
    [
        total,
        conforming,
        total - conforming - unmatched,
        unmatched,
        0,
    ]
}

#[test]
fn generated_captures_get_the_verdicts_they_were_made_for_in_both_formats() {
    let scratch = Scratch::new("generated");
    for (format, name) in [
        (CaptureFormat::JsonLines, "generated.jsonl"),
        (CaptureFormat::Har, "generated.har"),
    ] {
        let mut generator =
            Generator::new(&confirmspec::bundled_specs(), 7).expect("examples to build on");
        let mut bytes = Vec::new();
        // Several batches, so that order across batches and cores is tested too.
        let counts =
            write_capture(&mut generator, format, Amount::Bytes(3 << 20), &mut bytes).unwrap();
        assert!(counts.iter().all(|(_, n)| *n > 0), "every kind: {counts:?}");
        let capture = scratch.file(name, &bytes);
        let ran = run(confirmspec()
            .args(["validate", "--format", "jsonl"])
            .arg(&capture));
        assert_eq!(ran.code, 1, "{}", ran.stderr);
        let lines: Vec<Value> = ran
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let (last, exchanges) = lines.split_last().unwrap();
        assert_eq!(summary(last), expected_verdicts(&counts), "{name}");
        for (i, exchange) in exchanges.iter().enumerate() {
            assert_eq!(exchange["index"], i, "{name}: results keep the input order");
        }
    }
}

#[test]
fn a_damaged_har_entry_in_the_middle_is_reported_and_the_rest_validated() {
    let har = std::fs::read(PETSTORE_HAR).unwrap();
    let clean = petstore_report();
    let entries: Value = serde_json::from_slice(&har).unwrap();
    let url = entries["log"]["entries"][2]["request"]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    // The closing quote of the third entry's URL is lost: its JSON breaks from there on.
    let quote = find(&har, format!("\"{url}\"").as_bytes()) + url.len() + 1;
    let mut damaged = har.clone();
    damaged.remove(quote);
    let scratch = Scratch::new("damaged");
    let capture = scratch.file("damaged.har", &damaged);

    let ran = run(confirmspec()
        .args(["validate", "--format", "json", "--spec", PETSTORE_SPEC])
        .arg(&capture));
    assert_eq!(ran.code, 2);
    let report = json(&ran);
    let before = clean["exchanges"].as_array().unwrap();
    let after = report["exchanges"].as_array().unwrap();
    assert_eq!(after.len(), before.len(), "every entry is accounted for");
    for (i, (was, is)) in before.iter().zip(after).enumerate() {
        if i == 2 {
            assert_eq!(is["verdict"], "unreadable");
            let reason = is["reason"].as_str().unwrap();
            assert!(
                reason.contains("damaged.har: entry 2") && reason.contains("damaged JSON"),
                "{reason}"
            );
        } else {
            assert_eq!(is["verdict"], was["verdict"], "entry {i}");
            assert_eq!(is["violations"], was["violations"], "entry {i}");
        }
    }
}

#[test]
fn bodies_the_recorder_left_out_or_cut_are_warnings_not_violations() {
    let scratch = Scratch::new("unrecorded");
    let mut generator = Generator::new(&confirmspec::bundled_specs(), 3).unwrap();
    let mut bytes = Vec::new();
    write_capture(
        &mut generator,
        CaptureFormat::Har,
        Amount::Bytes(16 << 10),
        &mut bytes,
    )
    .unwrap();
    let generated = scratch.file("generated.har", &bytes);
    let mut har: Value = serde_json::from_slice(&bytes).unwrap();
    let clean = json(&run(confirmspec()
        .args(["validate", "--format", "json"])
        .arg(&generated)));
    // Two conforming entries with JSON response bodies: one cut in half, one left out.
    let chosen: Vec<usize> = clean["exchanges"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .filter(|(i, e)| {
            e["verdict"] == "conforming"
                && har["log"]["entries"][*i]["response"]["content"]["text"]
                    .as_str()
                    .is_some_and(|t| t.len() > 20)
        })
        .map(|(i, _)| i)
        .take(2)
        .collect();
    assert_eq!(chosen.len(), 2, "the capture has such entries");
    let entries = har["log"]["entries"].as_array_mut().unwrap();
    for (n, &i) in chosen.iter().enumerate() {
        let content = entries[i]["response"]["content"].as_object_mut().unwrap();
        let text = content["text"].as_str().unwrap().to_owned();
        content.insert("size".into(), text.len().into());
        if n == 0 {
            content.insert("text".into(), text[..text.len() / 2].into());
        } else {
            content.remove("text");
        }
    }
    let capture = scratch.file("cut-bodies.har", serde_json::to_vec(&har).unwrap());
    let report = json(&run(confirmspec()
        .args(["validate", "--format", "json"])
        .arg(&capture)));
    for (n, &i) in chosen.iter().enumerate() {
        let exchange = &report["exchanges"][i];
        assert_eq!(exchange["verdict"], "conforming", "a warning only");
        let warning = &exchange["violations"][0];
        assert_eq!(
            (warning["keyword"].as_str(), warning["severity"].as_str()),
            (Some("unrecorded"), Some("warning"))
        );
        let message = warning["message"].as_str().unwrap();
        let expected = if n == 0 {
            "cut the body short"
        } else {
            "left the body out"
        };
        assert!(message.contains(expected), "{message}");
    }
}

/// The validator reads a capture three times larger than the memory it may use: it streams.
#[cfg(target_os = "linux")]
#[test]
fn a_capture_larger_than_the_memory_limit_is_validated_whole() {
    // RLIMIT_DATA bounds the heap and every private writable mapping (thread stacks too, and
    // what mimalloc has reserved in steps but not used: it needs a little more than 32 MiB to
    // start). The least that reads a 200 MiB capture whole, measured with batches of 1 MiB:
    // 60 MiB for the debug binary, 56 for the release one, each run three times (52 passed
    // once in three). A limit 8 MiB above the least failed now and then with the whole suite
    // running beside it (an allocation of a few KB refused), so this one leaves a third more.
    const LIMIT_KB: u64 = 80 << 10;
    const CAPTURE: u64 = 256 << 20;
    let binary = assert_cmd::cargo::cargo_bin("confirmspec");
    let mut child = Process::new("bash")
        .arg("-c")
        .arg(format!(
            "ulimit -d {LIMIT_KB} && exec \"$0\" validate --quiet -"
        ))
        .arg(&binary)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("bash runs");
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let mut generator = Generator::new(&confirmspec::bundled_specs(), 11).unwrap();
        let mut out = std::io::BufWriter::new(&mut stdin);
        let counts = write_capture(
            &mut generator,
            CaptureFormat::JsonLines,
            Amount::Bytes(CAPTURE),
            &mut out,
        );
        out.flush().ok();
        counts
    });
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let counts = writer.join().unwrap().unwrap_or_else(|e| {
        panic!(
            "the validator stopped reading ({e}), exit {:?}:\n{stdout}\n{}",
            output.status.code(),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    assert_eq!(
        output.status.code(),
        Some(1),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let [total, conforming, violating, unmatched, _] = expected_verdicts(&counts);
    let expected = format!(
        "Summary: {total} exchanges: {conforming} conforming, {violating} violating, {unmatched} unmatched, 0 unreadable"
    );
    assert!(stdout.contains(&expected), "{expected}\n{stdout}");
    const { assert!(CAPTURE > 3 * (LIMIT_KB << 10)) };
}

#[test]
fn quiet_is_accepted_and_no_progress_is_drawn_off_a_terminal() {
    for args in [&["validate", DEMO][..], &["validate", "--quiet", DEMO]] {
        let ran = run(confirmspec().args(args));
        assert_eq!(ran.code, 1);
        assert!(ran.stderr.is_empty(), "{args:?}: {}", ran.stderr);
    }
}

#[test]
fn stdin_is_told_apart_even_when_its_first_line_is_megabytes_long() {
    let body = "x".repeat(2 << 20);
    let line = serde_json::json!({
        "request": {"method": "GET", "url": "/nowhere"},
        "response": {"status": 200, "body_text": body},
    })
    .to_string();
    let ran = run(confirmspec()
        .args(["validate", "--format", "json", "-"])
        .write_stdin(format!("{line}\n{line}\n")));
    assert_eq!(
        summary(&json(&ran)),
        [2, 0, 0, 2, 0],
        "two unmatched exchanges"
    );

    let minified_har = std::fs::read_to_string(PETSTORE_HAR)
        .unwrap()
        .replace('\n', "");
    let ran = run(confirmspec()
        .args(["validate", "--format", "json", "--spec", PETSTORE_SPEC, "-"])
        .write_stdin(minified_har));
    assert_eq!(summary(&json(&ran))[4], 0, "read as HAR: {}", ran.stdout);
}

/// What `traffic::read` made of a capture: (readable, unreadable, indices in order).
fn read_all(name: &str, bytes: &[u8]) -> (usize, usize, bool) {
    let (mut readable, mut unreadable) = (0, 0);
    let mut last: Option<usize> = None;
    let mut in_order = true;
    confirmspec_validator::read(name, bytes, |index, read| {
        match read {
            Ok(_) => readable += 1,
            Err(_) => unreadable += 1,
        }
        // An error that belongs to no entry (a capture that cannot be read at all) has
        // index 0; every other index grows.
        if index != 0 && last.is_some_and(|previous| index <= previous) {
            in_order = false;
        }
        last = Some(index);
    });
    (readable, unreadable, in_order)
}

fn generated(format: CaptureFormat, size: u64) -> Vec<u8> {
    let mut generator = Generator::new(&confirmspec::bundled_specs(), 5).unwrap();
    let mut bytes = Vec::new();
    write_capture(&mut generator, format, Amount::Bytes(size), &mut bytes).unwrap();
    bytes
}

#[test]
fn a_capture_cut_anywhere_keeps_every_whole_entry_and_reports_the_cut() {
    let mut rng = fastrand::Rng::with_seed(20261122);
    let jsonl = generated(CaptureFormat::JsonLines, 64 << 10);
    for _ in 0..200 {
        let cut = rng.usize(1..jsonl.len());
        let whole_lines = jsonl[..cut].iter().filter(|b| **b == b'\n').count();
        let (readable, unreadable, in_order) = read_all("cut.jsonl", &jsonl[..cut]);
        assert!(in_order, "cut at {cut}");
        assert!(
            readable == whole_lines || (readable == whole_lines + 1 && jsonl[cut] == b'\n'),
            "cut at {cut}: {readable} read of {whole_lines} whole lines"
        );
        assert!(unreadable <= 1, "cut at {cut}: {unreadable} unreadable");
    }

    let har = generated(CaptureFormat::Har, 64 << 10);
    let document: Value = serde_json::from_slice(&har).unwrap();
    let entries = document["log"]["entries"].as_array().unwrap().len();
    // Where each entry ends: the generator writes one entry a line (`{...},`), after a
    // one-line head.
    let mut ends = Vec::new();
    let mut start = 0;
    for line in har.split(|b| *b == b'\n') {
        if line.starts_with(b"{") && !line.starts_with(b"{\"log\"") {
            let len = line.len() - usize::from(line.ends_with(b","));
            ends.push(start + len);
        }
        start += line.len() + 1;
    }
    assert_eq!(ends.len(), entries);
    for _ in 0..200 {
        let cut = rng.usize(1..har.len() - 4);
        let whole = ends.iter().filter(|end| **end <= cut).count().min(entries);
        let (readable, unreadable, in_order) = read_all("cut.har", &har[..cut]);
        assert!(in_order, "cut at {cut}");
        assert_eq!(readable, whole, "cut at {cut}: every whole entry is read");
        assert_eq!(unreadable, 1, "cut at {cut}: the cut is reported once");
    }
}

#[test]
fn flipped_bytes_lose_only_the_entries_they_hit() {
    let mut rng = fastrand::Rng::with_seed(7);
    let har = generated(CaptureFormat::Har, 64 << 10);
    let document: Value = serde_json::from_slice(&har).unwrap();
    let entries = document["log"]["entries"].as_array().unwrap().len();
    let head = har.iter().position(|b| *b == b'\n').unwrap() + 1;
    for round in 0..200 {
        let mut damaged = har.clone();
        let flips = rng.usize(1..4);
        for _ in 0..flips {
            // Inside the entries, where the damage can be survived.
            let at = rng.usize(head..har.len() - 8);
            damaged[at] = rng.u8(..);
        }
        let (readable, unreadable, in_order) = read_all("flipped.har", &damaged);
        assert!(in_order, "round {round}");
        assert!(
            readable + 3 * flips >= entries,
            "round {round}: {flips} flipped bytes lost {} of {entries} entries",
            entries - readable.min(entries)
        );
        assert!(readable + unreadable >= entries.saturating_sub(2 * flips));
    }
}

/// Every input `cargo fuzz run har` crashed on, as it found it (`tests/fuzz-regressions/har/`),
/// read again the way the fuzz target reads it: each entry handed over once, in order.
#[test]
fn the_inputs_the_har_fuzzer_crashed_on_are_read_without_a_panic() {
    let dir = crate::root().join("tests/fuzz-regressions/har");
    let mut replayed = 0;
    for file in std::fs::read_dir(&dir).unwrap() {
        let path = file.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let (_, _, in_order) = read_all(&path.display().to_string(), &bytes);
        assert!(in_order, "{}", path.display());
        replayed += 1;
    }
    assert!(replayed >= 2, "the crash inputs are in {}", dir.display());
}

/// Found by `cargo fuzz run har`: damage, then more than a read's worth of bytes with no
/// comma, made the scanner's position underflow when the reader dropped the bytes it had
/// searched.
#[test]
fn a_damaged_entry_followed_by_a_long_stretch_without_commas_is_read_past() {
    let mut har = b"{\"log\": {\"entries\": [\n".to_vec();
    har.extend_from_slice(br#"{"request": {"url": "/a"}}, {"request": x"#);
    har.extend(std::iter::repeat_n(b'y', 300 << 10));
    har.extend_from_slice(br#", {"request": {"method": "GET", "url": "/b"}}]}}"#);
    let (readable, unreadable, in_order) = read_all("long.har", &har);
    assert!(in_order);
    assert_eq!(
        unreadable, 2,
        "the first entry lacks its method; the second is damaged"
    );
    assert_eq!(readable, 1, "the entry after the stretch is read");
}

/// Found by `cargo fuzz run har`: after damage, an object that is not an entry and spans the
/// end of a batch made the resynchronising search's start underflow when its bytes were cut.
#[test]
fn a_long_object_that_is_not_an_entry_after_damage_is_read_past() {
    let mut har = b"{\"log\": {\"entries\": [\n".to_vec();
    har.extend_from_slice(
        br#"{"request": {"method": "GET", "url": "/a"}}, {"request": x, {"note": ""#,
    );
    har.extend(std::iter::repeat_n(b'y', 300 << 10));
    har.extend_from_slice(br#""}, {"request": {"method": "GET", "url": "/b"}}]}}"#);
    let (readable, unreadable, in_order) = read_all("long-object.har", &har);
    assert!(in_order);
    assert_eq!(
        (readable, unreadable),
        (2, 1),
        "/a and /b read, the damage reported"
    );
}

#[test]
fn generate_writes_the_count_of_exchanges_asked_for_in_both_formats() {
    let scratch = Scratch::new("generate-count");
    for format in ["jsonl", "har"] {
        let file = scratch.0.join(format!("count.{format}"));
        let ran = run(confirmspec()
            .args([
                "generate", "--count", "257", "--seed", "7", "--format", format, "-o",
            ])
            .arg(&file));
        assert_eq!(ran.code, 0, "{}", ran.stderr);
        // It says, in words, how many it wrote, how, where, and of which kinds.
        let said = format!(
            "confirmspec generate: wrote 257 exchanges as {} to {}: ",
            if format == "har" { "HAR" } else { "JSON Lines" },
            file.display()
        );
        assert!(ran.stderr.starts_with(&said), "{}", ran.stderr);
        assert!(ran.stderr.contains(" as documented"), "{}", ran.stderr);
        let report = json(&run(confirmspec()
            .args(["validate", "--format", "json"])
            .arg(&file)));
        assert_eq!(summary(&report)[0], 257, "{format}");
        assert_eq!(
            summary(&report)[4],
            0,
            "{format}: every exchange reads back"
        );
        // Every operation of the three specs is exercised, conforming at least once, those
        // documented without a request example (VIA's confirmPay) too.
        for operation in report["coverage"]["operations"].as_array().unwrap() {
            assert!(operation["exchanges"].as_u64().unwrap() > 0, "{operation}");
        }
        let conforming: std::collections::BTreeSet<&str> = report["exchanges"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["verdict"] == "conforming")
            .filter_map(|e| e["operation"].as_str())
            .collect();
        assert_eq!(
            conforming.into_iter().collect::<Vec<_>>(),
            {
                let mut all = crate::BUNDLED_OPERATIONS.to_vec();
                all.sort();
                all
            },
            "{format}"
        );
    }
    let both = run(confirmspec().args(["generate", "--count", "1", "--size", "1K"]));
    assert_eq!(both.code, 2, "--count and --size are one or the other");
}
