//! The JSON Lines reader on any bytes (gzip included, when they start like it).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let lines = data.iter().filter(|b| **b == b'\n').count();
    let read = confirmspec_validator::read("fuzz.jsonl", data, |_, _| {});
    // A line is one entry at most; a gzip stream that breaks off adds one.
    assert!(read <= lines + 2);
});
